"""Process 8, neighbourhood feedback. Unresolved severe problems and the
concentration of vulnerable households raise nuisance; cohesion (collective
efficacy) dampens it. Ties within blocks and participation build cohesion;
nuisance and turnover erode it. Livability follows nuisance, cohesion and
housing quality. Taking part raises felt influence; felt influence, being
helped and waiting too long move trust in the municipality.

Buurt states move towards their 2021 level plus the effect of changes in
their drivers since 2021 (so the June-2021 state is the baseline's starting
equilibrium, and scenario differences come from changed drivers).
"""

from __future__ import annotations

import numpy as np

from agents.organisation import DEBT_COUNSELLING
from agents.schema import NO_SERVICE
from model import levers
from model.mathutil import relax
from model.network import NEIGHBOUR
from model.param_spec import PRIORS, Param
from model.processes.process import Process, set_noise
from model.processes.stress import rows
from model.scales import HIGH_DISTRESS

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "trust.noise",
        0.3,
        0.1,
        0.6,
        "points (0-10, sd per month)",
        "Month-to-month fluctuation of trust",
        "assumption",
    ),
    Param(
        "influence.noise",
        0.3,
        0.1,
        0.6,
        "points (0-10, sd per month)",
        "Month-to-month fluctuation of felt influence",
        "assumption",
    ),
    Param(
        "trust.helped_gain",
        0.8,
        0.0,
        1.5,
        "points (0-10)",
        "Trust gained after being helped by a service",
        "assumption",
        calibrate=True,
    ),
    Param(
        "trust.waiting_loss",
        0.8,
        0.0,
        1.5,
        "points (0-10)",
        "Trust lost while waiting longer than the acceptable wait",
        "assumption",
    ),
    Param(
        "trust.influence_effect",
        0.3,
        0.0,
        0.6,
        "points per point of felt influence",
        "Trust follows felt influence",
        f"assumption: direction from participatory-budgeting evidence ({PRIORS} eff.pb_trust_pp)",
    ),
    Param(
        "trust.adjust",
        0.03,
        0.01,
        0.1,
        "per month",
        "Speed of trust adjustment",
        "assumption",
        calibrate=True,
    ),
    Param(
        "influence.participation_gain",
        1.0,
        0.0,
        2.0,
        "points (0-10)",
        "Felt influence gained by taking part in buurt activities",
        "assumption",
    ),
    Param(
        "influence.adjust",
        0.03,
        0.01,
        0.1,
        "per month",
        "Speed of influence adjustment",
        "assumption",
    ),
    Param(
        "svc.acceptable_wait_months",
        3.0,
        1.0,
        6.0,
        "months",
        "Wait beyond which trust in the municipality suffers",
        "assumption",
    ),
    Param(
        "nbh.adjust",
        0.05,
        0.02,
        0.15,
        "per month",
        "Speed of buurt-level adjustment",
        "assumption: buurt climates change over years",
    ),
    Param(
        "nbh.nuisance_per_unresolved",
        0.8,
        0.3,
        1.5,
        "nuisance share per share unresolved",
        "Nuisance from residents with unresolved severe problems",
        "assumption: direction from Aedes/RIGO (concentration leads to nuisance)",
    ),
    Param(
        "nbh.nuisance_per_vulnerable",
        0.3,
        0.0,
        0.6,
        "nuisance share per share vulnerable",
        "Nuisance from the concentration of vulnerable households",
        "assumption: RIGO 2018 found 15% more nuisance in corporation buurten",
    ),
    Param(
        "nbh.nuisance_cohesion_damping",
        0.03,
        0.0,
        0.06,
        "nuisance share per cohesion point",
        "Cohesion (collective efficacy) dampens nuisance",
        "assumption: Sampson et al. 1997 (direction)",
    ),
    Param(
        "nbh.cohesion_per_tie",
        0.3,
        0.1,
        0.6,
        "cohesion points per neighbour tie per adult",
        "Cohesion from ties within blocks",
        "assumption",
    ),
    Param(
        "nbh.cohesion_per_participation",
        2.0,
        0.5,
        4.0,
        "cohesion points per share participating",
        "Cohesion from participation in buurt activities",
        "assumption",
    ),
    Param(
        "nbh.cohesion_per_nuisance",
        3.0,
        1.0,
        5.0,
        "cohesion points per nuisance share",
        "Nuisance erodes cohesion",
        "assumption",
    ),
    Param(
        "nbh.cohesion_per_turnover",
        3.0,
        1.0,
        6.0,
        "cohesion points per yearly turnover share",
        "Resident turnover erodes cohesion",
        "assumption: Sampson et al. 1997 residential "
        "instability (direction); Maastricht IVA 2014-2017",
    ),
    Param(
        "nbh.livability_per_nuisance",
        4.0,
        2.0,
        8.0,
        "grade points per nuisance share",
        "Nuisance lowers the livability grade",
        "assumption",
    ),
    Param(
        "nbh.livability_per_cohesion",
        0.3,
        0.1,
        0.6,
        "grade points per cohesion point",
        "Cohesion raises the livability grade",
        "assumption",
    ),
    Param(
        "nbh.livability_per_quality",
        2.0,
        0.5,
        4.0,
        "grade points per unit dwelling quality",
        "Housing quality raises the livability grade",
        "assumption",
    ),
)


