"""Ensembles (experiments/ensemble.py, summary.py, viz/figures.py): common random
numbers, run files, resuming, summaries, costs, stress tests and figures.

One small ensemble (baseline, a programme and a stress test; 3 replicates of 3
years, in this process) is shared by the module; tests that change its folder
leave it as they found it.
"""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from scipy import stats

from experiments.ensemble import (
    SEED_RULE,
    build_ensemble,
    code_version,
    fingerprint,
    read_record,
    replicate_seed,
    run_ensemble,
)
from experiments.executors import META_KEY
from experiments.run import simulate
from experiments.summary import (
    MAIN_INDICATORS,
    SUMMARY_COLUMNS,
    Cube,
    summary_rows,
)
from experiments.uncertainty import Uncertainty
from model.indicators import ADULTS, COUNTS, INDICATOR_NAMES, INDICATORS
from scenarios import CATALOGUE, SHOCKS, Scenario

YEARS, REPS, SEED = 3, 3, 11
AREAS = ["nazareth", "pottenberg", "focus", "people", "total"]  # model.views.row_keys


def programme() -> Scenario:
    return Scenario(
        name="lonely",
        label_nl="Eenzaamheid",
        label_en="Loneliness programme",
        interventions={
            "course": CATALOGUE["loneliness_programme"](start="2022-06"),
            "meet": CATALOGUE["meeting_place"](start="2022-06"),
        },
    )


def stress() -> Scenario:
    return Scenario(
        name="recession",
        label_nl="Recessie",
        label_en="Recession",
        kind="stress test",
        shocks={"r": SHOCKS["recession"](start="2022-01", end="2022-07")},
    )


@pytest.fixture(scope="module")
def done(tmp_path_factory):
    out = tmp_path_factory.mktemp("ensemble") / "cmp"
    # chance only: these tests are about pairing, resuming and the t-interval; the draws
    # of parameters and effects are tested in test_uncertainty.py
    ens = build_ensemble(
        [programme(), stress()],
        replicates=REPS,
        out=out,
        years=YEARS,
        base_seed=SEED,
        uncertainty=Uncertainty("none", 1),
    )
    result = run_ensemble(ens, workers=1)
    return ens, result


def run_file(ens, scenario: str, rep: int) -> Path:
    return ens.out / "runs" / scenario / f"rep-{rep:03d}.parquet"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------------- runs and seeds
def test_every_run_is_simulated_once_and_recorded(done):
    ens, result = done
    assert sorted(result.simulated) == sorted(
        (s, r) for s in ("baseline", "lonely", "recession") for r in range(REPS)
    )
    assert result.reused == []
    for s in ("baseline", "lonely", "recession"):
        for r in range(REPS):
            record = read_record(run_file(ens, s, r))
            assert record is not None
            assert record["scenario"] == s and record["replicate"] == r
            assert record["seed"] == replicate_seed(SEED, r)
            assert record["years"] == YEARS
            assert record["areas"] == ["BU09350403", "BU09350203"]
            assert record["code"] == code_version()
    assert not list((ens.out / "runs").rglob("*.tmp"))


def test_common_random_numbers_same_seed_in_every_scenario(done):
    ens, _ = done
    seeds = [replicate_seed(SEED, r) for r in range(REPS)]
    assert len(set(seeds)) == REPS
    assert seeds == [replicate_seed(SEED, r) for r in range(REPS)]  # deterministic
    assert replicate_seed(SEED + 1, 0) != seeds[0]
    for s in ("baseline", "lonely", "recession"):
        for r in range(REPS):
            col = pq.read_table(run_file(ens, s, r), columns=["seed"]).column("seed")
            assert set(col.to_pylist()) == {seeds[r]}
    assert "SeedSequence" in SEED_RULE


@pytest.mark.parametrize("scenario, first", [("lonely", "2022-06"), ("recession", "2022-01")])
def test_bit_identical_to_baseline_before_first_start(done, scenario, first):
    ens, _ = done
    cut = pa.scalar(datetime.date.fromisoformat(f"{first}-01"), type=pa.date32())
    for r in range(REPS):
        tables = []
        for name in ("baseline", scenario):
            t = pq.read_table(
                run_file(ens, name, r), columns=["month", "area", "indicator", "value"]
            )
            keep = pc.invert(pc.starts_with(t.column("indicator"), "cost_eur:"))
            tables.append(t.filter(keep))
        base, scen = tables
        before_b = base.filter(pc.less(base.column("month"), cut))
        before_s = scen.filter(pc.less(scen.column("month"), cut))
        assert before_b.num_rows > 0
        assert before_b.equals(before_s), f"{scenario} rep {r} differs before {first}"
        # ... and the scenario does change something from its start on
        after_b = base.filter(pc.greater_equal(base.column("month"), cut)).column("value")
        after_s = scen.filter(pc.greater_equal(scen.column("month"), cut)).column("value")
        assert not np.array_equal(after_b.to_numpy(), after_s.to_numpy())


