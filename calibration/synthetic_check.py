"""Can the calibration find parameters it knows? A check on synthetic targets.

Usage::

    python -m calibration.synthetic_check --out DIR [--quick] [--seed S]

Picks "true" values for the fitted parameters (alternately at 30% and 70% of
each prior range), simulates the survey waves with them (the survey emulator,
with the shipped targets' sample sizes), replaces the later-wave target values
by these simulated estimates, and calibrates on them. Writes the usual
calibration outputs plus ``synthetic_targets.csv`` and ``synthetic_check.csv``
(per parameter: true value, posterior median and 90% interval, whether the
interval holds the truth, and how much narrower than the prior it is).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from calibration.abc_smc import DEFAULT_BUDGET, QUICK_BUDGET
from calibration.calibrate import (
    answer_sds,
    build_plan,
    interval_of,
    run_calibration,
    weighted_quantile,
)
from calibration.plan import Plan, make_plan
from calibration.simulator import simulate_surveys

TRUTH_SEED = 20240601


def true_values(plan: Plan) -> dict[str, float]:
    from model.params import PARAMS

    out = {}
    for i, name in enumerate(plan.parameters):
        p = PARAMS[name]
        q = 0.3 if i % 2 == 0 else 0.7
        out[name] = p.low + q * (p.high - p.low)
    return out


def synthetic_targets(plan: Plan, truth: dict[str, float], seed: int = TRUTH_SEED) -> pd.DataFrame:
    """The plan's targets with every later-wave value replaced by one simulated survey."""
    simulated = simulate_surveys(truth, plan, seed)
    frame = plan.targets.copy()
    later = frame["role"] != "start"
    frame.loc[later, "value"] = frame.loc[later, "key"].map(simulated)
    frame.loc[later, "status"] = "assumption"
    frame.loc[later, "source"] = (
        f"synthetic: one simulated survey with known parameters (seed {seed})"
    )
    return frame


def parameter_table(posterior: pd.DataFrame, truth: dict[str, float]) -> pd.DataFrame:
    from model.params import PARAMS

    rows = []
    for name, value in truth.items():
        lo, hi = interval_of(posterior, name)
        median = weighted_quantile(posterior, name, 0.5)
        prior_width = PARAMS[name].high - PARAMS[name].low
        rows.append(
            {
                "parameter": name,
                "true": value,
                "posterior_median": median,
                "p05": lo,
                "p95": hi,
                "inside": "yes" if lo <= value <= hi else "no",
                "interval_share_of_prior": (hi - lo) / prior_width,
            }
        )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    from core.store import make_output_dir, write_bytes
    from model.inputs.areas import resolve_areas
    from model.params import defaults

    areas = resolve_areas(None)
    template, path = build_plan(None, areas)
    truth = true_values(template)
    targets = synthetic_targets(template, truth)
    base = targets.drop(columns=["key", "role", "sigma", "area_name"])
    plan = make_plan(base, areas, template.parameters, answer_sd=answer_sds(defaults()))
    out = make_output_dir(args.out)
    synthetic_file = out / "synthetic_targets.csv"
    write_bytes(base.to_csv(index=False).encode("utf-8"), synthetic_file)
    budget = QUICK_BUDGET if args.quick else DEFAULT_BUDGET
    outcome = run_calibration(
        plan,
        synthetic_file,
        out,
        budget,
        workers=args.workers,
        seed=args.seed,
        on_generation=lambda info: print(
            f"generation {info['generation'] + 1}: tolerance {info['epsilon']:.2f}, "
            f"{info['total_simulations']} simulations, {info['elapsed_s']:.0f} s",
            file=sys.stderr,
        ),
        truth=truth,
    )
    table = parameter_table(outcome.posterior, truth)
    write_bytes(table.to_csv(index=False).encode("utf-8"), out / "synthetic_check.csv")
    inside = int((table["inside"] == "yes").sum())
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print(
        f"true value inside the posterior 90% interval for {inside} of {len(table)} parameters; "
        f"{outcome.simulations} simulations in {outcome.seconds['total']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
