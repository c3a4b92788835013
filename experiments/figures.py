"""Figures of an ensemble comparison (matplotlib, Agg, PNG at 150 dpi).

* ``trajectory_<indicator>.png``: every scenario's mean over replicates with a
  band from the 10th to the 90th percentile across replicates, all buurten
  together ('total').
* ``difference_<indicator>.png``: per scenario the mean paired difference from
  the baseline (same replicate, same seed) with its 90% interval.

Both show a vertical line at the programme start and a caption that the data
are illustrative. The PNG files are byte-for-byte reproducible (no time stamp
or software version in the metadata), and a file is only replaced when its
content changes, so re-running a finished comparison touches nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from model.timeline import month_dates

DPI = 150
CAPTION = (
    "Illustrative data: synthetic population from CBS 2017 buurt figures; other "
    "inputs are estimates or assumptions (see README, 'Limits')."
)
COLOURS = (
    "#4d4d4d",  # baseline: grey
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
)


def _scale(unit: str) -> tuple[float, str, str]:
    """Multiplier and axis labels: shares are shown in % and percentage points."""
    if unit.startswith("share"):
        return 100.0, f"% ({unit})", "percentage points"
    return 1.0, unit, unit


def _figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 5.2), dpi=DPI)
    ax = fig.add_axes((0.08, 0.2, 0.62, 0.7))
    return fig, ax


def _finish(fig, ax, dates, programme_start, footnote: str) -> None:
    import matplotlib.dates as mdates

    if programme_start is not None and 0 < programme_start < len(dates):
        x = dates[programme_start]
        ax.axvline(x, color="black", linestyle="--", linewidth=1)
        ax.annotate(
            "programme start",
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -12),
            textcoords="offset points",
            fontsize=8,
        )
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    fig.text(0.01, 0.06, footnote, fontsize=7.5, ha="left", va="bottom", wrap=True)
    fig.text(0.01, 0.015, CAPTION, fontsize=7.5, ha="left", va="bottom", style="italic")


def png_bytes(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def trajectory_png(indicator, series, labels, dates, programme_start, n_reps) -> bytes:
    """``series``: scenario -> {'mean', 'p10', 'p90'} monthly arrays."""
    scale, ylabel, _ = _scale(indicator.unit)
    fig, ax = _figure()
    for k, (name, s) in enumerate(series.items()):
        colour = COLOURS[k % len(COLOURS)]
        ax.fill_between(
            dates, scale * s["p10"], scale * s["p90"], color=colour, alpha=0.15, linewidth=0
        )
        ax.plot(dates, scale * s["mean"], color=colour, linewidth=1.6, label=labels[name])
    ax.set_title(f"{indicator.label_en} ({indicator.label_nl}), all buurten together")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("month")
    better = {"higher_better": "higher is better", "lower_better": "lower is better"}.get(
        indicator.direction, "neither direction is better"
    )
    _finish(
        fig,
        ax,
        dates,
        programme_start,
        f"Line: mean over {n_reps} replicates; band: 10th-90th percentile across "
        f"replicates. {better.capitalize()}.",
    )
    return png_bytes(fig)


def difference_png(indicator, series, labels, dates, programme_start, n_reps) -> bytes:
    """``series``: scenario -> {'diff_mean', 'diff_p05', 'diff_p95'} (baseline left out)."""
    scale, _, dlabel = _scale(indicator.unit)
    fig, ax = _figure()
    ax.axhline(0.0, color="black", linewidth=0.8)
    for k, (name, s) in enumerate(series.items(), start=1):
        colour = COLOURS[k % len(COLOURS)]
        if np.isfinite(s["diff_p05"]).any():
            ax.fill_between(
                dates,
                scale * s["diff_p05"],
                scale * s["diff_p95"],
                color=colour,
                alpha=0.2,
                linewidth=0,
            )
        ax.plot(dates, scale * s["diff_mean"], color=colour, linewidth=1.6, label=labels[name])
    ax.set_title(f"{indicator.label_en}: difference from the baseline, all buurten together")
    ax.set_ylabel(f"scenario minus baseline ({dlabel})")
    ax.set_xlabel("month")
    better = {
        "higher_better": "above zero is an improvement",
        "lower_better": "below zero is an improvement",
    }.get(indicator.direction, "neither direction is better")
    _finish(
        fig,
        ax,
        dates,
        programme_start,
        f"Line: mean paired difference (same seed) over {n_reps} replicates; band: 90% "
        f"interval of that mean (t-distribution). {better.capitalize()}.",
    )
    return png_bytes(fig)


def write_figures(
    folder: Path,
    trajectories: dict,
    labels: dict[str, str],
    baseline: str,
    n_months: int,
    programme_start: int | None,
    n_reps: int,
    write_bytes,
) -> list[Path]:
    """Write both kinds of figure for every indicator in ``trajectories``
    (indicator -> scenario -> arrays); ``write_bytes(data, path)`` replaces a
    file only when its content changed. Returns the paths."""
    from model.indicators import BY_NAME

    folder.mkdir(parents=True, exist_ok=True)
    dates = month_dates(n_months).astype("datetime64[D]")
    dates = dates.astype(object)  # datetime.date, which matplotlib places on a date axis
    paths = []
    for name, series in trajectories.items():
        ind = BY_NAME[name]
        path = folder / f"trajectory_{name}.png"
        write_bytes(trajectory_png(ind, series, labels, dates, programme_start, n_reps), path)
        paths.append(path)
        others = {k: v for k, v in series.items() if k != baseline}
        if others:
            path = folder / f"difference_{name}.png"
            write_bytes(difference_png(ind, others, labels, dates, programme_start, n_reps), path)
            paths.append(path)
    return paths
