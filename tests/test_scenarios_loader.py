"""Scenario files: the built-ins, the schema checks and the Python API of scenarios.loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GOOD

from core.errors import InputError
from model.timeline import month_index
from scenarios import CATALOGUE, SHOCKS, Scenario
from scenarios.loader import (
    ScenarioError,
    builtin_names,
    builtin_path,
    load_scenario,
    range_notes,
    validate_dict,
    validate_file,
)

PORTFOLIOS = ("debt-first", "network-and-meeting", "trust-from-within", "integrated-mix")
STRESS = {  # name -> (shock type, start, months)
    "stress-energy": ("energy_spike", "2025-01", 12),
    "stress-recession": ("recession", "2025-01", 24),
    "stress-isolation": ("isolation", "2025-01", 6),
}
REPO = Path(__file__).resolve().parents[1]

MINIMAL = """\
name: my-plan
label: {nl: Mijn plan, en: My plan}
interventions:
  visits:
    type: early_debt_signalling
    start: "2024-01"
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list:
    with pytest.raises(ScenarioError) as info:
        validate_file(write(tmp_path, text))
    return info.value.problems


# ----------------------------------------------------------------- built-ins
def test_builtin_names():
    names = builtin_names()
    assert names[0] == "baseline"
    for name in (*PORTFOLIOS, *STRESS, "stress-energy-debt-first"):
        assert name in names


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_loads_and_validates(name):
    scenario = load_scenario(name)
    assert isinstance(scenario, Scenario)
    assert scenario.name == name  # the file name is the scenario name
    assert scenario.kind in ("baseline", "portfolio", "stress test")
    assert scenario.label_nl and scenario.label_en and scenario.label_nl != scenario.label_en
    desc = scenario.raw["description"]
    assert len(desc["nl"]) > 100 and len(desc["en"]) > 100, "descriptions for designers"
    assert scenario.areas == ["nazareth", "pottenberg"]
    assert scenario.start == "2021-06" and scenario.horizon_years == 10
    assert scenario.budget_eur_per_year == 700_000
    assert Path(scenario.source) == Path(str(builtin_path(name)))
    again = validate_file(builtin_path(name))
    assert again.digest() == scenario.digest()


def test_baseline_has_no_programme():
    s = load_scenario("baseline")
    assert s.kind == "baseline"
    assert not s.interventions and not s.shocks and s.allocation.screening is None
    assert s.costs_by_year() and not any(s.costs_by_year().values())


@pytest.mark.parametrize("name", PORTFOLIOS)
def test_portfolio_fits_budget(name):
    s = load_scenario(name)
    assert s.kind == "portfolio"
    assert s.overage() is None, f"{name} over budget: {s.overage()}"
    yearly = sum(s.yearly_costs().values())
    assert 0.9 * s.budget_eur_per_year <= yearly <= s.budget_eur_per_year
    assert {i.start for i in s.interventions.values()} == {"2024-01"}
    assert all(i.end is None for i in s.interventions.values())
    assert len({i.key for i in s.interventions.values()}) >= 4
    assert max(s.costs_by_year().values()) == pytest.approx(yearly)


def test_portfolios_have_their_main_programmes():
    def types(name):
        return {i.key for i in load_scenario(name).interventions.values()}

    assert {
        "early_debt_signalling",
        "debt_counselling_capacity",
        "benefit_takeup_outreach",
        "employment_guidance",
    } <= types("debt-first")
    assert {
        "meeting_place",
        "loneliness_programme",
        "participation_budget",
        "positive_health",
    } <= types("network-and-meeting")
    assert {
        "participation_budget",
        "outreach_social_work",
        "social_management",
        "meeting_place",
    } <= types("trust-from-within")
    assert load_scenario("trust-from-within").allocation.screening == 0.5
    assert len(types("integrated-mix")) >= 6


@pytest.mark.parametrize("name", sorted(STRESS))
def test_stress_tests(name):
    kind, start, months = STRESS[name]
    s = load_scenario(name)
    assert s.kind == "stress test"
    assert not s.interventions
    (shock,) = s.shocks.values()
    assert shock.key == kind
    assert shock.start == start
    assert month_index(shock.end) - month_index(shock.start) == months


