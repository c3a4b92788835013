"""Mesa agents are faithful views of the column state."""

from __future__ import annotations

import numpy as np
import pytest

from agents import Household, Neighbourhood, Organisation, Resident
from agents.organisation import CASE_KINDS, ORGANISATION_KINDS
from agents.schema import NO_SERVICE
from model.resilience_model import ResilienceModel


@pytest.fixture(scope="module")
def model():
    """Six months into a run, so slots have been freed and reused. Read-only."""
    m = ResilienceModel(rng=5)
    m.run_months(6)
    return m


@pytest.fixture
def fresh():
    """A model the test may write to."""
    return ResilienceModel(rng=8)


def living(m):
    return m.residents.active()


def test_select_matches_column_count(model):
    res = model.residents
    selected = model.agents_by_type[Resident].select(lambda a: a.age >= 65)
    expected = int((res.age[living(model)] >= 65).sum())
    assert expected > 100
    assert len(selected) == expected
    assert all(a.age >= 65 for a in selected)


def test_groupby_area_count_matches_bincount(model):
    res = model.residents
    counts = model.agents_by_type[Resident].groupby("area").count()
    expected = np.bincount(res.area[living(model)], minlength=len(model.areas))
    assert dict(counts) == {i: int(c) for i, c in enumerate(expected)}


def test_agg_mean_distress_matches_column(model):
    res = model.residents
    got = model.agents_by_type[Resident].agg("distress", np.mean)
    expected = res.distress[living(model)].astype(np.float64).mean()
    assert got == pytest.approx(expected, abs=1e-6)


def test_agent_attributes_read_their_own_slot(model):
    res = model.residents
    agents = list(model.agents_by_type[Resident])[::97]
    for a in agents:
        assert a.age == pytest.approx(float(res.age[a.slot]))
        assert a.hh == int(res.hh[a.slot])
        assert a.area_code == model.areas[int(res.area[a.slot])].code


def test_writing_an_attribute_writes_the_column(fresh):
    res = fresh.residents
    agent = fresh.resident_agent(int(res.active()[10]))
    other = fresh.resident_agent(int(res.active()[11]))
    other_before = float(res.distress[other.slot])
    agent.distress = 33.0
    assert res.distress[agent.slot] == pytest.approx(33.0)
    assert res.distress[other.slot] == pytest.approx(other_before)
    res.distress[agent.slot] = 12.5  # and the other way round
    assert agent.distress == pytest.approx(12.5)


def test_household_members_match_columns(model):
    res, hh = model.residents, model.households
    r = living(model)
    by_household = {}
    for slot, h in zip(r.tolist(), res.hh[r].tolist(), strict=True):
        by_household.setdefault(h, set()).add(slot)
    households = list(model.agents_by_type[Household])
    assert len(households) == hh.n_alive
    total = 0
    for agent in households:
        members = agent.members
        total += len(members)
        assert {a.slot for a in members} == by_household.get(agent.slot, set())
        assert all(a.household is agent for a in members)
    assert total == res.n_alive


def test_organisations_eight_kinds_per_area(model):
    orgs = list(model.agents_by_type[Organisation])
    assert len(orgs) == len(ORGANISATION_KINDS) * len(model.areas)
    for ai in range(len(model.areas)):
        kinds = sorted(o.kind for o in orgs if o.area == ai)
        assert kinds == list(range(len(ORGANISATION_KINDS))), f"area {ai}: {kinds}"
    assert {o.kind_name for o in orgs} == set(ORGANISATION_KINDS)


def test_case_organisations_have_capacity_and_respect_it(model):
    res = model.residents
    r = living(model)
    cases = [o for o in model.agents_by_type[Organisation] if o.takes_cases]
    assert len(cases) == len(CASE_KINDS) * len(model.areas)
    for o in cases:
        assert o.capacity > 0, repr(o)
        assert 0 <= o.caseload <= o.capacity, repr(o)
    # the services are in use (otherwise the check above says little)
    assert sum(o.caseload for o in cases) > 0
    assert (res.service[r] != NO_SERVICE).sum() > 0


def test_case_organisation_counts_match_columns_after_step(model):
    """Caseload and waiting list on the agents are those of the living residents
    at the end of the month (what someone inspecting the model sees)."""
    res = model.residents
    r = living(model)
    wrong = []
    for o in model.agents_by_type[Organisation]:
        if not o.takes_cases:
            continue
        mine = r[res.area[r] == o.area]
        load = int((res.service[mine] == o.kind).sum())
        queue = int((res.waiting[mine] == o.kind).sum())
        if (o.caseload, o.waiting) != (load, queue):
            wrong.append(f"{o!r}: columns say caseload={load}, waiting={queue}")
    assert not wrong, "; ".join(wrong)


def test_neighbourhood_agents_expose_cohesion(model):
    nbhs = sorted(model.agents_by_type[Neighbourhood], key=lambda n: n.index)
    assert [n.name for n in nbhs] == [a.name for a in model.areas]
    for n in nbhs:
        assert n.cohesion == pytest.approx(float(model.nbh.cohesion[n.index]))
        assert n.livability == pytest.approx(float(model.nbh.livability[n.index]))
    # after six months the buurt climate has moved away from its start value
    assert any(n.cohesion != 5.7 for n in nbhs)
