"""The Compare page without Solara: paired replicates of a portfolio and the baseline,
their bands and the table of differences at 2, 5 and 10 years.

Uses the conventions of ``veerkracht compare`` (experiments.summary): replicate r
of both scenarios runs with ``replicate_seed(7, r)``; a horizon of h years is
month P + 12 h, P the programme start; differences are paired, with a 90%
t-interval of their mean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from experiments.ensemble import programme_start, replicate_seed
from experiments.summary import HORIZONS, MAIN_INDICATORS, paired_stats
from model.indicators import INDICATOR_NAMES
from model.resilience_model import ResilienceModel
from model.timeline import decimal_year, month_label
from scenarios.loader import load_scenario
from viz.labels import (
    DEFAULT_LANG,
    format_diff,
    indicator_label,
    is_share,
    t,
)

BASE_SEED = 7
TABLE_INDICATORS = MAIN_INDICATORS  # the main indicators of 'veerkracht compare'
BAND_INDICATORS = TABLE_INDICATORS[:6]


@dataclass
class CompareResult:
    """Both buurten together: values[scenario][replicate, month, indicator]."""

    portfolio: str
    replicates: int
    years: int  # after the programme start
    start: int  # programme start, months since June 2021
    values: dict[str, np.ndarray]

    @property
    def months(self) -> int:
        return self.start + 12 * self.years


@lru_cache(maxsize=256)
def _baseline_run(seed: int, months: int) -> np.ndarray:
    """One baseline run [months+1, indicators] for both buurten together (cached:
    every portfolio is compared with the same baseline runs)."""
    m = ResilienceModel(rng=seed)
    m.run_months(months)
    return m.recorder.array()[:, -1, :]


def run_compare(
    portfolio: str,
    replicates: int = 10,
    years: int = 10,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CompareResult | None:
    """Run ``replicates`` paired runs of the portfolio and the baseline, until ``years``
    years after the programme start. Returns None if ``cancelled()`` became true."""
    start = programme_start([load_scenario(portfolio)])
    months = start + 12 * years
    out: dict[str, list[np.ndarray]] = {"baseline": [], portfolio: []}
    total, done = 2 * replicates, 0
    for r in range(replicates):
        seed = replicate_seed(BASE_SEED, r)
        for name in ("baseline", portfolio):
            if cancelled is not None and cancelled():
                return None
            if name == "baseline":
                out[name].append(_baseline_run(seed, months))
            else:
                m = ResilienceModel(rng=seed, policy=load_scenario(name))
                m.run_months(months)
                out[name].append(m.recorder.array()[:, -1, :])
            done += 1
            if progress is not None:
                progress(done, total)
    values = {k: np.stack(v) for k, v in out.items()}
    return CompareResult(portfolio, replicates, years, start, values)


def difference_rows(result: CompareResult, lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """Per indicator: the paired difference portfolio - baseline at 2, 5 and 10 years
    after the programme start, or 'beyond the run' where the run is too short."""
    base, port = result.values["baseline"], result.values[result.portfolio]
    rows = []
    for name in TABLE_INDICATORS:
        i = INDICATOR_NAMES.index(name)
        row = {t("indicator", lang): indicator_label(name, lang)}
        for h in HORIZONS:
            col = t("horizon_col", lang, h=h)
            month = result.start + 12 * h
            if h > result.years:
                row[col] = t("beyond", lang)
                continue
            mean, low, high = (
                float(x) for x in paired_stats(port[:, month, i] - base[:, month, i])
            )
            row[col] = (
                f"{format_diff(name, mean)} [{format_diff(name, low)}, {format_diff(name, high)}]"
            )
        rows.append(row)
    return rows


def beyond_note(result: CompareResult, lang: str = DEFAULT_LANG) -> str | None:
    """A sentence explaining 'beyond the run', if any horizon is."""
    missing = [h for h in HORIZONS if h > result.years]
    if not missing:
        return None
    return t("beyond_note", lang, years=result.years, h=", ".join(str(h) for h in missing))


def band_figure(result: CompareResult, lang: str = DEFAULT_LANG) -> Figure:
    """Mean trajectory and 10-90% band over replicates, baseline and portfolio."""
    fig = Figure(figsize=(10.5, 5.2), dpi=80)
    axes = fig.subplots(2, 3).ravel()
    x = decimal_year(np.arange(result.months + 1))
    for ax, name in zip(axes, BAND_INDICATORS, strict=True):
        i = INDICATOR_NAMES.index(name)
        scale = 100.0 if is_share(name) else 1.0
        for key, colour in (("baseline", "0.35"), (result.portfolio, "tab:green")):
            y = scale * result.values[key][:, :, i]
            ax.plot(x, y.mean(axis=0), color=colour, lw=1.4, label=key)
            p10, p90 = np.percentile(y, [10, 90], axis=0)
            ax.fill_between(x, p10, p90, color=colour, alpha=0.2, linewidth=0)
        ax.axvline(decimal_year(result.start), color="0.5", lw=0.8, ls="--")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # ticks on whole years
        ax.set_title(f"{indicator_label(name, lang)}{' (%)' if is_share(name) else ''}", fontsize=9)
        ax.tick_params(labelsize=7)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def start_label(result: CompareResult) -> str:
    return month_label(result.start)
