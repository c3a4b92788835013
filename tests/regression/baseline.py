"""Regression baseline: a small, seeded reference of what the model computes.

A refactor must leave it bit-identical; a change meant to change results
regenerates it in its own commit, with the reason in the message
(``python tests/regression/baseline.py --write``). The practice follows the
baseline tests of Starsim and Covasim.

What is kept per run: a sha256 of every indicator of every month (and every
cost row), so any change in any number shows, and the readable values of the
main indicators for 'total' at a few months, so a failing test says *what*
changed. Costs of the built-in scenarios are kept as numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"

# Small enough for the test suite (about 20 s on one core), large enough to pass
# through the programme start (2024-01) and a year and a half of portfolios.
YEARS = 4
SEED = 11
SCENARIOS = ("baseline", "trust-from-within", "integrated-mix")
AREA_SETS = {
    "focus": ("nazareth", "pottenberg"),
    "city3": ("nazareth", "pottenberg", "wyckerpoort"),
}
SHOWN = (
    "low_resilience_share",
    "lonely_share",
    "problem_debt_share",
    "bijstand_share",
    "trust_municipality_share",
    "livability_score",
    "waiting_list",
    "population",
    "households",
    "programme_cost_eur",
)
SHOWN_MONTHS = (0, 12, 30, 48)


def _run(areas: tuple[str, ...], scenario_name: str) -> dict:
    from experiments.run import simulate
    from scenarios.loader import load_scenario

    scenario = None if scenario_name == "baseline" else load_scenario(scenario_name)
    result = simulate(areas=list(areas), years=YEARS, seed=SEED, scenario=scenario)
    table = result.table
    keys = np.array(
        [
            f"{m}|{a}|{i}"
            for m, a, i in zip(
                table["month"].to_pylist(),
                table["area"].to_pylist(),
                table["indicator"].to_pylist(),
                strict=True,
            )
        ]
    )
    values = table["value"].to_numpy()
    digest = hashlib.sha256()
    digest.update("\n".join(keys.tolist()).encode())
    digest.update(np.ascontiguousarray(values, dtype="<f8").tobytes())
    months = sorted(set(table["month"].to_pylist()))
    shown = {}
    for t in SHOWN_MONTHS:
        month = str(months[t])
        for name in SHOWN:
            hit = np.flatnonzero(keys == f"{month}|total|{name}")
            shown[f"{month}|{name}"] = float(values[hit[0]])
    return {"rows": int(table.num_rows), "sha256": digest.hexdigest(), "total": shown}


def _costs() -> dict:
    from scenarios.loader import builtin_names, load_scenario

    out = {}
    for name in builtin_names():
        s = load_scenario(name)
        out[name] = {
            "yearly": {k: float(v) for k, v in sorted(s.yearly_costs().items())},
            "by_year": {str(k): float(v) for k, v in sorted(s.costs_by_year().items())},
        }
    return out


def compute() -> dict:
    """The reference as a JSON-ready dict (runs and built-in costs)."""
    runs = {
        f"{set_name}/{scenario}": _run(areas, scenario)
        for set_name, areas in AREA_SETS.items()
        for scenario in SCENARIOS
    }
    return {
        "settings": {"years": YEARS, "seed": SEED, "areas": AREA_SETS},
        "runs": runs,
        "costs": _costs(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="overwrite baseline.json")
    args = parser.parse_args(argv)
    current = compute()
    if args.write:
        BASELINE.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {BASELINE}")
        return 0
    stored = json.loads(BASELINE.read_text())
    same = stored == json.loads(json.dumps(current))
    print("identical to the stored baseline" if same else "DIFFERS from the stored baseline")
    return 0 if same else 1


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    sys.exit(main())
