"""How far the baseline drifts from its June-2021 start without any programme.

Runs the baseline for ten years over several seeds and prints, per indicator, the
start value, the values after five (2026) and ten years (2031), and the mean
ten-year drift with its spread over the seeds (sd, and the 95% interval of the mean).

    python -m experiments.stationarity --seeds 10 --markdown
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

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
MONTHS = (0, 60, 120)  # June 2021, 2026, 2031


def run(seed: int, areas: str | None = None, months: int = 120) -> np.ndarray:
    """Indicator values [len(MONTHS), len(INDICATORS)] of one seed, in the focus buurten."""
    m = ResilienceModel(areas=areas, rng=seed)
    m.run_months(months)
    rec = m.recorder
    return np.array([[rec.value(name, FOCUS, month) for name in INDICATORS] for month in MONTHS])


def table(values: np.ndarray, markdown: bool = True) -> str:
    """values: [seeds, months, indicators]."""
    n = values.shape[0]
    d = values[:, -1] - values[:, 0]
    mean, sd = d.mean(axis=0), d.std(axis=0, ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    lines = [
        f"| indicator | start | 2026 | 2031 | drift 10 y (mean of {n}) | sd over seeds | 95% CI |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for j, name in enumerate(INDICATORS):
        s, mid, end = values[:, :, j].mean(axis=0)
        lines.append(
            f"| {name} | {s:.4f} | {mid:.4f} | {end:.4f} | {mean[j]:+.4f} | {sd[j]:.4f} | "
            f"[{mean[j] - half[j]:+.4f}, {mean[j] + half[j]:+.4f}] |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--areas", default=None, help="buurten (default: the focus buurten)")
    args = ap.parse_args(argv)
    values = np.stack([run(s, args.areas) for s in range(args.seeds)])
    print(table(values))


if __name__ == "__main__":
    main()
