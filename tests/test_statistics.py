"""Statistical properties of the model, each with a stated tolerance.

One fixture runs three seeds for ten years (stepping by hand so that job loss
can be followed person-month by person-month in the first year).
"""

from __future__ import annotations

import numpy as np
import pytest

from agents.schema import EMPLOYED, UNEMPLOYED
from model.indicators import INDICATOR_NAMES
from model.mathutil import DT, monthly_prob
from model.processes.life_events import job_loss_rate
from model.resilience_model import ResilienceModel

SEEDS = (1, 2, 3)
YEARS = 10
STATIONARY = ("lonely_share", "problem_debt_share", "psych_distress_share")


def debt_distress_table(m) -> np.ndarray:
    """2x2 counts of adults: rows household debt no/yes, columns K10 >= 30 no/yes."""
    res, hh = m.residents, m.households
    idx = res.active()
    adults = idx[res.age[idx] >= 18]
    debt = hh.debt[res.hh[adults]].astype(int)
    distress = (res.distress[adults] >= 30.0).astype(int)
    table = np.zeros((2, 2))
    np.add.at(table, (debt, distress), 1)
    return table


@pytest.fixture(scope="module")
def runs():
    out = []
    for seed in SEEDS:
        m = ResilienceModel(rng=seed)
        table0 = debt_distress_table(m)
        retire_age = m.p.demo.retirement_age
        expected = variance = observed = 0.0
        person_months = 0
        for month in range(12 * YEARS):
            if month < 12:
                res = m.residents
                idx = res.active()
                # employed people who cannot retire during this step
                emp = idx[(res.work[idx] == EMPLOYED) & (res.age[idx] < retire_age - 2 * DT)]
                serial = res.serial[emp].copy()
                p = monthly_prob(job_loss_rate(m, emp))
            m.step()
            if month < 12:
                # people who left the model this month cannot be observed
                stayed = res.alive[emp] & (res.serial[emp] == serial)
                expected += float(p[stayed].sum())
                variance += float((p[stayed] * (1 - p[stayed])).sum())
                observed += float((res.work[emp[stayed]] == UNEMPLOYED).sum())
                person_months += int(stayed.sum())
        series = m.recorder.array()[:, -1, [INDICATOR_NAMES.index(i) for i in STATIONARY]]
        out.append(
            {
                "table0": table0,
                "series": series,
                "job_loss": (observed, expected, variance, person_months),
            }
        )
    return out


def test_debt_distress_odds_ratio(runs):
    """Pooled odds ratio of high distress (K10 >= 30) for adults in households
    with problematic debt vs without, at month 0.

    Published: 2.5-3.6 (Richardson et al. 2013 meta-analysis, OR about 3.24).
    Tolerance 1.8-5.0: the model is not fitted to this OR yet (it arises from the
    stress weights), so a factor ~1.4 either side of the published range is
    accepted; outside it the debt -> distress pathway is clearly mis-sized."""
    t = sum(r["table0"] for r in runs)
    assert t.min() >= 30, f"too few adults in a cell: {t.tolist()}"
    odds_ratio = (t[1, 1] * t[0, 0]) / (t[1, 0] * t[0, 1])
    assert 1.8 <= odds_ratio <= 5.0, f"debt-distress odds ratio {odds_ratio:.2f}, counts {t}"


@pytest.mark.parametrize("indicator", STATIONARY)
def test_baseline_roughly_stationary(runs, indicator):
    """Without interventions the baseline should not drift: the seed-mean of the
    'total' value stays within 0.05 (5 percentage points) of its start value in
    every month for ten years. 0.05 is about twice the survey tolerance of the
    start targets (0.03) and well above the month-to-month noise of the mean of
    three seeds (about 0.005 for ~4,500 adults or ~3,000 households); a trend in
    the model (e.g. a mis-set equilibrium) of that size would be visible as a
    real change in the scenario comparisons."""
    j = STATIONARY.index(indicator)
    mean = np.mean([r["series"][:, j] for r in runs], axis=0)
    drift = np.abs(mean - mean[0])
    worst = int(np.argmax(drift))
    assert drift.max() <= 0.05, (
        f"{indicator} moves from {mean[0]:.3f} to {mean[worst]:.3f} (month {worst}); "
        f"end {mean[-1]:.3f}"
    )


def test_job_loss_matches_monthly_probability(runs):
    """Employed -> unemployed transitions over the first 12 months, counted per
    person-month among employed residents who stay in the model, against the
    sum of their monthly probabilities from ``job_loss_rate``.

    Transitions are independent Bernoulli draws with known probabilities, so the
    count is Poisson-binomial with that mean and variance; the 99.9% interval is
    mean +/- 3.29 sd (normal approximation, fine for >100 expected events). The
    interval is pooled over three seeds. A rate used per month instead of per
    year, or job loss applied twice, falls far outside it."""
    observed = sum(r["job_loss"][0] for r in runs)
    expected = sum(r["job_loss"][1] for r in runs)
    variance = sum(r["job_loss"][2] for r in runs)
    person_months = sum(r["job_loss"][3] for r in runs)
    assert expected > 100, f"too few expected events ({expected:.0f}) for the approximation"
    half_width = 3.29 * np.sqrt(variance)
    assert abs(observed - expected) <= half_width, (
        f"{observed:.0f} job losses in {person_months} person-months; expected "
        f"{expected:.1f} +/- {half_width:.1f} (99.9%)"
    )
