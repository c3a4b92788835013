"""Bookkeeping invariants, checked after every month of one 10-year run.

The fixture steps the model month by month and records every violation per
check; each test then asserts that its check never failed (and reports the
first few months where it did).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from agents import Household, Resident
from agents.views import LeftModelError
from model.indicators import INDICATOR_NAMES, INDICATORS
from model.resilience_model import PERSON_IN, PERSON_OUT, ResilienceModel
from model.views import GAP_ROWS

SEED, MONTHS = 11, 120
INFLOWS, OUTFLOWS = PERSON_IN, PERSON_OUT
SHARE_COLS = [i for i, ind in enumerate(INDICATORS) if ind.unit.startswith("share")]


def check_indicators(m, out):
    keys = m.recorder.area_keys()
    block = m.recorder.blocks[-1][[i for i, k in enumerate(keys) if k not in GAP_ROWS]]
    if not np.isfinite(block).all():
        bad = sorted({INDICATOR_NAMES[j] for j in np.argwhere(~np.isfinite(block))[:, 1]})
        out["finite"].append(f"non-finite {bad}")
    shares = block[:, SHARE_COLS]
    if ((shares < 0) | (shares > 1)).any():
        bad = sorted(
            {INDICATOR_NAMES[SHARE_COLS[j]] for j in np.argwhere((shares < 0) | (shares > 1))[:, 1]}
        )
        out["shares"].append(f"outside [0, 1]: {bad}")


def check_structure(m, out):
    res, hh, dw = m.residents, m.households, m.dwellings
    r, h = res.active(), hh.active()
    home = res.hh[r].astype(np.int64)
    valid = (home >= 0) & (home < hh.size)
    if not valid.all() or not hh.alive[home[valid]].all():
        out["resident_household"].append("resident in no or a departed household")
        return
    if (res.area[r] != hh.area[home]).any():
        out["resident_household"].append("resident and household in different buurten")
    members = np.bincount(home, minlength=hh.size)
    if (members[h] < 1).any():
        out["household_members"].append(f"{int((members[h] < 1).sum())} empty households")
    d = hh.dwelling[h].astype(np.int64)
    if ((d < 0) | (d >= dw.size)).any() or not dw.alive[d].all():
        out["household_dwelling"].append("household without a valid dwelling")
        return
    if (dw.occupant[d] != h).any():
        out["household_dwelling"].append(
            f"{int((dw.occupant[d] != h).sum())} dwellings not occupied by their household"
        )
    occ = dw.occupant[: dw.size][dw.alive[: dw.size]].astype(np.int64)
    occ = occ[occ >= 0]
    if np.unique(occ).size != occ.size or occ.size != h.size or not hh.alive[occ].all():
        out["household_dwelling"].append("dwelling occupants are not one-to-one with households")


def check_accounting(m, out):
    res = m.residents
    r = res.active()
    k = len(m.areas)
    alive = np.bincount(res.area[r], minlength=k)
    inflow = m.flows_initial + sum(m.flows[f] for f in INFLOWS)
    outflow = sum(m.flows[f] for f in OUTFLOWS)
    if not np.array_equal(inflow - outflow, alive):
        out["accounting_area"].append(f"in - out {inflow - outflow} vs alive {alive}")
    if int(inflow.sum()) != int(outflow.sum()) + res.n_alive:
        out["accounting_total"].append(
            f"{int(inflow.sum())} in vs {int(outflow.sum())} out + {res.n_alive} alive"
        )
    block = m.recorder.blocks[-1]
    keys = m.recorder.area_keys()
    total = keys.index("total")
    pop = block[:, INDICATOR_NAMES.index("population")]
    if not np.array_equal(pop[[*range(k), total]], np.append(alive, alive.sum()).astype(float)):
        out["population_indicator"].append(f"indicator {pop} vs alive {alive}")
    hh = m.households
    n_hh = np.bincount(hh.area[hh.active()], minlength=k)
    households = block[:, INDICATOR_NAMES.index("households")][[*range(k), total]]
    if not np.array_equal(households, np.append(n_hh, n_hh.sum()).astype(float)):
        out["population_indicator"].append(f"households indicator {households} vs {n_hh}")


def check_agents(m, out):
    for cls, table, key in (
        (Resident, m.residents, "resident_agents"),
        (Household, m.households, "household_agents"),
    ):
        agents = list(m.agents_by_type[cls])
        if len(agents) != table.n_alive:
            out[key].append(f"{len(agents)} {cls.__name__} agents vs {table.n_alive} alive")
        slots = np.fromiter((a.slot for a in agents), dtype=np.int64, count=len(agents))
        serials = np.fromiter((a.serial for a in agents), dtype=np.int64, count=len(agents))
        if (slots < 0).any() or not table.alive[slots].all():
            out[key].append("agent bound to a free slot")
        elif not np.array_equal(table.serial[slots], serials):
            out[key].append("agent serial does not match the occupant of its slot")
        if not np.array_equal(np.sort(slots), table.active()):
            out[key].append("agents and living slots are not one-to-one")


def check_departed(departed, m, out, counter):
    """Old agent objects of people who left must refuse access."""
    for agent in departed[:25]:
        counter["departed_checked"] += 1
        if agent.present:
            out["departed"].append(f"agent {agent.unique_id} still 'present' after leaving")
        for action in (
            lambda a: a.age,
            lambda a: a.distress,
            lambda a: setattr(a, "distress", 20.0),
        ):
            try:
                action(agent)
            except LeftModelError:
                continue
            out["departed"].append(f"agent {agent.unique_id} still readable/writable")
            break
        if agent in m.agents:
            out["departed"].append(f"agent {agent.unique_id} still registered with Mesa")


@pytest.fixture(scope="module")
def history():
    m = ResilienceModel(rng=SEED)
    problems: dict[str, list[str]] = defaultdict(list)
    counter = defaultdict(int)

    def check(month, departed=()):
        out = defaultdict(list)
        check_indicators(m, out)
        check_structure(m, out)
        check_accounting(m, out)
        check_agents(m, out)
        check_departed(list(departed), m, out, counter)
        for name, msgs in out.items():
            problems[name].extend(f"month {month}: {msg}" for msg in msgs)

    check(0)
    for month in range(1, MONTHS + 1):
        before = list(m.agents_by_type[Resident])
        m.step()
        res = m.residents
        # sync_agents detaches agents of people who left (slot -1); an agent whose
        # slot now holds someone else (other serial) has left as well
        departed = [
            a
            for a in before
            if a.slot < 0 or not res.alive[a.slot] or res.serial[a.slot] != a.serial
        ]
        check(month, departed)
    return {"model": m, "problems": problems, "counter": counter}


def assert_never(history, name):
    msgs = history["problems"].get(name, [])
    assert not msgs, f"{len(msgs)} violations, first: {msgs[:5]}"


def test_run_covers_ten_years(history):
    m = history["model"]
    assert m.month == MONTHS
    assert len(m.recorder.blocks) == MONTHS + 1


def test_indicators_finite(history):
    assert_never(history, "finite")


def test_share_indicators_between_0_and_1(history):
    assert SHARE_COLS, "no share indicators found"
    assert_never(history, "shares")


def test_every_resident_in_one_living_household(history):
    assert_never(history, "resident_household")


def test_every_household_has_a_member(history):
    assert_never(history, "household_members")


def test_every_household_has_exactly_one_dwelling(history):
    assert_never(history, "household_dwelling")


def test_people_accounting_per_area(history):
    assert_never(history, "accounting_area")


def test_people_accounting_total(history):
    assert_never(history, "accounting_total")
    m = history["model"]
    # the run really had every kind of flow, so the accounting is not vacuous (moves
    # between the two buurten included; the rest of the city is not simulated here)
    for kind in PERSON_IN + PERSON_OUT:
        assert m.flows[kind].sum() > 0, f"no {kind} in ten years"


def test_population_indicator_equals_living_residents(history):
    assert_never(history, "population_indicator")


def test_resident_agents_match_columns(history):
    assert_never(history, "resident_agents")


def test_household_agents_match_columns(history):
    assert_never(history, "household_agents")


def test_departed_agents_raise_left_model_error(history):
    assert history["counter"]["departed_checked"] > 100, "too few departures to check"
    assert_never(history, "departed")
