"""Process 10, the housing market of the whole city: who gets which vacant dwelling.

Maastricht is one market. Corporation dwellings are let from one city-wide
queue of applicants (woningzoekenden) who stay in it until housed: households
from outside the city, households of the city that want to move (they keep
living where they are meanwhile) and evicted households, who come first
(urgency). With screening (``alloc.screening``, a corporation letting policy
per buurt) the least vulnerable of the first ``alloc.pool_size`` applicants
gets the dwelling; the others keep their place in the queue and are housed at
a later letting, often in another buurt: the displacement (waterbed effect)
is counted from refusing buurt to receiving buurt. Private-rent and owner
dwellings go to searchers of the city first (households moving within the
city, young adults leaving home, a partner after a separation), the rest to
newcomers from outside.

When only some buurten are simulated, the rest of the city still takes part:
its lettings (from CBS households and the tenure inputs of the other buurten)
house applicants too, and a household housed there leaves the simulation as
``to_rest_of_city``, not the city. Newcomers from outside resemble, per
sector, the households that left (steady-state assumption for the region), so
the city's mix changes only through the model's mechanisms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from agents.schema import CORPORATION, R_SINGLE, SINGLE
from model import initial_state, levers
from model.inputs.areas import resolve_areas
from model.mathutil import monthly_prob
from model.param_spec import Param
from model.processes import finances
from model.processes.process import Process

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "alloc.screening",
        0.0,
        0.0,
        1.0,
        "share of lettings",
        "Corporation lettings where the least vulnerable of the first applicants in the "
        "queue is chosen (policy lever; 0 = first in line)",
        "assumption: baseline letting by waiting time (woonruimteverdeling op inschrijfduur)",
        role="policy",
    ),
    Param(
        "alloc.screening_eur_per_letting",
        150.0,
        75.0,
        300.0,
        "EUR per screened letting",
        "The corporation's cost of screening one letting (intake talks with the first "
        "applicants, checking references); paid by the corporation, not the programme",
        "assumption: about two hours of a housing consultant per letting; no tariff found. "
        "Legal basis: screening by vulnerability is not allowed under the Huisvestingswet "
        "2014; only the Wbmgp (art. 8-10: income requirement, screening on nuisance or "
        "crime) allows selection, in areas the minister designates at the council's request",
    ),
    Param(
        "alloc.pool_size",
        5.0,
        1.0,
        20.0,
        "applicants",
        "Applicants at the front of the queue a screened letting chooses from",
        "assumption: a corporation invites a handful of candidates per vacancy",
    ),
    Param(
        "alloc.vacancy_months",
        2.0,
        1.0,
        6.0,
        "months",
        "Mean time a vacant dwelling stays empty before it is let",
        "assumption: time to re-let including repairs (mutatieleegstand)",
    ),
    Param(
        "housing.queue_wait_months",
        24.0,
        12.0,
        48.0,
        "months",
        "Mean waiting time in the city-wide corporation queue (sets its length)",
        "assumption: Zuid-Limburg has among the shortest search times in the Netherlands; "
        "the municipality's letting figures (Woonservice) would replace it",
    ),
    Param(
        "housing.evicted_leave_city",
        0.3,
        0.1,
        0.6,
        "share of evicted households",
        "Evicted households that leave the city (to family or elsewhere); the others "
        "are rehoused with urgency (via shelter or a second-chance contract)",
        "assumption: no Maastricht figures on where evicted households go",
    ),
)

OUTSIDE, HOUSEHOLD, PERSON = 0, 1, 2  # who an applicant is
OUT_OF_AREA = -1  # a letting in a buurt that is not simulated
WINDOW = 8  # applicants considered per letting, in multiples of alloc.pool_size


@dataclass
class Applicants:
    """A list of applicants in priority order: urgent first, then by registration."""

    kind: np.ndarray = field(default_factory=lambda: np.empty(0, np.int8))
    slot: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    serial: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    vulnerable: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # outside only
    registered: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))
    urgent: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    refused_in: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    FIELDS = ("kind", "slot", "serial", "vulnerable", "registered", "urgent", "refused_in")

    def __len__(self) -> int:
        return int(self.kind.size)

    def add(self, kind, slot, serial, vulnerable, registered, urgent=False) -> None:
        n = np.size(slot)
        new = {
            "kind": np.full(n, kind, np.int8),
            "slot": np.asarray(slot, np.int64),
            "serial": np.asarray(serial, np.int64),
            "vulnerable": np.broadcast_to(vulnerable, n).astype(bool),
            "registered": np.broadcast_to(registered, n).astype(np.float64),
            "urgent": np.full(n, urgent, bool),
            "refused_in": np.full(n, -1, np.int64),
        }
        for name in self.FIELDS:
            setattr(self, name, np.concatenate([getattr(self, name), new[name]]))
        self.sort()

    def sort(self) -> None:
        order = np.lexsort((self.registered, ~self.urgent))
        self.keep(order)

    def keep(self, index: np.ndarray) -> None:
        for name in self.FIELDS:
            setattr(self, name, getattr(self, name)[index])

    def drop(self, mask: np.ndarray) -> None:
        self.keep(np.flatnonzero(~mask))

    def slots_of(self, kind: int) -> np.ndarray:
        return self.slot[self.kind == kind]


@dataclass
class Market:
    """The state of the housing market (``m.housing``)."""

    queue: Applicants  # corporation dwellings
    search: Applicants  # private rent and owner dwellings
    queue_length: int  # target length of the queue (steady state)
    out_rate: tuple[float, float]  # lettings per month in buurten not simulated (corp, other)
    leavers: np.ndarray  # [sector, vulnerable?] households that left, smoothed over a year
    # refused by screening in buurt i (row) and housed in buurt j (column; last = not simulated)
    displaced: np.ndarray
    refusals: np.ndarray  # per buurt: vulnerable applicants passed over by screening
    screened: np.ndarray  # per buurt: lettings screened (the corporation's cost)
    # per buurt and last for buurten not simulated: chance to accept (vulnerable, others)
    acceptance: tuple[np.ndarray, np.ndarray]
    private_pattern: np.ndarray  # per buurt: vulnerable share of private households leaving
    evicted: np.ndarray  # per buurt: evicted households
    private_start: float = 0.0  # the city's private newcomer share at the start


def sector(m, hs: np.ndarray) -> np.ndarray:
    """0 for corporation tenants, 1 for private rent and owners."""
    return (m.dwellings.tenure[m.households.dwelling[hs]] != CORPORATION).astype(np.int64)


def note_departures(m, hs: np.ndarray) -> None:
    """Households that leave the simulation (city, rest of the city, dissolved):
    what newcomers from outside resemble."""
    if hs.size == 0:
        return
    np.add.at(m.housing.leavers, (sector(m, hs), m.households.vulnerable[hs].astype(int)), 1.0)


def newcomer_vulnerable_share(m) -> np.ndarray:
    """Per sector: the vulnerable share of the households that left in the last year."""
    lv = m.housing.leavers
    return lv[:, 1] / np.maximum(lv.sum(axis=1), 1e-9)


def searching_households(m) -> np.ndarray:
    """Per household slot: registered in the queue or searching."""
    flag = np.zeros(m.households.size, dtype=bool)
    for a in (m.housing.queue, m.housing.search):
        flag[a.slots_of(HOUSEHOLD)] = True
    return flag


def urgent_households(m) -> np.ndarray:
    """Per household slot: evicted and waiting for the urgent letting."""
    q = m.housing.queue
    flag = np.zeros(m.households.size, dtype=bool)
    flag[q.slot[(q.kind == HOUSEHOLD) & q.urgent]] = True
    return flag


def searching_people(m) -> np.ndarray:
    """Per resident slot: looking for a home of their own (starter, separated partner)."""
    flag = np.zeros(m.residents.size, dtype=bool)
    flag[m.housing.search.slots_of(PERSON)] = True
    return flag


def register_households(m, hs: np.ndarray) -> None:
    """City households that want to move: corporation tenants join the queue, others
    search the private market; they keep their home until they get another."""
    if hs.size == 0:
        return
    corp = sector(m, hs) == 0
    serial = m.households.serial
    for target, sel in ((m.housing.queue, corp), (m.housing.search, ~corp)):
        h = hs[sel]
        target.add(HOUSEHOLD, h, serial[h], False, float(m.month))


def register_people(m, rs: np.ndarray) -> None:
    """Residents who will form a household of their own in the city."""
    if rs.size:
        m.housing.search.add(PERSON, rs, m.residents.serial[rs], False, float(m.month))


def evict(m, hs: np.ndarray, u: np.ndarray) -> None:
    """Evicted households: some leave the city; the others are rehoused with urgency
    (they stay at the address until a dwelling is let to them, as a rule the same month)."""
    if hs.size == 0:
        return
    np.add.at(m.housing.evicted, m.households.area[hs], 1)
    leave = u < m.p.housing.evicted_leave_city
    m.remove_households(hs[leave], "left_city")
    stay = hs[~leave]
    m.housing.queue.drop(np.isin(m.housing.queue.slot, stay) & (m.housing.queue.kind == HOUSEHOLD))
    m.housing.search.drop(
        np.isin(m.housing.search.slot, stay) & (m.housing.search.kind == HOUSEHOLD)
    )
    m.housing.queue.add(HOUSEHOLD, stay, m.households.serial[stay], False, float(m.month), True)


def _prune(m) -> None:
    """Drop applicants who died, left or whose household dissolved."""
    for a in (m.housing.queue, m.housing.search):
        gone = np.zeros(len(a), dtype=bool)
        for kind, table in ((HOUSEHOLD, m.households), (PERSON, m.residents)):
            sel = a.kind == kind
            s = a.slot[sel]
            ok = (s < table.size) & table.alive[np.minimum(s, table.size - 1)]
            ok &= table.serial[np.minimum(s, table.size - 1)] == a.serial[sel]
            gone[sel] = ~ok
        a.drop(gone)


def _vacancies(m, u: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Dwellings let this month in the simulated buurten (corporation, other), each
    list followed by lettings in the buurten not simulated (dwelling -1)."""
    dw = m.dwellings
    nd = dw.size
    vacant = dw.alive[:nd] & (dw.occupant[:nd] < 0)
    let = np.flatnonzero(vacant & (u[:nd] < monthly_prob(12.0 / m.p.alloc.vacancy_months)))
    corp = dw.tenure[let] == CORPORATION
    out_corp, out_other = (rng.poisson(r) for r in m.housing.out_rate)
    lists = []
    for own, n_out in ((let[corp], out_corp), (let[~corp], out_other)):
        both = np.concatenate([own, np.full(n_out, OUT_OF_AREA, np.int64)])
        lists.append(both[rng.permutation(both.size)])
    return lists[0], lists[1]


