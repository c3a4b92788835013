"""Summaries of an ensemble: levels, paired differences with the baseline, costs
and cost per unit of improvement, stress-test drops and recovery.

Conventions (also in the header of the CSV files' documentation, README):

* Month index t counts months from June 2021 (t = 0 is the start state). The
  programme start P is the earliest intervention start of the compared
  (non-baseline) scenarios; a horizon of h years is month P + 12 h, for every
  scenario including the baseline, so horizons are comparable.
* Replicate r of every scenario uses the same seed and the same uncertainty draw
  (common random numbers; ``experiments.uncertainty``), so differences are
  paired: d_r = scenario_r - baseline_r. ``diff_mean`` is the mean of d_r;
  ``diff_p05``/``diff_p95`` are a 90% interval of that mean from the
  t-distribution over the g uncertainty draws: mean +/- t(0.95, g - 1) *
  sd(draw means) / sqrt(g) (Monte Carlo error; NaN with one draw).
  ``diff_low``/``diff_high`` are the 5th and 95th percentiles of d_r: what the
  difference may be given chance and what we do not know (``INTERVAL_RULE``).
  ``p10``/``p90`` are the 10th and 90th percentiles of the level across
  replicates (spread of outcomes, not uncertainty of the mean).
* Costs: ``cost_eur_per_year`` is the realised programme cost per year over the
  h years from the programme start (months P .. P + 12 h - 1), mean over
  replicates; ``eur_per_unit`` is that cumulative cost divided by the
  improvement at the horizon, counted in people or households for shares
  (difference in share x adults, households, residents or labour force of the
  scenario at the horizon) and in points for scores. It is NaN when the
  improvement is not in the indicator's good direction or its 90% interval
  includes zero. Which cost goes with which row: a buurt, ``focus`` and
  ``rest`` carry the cost spent there (a place bought with its own money);
  ``people`` and ``total`` carry the cost of the whole programme, since the
  people followed and the city get all of it. ``eur_per_unit`` is NaN where no
  money was spent in the row (a gain there is spill-over, not bought) and always
  for the tweedeling rows ``gap``, ``ratio`` and ``spread`` (a difference
  between places has no price). Only indicators with a unit of improvement are
  priced (IMPROVEMENT, SCORE_UNIT); descriptive ones such as
  ``vulnerable_share`` never are.
* Views (``model.views``): ``focus`` and the buurten are the place, ``people``
  the residents of the focus buurten at the programme start wherever they
  live, ``total`` the city (all of Maastricht in a run of all 44 buurten). The
  ``view`` column says which; views.csv splits the place effect into change
  (the people effect) and composition (place minus people, per replicate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from model.timeline import month_dates, month_label
from model.views import FOCUS, GAP, GAP_ROWS, PEOPLE, TOTAL

if TYPE_CHECKING:
    from model.indicators import Indicator

HORIZONS = (2, 5, 10)
MAIN_INDICATORS = (
    "resilience_mean",
    "low_resilience_share",
    "lonely_share",
    "financial_worries_share",
    "problem_debt_share",
    "psych_distress_share",
    "trust_municipality_share",
    "social_cohesion_score",
    "livability_score",
)
HEADLINE_INDICATORS = (
    "resilience_mean",
    "low_resilience_share",
    "lonely_share",
    "problem_debt_share",
    "psych_distress_share",
    "trust_municipality_share",
)
COST_PREFIX = "cost_eur:"
SUMMARY_COLUMNS = [
    "scenario",
    "label_en",
    "label_nl",
    "kind",
    "area",
    "indicator",
    "unit",
    "direction",
    "horizon_years",
    "month",
    "mean",
    "p10",
    "p90",
    "diff_mean",
    "diff_p05",
    "diff_p95",
    "diff_low",
    "diff_high",
    "sd_chance",
    "sd_uncertainty",
    "p_better",
    "detectable",
    "meaningful",
    "n_replicates",
    "n_draws",
    "cost_eur_per_year",
    "cost_eur_cumulative",
    "eur_per_unit",
    "per_unit",
    "budget_eur_per_year",
    "over_budget_year",
    "over_budget_eur",
    "view",
    "simulated",
]
# What one unit of improvement is, for 'EUR per ...': of a share, one member of the
# indicator's population ('resident', 'household') changes as IMPROVEMENT says; of a
# score or a count, the difference is already in the units of SCORE_UNIT.
IMPROVEMENT = {
    "low_resilience_share": "out of low resilience",
    "lonely_share": "out of loneliness",
    "severely_lonely_share": "out of severe loneliness",
    "financial_worries_share": "out of difficulty making ends meet",
    "payment_arrears_share": "out of payment arrears",
    "problem_debt_share": "out of problematic debt",
    "good_health_share": "more in good health",
    "psych_distress_share": "out of high psychological distress",
    "low_control_share": "out of a low sense of control",
    "trust_municipality_share": "more trusting the municipality",
    "felt_influence_share": "more feeling influence on the buurt",
    "nuisance_share": "fewer reporting social nuisance",
    "unemployment_share": "out of unemployment",
}
SCORE_UNIT = {
    "resilience_mean": "point of mean resilience (index 0-10)",
    "social_cohesion_score": "point of social cohesion (scale 0-10)",
    "livability_score": "point of the livability grade (1-10)",
    "waiting_list": "person fewer on a waiting list",
}


def per_unit(ind: Indicator) -> str:
    """'resident out of loneliness': one unit of improvement of ``ind`` ('' if none)."""
    if ind.name in IMPROVEMENT:
        return f"{ind.population.member} {IMPROVEMENT[ind.name]}"
    return SCORE_UNIT.get(ind.name, "")


def view_of(area: str) -> str:
    """The view a summary row belongs to: place, people, city or tweedeling."""
    if area == PEOPLE:
        return "people"
    if area == TOTAL:
        return "city"
    return "tweedeling" if area in GAP_ROWS else "place"


def priced(ind: Indicator) -> bool:
    """Whether an improvement of ``ind`` has a price (descriptive indicators have none)."""
    return good_sign(ind.direction) != 0 and (ind.name in IMPROVEMENT or ind.name in SCORE_UNIT)


def denominator(ind: Indicator) -> str | None:
    """The run file's count that a share indicator is a share of (None for scores):
    the count of the indicator's population."""
    return ind.population.count if ind.is_share else None


def good_sign(direction: str) -> float:
    """+1 if higher is better, -1 if lower is better, 0 if neutral."""
    return {"higher_better": 1.0, "lower_better": -1.0}.get(direction, 0.0)


