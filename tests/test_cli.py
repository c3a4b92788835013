"""The ``veerkracht`` command line, end to end (in-process and as a real process)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import DATA, read_csv
from helpers import text_of
from typer.testing import CliRunner

from cli import app
from model.indicators import INDICATOR_NAMES
from model.params import REGISTRY

COLUMNS = ["month", "area", "indicator", "value", "scenario", "replicate", "seed"]
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def files_in(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def cli_command() -> list[str]:
    exe = Path(sys.executable).with_name("veerkracht")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cli"]


def run_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="160", NO_COLOR="1")
    return subprocess.run(
        cli_command() + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


# ----------------------------------------------------------------- a good run
@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "results"
    result = invoke("run", "--years", "1", "--seed", "3", "--out", str(out))
    return result, out


def test_run_exits_zero(good_run):
    result, _ = good_run
    assert result.exit_code == 0, text_of(result)


def test_run_writes_tidy_parquet(good_run):
    _, out = good_run
    table = pq.read_table(out / "run.parquet")
    assert table.column_names == COLUMNS
    assert set(table.column("area").to_pylist()) == {
        "nazareth", "pottenberg", "focus", "people", "total",
    }  # fmt: skip
    assert set(table.column("indicator").to_pylist()) == set(INDICATOR_NAMES)
    assert set(table.column("seed").to_pylist()) == {3}
    assert set(table.column("scenario").to_pylist()) == {"baseline"}
    n_months = len(set(table.column("month").to_pylist()))
    assert n_months == 13  # month 0 plus 12 monthly steps
    assert table.num_rows == n_months * 5 * len(INDICATOR_NAMES)


def test_run_writes_manifest(good_run):
    _, out = good_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 3
    assert manifest["years"] == 1
    assert set(manifest["parameters"]) == {p.name for p in REGISTRY}
    defaults = {p.name: p.default for p in REGISTRY}
    for name, entry in manifest["parameters"].items():
        value = entry["value"] if isinstance(entry, dict) else entry
        assert value == pytest.approx(defaults[name]), name
    hashes = manifest["data_files"]
    for name in ("cbs_buurten_2017.csv", "survey_targets.csv", "area_inputs.csv"):
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert digest in hashes[name], name
    deps = manifest["dependencies"]
    for dist in ("mesa", "numpy", "pyarrow"):
        assert deps[dist] == metadata.version(dist)
    codes = {a["code"] for a in manifest["areas"]}
    assert codes == {"BU09350403", "BU09350203"}


def test_run_prints_summary_table(good_run):
    result, out = good_run
    assert "Nazareth" in result.output
    assert "Pottenberg" in result.output
    assert "run.parquet" in result.output
    assert files_in(out) == ["manifest.json", "run.parquet"], "stray temporary files"


@pytest.mark.parametrize("spec", ["BU09350403", "NAZARETH", "nazareth", "bu09350403"])
def test_run_accepts_code_or_name_in_any_case(tmp_path, spec):
    out = tmp_path / "out"
    result = invoke("run", "--areas", spec, "--years", "1", "--seed", "2", "--out", str(out))
    assert result.exit_code == 0, text_of(result)
    areas = set(pq.read_table(out / "run.parquet").column("area").to_pylist())
    assert areas == {"nazareth", "focus", "people", "total"}


def test_run_with_override_records_it(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", "--years", "1", "--set", "event.job_loss=0.06", "--out", str(out))
    assert result.exit_code == 0, text_of(result)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameter_overrides"] == {"event.job_loss": 0.06}
    entry = manifest["parameters"]["event.job_loss"]
    assert (entry["value"] if isinstance(entry, dict) else entry) == 0.06


# ----------------------------------------------------------------- bad input
def parent_is_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    return blocker / "out"


BAD_INPUTS = {
    "unknown-area": (["--areas", "atlantis"], ["atlantis", "pottenberg"]),
    "years-negative": (["--years", "-1"], ["years", "-1"]),
    "years-zero": (["--years", "0"], ["years", "0"]),
    "years-too-many": (["--years", "500"], ["years", "500"]),
    "unknown-parameter": (["--set", "event.job_los=0.1"], ["event.job_los"]),
    "parameter-not-a-number": (["--set", "event.job_loss=lots"], ["lots"]),
    "set-without-equals": (["--set", "event.job_loss"], ["event.job_loss"]),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_cleanly(tmp_path, case):
    args, must_mention = BAD_INPUTS[case]
    out = tmp_path / "out"
    result = invoke("run", *args, "--out", str(out))
    text = text_of(result)
    assert result.exit_code == 2, text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text
    for word in must_mention:
        assert word in text, f"{word!r} not in message: {text}"
    assert len(text.strip().splitlines()) <= 6, f"message not short: {text}"
    assert files_in(out) == [], "a failed run left files behind"


def test_unwritable_output_folder_fails_cleanly(tmp_path):
    out = parent_is_a_file(tmp_path)
    result = invoke("run", "--years", "1", "--out", str(out))
    text = text_of(result)
    assert result.exit_code == 2, text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "file.txt" in text
    assert files_in(tmp_path) == ["file.txt"]
    assert (tmp_path / "file.txt").read_text() == "not a folder"


def test_output_path_that_is_a_file_fails_cleanly(tmp_path):
    blocker = tmp_path / "results"
    blocker.write_text("keep me")
    result = invoke("run", "--years", "1", "--out", str(blocker))
    assert result.exit_code == 2, text_of(result)
    assert blocker.read_text() == "keep me"


# ----------------------------------------------------------------- help and listings
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ["run", "params", "areas", "indicators"]),
        (["run", "--help"], ["--areas", "--years", "--seed", "--out", "--set"]),
        (["params"], ["event.job_loss", "debt.exit"]),
        (["params", "debt"], ["debt.exit"]),
        (["areas"], ["Nazareth", "Pottenberg", "BU09350403", "Binnenstad"]),
        (["indicators"], ["lonely_share", "Eenzaam", "problem_debt_share"]),
    ],
    ids=["help", "run-help", "params", "params-debt", "areas", "indicators"],
)
def test_help_and_listings(args, expected):
    result = invoke(*args)
    assert result.exit_code == 0, text_of(result)
    for word in expected:
        assert word in result.output, f"{word!r} missing from {' '.join(args)}"


def test_params_search_filters():
    result = invoke("params", "debt")
    assert result.exit_code == 0
    assert "event.job_loss" not in result.output


def test_areas_lists_all_44_buurten():
    result = invoke("areas")
    assert result.exit_code == 0
    for row in read_csv("cbs_buurten_2017.csv"):
        assert row["area_code"] in result.output


# ----------------------------------------------------------------- real processes
def test_real_process_run(tmp_path):
    out = tmp_path / "proc"
    proc = run_process(["run", "--years", "1", "--seed", "3", "--out", str(out)], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Nazareth" in proc.stdout
    table = pq.read_table(out / "run.parquet")
    assert table.column_names == COLUMNS
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 3


def test_real_process_bad_input_has_no_traceback(tmp_path):
    out = tmp_path / "proc"
    proc = run_process(["run", "--areas", "atlantis", "--out", str(out)], cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "atlantis" in proc.stderr
    assert "pottenberg" in proc.stderr
    assert files_in(out) == []


@pytest.mark.slow
def test_run_all_buurten_one_year(tmp_path):
    out = tmp_path / "all"
    result = invoke("run", "--areas", "all", "--years", "1", "--seed", "1", "--out", str(out))
    assert result.exit_code == 0, text_of(result)
    areas = set(pq.read_table(out / "run.parquet").column("area").to_pylist())
    codes = [row["area_code"] for row in read_csv("cbs_buurten_2017.csv")]
    assert len(codes) == 44
    assert "total" in areas
    assert len(areas) == 44 + 7, sorted(areas)  # focus, rest, people, total, gap, ratio, spread
    assert {"nazareth", "pottenberg", "binnenstad"} <= areas


def test_run_with_a_scenario_records_costs(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "scen"
    result = CliRunner().invoke(
        app, ["run", "--scenario", "debt-first", "--years", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out / "run.parquet").to_pandas()
    assert set(table["scenario"]) == {"debt-first"}
    costs = table[table["indicator"].str.startswith("cost_eur:") & (table["area"] == "total")]
    assert costs["value"].sum() > 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["scenario"] == "debt-first" and manifest["scenario_digest"]


def test_run_with_unknown_scenario_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(app, ["run", "--scenario", "nosuch", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "nosuch" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x").exists()