def _let_corporation(m, lettings: np.ndarray) -> list[tuple[int, int, int, int, bool]]:
    """Each letting to the first in line who accepts it (``acceptance``); with screening
    the least vulnerable of the first ``alloc.pool_size`` who accept. Returns (dwelling,
    kind, slot, serial, vulnerable) of those housed."""
    q, hh, dw = m.housing.queue, m.households, m.dwellings
    pool = max(int(round(m.p.alloc.pool_size)), 1)
    width = WINDOW * pool
    k = len(m.areas)
    screening = np.broadcast_to(levers.at(m, "alloc_screening", np.arange(k)), k)
    screening = np.where(np.isnan(screening), m.p.alloc.screening, screening)
    rng = m.streams["housing"]
    u = rng.random(lettings.size)
    u_accept = rng.random((lettings.size, width))
    is_hh = q.kind == HOUSEHOLD
    vul = np.where(is_hh, hh.vulnerable[np.where(is_hh, q.slot, 0)], q.vulnerable)
    accept_vul, accept_other = m.housing.acceptance
    taken = np.zeros(len(q), dtype=bool)
    housed, start = [], 0
    for i, d in enumerate(lettings.tolist()):
        while start < taken.size and taken[start]:
            start += 1
        if start == taken.size:
            break
        window = start + np.flatnonzero(~taken[start : start + 2 * width])[:width]
        area = int(dw.area[d]) if d >= 0 else OUT_OF_AREA
        col = area if area >= 0 else k
        chance = np.where(vul[window], accept_vul[col], accept_other[col])
        accepts = q.urgent[window] | (u_accept[i, : window.size] < chance)
        willing = window[accepts] if accepts.any() else window[:1]
        pick = willing[0]
        screened = area >= 0 and u[i] < screening[area]
        if screened:
            m.housing.screened[area] += 1
        if screened and vul[pick] and not q.urgent[pick]:
            front = willing[:pool]
            ok = front[~vul[front]]
            if ok.size:
                pick = ok[0]
                passed = front[front < pick]
                m.housing.refusals[area] += passed.size
                first = passed[q.refused_in[passed] < 0]
                q.refused_in[first] = area
        if q.refused_in[pick] >= 0:
            m.housing.displaced[q.refused_in[pick], col] += 1
        taken[pick] = True
        housed.append(
            (d, int(q.kind[pick]), int(q.slot[pick]), int(q.serial[pick]), bool(vul[pick]))
        )
    q.drop(taken)
    return housed


