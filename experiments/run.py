"""One simulation run: build the model, step it, and return the tidy table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from core.errors import InputError
from model.indicators import INDICATOR_NAMES
from model.inputs import Inputs, load_inputs
from model.resilience_model import ResilienceModel

MAX_YEARS = 50


@dataclass
class RunResult:
    model: ResilienceModel
    table: pa.Table


def check_years(years: int) -> int:
    if not isinstance(years, int | np.integer) or years < 1 or years > MAX_YEARS:
        raise InputError(f"--years must be a whole number from 1 to {MAX_YEARS}, got {years!r}")
    return int(years)


def tidy_table(model: ResilienceModel, scenario: str, seed: int, replicate: int = 0) -> pa.Table:
    """Long format: one row per month, area and indicator (areas plus 'total').

    Interventions add rows ``cost_eur:<name>`` with their monthly cost (EUR)."""
    rec = model.recorder
    data = rec.array()  # [months, areas+1, indicators]
    names = list(INDICATOR_NAMES)
    cost_names = sorted({name for block in rec.cost_blocks for name in block})
    if cost_names:
        extra = np.zeros((data.shape[0], data.shape[1], len(cost_names)))
        for t, block in enumerate(rec.cost_blocks):
            for j, name in enumerate(cost_names):
                if name in block:
                    extra[t, :, j] = block[name]
        data = np.concatenate([data, extra], axis=2)
        names += [f"cost_eur:{name}" for name in cost_names]
    n_months, n_areas, n_ind = data.shape
    months = np.array([f"{d}-01" for d in rec.months], dtype="datetime64[D]")
    areas = np.array(rec.area_keys())
    return pa.table(
        {
            "month": pa.array(np.repeat(months, n_areas * n_ind)),
            "area": pa.array(np.tile(np.repeat(areas, n_ind), n_months)),
            "indicator": pa.array(np.tile(np.array(names), n_months * n_areas)),
            "value": pa.array(data.reshape(-1).astype(np.float64)),
            "scenario": pa.array([scenario] * data.size),
            "replicate": pa.array(np.full(data.size, replicate, dtype=np.int64)),
            "seed": pa.array(np.full(data.size, seed, dtype=np.int64)),
        }
    )


def simulate(
    areas=None,
    years: int = 10,
    seed: int = 7,
    params: Mapping[str, float] | None = None,
    scenario=None,
    replicate: int = 0,
    progress: Callable[[], None] | None = None,
    inputs: Inputs | None = None,
) -> RunResult:
    """Run one simulation of ``years`` years from the start; ``scenario`` is a
    scenarios.Scenario (None or a name string for the baseline); ``inputs`` the
    buurten and start targets (default: the shipped data for ``areas``)."""
    years = check_years(years)
    policy = scenario if hasattr(scenario, "apply") else None
    name = getattr(scenario, "name", scenario) or "baseline"
    if inputs is None:
        inputs = load_inputs(areas)
    model = ResilienceModel(params=params, rng=seed, policy=policy, inputs=inputs)
    model.run_months(12 * years, progress=progress)
    return RunResult(model=model, table=tidy_table(model, name, seed, replicate))
