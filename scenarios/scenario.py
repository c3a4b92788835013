"""A scenario: buurten, horizon, budget, interventions, shocks and allocation policy.

It is what a ResilienceModel runs (``ResilienceModel(..., policy=scenario)``):
every month the model resets its levers and calls ``scenario.apply(model)``,
which lets each active programme set levers and returns this month's cost
per intervention and buurt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import numpy as np

from model import levers, timeline
from model.timeline import month_index, month_label
from scenarios.base import Intervention, Shock, area_mask


@dataclass
class Allocation:
    """Letting policy of the corporations from a given month: a lever of theirs, paid by
    them (``alloc.screening_eur_per_letting``, the indicator ``screening_cost_eur``), not
    by the programme budget; its legal basis is stated with that parameter."""

    screening: float | None = None  # share of lettings with intake screening
    start: str = timeline.PROGRAMME_START

    def apply(self, model, areas: list[str]) -> None:
        """Screen lettings in the scenario's own buurten only (in a city run the other
        buurten keep letting by waiting time)."""
        if self.screening is None or model.month + 1 < month_index(self.start):
            return
        levers.writable(model, "alloc_screening")[area_mask(model, areas)] = self.screening


@dataclass
class Scenario:
    name: str
    label_nl: str
    label_en: str
    description: str = ""
    areas: list[str] = field(default_factory=lambda: ["nazareth", "pottenberg"])
    start: str = timeline.START
    horizon_years: int = 10
    budget_eur_per_year: float = 700_000.0
    interventions: dict[str, Intervention] = field(default_factory=dict)
    shocks: dict[str, Shock] = field(default_factory=dict)
    allocation: Allocation = field(default_factory=Allocation)
    source: str = ""  # file it was read from
    kind: str = "portfolio"  # baseline, portfolio or stress test
    raw: dict = field(default_factory=dict, repr=False)  # the validated file content

    def __post_init__(self) -> None:
        """An intervention without buurten of its own works in the scenario's buurten
        (as the loader pins them), so its cost counts the buurten it serves."""
        for intervention in self.interventions.values():
            if intervention.areas is None:
                intervention.areas = list(self.areas)

    # ------------------------------------------------------------------ running
    def reset(self) -> None:
        """Clear programme state (participants, renovated dwellings) for a new run."""
        for programme in [*self.interventions.values(), *self.shocks.values()]:
            programme.reset()

    def apply(self, model) -> dict[str, np.ndarray]:
        """Set this month's levers; return cost per intervention per buurt (EUR)."""
        self.allocation.apply(model, self.areas)
        for shock in self.shocks.values():
            if shock.active(model):
                shock.apply(model)
        costs: dict[str, np.ndarray] = {}
        for name, intervention in self.interventions.items():
            cost = intervention.apply(model) if intervention.active(model) else None
            costs[name] = np.zeros(len(model.areas)) if cost is None else cost
        return costs

    # ------------------------------------------------------------------ budget
    @property
    def first_start(self) -> str | None:
        starts = [i.start for i in self.interventions.values() if i.intensity > 0]
        starts += [s.start for s in self.shocks.values()]
        if self.allocation.screening is not None:
            starts.append(self.allocation.start)
        return min(starts, key=month_index) if starts else None

    def yearly_costs(self) -> dict[str, float]:
        """Expected cost of each intervention in a full year of operation (EUR)."""
        return {name: i.yearly_cost() for name, i in self.interventions.items()}

    def costs_by_year(self, years: int | None = None) -> dict[int, float]:
        """Expected programme cost per calendar year over the horizon (EUR)."""
        years = years or self.horizon_years
        out: dict[int, float] = {}
        for month in range(1, 12 * years + 1):
            year = int(month_label(month)[:4])
            total = sum(
                i.yearly_cost() / 12.0
                for i in self.interventions.values()
                if i.intensity > 0 and i.first <= month < i.last
            )
            out[year] = out.get(year, 0.0) + total
        return out

    def overage(self, years: int | None = None) -> tuple[int, float] | None:
        """The calendar year with the largest spending above budget, if any."""
        worst = None
        for year, cost in self.costs_by_year(years).items():
            over = cost - self.budget_eur_per_year
            if over > 0.5 and (worst is None or over > worst[1]):
                worst = (year, over)
        return worst

    def digest(self) -> str:
        """Short hash of the scenario content (for manifests and reports)."""
        text = json.dumps(self.raw, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]
