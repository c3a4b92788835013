"""Small numeric helpers shared by the processes and the initial state."""

from __future__ import annotations

from functools import cache

import numpy as np

DT = 1.0 / 12.0  # one month in years


def monthly_prob(rate_per_year: np.ndarray | float) -> np.ndarray | float:
    """Probability of at least one event in a month for a yearly rate."""
    return -np.expm1(-np.asarray(rate_per_year, dtype=np.float64) * DT)


def relax(
    x: np.ndarray, target: np.ndarray, speed: float, noise_sd: float, rng: np.random.Generator
) -> np.ndarray:
    """One month of set-point dynamics: move a share ``speed`` towards the target,
    plus noise. With an unchanged target the spread stays stationary."""
    return x + speed * (target - x) + noise_sd * rng.standard_normal(x.shape)


def stationary_sd(speed: float, noise_sd: float) -> float:
    """Spread of the fluctuation around the set-point under ``relax``."""
    return noise_sd / np.sqrt(max(speed * (2.0 - speed), 1e-12))


def pick_exact(weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Boolean mask choosing exactly ``k`` items, with probability rising with weight
    (Gumbel top-k: a weighted draw without replacement)."""
    n = weights.size
    mask = np.zeros(n, dtype=bool)
    k = int(min(max(k, 0), n))
    if k == 0:
        return mask
    keys = np.log(np.maximum(weights, 1e-300)) + rng.gumbel(size=n)
    mask[np.argpartition(-keys, k - 1)[:k]] = True
    return mask


def shift_for_share_above(x: np.ndarray, threshold: float, share: float) -> float:
    """Shift ``a`` such that a share ``share`` of ``x + a`` lies above ``threshold``."""
    if x.size == 0:
        return 0.0
    return float(threshold - np.quantile(x, 1.0 - share))


def group_rank(group: np.ndarray) -> np.ndarray:
    """Rank of each element within its group, in the given order (0 = first)."""
    if group.size == 0:
        return np.empty(0, dtype=np.int64)
    order = np.argsort(group, kind="stable")
    g = group[order]
    starts = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    ranks_sorted = np.arange(g.size) - np.repeat(starts, np.diff(np.r_[starts, g.size]))
    ranks = np.empty_like(ranks_sorted)
    ranks[order] = ranks_sorted
    return ranks


@cache
def _code_table(codes: tuple[int, ...]) -> np.ndarray:
    lut = np.zeros(256, dtype=bool)
    lut[list(codes)] = True
    return lut


def is_any(values: np.ndarray, codes: tuple[int, ...]) -> np.ndarray:
    """``values`` is one of the small non-negative ``codes`` (a faster np.isin for
    int8 code columns; negative values never match)."""
    values = np.asarray(values)
    lut = _code_table(tuple(codes))
    if values.dtype == np.int8:
        return lut[values.view(np.uint8)]  # negatives map to 128-255: never a code
    return lut[np.clip(values, 0, 255).astype(np.intp)] & (values >= 0) & (values < 256)


def member(values: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """``values`` is among ``pool`` (integers of any range, e.g. pair keys): the
    answer of ``np.isin``, by sorting ``pool`` once and a binary search (np.isin's
    sorting method was about 15 times slower on the tie keys of the whole city)."""
    values = np.asarray(values)
    pool = np.asarray(pool)
    if values.size == 0 or pool.size == 0:
        return np.zeros(values.shape, dtype=bool)
    ordered = np.sort(pool.ravel())
    pos = np.minimum(np.searchsorted(ordered, values), ordered.size - 1)
    return ordered[pos] == values


def in_slots(values: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """``values`` (non-negative slot numbers) is among ``slots``."""
    values = np.asarray(values)
    if values.size == 0 or np.size(slots) == 0:
        return np.zeros(values.shape, dtype=bool)
    mask = np.zeros(int(max(values.max(), np.max(slots))) + 1, dtype=bool)
    mask[slots] = True
    return mask[values]