def test_run_file_is_the_simulate_table_plus_counts(done):
    ens, _ = done
    seed = replicate_seed(SEED, 0)
    expected = simulate(years=YEARS, seed=seed, scenario=programme()).table
    got = pq.read_table(run_file(ens, "lonely", 0))
    counts = pc.is_in(
        got.column("indicator"),
        value_set=pc.unique(got.column("indicator")).filter(
            pc.starts_with(pc.unique(got.column("indicator")), "count:")
        ),
    )
    assert got.filter(pc.invert(counts)).replace_schema_metadata(None).equals(expected)
    extra = got.filter(counts)
    assert set(extra.column("indicator").to_pylist()) == set(COUNTS)
    adults = extra.filter(pc.equal(extra.column("indicator"), ADULTS.count))
    assert adults.num_rows == (12 * YEARS + 1) * len(AREAS)
    assert min(adults.column("value").to_pylist()) > 1000  # both buurten have >1,000 adults
    meta = json.loads(pq.read_metadata(run_file(ens, "lonely", 0)).metadata[META_KEY])
    assert meta["fingerprint"] == fingerprint(programme())


# ---------------------------------------------------------------------- resuming
def test_rerun_simulates_nothing_and_changes_no_file(done):
    ens, _ = done
    before = snapshot(ens.out)
    result = run_ensemble(ens, workers=1)
    assert result.simulated == []
    assert len(result.reused) == 3 * REPS
    assert result.outputs_written is False
    assert snapshot(ens.out) == before


def test_missing_unreadable_or_mismatched_run_files_are_redone(done):
    ens, _ = done
    deleted = run_file(ens, "lonely", 1)
    broken = run_file(ens, "recession", 2)
    other = run_file(ens, "baseline", 0)
    originals = {p: p.read_bytes() for p in (deleted, broken, other)}
    summary_before = (ens.out / "summary.csv").read_bytes()
    figures = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (ens.out / "figures").iterdir()}
    deleted.unlink()
    broken.write_bytes(b"not a parquet file")
    # a finished run recorded with other settings (here: another seed)
    table = pq.read_table(other)
    meta = json.loads(table.schema.metadata[META_KEY])
    meta["seed"] += 1
    pq.write_table(table.replace_schema_metadata({META_KEY: json.dumps(meta)}), other)

    result = run_ensemble(ens, workers=1)
    assert sorted(result.simulated) == [("baseline", 0), ("lonely", 1), ("recession", 2)]
    assert len(result.reused) == 3 * REPS - 3
    for path, data in originals.items():
        assert path.read_bytes() == data, f"{path.name} not redone identically"
    assert (ens.out / "summary.csv").read_bytes() == summary_before
    # figures are recomputed from the same runs: byte-identical, so not even replaced
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in figures} == figures
    manifest = json.loads((ens.out / "manifest.json").read_text())
    assert manifest["ensemble"]["runs_simulated"] == 3
    assert "lonely/rep-001" in manifest["ensemble"]["simulated"]


def test_changed_settings_do_not_reuse_runs(done, tmp_path):
    """Another scenario content, seed or length is another run."""
    ens, _ = done
    changed = programme()
    changed.interventions["course"] = CATALOGUE["loneliness_programme"](start="2022-07")
    assert fingerprint(changed) != fingerprint(programme())
    same = {"out": ens.out, "base_seed": SEED, "uncertainty": Uncertainty("none", 1)}
    other = build_ensemble([changed], replicates=1, years=YEARS, **same)
    specs = {s.scenario.name: s for s in other.specs()}
    from experiments.ensemble import matches

    assert matches(read_record(specs["baseline"].path), specs["baseline"])
    assert not matches(read_record(specs["lonely"].path), specs["lonely"])
    longer = build_ensemble([programme()], replicates=1, years=YEARS + 1, **same)
    assert not any(matches(read_record(s.path), s) for s in longer.specs())
    # drawing parameters and effects makes every run another run
    drawn = build_ensemble([programme()], replicates=1, years=YEARS, out=ens.out, base_seed=SEED)
    assert not any(matches(read_record(s.path), s) for s in drawn.specs())


