"""The three views (place, people, city), the tweedeling and the displacement in the
output of 'veerkracht compare' and 'veerkracht run', the whole city by default for
letting policies, and the area checks.

One small comparison (a screening scenario, a programme without screening and the
baseline; nazareth, pottenberg and binnenstad, so the rest of the city exists; 2
replicates of 2 years) is shared by the module.
"""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cli import app
from experiments.ensemble import (
    FOCUS_ONLY,
    WHOLE_CITY,
    build_ensemble,
    load_scenarios,
    screens,
)
from experiments.summary import paired_stats

runner = CliRunner()
YEARS, REPS = 2, 2
AREAS = "nazareth,pottenberg,binnenstad"

SCREENING = """
name: screening
label: {nl: "Screening bij toewijzing", en: "Screening at lettings"}
kind: portfolio
areas: [nazareth, pottenberg]
horizon_years: 2
allocation:
  screening: 1.0
  start: "2022-01"
"""
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
OUTSIDE = """
name: outside
label: {nl: "Screening in de Binnenstad", en: "Screening in the city centre"}
kind: portfolio
areas: [nazareth, pottenberg, binnenstad]
horizon_years: 2
allocation:
  screening: 0.5
  start: "2022-01"
"""


def write(folder, name: str, text: str) -> str:
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return str(path)


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scenarios")
    return {n: write(folder, n, t) for n, t in (("screening", SCREENING), ("lonely", LONELY),
                                                 ("outside", OUTSIDE))}  # fmt: skip


@pytest.fixture(scope="module")
def compared(files, tmp_path_factory):
    out = tmp_path_factory.mktemp("views") / "cmp"
    result = invoke(
        "compare", files["screening"], files["lonely"], "--replicates", str(REPS),
        "--years", str(YEARS), "--areas", AREAS, "--workers", "2", "--out", str(out),
        "--seeds-per-draw", "1",  # every replicate its own draw, so 2 give an interval
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, result.output


def test_summary_has_the_three_views_and_the_tweedeling_rows(compared):
    out, _ = compared
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary["area"].drop_duplicates()) == [
        "nazareth", "pottenberg", "binnenstad", "focus", "rest", "people", "total",
        "gap", "ratio", "spread",
    ]  # fmt: skip
    views = summary.drop_duplicates("area").set_index("area")["view"]
    assert views["focus"] == "place" and views["people"] == "people"
    assert views["total"] == "city" and views["gap"] == "tweedeling"
    assert set(summary["simulated"]) == {"3 of the 44 buurten: effects of letting policies are "
                                         "partly composition and part of the displacement "
                                         "leaves the simulation"}  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text())["ensemble"]
    assert manifest["simulated_buurten"] == summary["simulated"].iloc[0]
    assert manifest["screening_scenarios"] == ["screening"]


def test_no_price_for_gaps_or_descriptive_indicators(compared):
    out, _ = compared
    summary = pd.read_csv(out / "summary.csv")
    gaps = summary[summary["area"].isin(["gap", "ratio", "spread"])]
    assert gaps["eur_per_unit"].isna().all()
    assert summary.loc[summary["indicator"] == "vulnerable_share", "eur_per_unit"].isna().all()
    assert (
        summary.loc[summary["indicator"] == "vulnerable_share", "per_unit"].fillna("") == ""
    ).all()
    people = summary[(summary["area"] == "people") & (summary["scenario"] == "lonely")]
    total = summary[(summary["area"] == "total") & (summary["scenario"] == "lonely")]
    # the people followed and the city carry the cost of the whole programme
    assert np.allclose(people["cost_eur_cumulative"], total["cost_eur_cumulative"])
    assert (total["cost_eur_cumulative"] > 0).all()


def test_headline_leads_with_people_and_city(compared):
    _, output = compared
    assert "Compared with the baseline" in output
    body = output[output.index("Compared with the baseline") :]
    people, city, place = (body.index(f"│ {label}") for label in ("People", "Simulated", "Place"))
    assert people < city < place
    assert "- composition" in body


def test_views_csv_composition_is_place_minus_people_per_replicate(compared):
    out, _ = compared
    views = pd.read_csv(out / "views.csv")
    assert set(views["scenario"]) == {"screening", "lonely"}
    row = views[(views["scenario"] == "screening") & (views["indicator"] == "lonely_share")]
    row = row.iloc[0]
    month = np.datetime64(f"{row['month']}-01")

    def value(scenario: str, rep: int, area: str) -> float:
        t = pq.read_table(out / "runs" / scenario / f"rep-{rep:03d}.parquet").to_pandas()
        hit = t[(t["indicator"] == "lonely_share") & (t["area"] == area)
                & (t["month"] == month)]  # fmt: skip
        return float(hit["value"].iloc[0])

    d = {
        area: np.array(
            [value("screening", r, area) - value("baseline", r, area) for r in range(REPS)]
        )  # fmt: skip
        for area in ("focus", "people", "total")
    }
    mean, low, high = paired_stats(d["focus"] - d["people"])
    assert row["composition_diff"] == pytest.approx(mean, abs=1e-12)
    assert row["composition_diff_p05"] == pytest.approx(low, abs=1e-12)
    assert row["composition_diff_p95"] == pytest.approx(high, abs=1e-12)
    assert row["place_diff"] - row["people_diff"] == pytest.approx(mean, abs=1e-12)
    assert row["city_diff"] == pytest.approx(d["total"].mean(), abs=1e-12)


