"""Posterior-predictive check: simulate surveys with posterior draws, compare to targets.

For each of K parameter sets drawn from the posterior (by weight, with
replacement) the model is run and every survey wave emulated, so the
simulated interval of a target holds both parameter uncertainty and the
survey's sampling noise: it is the range within which a real survey of that
size would fall if the model were right. A target is *inside* when its
observed value lies within the 5th-95th percentile of the K simulated values.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from calibration.plan import Plan
from calibration.simulator import simulate_surveys

LOW_Q, HIGH_Q = 0.05, 0.95
FIT_COLUMNS = [
    "area",
    "area_name",
    "indicator",
    "year",
    "role",
    "status",
    "observed",
    "sample_size",
    "sim_median",
    "sim_p05",
    "sim_p95",
    "inside",
]


def draw_rows(posterior: pd.DataFrame, k: int, seed: int) -> pd.DataFrame:
    """K posterior rows drawn by weight (with replacement), reproducibly."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 2021]))
    weights = posterior["weight"].to_numpy(dtype=float)
    picks = rng.choice(len(posterior), size=k, replace=True, p=weights / weights.sum())
    return posterior.iloc[picks].reset_index(drop=True)


def _one(args) -> dict[str, float]:
    values, plan, seed = args
    return simulate_surveys(values, plan, seed)


def simulate_draws(
    plan: Plan, draws: pd.DataFrame, seed: int, workers: int = 2, cluster: str | None = None
) -> pd.DataFrame:
    """Simulated estimate per draw and target: columns draw, key, value."""
    from model.seeds import replicate_seed

    jobs = [
        ({p: float(row[p]) for p in plan.parameters}, plan, replicate_seed(seed, i))
        for i, (_, row) in enumerate(draws.iterrows())
    ]
    if cluster:
        from calibration.abc_smc import connect

        client = connect(cluster)
        try:
            results = client.gather(client.map(_one, jobs, pure=False))
        finally:
            client.close()
    elif workers <= 1:
        results = [_one(job) for job in jobs]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = list(pool.map(_one, jobs))
    rows = [(i, key, value) for i, result in enumerate(results) for key, value in result.items()]
    return pd.DataFrame(rows, columns=["draw", "key", "value"])


def fit_table(plan: Plan, sims: pd.DataFrame) -> pd.DataFrame:
    """One row per target: observed, simulated median and 90% interval, inside or not."""
    stats = sims.groupby("key")["value"].quantile([0.5, LOW_Q, HIGH_Q]).unstack()
    stats.columns = ["sim_median", "sim_p05", "sim_p95"]
    table = plan.targets.merge(stats, left_on="key", right_index=True, how="left")
    table = table.rename(columns={"value": "observed"})
    inside = (table["observed"] >= table["sim_p05"]) & (table["observed"] <= table["sim_p95"])
    table["inside"] = np.where(inside, "yes", "no")
    for col in ("sim_median", "sim_p05", "sim_p95"):
        table[col] = table[col].round(4)  # survey estimates; more digits are noise
    order = {"fit": 0, "holdout": 1, "start": 2}
    table = table.sort_values(
        ["role", "year", "area", "indicator"], key=lambda c: c.map(order) if c.name == "role" else c
    )
    return table[FIT_COLUMNS].reset_index(drop=True)


def coverage(table: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Per role: (targets inside their 90% interval, targets)."""
    return {
        role: (int((group["inside"] == "yes").sum()), len(group))
        for role, group in table.groupby("role", sort=False)
    }