# ---------------------------------------------------------------------- summary.csv
@pytest.fixture(scope="module")
def summary(done):
    ens, _ = done
    return pd.read_csv(ens.out / "summary.csv")


def test_summary_columns_and_rows(summary):
    assert list(summary.columns) == SUMMARY_COLUMNS
    # programme start 2022-06 + 2 years = 2024-06 is the last month of a 3-year run
    assert set(summary["horizon_years"]) == {2}
    assert set(summary["month"]) == {"2024-06"}
    assert len(summary) == 3 * len(AREAS) * len(INDICATORS)
    assert set(summary["area"]) == set(AREAS)
    assert set(summary["indicator"]) == set(INDICATOR_NAMES)
    assert set(summary["n_replicates"]) == {REPS}
    assert not summary.duplicated(["scenario", "area", "indicator", "horizon_years"]).any()


def test_baseline_differences_are_exactly_zero(summary):
    base = summary[summary["scenario"] == "baseline"]
    for col in ("diff_mean", "diff_p05", "diff_p95", "cost_eur_per_year"):
        assert (base[col] == 0.0).all(), col
    assert base["eur_per_unit"].isna().all()


def test_paired_difference_and_t_interval(done, summary):
    ens, _ = done
    month = pa.scalar(datetime.date(2024, 6, 1), type=pa.date32())

    def value(scenario, rep):
        t = pq.read_table(run_file(ens, scenario, rep))
        mask = pc.and_(
            pc.and_(
                pc.equal(t.column("indicator"), "lonely_share"), pc.equal(t.column("area"), "total")
            ),
            pc.equal(t.column("month"), month),
        )
        return t.filter(mask).column("value")[0].as_py()

    d = np.array([value("lonely", r) - value("baseline", r) for r in range(REPS)])
    half = stats.t.ppf(0.95, REPS - 1) * d.std(ddof=1) / math.sqrt(REPS)
    row = summary[
        (summary["scenario"] == "lonely")
        & (summary["area"] == "total")
        & (summary["indicator"] == "lonely_share")
    ].iloc[0]
    assert row["diff_mean"] == pytest.approx(d.mean(), abs=1e-12)
    assert row["diff_p05"] == pytest.approx(d.mean() - half, rel=1e-9, abs=1e-12)
    assert row["diff_p95"] == pytest.approx(d.mean() + half, rel=1e-9, abs=1e-12)
    levels = [value("lonely", r) for r in range(REPS)]
    assert row["mean"] == pytest.approx(np.mean(levels))
    assert row["p10"] == pytest.approx(np.percentile(levels, 10))


def test_programme_cost_per_year(done, summary):
    lonely = summary[(summary["scenario"] == "lonely") & (summary["area"] == "total")]
    planned = sum(programme().yearly_costs().values())
    cost = lonely["cost_eur_per_year"].iloc[0]
    assert 0.5 * planned < cost <= planned * 1.001
    assert lonely["cost_eur_cumulative"].iloc[0] == pytest.approx(2 * cost)
    buurten = summary["area"].isin(["nazareth", "pottenberg"])
    per_area = summary[(summary["scenario"] == "lonely") & buurten]
    by_area = per_area.groupby("area")["cost_eur_per_year"].first()
    assert by_area.sum() == pytest.approx(cost)
    # EUR per unit only where the improvement is clear and in the good direction
    clear = lonely[lonely["eur_per_unit"].notna()]
    for _, row in clear.iterrows():
        good = row["diff_p95"] < 0 if row["direction"] == "lower_better" else row["diff_p05"] > 0
        assert good and row["eur_per_unit"] > 0 and row["per_unit"]