def _leaving_share(m, hs: np.ndarray) -> np.ndarray:
    """Per buurt: the vulnerable share among households ``hs`` weighted by their rate
    of moving out (``mobility.move_out_rate``), i.e. of those expected to leave."""
    from model.processes import mobility  # who moves, and how often

    hh = m.households
    k = len(m.areas)
    rate = mobility.move_out_rate(m)[hs]
    total = np.bincount(hh.area[hs], weights=rate, minlength=k)
    vul = np.bincount(hh.area[hs], weights=rate * hh.vulnerable[hs], minlength=k)
    return vul / np.maximum(total, 1e-12)


def acceptance(m) -> tuple[np.ndarray, np.ndarray]:
    """Per buurt (and last: the buurten not simulated), the chance that a vulnerable and
    another applicant accept (or may be let) a corporation dwelling there, so that at
    the start the vulnerable share of new tenants equals that of the buurt's corporation
    tenants who move out: the sorting of 2021 (rents and passend toewijzen, what
    applicants refuse) kept as it was. Without it a single queue would spread the
    vulnerable households evenly over the city's corporation homes, an artefact."""
    hh = m.households
    hs = hh.active()
    corp = hs[sector(m, hs) == 0]
    share = _leaving_share(m, corp)
    q = float(m.housing.queue.vulnerable.mean()) if len(m.housing.queue) else 0.5
    q = min(max(q, 1e-3), 1 - 1e-3)
    s = np.clip(share, 1e-3, 1 - 1e-3)
    odds = q * (1 - s) / (s * (1 - q))  # acceptance of others relative to vulnerable
    accept_other = np.append(np.minimum(odds, 1.0), 1.0)
    accept_vul = np.append(np.minimum(1.0 / odds, 1.0), 1.0)
    return accept_vul, accept_other