def t_quantile(df: int, p: float = 0.95) -> float:
    from scipy.special import stdtrit

    return float(stdtrit(df, p)) if df >= 1 else math.nan


def horizons_in_run(programme_start: int, years: int) -> list[int]:
    """Horizons (years after the programme start) that lie within the run: 2, 5
    and 10; if none fits, the longest whole number of years that does (if any)."""
    last = 12 * years
    fits = [h for h in HORIZONS if programme_start + 12 * h <= last]
    if fits:
        return fits
    longest = (last - programme_start) // 12
    return [longest] if longest >= 1 else []


# ---------------------------------------------------------------------- loading
@dataclass
class Cube:
    """All runs of one scenario: values[replicate, month, area, indicator]."""

    scenario: object
    replicates: list[int]
    values: np.ndarray
    indicators: list[str]
    draws: np.ndarray | None = None  # the uncertainty draw of each replicate (None: own)

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.indicators)}

    @property
    def cost_names(self) -> list[str]:
        return [n for n in self.indicators if n.startswith(COST_PREFIX)]

    def get(self, indicator: str) -> np.ndarray:
        """[replicates, months, areas]; NaN if the indicator is not in the runs."""
        i = self.index.get(indicator)
        if i is None:
            return np.full(self.values.shape[:3], np.nan)
        return self.values[:, :, :, i]

    def cost(self) -> np.ndarray:
        """Programme cost per month, all interventions: [replicates, months, areas]."""
        idx = [self.index[n] for n in self.cost_names]
        if not idx:
            return np.zeros(self.values.shape[:3])
        return self.values[:, :, :, idx].sum(axis=3)


def read_run(path: Path, area_keys: list[str], n_months: int, names: list[str]) -> np.ndarray:
    """One run file as an array [months, areas, indicators] over ``names`` (which
    is extended in place with indicators not seen before)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["month", "area", "indicator", "value"])
    indicator = table.column("indicator")
    for name in pc.unique(indicator).to_pylist():
        if name not in names:
            names.append(name)
    i = pc.index_in(indicator, value_set=pa_strings(names)).to_numpy(zero_copy_only=False)
    a = pc.index_in(table.column("area"), value_set=pa_strings(area_keys))
    a = a.to_numpy(zero_copy_only=False)
    month = table.column("month").to_numpy().astype("datetime64[M]")
    t = (month - month_dates(1)[0]).astype(np.int64)
    keep = ~(np.isnan(a.astype(float)) | (t < 0) | (t >= n_months))
    out = np.full((n_months, len(area_keys), len(names)), np.nan)
    out[t[keep], a[keep].astype(np.int64), i[keep].astype(np.int64)] = table.column(
        "value"
    ).to_numpy()[keep]
    return out


def pa_strings(values: list[str]):
    import pyarrow as pa

    return pa.array(values, type=pa.string())


def load_cubes(
    runs: dict[str, list[tuple[int, Path]]],
    scenarios: dict[str, object],
    area_keys: list[str],
    n_months: int,
    draws: dict[int, int] | None = None,
) -> dict[str, Cube]:
    """Read every run file once (four columns) into one cube per scenario;
    ``draws`` gives the uncertainty draw of each replicate (default: its own)."""
    from model.indicators import COUNTS, INDICATOR_NAMES

    cubes = {}
    for name, items in runs.items():
        names = list(INDICATOR_NAMES) + list(COUNTS)
        arrays = [read_run(path, area_keys, n_months, names) for _, path in items]
        width = len(names)
        arrays = [
            np.concatenate([x, np.full(x.shape[:2] + (width - x.shape[2],), np.nan)], axis=2)
            if x.shape[2] < width
            else x
            for x in arrays
        ]
        cubes[name] = Cube(
            scenario=scenarios[name],
            replicates=[r for r, _ in items],
            values=np.stack(arrays),
            indicators=names,
            draws=np.array([(draws or {}).get(r, r) for r, _ in items]),
        )
    return cubes


# ---------------------------------------------------------------------- statistics
def paired_stats(
    d: np.ndarray, draws: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean of paired differences (axis 0) and its 90% t-interval (Monte Carlo error;
    replicates that share an uncertainty draw count as one, see ``spread``)."""
    sp = spread(d, draws)
    return sp.mean, sp.mc_low, sp.mc_high


INTERVAL_RULE = (
    "diff_p05/diff_p95: 90% interval of the mean paired difference from the finite number of "
    "runs (Monte Carlo error only): mean +/- t(0.95, g-1) * sd(draw means) / sqrt(g) over the "
    "g uncertainty draws (each replicate its own draw when nothing is drawn); it narrows with "
    "more runs. diff_low/diff_high: 5th and 95th percentile of the paired difference over the "
    "replicates, i.e. what it may be given chance in the model and, when drawn, parameter and "
    "effect uncertainty; it does not narrow with more runs. sd_chance and sd_uncertainty split "
    "its spread (one-way analysis of variance over draws with two or more seeds each)."
)


@dataclass(frozen=True)
class Spread:
    """A paired difference over replicates, with the two sources of its spread apart."""

    mean: np.ndarray
    mc_low: np.ndarray  # 90% interval of the mean (Monte Carlo error)
    mc_high: np.ndarray
    low: np.ndarray  # 5th and 95th percentile of the difference itself
    high: np.ndarray
    sd_chance: np.ndarray
    sd_uncertainty: np.ndarray


def spread(d: np.ndarray, draws: np.ndarray | None = None, uncertain: bool = False) -> Spread:
    """``d[replicate, ...]``: paired differences; ``draws[replicate]`` the uncertainty
    draw of each replicate (None: each its own). ``uncertain`` False means nothing but
    the seed differs between replicates, so all spread is chance."""
    n = d.shape[0]
    draws = np.arange(n) if draws is None else np.asarray(draws)
    groups, inverse = np.unique(draws, return_inverse=True)
    g = groups.size
    mean = d.mean(axis=0)
    nan = np.full_like(mean, np.nan, dtype=float)
    if n < 2:
        return Spread(mean, nan, nan, nan, nan, nan, nan)
    low, high = np.percentile(d, [5, 95], axis=0)
    size = np.bincount(inverse, minlength=g).astype(float)
    shape = (g,) + (1,) * (d.ndim - 1)
    group_mean = np.zeros((g,) + d.shape[1:])
    np.add.at(group_mean, inverse, d)
    group_mean /= size.reshape(shape)
    if g >= 2:
        half = t_quantile(g - 1) * group_mean.std(axis=0, ddof=1) / math.sqrt(g)
        mc_low, mc_high = mean - half, mean + half
    else:
        mc_low = mc_high = nan
    if not uncertain:
        sd_chance, sd_unc = d.std(axis=0, ddof=1), np.zeros_like(mean)
    elif n > g and g >= 2:
        within = ((d - group_mean[inverse]) ** 2).sum(axis=0) / (n - g)
        between = group_mean.var(axis=0, ddof=1) - within / (n / g)
        sd_chance, sd_unc = np.sqrt(within), np.sqrt(np.maximum(between, 0.0))
    else:  # one seed per draw: the two sources cannot be told apart
        sd_chance = sd_unc = nan
    return Spread(mean, mc_low, mc_high, low, high, sd_chance, sd_unc)


