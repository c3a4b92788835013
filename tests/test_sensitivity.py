"""What decides the ranking: the sensitivity analysis (``veerkracht sensitivity``)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
from experiments.sensitivity import (
    DUMMY,
    Factor,
    Stage,
    morris_design,
    morris_problem,
    morris_rows,
    reversal,
    top_factors,
)

runner = CliRunner()

LONELY = """
name: lonely
label: {nl: "Eenzaamheid", en: "Loneliness course"}
kind: portfolio
areas: [nazareth, pottenberg]
horizon_years: 2
interventions:
  course:
    type: loneliness_programme
    start: "2022-01"
"""
MEET = """
name: meet
label: {nl: "Ontmoeten", en: "Meeting place"}
kind: portfolio
areas: [nazareth, pottenberg]
horizon_years: 2
interventions:
  meet:
    type: meeting_place
    start: "2022-01"
"""


# ---------------------------------------------------------------------- a known answer
def _linear_case():
    """y = 3 x0 - 1 on the quantile scale of x0 (a uniform 0-1 'effect'), x1 does nothing:
    Morris must rank x0 first, and the sign of y flips at x0 = 1/3."""
    chosen = [
        Factor("x0", DUMMY, "g", 0.0, 1.0, 0.5),  # kind dummy: value = quantile
        Factor("x1", DUMMY, "g", 0.0, 1.0, 0.5),
    ]
    unit = morris_design(chosen, 20, seed=3)
    stage = Stage("morris", chosen, unit, Path("."))
    y = 3 * unit[:, 0] - 1
    return chosen, stage, y


def test_morris_ranks_the_input_that_matters_first():
    chosen, stage, y = _linear_case()
    key = ("effect", "p", "baseline", "people", "low_resilience_share")
    frame = morris_rows(stage, morris_problem(chosen), {key: y}, seed=1)
    by = frame.set_index("factor")
    assert by.loc["x0", "mu_star"] == pytest.approx(3.0)  # the slope over the whole range
    assert by.loc["x1", "mu_star"] == 0.0
    assert by.loc["x0", "rank"] == 1


def test_the_reversal_is_found_where_the_sign_flips():
    chosen, stage, y = _linear_case()
    at, side = reversal(stage, y, chosen[0])
    assert at == pytest.approx(1 / 3, abs=1e-9) and side == "below"
    assert reversal(stage, 3 * stage.unit[:, 0] + 1, chosen[0]) is None


def test_top_factors_leave_out_the_dummy():
    frame = pd.DataFrame(
        {
            "output": "effect",
            "scenario": "p",
            "versus": "baseline",
            "area": "people",
            "indicator": "lonely_share",
            "factor": ["a", "b", DUMMY, "c"],
            "mu_star": [0.1, 0.5, 0.9, 0.3],
        }
    )
    assert top_factors(frame, 2) == ["b", "c"]


# ---------------------------------------------------------------------- the command
@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sens")
    files = []
    for name, text in (("lonely", LONELY), ("meet", MEET)):
        path = folder / f"{name}.yaml"
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        files.append(str(path))
    out = folder / "out"
    args = ["sensitivity", *files, "--quick", "--sobol", "2", "--top", "2"]
    result = runner.invoke(app, [*args, "--workers", "1", "--out", str(out)])
    return out, args, result


def test_sensitivity_quick_writes_its_files(analysed):
    out, _, result = analysed
    assert result.exit_code == 0, result.output
    for name in ("morris.csv", "sobol.csv", "sensitivity.md", "manifest.json"):
        assert (out / name).is_file(), name
    assert list((out / "figures").glob("morris_*.png"))
    morris = pd.read_csv(out / "morris.csv")
    assert set(morris["output"]) == {"effect", "pair"}  # each against the baseline, and the pair
    assert {DUMMY, "meeting_place.tie_making", "loneliness_programme.loneliness_d"} <= set(
        morris["factor"]
    )
    manifest = json.loads((out / "manifest.json").read_text())
    # 3 effects and chance: Morris 2 x (4 + 1) points; Sobol 2 x (2 + 3); 3 scenarios each
    assert manifest["morris_points"] == 10 and manifest["sobol_points"] == 10
    assert manifest["runs"] == 60
    text = (out / "sensitivity.md").read_text()
    assert "Loneliness course against the baseline" in text
    assert "Loneliness course against Meeting place" in text


def test_sensitivity_resumes_from_its_points(analysed):
    out, args, _ = analysed
    before = (out / "morris.csv").read_bytes()
    points = {p: p.stat().st_mtime_ns for p in (out / "points").iterdir()}
    result = runner.invoke(app, [*args, "--workers", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "morris.csv").read_bytes() == before
    assert {p: p.stat().st_mtime_ns for p in (out / "points").iterdir()} == points


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--factors", "some"], "--factors 'some'"),
        (["--trajectories", "1"], "--trajectories must be"),
        (["--horizon", "0"], "--horizon must be"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path, extra, message):
    result = runner.invoke(app, ["sensitivity", "debt-first", *extra, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_a_flat_output_has_no_reversal():
    chosen, stage, _ = _linear_case()
    assert reversal(stage, np.zeros(stage.unit.shape[0]), chosen[0]) is None
