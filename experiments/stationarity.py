"""How far the baseline drifts from its June-2021 start without any programme.

Runs the baseline for ten years over several seeds, with prices, wages and benefits
held at their 2021 level, and prints a markdown table: per indicator the start value,
the values after one (2022), five (2026) and ten years (2031), and the mean ten-year
drift with its spread over the seeds (sd, and the 95% interval of the mean).
tests/test_stationarity.py holds the drifts to stated tolerances.

    python -m experiments.stationarity --seeds 10 --workers 2
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import numpy as np
from scipy import stats

from model.resilience_model import ResilienceModel
from model.views import FOCUS

INDICATORS = (
    "bijstand_share",
    "trust_municipality_share",
    "unemployment_share",
    "waiting_list",
    "problem_debt_share",
    "lonely_share",
    "psych_distress_share",
    "low_resilience_share",
    "payment_arrears_share",
    "service_users_share",
    "vulnerable_share",
)
MONTHS = (0, 12, 60, 120)  # June 2021, 2022, 2026, 2031
# prices, wages and benefits held at their 2021 level: the question is whether the model
# stands still when the world does
FLAT = {"history.flat": 1.0}


def run(seed: int, areas: str | None = None) -> np.ndarray:
    """Indicator values [len(MONTHS), len(INDICATORS)] of one seed, in the focus buurten."""
    m = ResilienceModel(areas=areas, params=FLAT, rng=seed)
    m.run_months(MONTHS[-1])
    rec = m.recorder
    return np.array([[rec.value(name, FOCUS, month) for name in INDICATORS] for month in MONTHS])


def table(values: np.ndarray, markdown: bool = True) -> str:
    """values: [seeds, months, indicators]."""
    n = values.shape[0]
    d = values[:, -1] - values[:, 0]
    mean, sd = d.mean(axis=0), d.std(axis=0, ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    lines = [
        f"| indicator | start | 2022 | 2026 | 2031 | drift 10 y (mean of {n}) | sd over seeds "
        "| 95% CI |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for j, name in enumerate(INDICATORS):
        s, first, mid, end = values[:, :, j].mean(axis=0)
        lines.append(
            f"| {name} | {s:.4f} | {first:.4f} | {mid:.4f} | {end:.4f} | {mean[j]:+.4f} | "
            f"{sd[j]:.4f} | "
            f"[{mean[j] - half[j]:+.4f}, {mean[j] + half[j]:+.4f}] |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--areas", default=None, help="buurten (default: the focus buurten)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    with ProcessPoolExecutor(args.workers) as pool:
        runs = pool.map(partial(run, areas=args.areas), range(args.seeds))
        values = np.stack(list(runs))
    print(table(values))


if __name__ == "__main__":
    main()
