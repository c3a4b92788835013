"""The browser app's logic without a browser: input checks, switches and budget,
inspection through the agents, the compare table, labels in both languages, and
the ``veerkracht app`` command's port check. The real-Chromium run is in
test_app_browser.py."""

from __future__ import annotations

import socket

import numpy as np
import pytest
from typer.testing import CliRunner

from cli import app as cli
from cli.app_command import port_problem, solara_command
from viz import app_compare
from viz.app_charts import charts_html
from viz.app_inspect import inspect_household, inspect_resident
from viz.app_map import MapView
from viz.app_state import SimState, budget, parse_int, parse_param, scenario_setup
from viz.labels import (
    CHART_INDICATORS,
    UI,
    indicator_label,
    intervention_label,
    t,
    view_name,
)


def test_budget_meter_adds_up_the_switched_on_interventions():
    switches, sizes = scenario_setup("integrated-mix")
    total, cap, share = budget(switches, sizes)
    assert total == pytest.approx(675_000.0)  # the scenario file's own sum
    assert cap == 700_000.0 and share < 1.0
    assert budget({k: 0.0 for k in switches})[0] == 0.0
    doubled = budget({k: 2 * v for k, v in switches.items()}, sizes)
    assert doubled[2] > 1.0


def test_every_ui_string_has_both_languages_and_registry_labels_are_used():
    assert all(nl and en for nl, en in UI.values())
    assert t("play", "nl") == "Afspelen" and t("play", "en") == "Play"
    assert t("play", "xx") == "Afspelen"  # unknown language: Dutch, the default
    assert indicator_label("lonely_share", "nl") == "Eenzaam"
    assert intervention_label("meeting_place", "en") == "Meeting place and community activities"


@pytest.mark.parametrize("bad", ["abc", "", "-5", "1e99", "3.5", None])
def test_bad_whole_numbers_give_a_one_line_message(bad):
    value, error = parse_int(bad, 0, 100, lang="en")
    assert value is None and error.startswith("Invalid input") and "\n" not in error


def test_parameter_values_are_checked_against_the_registry_range():
    assert parse_param("mig.move_out", "0.1") == (0.1, None)
    for bad in ("fast", "nan", "inf", "99"):
        value, error = parse_param("mig.move_out", bad, "en")
        assert value is None and "mig.move_out" in error


def test_switching_on_mid_run_acts_from_the_next_month_and_keeps_history():
    s = SimState(seed=3)
    s.step(2)
    before = s.model.recorder.array().copy()
    s.set_intensity("meeting_place", 1.0)
    intervention = s.policy.interventions["meeting_place"]
    assert intervention.start == "2021-09"  # month 3, the coming step
    s.step(1)
    assert s.model.recorder.cost_blocks[-1]["meeting_place"][-1] > 0
    np.testing.assert_array_equal(s.model.recorder.array()[:3], before)
    s.set_intensity("meeting_place", 0.0)
    assert s.policy.interventions["meeting_place"] is intervention  # participants kept
    assert s.budget()[0] == 0.0


def test_same_seed_same_path_whatever_the_page_shows():
    a, b = SimState(seed=5), SimState(seed=5)
    view = MapView()
    for _ in range(3):
        a.step(1)
        view.png(a, "problems", "nl", by_block=True)  # drawing must not touch the model's rng
        inspect_household(a.model, int(a.model.households.active()[0]))
        b.step(1)
    np.testing.assert_array_equal(a.model.recorder.array(), b.model.recorder.array())


def test_charts_show_every_buurt_and_follow_the_model():
    s = SimState(seed=3)
    first = charts_html(s, CHART_INDICATORS, "en")
    s.step(2)
    later = charts_html(s, CHART_INDICATORS, "en")
    assert first != later
    assert later.count("<svg") == len(CHART_INDICATORS)
    assert "Nazareth" in later and "Pottenberg" in later
    # the views: the people followed and all simulated buurten (the focus buurten are all
    # that run, so no separate focus line and no 'whole city'); never the tweedeling rows
    assert "the residents of 2024, followed" in later and "all simulated buurten" in later
    assert "whole city" not in later and "rest of the city" not in later
    lines = later.split("</svg>")[0].count("<polyline")
    assert lines == 4  # Nazareth, Pottenberg, people, total
    dutch = charts_html(s, CHART_INDICATORS, "nl")
    assert "de bewoners van 2024, gevolgd" in dutch and "alle gesimuleerde buurten" in dutch


