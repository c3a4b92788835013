"""The parameter registry: documented, in range, overridable, and effective."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from core.errors import InputError
from experiments.run import simulate
from model.params import PARAMS, REGISTRY, parse_overrides, resolve
from model.processes import PROCESSES

ODD = REPO / "docs" / "ODD.md"


def odd_text() -> str:
    if not ODD.exists():
        pytest.fail(
            "docs/ODD.md does not exist yet: the ODD protocol must document every "
            "parameter and process (it is being written)"
        )
    return ODD.read_text(encoding="utf-8")


def test_registry_names_are_unique():
    names = [p.name for p in REGISTRY]
    assert len(names) == len(set(names))
    assert set(PARAMS) == set(names)
    assert len(names) > 50


@pytest.mark.parametrize("param", REGISTRY, ids=lambda p: p.name)
def test_param_has_unit_source_and_description(param):
    assert param.unit.strip(), "empty unit"
    assert param.source.strip(), "empty source"
    assert param.description.strip(), "empty description"


@pytest.mark.parametrize("param", REGISTRY, ids=lambda p: p.name)
def test_default_inside_plausible_range(param):
    low, default, high = param.low, param.default, param.high
    assert low <= default <= high or high <= default <= low, (
        f"default {default} outside range {low}-{high}"
    )


def test_every_parameter_named_in_odd():
    text = odd_text()
    missing = [p.name for p in REGISTRY if p.name not in text]
    assert not missing, f"{len(missing)} parameters not in docs/ODD.md: {missing[:20]}"


def test_every_process_named_in_odd():
    text = odd_text().lower()
    missing = [
        p.name for p in PROCESSES if p.name not in text and p.name.replace("_", " ") not in text
    ]
    assert not missing, f"processes not in docs/ODD.md: {missing}"


def test_process_list_matches_process_modules():
    modules = {
        p.stem
        for p in (REPO / "model" / "processes").glob("*.py")
        if p.stem not in ("__init__", "process")
    }
    assert {p.name for p in PROCESSES} == modules


def test_parse_overrides_accepts_valid_values():
    assert parse_overrides(["event.job_loss=0.06", " debt.exit = 0.25 "]) == {
        "event.job_loss": 0.06,
        "debt.exit": 0.25,
    }
    assert parse_overrides(None) == {}
    assert resolve({"event.job_loss": "0.05"})["event.job_loss"] == 0.05


@pytest.mark.parametrize("bad_name", ["event.job_los", "no_such_parameter", "job_loss"])
def test_parse_overrides_rejects_unknown_name(bad_name):
    with pytest.raises(InputError) as exc:
        parse_overrides([f"{bad_name}=0.1"])
    assert bad_name in str(exc.value)


def test_unknown_name_suggests_close_match():
    with pytest.raises(InputError, match="event.job_loss"):
        parse_overrides(["event.job_los=0.1"])


@pytest.mark.parametrize("bad_value", ["abc", "", "0,05", "1e", "nan", "inf", "-inf"])
def test_parse_overrides_rejects_non_numbers(bad_value):
    """Values that are not usable numbers: text, empty, decimal comma, and the
    float spellings 'nan'/'inf' (NaN silently disables a process: every
    ``u < monthly_prob(nan)`` is False; inf crashes or saturates rates)."""
    with pytest.raises(InputError) as exc:
        parse_overrides([f"event.job_loss={bad_value}"])
    assert repr(bad_value) in str(exc.value) or f"'{bad_value}'" in str(exc.value)


def test_parse_overrides_rejects_missing_equals():
    with pytest.raises(InputError, match=re.escape("event.job_loss")):
        parse_overrides(["event.job_loss"])


def test_override_changes_behaviour():
    """A fivefold job-loss rate raises unemployment after two years (same seed)."""
    name = "unemployment_share"
    base = simulate(years=2, seed=4).model.recorder
    high = simulate(years=2, seed=4, params={"event.job_loss": 0.2}).model.recorder
    assert high.value(name, "total", 0) == pytest.approx(base.value(name, "total", 0))
    assert high.value(name, "total", -1) > base.value(name, "total", -1) + 0.03