def test_stress_test_with_portfolio_is_debt_first_plus_energy():
    combined = load_scenario("stress-energy-debt-first")
    assert combined.kind == "stress test"
    assert combined.raw["interventions"] == load_scenario("debt-first").raw["interventions"]
    assert combined.raw["shocks"] == load_scenario("stress-energy").raw["shocks"]
    assert combined.overage() is None


def test_round_trip_of_raw_keeps_digest():
    s = load_scenario("debt-first")
    again = validate_dict(s.raw)
    assert again.digest() == s.digest()
    assert again.raw == s.raw
    assert again.yearly_costs() == s.yearly_costs()


@pytest.mark.parametrize("name", builtin_names())
def test_round_trip_every_builtin(name):
    s = load_scenario(name)
    assert validate_dict(s.raw).digest() == s.digest()


def test_every_load_gives_fresh_programmes():
    a, b = load_scenario("debt-first"), load_scenario("debt-first")
    assert a.digest() == b.digest()
    for name in a.interventions:
        assert a.interventions[name] is not b.interventions[name]


def test_builtin_costs_and_overrides_reach_the_objects():
    s = load_scenario("debt-first")
    visits = s.interventions["debt-signals"]
    assert (visits.fte, visits.capacity) == (2.0, 500.0)
    assert visits.yearly_cost() == pytest.approx(2 * visits.eur_per_fte)
    assert s.interventions["outreach"].intensity == 0.5
    meet = load_scenario("network-and-meeting").interventions["meeting-nazareth"]
    assert meet.areas == ["nazareth"]
    # an area programme costs one programme per buurt served
    both = load_scenario("network-and-meeting").interventions["residents-budget"]
    assert both.areas == ["nazareth", "pottenberg"]
    assert both.yearly_cost() == pytest.approx(2 * meet.copies() * 61_000)


# ----------------------------------------------------------------- loading by name or path
def test_load_by_path(tmp_path):
    path = write(tmp_path, MINIMAL)
    for arg in (path, str(path)):
        s = load_scenario(arg)
        assert s.name == "my-plan" and s.source == str(path)


def test_defaults_of_a_minimal_file(tmp_path):
    s = validate_file(write(tmp_path, MINIMAL))
    assert s.kind == "portfolio"
    assert s.areas == ["nazareth", "pottenberg"]
    assert (s.start, s.horizon_years, s.budget_eur_per_year) == ("2021-06", 10, 700_000)
    visits = s.interventions["visits"]
    # without buurten of its own an intervention works in the scenario's buurten
    assert visits.intensity == 1.0 and visits.end is None
    assert visits.areas == ["nazareth", "pottenberg"]
    assert visits.effect == {k: p.default for k, p in visits.EFFECTS.items()}
    assert s.allocation.screening is None
    assert s.description == ""


def test_unknown_name_is_one_line():
    with pytest.raises(InputError) as info:
        load_scenario("debt-frist")
    message = str(info.value)
    assert "\n" not in message
    assert "debt-first" in message and "debt-frist" in message


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "nothere.yaml")
    assert "\n" not in str(info.value)
    assert "nothere.yaml" in str(info.value)
    with pytest.raises(InputError):
        validate_file(tmp_path)  # a folder


def test_equivalent_spellings_share_a_digest(tmp_path):
    a = validate_file(
        write(
            tmp_path,
            MINIMAL.replace("name: my-plan", "name: my-plan\nkind: stress test")
            + "    areas: [Nazareth]\n"
            "shocks:\n  energy: {type: energy_spike, start: '2025-01', months: 12}\n",
            "a.yaml",
        )
    )
    b = validate_file(
        write(
            tmp_path,
            "name: my-plan\nkind: stress test\nlabel: {en: My plan, nl: Mijn plan}\n"
            "areas: [BU09350403, pottenberg]\nhorizon_years: 10\n"
            "budget_eur_per_year: 700000\n"
            "interventions:\n  visits: {type: early_debt_signalling, start: '2024-01', "
            "intensity: 1, areas: [bu09350403]}\n"
            "shocks:\n  energy: {type: energy_spike, start: '2025-01', end: '2026-01'}\n",
            "b.yaml",
        )
    )
    assert a.digest() == b.digest()
    assert a.shocks["energy"].end == "2026-01"
    assert a.interventions["visits"].areas == ["nazareth"]


