"""Dwelling locations inside the real buurt polygons (CBS Wijk- en Buurtkaart 2017).

Coordinates are projected to metres on a local tangent plane around
Maastricht (equirectangular; error well under 0.1% over a few km), which is
enough for blocks and neighbour distances. Blocks are squares of
``block_size_m`` metres clipped to the buurt.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from model.param_spec import Param

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "geo.block_size_m",
        80.0,
        50.0,
        150.0,
        "m",
        "Edge of the square blocks dwellings are grouped in",
        "assumption: a Dutch housing block or flat building with its street front",
    ),
)

LAT0, LON0 = 50.85, 5.69  # Maastricht
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * np.cos(np.radians(LAT0))


def to_metres(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (np.asarray(lon) - LON0) * M_PER_DEG_LON, (np.asarray(lat) - LAT0) * M_PER_DEG_LAT


def to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(x) / M_PER_DEG_LON + LON0, np.asarray(y) / M_PER_DEG_LAT + LAT0


def area_shape(polygons: list) -> MultiPolygon:
    """The buurt as a shapely geometry in metres."""
    parts = []
    for rings in polygons:
        shell, *holes = [np.column_stack(to_metres(*np.asarray(r, dtype=float).T)) for r in rings]
        parts.append(Polygon(shell, holes))
    return shapely.make_valid(MultiPolygon(parts))


def place_dwellings(
    polygons: list, n: int, flat: np.ndarray, rng: np.random.Generator, block_size_m: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (x, y in metres) and block ids for ``n`` dwellings.

    Single-family houses spread over the buurt; flats are stacked in a few
    blocks (their share of blocks is about half their share of dwellings),
    so that flats share buildings and stairwells as in reality.
    Returns x, y and a block index local to this buurt (0..n_blocks-1).
    """
    shape = area_shape(polygons)
    minx, miny, maxx, maxy = shape.bounds
    pts = np.empty((0, 2))
    while pts.shape[0] < 4 * n + 200:  # candidate points inside the polygon
        cand = np.column_stack(
            [rng.uniform(minx, maxx, 4 * n + 400), rng.uniform(miny, maxy, 4 * n + 400)]
        )
        inside = shapely.contains_xy(shape, cand[:, 0], cand[:, 1])
        pts = np.vstack([pts, cand[inside]])
    gx = np.floor((pts[:, 0] - minx) / block_size_m).astype(np.int64)
    gy = np.floor((pts[:, 1] - miny) / block_size_m).astype(np.int64)
    cell = gx * 100_000 + gy
    cells, cell_idx = np.unique(cell, return_inverse=True)
    n_flat = int(flat.sum())
    flat_share = n_flat / max(n, 1)
    n_flat_cells = int(np.ceil(len(cells) * flat_share * 0.5)) if n_flat else 0
    flat_cells = rng.choice(len(cells), size=min(n_flat_cells, len(cells)), replace=False)
    is_flat_cell = np.zeros(len(cells), dtype=bool)
    is_flat_cell[flat_cells] = True
    x = np.empty(n)
    y = np.empty(n)
    block = np.empty(n, dtype=np.int64)
    for want_flat, members in ((True, np.flatnonzero(flat)), (False, np.flatnonzero(~flat))):
        if members.size == 0:
            continue
        pool = np.flatnonzero(is_flat_cell[cell_idx] == want_flat)
        if pool.size == 0:
            pool = np.arange(len(pts))
        pick = rng.choice(pool, size=members.size, replace=pool.size < members.size)
        x[members], y[members] = pts[pick, 0], pts[pick, 1]
        block[members] = cell_idx[pick]
    _, block = np.unique(block, return_inverse=True)  # compact ids
    return x, y, block
