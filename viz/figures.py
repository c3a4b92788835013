"""Figures of the council report: differences at the horizons and the map of the buurten.

The ensemble's own figures (trajectories, differences) are in ``experiments.figures``;
these share its style.
"""

from __future__ import annotations

import numpy as np

from experiments.figures import DPI, png_bytes


def _locale_formatter(lang: str):
    """Axis tick labels with a decimal comma in Dutch."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x, _pos):
        text = f"{x:g}".replace("-", "\u2212")
        return text.replace(".", ",") if lang == "nl" else text

    return FuncFormatter(fmt)


def difference_png(title: str, axis_label: str, rows: list, lang: str = "en") -> bytes:
    """Paired differences from the baseline: per scenario (``rows``: [(label,
    [(series, mean, low, high), ...]), ...], a series being e.g. a view) one dot per
    series with a line for its 90% interval, and a line at zero. All text is passed
    in, so the figure can be in any language."""
    from matplotlib.figure import Figure

    n_s = max((len(points) for _, points in rows), default=1)
    height = max(2.4, 1.1 + 0.32 * len(rows) * max(n_s, 1))
    fig = Figure(figsize=(8.0, height), dpi=DPI)
    bottom = 0.92 / height + 0.03  # the axis label, and the legend below it
    ax = fig.add_axes((0.3, bottom, 0.66, 1 - bottom - 0.4 / height))
    markers = ("o", "s", "D", "^")
    shades = ("#d62728", "#404040", "#2ca02c", "#9467bd")  # the app's colours of the views
    labels, ticks = [], []
    y = 0.0
    series_seen: dict[str, int] = {}
    for label, points in reversed(rows):
        for k, (series, mean, low, high) in enumerate(points):
            j = series_seen.setdefault(series, len(series_seen))
            yy = y + (len(points) - 1 - k) * 0.28
            if np.isfinite(low) and np.isfinite(high):
                ax.plot([low, high], [yy, yy], color=shades[j % 4], linewidth=2.2)
            ax.plot(
                [mean],
                [yy],
                marker=markers[j % 4],
                color=shades[j % 4],
                markersize=5,
                linestyle="none",
                label=series if label == rows[-1][0] else None,
            )
        ticks.append(y + (len(points) - 1) * 0.14)
        labels.append(label)
        y += 0.28 * max(len(points), 1) + 0.35
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_yticks(ticks, labels, fontsize=8.5)
    ax.set_ylim(-0.35, y - 0.2)
    ax.set_xlabel(axis_label, fontsize=8.5)
    ax.xaxis.set_major_formatter(_locale_formatter(lang))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(True, axis="x", alpha=0.3)
    ax.set_title(title, fontsize=10, loc="left")
    handles, names = ax.get_legend_handles_labels()
    if handles:
        fig.legend(
            handles,
            names,
            fontsize=7.5,
            frameon=False,
            loc="lower center",
            bbox_to_anchor=(0.63, 0.0),
            ncol=len(names),
        )
    return png_bytes(fig)


def buurten_map_png(codes: list[str], title: str, source: str) -> bytes:
    """The buurten of Maastricht in grey with the chosen ones (CBS codes) coloured
    and named; coordinates in metres on a local plane; 'Bron: CBS'."""
    from matplotlib.figure import Figure

    from model.inputs.areas import all_areas
    from model.inputs.geometry import area_shape

    fig = Figure(figsize=(6.0, 4.5), dpi=DPI)
    ax = fig.add_axes((0.02, 0.07, 0.96, 0.85))
    colours = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
    areas = all_areas()
    focus = [c for c in codes if c in areas]

    def draw(shape, **kw) -> None:
        geoms = getattr(shape, "geoms", [shape])
        for g in geoms:
            if g.geom_type != "Polygon":
                continue
            x, y = g.exterior.xy
            ax.fill(np.asarray(x) / 1000, np.asarray(y) / 1000, **kw)

    for code, area in areas.items():
        if code not in focus:
            draw(area_shape(area.polygons), facecolor="#e6e6e6", edgecolor="white", linewidth=0.5)
    for k, code in enumerate(focus):
        shape = area_shape(areas[code].polygons)
        draw(shape, facecolor=colours[k % 4], edgecolor="black", linewidth=0.8, alpha=0.75)
        point = shape.representative_point()
        ax.annotate(
            areas[code].name,
            (point.x / 1000, point.y / 1000),
            xytext=(0, 22),
            textcoords="offset points",
            arrowprops={"arrowstyle": "-", "color": "black", "linewidth": 0.7},
            fontsize=9,
            fontweight="bold",
            ha="center",
            va="center",
            color="black",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    fig.text(0.01, 0.01, source, fontsize=7.5, ha="left", va="bottom")
    return png_bytes(fig)
