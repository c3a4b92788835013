"""The scenario commands: 'veerkracht scenarios', 'interventions' and 'validate'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import GOOD, run_cli, text_of
from typer.testing import CliRunner

from cli import app
from scenarios import CATALOGUE, SHOCKS
from scenarios.loader import builtin_names, load_scenario

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def variant(line: int, text: str) -> str:
    lines = GOOD.splitlines()
    lines[line - 1] = text
    return "\n".join(lines) + "\n"


# case -> (line to replace, replacement, line in message, field in message, more words)
BROKEN = {
    "broken-yaml": (3, "  nl: Mijn plan: deel 1", 3, "invalid YAML", []),
    "unknown-intervention": (
        11,
        "    type: home_visit",
        11,
        "interventions.visits.type",
        ["home_visit", *CATALOGUE],
    ),
    "unknown-field": (
        13,
        "    intensty: 2",
        13,
        "interventions.visits.intensty",
        ["intensity", "capacity"],
    ),
    "negative-budget": (8, "budget_eur_per_year: -100", 8, "budget_eur_per_year", ["-100"]),
    "date-outside-horizon": (
        13,
        '    end: "2035-01"',
        13,
        "interventions.visits.end",
        ["2035-01", "2031-06"],
    ),
    "end-before-start": (
        13,
        '    end: "2023-01"',
        13,
        "interventions.visits.end",
        ["2023-01", "2024-01"],
    ),
    "unknown-area": (
        19,
        "    areas: [nazareth, atlantis]",
        19,
        "interventions.meet.areas[1]",
        ["atlantis", "pottenberg"],
    ),
    "unknown-effect": (
        15,
        "      reach_rate: 0.6",
        15,
        "interventions.visits.effects.reach_rate",
        ["reach", "accept", "prevention"],
    ),
    "wrong-type": (7, "horizon_years: ten", 7, "horizon_years", ["whole number", "'ten'"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_file(tmp_path, case):
    at, replacement, line, field, words = BROKEN[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(variant(at, replacement), encoding="utf-8")
    result = invoke("validate", str(path))
    text = text_of(result)
    assert result.exit_code == 2, text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text
    assert f"{case}.yaml:{line}:" in text, text
    assert field in text, text
    for word in words:
        assert word in text, f"{word!r} not in {text}"
    assert "1 problem in" in text
    assert "ok:" not in text


def test_validate_lists_every_problem(tmp_path):
    text = variant(8, "budget_eur_per_year: -1").replace("home_visit", "x")
    text = text.replace("type: early_debt_signalling", "type: home_visit")
    text = text.replace("areas: [nazareth]", "areas: [atlantis]")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("validate", str(path))
    out = text_of(result)
    assert result.exit_code == 2
    assert "3 problems in" in out
    for line in (8, 11, 19):
        assert f"many.yaml:{line}:" in out


def test_validate_good_file_prints_summary(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 0, text_of(result)
    for word in ("my-plan", "My plan", "visits", "meet", "early_debt_signalling", "2024", "yes"):
        assert word in result.output, word
    yearly = sum(load_scenario(path).yearly_costs().values())
    assert f"{yearly:,.0f}" in result.output
    nl = invoke("validate", str(path), "--lang", "nl")
    assert nl.exit_code == 0 and "Mijn plan" in nl.output


def test_validate_over_budget_says_so(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(GOOD.replace("700000", "100000"), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 0, text_of(result)
    assert "NO" in result.output and "over the budget" in result.output


def test_validate_notes_effects_outside_plausible_range(tmp_path):
    path = tmp_path / "bold.yaml"
    path.write_text(GOOD.replace("reach: 0.6", "reach: 0.95"), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 0, text_of(result)
    assert "note:" in result.output and "plausible" in result.output


@pytest.mark.parametrize("name", builtin_names())
def test_validate_builtin_by_name(name):
    result = invoke("validate", name)
    assert result.exit_code == 0, text_of(result)
    assert name in result.output
    assert "Within budget in every year: yes" in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["validate", "nothere.yaml"], ["no such file", "nothere.yaml"]),
        (["validate", "debt-frist"], ["no such file", "did you mean 'debt-first'"]),
        (["validate", "pyproject.toml"], ["cannot validate", ".yaml"]),
        (["scenarios", "--lang", "fr"], ["--lang", "fr"]),
        (["interventions", "home_visit"], ["home_visit", "meeting_place", "energy_spike"]),
    ],
    ids=["missing-file", "unknown-name", "other-file-type", "bad-lang", "unknown-type"],
)
def test_bad_arguments_fail_in_one_line(args, words):
    cwd = os.getcwd()
    os.chdir(Path(__file__).resolve().parents[1])
    try:
        result = invoke(*args)
    finally:
        os.chdir(cwd)
    text = text_of(result)
    assert result.exit_code == 2, text
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in text
    lines = {line for line in text.splitlines() if line.strip()}
    assert len(lines) == 1, text  # one line (stdout and stderr may both hold it)
    for word in words:
        assert word in text, f"{word!r} not in {text}"


def test_validate_a_folder(tmp_path):
    folder = tmp_path / "plans.yaml"
    folder.mkdir()
    result = invoke("validate", str(folder))
    assert result.exit_code == 2
    assert "folder" in text_of(result)


# ----------------------------------------------------------------- listings
def test_scenarios_lists_all_builtins():
    result = invoke("scenarios")
    assert result.exit_code == 0, text_of(result)
    for name in builtin_names():
        assert name in result.output, name
        s = load_scenario(name)
        assert f"{sum(s.yearly_costs().values()):,.0f}" in result.output
    for word in ("portfolio", "stress test", "Debt first", "Schulden eerst", "700,000", "2024-01"):
        assert word in result.output, word


def test_scenarios_in_dutch():
    result = invoke("scenarios", "--lang", "nl")
    assert result.exit_code == 0, text_of(result)
    for word in ("pakket", "stresstest", "binnen budget", *builtin_names()):
        assert word in result.output, word


def test_interventions_lists_catalogue_and_shocks():
    result = invoke("interventions")
    assert result.exit_code == 0, text_of(result)
    for key, cls in CATALOGUE.items():
        assert key in result.output, key
        assert f"{cls(start='2024-01').yearly_cost():,.0f}" in result.output, key
    for key in SHOCKS:
        assert key in result.output, key
    for word in ("problem_debt_share", "FTE", "Divosa"):
        assert word in result.output, word
    nl = invoke("interventions", "--lang", "nl")
    assert nl.exit_code == 0 and "doelindicator" in nl.output


@pytest.mark.parametrize("key", ["early_debt_signalling", "recession"])
def test_interventions_shows_effects_of_one_type(key):
    result = invoke("interventions", key)
    assert result.exit_code == 0, text_of(result)
    cls = CATALOGUE.get(key) or SHOCKS[key]
    for effect in cls.EFFECTS:
        assert effect in result.output, effect
    assert cls.label_en in result.output
    nl = invoke("interventions", key, "--lang", "nl")
    assert nl.exit_code == 0 and cls.label_nl in nl.output


def test_help_lists_the_new_commands():
    result = invoke("--help")
    for command in ("scenarios", "interventions", "validate"):
        assert command in result.output


def test_validate_as_a_real_process(tmp_path):
    """Exit code 2 and no traceback from the installed command, too."""
    path = tmp_path / "plan.yaml"
    path.write_text(variant(11, "    type: home_visit"), encoding="utf-8")
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "plan.yaml:11: interventions.visits.type: unknown intervention 'home_visit'" in (
        proc.stderr
    )
