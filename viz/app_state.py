"""The Explore page without Solara: user input, the running model, its switches and budget.

Kept apart from the Solara components so it can be tested and benchmarked
without a browser. One ``SimState`` per browser session; a lock keeps the
play thread and the page from reading a half-stepped model.
"""

from __future__ import annotations

import math
import threading
from functools import cache

import numpy as np

from model.indicators import INDICATOR_NAMES
from model.inputs.areas import FOCUS_AREAS
from model.resilience_model import ResilienceModel
from model.timeline import month_label
from scenarios.base import COST_FIELDS
from scenarios.interventions import CATALOGUE
from scenarios.loader import builtin_names, label, load_scenario
from scenarios.scenario import Scenario
from scenarios.schema import DEFAULT_BUDGET
from viz.labels import DEFAULT_LANG, PARAMS, t

MAX_MONTHS = 120  # the Explore page runs ten years, like the built-in scenarios
SEED_RANGE = (0, 2**31 - 1)
INTENSITY_RANGE = (0.1, 2.0)


# ---------------------------------------------------------------------------- user input
def parse_int(
    text: object, lo: int, hi: int, lang: str = DEFAULT_LANG
) -> tuple[int | None, str | None]:
    """A whole number in [lo, hi] from what the user typed, or (None, a one-line message)."""
    raw = "" if text is None else str(text).strip()
    try:
        value = int(raw)
    except ValueError:
        return None, t("invalid_int", lang, text=raw, lo=lo, hi=hi)
    if not lo <= value <= hi:
        return None, t("invalid_int", lang, text=raw, lo=lo, hi=hi)
    return value, None


def parse_param(
    name: str, text: object, lang: str = DEFAULT_LANG
) -> tuple[float | None, str | None]:
    """A value for registry parameter ``name`` within its plausible range, or (None, message)."""
    p = PARAMS[name]
    raw = "" if text is None else str(text).strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not p.low <= value <= p.high:
        return None, t("invalid_number", lang, text=raw, name=name, lo=p.low, hi=p.high)
    return value, None


# ---------------------------------------------------------------------------- scenarios
def scenario_names() -> list[str]:
    """Built-in scenarios the Explore page offers (baseline first)."""
    return builtin_names()


@cache
def scenario_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """The built-in scenario's label (cached: pages ask for it on every redraw)."""
    return label(load_scenario(name), lang)


@cache
def portfolio_names() -> tuple[str, ...]:
    """Built-in portfolios the Compare page offers."""
    return tuple(n for n in builtin_names() if load_scenario(n).kind == "portfolio")


def scenario_setup(name: str) -> tuple[dict[str, float], dict[str, dict]]:
    """(intensity per intervention type, 0 = off; size settings such as capacity) of a
    built-in scenario, to set the switches from."""
    switches = {key: 0.0 for key in CATALOGUE}
    sizes: dict[str, dict] = {}
    scenario = load_scenario(name)
    for intervention in scenario.interventions.values():
        key = type(intervention).key
        switches[key] = float(intervention.intensity)
        # one switch per type: a type run in each buurt separately (a meeting place in
        # Nazareth and one in Pottenberg) becomes one programme serving both
        areas = sizes.get(key, {}).get("areas", []) + list(intervention.areas or scenario.areas)
        sizes[key] = {f: getattr(intervention, f) for f in COST_FIELDS}
        sizes[key]["areas"] = list(dict.fromkeys(areas))
    return switches, sizes


def make_intervention(key: str, intensity: float, sizes: dict[str, dict], start_month: int):
    """One intervention of the catalogue, switched on from ``start_month``, in the buurten
    its sizes name (default: the focus buurten the app shows, so an area programme costs
    one programme per buurt)."""
    settings = {"areas": list(FOCUS_AREAS), **sizes.get(key, {})}
    return CATALOGUE[key](start=month_label(start_month), intensity=intensity, **settings)


