"""Interventions and shocks: the building blocks of scenarios.

An intervention is one programme: it starts and ends on given months, acts
in some buurten on a target group, has an intensity (1 = the programme as
described; 0 = switched off), a capacity (participants a year) and a cost
model (fixed per year + FTE + per participant). Every month it is active it
sets levers (``model/levers.py``) and reports what it cost. Effects and
costs are parameters with units and sources (``EFFECTS`` and ``COSTS`` of
each class).

Intervention selection of participants is deterministic (by need, then by
slot), so interventions draw no random numbers: a scenario is bit-identical
to the baseline until its first programme starts, and an intervention at
zero intensity changes nothing at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from model.param_spec import PRIORS, Param
from model.timeline import month_index

# The cost model's inputs: unit, meaning and role of each (capacity and staff are what
# the municipality chooses to fund; prices are uncertain).
COST_FIELDS: dict[str, tuple[str, str, str]] = {
    "fixed_eur": ("EUR per year", "Fixed yearly cost (rent, activities, budget)", "uncertain"),
    "fte": ("FTE", "Staff employed by the programme", "policy"),
    "capacity": ("participants per year", "Participants taken on in a year", "policy"),
    "eur_per_participant": ("EUR per participant", "Cost of one participant", "uncertain"),
}
# How strong the evidence behind an effect is, strongest first: randomised trials
# (pooled or single), quasi-experimental comparisons, monitoring figures (what a service
# reaches), associations, an expert's estimate, or nothing (the default is then
# conservative and the range is what the uncertainty analysis draws from).
DESIGNS = (
    "meta-analysis",
    "RCT",
    "quasi-experimental",
    "monitoring",
    "associational",
    "expert estimate",
    "no evidence",
)
EUR_PER_FTE = Param(
    "cost.eur_per_fte",
    80_000.0,
    65_000.0,
    95_000.0,
    "EUR per FTE per year, all-in",
    "Yearly cost of one FTE of social or community work",
    f"own estimate, not sourced ({PRIORS} cost.social_worker_fte)",
)


def cost_params(key: str, source: str, values: Mapping[str, float]) -> tuple[Param, ...]:
    """Declare an intervention's unit costs as parameters, each named in full
    (``cost.<key>.<field>``) with the class's cost source; the range (half to
    double) is an assumption."""
    params = []
    for name, value in values.items():
        field = name.removeprefix(f"cost.{key}.")
        if field not in COST_FIELDS:
            raise ValueError(f"{name}: expected cost.{key}.<one of {', '.join(COST_FIELDS)}>")
        unit, description, role = COST_FIELDS[field]
        params.append(
            Param(
                name,
                float(value),
                0.5 * value,
                2.0 * value,
                unit,
                description,
                f"{source}; range assumption: half to double",
                role=role,
            )
        )
    return tuple(params)


@dataclass
class Enrolment:
    """Who takes part in a programme now (slots with serials, and until when)."""

    slots: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    serials: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    until: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    carry: float = 0.0  # fractional intake carried to next month

    def current(self, table, month: int) -> np.ndarray:
        """Drop those who finished or left; return the slots still enrolled."""
        keep = (self.until > month) & (table.serial[self.slots] == self.serials)
        self.slots, self.serials, self.until = (
            self.slots[keep],
            self.serials[keep],
            self.until[keep],
        )
        return self.slots

    def admit(self, table, slots: np.ndarray, until: int) -> None:
        self.slots = np.concatenate([self.slots, slots])
        self.serials = np.concatenate([self.serials, table.serial[slots]])
        self.until = np.concatenate([self.until, np.full(slots.size, until, dtype=np.int64)])


class Programme:
    """What interventions and shocks share: dates, areas, intensity."""

    key: ClassVar[str] = ""
    label_nl: ClassVar[str] = ""
    label_en: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    acts_on: ClassVar[tuple[str, ...]] = ()
    EFFECTS: ClassVar[dict[str, Param]] = {}
    # the design of the evidence behind each effect (one of DESIGNS), for the evidence table
    DESIGN: ClassVar[dict[str, str]] = {}

    def __init__(
        self,
        start: str,
        end: str | None = None,
        areas: list[str] | None = None,
        intensity: float = 1.0,
        **effects: float,
    ) -> None:
        self.start, self.end = start, end
        self.first = month_index(start)
        self.last = month_index(end) if end else 10**9
        self.areas = areas
        self.intensity = float(intensity)
        unknown = set(effects) - set(self.EFFECTS)
        if unknown:
            raise KeyError(sorted(unknown)[0])
        self.effect = {
            name: float(effects.get(name, p.default)) for name, p in self.EFFECTS.items()
        }
        # effects the scenario file sets: its choice, not drawn in the uncertainty analysis
        self.given_effects = frozenset(effects)

    def active(self, model) -> bool:
        """True in the months (simulated by the coming step) within [start, end)."""
        month = model.month + 1
        return self.intensity > 0 and self.first <= month < self.last

    def area_mask(self, model) -> np.ndarray:
        """Which of the model's buurten the programme works in."""
        return area_mask(model, self.areas)

    def apply(self, model) -> np.ndarray | None:
        """Set levers for this month; return the cost per area in EUR (or None)."""
        raise NotImplementedError

    def reset(self) -> None:
        """Forget what happened in an earlier run (called when a model starts)."""


def area_mask(model, areas: list[str] | None) -> np.ndarray:
    """Which of the model's buurten ``areas`` names (by key, code or name; None: all)."""
    if areas is None:
        return np.ones(len(model.areas), dtype=bool)
    wanted = {a.lower() for a in areas}
    return np.array(
        [
            a.key in wanted or a.code.lower() in wanted or a.name.lower() in wanted
            for a in model.areas
        ]
    )