def p_better(d: np.ndarray, direction: str) -> np.ndarray:
    """Share of replicates in which the difference is in the good direction (ties count
    half; NaN for an indicator without a good direction)."""
    sign = good_sign(direction)
    if sign == 0:
        return np.full(d.shape[1:], np.nan)
    return (sign * d > 0).mean(axis=0) + 0.5 * (d == 0).mean(axis=0)


def indicator_info(name: str):
    from model.indicators import BY_NAME

    return BY_NAME.get(name)


def summary_rows(
    cubes: dict[str, Cube],
    baseline: str,
    programme_start: int,
    years: int,
    area_keys: list[str],
    overages: dict[str, tuple[int, float]] | None = None,
    simulated: str = "",
    uncertain: bool = False,
):
    """summary.csv as a pandas DataFrame (columns SUMMARY_COLUMNS); ``simulated`` says
    which buurten the runs simulate (the whole city or part of it); ``uncertain``
    whether anything but the seed was drawn (``spread``; the cubes carry the draws)."""
    import pandas as pd

    from model.indicators import INDICATORS

    overages = overages or {}
    base = cubes[baseline]
    rows = []
    for name, cube in cubes.items():
        s = cube.scenario
        b_rows = [base.replicates.index(r) for r in cube.replicates]
        groups = cube.draws if cube.draws is not None else np.array(cube.replicates)
        n_draws = len(set(groups.tolist()))
        over = overages.get(name)
        cost = cube.cost().mean(axis=0)  # [months, areas]
        for h in horizons_in_run(programme_start, years):
            t = programme_start + 12 * h
            cum = cost[programme_start:t].sum(axis=0)  # per area
            for ind in INDICATORS:
                v = cube.get(ind.name)[:, t, :]  # [reps, areas]
                d = v - base.get(ind.name)[b_rows, t, :]
                mean = v.mean(axis=0)
                p10, p90 = np.percentile(v, [10, 90], axis=0)
                sp = spread(d, groups, uncertain)
                dm, d05, d95 = sp.mean, sp.mc_low, sp.mc_high
                better = p_better(d, ind.direction)
                threshold = ind.meaningful
                sign = good_sign(ind.direction) if priced(ind) else 0.0
                denom_name = denominator(ind)
                if denom_name is not None:
                    denom = cube.get(denom_name)[:, t, :].mean(axis=0)
                elif ind.unit.startswith("share") or sign == 0:
                    denom = np.full(len(area_keys), np.nan)
                else:  # scores and counts: the difference is already in units
                    denom = np.ones(len(area_keys))
                for j, area in enumerate(area_keys):
                    gain = sign * dm[j] * denom[j]
                    clear = sign != 0 and sign * d05[j] > 0 and sign * d95[j] > 0
                    bought = area not in GAP_ROWS and cum[j] > 0
                    eur = cum[j] / gain if clear and bought and gain > 0 else math.nan
                    rows.append(
                        {
                            "scenario": name,
                            "label_en": s.label_en,
                            "label_nl": s.label_nl,
                            "kind": s.kind,
                            "area": area,
                            "indicator": ind.name,
                            "unit": ind.unit,
                            "direction": ind.direction,
                            "horizon_years": h,
                            "month": month_label(t),
                            "mean": mean[j],
                            "p10": p10[j],
                            "p90": p90[j],
                            "diff_mean": dm[j],
                            "diff_p05": d05[j],
                            "diff_p95": d95[j],
                            "diff_low": sp.low[j],
                            "diff_high": sp.high[j],
                            "sd_chance": sp.sd_chance[j],
                            "sd_uncertainty": sp.sd_uncertainty[j],
                            "p_better": better[j],
                            "detectable": bool(d05[j] > 0 or d95[j] < 0),
                            "meaningful": None
                            if threshold is None
                            else bool(abs(dm[j]) >= threshold),
                            "n_replicates": len(cube.replicates),
                            "n_draws": n_draws,
                            "cost_eur_per_year": cum[j] / h,
                            "cost_eur_cumulative": cum[j],
                            "eur_per_unit": eur,
                            "per_unit": per_unit(ind) if sign else "",
                            "budget_eur_per_year": s.budget_eur_per_year,
                            "over_budget_year": over[0] if over else None,
                            "over_budget_eur": over[1] if over else None,
                            "view": view_of(area),
                            "simulated": simulated,
                        }
                    )
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return frame.astype({"over_budget_year": "Int64", "meaningful": "boolean"})


def cost_rows(cubes: dict[str, Cube], years: int):
    """costs.csv: realised cost per intervention per calendar year (mean over
    replicates, all buurten) with the planned cost and the budget."""
    import pandas as pd

    n_months = 12 * years + 1
    year_of = np.array([int(month_label(t)[:4]) for t in range(n_months)])
    calendar = sorted(set(year_of[1:].tolist()))
    rows = []
    for name, cube in cubes.items():
        s = cube.scenario
        planned_total = s.costs_by_year(years)
        totals = {y: 0.0 for y in calendar}
        for iv_name, iv in s.interventions.items():
            series = cube.get(COST_PREFIX + iv_name)[:, :, -1].mean(axis=0)  # total area
            series = np.nan_to_num(series)
            for y in calendar:
                months = [t for t in range(1, n_months) if year_of[t] == y]
                active = [t for t in months if iv.intensity > 0 and iv.first <= t < iv.last]
                realised = float(series[months].sum())
                totals[y] += realised
                rows.append(
                    {
                        "scenario": name,
                        "intervention": iv_name,
                        "label_en": type(iv).label_en,
                        "label_nl": type(iv).label_nl,
                        "year": y,
                        "months_simulated": len(months),
                        "cost_eur": realised,
                        "planned_eur": iv.yearly_cost() / 12.0 * len(active),
                        "budget_eur_per_year": None,
                    }
                )
        if s.interventions:
            for y in calendar:
                rows.append(
                    {
                        "scenario": name,
                        "intervention": "total",
                        "label_en": "All interventions",
                        "label_nl": "Alle interventies",
                        "year": y,
                        "months_simulated": int((year_of[1:] == y).sum()),
                        "cost_eur": totals[y],
                        "planned_eur": planned_total.get(y, 0.0),
                        "budget_eur_per_year": s.budget_eur_per_year,
                    }
                )
    columns = [
        "scenario",
        "intervention",
        "label_en",
        "label_nl",
        "year",
        "months_simulated",
        "cost_eur",
        "planned_eur",
        "budget_eur_per_year",
    ]
    return pd.DataFrame(rows, columns=columns)


