"""The regular services' cost is what their cases cost the municipality: per case-month
by kind, GP care (paid by the health insurers) free to it, and a programme that finds
more people who need help raises it."""

from __future__ import annotations

import numpy as np
import pytest

from agents.organisation import DEBT_COUNSELLING, GP_HEALTH, SOCIAL_TEAM, WELFARE_WORK
from agents.schema import NO_SERVICE
from model.indicators import INDICATOR_NAMES, measure
from model.processes import services
from model.resilience_model import ResilienceModel
from scenarios import CATALOGUE, Scenario


@pytest.fixture(scope="module")
def model() -> ResilienceModel:
    m = ResilienceModel(rng=3)
    m.run_months(2)
    return m


def test_cost_is_the_cases_times_their_price(model):
    m, res = model, model.residents
    idx = res.active()
    service = res.service[idx]
    p = m.p
    expected = (
        (service == DEBT_COUNSELLING).sum() * p.svc.cost_debt_case
        + (service == SOCIAL_TEAM).sum() * p.svc.cost_social_team_case
        + (service == WELFARE_WORK).sum() * p.svc.cost_welfare_case
    )
    assert (service == GP_HEALTH).sum() > 0 and expected > 0
    row = m.recorder.area_keys().index("total")
    column = INDICATOR_NAMES.index("services_cost_eur")
    assert measure(m)[row, column] == pytest.approx(expected)


def test_gp_care_and_no_case_cost_the_municipality_nothing(model):
    res = model.residents
    idx = res.active()
    cost = services.case_cost(model, idx)
    service = res.service[idx]
    assert (cost[(service == GP_HEALTH) | (service == NO_SERVICE)] == 0).all()
    assert (cost[service == SOCIAL_TEAM] == model.p.svc.cost_social_team_case).all()


def test_places_a_programme_adds_are_not_counted_twice():
    """Places bought by a programme (the lever extra_capacity) are in its cost: where an
    organisation holds more cases than its regular places, the regular services cost of
    that kind is the regular places' cost."""
    m = ResilienceModel(rng=4)
    m.run_months(3)
    res = m.residents
    idx = res.active()
    debt = res.service[idx] == DEBT_COUNSELLING
    load = np.bincount(res.area[idx][debt], minlength=len(m.areas))
    assert (load > 5).all()
    extra = np.zeros_like(m.capacity, dtype=float)
    extra[:, DEBT_COUNSELLING] = m.capacity[:, DEBT_COUNSELLING] - 5  # 5 regular places left
    m.levers["extra_capacity"] = extra
    cost = services.case_cost(m, idx)
    assert cost[debt].sum() == pytest.approx(5 * len(m.areas) * m.p.svc.cost_debt_case)
    assert (cost[res.service[idx] == SOCIAL_TEAM] == m.p.svc.cost_social_team_case).all()


def test_outreach_raises_the_regular_services_cost():
    """Paired runs (same seed): outreach social work finds residents who need the social
    district team and have not asked; their cases cost the regular services more."""
    values = []
    for interventions in ({}, {"o": CATALOGUE["outreach_social_work"](start="2021-07")}):
        policy = Scenario(name="x", label_nl="x", label_en="x", interventions=interventions)
        m = ResilienceModel(rng=4, policy=policy if interventions else None)
        m.run_months(12)
        values.append(m.recorder.value("services_cost_eur", "focus"))
    assert values[1] > values[0]