def budget(
    switches: dict[str, float], sizes: dict[str, dict] | None = None
) -> tuple[float, float, float]:
    """(yearly cost of the switched-on interventions, the budget, cost / budget)."""
    sizes = sizes or {}
    total = sum(
        make_intervention(k, v, sizes, 1).yearly_cost() for k, v in switches.items() if v > 0
    )
    return float(total), DEFAULT_BUDGET, float(total) / DEFAULT_BUDGET


# ---------------------------------------------------------------------------- the model
class SimState:
    """The model the Explore page shows, with the switches that steer it.

    Switched-on interventions act from the month after they are switched on (from
    July 2021 after a reset); switching one off sets its intensity to 0, so its
    participants and history stay. Shocks of a stress-test scenario keep their dates.
    """

    def __init__(
        self,
        seed: int = 7,
        scenario: str = "baseline",
        params: dict[str, float] | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.params = dict(params or {})
        self.choose_scenario(scenario)

    def choose_scenario(self, name: str) -> None:
        """Set the switches from a built-in scenario and start again."""
        self.scenario = name
        self.switches, self.sizes = scenario_setup(name)
        self.reset()

    def reset(self) -> None:
        """A fresh model at June 2021 with the current seed, switches and parameters."""
        with self.lock:
            shocks = load_scenario(self.scenario).shocks
            self.policy = Scenario(
                name="app", label_nl="app", label_en="app", kind="portfolio", shocks=shocks
            )
            for key, value in self.switches.items():
                if value > 0:
                    self.policy.interventions[key] = make_intervention(key, value, self.sizes, 1)
            self.model = ResilienceModel(rng=self.seed, params=self.params, policy=self.policy)

    def set_intensity(self, key: str, value: float) -> None:
        """Switch an intervention on (value > 0), change its intensity, or switch it off."""
        with self.lock:
            self.switches[key] = float(value)
            running = self.policy.interventions.get(key)
            if running is not None:
                running.intensity = float(value)
            elif value > 0:
                self.policy.interventions[key] = make_intervention(
                    key, value, self.sizes, self.model.month + 1
                )

    def budget(self) -> tuple[float, float, float]:
        return budget(self.switches, self.sizes)

    @property
    def month(self) -> int:
        return self.model.month

    @property
    def date(self) -> str:
        return self.model.date

    @property
    def finished(self) -> bool:
        return self.model.month >= MAX_MONTHS

    def step(self, n: int = 1) -> None:
        """Advance ``n`` months (not beyond ten years)."""
        with self.lock:
            for _ in range(n):
                if self.finished:
                    return
                self.model.step()

    def series(self, indicator: str) -> dict[str, np.ndarray]:
        """Per buurt key (and 'total'), the indicator's value every month so far."""
        with self.lock:
            rec = self.model.recorder
            data = rec.array()[:, :, INDICATOR_NAMES.index(indicator)]
            return {k: data[:, j] for j, k in enumerate(rec.area_keys())}

    def current(self, indicator: str) -> dict[str, float]:
        with self.lock:
            rec = self.model.recorder
            return {k: rec.value(indicator, k) for k in rec.area_keys()}

    def household_values(self, layer: str) -> np.ndarray:
        """Per household slot, the value of a map layer (viz.labels.MAP_LAYERS)."""
        m = self.model
        res, hh = m.residents, m.households
        if layer == "resilience":
            return m.household_mean(res.resilience, adults_only=True)
        if layer == "distress":
            return m.household_mean(res.distress, adults_only=True)
        if layer == "lonely":
            return m.household_mean(res.lonely, adults_only=True)
        if layer == "debt":
            return hh.debt[: hh.size].astype(float)
        if layer == "problems":
            return problem_counts(m)
        raise KeyError(layer)


def problem_counts(m: ResilienceModel) -> np.ndarray:
    """Per household slot, the mean number of problems of its adults (see problems_of)."""
    res = m.residents
    idx = res.active()
    idx = idx[res.age[idx] >= 18]
    count = np.array([len(p) for p in m.problems_of(idx)], dtype=float)
    column = np.zeros(res.size)
    column[idx] = count
    return m.household_mean(column, adults_only=True)