class Intervention(Programme):
    """A programme with a target group, capacity and a cost model."""

    target_indicator: ClassVar[str] = ""
    direction: ClassVar[str] = "lower"  # the target indicator should go down ('lower') or up
    # True where the evidence (or the programme's small reach) leaves an effect too small to
    # show in buurt-wide indicators; the paired check then expects about no change
    near_zero: ClassVar[bool] = False
    evidence: ClassVar[str] = ""
    group: ClassVar[str] = "all residents in the buurt"
    # cost model at intensity 1 (EUR per year unless stated): the values come from the
    # class's COSTS declarations (``cost_params``); a scenario may override them
    fixed_eur: ClassVar[float] = 0.0
    fte: ClassVar[float] = 0.0
    eur_per_fte: ClassVar[float] = EUR_PER_FTE.default
    capacity: ClassVar[float] = 0.0  # participants a year
    eur_per_participant: ClassVar[float] = 0.0
    months_enrolled: ClassVar[int] = 12
    # True for area programmes (a meeting place, a residents' budget): the fixed cost, the
    # staff and the capacity are per buurt served, so two buurten cost two programmes
    per_buurt: ClassVar[bool] = False
    cost_source: ClassVar[str] = ""
    COSTS: ClassVar[tuple[Param, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        """Take the class's cost values from its declared cost parameters."""
        super().__init_subclass__(**kwargs)
        for p in cls.__dict__.get("COSTS", ()):
            setattr(cls, p.name.rsplit(".", 1)[1], p.default)

    def __init__(
        self,
        start: str,
        end: str | None = None,
        areas: list[str] | None = None,
        intensity: float = 1.0,
        capacity: float | None = None,
        fte: float | None = None,
        fixed_eur: float | None = None,
        eur_per_participant: float | None = None,
        **effects: float,
    ) -> None:
        super().__init__(start, end, areas, intensity, **effects)
        if capacity is not None:
            self.capacity = float(capacity)
        if fte is not None:
            self.fte = float(fte)
        if fixed_eur is not None:
            self.fixed_eur = float(fixed_eur)
        if eur_per_participant is not None:
            self.eur_per_participant = float(eur_per_participant)
        self.reset()

    def reset(self) -> None:
        self.enrolment = Enrolment()
        # who the programme acted on in its last month (resident slots) and who was
        # eligible then: the reach test checks reached <= eligible and that levers change
        # only for those reached
        self.reached = np.empty(0, dtype=np.int64)
        self.eligible = np.empty(0, dtype=np.int64)
        self.reached_households = np.empty(0, dtype=np.int64)

    # ------------------------------------------------------------------ costs
    def buurten_served(self, model=None) -> int:
        """How many buurten the programme works in (1 if it cannot tell: no model, no
        areas named)."""
        if model is not None:
            return int(self.area_mask(model).sum())
        return len(self.areas) if self.areas else 1

    def copies(self, model=None) -> int:
        """Programmes run: one per buurt served for area programmes, else one."""
        return self.buurten_served(model) if self.per_buurt else 1

    def yearly_cost(self, model=None) -> float:
        """Expected cost of a full year at this intensity (EUR)."""
        return sum(self.cost_breakdown(model).values())

    def cost_breakdown(self, model=None) -> dict[str, float]:
        k = self.intensity * self.copies(model)
        return {
            "fixed": k * self.fixed_eur,
            "staff": k * self.fte * self.eur_per_fte,
            "participants": k * self.capacity * self.eur_per_participant,
        }

    def overhead_cost(self, model) -> np.ndarray:
        """This month's fixed and staff cost per buurt: for area programmes each buurt
        served pays its own programme; otherwise the cost is split by population."""
        mask = self.area_mask(model)
        monthly = self.intensity * (self.fixed_eur + self.fte * self.eur_per_fte) / 12.0
        if self.per_buurt:
            return monthly * mask.astype(float)
        pop = np.array([a.population for a in model.areas], dtype=float) * mask
        share = pop / pop.sum() if pop.sum() else pop
        return monthly * share

    def participant_cost(self, model, new: np.ndarray) -> np.ndarray:
        areas = model.residents.area[new]
        return self.eur_per_participant * np.bincount(areas, minlength=len(model.areas))

    # ------------------------------------------------------------------ participants
    def in_target_areas(self, model, slots: np.ndarray) -> np.ndarray:
        return self.area_mask(model)[np.maximum(model.residents.area[slots], 0)]

    def enrol(
        self, model, eligible: np.ndarray, need: np.ndarray, share: float = 1.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """Admit this month's intake (capacity x intensity x share / 12, the neediest
        first) among ``eligible`` resident slots; ``share`` is the part of those
        contacted who take part. Returns (all enrolled now, newly admitted)."""
        res, month = model.residents, model.month + 1
        current = self.enrolment.current(res, month)
        capacity = self.capacity * self.copies(model)
        room = capacity * self.intensity * share / 12.0 + self.enrolment.carry
        take = int(np.floor(room))
        self.enrolment.carry = room - take
        fresh = ~np.isin(eligible, current)
        candidates, need = eligible[fresh], np.asarray(need)[fresh]
        if take > 0 and candidates.size:
            order = np.lexsort((candidates, -need))  # neediest first, then by slot
            new = candidates[order[:take]]
            self.enrolment.admit(res, new, month + self.months_enrolled)
        else:
            new = np.empty(0, dtype=np.int64)
        enrolled = self.enrolment.current(res, month)
        self.eligible = np.union1d(np.asarray(eligible, dtype=np.int64), current)
        self.reached = enrolled
        self.reached_households = res.hh[enrolled]
        return enrolled, new


class Shock(Programme):
    """A dated, sized disturbance for stress tests (no cost)."""

    def apply(self, model) -> None:
        raise NotImplementedError