def _bad(direction: str, dev: np.ndarray) -> np.ndarray:
    """Deviation in the bad direction (positive = worse)."""
    sign = good_sign(direction)
    return np.abs(dev) if sign == 0 else -sign * dev


def _recovery(
    bad_series: np.ndarray, end: int | None, worst: int, tolerance: float
) -> tuple[int, float]:
    """First month from the end of the shock (and not before the worst month) at
    which the bad deviation is within tolerance: (month, months after the end)."""
    if end is None or end >= bad_series.shape[0]:
        return -1, math.nan
    begin = max(end, worst)
    within = np.flatnonzero(bad_series[begin:] <= tolerance)
    if within.size == 0:
        return -1, math.nan
    return begin + int(within[0]), float(begin + int(within[0]) - end)


def stress_rows(cubes: dict[str, Cube], baseline: str, area_keys: list[str]):
    """stress.csv: per stress-test scenario, area and main indicator, the drop
    from the pre-shock level and the time to recover.

    Pre-shock level: the value in the month before the first shock. Depth: the
    largest deviation in the bad direction from that level from the first shock
    month on, per replicate (mean, p10, p90). Recovery: the first month from the
    end of the (last) shock on, and not before the worst month of the replicate
    mean, at which the replicate mean is back within 10% of the mean depth of
    the pre-shock level; ``months_to_recover`` counts from the end of the
    shock; NaN if that does not happen within the run or the shock does not
    end. The ``*_vs_baseline`` columns do the same with the
    paired difference from the baseline (trend removed)."""
    import pandas as pd

    from model.indicators import BY_NAME

    base = cubes[baseline]
    rows = []
    for name, cube in cubes.items():
        s = cube.scenario
        if s.kind != "stress test" or not s.shocks:
            continue
        first = min(sh.first for sh in s.shocks.values())
        lasts = [sh.last for sh in s.shocks.values()]
        end = None if any(last >= 10**8 for last in lasts) else max(lasts)
        if first < 1 or first >= cube.values.shape[1]:  # no pre-shock month, or after the run
            continue
        b_rows = [base.replicates.index(r) for r in cube.replicates]
        for ind_name in MAIN_INDICATORS:
            ind = BY_NAME[ind_name]
            v = cube.get(ind_name)  # [reps, months, areas]
            d = v - base.get(ind_name)[b_rows]
            pre = v[:, first - 1, :]  # [reps, areas]
            bad = _bad(ind.direction, v[:, first:, :] - pre[:, None, :])
            depth = np.maximum(bad.max(axis=1), 0.0)  # [reps, areas]
            depth_mean = depth.mean(axis=0)
            p10, p90 = np.percentile(depth, [10, 90], axis=0)
            mean_bad = _bad(ind.direction, v.mean(axis=0) - pre.mean(axis=0)[None, :])
            bad_d = _bad(ind.direction, d[:, first:, :])
            depth_b = np.maximum(bad_d.max(axis=1), 0.0).mean(axis=0)
            mean_bad_d = _bad(ind.direction, d.mean(axis=0))
            for j, area in enumerate(area_keys):
                worst = first + int(np.argmax(mean_bad[first:, j]))
                worst_b = first + int(np.argmax(mean_bad_d[first:, j]))
                rec_t, rec = _recovery(mean_bad[:, j], end, worst, 0.1 * depth_mean[j])
                _, rec_b = _recovery(mean_bad_d[:, j], end, worst_b, 0.1 * depth_b[j])
                rows.append(
                    {
                        "scenario": name,
                        "label_en": s.label_en,
                        "label_nl": s.label_nl,
                        "area": area,
                        "indicator": ind_name,
                        "unit": ind.unit,
                        "direction": ind.direction,
                        "shock_start": month_label(first),
                        "shock_end": month_label(end) if end is not None else None,
                        "pre_shock_month": month_label(first - 1),
                        "pre_shock_level": float(pre[:, j].mean()),
                        "depth_mean": float(depth_mean[j]),
                        "depth_p10": float(p10[j]),
                        "depth_p90": float(p90[j]),
                        "worst_month": month_label(worst),
                        "recovered_month": month_label(rec_t) if rec_t >= 0 else None,
                        "months_to_recover": rec,
                        "depth_vs_baseline": float(depth_b[j]),
                        "months_to_recover_vs_baseline": rec_b,
                        "n_replicates": len(cube.replicates),
                    }
                )
    return pd.DataFrame(rows)


def trajectories(cubes: dict[str, Cube], baseline: str, indicators=MAIN_INDICATORS, area=-1):
    """Per indicator and scenario, monthly mean, p10, p90 of the level and the
    mean paired difference with its 90% interval (for the figures)."""
    base = cubes[baseline]
    out: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for ind in indicators:
        out[ind] = {}
        for name, cube in cubes.items():
            v = cube.get(ind)[:, :, area]  # [reps, months]
            b_rows = [base.replicates.index(r) for r in cube.replicates]
            d = v - base.get(ind)[b_rows, :, area]
            dm, d05, d95 = paired_stats(d, cube.draws)
            p10, p90 = np.percentile(v, [10, 90], axis=0)
            out[ind][name] = {
                "mean": v.mean(axis=0),
                "p10": p10,
                "p90": p90,
                "diff_mean": dm,
                "diff_p05": d05,
                "diff_p95": d95,
            }
    return out


# ---------------------------------------------------------------------- views
VIEWS_COLUMNS = [
    "scenario",
    "label_en",
    "indicator",
    "unit",
    "horizon_years",
    "month",
    *(f"{v}_{c}" for v in ("place", "people", "city", "composition")
      for c in ("diff", "diff_p05", "diff_p95", "diff_low", "diff_high")),
    "n_replicates",
]  # fmt: skip


