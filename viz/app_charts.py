"""Live indicator charts as small inline SVGs, drawn by the browser.

Matplotlib needs a few hundred milliseconds for six panels; writing the SVG
text takes about a millisecond, so the charts can follow the model every month.
"""

from __future__ import annotations

from html import escape

import numpy as np

from model.timeline import month_index
from model.views import FOCUS, GAP_ROWS, PEOPLE, REST, TOTAL
from viz.app_state import MAX_MONTHS
from viz.labels import format_value, indicator_label, is_share, view_name

AREA_COLOURS = {
    "nazareth": "#1f77b4",
    "pottenberg": "#ff7f0e",
    FOCUS: "#2ca02c",
    REST: "#9467bd",
    PEOPLE: "#d62728",
    TOTAL: "#404040",
}
OTHER_BUURT = "#b0b0b0"  # buurten outside the focus in a city run
W, H = 330, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 22, 20


def nice_range(values: np.ndarray, share: bool) -> tuple[float, float]:
    """A y-range around the data with some room, at least 2 pp (shares) or 0.2 points."""
    finite = values[np.isfinite(values)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    least = 0.02 if share else 0.2
    if hi - lo < least:
        mid = (hi + lo) / 2
        lo, hi = mid - least / 2, mid + least / 2
    pad = 0.08 * (hi - lo)
    return lo - pad, hi + pad


def chart_svg(name: str, series: dict[str, np.ndarray], names: dict[str, str], lang: str) -> str:
    """One indicator: a line per buurt and per view, on a fixed ten-year axis."""
    share = is_share(name)
    lo, hi = nice_range(np.concatenate(list(series.values())), share)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def px(month: np.ndarray) -> np.ndarray:
        return LEFT + pw * month / MAX_MONTHS

    def py(value: np.ndarray) -> np.ndarray:
        return TOP + ph * (1.0 - (value - lo) / (hi - lo))

    parts = [
        f'<svg class="chart" data-indicator="{name}" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">',
        f'<text x="{LEFT}" y="13" font-size="11" font-weight="bold">'
        f"{escape(indicator_label(name, lang))}{' (%)' if share else ''}</text>",
        f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#bbb"/>',
    ]
    for value in (lo, (lo + hi) / 2, hi):
        label = f"{100 * value:.1f}" if share else f"{value:.2f}"
        parts.append(
            f'<text x="{LEFT - 3}" y="{py(value) + 3:.1f}" font-size="9" text-anchor="end">'
            f"{label}</text>"
        )
    for year in range(2022, 2032, 2):
        x = px(np.array(float(month_index(f"{year}-01"))))  # January of that year
        parts.append(
            f'<text x="{x:.1f}" y="{H - 6}" font-size="9" text-anchor="middle">{year}</text>'
        )
    for key, values in series.items():
        months = np.arange(values.size)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(px(months), py(values), strict=True))
        last = format_value(name, float(values[-1]))
        parts.append(
            f'<polyline fill="none" stroke="{AREA_COLOURS.get(key, OTHER_BUURT)}" '
            f'stroke-width="1.6" points="{points}"><title>{escape(names[key])}: {last}'
            "</title></polyline>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend_html(names: dict[str, str]) -> str:
    items = [
        f'<span style="color:{AREA_COLOURS.get(k, OTHER_BUURT)};font-weight:bold">&#9644; '
        f"{escape(v)}</span>"
        for k, v in names.items()
    ]
    return '<div style="display:flex;gap:16px;font-size:13px">' + "".join(items) + "</div>"


def chart_names(state, lang: str) -> dict[str, str]:
    """The lines of the charts and their names: the buurten, then the views; the focus
    buurten together only beside a rest of the city (else they are the total), and
    never the tweedeling rows (gap, ratio, spread are not levels)."""
    areas = state.model.areas
    codes = [a.code for a in areas]
    names = {a.key: a.name for a in areas}
    keys = state.model.recorder.area_keys()
    for key in keys[len(areas) :]:
        if key in GAP_ROWS or (key == FOCUS and REST not in keys):
            continue
        names[key] = view_name(key, codes, lang)
    return names


def charts_html(state, indicators: tuple[str, ...], lang: str) -> str:
    """All chart panels of the Explore page as one HTML block."""
    with state.lock:
        all_series = {name: state.series(name) for name in indicators}
        names = chart_names(state, lang)
    series = {n: {k: v for k, v in s.items() if k in names} for n, s in all_series.items()}
    svgs = "".join(chart_svg(name, series[name], names, lang) for name in indicators)
    return (
        legend_html(names)
        + '<div class="charts" style="display:flex;flex-wrap:wrap;gap:6px">'
        + svgs
        + "</div>"
    )
