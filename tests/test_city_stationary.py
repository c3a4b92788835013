"""The rest of the city stands still in the baseline: over ten years without a programme
its composition stays where the data put it, so a narrowing gap between the focus
buurten and the city is not an artefact of a drifting city.

A statistical test over ten seeds: for each measure, the 95% confidence interval of
the mean ten-year drift (t distribution, 9 degrees of freedom) must lie inside the
stated tolerance (an equivalence test: a drift is accepted as none only when the
seeds show it is small). The run simulates the two focus buurten and two other
buurten of different make-up (Malberg, Heugem); the queue and the lettings of the
other 40 buurten take part as the rest of the market (model/processes/housing.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from agents.schema import SINGLE
from model.processes import housing
from model.resilience_model import ResilienceModel

AREAS = "nazareth,pottenberg,malberg,heugem"
SEEDS = range(10)
MONTHS = 120
# measure -> (tolerance on the mean ten-year drift, how the tolerance reads)
TOLERANCE = {
    # the part of the change in the vulnerable share that the housing market makes
    # (arrivals, departures, moves), apart from households becoming or stopping being
    # vulnerable where they live. Measured: +1.2 points [+0.8, +1.6] in ten years,
    # because households that dissolve (mostly older, seldom vulnerable) are replaced by
    # newcomers who resemble movers; +0.9 with job loss at the former 0.04 a year (more
    # households now pass through unemployment); within 2 points
    "vulnerable_share_by_market": 0.02,
    "vulnerable_share": 0.01,
    "corporation_share": 0.01,
    "single_share": 0.02,
    "households_rel": 0.015,  # 1.5% of the households
    "population_rel": 0.03,
    "mean_age_years": 1.0,
}
# Known drift, left to the evidence audit: the rates of debt, arrears and bijstand hold
# the focus buurten's 2021 levels but not those of buurten unlike them (Heugem: debt 7% to
# 13% in ten years), and households become vulnerable with their problems; further, in
# the model births are about a third of deaths (demo.fertility is low for the age
# structure) and households formed in the city (young adults, separated partners)
# outnumber partnering, so the rest of the city loses about 6% of
# its residents, gains about 3 points of single households and ages about 3 years in
# ten years. Strict: the test fails once the drift is gone, so the marks get removed.
KNOWN_DRIFT = {
    "vulnerable_share": "debt, arrears and bijstand rise in buurten unlike the focus buurten, "
    "and vulnerability follows (evidence audit)",
    "population_rel": "births and deaths not yet balanced (evidence audit)",
    "single_share": "household formation outpaces partnering (evidence audit)",
    "mean_age_years": "births and deaths not yet balanced (evidence audit)",
}


def composition(m) -> dict[str, float]:
    """The rest of the city's make-up now."""
    res, hh = m.residents, m.households
    rest = ~m.view_rows.focus
    h = hh.active()
    h = h[rest[hh.area[h]]]
    r = res.active()
    r = r[rest[res.area[r]]]
    return {
        "vulnerable_share": float(hh.vulnerable[h].mean()),
        "vulnerable": float(hh.vulnerable[h].sum()),
        "transitions": float(
            (m.vulnerability_flows["became"] - m.vulnerability_flows["recovered"])[rest].sum()
        ),
        "corporation_share": float((housing.sector(m, h) == 0).mean()),
        "single_share": float((hh.kind[h] == SINGLE).mean()),
        "households": float(h.size),
        "population": float(r.size),
        "mean_age_years": float(res.age[r].mean()),
    }


def drift(seed: int) -> dict[str, float]:
    m = ResilienceModel(areas=AREAS, rng=seed, params={"history.flat": 1.0})
    start = composition(m)
    m.run_months(MONTHS)
    end = composition(m)
    d = {k: end[k] - start[k] for k in start}
    d["vulnerable_share_by_market"] = (d.pop("vulnerable") - d.pop("transitions")) / start[
        "households"
    ]
    d["households_rel"] = d.pop("households") / start["households"]
    d["population_rel"] = d.pop("population") / start["population"]
    return d


@pytest.fixture(scope="module")
def drifts() -> dict[str, np.ndarray]:
    runs = [drift(s) for s in SEEDS]
    return {k: np.array([r[k] for r in runs]) for k in runs[0]}


@pytest.mark.parametrize(
    "measure",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DRIFT[k]))
        if k in KNOWN_DRIFT
        else k
        for k in sorted(TOLERANCE)
    ],
)
def test_rest_of_city_keeps_its_composition(drifts, measure):
    d = drifts[measure]
    half = stats.t.ppf(0.975, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    lo, hi = d.mean() - half, d.mean() + half
    tol = TOLERANCE[measure]
    assert -tol < lo and hi < tol, (
        f"{measure}: mean drift {d.mean():+.4f}, 95% CI [{lo:+.4f}, {hi:+.4f}], tolerance ±{tol}"
    )