def test_eur_per_unit_counts_people():
    """A synthetic cube: the share falls by exactly 1 point among 2,000 adults
    (20 residents) at a cost of EUR 1,000 a month -> EUR 24,000 / 20 over 2 years."""
    months, reps = 12 * 3 + 1, 4
    names = list(INDICATOR_NAMES) + [*COUNTS, "cost_eur:x"]
    rng = np.random.default_rng(0)
    base_values = rng.uniform(0.2, 0.4, size=(reps, months, len(AREAS), len(names)))
    values = base_values.copy()
    i = names.index("low_resilience_share")
    values[:, 12:, :, i] -= 0.01
    values[:, :, :, names.index(ADULTS.count)] = 2000.0
    base_values[:, :, :, names.index("cost_eur:x")] = 0.0
    values[:, :, :, names.index("cost_eur:x")] = 0.0
    values[:, 12:, AREAS.index("total"), names.index("cost_eur:x")] = 1000.0
    cubes = {
        "baseline": Cube(
            Scenario(name="baseline", label_nl="b", label_en="b", kind="baseline"),
            list(range(reps)),
            base_values,
            names,
        ),
        "x": Cube(Scenario(name="x", label_nl="x", label_en="x"), list(range(reps)), values, names),
    }
    frame = summary_rows(cubes, "baseline", 12, 3, AREAS)
    row = frame[
        (frame["scenario"] == "x")
        & (frame["area"] == "total")
        & (frame["indicator"] == "low_resilience_share")
    ].iloc[0]
    assert row["diff_mean"] == pytest.approx(-0.01)
    assert row["cost_eur_per_year"] == pytest.approx(12_000)
    assert row["eur_per_unit"] == pytest.approx(24_000 / 20)
    assert row["per_unit"] == "resident out of low resilience"
    worse = frame[(frame["scenario"] == "x") & (frame["indicator"] == "resilience_mean")]
    assert worse["eur_per_unit"].isna().all()  # no clear improvement: NaN


# ---------------------------------------------------------------------- other outputs
def test_costs_csv(done):
    ens, _ = done
    costs = pd.read_csv(ens.out / "costs.csv")
    lonely = costs[costs["scenario"] == "lonely"]
    assert set(lonely["intervention"]) == {"course", "meet", "total"}
    assert set(lonely["year"]) == {2021, 2022, 2023, 2024}
    full = lonely[(lonely["year"] == 2023) & (lonely["intervention"] == "meet")].iloc[0]
    # one meeting place per buurt served: Nazareth and Pottenberg cost two
    one = CATALOGUE["meeting_place"](start="2022-06").yearly_cost()
    assert full["cost_eur"] == pytest.approx(2 * one)
    assert programme().interventions["meet"].yearly_cost() == pytest.approx(2 * one)
    total = lonely[lonely["intervention"] == "total"].set_index("year")
    parts = lonely[lonely["intervention"] != "total"].groupby("year")["cost_eur"].sum()
    assert np.allclose(total["cost_eur"], parts)
    assert (total.loc[2021, "cost_eur"]) == 0.0
    assert total["budget_eur_per_year"].eq(700_000).all()


def test_stress_csv(done):
    ens, _ = done
    table = pd.read_csv(ens.out / "stress.csv")
    assert set(table["scenario"]) == {"recession"}
    assert len(table) == len(AREAS) * len(MAIN_INDICATORS)
    for col in (
        "pre_shock_level",
        "depth_mean",
        "depth_p10",
        "depth_p90",
        "months_to_recover",
        "depth_vs_baseline",
    ):
        assert col in table.columns
    assert set(table["pre_shock_month"]) == {"2021-12"}
    assert set(table["shock_start"]) == {"2022-01"} and set(table["shock_end"]) == {"2022-07"}
    assert (table["depth_mean"] >= 0).all()
    assert (table["depth_p10"] <= table["depth_p90"] + 1e-12).all()
    rec = table["months_to_recover"].dropna()
    assert (rec >= 0).all()


def test_figures(done):
    from PIL import Image

    ens, _ = done
    folder = ens.out / "figures"
    for ind in MAIN_INDICATORS:
        for kind in ("trajectory", "difference"):
            path = folder / f"{kind}_{ind}.png"
            assert path.is_file(), path.name
            with Image.open(path) as img:
                assert img.format == "PNG"
                assert img.info.get("dpi", (0, 0))[0] == pytest.approx(150, abs=1)
                assert "Software" not in img.info


def test_manifest(done):
    ens, _ = done
    manifest = json.loads((ens.out / "manifest.json").read_text())
    info = manifest["ensemble"]
    assert info["base_seed"] == SEED
    assert info["seeds"] == {str(r): replicate_seed(SEED, r) for r in range(REPS)}
    assert info["programme_start"] == "2022-06"
    assert set(info["scenarios"]) == {"baseline", "lonely", "recession"}
    lonely = info["scenarios"]["lonely"]
    assert lonely["fingerprint"] == fingerprint(programme())
    assert lonely["yearly_costs_eur"] == programme().yearly_costs()
    assert info["inputs_hash"].startswith("sha256:")
    assert "summary.csv" in info["outputs"] and "stress.csv" in info["outputs"]
    assert manifest["dependencies"]["numpy"] == np.__version__
    assert manifest["seed"] == SEED