def test_tweedeling_rows_have_intervals(compared):
    out, output = compared
    tweedeling = pd.read_csv(out / "tweedeling.csv")
    assert set(tweedeling["measure"]) == {"gap", "ratio", "spread"}
    scenario = tweedeling[tweedeling["scenario"] == "screening"]
    assert scenario[["diff_mean", "diff_p05", "diff_p95"]].notna().all().all()
    assert (scenario["diff_p05"] <= scenario["diff_p95"]).all()
    assert "Tweedeling: focus buurten against the rest of the city" in output


def test_displacement_lists_refusing_and_receiving_buurten(compared):
    out, output = compared
    table = pd.read_csv(out / "displacement.csv")
    assert set(table["scenario"]) == {"screening"}  # the loneliness course screens nothing
    assert list(table["area"].drop_duplicates()) == [
        "nazareth", "pottenberg", "binnenstad", "not simulated", "total",
    ]  # fmt: skip
    by_area = table.set_index("area")
    assert by_area.loc[["nazareth", "pottenberg"], "refused_vulnerable_diff"].sum() > 0
    assert by_area.loc["binnenstad", "refused_vulnerable_diff"] == 0  # no screening there
    housed = by_area["displaced_housed_mean"]
    assert housed["not simulated"] == pytest.approx(
        housed["total"] - housed[["nazareth", "pottenberg", "binnenstad"]].sum()
    )
    assert housed["total"] > 0
    assert (
        by_area.loc["nazareth", ["vulnerable_share_diff_p05", "vulnerable_share_diff_p95"]]
        .notna()
        .all()
    )
    assert "Displacement by screening of lettings" in output


def test_without_screening_in_the_focus_only(files, tmp_path):
    out = tmp_path / "cmp"
    result = invoke(
        "compare", files["lonely"], "--replicates", "1", "--years", str(YEARS),
        "--areas", "focus", "--workers", "1", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not (out / "displacement.csv").exists() and not (out / "tweedeling.csv").exists()
    assert "needs buurten outside the focus; run with --areas all" in result.output
    assert "Displacement" not in result.output
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary["area"]) == {"nazareth", "pottenberg", "focus", "people", "total"}
    assert set(summary["simulated"]) == {FOCUS_ONLY}


def test_default_is_the_city_for_letting_policies(files, tmp_path):
    scenarios = load_scenarios([files["screening"]])
    assert screens(scenarios[1]) and not screens(scenarios[0])
    ens = build_ensemble(scenarios, replicates=1, out=tmp_path / "a", years=YEARS)
    assert len(ens.areas) == 44 and ens.simulated == WHOLE_CITY
    # the letting policy screens in the scenario's own buurten only
    assert ens.scenarios[1].allocation.screening == 1.0
    assert ens.scenarios[1].areas == ["nazareth", "pottenberg"]
    assert "views.csv" not in {p.name for p in tmp_path.glob("a/*")}  # not run
    ens = build_ensemble(load_scenarios([files["lonely"]]), replicates=1, out=tmp_path / "b",
                         years=YEARS)  # fmt: skip
    assert [a.key for a in ens.areas] == ["nazareth", "pottenberg"]
    assert ens.simulated == FOCUS_ONLY


@pytest.mark.parametrize(
    ("scenario", "areas", "expected"),
    [
        ("lonely", "binnenstad,nazareth", "--areas leaves out pottenberg, which scenario lonely "
         "targets (course); use --areas all, focus or a list that includes pottenberg"),
        ("outside", "focus", "scenario outside screens lettings (allocation) in "
         "binnenstad, which --areas does not simulate; use --areas all or a list that "
         "includes binnenstad"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["compare", "run"])
def test_area_list_without_the_targeted_buurten_is_a_one_line_error(
    files, tmp_path, scenario, areas, expected, command
):
    out = tmp_path / "out"
    if command == "compare":
        args = ["compare", files[scenario], "--replicates", "1"]
    else:
        args = ["run", "--scenario", files[scenario]]
    result = invoke(*args, "--years", str(YEARS), "--areas", areas, "--out", str(out))
    assert result.exit_code == 2, result.output
    text = result.output.strip()
    assert text.count("\n") == 0 and expected in text, text
    assert not out.exists()


def test_run_table_leads_with_people_and_city(tmp_path):
    result = invoke("run", "--areas", AREAS, "--years", "1", "--out", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "Indicator" in line)
    assert header.index("People followed") < header.index("All simulated")
    assert header.index("All simulated") < header.index("Focus buurten")
    assert "Rest of the" in result.output and "Binnenstad" not in result.output.split("┃", 1)[1]
