"""The survey emulator: it asks what the model knows, with the survey's sampling noise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from calibration.emulator import SurveyDesign, interview, survey
from calibration.questions import MEASURES, aggregate
from model.resilience_model import ResilienceModel

CODES = ("BU09350403", "BU09350203")
KEYS = {"BU09350403": "nazareth", "BU09350203": "pottenberg"}
# Buurt-climate answers carry answer noise around the buurt value; compared separately.
CLIMATE = {"social_cohesion_score", "livability_score", "nuisance_share"}
HOUSEHOLD = {x.indicator for x in MEASURES if x.household}


@pytest.fixture(scope="module")
def model_after_a_year():
    m = ResilienceModel(rng=11)
    m.run_months(12)
    return m


def census(model) -> SurveyDesign:
    return SurveyDesign({code: 1_000_000 for code in CODES})


def test_census_equals_model_indicators(model_after_a_year):
    """Asking every adult gives the model's person shares exactly, and its household
    shares up to the few households without an adult member (nobody there to ask)."""
    m = model_after_a_year
    est = survey(m, census(m), 2022)
    assert set(est["indicator"]) == {x.indicator for x in MEASURES}
    for row in est.itertuples():
        expected = m.recorder.value(row.indicator, KEYS[row.area])
        if row.indicator in CLIMATE:
            assert row.value == pytest.approx(expected, abs=0.1), row.indicator
        elif row.indicator in HOUSEHOLD:
            assert row.value == pytest.approx(expected, abs=0.002), row.indicator
        else:
            assert row.value == pytest.approx(expected, abs=1e-9), row.indicator


def test_sample_sizes_and_age_limits(model_after_a_year):
    m = model_after_a_year
    design = SurveyDesign({CODES[0]: 250, CODES[1]: 120}, min_age=65)
    rows = interview(m, design, 2022)
    assert (rows.groupby("area").size().to_dict()) == {CODES[0]: 250, CODES[1]: 120}
    assert rows["age"].min() >= 65
    assert rows["k10_score"].between(10, 50).all()
    assert rows["djg_score"].between(0, 11).all()
    assert set(rows["health"].unique()) <= {1.0, 2.0, 3.0, 4.0, 5.0}


def test_item_nonresponse_uses_the_item_sample_size(model_after_a_year):
    m = model_after_a_year
    design = SurveyDesign(
        {CODES[0]: 300, CODES[1]: 300}, item_sizes={(CODES[0], "problem_debt_share"): 180}
    )
    est = survey(m, design, 2022)
    n = est.set_index(["area", "indicator"])["sample_size"]
    assert n[(CODES[0], "problem_debt_share")] == 180
    assert n[(CODES[0], "lonely_share")] == 300
    assert n[(CODES[1], "problem_debt_share")] == 300


def test_sampling_noise_matches_the_binomial_error(model_after_a_year):
    """200 surveys of 300 adults: unbiased, and spread as a sample without replacement.

    Tolerances: the mean of 200 estimates within 4 standard errors of the mean; the
    standard deviation within 25% of sqrt(p(1-p)/n * (1 - n/N)) (its own sampling error
    with 200 surveys is about 5%)."""
    m = model_after_a_year
    design = SurveyDesign({CODES[0]: 300, CODES[1]: 0})
    values = [
        survey(m, design, 2022).set_index("indicator").loc["lonely_share", "value"]
        for _ in range(200)
    ]
    p = m.recorder.value("lonely_share", "nazareth")
    res = m.residents
    idx = res.active()
    n_pop = int(((res.area[idx] == 0) & (res.age[idx] >= 18)).sum())
    se = np.sqrt(p * (1 - p) / 300 * (1 - 300 / n_pop))
    assert abs(np.mean(values) - p) < 4 * se / np.sqrt(200)
    assert np.std(values, ddof=1) == pytest.approx(se, rel=0.25)


def test_same_seed_same_respondents_and_the_model_is_not_disturbed():
    design = SurveyDesign({CODES[0]: 100, CODES[1]: 100})
    a, b, c = (ResilienceModel(rng=5) for _ in range(3))
    ra = interview(a, design, 2021)
    rb = interview(b, design, 2021)
    pd.testing.assert_frame_equal(ra, rb)
    for m in (a, c):
        m.run_months(6)
    # a was interviewed, c was not: the simulation itself is unchanged
    np.testing.assert_array_equal(a.recorder.array(), c.recorder.array())


def test_household_weights_estimate_household_shares():
    """A person sample reaches households with more adults more often; the weights undo it."""
    rows = pd.DataFrame(
        {
            "area": ["X"] * 3,
            "year": [2024] * 3,
            "problem_debt": [1.0, 0.0, 0.0],
            "household_weight": [1.0, 0.5, 0.5],  # one single in debt, one couple not
        }
    )
    est = aggregate(rows).set_index("indicator")
    assert est.loc["problem_debt_share", "value"] == pytest.approx(0.5)
    assert est.loc["problem_debt_share", "sample_size"] == 3
    unweighted = aggregate(rows.drop(columns="household_weight")).set_index("indicator")
    assert unweighted.loc["problem_debt_share", "value"] == pytest.approx(1 / 3)
