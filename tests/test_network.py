"""The close-tie network: size, isolation, structure and yearly turnover.

Ties are compared as pairs of resident *serials* (not slots), because slots of
people who left are reused by newcomers.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.network import TIE_KINDS
from model.resilience_model import ResilienceModel

SEEDS = (1, 2, 3)


def adult_close_ties(m) -> np.ndarray:
    res = m.residents
    idx = res.active()
    adults = idx[res.age[idx] >= 18]
    return res.ties[adults].astype(np.int64) + res.ext_ties[adults]


def serial_pairs(m) -> set[tuple[int, int]]:
    s = m.residents.serial
    a, b = s[m.network.a], s[m.network.b]
    return set(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True))


def structure_problems(m) -> dict[str, str]:
    net, res = m.network, m.residents
    out = {}
    if (net.a == net.b).any():
        out["self"] = f"{int((net.a == net.b).sum())} self-ties"
    key = np.minimum(net.a, net.b) * (1 << 32) + np.maximum(net.a, net.b)
    if np.unique(key).size != key.size:
        out["duplicate"] = f"{key.size - np.unique(key).size} duplicate pairs"
    if not (net.a < net.b).all():
        out["order"] = "pair not stored once as a < b"
    ends = np.concatenate([net.a, net.b])
    if ends.size and ((ends < 0).any() or (ends >= res.size).any() or not res.alive[ends].all()):
        out["dangling"] = "tie to a resident who is not in the model"
    degree = net.degree(res.size)
    r = res.active()
    if not np.array_equal(res.ties[r], degree[r]):
        n_wrong = int((res.ties[r] != degree[r]).sum())
        out["degree"] = f"res.ties differs from the network degree for {n_wrong} residents"
    return out


def problems_of(runs, kinds) -> list[str]:
    return [
        f"seed {seed} month {month}: {msg}"
        for seed, r in zip(SEEDS, runs, strict=True)
        for month, found in r["problems"].items()
        for kind, msg in found.items()
        if kind in kinds
    ]


@pytest.fixture(scope="module")
def runs():
    """Per seed: statistics at month 0 and month 12, and structure problems."""
    out = []
    for seed in SEEDS:
        m = ResilienceModel(rng=seed)
        stats = {"problems": {}}
        stats["ties0"] = adult_close_ties(m)
        stats["pairs0"] = serial_pairs(m)
        stats["people0"] = set(m.residents.serial[m.residents.active()].tolist())
        stats["problems"][0] = structure_problems(m)
        for month in range(1, 13):
            m.step()
            stats["problems"][month] = structure_problems(m)
        stats["ties12"] = adult_close_ties(m)
        stats["pairs12"] = serial_pairs(m)
        stats["people12"] = set(m.residents.serial[m.residents.active()].tolist())
        stats["model"] = m
        out.append(stats)
    return out


@pytest.mark.parametrize("month", [0, 12])
def test_mean_close_ties_between_3_and_6(runs, month):
    ties = np.concatenate([r[f"ties{month}"] for r in runs])
    assert 3.0 <= ties.mean() <= 6.0, f"mean close ties of adults {ties.mean():.2f}"


@pytest.mark.parametrize("month", [0, 12])
def test_share_without_close_ties_between_2_and_15_percent(runs, month):
    ties = np.concatenate([r[f"ties{month}"] for r in runs])
    share = float((ties == 0).mean())
    assert 0.02 <= share <= 0.15, f"share of adults without close ties {share:.3f}"


def test_no_self_ties_or_duplicate_pairs(runs):
    bad = problems_of(runs, ("self", "duplicate", "order"))
    assert not bad, bad[:5]
    assert all(len(r["pairs0"]) > 500 for r in runs), "network suspiciously small"


def test_ties_only_between_residents_present(runs):
    bad = problems_of(runs, ("dangling",))
    assert not bad, bad[:5]


def test_ties_column_equals_network_degree_every_month(runs):
    """``res.ties`` (used by mortality, loneliness and the indicators) counts the
    resident's current local ties, also at the end of a month in which some of
    their ties moved away or died."""
    bad = problems_of(runs, ("degree",))
    assert not bad, f"{len(bad)} months, first: {bad[:3]}"


def test_yearly_tie_turnover(runs):
    """About 10% of close ties end in a year (net.tie_dissolution_rate; 48% kept after
    7 years). A tie with someone who moves away lives on outside the buurt, so the check
    is on ties between people who are both still in the buurten after 12 months:
    between 85% and 95% of those must still exist (exp(-0.10) = 0.905)."""
    both = sum(
        sum(1 for a, b in r["pairs0"] if a in r["people12"] and b in r["people12"]) for r in runs
    )
    kept = sum(len(r["pairs0"] & r["pairs12"]) for r in runs)
    share = kept / both
    assert 0.85 <= share <= 0.95, f"{share:.3f} of ties between stayers survived 12 months"


def test_ties_with_movers_continue_outside():
    from model.resilience_model import ResilienceModel

    m = ResilienceModel(rng=2)
    net, res = m.network, m.residents
    leaver = int(net.a[0])
    partners = net.partners(leaver)
    outside_before = res.ext_ties[partners].copy()
    m.remove_residents(np.array([leaver]), "left_city")
    assert np.array_equal(res.ext_ties[partners], outside_before + 1)
    leaver = int(net.a[0])
    partners = net.partners(leaver)
    outside_before = res.ext_ties[partners].copy()
    m.remove_residents(np.array([leaver]), "died")
    assert np.array_equal(res.ext_ties[partners], outside_before)


def test_new_ties_form(runs):
    """Turnover is not just loss: new pairs appear and the network does not shrink away."""
    for r in runs:
        new = r["pairs12"] - r["pairs0"]
        assert len(new) > 0.05 * len(r["pairs0"])
        assert 0.8 <= len(r["pairs12"]) / len(r["pairs0"]) <= 1.2


def test_networkx_export(runs):
    m = runs[0]["model"]
    g = m.network.to_networkx()
    assert g.number_of_edges() == len(m.network)
    assert {tuple(sorted(e)) for e in g.edges()} == set(
        zip(m.network.a.tolist(), m.network.b.tolist(), strict=True)
    )
    assert {d["kind"] for _, _, d in g.edges(data=True)} <= set(TIE_KINDS)
    plain = m.network.to_networkx(kinds=False)
    assert plain.number_of_edges() == len(m.network)
    degree = np.zeros(m.residents.size, dtype=np.int64)
    for node, deg in g.degree():
        degree[node] = deg
    assert np.array_equal(degree, m.network.degree(m.residents.size))
    some = int(m.network.a[0])
    assert sorted(g.neighbors(some)) == m.network.partners(some).tolist()