def _paired(cube: Cube, base: Cube, indicator: str, t: int) -> np.ndarray:
    """Per replicate, scenario minus baseline in month t: [replicates, rows]."""
    b_rows = [base.replicates.index(r) for r in cube.replicates]
    return cube.get(indicator)[:, t, :] - base.get(indicator)[b_rows, t, :]


def _stats(prefix: str, d: np.ndarray, draws: np.ndarray | None) -> dict[str, float]:
    sp = spread(d, draws)
    return {
        f"{prefix}_diff": sp.mean,
        f"{prefix}_diff_p05": sp.mc_low,
        f"{prefix}_diff_p95": sp.mc_high,
        f"{prefix}_diff_low": sp.low,
        f"{prefix}_diff_high": sp.high,
    }


def views_rows(
    cubes: dict[str, Cube], baseline: str, programme_start: int, years: int, area_keys: list[str]
):
    """views.csv: per scenario and main indicator, the effect on the place (focus),
    on the people followed and on the city, and the composition part of the place
    effect (place minus people, per replicate, so its interval is paired too): a
    place can improve because other people came to live there."""
    import pandas as pd

    from model.indicators import BY_NAME

    col = {key: area_keys.index(key) for key in (FOCUS, PEOPLE, TOTAL)}
    rows = []
    for name, cube in cubes.items():
        if name == baseline:
            continue
        for h in horizons_in_run(programme_start, years):
            t = programme_start + 12 * h
            for ind in MAIN_INDICATORS:
                d = _paired(cube, cubes[baseline], ind, t)
                place, people, city = (d[:, col[k]] for k in (FOCUS, PEOPLE, TOTAL))
                rows.append(
                    {
                        "scenario": name,
                        "label_en": cube.scenario.label_en,
                        "indicator": ind,
                        "unit": BY_NAME[ind].unit,
                        "horizon_years": h,
                        "month": month_label(t),
                        **_stats("place", place, cube.draws),
                        **_stats("people", people, cube.draws),
                        **_stats("city", city, cube.draws),
                        **_stats("composition", place - people, cube.draws),
                        "n_replicates": len(cube.replicates),
                    }
                )
    return pd.DataFrame(rows, columns=VIEWS_COLUMNS)


def tweedeling_rows(summary):
    """tweedeling.csv: the gap, ratio and spread rows of the summary for the main
    indicators (empty when the runs simulate no buurt outside the focus)."""
    keep = summary["area"].isin(GAP_ROWS) & summary["indicator"].isin(MAIN_INDICATORS)
    columns = ["scenario", "label_en", "kind", "indicator", "unit", "direction",
               "horizon_years", "month", "area", "mean", "p10", "p90", "diff_mean",
               "diff_p05", "diff_p95", "n_replicates"]  # fmt: skip
    return summary.loc[keep, columns].rename(columns={"area": "measure"}).reset_index(drop=True)


NOT_SIMULATED = "not simulated"
DISPLACEMENT_COLUMNS = [
    "scenario",
    "label_en",
    "area",
    "horizon_years",
    "month",
    *(f"{ind}_{c}" for ind in ("refused_vulnerable", "displaced_housed", "vulnerable_share")
      for c in ("mean", "diff", "diff_p05", "diff_p95")),
    "n_replicates",
]  # fmt: skip


def displacement_rows(
    cubes: dict[str, Cube],
    baseline: str,
    programme_start: int,
    years: int,
    area_keys: list[str],
    buurten: list[str],
    screening: set[str],
):
    """displacement.csv: for each scenario that screens lettings, per buurt the
    vulnerable applicants passed over there (the refusing buurt), the households
    housed there after being passed over elsewhere (the receiving buurt), and the
    change in the share of vulnerable households there; a 'not simulated' line holds
    those housed in buurten outside the run (total minus the simulated buurten)."""
    import pandas as pd

    index = [area_keys.index(b) for b in buurten]
    total = area_keys.index(TOTAL)
    rows = []
    for name, cube in cubes.items():
        if name not in screening:
            continue
        base = cubes[baseline]
        b_rows = [base.replicates.index(r) for r in cube.replicates]
        for h in horizons_in_run(programme_start, years):
            t = programme_start + 12 * h
            per = {}
            for ind in ("refused_vulnerable", "displaced_housed", "vulnerable_share"):
                v = cube.get(ind)[:, t, :]
                b = base.get(ind)[b_rows, t, :]
                per[ind] = (v, b)
            lines = [(key, j) for key, j in zip(buurten, index, strict=True)]
            for area, j in [*lines, (NOT_SIMULATED, None), (TOTAL, total)]:
                row = {
                    "scenario": name,
                    "label_en": cube.scenario.label_en,
                    "area": area,
                    "horizon_years": h,
                    "month": month_label(t),
                    "n_replicates": len(cube.replicates),
                }
                for ind, (v, b) in per.items():
                    if j is None:  # housed outside the simulated buurten
                        if ind != "displaced_housed":
                            continue
                        v = v[:, total] - v[:, index].sum(axis=1)
                        b = b[:, total] - b[:, index].sum(axis=1)
                    else:
                        v, b = v[:, j], b[:, j]
                    mean, low, high = paired_stats(v - b, cube.draws)
                    row |= {
                        f"{ind}_mean": float(v.mean()),
                        f"{ind}_diff": float(mean),
                        f"{ind}_diff_p05": float(low),
                        f"{ind}_diff_p95": float(high),
                    }
                rows.append(row)
    return pd.DataFrame(rows, columns=DISPLACEMENT_COLUMNS)


# ---------------------------------------------------------------------- headline
# The headline's rows per scenario: people and city first (did residents' lives
# change?), then the place; composition is place minus people.
HEADLINE_VIEWS = (PEOPLE, TOTAL, FOCUS)
VIEW_LABELS = {
    PEOPLE: "People",
    TOTAL: "City",
    FOCUS: "Place",
    "composition": "- composition",
}


def headline_horizon(summary) -> int | None:
    """5 years after the programme start, or the longest horizon available."""
    available = sorted(set(summary["horizon_years"].tolist()))
    if not available:
        return None
    return 5 if 5 in available else max(available)


