"""The Compare page without Solara: paired replicates of a portfolio and the baseline,
their bands, the tables of differences at 2, 5 and 10 years in the three views
(model.views: the people followed and the city first, then the focus buurten), the
tweedeling when buurten outside the focus run, and the displacement of a portfolio
that screens applicants.

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
from model.views import FOCUS, GAP, PEOPLE, REST, TOTAL
from scenarios.loader import load_scenario
from viz.labels import (
    DEFAULT_LANG,
    format_diff,
    indicator_label,
    is_share,
    t,
    view_name,
)

BASE_SEED = 7
TABLE_INDICATORS = MAIN_INDICATORS  # the main indicators of 'veerkracht compare'
BAND_INDICATORS = TABLE_INDICATORS[:6]
EFFECT_VIEWS = (PEOPLE, TOTAL, FOCUS)  # people and city first: only they show changed lives


@dataclass
class CompareResult:
    """values[scenario][replicate, month, row, indicator], rows ``keys`` (model.views)
    of a run of the buurten ``codes``."""

    portfolio: str
    replicates: int
    years: int  # after the programme start
    start: int  # programme start, months since June 2021
    values: dict[str, np.ndarray]
    keys: list[str]
    codes: list[str]

    @property
    def months(self) -> int:
        return self.start + 12 * self.years

    def series(self, scenario: str, key: str, indicator: str) -> np.ndarray:
        """[replicates, months] of one row and indicator."""
        return self.values[scenario][:, :, self.keys.index(key), INDICATOR_NAMES.index(indicator)]


def _run(seed: int, months: int, areas: str | None, policy=None) -> ResilienceModel:
    m = ResilienceModel(areas=areas, rng=seed, policy=policy)
    m.run_months(months)
    return m


@lru_cache(maxsize=256)
def _baseline_run(seed: int, months: int, areas: str | None) -> np.ndarray:
    """One baseline run [months+1, rows, indicators] (cached: every portfolio is
    compared with the same baseline runs)."""
    return _run(seed, months, areas).recorder.array()


def run_compare(
    portfolio: str,
    replicates: int = 10,
    years: int = 10,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    areas: str | None = None,
) -> CompareResult | None:
    """Run ``replicates`` paired runs of the portfolio and the baseline, until ``years``
    years after the programme start, in the buurten ``areas`` (default: the portfolio's;
    'all' for the city, which the tweedeling needs). Returns None if ``cancelled()``
    became true."""
    start = programme_start([load_scenario(portfolio)])
    months = start + 12 * years
    out: dict[str, list[np.ndarray]] = {"baseline": [], portfolio: []}
    total, done = 2 * replicates, 0
    keys: list[str] = []
    codes: list[str] = []
    for r in range(replicates):
        seed = replicate_seed(BASE_SEED, r)
        for name in ("baseline", portfolio):
            if cancelled is not None and cancelled():
                return None
            if name == "baseline":
                out[name].append(_baseline_run(seed, months, areas))
            else:
                m = _run(seed, months, areas, load_scenario(name))
                out[name].append(m.recorder.array())
                keys, codes = m.recorder.area_keys(), [a.code for a in m.areas]
            done += 1
            if progress is not None:
                progress(done, total)
    values = {k: np.stack(v) for k, v in out.items()}
    return CompareResult(portfolio, replicates, years, start, values, keys, codes)


def shown_views(result: CompareResult) -> list[str]:
    """The views the page shows tables of, people and city first."""
    return [v for v in EFFECT_VIEWS if v in result.keys]


def has_tweedeling(result: CompareResult) -> bool:
    return GAP in result.keys


def view_title(result: CompareResult, view: str, lang: str = DEFAULT_LANG) -> str:
    """The heading of one view's table of differences."""
    if view == GAP:
        names = {k: view_name(k, result.codes, lang) for k in (FOCUS, REST)}
        return t("gap_table", lang, focus=names[FOCUS], rest=names[REST])
    return t("diff_table", lang, view=view_name(view, result.codes, lang))


def difference_rows(
    result: CompareResult, lang: str = DEFAULT_LANG, view: str = TOTAL
) -> list[dict[str, str]]:
    """Per indicator: the paired difference portfolio - baseline in the row ``view``
    (a view, or ``gap``: focus minus rest of the city) at 2, 5 and 10 years after the
    programme start, or 'beyond the run' where the run is too short."""
    base, port = result.values["baseline"], result.values[result.portfolio]
    j = result.keys.index(view)
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
                float(x) for x in paired_stats(port[:, month, j, i] - base[:, month, j, i])
            )
            row[col] = (
                f"{format_diff(name, mean)} [{format_diff(name, low)}, {format_diff(name, high)}]"
            )
        rows.append(row)
    return rows


def displacement_rows(result: CompareResult, lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """At the end of the run, for a portfolio that screens: vulnerable applicants passed
    over at lettings in the focus buurten, and where households passed over were housed
    (per buurt, and elsewhere in the city: the total minus the simulated buurten); mean
    [10th, 90th percentile] over replicates. Empty if nobody was passed over."""
    refused = result.series(result.portfolio, FOCUS, "refused_vulnerable")[:, -1]
    if not np.nanmean(refused) > 0:
        return []
    buurten = result.keys[: len(result.codes)]
    housed = {k: result.series(result.portfolio, k, "displaced_housed")[:, -1] for k in buurten}
    total = result.series(result.portfolio, TOTAL, "displaced_housed")[:, -1]
    elsewhere = total - sum(housed.values())
    names = dict(zip(buurten, _buurt_names(result.codes), strict=True))
    lines = [(t("passed_over", lang, where=view_name(FOCUS, result.codes, lang)), refused)]
    lines += [(t("housed_in", lang, where=names[k]), v) for k, v in housed.items()]
    lines.append((t("housed_elsewhere", lang), elsewhere))
    what, value = t("what", lang), t("count_band", lang)
    return [{what: label, value: _count_band(v)} for label, v in lines]


def _buurt_names(codes: list[str]) -> list[str]:
    from model.inputs.areas import all_areas

    areas = all_areas()
    return [areas[c].name for c in codes]


def _count_band(values: np.ndarray) -> str:
    p10, p90 = np.percentile(values, [10, 90])
    return f"{values.mean():.0f} [{p10:.0f}, {p90:.0f}]"


def beyond_note(result: CompareResult, lang: str = DEFAULT_LANG) -> str | None:
    """A sentence explaining 'beyond the run', if any horizon is."""
    missing = [h for h in HORIZONS if h > result.years]
    if not missing:
        return None
    return t("beyond_note", lang, years=result.years, h=", ".join(str(h) for h in missing))


def band_figure(result: CompareResult, lang: str = DEFAULT_LANG) -> Figure:
    """Mean trajectory and 10-90% band over replicates, baseline and portfolio, of the
    people followed (before the programme start: whoever lives in the focus buurten)."""
    fig = Figure(figsize=(10.5, 5.2), dpi=80)
    axes = fig.subplots(2, 3).ravel()
    x = decimal_year(np.arange(result.months + 1))
    for ax, name in zip(axes, BAND_INDICATORS, strict=True):
        scale = 100.0 if is_share(name) else 1.0
        for key, colour in (("baseline", "0.35"), (result.portfolio, "tab:green")):
            y = scale * result.series(key, PEOPLE, name)
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
