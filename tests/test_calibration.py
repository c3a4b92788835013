"""Calibration: roles of the targets, seeds, the posterior file, and the CLI end to end."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import text_of
from typer.testing import CliRunner

from calibration.calibrate import answer_sds, build_plan, interval_of
from calibration.plan import FITTED, HOLDOUT, make_plan
from calibration.simulator import SurveyModel, seed_for
from cli import app
from core.errors import InputError
from experiments.posterior import draw_for_replicates, load_posterior
from model.inputs.areas import resolve_areas
from model.params import PARAMS, defaults

runner = CliRunner()
AREAS = resolve_areas(None)


@pytest.fixture(scope="module")
def plan():
    return build_plan(None, AREAS)[0]


def test_default_plan_roles(plan):
    t = plan.targets
    assert len(plan.parameters) >= 8
    assert set(t.loc[t["year"] == 2021, "role"]) == {"start"}
    later = t[t["year"] > 2021]
    assert set(later.loc[later["indicator"].isin(HOLDOUT), "role"]) == {"holdout"}
    assert set(later.loc[~later["indicator"].isin(HOLDOUT), "role"]) == {"fit"}
    assert set(t["area"]) == {"BU09350403", "BU09350203"}
    assert any("(*)" in line for line in plan.skipped)  # Maastricht rows: not simulated
    assert (t["sigma"] > 0).all()
    assert set(plan.weights()) == set(t.loc[t["role"] == "fit", "key"])


def test_sigma_is_the_sampling_error(plan):
    row = plan.targets.query("indicator == 'lonely_share' and role == 'fit'").iloc[0]
    assert row["sigma"] == pytest.approx(np.sqrt(0.52 * 0.48 / 300))
    coh = plan.targets.query("indicator == 'social_cohesion_score' and role == 'fit'").iloc[0]
    assert coh["sigma"] == pytest.approx(1.5 / np.sqrt(300))


def test_only_2021_targets_cannot_be_fitted(plan):
    start_only = plan.targets[plan.targets["year"] == 2021].drop(
        columns=["key", "role", "sigma", "area_name"]
    )
    with pytest.raises(InputError, match="no target to fit"):
        make_plan(start_only, AREAS)


@pytest.mark.parametrize(
    ("params", "holdout", "message"),
    [
        (["debt.exitt"], HOLDOUT, "did you mean debt.exit"),
        (["debt.exit", "debt.exit"], HOLDOUT, "named twice"),
        (FITTED, ["lonely"], "not a survey indicator"),
    ],
)
def test_bad_plan_settings(plan, params, holdout, message):
    base = plan.targets.drop(columns=["key", "role", "sigma", "area_name"])
    with pytest.raises(InputError, match=message):
        make_plan(base, AREAS, params, holdout, answer_sds(defaults()))


def test_seed_depends_on_parameters_only():
    a = {"debt.exit": 0.2, "event.job_loss": 0.05}
    assert seed_for(a, 7) == seed_for(dict(reversed(list(a.items()))), 7)
    assert seed_for(a, 7) != seed_for({**a, "debt.exit": 0.2000001}, 7)
    assert seed_for(a, 7) != seed_for(a, 8)


def test_survey_model_returns_every_fitted_target_and_is_reproducible(plan):
    model = SurveyModel(plan, base_seed=3)
    pars = {name: PARAMS[name].default for name in plan.parameters}
    first = model(pars)
    assert set(first) == set(plan.rows("fit")["key"])
    assert first == model(pars)
    assert all(np.isfinite(v) for v in first.values())


def _posterior(tmp_path, **columns) -> str:
    frame = pd.DataFrame(columns)
    path = tmp_path / "posterior.parquet"
    frame.to_parquet(path)
    return str(path)


def test_draws_follow_the_weights_and_the_seed(tmp_path):
    path = _posterior(
        tmp_path,
        draw=[0, 1, 2],
        generation=[3, 3, 3],
        weight=[0.0, 0.25, 0.75],
        **{"debt.exit": [0.1, 0.2, 0.3]},
    )
    a = draw_for_replicates(path, 400, base_seed=7)
    assert a == draw_for_replicates(path, 400, base_seed=7)
    assert a.draw_ids != draw_for_replicates(path, 400, base_seed=8).draw_ids
    assert 0 not in a.draw_ids
    share = a.draw_ids.count(2) / 400
    assert share == pytest.approx(0.75, abs=0.07)  # about 3 binomial standard errors
    assert {v["debt.exit"] for v in a.values} == {0.2, 0.3}


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"draw": [0], "debt.exit": [0.2]}, "column weight missing"),
        ({"draw": [0], "weight": [1.0], "debt.exitt": [0.2]}, "unknown parameter column"),
        ({"draw": [0, 1], "weight": [1.0, -1.0], "debt.exit": [0.2, 0.1]}, "not negative"),
        ({"draw": [0], "weight": [0.0], "debt.exit": [0.2]}, "sum to zero"),
    ],
)
def test_bad_posterior_files(tmp_path, columns, message):
    with pytest.raises(InputError, match=message):
        load_posterior(_posterior(tmp_path, **columns))


def test_missing_or_unreadable_posterior(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_posterior(tmp_path / "nope.parquet")
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        load_posterior(bad)


def test_weighted_interval():
    """Bounds are the first values whose cumulative weight reaches 5% and 95%."""
    frame = pd.DataFrame({"x": np.arange(100.0), "weight": np.ones(100)})
    assert interval_of(frame, "x") == (4.0, 94.0)
    frame["weight"] = np.where(frame["x"] < 50, 0.0, 1.0)
    assert interval_of(frame, "x") == (52.0, 97.0)


# ------------------------------------------------------------------ CLI end to end


@pytest.fixture(scope="module")
def quick_calibration(tmp_path_factory):
    out = tmp_path_factory.mktemp("calib") / "quick"
    result = runner.invoke(app, ["calibrate", "--quick", "--out", str(out)])
    return out, result


def test_calibrate_quick_writes_the_outputs(quick_calibration):
    out, result = quick_calibration
    assert result.exit_code == 0, text_of(result)
    text = text_of(result)
    assert "generation 1 of at most" in text
    assert "held-out targets:" in text
    for name in ("posterior.parquet", "fit.csv", "calibration.json", "abc_history.db"):
        assert (out / name).is_file(), name
    for name in ("posterior_marginals.png", "observed_vs_simulated.png"):
        assert (out / "figures" / name).stat().st_size > 10_000, name
    assert not list(out.glob(".*tmp"))


def test_posterior_file_is_weighted_and_within_the_priors(quick_calibration):
    out, _ = quick_calibration
    post = pq.read_table(out / "posterior.parquet").to_pandas()
    assert post["weight"].sum() == pytest.approx(1.0)
    assert (post["weight"] >= 0).all()
    for name in FITTED:
        assert post[name].between(PARAMS[name].low, PARAMS[name].high).all(), name


def test_fit_table_marks_roles_and_coverage(quick_calibration, plan):
    out, _ = quick_calibration
    fit = pd.read_csv(out / "fit.csv")
    assert len(fit) == len(plan.targets)
    assert set(fit["role"]) == {"fit", "holdout", "start"}
    assert set(fit["inside"]) <= {"yes", "no"}
    assert (fit["sim_p05"] <= fit["sim_median"]).all()
    assert (fit["sim_median"] <= fit["sim_p95"]).all()
    inside = (fit["observed"] >= fit["sim_p05"]) & (fit["observed"] <= fit["sim_p95"])
    assert ((fit["inside"] == "yes") == inside).all()
    manifest = json.loads((out / "calibration.json").read_text())
    assert manifest["coverage_90"]["holdout"]["of"] == int((fit["role"] == "holdout").sum())
    assert manifest["held_out_indicators"] == sorted(HOLDOUT)
    assert set(manifest["parameters"]) == set(FITTED)


def test_calibrate_bad_targets_file(tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text("area,indicator,year,value\nBU09350403,lonely_share,2024,52\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["calibrate", "--quick", "--targets", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    text = text_of(result)
    assert "targets.csv" in text and "Traceback" not in text
    assert not out.exists()


def test_calibrate_bad_options(tmp_path):
    out = tmp_path / "out"
    for args, message in (
        (["--params", "debt.exitt"], "did you mean debt.exit"),
        (["--holdout", "lonely"], "not a survey indicator"),
        (["--population", "1"], "--population must be 4 or more"),
    ):
        result = runner.invoke(app, ["calibrate", "--quick", "--out", str(out), *args])
        assert result.exit_code == 2, args
        assert message in text_of(result)
    assert not out.exists()


def test_compare_with_posterior_records_the_draws(tmp_path, quick_calibration):
    posterior = quick_calibration[0] / "posterior.parquet"
    out = tmp_path / "cmp"
    result = runner.invoke(
        app,
        [
            "compare",
            "debt-first",
            "--replicates",
            "2",
            "--years",
            "4",
            "--workers",
            "1",
            "--out",
            str(out),
            "--posterior",
            str(posterior),
        ],
    )
    assert result.exit_code == 0, text_of(result)
    manifest = json.loads((out / "manifest.json").read_text())
    post = pd.read_parquet(posterior).set_index("draw")
    reps = manifest["posterior"]["replicates"]
    assert set(reps) == {"0", "1"}
    for rep in reps.values():
        for name, value in rep["values"].items():
            assert value == pytest.approx(post.loc[rep["draw"], name])
    for scenario in ("baseline", "debt-first"):
        meta = pq.read_schema(out / "runs" / scenario / "rep-001.parquet").metadata
        record = json.loads(next(v for k, v in meta.items() if b"veerkracht" in k))
        assert record["posterior_draw"] == reps["1"]["draw"]
        assert record["overrides"]["debt.exit"] == pytest.approx(reps["1"]["values"]["debt.exit"])


def test_calibrate_on_a_dask_cluster(tmp_path):
    """pyabc's Dask sampler and the predictive check both run on the cluster."""
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "dask"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = runner.invoke(
            app,
            [
                "calibrate",
                "--quick",
                "--population",
                "4",
                "--generations",
                "1",
                "--cluster",
                cluster.scheduler_address,
                "--out",
                str(out),
            ],
        )
    assert result.exit_code == 0, text_of(result)
    assert (out / "posterior.parquet").is_file() and (out / "fit.csv").is_file()
    manifest = json.loads((out / "calibration.json").read_text())
    assert manifest["cluster"] == cluster.scheduler_address


def test_calibrate_unreachable_cluster(tmp_path, monkeypatch):
    import calibration.abc_smc as abc_smc

    real = abc_smc.connect
    monkeypatch.setattr(abc_smc, "connect", lambda address: real(address, timeout=2))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["calibrate", "--quick", "--cluster", "tcp://127.0.0.1:9", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "cannot connect to the Dask cluster" in text_of(result)
    assert "Traceback" not in text_of(result)
    assert not out.exists()
