"""Process 7, ties and loneliness. Close ties dissolve (about 10% a year,
faster between unlike people and when under stress, and local ties also when
the other moves away); everyone makes new ties at their own pace
('sociability', set so that the 2021 number of ties is their equilibrium),
in their block (a few), in the wider buurt, or outside the simulated buurten,
and meets people like themselves (homophily by background and age). Taking
part in activities speeds up tie-making (an intervention lever). People join
and leave activities. Loneliness moves towards each person's own level plus
the effect of missing ties (fewer than wanted), having no partner, poor
health and stress."""

from __future__ import annotations

import numpy as np

from agents.schema import R_PARENT, R_PARTNER
from model import levers
from model.mathutil import is_any, member, monthly_prob, relax
from model.network import ACTIVITY, FRIEND, NEIGHBOUR, match_stubs
from model.param_spec import PRIORS, Param, Prior
from model.processes.process import Process, set_noise
from model.processes.stress import rows
from model.scales import POOR_HEALTH

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "net.tie_dissolution_rate",
        0.10,
        0.08,
        0.15,
        "per tie per year",
        "Yearly dissolution of a close tie",
        "derived: 48% of ties retained after 7 years "
        f"(Mollenhorst; {PRIORS} net.tie_dissolution_rate)",
        prior=Prior("truncnorm", 0.1, 0.017499999999999998),
        calibrate=True,
    ),
    Param(
        "net.triadic_share",
        0.3,
        0.1,
        0.5,
        "share of new local ties",
        "New local ties made through an existing friend (friend of a friend)",
        "assumption: triadic closure is a main route to new ties and gives networks their "
        "clustering (Rapoport 1953; Kossinets & Watts 2006)",
    ),
    Param(
        "net.neighbour_tie_share_close",
        0.10,
        0.05,
        0.20,
        "share of new close ties",
        "New close ties formed within the own block",
        f"{PRIORS} net.neighbour_tie_share_close (own estimate after Volker 2000)",
        prior=Prior("truncnorm", 0.1, 0.037500000000000006),
    ),
    Param(
        "net.local_tie_share",
        0.3,
        0.1,
        0.5,
        "share of close ties",
        "Close ties living in the simulated buurten (the rest live elsewhere)",
        "assumption: most close ties live outside the own buurt; neighbours alone are about 10%",
    ),
    Param(
        "net.dissimilar_tie_extra_decay",
        1.5,
        1.2,
        2.0,
        "hazard multiplier",
        "Faster dissolution of ties between different age groups or backgrounds",
        f"{PRIORS} net.dissimilar_tie_extra_decay (direction: McPherson et al. 2001)",
        prior=Prior("truncnorm", 1.5, 0.2),
    ),
    Param(
        "net.stress_withdrawal",
        0.5,
        0.0,
        1.0,
        "extra hazard per unit stress",
        "People under stress let ties lapse faster",
        "assumption: direction from Cacioppo et al. 2009 (lonely lose ties); size not sourced",
    ),
    Param(
        "net.loneliness_protect_saturation",
        4.0,
        4.0,
        5.0,
        "close ties",
        "Ties beyond this number add no protection against loneliness",
        f"RIVM ({PRIORS} net.loneliness_protect_saturation)",
        prior=Prior("truncnorm", 4.0, 0.25),
    ),
    Param(
        "net.homophily_age_years",
        8.0,
        3.0,
        20.0,
        "years (sd of the sorting noise)",
        "How closely new friends match in age; smaller is stronger homophily",
        "assumption: age homophily is strong but below background (McPherson et al. 2001)",
    ),
    Param(
        "net.homophily_background",
        0.8,
        0.5,
        0.95,
        "probability",
        "Chance that a new tie forms within the own migration-background group",
        "assumption: background is the strongest homophily dimension (McPherson et al. 2001)",
    ),
    Param(
        "net.participation_stop",
        0.2,
        0.1,
        0.4,
        "per participant per year",
        "Rate at which people stop volunteering or joining activities (restart rate is set so "
        "the 2021 share is stationary)",
        "assumption",
    ),
    Param(
        "net.stress_dropout",
        0.5,
        0.0,
        1.0,
        "extra stop rate per stress unit",
        "People under stress stop participating faster",
        "assumption",
    ),
    Param(
        "lonely.per_missing_tie",
        1.2,
        0.6,
        2.0,
        "DJG points per missing close tie",
        "Loneliness from having fewer close ties than wanted",
        "assumption: social loneliness is driven by network size (RIVM)",
    ),
    Param(
        "lonely.living_alone",
        0.8,
        0.3,
        1.5,
        "DJG points",
        "Emotional loneliness of people without a partner",
        "assumption: emotional loneliness follows from lacking a partner (RIVM)",
    ),
    Param(
        "lonely.poor_health",
        0.6,
        0.2,
        1.0,
        "DJG points",
        "Loneliness from poor health",
        "assumption",
    ),
    Param(
        "lonely.per_stress",
        0.5,
        0.2,
        1.0,
        "DJG points per stress unit",
        "Loneliness from stress",
        "assumption",
    ),
    Param(
        "lonely.adjust",
        0.10,
        0.05,
        0.3,
        "per month",
        "Speed of loneliness adjustment",
        "assumption",
    ),
    Param(
        "lonely.noise",
        0.5,
        0.2,
        1.0,
        "DJG points (sd per month)",
        "Month-to-month fluctuation",
        "assumption",
    ),
)

