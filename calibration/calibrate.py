"""``veerkracht calibrate``: fit, check and write the posterior.

Files in the output folder (all written at the end, each atomically, so an
interrupted calibration leaves nothing behind):

* ``posterior.parquet``: the last ABC-SMC generation, one row per parameter set:
  ``draw``, ``generation``, ``weight`` (sums to 1) and one column per parameter.
  ``veerkracht compare --posterior`` draws from it.
* ``fit.csv``: one row per target: observed value, simulated median and 90%
  interval from the posterior-predictive check, inside or not, and its role
  (``fit``, ``holdout`` = validation, ``start`` = the 2021 values the start is
  aligned to).
* ``figures/posterior_marginals.png``, ``figures/observed_vs_simulated.png``.
* ``calibration.json``: settings, seeds, priors, the targets file and its hash,
  coverage, timings and versions.
* ``abc_history.db``: pyabc's database of every generation (open it with
  ``pyabc.History``) for further diagnostics.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa

from calibration.abc_smc import Budget, fit
from calibration.plan import FITTED, HOLDOUT, Plan, make_plan
from calibration.predictive import coverage, draw_rows, fit_table, simulate_draws

OUTPUT_FILES = ("posterior.parquet", "fit.csv", "calibration.json")


def answer_sds(params: dict[str, float]) -> dict[str, float]:
    """Spread of single answers for the indicators that are means of a score."""
    return {
        "social_cohesion_score": params["survey.cohesion_answer_sd"],
        "livability_score": params["survey.livability_answer_sd"],
    }


def build_plan(
    targets_file: str | Path | None,
    areas,
    parameters: Sequence[str] = FITTED,
    holdout: Sequence[str] = HOLDOUT,
    area_inputs: str | Path | None = None,
) -> tuple[Plan, Path]:
    """Load and check the targets, and assign roles (raises InputError on bad input)."""
    from calibration.survey_data import load_survey_file
    from model.inputs.targets import shipped_targets_path
    from model.params import defaults

    path = Path(targets_file) if targets_file else shipped_targets_path()
    targets = load_survey_file(path)
    plan = make_plan(
        targets, areas, parameters, holdout, answer_sds(defaults()), str(path), area_inputs
    )
    return plan, path


@dataclass
class Outcome:
    out: Path
    plan: Plan
    table: pd.DataFrame
    posterior: pd.DataFrame
    coverage: dict[str, tuple[int, int]]
    seconds: dict[str, float]
    generations: int
    simulations: int


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=130, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def run_calibration(
    plan: Plan,
    targets_path: Path,
    out: str | Path,
    budget: Budget,
    workers: int = 2,
    cluster: str | None = None,
    seed: int = 7,
    on_generation: Callable[[dict], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    truth: dict[str, float] | None = None,
) -> Outcome:
    """Fit, run the posterior-predictive check and write every output file."""
    from calibration import figures
    from core.store import make_output_dir, write_bytes, write_json, write_parquet
    from model.manifest import DEPENDENCIES, data_hashes, version_of
    from model.params import PARAMS

    stage = on_stage or (lambda text: None)
    started = time.monotonic()
    result = fit(plan, budget, workers, cluster, seed, on_generation, stage)
    try:
        stage(f"posterior-predictive check: {budget.predictive_draws} simulations")
        t0 = time.monotonic()
        draws = draw_rows(result.posterior, budget.predictive_draws, seed)
        sims = simulate_draws(plan, draws, seed, workers, cluster)
        table = fit_table(plan, sims)
        predictive_s = time.monotonic() - t0
        cover = coverage(table)
        out = make_output_dir(Path(out))
        (out / "figures").mkdir(exist_ok=True)
        write_parquet(
            pa.Table.from_pandas(result.posterior, preserve_index=False), out / "posterior.parquet"
        )
        write_bytes(table.to_csv(index=False).encode("utf-8"), out / "fit.csv")
        write_bytes(
            _png(figures.posterior_marginals(result.posterior, plan.parameters, truth)),
            out / "figures" / "posterior_marginals.png",
        )
        write_bytes(
            _png(figures.observed_vs_simulated(table)),
            out / "figures" / "observed_vs_simulated.png",
        )
        tmp_db = out / ".abc_history.db.tmp"
        shutil.copyfile(result.history_db, tmp_db)
        tmp_db.replace(out / "abc_history.db")
    finally:
        shutil.rmtree(result.history_db.parent, ignore_errors=True)
    seconds = {
        "abc": round(result.seconds, 1),
        "predictive_check": round(predictive_s, 1),
        "total": round(time.monotonic() - started, 1),
    }
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "veerkracht calibrate",
        "method": "ABC-SMC (pyabc), uniform priors over the registry ranges, distance = "
        "Euclidean over targets scaled by their sampling standard error",
        "budget": budget.__dict__,
        "workers": workers,
        "cluster": cluster,
        "seed": seed,
        "areas": list(plan.area_codes),
        "targets_file": str(targets_path),
        "targets_sha256": hashlib.sha256(targets_path.read_bytes()).hexdigest(),
        "targets_skipped": list(plan.skipped),
        "roles": {role: int(n) for role, n in plan.targets["role"].value_counts().items()},
        "held_out_indicators": sorted(plan.rows("holdout")["indicator"].unique()),
        "parameters": {
            name: {
                "prior": PARAMS[name].prior_label(),
                "default": PARAMS[name].default,
                "unit": PARAMS[name].unit,
            }
            for name in plan.parameters
        },
        "generations": result.generations,
        "simulations": result.simulations,
        "final_epsilon": result.epsilon,
        "coverage_90": {role: {"inside": a, "of": b} for role, (a, b) in cover.items()},
        "seconds": seconds,
        "data_files": data_hashes(plan.inputs),
        "dependencies": {d: version_of(d) for d in (*DEPENDENCIES, "pyabc")},
        "data_status": "illustrative targets unless replaced by the municipality's survey",
    }
    if truth:
        manifest["synthetic_truth"] = truth
    write_json(manifest, out / "calibration.json")
    return Outcome(
        out, plan, table, result.posterior, cover, seconds, result.generations, result.simulations
    )


def weighted_quantile(posterior: pd.DataFrame, name: str, q: float) -> float:
    """The first value of one parameter whose cumulative posterior weight reaches q."""
    frame = posterior[[name, "weight"]].sort_values(name)
    cum = frame["weight"].cumsum().to_numpy() / frame["weight"].sum()
    values = frame[name].to_numpy()
    return float(values[min((cum >= q).argmax(), len(values) - 1)])


def interval_of(posterior: pd.DataFrame, name: str, level: float = 0.9) -> tuple[float, float]:
    """Weighted central interval of one parameter's posterior."""
    tail = (1 - level) / 2
    return weighted_quantile(posterior, name, tail), weighted_quantile(posterior, name, 1 - tail)
