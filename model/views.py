"""The three views of every outcome, and the rows of the gap between them.

- **place**: each buurt as it is that month, and the focus buurten together
  (``focus``) and the rest of the simulated city (``rest``);
- **people**: the residents who lived in the focus buurten at the programme
  start, followed wherever they move in the city (``people``); before the
  programme start it is whoever lives in the focus buurten then;
- **city**: everyone simulated (``total``; all of Maastricht in a city run).

A better ``place`` value can come from other people living there; only
``people`` and ``city`` show whether residents' lives changed. The tweedeling
rows compare the focus buurten with the rest of the city: ``gap`` (focus minus
rest), ``ratio`` (focus over rest) and ``spread`` (the population-weighted
standard deviation over all simulated buurten). They exist only when the run
simulates buurten outside the focus.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from model import timeline

FOCUS, REST, PEOPLE, TOTAL = "focus", "rest", "people", "total"
GAP, RATIO, SPREAD = "gap", "ratio", "spread"
GAP_ROWS = (GAP, RATIO, SPREAD)
PROGRAMME_MONTH = timeline.month_index(timeline.PROGRAMME_START)


def focus_mask(codes: Sequence[str]) -> np.ndarray:
    """Which simulated buurten are focus buurten (all of them if none of the two is)."""
    from model.inputs.areas import FOCUS_AREAS  # model.inputs reads the indicators

    mask = np.array([c in FOCUS_AREAS for c in codes], dtype=bool)
    return mask if mask.any() else np.ones(len(codes), dtype=bool)


def view_keys(has_rest: bool) -> tuple[str, ...]:
    """The view rows, in order (no rest of the city when only focus buurten run)."""
    return (FOCUS, REST, PEOPLE, TOTAL) if has_rest else (FOCUS, PEOPLE, TOTAL)


def row_keys(area_keys: Sequence[str], codes: Sequence[str]) -> list[str]:
    """Rows of every indicator block: the buurten, then the views, then (with a rest
    of the city) the tweedeling rows."""
    has_rest = not focus_mask(codes).all()
    return list(area_keys) + list(view_keys(has_rest)) + (list(GAP_ROWS) if has_rest else [])


class Rows:
    """Aggregates per-buurt numerators and denominators into the rows of ``row_keys``."""

    def __init__(self, codes: Sequence[str]) -> None:
        self.k = len(codes)
        self.focus = focus_mask(codes)
        self.has_rest = not self.focus.all()
        self.view_keys = view_keys(self.has_rest)

    def combine(
        self, num: np.ndarray, den: np.ndarray, people: tuple[float, float], ratio: bool = True
    ) -> np.ndarray:
        """Rows from per-buurt ``num`` and ``den`` (shares and means when ``ratio``,
        else counts) and the people view's (num, den)."""

        def value(n: float, d: float) -> float:
            return n / max(d, 1) if ratio else n

        by_area = num / np.maximum(den, 1) if ratio else num.astype(float)
        f = value(num[self.focus].sum(), den[self.focus].sum())
        total = value(num.sum(), den.sum())
        p = value(*people)
        if not self.has_rest:
            return np.concatenate([by_area, [f, p, total]])
        rest = ~self.focus
        r = value(num[rest].sum(), den[rest].sum())
        gaps = [np.nan] * 3
        if ratio:
            w = den / max(den.sum(), 1)
            # math.fsum (exact) rather than a BLAS dot, whose last bits depend on the CPU
            sd = math.sqrt(math.fsum(w * (by_area - total) ** 2))
            gaps = [f - r, f / r if r != 0 else np.nan, sd]
        return np.concatenate([by_area, [f, r, p, total], gaps])

    def weighted(self, values: np.ndarray, pop: np.ndarray, people_pop: np.ndarray) -> np.ndarray:
        """Rows of a buurt value (cohesion, livability): groups weight buurten by their
        residents; the people view by where the people followed live."""
        return self.combine(values * pop, pop, (math.fsum(values * people_pop), people_pop.sum()))


def people_mask(m) -> np.ndarray:
    """Per resident slot: one of the people followed (see the module docstring)."""
    res = m.residents
    n = res.size
    if m.month < PROGRAMME_MONTH:
        return res.alive[:n] & m.view_rows.focus[np.maximum(res.area[:n], 0)]
    return res.alive[:n] & res.cohort[:n]


def mark_cohort(m) -> None:
    """At the programme start, fix who the people followed are."""
    res = m.residents
    n = res.size
    res.cohort[:n] = res.alive[:n] & m.view_rows.focus[np.maximum(res.area[:n], 0)]