def area_drivers(m) -> dict[str, np.ndarray]:
    """Per-area inputs of the feedback loop, measured from the columns."""
    res, hh, dw, net = m.residents, m.households, m.dwellings, m.network
    n, nh, k = res.size, hh.size, len(m.areas)
    adult = res.alive[:n] & (res.age[:n] >= 18)
    area = np.maximum(res.area[:n], 0)
    h = np.maximum(res.hh[:n], 0)
    untreated_distress = (res.distress[:n] >= HIGH_DISTRESS) & (res.service[:n] == NO_SERVICE)
    debt_no_help = hh.debt[h] & ~m.household_any(res.service == DEBT_COUNSELLING)[h]
    n_adults = np.maximum(np.bincount(area[adult], minlength=k), 1)
    unresolved = (
        np.bincount(area[adult], weights=(untreated_distress | debt_no_help)[adult], minlength=k)
        / n_adults
    )
    participation = (
        np.bincount(area[adult], weights=res.participates[:n][adult], minlength=k) / n_adults
    )
    nb = net.kind == NEIGHBOUR
    neighbour_ties = np.bincount(area[net.a[nb]], minlength=k) * 2.0 / n_adults
    hh_alive = hh.alive[:nh]
    harea = np.maximum(hh.area[:nh], 0)
    n_hh = np.maximum(np.bincount(harea[hh_alive], minlength=k), 1)
    vulnerable = (
        np.bincount(harea[hh_alive], weights=hh.vulnerable[:nh][hh_alive], minlength=k) / n_hh
    )
    occupied = dw.alive[: dw.size] & (dw.occupant[: dw.size] >= 0)
    darea = dw.area[: dw.size]
    quality = np.bincount(
        darea[occupied], weights=dw.quality[: dw.size][occupied], minlength=k
    ) / np.maximum(np.bincount(darea[occupied], minlength=k), 1)
    turnover = m.moves_out_last_year() / n_hh
    m.nbh.vacant[:k] = np.bincount(
        darea[dw.alive[: dw.size] & (dw.occupant[: dw.size] < 0)], minlength=k
    )
    return {
        "unresolved": unresolved,
        "participation": participation,
        "neighbour_ties": neighbour_ties,
        "vulnerable": vulnerable,
        "quality": quality,
        "turnover": turnover,
    }


def set_references(m, d: dict[str, np.ndarray]) -> None:
    """Record the 2021 drivers that the buurt levels are anchored to."""
    nbh = m.nbh
    for name in (
        "unresolved",
        "participation",
        "neighbour_ties",
        "vulnerable",
        "quality",
        "turnover",
    ):
        getattr(nbh, f"{name}_ref")[:] = d[name]


