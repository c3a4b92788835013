"""Interventions and shocks: neutral when off, paired effects in the documented direction."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.intervention_check import paired_effects
from model.indicators import INDICATOR_NAMES
from model.resilience_model import ResilienceModel
from model.timeline import month_index
from scenarios import CATALOGUE, SHOCKS, Scenario

SEED, MONTHS = 5, 36


@pytest.fixture(scope="module")
def baseline() -> np.ndarray:
    model = ResilienceModel(rng=SEED)
    model.run_months(MONTHS)
    return model.recorder.array()


def run(programmes: dict, months: int = MONTHS) -> np.ndarray:
    interventions = {k: v for k, v in programmes.items() if k in CATALOGUE}
    shocks = {k: v for k, v in programmes.items() if k in SHOCKS}
    scenario = Scenario(
        name="t", label_nl="t", label_en="t", interventions=interventions, shocks=shocks
    )
    model = ResilienceModel(rng=SEED, policy=scenario)
    model.run_months(months)
    return model.recorder.array()


def test_catalogue_has_at_least_ten_interventions_with_costs_and_sources():
    assert len(CATALOGUE) >= 10
    for cls in CATALOGUE.values():
        assert cls.label_nl and cls.label_en and cls.evidence and cls.cost_source
        assert cls.target_indicator in INDICATOR_NAMES
        assert cls.direction in ("lower", "higher")
        assert cls(start="2024-01").yearly_cost() > 0
        for p in cls.EFFECTS.values():
            assert p.unit and p.source


@pytest.mark.parametrize("key", list(CATALOGUE) + list(SHOCKS))
def test_zero_intensity_equals_baseline_exactly(key, baseline):
    cls = CATALOGUE.get(key) or SHOCKS[key]
    data = run({key: cls(start="2022-01", end="2030-01", intensity=0.0)})
    assert np.array_equal(data, baseline)


@pytest.mark.parametrize("key", list(CATALOGUE) + list(SHOCKS))
def test_bit_identical_until_start_then_different(key, baseline):
    cls = CATALOGUE.get(key) or SHOCKS[key]
    start = "2022-07"
    data = run({key: cls(start=start, end="2024-01")})
    first = month_index(start)  # month index of the first month the programme acts in
    assert np.array_equal(data[:first], baseline[:first])
    assert not np.array_equal(data, baseline)


def test_costs_recorded_from_start_only():
    key = "loneliness_programme"
    data = run({key: CATALOGUE[key](start="2022-07")})
    cost = data[:, -1, INDICATOR_NAMES.index("programme_cost_eur")]
    first = month_index("2022-07")
    assert np.all(cost[:first] == 0)
    assert np.all(cost[first:] > 0)


def test_each_intervention_moves_its_target_the_documented_way():
    # 6 paired replicates, 5 years, intensity 1: the mean paired difference of the target
    # indicator ('total', last month) must have the documented sign. The full check with
    # 50 replicates and 90% intervals is `python -m experiments.intervention_check`.
    rows = paired_effects(replicates=6, years=5, workers=2)
    wrong = [r for r in rows if not r["as_documented"]]
    assert not wrong, wrong
