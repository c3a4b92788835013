"""The best use of a yearly budget: the portfolio search (``veerkracht optimise``)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
from experiments.optimise import (
    decision_names,
    intensities,
    parse_objectives,
    search,
    unit_costs,
)

runner = CliRunner()


def test_candidates_from_weights_stay_within_the_budget():
    names = decision_names()
    costs = unit_costs(names)
    rng = np.random.default_rng(5)
    for _ in range(200):
        weights = dict(zip(names, rng.random(len(names)) ** 3, strict=True))
        x = intensities(weights, costs, 700_000)
        spent = sum(x[n] * costs[n] for n in names)
        assert spent <= 700_000 + 1e-6
        assert all(0 <= v <= 2 and (v / 0.25).is_integer() for v in x.values())
        # rounding leaves less than the cheapest step unspent, unless intensities are capped
        assert 700_000 - spent < 0.25 * max(costs.values()) or max(x.values()) == 2


def test_the_search_finds_the_intervention_that_is_clearly_best_per_euro(tmp_path):
    """A known answer: only the loneliness course (EUR 39,000 a year at intensity 1)
    helps, by 1 point per unit of intensity; the budget of EUR 100,000 buys at most 2.5
    units. The search must put the budget there and nothing on early debt signalling."""
    objectives = parse_objectives(["lonely_share:people"])
    names = decision_names(["loneliness_programme", "early_debt_signalling"])

    def evaluate(contents):
        return [
            np.array(
                [-0.01 * sum(v["intensity"] for v in c["interventions"].values()
                             if v["type"] == "loneliness_programme")]
            )
            for c in contents
        ]  # fmt: skip

    study = search(objectives, tmp_path, evaluate, 100_000, 60, 6, 3, names)
    best = study.best_trial.user_attrs["intensities"]
    assert best["loneliness_programme@nazareth"] + best["loneliness_programme@pottenberg"] == 2.5
    assert best["early_debt_signalling@nazareth"] == best["early_debt_signalling@pottenberg"] == 0


@pytest.fixture(scope="module")
def searched(tmp_path_factory):
    out = tmp_path_factory.mktemp("opt") / "out"
    args = ["optimise", "--trials", "8", "--batch", "4", "--draws", "1", "--workers", "1"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    return out, args, result


def test_optimise_writes_the_front_as_runnable_scenarios(searched):
    from scenarios.loader import validate_file

    out, _, result = searched
    assert result.exit_code == 0, result.output
    for name in ("trials.csv", "front.csv", "builtins.csv", "manifest.json", "figures/front.png"):
        assert (out / name).is_file(), name
    front = pd.read_csv(out / "front.csv")
    # every best candidate is checked again on fresh draws, against the winner's curse
    assert front["low_resilience_share:people (fresh draws)"].notna().all()
    files = sorted((out / "front").glob("*.yaml"))
    assert len(files) == len(front) >= 1
    for path in files:
        scenario = validate_file(path)
        assert sum(scenario.yearly_costs().values()) <= 700_000
    assert set(pd.read_csv(out / "builtins.csv")["scenario"]) == {
        "debt-first", "network-and-meeting", "trust-from-within", "integrated-mix"
    }  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["trials"] == 8 and manifest["sampler"] == "NSGA-II"


def test_optimise_resumes_without_running_again(searched):
    out, args, _ = searched
    runs = sorted(p.name for p in (out / "runs").iterdir())
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "runs").iterdir()) == runs
    assert json.loads((out / "manifest.json").read_text())["trials"] == 8


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--objective", "population"], "not an indicator with a good direction"),
        (["--objective", "lonely_share:street"], "the view must be one of"),
        (["--budget", "5"], "--budget must be"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path, extra, message):
    result = runner.invoke(app, ["optimise", *extra, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