def _update_buurt(m, d: dict[str, np.ndarray]) -> None:
    p, nbh = m.p, m.nbh
    speed = p.nbh.adjust
    nbh.unresolved_share[:] = d["unresolved"]
    nbh.vulnerable_share[:] = d["vulnerable"]
    nbh.turnover[:] = d["turnover"]
    nuisance_target = (
        nbh.nuisance_ref
        + p.nbh.nuisance_per_unresolved * (d["unresolved"] - nbh.unresolved_ref)
        + p.nbh.nuisance_per_vulnerable * (d["vulnerable"] - nbh.vulnerable_ref)
        - p.nbh.nuisance_cohesion_damping * (nbh.cohesion - nbh.cohesion_ref)
    )
    cohesion_target = (
        nbh.cohesion_ref
        + p.nbh.cohesion_per_tie * (d["neighbour_ties"] - nbh.neighbour_ties_ref)
        + p.nbh.cohesion_per_participation * (d["participation"] - nbh.participation_ref)
        - p.nbh.cohesion_per_nuisance * (nbh.nuisance - nbh.nuisance_ref)
        - p.nbh.cohesion_per_turnover * (d["turnover"] - nbh.turnover_ref)
    )
    livability_target = (
        nbh.livability_ref
        - p.nbh.livability_per_nuisance * (nbh.nuisance - nbh.nuisance_ref)
        + p.nbh.livability_per_cohesion * (nbh.cohesion - nbh.cohesion_ref)
        + p.nbh.livability_per_quality * (d["quality"] - nbh.quality_ref)
    )
    nbh.nuisance[:] = np.clip(nbh.nuisance + speed * (nuisance_target - nbh.nuisance), 0.0, 1.0)
    nbh.cohesion[:] = np.clip(nbh.cohesion + speed * (cohesion_target - nbh.cohesion), 0.0, 10.0)
    nbh.livability[:] = np.clip(
        nbh.livability + speed * (livability_target - nbh.livability), 1.0, 10.0
    )


def influence_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    return m.p.influence.participation_gain * m.residents.participates[rows(m, idx)]


def trust_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    helped = (m.month - res.helped_month[s]) < 12
    long_wait = (res.waiting[s] != NO_SERVICE) & (
        (m.month - res.wait_since[s]) > p.svc.acceptable_wait_months
    )
    return (
        p.trust.influence_effect * (res.influence[s] - 5.0)
        + p.trust.helped_gain * helped
        - p.trust.waiting_loss * long_wait
    )


def step(m) -> None:
    p, res, rng = m.p, m.residents, m.streams["neighbourhood"]
    n = res.size
    _update_buurt(m, area_drivers(m))
    alive = res.alive[:n]
    # interventions act on felt influence of the residents they reach (a lever); trust
    # follows from influence, help and waiting, never from a lever
    offsets = {"influence": levers.at(m, "influence_offset", slice(0, n)), "trust": 0.0}
    for name, drivers, speed, noise in (
        ("influence", influence_drivers, p.influence.adjust, p.influence.noise),
        ("trust", trust_drivers, p.trust.adjust, p.trust.noise),
    ):
        col, base = getattr(res, name), getattr(res, f"{name}_base")
        new = relax(
            col[:n].astype(np.float64),
            base[:n] + drivers(m) + offsets[name],
            speed,
            noise,
            rng,
        )
        col[:n] = np.where(alive, np.clip(new, 0.0, 10.0), col[:n])


def setup(m) -> None:
    set_noise(m, "trust", m.p.trust.adjust, m.p.trust.noise)
    set_noise(m, "influence", m.p.influence.adjust, m.p.influence.noise)


def init(m) -> None:
    """Anchor the buurt levels to the 2021 drivers."""
    set_references(m, area_drivers(m))


PROCESS = Process("neighbourhood", PARAMETERS, step, setup=setup, init=init)