def test_everything_a_file_can_set(tmp_path):
    text = """\
name: full
label: {nl: Alles, en: Everything}
description: A plain English description.
kind: stress test
areas: [nazareth, pottenberg]
start: "2021-06"
horizon_years: 12
budget_eur_per_year: 800000
interventions:
  loneliness:
    type: loneliness_programme
    start: "2024-01"
    end: "2028-01"
    areas: [pottenberg]
    intensity: 0.5
    capacity: 100
    eur_per_participant: 700
    effects: {loneliness_d: -0.6}
  renovation:
    type: housing_renovation
    start: "2025-01"
    fixed_eur: 10000
    fte: 0.5
shocks:
  recession:
    type: recession
    start: "2032-01"
    end: "2033-06"
    areas: [nazareth]
    intensity: 0.5
    effects: {job_loss: 2.0}
allocation:
  screening: 0.4
  start: "2025-01"
"""
    s = validate_file(write(tmp_path, text))
    lon = s.interventions["loneliness"]
    assert (lon.start, lon.end, lon.areas, lon.intensity) == (
        "2024-01",
        "2028-01",
        ["pottenberg"],
        0.5,
    )
    assert lon.yearly_cost() == pytest.approx(0.5 * 100 * 700)
    assert lon.effect["loneliness_d"] == -0.6
    assert s.interventions["renovation"].fte == 0.5
    assert s.interventions["renovation"].fixed_eur == 10_000
    rec = s.shocks["recession"]
    assert (rec.start, rec.end, rec.areas, rec.intensity) == (
        "2032-01",
        "2033-06",
        ["nazareth"],
        0.5,
    )
    assert rec.effect == {
        "job_loss": 2.0,
        "job_finding": SHOCKS["recession"].EFFECTS["job_finding"].default,
    }
    assert (s.allocation.screening, s.allocation.start) == (0.4, "2025-01")
    assert s.horizon_years == 12 and s.budget_eur_per_year == 800_000
    assert s.description == "A plain English description."
    assert range_notes(s) == []


def test_range_notes_flag_effects_outside_the_plausible_range(tmp_path):
    text = MINIMAL + "    effects: {prevention: 0.95}\n"
    notes = range_notes(validate_file(write(tmp_path, text)))
    assert len(notes) == 1 and "prevention" in notes[0] and "0.2" in notes[0]


# ----------------------------------------------------------------- problems


def variant(line: int, text: str) -> str:
    lines = GOOD.splitlines()
    lines[line - 1] = text
    return "\n".join(lines) + "\n"


