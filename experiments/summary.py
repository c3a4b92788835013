"""Summaries of an ensemble: levels, paired differences with the baseline, costs
and cost per unit of improvement, stress-test drops and recovery.

Conventions (also in the header of the CSV files' documentation, README):

* Month index t counts months from June 2021 (t = 0 is the start state). The
  programme start P is the earliest intervention start of the compared
  (non-baseline) scenarios; a horizon of h years is month P + 12 h, for every
  scenario including the baseline, so horizons are comparable.
* Replicate r of every scenario uses the same seed (common random numbers), so
  differences are paired: d_r = scenario_r - baseline_r. ``diff_mean`` is the
  mean of d_r; ``diff_p05``/``diff_p95`` are a 90% interval of that mean from
  the t-distribution: mean +/- t(0.95, n - 1) * sd(d) / sqrt(n) (NaN with one
  replicate). ``p10``/``p90`` are the 10th and 90th percentiles of the level
  across replicates (spread of outcomes, not uncertainty of the mean).
* Costs: ``cost_eur_per_year`` is the realised programme cost per year over the
  h years from the programme start (months P .. P + 12 h - 1), mean over
  replicates; ``eur_per_unit`` is that cumulative cost divided by the
  improvement at the horizon, counted in people or households for shares
  (difference in share x adults, households, residents or labour force of the
  scenario at the horizon) and in points for scores. It is NaN when the
  improvement is not in the indicator's good direction or its 90% interval
  includes zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from model.timeline import month_dates, month_label

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
    "n_replicates",
    "cost_eur_per_year",
    "cost_eur_cumulative",
    "eur_per_unit",
    "per_unit",
    "budget_eur_per_year",
    "over_budget_year",
    "over_budget_eur",
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
) -> dict[str, Cube]:
    """Read every run file once (four columns) into one cube per scenario."""
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
        )
    return cubes


# ---------------------------------------------------------------------- statistics
def paired_stats(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean of paired differences (axis 0) and its 90% t-interval."""
    n = d.shape[0]
    mean = d.mean(axis=0)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    half = t_quantile(n - 1) * d.std(axis=0, ddof=1) / math.sqrt(n)
    return mean, mean - half, mean + half


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
):
    """summary.csv as a pandas DataFrame (columns SUMMARY_COLUMNS)."""
    import pandas as pd

    from model.indicators import INDICATORS

    overages = overages or {}
    base = cubes[baseline]
    rows = []
    for name, cube in cubes.items():
        s = cube.scenario
        b_rows = [base.replicates.index(r) for r in cube.replicates]
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
                dm, d05, d95 = paired_stats(d)
                sign = good_sign(ind.direction)
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
                    eur = cum[j] / gain if clear and gain > 0 else math.nan
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
                            "n_replicates": len(cube.replicates),
                            "cost_eur_per_year": cum[j] / h,
                            "cost_eur_cumulative": cum[j],
                            "eur_per_unit": eur,
                            "per_unit": per_unit(ind) if sign else "",
                            "budget_eur_per_year": s.budget_eur_per_year,
                            "over_budget_year": over[0] if over else None,
                            "over_budget_eur": over[1] if over else None,
                        }
                    )
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return frame.astype({"over_budget_year": "Int64"})


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
            dm, d05, d95 = paired_stats(d)
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


# ---------------------------------------------------------------------- headline
def headline_rows(summary, baseline: str) -> tuple[int | None, list[dict]]:
    """For 'total' at 5 years after the programme start (or the longest horizon
    available): per scenario the yearly cost and the paired differences."""
    total = summary[summary["area"] == "total"]
    if total.empty:
        return None, []
    available = sorted(set(total["horizon_years"].tolist()))
    horizon = 5 if 5 in available else max(available)
    at = total[total["horizon_years"] == horizon]
    rows = []
    for name in dict.fromkeys(at["scenario"].tolist()):
        part = at[at["scenario"] == name].set_index("indicator")
        first = part.iloc[0]
        row = {
            "scenario": name,
            "label_en": first["label_en"],
            "kind": first["kind"],
            "month": first["month"],
            "cost_eur_per_year": float(first["cost_eur_per_year"]),
            "over_budget_eur": first["over_budget_eur"],
            "n_replicates": int(first["n_replicates"]),
            "baseline": name == baseline,
        }
        for ind in HEADLINE_INDICATORS:
            if ind in part.index:
                r = part.loc[ind]
                row[ind] = (
                    float(r["diff_mean"]),
                    float(r["diff_p05"]),
                    float(r["diff_p95"]),
                    str(r["unit"]),
                )
        if "low_resilience_share" in part.index:
            row["eur_per_low_resilience"] = float(part.loc["low_resilience_share", "eur_per_unit"])
        rows.append(row)
    return horizon, rows


def _interval(indicator: str, value: tuple) -> str:
    mean, low, high, unit = value
    scale, fmt, suffix = (
        (100.0, "{:+.1f}", " pp") if unit.startswith("share") else (1.0, "{:+.2f}", "")
    )
    text = fmt.format(scale * mean) + suffix
    if math.isfinite(low) and math.isfinite(high):
        text += f" [{fmt.format(scale * low)}, {fmt.format(scale * high)}]"
    return text


def headline_table(summary, baseline: str, programme_start: str):
    """The headline as a rich Table (None if the summary has no horizon)."""
    from rich.table import Table

    from model.indicators import BY_NAME

    horizon, rows = headline_rows(summary, baseline)
    if not rows:
        return None
    years = f"{horizon} year{'' if horizon == 1 else 's'}"
    table = Table(
        title=f"Compared with the baseline: all buurten together in {rows[0]['month']}, "
        f"{years} after the programme start ({programme_start})",
        caption="Mean paired difference (scenario minus baseline, same seed) with its 90% "
        f"interval over {rows[0]['n_replicates']} replicates; pp = percentage points. Cost a "
        "year: realised, from the programme start to that month. Illustrative data (see "
        "README, 'Limits').",
    )
    table.add_column("Scenario", style="bold")
    table.add_column("Cost a year", justify="right", no_wrap=True)
    for ind in HEADLINE_INDICATORS:
        table.add_column(BY_NAME[ind].label_en, justify="right")
    table.add_column("EUR per resident out of low resilience", justify="right")
    for row in rows:
        if row["baseline"]:
            cells = ["reference"] * len(HEADLINE_INDICATORS)
        else:
            cells = [_interval(ind, row[ind]) if ind in row else "-" for ind in HEADLINE_INDICATORS]
        cost = f"EUR {row['cost_eur_per_year']:,.0f}"
        over = row["over_budget_eur"]
        if over is not None and over == over:  # a recorded overage (not NaN)
            cost += " (over budget)"
        eur = row.get("eur_per_low_resilience", math.nan)
        table.add_row(
            row["label_en"] or row["scenario"],
            cost,
            *cells,
            f"EUR {eur:,.0f}" if math.isfinite(eur) else "-",
        )
    return table
