"""The June-2021 starting state hits the survey targets of the focus buurten.

Targets and tolerances are read straight from model/inputs/data/survey_targets.csv.
"""

from __future__ import annotations

import pytest
from conftest import FOCUS, SEEDS, read_csv

# Only rows of the survey year set the starting state (June 2021); other years are for calibration.
ROWS = [
    row for row in read_csv("survey_targets.csv") if row["area"] in FOCUS and row["year"] == "2021"
]
CASES = [(seed, row) for seed in SEEDS for row in ROWS]
CASE_IDS = [f"seed{seed}-{FOCUS[row['area']]}-{row['indicator']}" for seed, row in CASES]


def test_both_focus_buurten_have_targets():
    assert {row["area"] for row in ROWS} == set(FOCUS)
    assert len(ROWS) >= 2 * 8


@pytest.mark.parametrize(("seed", "row"), CASES, ids=CASE_IDS)
def test_month0_indicator_within_target_tolerance(start_model, seed, row):
    m = start_model(seed)
    value = m.recorder.value(row["indicator"], FOCUS[row["area"]], 0)
    target, tolerance = float(row["value"]), float(row["tolerance"])
    assert abs(value - target) <= tolerance, (
        f"{row['indicator']} in {FOCUS[row['area']]}: model {value:.4f}, "
        f"target {target} +/- {tolerance}"
    )
