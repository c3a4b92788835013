"""Paired check that each intervention moves its target indicator the documented way.

Runs every catalogue intervention alone (from 2024-01, default settings) against
the baseline with the same replicate seeds (common random numbers) and reports
the mean paired difference of its target indicator at the end of the run, with
a 90% t-interval, and that difference per EUR 100,000 a year of the cost the
programme recorded (the interval holds chance in the model only: parameters and
effects at their central values). Used by the tests (few replicates) and for the closing note
(``python -m experiments.intervention_check --replicates 50``).
"""

from __future__ import annotations

import argparse
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from scipy import stats

from model.indicators import INDICATOR_NAMES
from model.resilience_model import ResilienceModel
from model.timeline import PROGRAMME_START
from scenarios import CATALOGUE, Scenario
from scenarios.base import DESIGNS

# Largest paired difference (share or score units) that counts as 'about no change' for
# interventions documented as near zero
NEAR_ZERO = 0.005


def target_value(
    key: str | None, seed: int, years: int, intensity: float = 1.0
) -> float | np.ndarray:
    """Final value of the intervention's target indicator ('total') in one run, or
    all final values for the baseline (key None); with the recorded yearly cost."""
    policy = None
    indicator = CATALOGUE[key].target_indicator if key else None
    if key:
        intervention = CATALOGUE[key](start=PROGRAMME_START, intensity=intensity)
        policy = Scenario(name=key, label_nl=key, label_en=key, interventions={key: intervention})
    model = ResilienceModel(rng=seed, policy=policy)
    model.run_months(12 * years)
    data = model.recorder.array()
    cost = data[:, -1, INDICATOR_NAMES.index("programme_cost_eur")]
    active = max(int((cost > 0).sum()), 1)
    yearly = float(cost.sum()) * 12.0 / active
    if indicator is None:
        return data[-1, -1, :], 0.0
    return float(data[-1, -1, INDICATOR_NAMES.index(indicator)]), yearly


def _task(args: tuple) -> tuple:
    key, seed, years, intensity = args
    return key, seed, target_value(key, seed, years, intensity)


def paired_effects(
    replicates: int,
    years: int,
    intensity: float = 1.0,
    workers: int = 2,
    keys: list[str] | None = None,
) -> list[dict]:
    keys = keys or list(CATALOGUE)
    seeds = [1000 + r for r in range(replicates)]
    tasks = [(None, s, years, 1.0) for s in seeds] + [
        (k, s, years, intensity) for k in keys for s in seeds
    ]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = list(pool.map(_task, tasks, chunksize=2))
    base = {seed: value[0] for key, seed, value in results if key is None}
    rows = []
    for k in keys:
        ind = INDICATOR_NAMES.index(CATALOGUE[k].target_indicator)
        diffs = np.array([v[0] - base[seed][ind] for key, seed, v in results if key == k])
        yearly = float(np.mean([v[1] for key, seed, v in results if key == k]))
        mean, sd = diffs.mean(), diffs.std(ddof=1)
        half = stats.t.ppf(0.95, diffs.size - 1) * sd / np.sqrt(diffs.size)
        direction = CATALOGUE[k].direction
        if CATALOGUE[k].near_zero:  # documented as too small to show: about no change
            good = abs(mean) < NEAR_ZERO
            direction = f"{direction} (near zero)"
        else:
            good = mean < 0 if direction == "lower" else mean > 0
        rows.append(
            {
                "intervention": k,
                "indicator": CATALOGUE[k].target_indicator,
                "direction": direction,
                "mean_diff": mean,
                "low": mean - half,
                "high": mean + half,
                "as_documented": bool(good),
                "yearly_cost_eur": yearly,
                "per_100k": mean / yearly * 1e5 if yearly else float("nan"),
                "per_100k_low": (mean - half) / yearly * 1e5 if yearly else float("nan"),
                "per_100k_high": (mean + half) / yearly * 1e5 if yearly else float("nan"),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicates", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--intensity", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows = paired_effects(args.replicates, args.years, args.intensity, args.workers)
    print(
        f"| intervention | evidence (weakest design) | target indicator | wanted | mean paired "
        f"difference (90% CI), {args.replicates} replicates, {args.years} years | recorded "
        "EUR a year | per EUR 100k a year (90% CI) | as documented |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        cls = CATALOGUE[r["intervention"]]
        weakest = max(cls.DESIGN.values(), key=DESIGNS.index) if cls.DESIGN else ""
        print(
            f"| {r['intervention']} | {weakest} | {r['indicator']} | {r['direction']} | "
            f"{r['mean_diff']:+.4f} ({r['low']:+.4f} to {r['high']:+.4f}) | "
            f"{r['yearly_cost_eur']:,.0f} | {r['per_100k']:+.4f} ({r['per_100k_low']:+.4f} to "
            f"{r['per_100k_high']:+.4f}) | {'yes' if r['as_documented'] else 'NO'} |"
        )


if __name__ == "__main__":
    main()