# case -> (line number, replacement, expected line, field, words in the message)
CASES = {
    "unknown-type": (11, "    type: home_visit", 11, "interventions.visits.type", list(CATALOGUE)),
    "unknown-top-field": (5, "kinds: portfolio", 5, "kinds", ["allowed fields", "kind"]),
    "unknown-nested-field": (
        13,
        "    intensty: 2",
        13,
        "interventions.visits.intensty",
        ["did you mean 'intensity'", "eur_per_participant"],
    ),
    "negative-budget": (8, "budget_eur_per_year: -100", 8, "budget_eur_per_year", ["negative"]),
    "negative-intensity": (
        13,
        "    intensity: -1",
        13,
        "interventions.visits.intensity",
        ["negative"],
    ),
    "negative-capacity": (
        13,
        "    capacity: -10",
        13,
        "interventions.visits.capacity",
        ["negative"],
    ),
    "end-after-horizon": (
        13,
        '    end: "2035-01"',
        13,
        "interventions.visits.end",
        ["2035-01", "2031-06"],
    ),
    "start-before-model": (
        12,
        '    start: "2020-01"',
        12,
        "interventions.visits.start",
        ["2021-06"],
    ),
    "end-before-start": (13, '    end: "2023-01"', 13, "interventions.visits.end", ["after"]),
    "malformed-date": (12, '    start: "2024-13"', 12, "interventions.visits.start", ["YYYY-MM"]),
    "yaml-date": (12, "    start: 2024-01-01", 12, "interventions.visits.start", ["YYYY-MM"]),
    "unknown-area": (
        19,
        "    areas: [nazareth, atlantis]",
        19,
        "interventions.meet.areas[1]",
        ["atlantis", "pottenberg", "wyckerpoort"],
    ),
    "area-outside-scenario": (
        19,
        "    areas: [wyckerpoort]",
        19,
        "interventions.meet.areas",
        ["wyckerpoort", "top-level"],
    ),
    "unknown-top-area": (6, "areas: [nazareth, atlantis]", 6, "areas[1]", ["atlantis"]),
    "unknown-effect": (
        15,
        "      reach_rate: 0.6",
        15,
        "interventions.visits.effects.reach_rate",
        ["reach", "accept", "prevention", "eviction_reduction"],
    ),
    "effect-wrong-sign": (
        15,
        "      reach: -0.6",
        15,
        "interventions.visits.effects.reach",
        ["negative"],
    ),
    "share-above-one": (15, "      reach: 1.5", 15, "interventions.visits.effects.reach", ["1"]),
    "wrong-type-horizon": (7, "horizon_years: ten", 7, "horizon_years", ["whole number", "ten"]),
    "horizon-too-long": (7, "horizon_years: 80", 7, "horizon_years", ["50"]),
    "wrong-type-bool": (8, "budget_eur_per_year: yes", 8, "budget_eur_per_year", ["number"]),
    "wrong-type-areas": (6, "areas: nazareth", 6, "areas", ["list"]),
    "wrong-type-effects": (15, "      - 0.6", 14, "interventions.visits.effects", ["mapping"]),
    "unknown-kind": (5, "kind: stress", 5, "kind", ["stress test", "portfolio"]),
    "model-start": (5, 'start: "2022-01"', 5, "start", ["2021-06"]),
    "bad-name": (1, "name: My Plan!", 1, "name", ["lower-case"]),
    "missing-type": (11, "    intensity: 1", 10, "interventions.visits.type", ["missing"]),
    "duplicate-key": (13, '    start: "2025-01"', 13, "interventions.visits.start", ["twice"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_names_line_and_field(tmp_path, case):
    at, text, line, field, words = CASES[case]
    problems = problems_of(tmp_path, variant(at, text))
    matching = [p for p in problems if p.field == field]
    assert matching, f"no problem for {field}: {[str(p) for p in problems]}"
    problem = matching[0]
    assert problem.line == line, str(problem)
    rendered = str(problem)
    assert rendered.startswith(f"{tmp_path / 'plan.yaml'}:{line}: {field}: ")
    for word in words:
        assert word in rendered, f"{word!r} not in {rendered}"
    assert "\n" not in rendered


def test_broken_yaml_names_line_and_column(tmp_path):
    problems = problems_of(tmp_path, variant(3, "  nl: Mijn plan: deel 1"))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path / 'plan.yaml'}:3:")
    assert "invalid YAML" in str(problems[0])


def test_tabs_and_empty_files(tmp_path):
    (tabs,) = problems_of(tmp_path, "name: x\nlabel:\n\tnl: a\n")
    assert ":3:1:" in str(tabs) and "spaces" in str(tabs)
    (empty,) = problems_of(tmp_path, "")
    assert "empty" in str(empty)
    (listed,) = problems_of(tmp_path, "- a\n- b\n")
    assert "name, label" in str(listed)


def test_all_problems_at_once(tmp_path):
    text = variant(8, "budget_eur_per_year: -1")
    text = text.replace("type: early_debt_signalling", "type: home_visit")
    text = text.replace('end: "2030-01"', 'end: "2040-01"')
    text = text.replace("areas: [nazareth]", "areas: [atlantis]")
    with pytest.raises(ScenarioError) as info:
        validate_file(write(tmp_path, text))
    lines = str(info.value).splitlines()
    assert lines[0] == f"4 problems in {tmp_path / 'plan.yaml'}"
    assert len(lines) == 5
    numbers = [int(line.split(":")[1]) for line in lines[1:]]
    assert numbers == sorted(numbers) == [8, 11, 13, 19]


def test_missing_required_fields(tmp_path):
    problems = problems_of(tmp_path, "kind: portfolio\ninterventions:\n  a: {start: '2024-01'}\n")
    fields = {p.field for p in problems}
    assert {"name", "label", "interventions.a.type"} <= fields
    label = problems_of(tmp_path, "name: x\nlabel: {nl: Iets}\nkind: baseline\n")
    assert [p.field for p in label] == ["label.en"]


def test_shock_needs_an_end_within_the_horizon(tmp_path):
    head = "name: s\nlabel: {nl: a, en: b}\nkind: stress test\nshocks:\n"
    (p,) = problems_of(tmp_path, head + "  e: {type: energy_spike, start: '2025-01'}\n")
    assert p.field == "shocks.e.end" and p.line == 5
    (p,) = problems_of(tmp_path, head + "  e: {type: energy_spike, start: '2030-01', months: 24}\n")
    assert p.field == "shocks.e.months" and "2031-06" in p.message
    (p,) = problems_of(
        tmp_path, head + "  e: {type: energy_spike, start: '2025-01', months: 2, end: '2026-01'}\n"
    )
    assert "not both" in p.message
    (p,) = problems_of(tmp_path, head + "  e: {type: flood, start: '2025-01', months: 2}\n")
    assert p.field == "shocks.e.type" and all(k in p.message for k in SHOCKS)
    (p,) = problems_of(
        tmp_path, head + "  e: {type: isolation, start: '2025-01', months: 2, effects: {size: 2}}\n"
    )
    assert p.field == "shocks.e.effects.size" and "tie_loss" in p.message


def test_horizon_limits_dates(tmp_path):
    text = MINIMAL.replace("name: my-plan", "name: my-plan\nhorizon_years: 2")
    (p,) = problems_of(tmp_path, text)
    assert p.field == "interventions.visits.start"
    assert "2023-06" in p.message and "latest is 2023-05" in p.message
    ok = validate_file(write(tmp_path, text.replace("2024-01", "2023-05")))
    assert ok.horizon_years == 2


def test_kind_must_match_content(tmp_path):
    (p,) = problems_of(tmp_path, MINIMAL.replace("name: my-plan", "name: my-plan\nkind: baseline"))
    assert p.field == "interventions" and "baseline" in p.message
    (p,) = problems_of(tmp_path, MINIMAL.replace("name: my-plan", "name: x\nkind: stress test"))
    assert p.field == "shocks"
    (p,) = problems_of(tmp_path, "name: x\nlabel: {nl: a, en: b}\n")
    assert p.field == "interventions" and "baseline" in p.message
    shocked = MINIMAL + "shocks:\n  e: {type: energy_spike, start: '2025-01', months: 2}\n"
    (p,) = problems_of(tmp_path, shocked)
    assert p.field == "shocks" and "stress test" in p.message
    alloc = validate_file(
        write(tmp_path, "name: x\nlabel: {nl: a, en: b}\nallocation: {screening: 0.5}\n")
    )
    assert (alloc.allocation.screening, alloc.allocation.start) == (0.5, "2024-01")


def test_validate_dict_reports_without_lines():
    raw = dict(load_scenario("debt-first").raw, budget_eur_per_year=-1)
    with pytest.raises(ScenarioError) as info:
        validate_dict(raw, source="memory")
    (p,) = info.value.problems
    assert p.line is None
    assert str(p) == "memory: budget_eur_per_year: must not be negative, got -1"


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    assert "UTF-8" in str(info.value)


def test_docs_describe_every_builtin_and_type():
    text = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
    for name in builtin_names():
        assert f"`{name}`" in text, name
    for key in (*CATALOGUE, *SHOCKS):
        assert f"`{key}`" in text, key


def test_docs_example_is_valid(tmp_path):
    text = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n") + len("```yaml\n")
    example = text[start : text.index("```", start)]
    s = validate_file(write(tmp_path, example))
    assert s.overage() is None


@pytest.mark.slow
def test_a_builtin_runs_in_the_model():
    """stress-energy-debt-first to March 2025: interventions cost as planned, shock active."""
    from model.inputs.areas import resolve_areas
    from model.resilience_model import ResilienceModel

    s = load_scenario("stress-energy-debt-first")
    model = ResilienceModel(areas=resolve_areas(s.areas), rng=5, policy=s)
    costs = []
    for _ in range(month_index("2025-03")):
        model.step()
        costs.append(sum(float(c.sum()) for c in model.month_costs.values()))
    first = month_index("2024-01")
    assert sum(costs[: first - 1]) == 0
    assert sum(costs[first - 1 :]) > 0
    # overhead (fixed + staff) is paid every month from the start
    overhead = sum(
        i.intensity * (i.fixed_eur + i.fte * i.eur_per_fte) / 12 for i in s.interventions.values()
    )
    assert min(costs[first - 1 :]) >= overhead - 1


def test_yaml_merge_keys_and_aliases(tmp_path):
    text = """\
name: merged
label: {nl: a, en: b}
areas: &both [nazareth, pottenberg]
interventions:
  meet-n: &meet
    type: meeting_place
    start: "2024-01"
    areas: [nazareth]
  meet-p:
    <<: *meet
    areas: [pottenberg]
  meet-all:
    <<: *meet
    areas: *both
"""
    s = validate_file(write(tmp_path, text))
    assert s.interventions["meet-p"].areas == ["pottenberg"]
    assert s.interventions["meet-p"].start == "2024-01"
    assert s.interventions["meet-all"].areas == ["nazareth", "pottenberg"]
    (p,) = problems_of(tmp_path, "name: &a [*a]\n")
    assert "refers to itself" in str(p)


# ----------------------------------------------------------------- the published schema
def test_published_schema_and_field_tables_are_up_to_date():
    from scenarios import schema_docs

    stale = schema_docs.out_of_date()
    assert not stale, f"out of date: {stale}; run: python -m scenarios.schema_docs"


def test_effects_in_the_schema_come_from_the_catalogue():
    from scenarios import schema_docs

    defs = schema_docs.json_schema()["$defs"]
    for cls in (*CATALOGUE.values(), *SHOCKS.values()):
        effects = defs[f"{cls.__name__}Effects"]
        assert effects["additionalProperties"] is False
        assert list(effects["properties"]) == list(cls.EFFECTS), cls.key
        for name, param in cls.EFFECTS.items():
            prop = effects["properties"][name]
            assert prop["default"] == param.default
            share = param.unit.startswith("share")
            if param.low >= 0:  # the sign of the plausible range; a share at most 1
                bounds = (0, 1 if share else None)
            else:
                bounds = (None, 0 if param.high <= 0 else None)
            assert (prop.get("minimum"), prop.get("maximum")) == bounds, (cls.key, name)
        assert defs[cls.__name__]["properties"]["type"]["const"] == cls.key


def test_builtins_and_docs_example_pass_the_published_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    import yaml

    published = json.loads((REPO / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    check = jsonschema.Draft202012Validator(published)
    for name in builtin_names():
        data = yaml.safe_load(builtin_path(name).read_text(encoding="utf-8"))
        assert not list(check.iter_errors(data)), name
    wrong = yaml.safe_load(variant(15, "      reach_rate: 0.6").replace("700000", "-1"))
    assert {tuple(e.absolute_path)[:1] for e in check.iter_errors(wrong)} == {
        ("budget_eur_per_year",),
        ("interventions",),
    }


def test_editor_schema_comment_is_allowed(tmp_path):
    text = "# yaml-language-server: $schema=../docs/scenario.schema.json\n" + MINIMAL
    assert validate_file(write(tmp_path, text)).name == "my-plan"


def test_blank_text_and_empty_values(tmp_path):
    (blank,) = problems_of(tmp_path, "name: x\nlabel: {nl: '  ', en: b}\nkind: baseline\n")
    assert (blank.field, blank.message) == ("label.nl", "must not be empty")
    (empty,) = problems_of(tmp_path, "name:\nlabel: {nl: a, en: b}\nkind: baseline\n")
    assert (empty.field, empty.message) == ("name", "missing required field")