def _cells(frame, mean: str, p05: str, p95: str) -> dict[str, tuple[float, float, float, str]]:
    """Per headline indicator in ``frame`` (indexed by indicator): the mean difference
    and its interval (the given columns) with the unit."""
    return {
        ind: (float(r[mean]), float(r[p05]), float(r[p95]), str(r["unit"]))
        for ind in HEADLINE_INDICATORS
        if ind in frame.index
        for r in (frame.loc[ind],)
    }


def headline_rows(summary, baseline: str, views=None) -> tuple[int | None, list[dict]]:
    """At the headline horizon, per scenario and view (people, city, focus, and from
    ``views`` the composition part): the yearly cost and the paired differences."""
    horizon = headline_horizon(summary)
    if horizon is None:
        return None, []
    at = summary[summary["horizon_years"] == horizon]
    rows = []
    for name in dict.fromkeys(at["scenario"].tolist()):
        for view in HEADLINE_VIEWS:
            part = at[(at["scenario"] == name) & (at["area"] == view)].set_index("indicator")
            if part.empty:
                continue
            first = part.iloc[0]
            row = {
                "scenario": name,
                "view": view,
                "label_en": first["label_en"],
                "kind": first["kind"],
                "month": first["month"],
                "cost_eur_per_year": float(first["cost_eur_per_year"]),
                "over_budget_eur": first["over_budget_eur"],
                "n_replicates": int(first["n_replicates"]),
                "baseline": name == baseline,
            }
            row.update(_cells(part, "diff_mean", "diff_low", "diff_high"))
            if "low_resilience_share" in part.index:
                row["eur_per_low_resilience"] = float(
                    part.loc["low_resilience_share", "eur_per_unit"]
                )
            rows.append(row)
        if views is not None and name != baseline and rows:
            comp = views[(views["scenario"] == name) & (views["horizon_years"] == horizon)]
            comp = comp.set_index("indicator")
            row = {**rows[-1], "view": "composition", "cost_eur_per_year": math.nan}
            row.pop("eur_per_low_resilience", None)
            row.update(
                _cells(comp, "composition_diff", "composition_diff_low", "composition_diff_high")
            )
            rows.append(row)
    return horizon, rows


def _interval(value: tuple) -> str:
    mean, low, high, unit = value
    if unit == "ratio":
        scale, fmt, suffix = 1.0, "{:+.3f}", ""
    elif unit in ("households", "persons"):
        scale, fmt, suffix = 1.0, "{:+,.0f}", ""
    elif unit.startswith("share"):
        scale, fmt, suffix = 100.0, "{:+.1f}", " pp"
    else:
        scale, fmt, suffix = 1.0, "{:+.2f}", ""
    text = fmt.format(scale * mean) + suffix
    if math.isfinite(low) and math.isfinite(high):
        text += f" [{fmt.format(scale * low)}, {fmt.format(scale * high)}]"
    return text


def _years(horizon: int) -> str:
    return f"{horizon} year{'' if horizon == 1 else 's'}"


def headline_table(summary, baseline: str, programme_start: str, views=None, simulated=""):
    """The headline as a rich Table (None if the summary has no horizon): people and
    city first, then the place and the part of it that is composition."""
    from rich.table import Table

    from model.indicators import BY_NAME

    horizon, rows = headline_rows(summary, baseline, views)
    if not rows:
        return None
    city = simulated.startswith("whole city")
    labels = VIEW_LABELS | ({} if city else {TOTAL: "Simulated"})
    table = Table(
        title=f"Compared with the baseline in {rows[0]['month']}, {_years(horizon)} after the "
        f"programme start ({programme_start}); {simulated or 'simulated buurten'}",
        caption="Mean paired difference (scenario minus baseline, same seed and the same draw "
        "of what we do not know) with the range in which 90% of the "
        f"{rows[0]['n_replicates']} replicates fall: chance in the model and, unless "
        "--uncertainty none, parameter and effect uncertainty (summary.csv has the Monte Carlo "
        "interval of the mean beside it); pp = percentage points. People: "
        f"who lived in the focus buurten in {programme_start}, wherever they live now (change "
        "in residents' lives). "
        + ("City: all of Maastricht. " if city else "Simulated: all simulated buurten. ")
        + "Place: whoever lives in the focus buurten now; its composition part (place minus "
        "people) is mostly who lives there, not how they fare (partly also newcomers the "
        "programme reaches). Cost a year: realised, from the "
        "programme start to that month; EUR per unit for people and city with the cost of the "
        "whole programme. Illustrative data (see README, 'Limits').",
    )
    table.add_column("Scenario", style="bold")
    table.add_column("View", no_wrap=True)
    table.add_column("Cost a year", justify="right", no_wrap=True)
    for ind in HEADLINE_INDICATORS:
        table.add_column(BY_NAME[ind].label_en, justify="right")
    table.add_column("EUR per resident out of low resilience", justify="right", max_width=14)
    shown = None
    for row in rows:
        first = row["scenario"] != shown
        shown = row["scenario"]
        if row["baseline"]:
            if not first:
                continue
            cells = ["reference"] * len(HEADLINE_INDICATORS)
        else:
            cells = [_interval(row[ind]) if ind in row else "-" for ind in HEADLINE_INDICATORS]
        cost = ""
        if first:
            cost = f"EUR {row['cost_eur_per_year']:,.0f}"
            over = row["over_budget_eur"]
            if over is not None and over == over:  # a recorded overage (not NaN)
                cost += " (over budget)"
        eur = row.get("eur_per_low_resilience", math.nan)
        table.add_row(
            (row["label_en"] or row["scenario"]) if first else "",
            "" if row["baseline"] else labels[row["view"]],
            cost,
            *cells,
            f"EUR {eur:,.0f}" if math.isfinite(eur) else "-",
            end_section=row["view"] == "composition" or row["baseline"],
        )
    return table


