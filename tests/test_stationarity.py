"""The focus buurten stand still in a baseline where the world does (prices, wages and
benefits at their 2021 level): over ten years without a programme the indicators a
programme is judged on stay where the data put them, so that a portfolio's effect is
not measured against a drifting baseline.

An equivalence test over ten seeds: for each indicator, the 95% confidence interval of
the mean ten-year drift (t distribution, 9 degrees of freedom) must lie inside the
stated tolerance. The tolerances are below the effects the portfolios are compared on
(one to a few points in ten years). Measured drifts and their causes are in the
comments; ``python -m experiments.stationarity`` prints the table.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from experiments import stationarity

SEEDS = range(10)
# indicator -> tolerance on the mean drift (share points, waiting list in residents)
TOLERANCE = {
    # measured +0.002 [-0.004, +0.007]: non-take-up drawn afresh for each entitlement spell
    # (was +0.021: the persistent non-claimers of 2021 claimed and nobody replaced them)
    "bijstand_share": 0.01,
    # measured -0.001 [-0.009, +0.006]: job loss balances job finding (was -0.019)
    "unemployment_share": 0.02,
    # measured +0.015 [+0.008, +0.021] (was +0.021: arrivals' bases counted no service
    # help, so newcomers trusted more than those they replaced). Part of the rest: in the
    # frozen warm-up nobody's need changes, so fewer residents were helped in the last year
    # at the start (0.28 of adults) than the running model keeps (0.30); the other part is
    # not yet explained (its own issue). Within 2.5 points
    "trust_municipality_share": 0.025,
    # measured +0.007 [+0.000, +0.014]: debt onset balances the 2021 exits (was +0.013);
    # the rest follows the full debt counselling caseload (more debts, fewer counselled)
    "problem_debt_share": 0.02,
    "payment_arrears_share": 0.015,
    "psych_distress_share": 0.01,
    "low_resilience_share": 0.015,
    "lonely_share": 0.02,
    "service_users_share": 0.01,
    # measured +0.008 [-0.001, +0.017]: households become vulnerable with their problems,
    # and the debt stock above still rises a little
    "vulnerable_share": 0.02,
}
# The GP waiting list is the small difference of two large flows (about 190 admissions a
# month at full capacity against a little more demand). In the frozen warm-up nobody's
# need changes, so it starts lower than the running model holds it (about 45 against 95
# after a year); it is tested from 2022 on, in residents. Measured 2022-2031: +40 [+8, +72]
# with care relieving distress by 1 K10 point (those in need stay in need longer); within 80
# residents, about 1.4% of the focus buurten' residents
WAITING_FROM_2022 = 80.0


@pytest.fixture(scope="module")
def values() -> np.ndarray:
    return np.stack([stationarity.run(seed) for seed in SEEDS])


def interval(d: np.ndarray) -> tuple[float, float]:
    half = stats.t.ppf(0.975, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    return float(d.mean() - half), float(d.mean() + half)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TOLERANCE))
def test_indicator_stands_still(values: np.ndarray, name: str) -> None:
    j = stationarity.INDICATORS.index(name)
    lo, hi = interval(values[:, -1, j] - values[:, 0, j])
    tol = TOLERANCE[name]
    assert -tol <= lo and hi <= tol, f"{name}: ten-year drift [{lo:+.4f}, {hi:+.4f}], ±{tol}"


@pytest.mark.slow
def test_waiting_list_stands_still_after_the_first_year(values: np.ndarray) -> None:
    j = stationarity.INDICATORS.index("waiting_list")
    first = stationarity.MONTHS.index(12)
    lo, hi = interval(values[:, -1, j] - values[:, first, j])
    assert lo >= -WAITING_FROM_2022 and hi <= WAITING_FROM_2022, f"[{lo:+.1f}, {hi:+.1f}]"
