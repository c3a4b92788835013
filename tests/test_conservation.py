"""Nobody vanishes: persons and households are conserved every month of a ten-year run
of the whole city, per buurt and city-wide, and they end only by documented exits.

Two independent books are compared each month: the flows the model counts (births,
arrivals, moves between buurten, deaths, leaving the city) and the identities of the
persons and households present (their serial numbers) from one month to the next.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from model.processes import housing
from model.resilience_model import (
    HOUSEHOLD_IN,
    HOUSEHOLD_OUT,
    PERSON_IN,
    PERSON_OUT,
    ResilienceModel,
)

MONTHS = 120


def _present(table) -> np.ndarray:
    return table.serial[table.active()]


def _book(m, table, flows, initial, inflows, outflows, area_col) -> list[str]:
    k = len(m.areas)
    present = np.bincount(area_col[table.active()], minlength=k)
    balance = initial + sum(flows[f] for f in inflows) - sum(flows[f] for f in outflows)
    out = []
    if not np.array_equal(balance, present):
        bad = np.flatnonzero(balance != present)[:3]
        out.append(f"in - out != present in buurten {bad}: {balance[bad]} vs {present[bad]}")
    if flows["moved_in"].sum() != flows["moved_out"].sum():
        out.append("moves between buurten do not balance city-wide")
    return out


@pytest.fixture(scope="module")
def city():
    m = ResilienceModel(areas="all", rng=5)
    problems: dict[str, list[str]] = defaultdict(list)
    res, hh = m.residents, m.households
    prev_p, prev_h = _present(res), _present(hh)
    next_p, next_h = res._next_serial, hh._next_serial  # serials are handed out in order
    last_p = {f: m.flows[f].sum() for f in m.flows}
    last_h = {f: m.hh_flows[f].sum() for f in m.hh_flows}
    for month in range(1, MONTHS + 1):
        m.step()
        msgs = defaultdict(list)
        msgs["persons"] += _book(m, res, m.flows, m.flows_initial, PERSON_IN, PERSON_OUT, res.area)
        msgs["households"] += _book(
            m, hh, m.hh_flows, m.hh_flows_initial, HOUSEHOLD_IN, HOUSEHOLD_OUT, hh.area
        )
        now_p, now_h = _present(res), _present(hh)
        d_p = {f: m.flows[f].sum() - last_p[f] for f in m.flows}
        d_h = {f: m.hh_flows[f].sum() - last_h[f] for f in m.hh_flows}
        # who was there last month and is not now, plus who came and went within the month
        created_p, created_h = res._next_serial - next_p, hh._next_serial - next_h
        came_p = np.setdiff1d(now_p, prev_p).size
        came_h = np.setdiff1d(now_h, prev_h).size
        gone_p = np.setdiff1d(prev_p, now_p).size + created_p - came_p
        gone_h = np.setdiff1d(prev_h, now_h).size + created_h - came_h
        if gone_p != d_p["died"] + d_p["left_city"] + d_p["to_rest_of_city"]:
            msgs["exits"].append(f"{gone_p} persons gone, exits counted {d_p}")
        if created_p != d_p["born"] + d_p["arrived"]:
            msgs["entries"].append(f"{created_p} persons new, entries counted {d_p}")
        if gone_h != d_h["dissolved"] + d_h["left_city"] + d_h["to_rest_of_city"]:
            msgs["exits"].append(f"{gone_h} households gone, exits counted {d_h}")
        if created_h != d_h["formed"] + d_h["arrived"]:
            msgs["entries"].append(f"{created_h} households new, entries counted {d_h}")
        next_p, next_h = res._next_serial, hh._next_serial
        occupied = m.dwellings.occupant[m.dwellings.active()]
        occupied = occupied[occupied >= 0]
        if np.unique(occupied).size != occupied.size or occupied.size != hh.n_alive:
            msgs["dwellings"].append("households and occupied dwellings are not one-to-one")
        for name, texts in msgs.items():
            problems[name].extend(f"month {month}: {t}" for t in texts)
        prev_p, prev_h = now_p, now_h
        last_p = {f: m.flows[f].sum() for f in m.flows}
        last_h = {f: m.hh_flows[f].sum() for f in m.hh_flows}
    return m, problems


@pytest.mark.parametrize("book", ["persons", "households", "exits", "entries", "dwellings"])
def test_conserved_every_month(city, book):
    _, problems = city
    msgs = problems.get(book, [])
    assert not msgs, f"{len(msgs)} violations, first: {msgs[:3]}"


def test_the_city_run_has_no_exit_to_a_buurt_not_simulated(city):
    m, _ = city
    assert m.flows["to_rest_of_city"].sum() == 0
    assert m.hh_flows["to_rest_of_city"].sum() == 0


def test_the_flows_are_not_vacuous(city):
    m, _ = city
    for book in (m.flows, m.hh_flows):
        for kind, counts in book.items():
            if kind != "to_rest_of_city":
                assert counts.sum() > 0, f"no {kind} in ten years"
    # moves between buurten are recorded as a matrix that agrees with the flows
    off = m.moves - np.diag(np.diag(m.moves))
    assert np.array_equal(off.sum(axis=1), m.flows["moved_out"])
    assert np.array_equal(off.sum(axis=0), m.flows["moved_in"])


def test_the_queue_keeps_its_steady_state_length_and_holds_city_households(city):
    m, _ = city
    q = m.housing.queue
    assert len(q) == m.housing.queue_length
    assert (q.kind == housing.HOUSEHOLD).sum() > 0, "no household of the city is waiting"