TIE_AGE = 12.0  # close ties are modelled from this age (friendships of teenagers)


def dissolution_multiplier(m, a: np.ndarray, b: np.ndarray, similar: np.ndarray) -> np.ndarray:
    """Relative hazard of a local tie: unlike pairs and stressed people lose ties faster."""
    p, res = m.p, m.residents
    stress = np.maximum(res.stress[a], res.stress[b])
    return np.where(similar, 1.0, p.net.dissimilar_tie_extra_decay) * (
        1.0 + p.net.stress_withdrawal * stress
    )


def dissolution_rate(m, a: np.ndarray, b: np.ndarray, similar: np.ndarray) -> np.ndarray:
    """Yearly hazard of a local tie ending (net.tie_dissolution_rate on average over the
    2021 ties: the multipliers are scaled by m.tie_norm). A tie with someone who moves
    away is not ended but continues outside the buurt (see remove_residents)."""
    return m.p.net.tie_dissolution_rate * dissolution_multiplier(m, a, b, similar) / m.tie_norm


def withdrawal(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res = m.p, m.residents
    return 1.0 + p.net.stress_withdrawal * res.stress[rows(m, idx)]


def personal_dissolution(m, idx: np.ndarray | None = None) -> np.ndarray:
    """Yearly hazard of each close tie of a person ending (all causes), scaled so
    that the 2021 average is net.tie_dissolution_rate (m.ext_norm). Used for ties
    outside the buurten and to set sociability."""
    return m.p.net.tie_dissolution_rate * withdrawal(m, idx) / m.ext_norm


def has_partner(m, idx: np.ndarray | None = None) -> np.ndarray:
    return is_any(m.residents.role[rows(m, idx)], (R_PARTNER, R_PARENT))


def meeting_key(
    m, people: np.ndarray, in_block: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Sort keys that put alike people in the same place next to each other."""
    p, res, hh, dw = m.p, m.residents, m.households, m.dwellings
    own = res.background[people].astype(np.int64)
    group = np.where(
        rng.random(people.size) < p.net.homophily_background,
        own,
        rng.integers(0, 3, people.size),
    )
    block = dw.block[hh.dwelling[res.hh[people]]].astype(np.int64)
    place = np.where(in_block, block + 1, 0)
    age = res.age[people] + p.net.homophily_age_years * rng.standard_normal(people.size)
    return np.vstack([res.area[people].astype(np.int64), place, group, age])


def form_ties(m, stub_owner: np.ndarray, rng: np.random.Generator) -> None:
    """Pair stubs (one per wanted new tie) into ties."""
    if stub_owner.size < 2:
        return
    in_block = rng.random(stub_owner.size) < m.p.net.neighbour_tie_share_close
    key = meeting_key(m, stub_owner, in_block, rng)
    i, j = match_stubs(key)
    a, b = stub_owner[i], stub_owner[j]
    res, hh, dw = m.residents, m.households, m.dwellings
    block = dw.block[hh.dwelling[res.hh[stub_owner]]]
    block_pair = in_block[i] & in_block[j] & (block[i] == block[j])
    activity = res.participates[a] & res.participates[b]
    similar = (res.background[a] == res.background[b]) & (np.abs(res.age[a] - res.age[b]) < 15)
    kind = np.where(block_pair, NEIGHBOUR, np.where(activity, ACTIVITY, FRIEND))
    m.network.add(a, b, kind, similar)


def dissolve(m, rng: np.random.Generator, extra_rate: float = 0.0) -> None:
    net = m.network
    if len(net) == 0:
        return
    u = rng.random(len(net))
    area = np.maximum(m.residents.area[net.a], 0)
    rate = (
        dissolution_rate(m, net.a, net.b, net.similar)
        * levers.at(m, "tie_dissolution_multiplier", area)
        + extra_rate
    )
    net.keep(u >= monthly_prob(rate))


def total_ties(m, idx: np.ndarray | None = None) -> np.ndarray:
    res, s = m.residents, rows(m, idx)
    return res.ties[s].astype(np.int64) + res.ext_ties[s]


def external(m, rng: np.random.Generator, chances=None) -> None:
    """Ties outside the simulated buurten: lost and made at the same rates.
    ``chances`` (from ``external_chances``) may be given when they are known not to
    have changed (the warm-up on the frozen start state)."""
    res = m.residents
    n = res.size
    u = rng.random(n)
    p_lost, p_gain, can_gain = external_chances(m) if chances is None else chances
    lost = rng.binomial(res.ext_ties[:n].astype(np.int64), p_lost)
    gain = can_gain & (u < p_gain)
    res.ext_ties[:n] = np.maximum(res.ext_ties[:n] - lost, 0) + gain


def external_chances(m) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per resident slot, this month's chance that one tie outside ends, the chance of
    making one, and who may make one (alive, old enough)."""
    p, res = m.p, m.residents
    n = res.size
    hazard = personal_dissolution(m) * levers.at(
        m, "tie_dissolution_multiplier", np.maximum(res.area[:n], 0)
    )
    rate = res.sociability[:n] * (1.0 - p.net.local_tie_share)
    can_gain = res.alive[:n] & (res.age[:n] >= TIE_AGE)
    return monthly_prob(hazard), monthly_prob(rate), can_gain


def seek(m, rng: np.random.Generator) -> None:
    p, res = m.p, m.residents
    n = res.size
    u = rng.random(n)
    adult = res.alive[:n] & (res.age[:n] >= TIE_AGE)
    boost = 1.0 + levers.at(m, "tie_formation_boost", slice(0, n))
    rate = res.sociability[:n] * p.net.local_tie_share * boost
    seekers = np.flatnonzero(adult & (u < monthly_prob(rate)))
    via_friend = rng.random(seekers.size) < p.net.triadic_share
    failed = close_triads(m, seekers[via_friend], rng)
    form_ties(m, np.sort(np.concatenate([seekers[~via_friend], failed])), rng)


def close_triads(m, seekers: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Meet a friend's friend: i -> random tie j -> random tie k of j; tie i-k.
    Returns the seekers for whom no new friend of a friend was found."""
    net, res = m.network, m.residents
    n = res.size
    if seekers.size == 0 or len(net) == 0:
        return seekers
    adj = net.adjacency(n)
    deg = np.diff(adj.indptr)
    s = seekers[deg[seekers] > 0]
    if s.size == 0:
        return seekers
    j = adj.indices[adj.indptr[s] + (rng.random(s.size) * deg[s]).astype(np.int64)]
    k = adj.indices[adj.indptr[j] + (rng.random(j.size) * deg[j]).astype(np.int64)]
    key = np.minimum(s, k) * (1 << 32) + np.maximum(s, k)
    known = member(key, net.a * (1 << 32) + net.b)
    ok = (k != s) & ~known
    _, first = np.unique(key[ok], return_index=True)
    a, b = s[ok][first], k[ok][first]
    similar = (res.background[a] == res.background[b]) & (np.abs(res.age[a] - res.age[b]) < 15)
    net.add(a, b, FRIEND, similar)
    done = np.zeros(n, dtype=bool)
    done[a] = True
    return seekers[~done[seekers]]


def _participation(m, rng: np.random.Generator) -> None:
    p, res = m.p, m.residents
    n = res.size
    u = rng.random(n)
    adult = res.alive[:n] & (res.age[:n] >= 18)
    area = np.maximum(res.area[:n], 0)
    stop = (
        p.net.participation_stop
        * (1.0 + p.net.stress_dropout * res.stress[:n])
        * levers.at(m, "participation_stop_multiplier", area)
    )
    start = m.participation_start[area]
    part = res.participates[:n]
    flip = u < monthly_prob(np.where(part, stop, start))
    res.participates[:n] = adult & np.where(flip, ~part, part)


def loneliness_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    wanted = np.minimum(res.wanted_ties[s], p.net.loneliness_protect_saturation)
    missing = np.maximum(wanted - total_ties(m, idx), 0.0)
    return (
        p.lonely.per_missing_tie * missing
        + p.lonely.living_alone * ~has_partner(m, idx)
        + p.lonely.poor_health * (res.health[s] < POOR_HEALTH)
        + p.lonely.per_stress * res.stress[s]
    )


def step(m) -> None:
    p, res, rng = m.p, m.residents, m.streams["ties"]
    n = res.size
    external(m, rng)
    seek(m, rng)
    dissolve(m, rng)
    res.ties[:n] = m.network.degree(n)
    _participation(m, rng)
    new = relax(
        res.lonely[:n].astype(np.float64),
        res.lonely_base[:n] + loneliness_drivers(m) + levers.at(m, "lonely_offset", slice(0, n)),
        p.lonely.adjust,
        p.lonely.noise,
        rng,
    )
    res.lonely[:n] = np.where(res.alive[:n], np.clip(new, 0.0, 11.0), res.lonely[:n])


def setup(m) -> None:
    set_noise(m, "lonely", m.p.lonely.adjust, m.p.lonely.noise)
    m.tie_norm = m.ext_norm = 1.0  # set at the start (initial_state.init_ties)


def init(m) -> None:
    """Restart rate of participation that keeps each buurt's 2021 share stationary."""
    res, n_areas = m.residents, len(m.areas)
    idx = res.active()
    adult = idx[res.age[idx] >= 18]
    count = np.maximum(np.bincount(res.area[adult], minlength=n_areas), 1)
    share = np.bincount(res.area[adult], weights=res.participates[adult], minlength=n_areas) / count
    stop = m.p.net.participation_stop * (
        1.0
        + m.p.net.stress_dropout
        * np.bincount(res.area[adult], weights=res.stress[adult], minlength=n_areas)
        / count
    )
    m.participation_start = stop * share / np.maximum(1.0 - share, 1e-6)


PROCESS = Process("ties", PARAMETERS, step, setup=setup, init=init)