def tweedeling_table(tweedeling, baseline: str):
    """Gap, ratio and spread between the focus buurten and the rest of the city at the
    headline horizon: the baseline's level, each scenario's paired change."""
    from rich.table import Table

    from model.indicators import BY_NAME

    horizon = headline_horizon(tweedeling)
    at = tweedeling[tweedeling["horizon_years"] == horizon]
    table = Table(
        title=f"Tweedeling: focus buurten against the rest of the city in "
        f"{at['month'].iloc[0]} ({_years(horizon)} after the programme start)",
        caption="Gap: focus minus rest; ratio: focus / rest; spread: population-weighted "
        "standard deviation over the simulated buurten. Baseline: level; scenarios: paired "
        "change against the baseline with its 90% interval (a smaller gap and spread is a "
        "smaller divide whichever way the indicator points).",
    )
    table.add_column("Scenario", style="bold")
    table.add_column("Measure")
    for ind in HEADLINE_INDICATORS:
        table.add_column(BY_NAME[ind].label_en, justify="right")
    for name in dict.fromkeys(at["scenario"].tolist()):
        for k, measure in enumerate(GAP_ROWS):
            part = at[(at["scenario"] == name) & (at["measure"] == measure)]
            part = part.set_index("indicator")
            cells = []
            for ind in HEADLINE_INDICATORS:
                if ind not in part.index:
                    cells.append("-")
                    continue
                r = part.loc[ind]
                unit = "ratio" if measure == "ratio" else str(r["unit"])
                if name == baseline:
                    cells.append(_interval((r["mean"], math.nan, math.nan, unit)).lstrip("+"))
                else:
                    cells.append(_interval((r["diff_mean"], r["diff_p05"], r["diff_p95"], unit)))
            label = part["label_en"].iloc[0] if k == 0 and not part.empty else ""
            table.add_row(label or (name if k == 0 else ""), measure, *cells,
                          end_section=k == len(GAP_ROWS) - 1)  # fmt: skip
    return table


def displacement_table(displacement, limit: int = 8):
    """Where screening passes vulnerable applicants over and where they are housed,
    at the headline horizon: the buurten with the most of either, per scenario."""
    import pandas as pd
    from rich.table import Table

    horizon = headline_horizon(displacement)
    at = displacement[displacement["horizon_years"] == horizon]
    table = Table(
        title=f"Displacement by screening of lettings, {at['month'].iloc[0]} "
        f"({_years(horizon)} after the programme start)",
        caption="Households since the start, change against the baseline with its 90% "
        "interval: vulnerable applicants passed over at lettings in the buurt (refusing), "
        "households housed in the buurt after being passed over elsewhere (receiving; "
        "'not simulated': housed in buurten outside the run), and the change in the share of "
        f"vulnerable households there. The {limit} buurten with the most of either.",
    )
    table.add_column("Scenario", style="bold")
    table.add_column("Buurt")
    table.add_column("Passed over here", justify="right")
    table.add_column("Housed here after", justify="right")
    table.add_column("Vulnerable households", justify="right")

    def count(r, ind: str) -> str:
        value = (r[f"{ind}_diff"], r[f"{ind}_diff_p05"], r[f"{ind}_diff_p95"], "households")
        return _interval(value) if math.isfinite(value[0]) else "-"

    for name in dict.fromkeys(at["scenario"].tolist()):
        part = at[at["scenario"] == name]
        buurten = part[~part["area"].isin([NOT_SIMULATED, TOTAL])]
        size = buurten["refused_vulnerable_diff"].abs() + buurten["displaced_housed_diff"].abs()
        top = buurten.loc[size[size > 0].sort_values(ascending=False).index[:limit]]
        lines = [top, part[part["area"].isin([NOT_SIMULATED, TOTAL])]]
        for k, (_, r) in enumerate(pd.concat(lines).iterrows()):
            share = (
                r["vulnerable_share_diff"],
                r["vulnerable_share_diff_p05"],
                r["vulnerable_share_diff_p95"],
                "share of households",
            )
            table.add_row(
                (r["label_en"] or name) if k == 0 else "",
                r["area"],
                count(r, "refused_vulnerable"),
                count(r, "displaced_housed"),
                _interval(share) if math.isfinite(share[0]) else "-",
                end_section=r["area"] == TOTAL,
            )
    return table


# ---------------------------------------------------------------------- decisions
DECISION_ROWS = (PEOPLE, FOCUS, TOTAL, GAP)  # people, place, city and the tweedeling gap
_DECISION_KEYS = ["horizon_years", "month", "area", "view", "indicator", "unit", "direction"]
PAIRS_COLUMNS = [
    *_DECISION_KEYS,
    "scenario",
    "versus",
    "diff_mean",
    "diff_low",
    "diff_high",
    "p_better",
    "n_replicates",
    "n_draws",
]
CHOICE_COLUMNS = [
    *_DECISION_KEYS,
    "scenario",
    "mean",
    "p_best",
    "expected_regret",
    "n_replicates",
    "n_draws",
]


def _common_replicates(cubes: dict[str, Cube]) -> list[int]:
    """Replicates every scenario has (a partial ensemble stays paired)."""
    common = set.intersection(*(set(c.replicates) for c in cubes.values()))
    return sorted(common)


def decision_rows(
    cubes: dict[str, Cube],
    programme_start: int,
    years: int,
    area_keys: list[str],
    indicators=MAIN_INDICATORS,
):
    """pairs.csv and choice.csv as DataFrames: how sure one option is better than
    another, and the chance that each option is the best and what choosing it costs when
    it is not (expected regret), over the replicates, so over chance and, when drawn,
    parameter and effect uncertainty. The baseline is one of the options."""
    import pandas as pd

    from model.indicators import BY_NAME

    names = list(cubes)
    reps = _common_replicates(cubes)
    rows_of = {n: [cubes[n].replicates.index(r) for r in reps] for n in names}
    first = cubes[names[0]]
    draws = first.draws[rows_of[names[0]]] if first.draws is not None else np.array(reps)
    n_draws = len(set(draws.tolist()))
    pairs, choice = [], []
    shown = [(a, area_keys.index(a)) for a in DECISION_ROWS if a in area_keys]
    for h in horizons_in_run(programme_start, years):
        t = programme_start + 12 * h
        for name in indicators:
            ind = BY_NAME[name]
            sign = good_sign(ind.direction)
            if sign == 0:
                continue
            # [scenarios, replicates, rows]
            y = np.stack([cubes[n].get(name)[rows_of[n], t, :] for n in names])
            common = {
                "horizon_years": h,
                "month": month_label(t),
                "indicator": name,
                "unit": ind.unit,
                "direction": ind.direction,
                "n_replicates": len(reps),
                "n_draws": n_draws,
            }
            good = sign * y  # higher is better
            best = good.max(axis=0)
            ties = (good == best).sum(axis=0)
            for area, j in shown:
                place = {"area": area, "view": view_of(area)}
                for i, a in enumerate(names):
                    won = (good[i, :, j] == best[:, j]) / ties[:, j]
                    choice.append(
                        common
                        | place
                        | {
                            "scenario": a,
                            "mean": float(y[i, :, j].mean()),
                            "p_best": float(won.mean()),
                            "expected_regret": float((best[:, j] - good[i, :, j]).mean()),
                        }
                    )
                    for k in range(i + 1, len(names)):
                        d = y[i, :, j] - y[k, :, j]
                        sp = spread(d[:, None], draws)
                        pairs.append(
                            common
                            | place
                            | {
                                "scenario": a,
                                "versus": names[k],
                                "diff_mean": float(sp.mean[0]),
                                "diff_low": float(sp.low[0]),
                                "diff_high": float(sp.high[0]),
                                "p_better": float(p_better(d[:, None], ind.direction)[0]),
                            }
                        )
    return (
        pd.DataFrame(pairs, columns=PAIRS_COLUMNS),
        pd.DataFrame(choice, columns=CHOICE_COLUMNS),
    )


