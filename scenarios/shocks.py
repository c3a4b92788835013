"""Shocks for stress tests: dated and sized disturbances, no cost."""

from __future__ import annotations

import numpy as np

from model import levers
from model.params import Param
from scenarios.base import Shock
from scenarios.interventions import DJG_SD


class EnergySpike(Shock):
    key = "energy_spike"
    label_nl = "Energieprijsschok"
    label_en = "Energy and cost-of-living spike"
    summary = "Energy bills multiply for the duration (as in 2022)."
    acts_on = ("finances",)
    EFFECTS = {
        "size": Param(
            "size",
            2.0,
            1.2,
            3.0,
            "multiplier on energy bills",
            "Energy bills relative to 2021",
            "assumption: Dutch energy prices roughly doubled for households in 2022",
        )
    }

    def apply(self, model) -> None:
        energy = levers.writable(model, "energy_cost_multiplier")
        energy *= np.where(
            self.area_mask(model), 1.0 + self.intensity * (self.effect["size"] - 1), 1.0
        )


class Recession(Shock):
    key = "recession"
    label_nl = "Recessie"
    label_en = "Recession (job losses)"
    summary = "More people lose their job and fewer find one."
    acts_on = ("life_events",)
    EFFECTS = {
        "job_loss": Param(
            "job_loss",
            1.8,
            1.2,
            2.5,
            "multiplier on job loss",
            "Job losses relative to normal years",
            "UWV: WW inflow 613,200 in 2013 vs 330,000 in 2019 (about 1.8x)",
        ),
        "job_finding": Param(
            "job_finding",
            0.6,
            0.4,
            0.9,
            "multiplier on job finding",
            "Job finding relative to normal years",
            "assumption",
        ),
    }

    def apply(self, model) -> None:
        mask = self.area_mask(model)
        loss = levers.writable(model, "job_loss_multiplier")
        loss *= np.where(mask, 1.0 + self.intensity * (self.effect["job_loss"] - 1), 1.0)
        find = levers.writable(model, "job_finding_multiplier")
        find *= np.where(mask, 1.0 + self.intensity * (self.effect["job_finding"] - 1), 1.0)


class Isolation(Shock):
    key = "isolation"
    label_nl = "Periode van isolatie"
    label_en = "Isolation period (contact loss)"
    summary = "Activities stop and ties lapse faster, as in a lockdown."
    acts_on = ("ties",)
    EFFECTS = {
        "tie_loss": Param(
            "tie_loss",
            2.0,
            1.2,
            3.0,
            "multiplier on ties ending",
            "Ties end faster while contact is restricted",
            "assumption",
        ),
        "activity_stop": Param(
            "activity_stop",
            5.0,
            1.0,
            10.0,
            "multiplier on stopping",
            "People stop activities much faster",
            "assumption",
        ),
        "loneliness_smd": Param(
            "loneliness_smd",
            0.27,
            0.14,
            0.4,
            "SMD",
            "Rise in loneliness during the period",
            "Ernst et al. 2022 (research priors mech.covid_like_shock_loneliness_smd)",
        ),
    }

    def apply(self, model) -> None:
        mask = self.area_mask(model)
        k = self.intensity
        ties = levers.writable(model, "tie_dissolution_multiplier")
        ties *= np.where(mask, 1.0 + k * (self.effect["tie_loss"] - 1), 1.0)
        stop = levers.writable(model, "participation_stop_multiplier")
        stop *= np.where(mask, 1.0 + k * (self.effect["activity_stop"] - 1), 1.0)
        res = model.residents
        inside = mask[np.maximum(res.area[: res.size], 0)] & res.alive[: res.size]
        levers.writable(model, "lonely_offset")[inside] += (
            k * self.effect["loneliness_smd"] * DJG_SD
        )


SHOCKS = {cls.key: cls for cls in (EnergySpike, Recession, Isolation)}
