"""The buurt map of the Explore page (matplotlib).

Built with ``matplotlib.figure.Figure`` (no pyplot), so sessions draw without
sharing global state.
"""

from __future__ import annotations

import io
import threading

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from model.inputs.geometry import area_shape
from model.resilience_model import ResilienceModel
from viz.app_state import SimState
from viz.labels import MAP_LAYERS, layer_label

DPI = 80


_OUTLINES: dict[str, tuple[list[np.ndarray], tuple[float, float]]] = {}


def outline(area) -> tuple[list[np.ndarray], tuple[float, float]]:
    """Boundary rings (metres) and a label point just above one buurt; cached, they never change."""
    if area.code not in _OUTLINES:
        shape = area_shape(area.polygons)
        minx, _, maxx, maxy = shape.bounds
        parts = getattr(shape, "geoms", [shape])
        rings = [np.asarray(p.exterior.xy) for p in parts if p.geom_type == "Polygon"]
        _OUTLINES[area.code] = rings, ((minx + maxx) / 2, maxy + 60.0)
    return _OUTLINES[area.code]


def block_means(m: ResilienceModel, values: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Per dwelling, the mean of ``values`` over the occupied dwellings of its block."""
    d = m.dwellings
    n = d.size
    key = d.area[:n].astype(np.int64) * 1_000_000 + d.block[:n]
    _, block = np.unique(key, return_inverse=True)
    total = np.bincount(block[live], weights=values[live], minlength=block.max() + 1)
    count = np.bincount(block[live], minlength=block.max() + 1)
    return np.where(count[block] > 0, total[block] / np.maximum(count[block], 1), np.nan)


def dwelling_values(state: SimState, layer: str, by_block: bool) -> np.ndarray:
    """Per dwelling, the layer's value for its household (NaN if empty)."""
    m = state.model
    occ = m.dwellings.occupant[: m.dwellings.size]
    live = occ >= 0
    values = np.full(occ.size, np.nan)
    values[live] = state.household_values(layer)[occ[live]]
    return block_means(m, values, live) if by_block else values


class MapView:
    """The buurt map of one session: dwellings inside the real buurt polygons,
    coloured by the household living there. The figure is built once per model,
    layer and language; a redraw only recolours the dots."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple | None = None

    def _build(self, state: SimState, layer: str, lang: str) -> None:
        _, _, good, lo, hi = MAP_LAYERS[layer]
        fig = Figure(figsize=(6.4, 4.4), dpi=DPI)
        ax = fig.add_axes((0.01, 0.02, 0.80, 0.90))
        m = state.model
        for area in m.areas:
            rings, (cx, cy) = outline(area)
            for xs, ys in rings:
                ax.plot(xs, ys, color="0.1", lw=1.2)
            ax.text(cx, cy, area.name, fontsize=11, weight="bold", ha="center", va="bottom")
        d = m.dwellings
        cmap = colormaps["RdYlGn" if good == "higher" else "RdYlGn_r"].with_extremes(bad="0.78")
        self.points = ax.scatter(
            d.x[: d.size],
            d.y[: d.size],
            s=7,
            c=np.zeros(d.size),
            cmap=cmap,
            norm=Normalize(lo, hi),
            linewidths=0,
            plotnonfinite=True,
        )
        cax = fig.add_axes((0.84, 0.1, 0.03, 0.75))
        fig.colorbar(self.points, cax=cax, label=layer_label(layer, lang))
        ax.set_aspect(1.0)
        ax.set_axis_off()
        self.title = ax.set_title("", fontsize=10)
        self.fig = fig

    def png(self, state: SimState, layer: str, lang: str, by_block: bool = False) -> bytes:
        """The map now, as PNG bytes."""
        with self.lock, state.lock:
            key = (id(state.model), layer, lang)
            if key != self.key:
                self._build(state, layer, lang)
                self.key = key
            self.points.set_array(dwelling_values(state, layer, by_block))
            self.title.set_text(f"{layer_label(layer, lang)}  ·  {state.date}")
            buffer = io.BytesIO()
            self.fig.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()