def _let_other(m, lettings: np.ndarray) -> tuple[list, np.ndarray]:
    """Private lettings to the city's searchers first (in order of registration), the
    rest of the simulated ones to newcomers. Returns (housed, dwellings left over)."""
    s = m.housing.search
    n = min(len(s), lettings.size)
    housed = [
        (int(d), int(k), int(slot), int(serial), False)
        for d, k, slot, serial in zip(
            lettings[:n], s.kind[:n], s.slot[:n], s.serial[:n], strict=True
        )
    ]
    s.keep(np.arange(n, len(s)))
    rest = lettings[n:]
    return housed, rest[rest >= 0]


def _move(m, housed: list, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Carry out the lettings to applicants of the city; returns outside applicants'
    (dwellings, vulnerable)."""
    if not housed:
        return np.empty(0, np.int64), np.empty(0, bool)
    d, kind, slot, serial, vul = (np.array(x) for x in zip(*housed, strict=True))
    inside = d >= 0
    hh_move = kind == HOUSEHOLD
    m.remove_households(slot[hh_move & ~inside], "to_rest_of_city")
    m.relocate_households(slot[hh_move & inside], d[hh_move & inside])
    res = m.residents
    # people whose household left the simulation above went with it
    person = (kind == PERSON) & res.alive[slot] & (res.serial[slot] == serial)
    person &= ~_last_adult(m, slot)
    leaving = slot[person & ~inside]
    hh_of = np.unique(res.hh[leaving])
    m.remove_residents(leaving, "to_rest_of_city")
    m.refresh_households(hh_of)
    split_off(m, slot[person & inside], d[person & inside], rng)
    out = (kind == OUTSIDE) & inside
    return d[out], vul[out]


def _last_adult(m, rs: np.ndarray) -> np.ndarray:
    """Whether each resident is the only adult of a household with children: such a
    parent does not leave them (the search ends)."""
    res = m.residents
    idx = res.active()
    adults = np.bincount(res.hh[idx], weights=res.age[idx] >= 18, minlength=m.households.size)
    members = np.bincount(res.hh[idx], minlength=m.households.size)
    h = np.maximum(res.hh[rs], 0)
    return (adults[h] <= 1) & (members[h] > 1)


def split_off(m, rs: np.ndarray, dwellings: np.ndarray, rng: np.random.Generator) -> None:
    """Residents leave their household for a dwelling of their own: a new single
    household with their share of the savings. It enters the market like newcomers to
    private dwellings do, vulnerable with their share (assumption: a household's
    vulnerability is its own, not its parents'; inheriting it moved about 800 households
    a year of the corporation sector's mix into the private sector)."""
    if rs.size == 0:
        return
    res, hh = m.residents, m.households
    old = res.hh[rs].astype(np.int64)
    members = np.bincount(res.hh[res.active()], minlength=hh.size)[old]
    hs = hh.add(
        rs.size,
        area=m.dwellings.area[dwellings],
        dwelling=dwellings,
        kind=SINGLE,
        background=res.background[rs],
        vulnerable=rng.random(rs.size) < newcomer_vulnerable_share(m)[1],
        claimant=hh.claimant[old],
        toeslag=hh.toeslag[old],
        moved_in=m.month,
    )
    share = np.maximum(hh.buffer[old], 0) / np.maximum(members, 1)
    hh.buffer[old] -= share
    m.dwellings.occupant[dwellings] = hs
    m.move_people(rs, hs)
    res.role[rs] = R_SINGLE
    m.refresh_households(old)
    sums = finances.member_sums(m, rs)
    finances.update_entitlement(m, sums, hs)
    hh.claims[hs] = hh.entitled[hs] & hh.claimant[hs]
    income, costs = finances.budget(m, sums, hs)
    hh.income[hs], hh.costs[hs] = income, costs
    hh.buffer[hs] = share
    finances.update_flags(m, costs, hs)
    initial_state.set_household_bases(m, hs)
    np.add.at(m.hh_flows["formed"], hh.area[hs], 1)


def private_newcomer_share(m, dwellings: np.ndarray) -> np.ndarray:
    """Vulnerable share of households from outside moving into private dwellings: that of
    the buurt's private households leaving at the start, scaled by how the city's
    departures from the sector compare with the start (so buurten keep their differences
    and the city its mix)."""
    scale = newcomer_vulnerable_share(m)[1] / max(m.housing.private_start, 1e-9)
    return np.clip(m.housing.private_pattern[m.dwellings.area[dwellings]] * scale, 0.0, 1.0)


def _top_up(m, rng: np.random.Generator) -> None:
    """Households from outside join the queue to keep it at its steady-state length."""
    missing = m.housing.queue_length - len(m.housing.queue)
    if missing > 0:
        share = newcomer_vulnerable_share(m)[0]
        vul = rng.random(missing) < share
        m.housing.queue.add(OUTSIDE, np.full(missing, -1), np.full(missing, -1), vul, m.month)


def step(m) -> None:
    rng = m.streams["housing"]
    _prune(m)
    corp, other = _vacancies(m, rng.random(m.dwellings.size), rng)
    housed = _let_corporation(m, corp)
    housed_other, to_newcomers = _let_other(m, other)
    d_out, vul_out = _move(m, housed + housed_other, rng)
    vul_new = rng.random(to_newcomers.size) < private_newcomer_share(m, to_newcomers)
    dws = np.concatenate([d_out, to_newcomers])
    vul = np.concatenate([vul_out, vul_new])
    hs, rs = m.add_newcomers(dws, vul, rng)
    initial_state.init_arrivals(m, hs, rs, np.empty(0, np.int64), rng)
    m.housing.leavers *= 11.0 / 12.0  # a year's memory
    _top_up(m, rng)


def _lettings_per_month(m, areas) -> tuple[float, float]:
    """Expected lettings per month (corporation, other) in the given buurten, from their
    households, tenure inputs and the move-out rates."""
    p = m.p
    corp = sum(a.households * a.input("share_corporation") for a in areas)
    owner = sum(a.households * (1 - a.input("share_corporation") - a.input("share_private_rent"))
                for a in areas)  # fmt: skip
    private = sum(a.households * a.input("share_private_rent") for a in areas)
    rate = p.mig.move_out / 12.0
    return corp * rate, (private + owner * p.mig.owner_multiplier) * rate


def setup(m) -> None:
    k = len(m.areas)
    simulated = {a.code for a in m.areas}
    city = resolve_areas("all")
    others = [a for a in city if a.code not in simulated]
    # the buurten not simulated use the shipped inputs (the start targets only concern the
    # simulated ones)
    m.housing = Market(
        queue=Applicants(),
        search=Applicants(),
        queue_length=int(round(_lettings_per_month(m, city)[0] * m.p.housing.queue_wait_months)),
        out_rate=_lettings_per_month(m, others),
        leavers=np.zeros((2, 2)),
        displaced=np.zeros((k, k + 1), dtype=np.int64),
        refusals=np.zeros(k, dtype=np.int64),
        screened=np.zeros(k, dtype=np.int64),
        acceptance=(np.ones(k + 1), np.ones(k + 1)),
        private_pattern=np.zeros(k),
        evicted=np.zeros(k, dtype=np.int64),
    )


def init(m) -> None:
    """The start queue (registered over the past waiting time) and the year of
    departures that newcomers resemble, both from the 2021 households."""
    from model.processes import mobility  # who moves, and how often

    hh = m.households
    hs = hh.active()
    rate = mobility.move_out_rate(m)[hs] * m.p.mig.leave_city_share
    np.add.at(m.housing.leavers, (sector(m, hs), hh.vulnerable[hs].astype(int)), rate)
    rng = m.streams["housing"]
    n = m.housing.queue_length
    vul = rng.random(n) < newcomer_vulnerable_share(m)[0]
    registered = -rng.uniform(0, m.p.housing.queue_wait_months, n)
    m.housing.queue.add(OUTSIDE, np.full(n, -1), np.full(n, -1), vul, registered)
    m.housing.acceptance = acceptance(m)
    m.housing.private_pattern = _leaving_share(m, hs[sector(m, hs) == 1])
    m.housing.private_start = float(newcomer_vulnerable_share(m)[1])


PROCESS = Process("housing", PARAMETERS, step, setup=setup, init=init)