# ---------------------------------------------------------------------- how many replicates
REPLICATES_COLUMNS = [
    "scenario",
    "area",
    "view",
    "indicator",
    "unit",
    "horizon_years",
    "precision",
    "sd_paired",
    "sd_unpaired",
    "replicates_paired",
    "replicates_unpaired",
    "n_replicates",
]
Z90 = 1.6448536269514722  # two-sided 90%: the half-width of an interval is Z90 * sd / sqrt(n)


def replicates_rows(
    cubes: dict[str, Cube],
    baseline: str,
    programme_start: int,
    years: int,
    area_keys: list[str],
    precision: float = 0.5,
    indicators=MAIN_INDICATORS,
):
    """replicates.csv: how many replicates pin the mean difference with the baseline
    down to +/- ``precision`` times the indicator's meaningful difference (90% interval),
    with common random numbers (paired: the spread of the difference) and without (the
    two scenarios' spreads added), from the spread this ensemble shows. With parameters
    and effects drawn, the spread includes what we do not know: the replicates then buy
    a precise mean over it, not a narrower range."""
    import pandas as pd

    from model.indicators import BY_NAME

    base = cubes[baseline]
    rows = []
    shown = [(a, area_keys.index(a)) for a in (PEOPLE, FOCUS, TOTAL) if a in area_keys]
    for h in horizons_in_run(programme_start, years):
        t = programme_start + 12 * h
        for name, cube in cubes.items():
            if name == baseline or len(cube.replicates) < 2:
                continue
            b_rows = [base.replicates.index(r) for r in cube.replicates]
            for ind_name in indicators:
                ind = BY_NAME[ind_name]
                if ind.meaningful is None:
                    continue
                half = precision * ind.meaningful
                v, b = cube.get(ind_name)[:, t, :], base.get(ind_name)[b_rows, t, :]
                paired = (v - b).std(axis=0, ddof=1)
                unpaired = np.sqrt(v.var(axis=0, ddof=1) + b.var(axis=0, ddof=1))
                for area, j in shown:
                    rows.append(
                        {
                            "scenario": name,
                            "area": area,
                            "view": view_of(area),
                            "indicator": ind_name,
                            "unit": ind.unit,
                            "horizon_years": h,
                            "precision": half,
                            "sd_paired": paired[j],
                            "sd_unpaired": unpaired[j],
                            "replicates_paired": _needed(paired[j], half),
                            "replicates_unpaired": _needed(unpaired[j], half),
                            "n_replicates": len(cube.replicates),
                        }
                    )
    return pd.DataFrame(rows, columns=REPLICATES_COLUMNS)


def _needed(sd: float, half: float) -> int:
    """Replicates for a 90% interval of half-width ``half`` (at least 2)."""
    if not math.isfinite(sd):
        return 0
    return max(2, math.ceil((Z90 * sd / half) ** 2))


def choice_table(choice, summary, view: str = PEOPLE):
    """How sure: per option (the baseline is one) and headline indicator, at the headline
    horizon, the chance that it is the best option and its expected regret, for the
    people followed. None if there is nothing to show."""
    from rich.table import Table

    from model.indicators import BY_NAME

    horizon = headline_horizon(summary)
    if choice is None or horizon is None:
        return None
    at = choice[(choice["horizon_years"] == horizon) & (choice["area"] == view)]
    if at.empty:
        return None
    first = at.iloc[0]
    table = Table(
        title=f"How sure, {first['month']} ({_years(horizon)} after the programme start), "
        f"{VIEW_LABELS.get(view, view).lower()}: chance that an option is the best of all "
        "and its expected regret",
        caption=f"Over {first['n_replicates']} replicates ({first['n_draws']} draws of "
        "parameters and effects when drawn): the share in which the option does best, and "
        "how much worse than the best option of that replicate it does on average (pp for "
        "shares). choice.csv and pairs.csv have every view and pair.",
    )
    table.add_column("Option", style="bold")
    indicators = [i for i in HEADLINE_INDICATORS if i in set(at["indicator"])]
    for ind in indicators:
        table.add_column(BY_NAME[ind].label_en, justify="right")
    labels = dict(zip(summary["scenario"], summary["label_en"], strict=False))
    for name in dict.fromkeys(at["scenario"]):
        cells = []
        for ind in indicators:
            row = at[(at["scenario"] == name) & (at["indicator"] == ind)].iloc[0]
            share = BY_NAME[ind].is_share
            regret = (100.0 if share else 1.0) * row["expected_regret"]
            text = f"{regret:.1f} pp" if share else f"{regret:.2f}"
            cells.append(f"{100 * row['p_best']:.0f}% / {text}")
        table.add_row(labels.get(name) or name, *cells)
    return table


def replicates_line(needed) -> str | None:
    """One sentence: how many replicates the precision asks for (the most any portfolio
    needs for the people followed at the headline indicators), with and without common
    random numbers."""
    if needed is None or needed.empty:
        return None
    at = needed[(needed["area"] == PEOPLE) & needed["indicator"].isin(HEADLINE_INDICATORS)]
    at = at[at["horizon_years"] == at["horizon_years"].max()]
    if at.empty:
        return None
    worst = at.loc[at["replicates_paired"].idxmax()]
    share = worst["unit"].startswith("share")
    half = f"{100 * worst['precision']:.1f} pp" if share else f"{worst['precision']:.2f}"
    return (
        f"Replicates needed for a 90% interval of the mean difference of +/- {half} (people "
        f"followed, {worst['horizon_years']} years, the hardest headline indicator, "
        f"{worst['indicator']} of {worst['scenario']}): {worst['replicates_paired']} with "
        f"common random numbers, {worst['replicates_unpaired']} without; this comparison has "
        f"{worst['n_replicates']} (replicates.csv has every indicator)."
    )
