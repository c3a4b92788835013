"""One simulation run: build the model, step it, and return the tidy table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from calibration.errors import InputError
from model.indicators import INDICATOR_NAMES
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


def tidy_table(model: ResilienceModel, scenario: str, seed: int) -> pa.Table:
    """Long format: one row per month, area, indicator (areas plus 'total')."""
    data = model.recorder.array()  # [months, areas+1, indicators]
    n_months, n_areas, n_ind = data.shape
    months = np.array([f"{d}-01" for d in model.recorder.months], dtype="datetime64[D]")
    areas = np.array(model.recorder.area_keys())
    return pa.table(
        {
            "month": pa.array(np.repeat(months, n_areas * n_ind)),
            "area": pa.array(np.tile(np.repeat(areas, n_ind), n_months)),
            "indicator": pa.array(np.tile(np.array(INDICATOR_NAMES), n_months * n_areas)),
            "value": pa.array(data.reshape(-1).astype(np.float64)),
            "scenario": pa.array([scenario] * data.size),
            "seed": pa.array(np.full(data.size, seed, dtype=np.int64)),
        }
    )


def simulate(
    areas=None,
    years: int = 10,
    seed: int = 7,
    params: Mapping[str, float] | None = None,
    scenario: str = "baseline",
    progress: Callable[[], None] | None = None,
) -> RunResult:
    """Run one simulation of ``years`` years from June 2021."""
    years = check_years(years)
    model = ResilienceModel(areas=areas, params=params, rng=seed)
    model.run_months(12 * years, progress=progress)
    return RunResult(model=model, table=tidy_table(model, scenario, seed))
