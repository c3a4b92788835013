"""'veerkracht compare' end to end (in-process with typer's CliRunner)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import experiments.ensemble as ensemble
from cli import app
from experiments.ensemble import default_baseline, read_record, run_ensemble
from experiments.summary import horizons_in_run
from model.indicators import INDICATORS
from model.timeline import month_index
from scenarios import CATALOGUE, Scenario

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def text_of(result) -> str:
    parts = [result.output]
    with contextlib.suppress(ValueError):
        parts.append(result.stderr)
    return "\n".join(parts)


def pricey() -> Scenario:
    """EUR 247,000 a year (a meeting place in each of the two buurten) against EUR 50,000."""
    return Scenario(
        name="pricey",
        label_nl="Duur",
        label_en="Too expensive",
        budget_eur_per_year=50_000,
        interventions={
            "course": CATALOGUE["loneliness_programme"](start="2022-01"),
            "meet": CATALOGUE["meeting_place"](start="2022-01"),
        },
    )


@pytest.fixture
def python_scenarios(monkeypatch):
    """Scenario names resolved to Python-built scenarios (no YAML needed)."""
    known = {"pricey": pricey, "baseline": default_baseline}

    def load(names):
        chosen = [known[n]() for n in names]
        if "baseline" not in names:
            chosen.insert(0, default_baseline())
        return chosen

    monkeypatch.setattr(ensemble, "load_scenarios", load)


def test_over_budget_is_a_one_line_error(python_scenarios, tmp_path):
    out = tmp_path / "cmp"
    result = invoke("compare", "pricey", "--replicates", "2", "--years", "2", "--out", str(out))
    assert result.exit_code == 2, text_of(result)
    text = result.output.strip()  # stdout and stderr together
    assert text.count("\n") == 0, text
    assert (
        "scenario pricey costs EUR 247,000 in 2022, EUR 197,000 over its budget of EUR 50,000 "
        "a year; use --allow-over-budget to run it anyway"
    ) in text
    assert not out.exists()  # checked before anything is written


def test_allow_over_budget_runs_and_records_it(python_scenarios, tmp_path):
    out = tmp_path / "cmp"
    result = invoke(
        "compare", "pricey", "--replicates", "2", "--years", "3", "--workers", "1",
        "--out", str(out), "--allow-over-budget",
    )  # fmt: skip
    assert result.exit_code == 0, text_of(result)
    assert "warning:" in text_of(result) and "over its budget" in text_of(result)
    manifest = json.loads((out / "manifest.json").read_text())
    over = manifest["ensemble"]["over_budget"]["pricey"]
    assert over["year"] == 2022 and over["over_eur"] == pytest.approx(197_000)
    summary = pd.read_csv(out / "summary.csv")
    pr = summary[summary["scenario"] == "pricey"]
    assert pr["over_budget_eur"].tolist() == pytest.approx([197_000] * len(pr))
    assert (pr["over_budget_year"] == 2022).all()
    assert summary[summary["scenario"] == "baseline"]["over_budget_eur"].isna().all()
    assert "Compared with the baseline" in result.output
    assert "(over budget)" in result.output
    for name in ("summary.csv", "costs.csv", "manifest.json", "figures"):
        assert (out / name).exists(), name

    # the same command again: nothing simulated, nothing rewritten
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = invoke(
        "compare", "pricey", "--replicates", "2", "--years", "3", "--workers", "1",
        "--out", str(out), "--allow-over-budget",
    )  # fmt: skip
    assert again.exit_code == 0, text_of(again)
    assert "Nothing to do" in again.output
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == mtimes


def test_ctrl_c_exit_130_and_resume(python_scenarios, tmp_path, monkeypatch):
    import experiments.executors as executors

    real, calls = executors.run_task, []

    def flaky(spec):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(spec)
        return real(spec)

    monkeypatch.setattr(executors, "run_task", flaky)
    out = tmp_path / "cmp"
    args = ["compare", "baseline", "--replicates", "3", "--years", "1", "--workers", "1"]
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 130, text_of(result)
    last = text_of(result).strip().splitlines()[-1]
    assert last.startswith("interrupted: 2 of 3 runs are finished")
    assert "Traceback" not in text_of(result)
    monkeypatch.setattr(executors, "run_task", real)
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 0, text_of(result)
    manifest = json.loads((out / "manifest.json").read_text())["ensemble"]
    assert manifest["runs_reused"] == 2 and manifest["runs_simulated"] == 1
    assert all(read_record(p) for p in (out / "runs" / "baseline").glob("rep-*.parquet"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--replicates", "0"], "--replicates must be"),
        (["--replicates", "2", "--workers", "0"], "--workers must be"),
        (["--replicates", "2", "--years", "0"], "--years must be"),
        (["--replicates", "2", "--areas", "atlantis"], "unknown area"),
        (["--replicates", "2", "--set", "nope=1"], "unknown parameter"),
        (["--replicates", "2", "--seed", "-1"], "--seed must be"),
    ],
)
def test_bad_options_are_one_line_errors(python_scenarios, tmp_path, args, message):
    out = tmp_path / "cmp"
    result = invoke("compare", "baseline", *args, "--out", str(out))
    assert result.exit_code == 2, text_of(result)
    assert message in text_of(result)
    assert "Traceback" not in text_of(result)
    assert not out.exists()


def test_horizon_before_the_first_intervention_is_a_one_line_error(tmp_path):
    """A comparison that ends before the programme starts would show only zeros."""
    out = tmp_path / "cmp"
    args = ("compare", "debt-first", "--replicates", "2", "--years", "2", "--out", str(out))
    result = invoke(*args)
    assert result.exit_code == 2, text_of(result)
    assert (
        "--years 2 ends before the first intervention starts (2024-01); this comparison "
        "needs at least 3 years"
    ) in text_of(result)
    assert "Traceback" not in text_of(result)
    assert not out.exists()


# ---------------------------------------------------------------------- built-in scenarios
def test_unknown_scenario_name(tmp_path):
    pytest.importorskip("scenarios.loader")
    result = invoke("compare", "no-such-plan", "--replicates", "2", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2, text_of(result)
    assert "no-such-plan" in text_of(result)


def test_compare_builtin_scenarios_end_to_end(tmp_path):
    loader = pytest.importorskip("scenarios.loader")
    assert {"baseline", "debt-first"} <= set(loader.builtin_names())
    out = tmp_path / "cmp"
    # debt-first starts in 2024-01 (month 31); 4 years reach 1 year after that
    args = ["compare", "debt-first", "--replicates", "2", "--years", "4", "--workers", "2"]
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 0, text_of(result)
    assert "Debt first" in result.output and "Compared with the baseline" in result.output
    debt_first = loader.load_scenario("debt-first")
    start = debt_first.first_start  # 2024-01 when this test was written
    manifest = json.loads((out / "manifest.json").read_text())["ensemble"]
    assert set(manifest["scenarios"]) == {"baseline", "debt-first"}
    assert manifest["programme_start"] == start
    assert manifest["scenarios"]["debt-first"]["digest"] == debt_first.digest()
    summary = pd.read_csv(out / "summary.csv")
    horizons = horizons_in_run(month_index(start), 4)
    assert set(summary["scenario"]) == {"baseline", "debt-first"}
    assert set(summary["horizon_years"]) == set(horizons)
    rows = ["nazareth", "pottenberg", "focus", "people", "total"]  # model.views.row_keys
    assert len(summary) == 2 * len(rows) * len(INDICATORS) * len(horizons)
    costs = pd.read_csv(out / "costs.csv")
    debt = costs[(costs["scenario"] == "debt-first") & (costs["intervention"] == "total")]
    assert debt.set_index("year").loc[int(start[:4]), "cost_eur"] > 0
    assert len(list((out / "figures").glob("*.png"))) == 18
    for rep in range(2):
        assert read_record(out / "runs" / "debt-first" / f"rep-{rep:03d}.parquet")

    # reruns reuse everything, also through the Python API
    ens = ensemble.build_ensemble(
        ensemble.load_scenarios(["debt-first"]), replicates=2, out=out, years=4
    )
    again = run_ensemble(ens, workers=1)
    assert again.simulated == [] and again.outputs_written is False


def test_help_lists_compare():
    result = invoke("--help")
    assert "compare" in result.output
    result = invoke("compare", "--help")
    assert result.exit_code == 0
    for option in ("--replicates", "--out", "--years", "--workers", "--cluster", "--seed",
                   "--allow-over-budget", "--areas"):  # fmt: skip
        assert option in result.output, option


def test_out_must_be_a_folder(python_scenarios, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = invoke("compare", "baseline", "--replicates", "1", "--out", str(target))
    assert result.exit_code == 2
    assert "is a file" in text_of(result)
    assert Path(target).read_text() == "x"


def test_changed_targets_file_recomputes_the_runs(tmp_path, monkeypatch):
    """The stale-targets case: a run is reused only if every input file is unchanged, so a
    new 2021 loneliness target makes 'compare' into the same folder simulate again."""
    from conftest import DATA

    targets = tmp_path / "targets.csv"
    targets.write_text((DATA / "survey_targets.csv").read_text(encoding="utf-8"))
    monkeypatch.setenv("VEERKRACHT_TARGETS", str(targets))
    out = tmp_path / "cmp"
    args = ("compare", "baseline", "--replicates", "1", "--years", "1", "--areas", "nazareth")
    first = invoke(*args, "--out", str(out))
    assert first.exit_code == 0, text_of(first)
    run_file = out / "runs" / "baseline" / "rep-000.parquet"
    before = read_record(run_file)
    again = invoke(*args, "--out", str(out))
    assert "Nothing to do" in text_of(again)

    lines = targets.read_text(encoding="utf-8").splitlines()
    changed = [
        line.replace(",0.52,", ",0.60,", 1)
        if line.startswith("BU09350403,lonely_share,2021,")
        else line
        for line in lines
    ]
    assert changed != lines
    targets.write_text("\n".join(changed) + "\n", encoding="utf-8")
    third = invoke(*args, "--out", str(out))
    assert third.exit_code == 0, text_of(third)
    assert "Nothing to do" not in text_of(third)
    after = read_record(run_file)
    assert after["inputs"] != before["inputs"]
    frame = pd.read_parquet(run_file)
    start = frame[(frame["indicator"] == "lonely_share") & (frame["area"] == "nazareth")]
    assert start.sort_values("month")["value"].iloc[0] == pytest.approx(0.60, abs=0.02)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["targets_file"] == str(targets)