def test_view_names_follow_the_buurten_that_run():
    from model.inputs.areas import all_areas

    focus = ["BU09350403", "BU09350203"]
    assert view_name("focus", focus, "nl") == "Nazareth en Pottenberg"
    assert view_name("focus", ["BU09350403"], "nl") == "focusbuurten"
    assert view_name("total", focus + ["BU09350000"], "nl") == "alle gesimuleerde buurten"
    assert view_name("total", list(all_areas()), "nl") == "hele stad"
    assert view_name("total", list(all_areas()), "en") == "whole city"
    assert view_name("rest", focus, "nl") == "rest van de stad"


def test_inspect_reads_household_and_resident_through_the_agents():
    s = SimState(seed=3)
    m = s.model
    slot = int(m.households.active()[0])
    info = inspect_household(m, slot)
    assert info["buurt"] in ("Nazareth", "Pottenberg") and info["members"]
    person = info["members"][0]["resident"]
    assert m.residents.hh[person] == slot
    res = inspect_resident(m, person)
    assert res["household"] == slot
    assert len(res["ties"]) == m.residents.ties[person]
    assert inspect_household(m, 10**7) is None and inspect_resident(m, -1) is None


def test_compare_table_marks_horizons_beyond_the_run():
    result = app_compare.run_compare("integrated-mix", replicates=2, years=2)
    assert result.start == 31  # January 2024, the portfolio's start
    assert app_compare.shown_views(result) == ["people", "total", "focus"]
    for view in app_compare.shown_views(result):
        rows = app_compare.difference_rows(result, "en", view)
        assert len(rows) == len(app_compare.TABLE_INDICATORS)
        assert all(row["after 5 years"] == "beyond the run" for row in rows)
        assert all("[" in row["after 2 years"] for row in rows)
    assert "residents of 2024" in app_compare.view_title(result, "people", "en")
    assert "choose more years" in app_compare.beyond_note(result, "en")
    assert not app_compare.has_tweedeling(result)
    assert app_compare.displacement_rows(result, "en") == []  # the mix does not screen


def test_compare_with_the_rest_of_the_city_shows_tweedeling_and_displacement():
    result = app_compare.run_compare(
        "trust-from-within", replicates=2, years=2, areas="nazareth,pottenberg,binnenstad"
    )
    assert app_compare.has_tweedeling(result)
    gap = app_compare.difference_rows(result, "nl", "gap")
    assert len(gap) == len(app_compare.TABLE_INDICATORS)
    assert all("[" in row["na 2 jaar"] for row in gap)
    assert "Nazareth en Pottenberg min rest van de stad" in app_compare.view_title(
        result, "gap", "nl"
    )
    rows = app_compare.displacement_rows(result, "nl")
    labels = [r["Wat"] for r in rows]
    assert labels[0].startswith("Kwetsbare woningzoekenden gepasseerd in Nazareth en Pottenberg")
    assert any("Binnenstad" in label for label in labels)
    assert labels[-1].endswith("elders in de stad (niet gesimuleerd)")
    # the buurten and elsewhere add up to everyone housed after screening
    end = -1
    total = result.series("trust-from-within", "total", "displaced_housed")[:, end].mean()
    counts = [float(r["Aantal"].split(" ")[0]) for r in rows[1:]]
    assert sum(counts) == pytest.approx(total, abs=len(counts))


def test_compare_can_be_stopped():
    assert app_compare.run_compare("debt-first", 10, 1, cancelled=lambda: True) is None


def test_app_command_starts_solara_offline_and_refuses_a_busy_port():
    cmd = solara_command("127.0.0.1", 8765)
    assert {"--no-open", "--no-check-version"} <= set(cmd) and cmd[-1] == "8765"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert "already in use" in port_problem("127.0.0.1", port)
        result = CliRunner().invoke(cli, ["app", "--port", str(port)])
    assert result.exit_code == 2
    assert "already in use" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["app", "--port", "80"])
    assert result.exit_code == 2 and "--port must be" in result.output
