"""The June-2021 starting state, and newcomers drawn the same way later.

Households and residents come from ``model.inputs.synthesis`` (CBS 2017
margins). Traits are then drawn from simple risk models (vulnerability, LVB,
household type, age) and *aligned* per buurt: an intercept (and for
loneliness and savings a spread) is chosen so that the buurt's starting
shares equal the labelled 2021 targets of ``m.inputs`` (``model/inputs``). The
alignment constants are stored on the model so that newcomers later drawn
into a buurt follow the same risk model without being forced to the target.

Continuous states (distress, control, health, loneliness, trust, influence,
savings) get a personal level ('base') such that each person's state is at
its set-point given the 2021 circumstances; later changes in circumstances
move them (see the stress, ties, neighbourhood and finances processes).
"""

from __future__ import annotations

import numpy as np

from agents.schema import (
    CHILD,
    CORPORATION,
    EMPLOYED,
    INACTIVE,
    OWNER,
    PRIVATE_RENT,
    R_CHILD,
    R_OTHER,
    R_SINGLE,
    RESIDENT_SCHEMA,
    RETIRED,
    SINGLE,
    SINGLE_PARENT,
    STUDENT,
    UNEMPLOYED,
)
from model import levers
from model.inputs.areas import Area
from model.inputs.geometry import place_dwellings
from model.inputs.synthesis import synthesise
from model.mathutil import in_slots, is_any, monthly_prob, pick_exact, shift_for_share_above
from model.param_spec import PRIORS, Group, Param, Prior
from model.processes import finances, services, stress, support, ties
from model.processes import neighbourhood as nbh_process
from model.processes.life_events import illness_rate
from model.scales import AGREES, GOOD_HEALTH, HIGH_DISTRESS, LONELY, LOW_CONTROL, SEVERELY_LONELY

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "pop.vacancy_share",
        0.01,
        0.005,
        0.05,
        "share of dwellings",
        "Dwellings empty at the start (frictional vacancy)",
        "assumption: stationary with 6% of households moving a year and vacancies let within "
        "about 2 months (alloc.vacancy_months)",
    ),
    Param(
        "init.employment_rate",
        0.78,
        0.65,
        0.85,
        "share of adults 18-66 outside bijstand households",
        "Employed share among working-age adults in households not entitled to bijstand",
        "assumption: CBS net labour participation about 70% of 15-74 (2021), higher excluding "
        "benefit households",
    ),
    Param(
        "init.student_share_18_24",
        0.35,
        0.15,
        0.60,
        "share of 18-24 year olds",
        "Young adults in education at the start",
        "assumption: Maastricht is a student city",
    ),
    Param(
        "init.lvb_share",
        0.06,
        0.04,
        0.10,
        "share of adults",
        "Adults with a mild intellectual disability (LVB)",
        "assumption: order of magnitude of SCP estimates (about 1.1 million Dutch, ~6%)",
    ),
    Param(
        "init.vulnerable_lvb_multiplier",
        2.0,
        1.0,
        3.0,
        "ratio",
        "LVB prevalence in vulnerable households relative to others",
        "assumption: Aedes/RIGO name LVB among newcomers in corporation housing (direction only)",
    ),
    Param(
        "init.vulnerable_distress_shift",
        1.5,
        1.0,
        5.0,
        "K10 points",
        "Higher personal distress level of vulnerable households' members",
        "assumption: RIGO/Aedes: vulnerable newcomers more often have psychological problems; "
        "residents of buurten with >2/3 social rent report them 4x as often (nul20 2018)",
    ),
    Param(
        "init.vulnerable_health_shift",
        0.3,
        0.1,
        0.6,
        "points (1-5)",
        "Lower personal health level of vulnerable households' members",
        "assumption: income gradient in self-rated health (RIVM: 56-58% vs 85-87% good)",
    ),
    Param(
        "init.vulnerable_control_shift",
        0.8,
        0.3,
        1.5,
        "points (0-10)",
        "Lower personal sense of control of vulnerable households' members",
        "assumption: direction from WRR 2017 (doenvermogen)",
    ),
    Param(
        "init.nontakeup_bijstand",
        0.33,
        0.25,
        0.40,
        "share of entitled households",
        "Entitled households that do not claim bijstand at the start",
        f"Inspectie SZW 2021 ({PRIORS} takeup.nontakeup_bijstand)",
    ),
    Param(
        "init.low_control_share",
        0.25,
        0.15,
        0.35,
        "share of adults",
        "Adults with a low sense of control (regie) at the start",
        "assumption: no survey value available; a quarter is typical of mastery-scale cut-offs",
    ),
    Param(
        "init.felt_influence_share",
        0.25,
        0.15,
        0.40,
        "share of adults",
        "Adults who feel they have influence on their buurt at the start",
        "assumption: no survey value available",
    ),
    Param(
        "init.participation_share",
        0.30,
        0.25,
        0.41,
        "share of adults",
        "Adults taking part in volunteering or community activities",
        f"CBS: low-educated 31.2%, Limburg 27%, NL 41.2% ({PRIORS} init.volunteer)",
    ),
    Param(
        "net.close_ties_mean",
        4.5,
        3.0,
        6.0,
        "ties per adult",
        "Close ties wanted on average (outside the household)",
        f"RIVM: 4-5 good contacts protect against loneliness ({PRIORS} net.close_ties_mean)",
        prior=Prior("truncnorm", 4.5, 0.75),
    ),
    Param(
        "net.close_ties_zero_share",
        0.08,
        0.02,
        0.15,
        "share of adults",
        "Adults without any close tie outside the household",
        f"{PRIORS} net.close_ties_zero_share (76-98% have at least one)",
        prior=Prior("truncnorm", 0.08, 0.0325),
    ),
    Param(
        "net.residence_years_mean",
        12.0,
        6.0,
        20.0,
        "years",
        "Mean time residents have lived in the buurt at the start (sets how many local ties "
        "they have built)",
        "assumption: consistent with about 6% moving out a year, capped by age",
    ),
    Param(
        "fin.median_income_single",
        1900.0,
        1500.0,
        2300.0,
        "EUR per month, net",
        "Median earned income of a single working-age household in Maastricht",
        "assumption: CBS median disposable income of singles about EUR 25k a year",
    ),
    Param(
        "fin.median_income_couple",
        3300.0,
        2600.0,
        4000.0,
        "EUR per month, net",
        "Median earned income of a working-age couple",
        "assumption: CBS order of magnitude",
    ),
    Param(
        "fin.income_sd_log",
        0.35,
        0.2,
        0.5,
        "sd of log income",
        "Spread of household incomes around the median",
        "assumption",
    ),
    Param(
        "fin.pension_single",
        1600.0,
        1300.0,
        2000.0,
        "EUR per month, net",
        "Income of a retired single (AOW plus a small pension)",
        "assumption: AOW single about EUR 1,270 net (2021) plus a modest occupational pension",
    ),
    Param(
        "fin.pension_couple",
        2500.0,
        2000.0,
        3000.0,
        "EUR per month, net",
        "Income of a retired couple",
        "assumption: AOW couple plus pensions",
    ),
    Param(
        "takeup.nontakeup_toeslagen",
        0.12,
        0.08,
        0.25,
        "share of entitled",
        "Entitled tenants not claiming rent benefit",
        f"CPB ({PRIORS} takeup.nontakeup_toeslagen)",
        prior=Prior("truncnorm", 0.12, 0.042499999999999996),
    ),
    Param(
        "distress.trait_sd",
        5.0,
        3.0,
        7.0,
        "K10 points",
        "Spread of personal distress levels",
        "assumption: K10 population sd about 6",
    ),
    Param(
        "control.trait_sd",
        1.6,
        1.0,
        2.5,
        "points (0-10)",
        "Spread of personal sense of control",
        "assumption",
    ),
    Param(
        "influence.trait_sd",
        1.6,
        1.0,
        2.5,
        "points (0-10)",
        "Spread of personal felt influence",
        "assumption",
    ),
    Param(
        "health.trait_sd",
        0.7,
        0.4,
        1.0,
        "points (1-5)",
        "Spread of personal health",
        "assumption",
    ),
    Param(
        "trust.trait_sd",
        1.6,
        1.0,
        2.5,
        "points (0-10)",
        "Spread of personal trust in the municipality",
        "assumption",
    ),
)


# ---------------------------------------------------------------- small helpers
def scale_to_share(w: np.ndarray, share: float) -> float:
    """Factor k such that mean(clip(k*w, 0, 1)) == share (bisection)."""
    if w.size == 0 or share <= 0:
        return 0.0
    lo, hi = 0.0, 1.0
    while np.minimum(hi * w, 1.0).mean() < share and hi < 1e9:
        hi *= 2.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if np.minimum(mid * w, 1.0).mean() < share:
            lo = mid
        else:
            hi = mid
    return hi


def draw(w: np.ndarray, k: float, rng: np.random.Generator) -> np.ndarray:
    return rng.random(w.size) < np.minimum(k * w, 1.0)


class Aligner:
    """Stores per-area alignment constants: computed at start, reused later."""

    def __init__(self, m, align: bool):
        self.m, self.align = m, align

    def value(self, area: int, name: str, compute) -> float:
        store = self.m.alignment.setdefault(area, {})
        if self.align or name not in store:
            store[name] = float(compute())
        return store[name]

    def per_area(self, areas: np.ndarray, name: str, compute) -> np.ndarray:
        """Apply ``compute(mask)`` per area present in ``areas``; returns per-item values."""
        out = np.zeros(areas.size)
        for a in np.unique(areas):
            mask = areas == a
            out[mask] = self.value(int(a), name, lambda mask=mask, a=a: compute(mask, int(a)))
        return out


# ---------------------------------------------------------------- structure
def build(m) -> None:
    """Create dwellings, households and residents of all areas, then their traits."""
    p, rng = m.p, m.streams["init"]
    hs_all, rs_all = [], []
    block_offset = 0
    for ai, area in enumerate(m.areas):
        pop = synthesise(area, rng, p.pop.single_parent_share, p.pop.other_multi_share)
        m.templates.append(pop)
        n_hh = pop.hh_kind.size
        n_dw = int(round(n_hh / (1.0 - p.pop.vacancy_share)))
        dws = make_dwellings(m, ai, area, n_dw, block_offset, rng)
        block_offset = int(m.dwellings.block[dws].max()) + 1
        hs = m.households.add(n_hh, area=ai, kind=pop.hh_kind, background=pop.hh_background)
        rs = m.residents.add(
            pop.person_age.size,
            area=ai,
            hh=hs[pop.person_hh],
            age=pop.person_age,
            role=pop.person_role,
            female=pop.person_female,
            background=pop.person_background,
        )
        share = area.input("vulnerable_share")
        weights = np.where(m.households.kind[hs] == SINGLE, 1.3, 1.0)
        m.households.vulnerable[hs] = pick_exact(weights, round(share * n_hh), rng)
        assign_dwellings(m, hs, dws, rng)
        oldest = np.zeros(m.households.size)
        np.maximum.at(oldest, m.residents.hh[rs], m.residents.age[rs])
        years = np.minimum(
            rng.exponential(p.net.residence_years_mean, n_hh), np.maximum(oldest[hs] - 18.0, 0.0)
        )
        m.households.moved_in[hs] = -np.round(years * 12).astype(np.int32)
        hs_all.append(hs)
        rs_all.append(rs)
    hs, rs = np.concatenate(hs_all), np.concatenate(rs_all)
    init_buurten(m)
    init_people(m, hs, rs, rng)


def make_dwellings(
    m, ai: int, area: Area, n: int, block_offset: int, rng: np.random.Generator
) -> np.ndarray:
    p = m.p
    corp, private = area.input("share_corporation"), area.input("share_private_rent")
    counts = np.array([round(n * corp), round(n * private)])
    tenure = np.full(n, OWNER, dtype=np.int8)
    order = rng.permutation(n)
    tenure[order[: counts[0]]] = CORPORATION
    tenure[order[counts[0] : counts.sum()]] = PRIVATE_RENT
    flat_share = area.input("share_flats")
    if "share_flats" not in area.own_inputs:
        flat_share = min(
            flat_share * {1: 1.8, 2: 1.3, 3: 1.0, 4: 0.6, 5: 0.3}[area.urbanisation], 0.95
        )
    flat = pick_exact(np.where(tenure == OWNER, 0.3, 1.0), round(n * flat_share), rng)
    x, y, block = place_dwellings(area.polygons, n, flat, rng, p.geo.block_size_m)
    quality = np.clip(
        np.select([tenure == CORPORATION, tenure == PRIVATE_RENT], [0.55, 0.6], 0.75)
        + 0.15 * rng.standard_normal(n),
        0.05,
        1.0,
    )
    return m.dwellings.add(
        n, area=ai, block=block + block_offset, x=x, y=y, tenure=tenure, quality=quality, flat=flat
    )


def assign_dwellings(m, hs: np.ndarray, dws: np.ndarray, rng: np.random.Generator) -> None:
    """Vulnerable households mostly in corporation dwellings, singles mostly in flats;
    the remaining dwellings stay vacant."""
    hh, dw = m.households, m.dwellings
    vacant = pick_exact(np.ones(dws.size), dws.size - hs.size, rng)
    free = dws[~vacant]
    key_h = (
        2.0 * hh.vulnerable[hs] + 1.0 * (hh.kind[hs] == SINGLE) + 0.8 * rng.standard_normal(hs.size)
    )
    key_d = (
        2.0 * (dw.tenure[free] == CORPORATION)
        + 1.0 * dw.flat[free]
        + 0.8 * rng.standard_normal(free.size)
    )
    hs_sorted, dw_sorted = hs[np.argsort(key_h)], free[np.argsort(key_d)]
    hh.dwelling[hs_sorted] = dw_sorted
    dw.occupant[dw_sorted] = hs_sorted
    dw.vacant_since[dws[vacant]] = 0


def init_buurten(m) -> None:
    nbh = m.nbh
    for ai, area in enumerate(m.areas):
        nbh.cohesion[ai] = m.inputs.target_for(area, "social_cohesion_score")["value"]
        nbh.nuisance[ai] = area.input("nuisance_share")
        nbh.livability[ai] = area.input("livability_score")
    nbh.cohesion_ref[:] = nbh.cohesion
    nbh.nuisance_ref[:] = nbh.nuisance
    nbh.livability_ref[:] = nbh.livability


# ---------------------------------------------------------------- people
def target(m, ai: int, indicator: str) -> float:
    return float(m.inputs.target_for(m.areas[ai], indicator)["value"])


def init_people(m, hs: np.ndarray, rs: np.ndarray, rng: np.random.Generator) -> None:
    """Draw the 2021 traits of all households and residents, aligned to the
    targets (see module doc)."""
    al = Aligner(m, align=True)
    init_lvb(m, rs, al, rng)
    init_work_and_income(m, hs, rs, al, rng)
    init_money(m, hs, rs, al, rng)
    init_person_traits(m, rs, al, rng, at_start=True)
    set_household_bases(m, hs)


def init_person_traits(m, rs, al: Aligner, rng, at_start: bool) -> None:
    """Traits of residents whose household, work and money are already set."""
    m.transients = _scratch(m, "transients", rs)
    m.latents = _scratch(m, "latents", rs)
    init_participation(m, rs, al, rng)
    init_health(m, rs, al, rng)
    init_recent_events(m, rs, rng)
    init_ties(m, rs, rng, local=at_start, al=al)
    if at_start:
        warm_up_ties(m, rng)
    res = m.residents
    res.stress[rs] = stress.stress_load(m, include_lonely=False, idx=rs)
    if at_start:
        support.step(m)
    else:
        res.support[rs] = support.support_of(m, rs)
    init_control_distress(m, rs, al, rng)
    init_influence_trust(m, rs, al, rng)
    init_loneliness(m, rs, al, rng)
    res.stress[rs] = stress.stress_load(m, idx=rs)
    if at_start:
        warm_up_services(m, rng)
    set_person_bases(m, rs, at_start)
    res.resilience[rs] = stress.resilience_index(m, rs)


def _scratch(m, name: str, rs: np.ndarray) -> dict[str, np.ndarray]:
    """Per latent trait, a buffer over resident slots that is 0 at ``rs``: the
    transients and latent levels of the residents being initialised (only their slots
    are written and read), kept between calls instead of allocated each month."""
    capacity = m.residents.capacity
    buffers = m.__dict__.get(name)
    if (
        buffers is None
        or set(buffers) != set(m.transient_sd)
        or any(b.size < capacity for b in buffers.values())
    ):
        return {key: np.zeros(capacity) for key in m.transient_sd}
    for buffer in buffers.values():
        buffer[rs] = 0.0
    return buffers


def init_arrivals(m, hs, rs, partners, rng) -> None:
    """Traits of this month's arrivals: newcomer households (``hs`` with members
    ``rs``) and partners who joined a single (``partners``), drawn in one pass
    with the buurt's stored alignment."""
    al = Aligner(m, align=False)
    people = np.concatenate([rs, partners])
    if people.size == 0:
        return
    # newcomers' habits (budget reference, set-points) reflect normal times, not a shock
    # or programme running this month
    current, m.levers = m.levers, levers.neutral()
    try:
        _init_arrivals(m, hs, rs, partners, people, al, rng)
    finally:
        m.levers = current


def _init_arrivals(m, hs, rs, partners, people, al, rng) -> None:
    p, res = m.p, m.residents
    init_lvb(m, people, al, rng)
    if hs.size:
        init_work_and_income(m, hs, rs, al, rng)
        init_money(m, hs, rs, al, rng)
    working = res.age[partners] < p.demo.retirement_age
    employed = rng.random(partners.size) < p.init.employment_rate
    res.work[partners] = np.where(working, np.where(employed, EMPLOYED, INACTIVE), RETIRED)
    res.wage[partners] = np.where(
        working, draw_wages(m, partners, rng), pension_per_person(m, partners)
    )
    init_person_traits(m, people, al, rng, at_start=False)
    if hs.size:
        set_household_bases(m, hs)


def init_lvb(m, rs, al: Aligner, rng) -> None:
    p, res, hh = m.p, m.residents, m.households
    adult = res.age[rs] >= 18
    w = np.where(hh.vulnerable[res.hh[rs]], p.init.vulnerable_lvb_multiplier, 1.0) * adult
    k = al.per_area(
        res.area[rs], "lvb", lambda mask, a: scale_to_share(w[mask & adult], p.init.lvb_share)
    )
    res.lvb[rs] = draw(w, k, rng)


def draw_wages(m, rs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Monthly net wage a resident earns when employed (EUR)."""
    p, res, hh = m.p, m.residents, m.households
    level = np.array([a.input("income_level") for a in m.areas])[res.area[rs]]
    vulnerable = hh.vulnerable[res.hh[rs]]
    return (
        p.fin.median_income_single
        * level
        * np.where(vulnerable, 0.75, 1.0)
        * np.exp(p.fin.income_sd_log * rng.standard_normal(rs.size))
    )


def pension_per_person(m, rs: np.ndarray) -> np.ndarray:
    p, res, hh = m.p, m.residents, m.households
    alone = is_any(hh.kind[res.hh[rs]], (SINGLE, SINGLE_PARENT))
    return np.where(alone, p.fin.pension_single, p.fin.pension_couple / 2.0)


def init_work_and_income(m, hs, rs, al: Aligner, rng) -> None:
    """Entitlement to bijstand first (aligned to the bijstand target), then work
    status and wages consistent with it."""
    p, res, hh = m.p, m.residents, m.households
    age, role = res.age[rs], res.role[rs]
    young = (age >= 18) & (age < 25) & is_any(role, (R_CHILD, R_SINGLE, R_OTHER))
    student = young & (rng.random(rs.size) < p.init.student_share_18_24 / 0.8)
    working = (age >= 18) & (age < p.demo.retirement_age) & ~student
    nh_total = hh.size
    lvb_any = np.bincount(res.hh[rs], weights=res.lvb[rs], minlength=nh_total)[hs] > 0
    eligible = np.bincount(res.hh[rs], weights=working, minlength=nh_total)[hs] > 0
    kind = hh.kind[hs]
    w = eligible * np.exp(
        1.5 * hh.vulnerable[hs]
        + 0.8 * (kind == SINGLE_PARENT)
        + 0.4 * (kind == SINGLE)
        + 0.7 * lvb_any
    )
    share = lambda mask, a: scale_to_share(  # noqa: E731
        w[mask], target(m, a, "bijstand_share") / (1.0 - p.init.nontakeup_bijstand)
    )
    k = al.per_area(hh.area[hs], "entitled", share)
    entitled = rng.random(hs.size) < np.minimum(k * w, 1.0)
    hh.entitled[hs] = entitled
    hh.claimant[hs] = rng.random(hs.size) >= p.init.nontakeup_bijstand
    hh.claims[hs] = entitled & hh.claimant[hs]
    hh.toeslag[hs] = rng.random(hs.size) >= p.takeup.nontakeup_toeslagen

    in_entitled = np.zeros(nh_total, dtype=bool)
    in_entitled[hs] = entitled
    ent = in_entitled[res.hh[rs]]
    u = rng.random(rs.size)
    work = np.full(rs.size, CHILD, dtype=np.int8)
    work[student] = STUDENT
    work[age >= p.demo.retirement_age] = RETIRED
    # every non-entitled working-age household has an earner (its first working adult);
    # the other working adults are employed at the rate that makes the overall share
    # init.employment_rate
    cand = rs[working & ~ent]
    first_slot = _first_of_group(res.hh[cand], cand, nh_total)
    earner = in_slots(rs, first_slot[first_slot >= 0])
    n_others = max(cand.size - int(earner.sum()), 1)
    other_rate = np.clip((p.init.employment_rate * cand.size - earner.sum()) / n_others, 0, 1)
    employed = u < other_rate
    jobless = np.where(
        (u - other_rate) < 0.2 * (1 - other_rate),
        UNEMPLOYED,
        INACTIVE,
    )
    work = np.where(working & ~ent, np.where(employed, EMPLOYED, jobless), work)
    work = np.where(working & ent, np.where(u < 0.35, UNEMPLOYED, INACTIVE), work)
    work = np.where(earner, EMPLOYED, work)
    res.work[rs] = work

    wage = draw_wages(m, rs, rng)
    second = (work == EMPLOYED) & ~earner
    wage = np.where(
        second, wage * (p.fin.median_income_couple / p.fin.median_income_single - 1.0), wage
    )
    # earners of non-entitled households earn at least the bijstand norm (else they would be
    # entitled to a top-up and counted as bijstand households)
    norm = finances.bijstand_norm(m)[res.hh[rs]]
    wage = np.where(earner, np.maximum(wage, 1.05 * norm), wage)
    wage = np.where(work == STUDENT, p.fin.student_income, wage)
    wage = np.where(work == RETIRED, pension_per_person(m, rs), wage)
    res.wage[rs] = wage
    months = np.where(
        ent,
        p.fin.ww_months + rng.exponential(24.0, rs.size),
        rng.uniform(0, p.fin.ww_months, rs.size),
    )
    res.unemployed_months[rs] = np.where(work == UNEMPLOYED, months, 0).astype(np.int16)


def _first_of_group(group: np.ndarray, slots: np.ndarray, size: int) -> np.ndarray:
    first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, group, slots)
    return np.where(first == np.iinfo(np.int64).max, -1, first)


def init_money(m, hs, rs, al: Aligner, rng) -> None:
    """Savings in months of fixed costs, aligned to the arrears and
    money-worries targets; problematic debt among households in arrears."""
    p, hh, res = m.p, m.households, m.residents
    sums = finances.member_sums(m, rs)
    finances.update_entitlement(m, sums, hs)
    income, costs = finances.budget(m, sums, hs)
    hh.income[hs], hh.costs[hs] = income, costs
    margin = (income - costs) / np.maximum(costs, 1.0)
    lvb_any = np.bincount(res.hh[rs], weights=res.lvb[rs], minlength=hh.size)[hs] > 0
    z = (
        -1.5 * np.clip(margin, -1, 1)
        + 0.8 * hh.vulnerable[hs]
        + 0.5 * lvb_any
        + rng.standard_normal(hs.size)
    )
    worry_m = p.fin.worry_buffer_months

    def spread(mask, a):
        q1 = np.quantile(z[mask], 1 - target(m, a, "payment_arrears_share"))
        q2 = np.quantile(z[mask], 1 - target(m, a, "financial_worries_share"))
        return worry_m / max(q1 - q2, 1e-6)

    def level(mask, a):
        q1 = np.quantile(z[mask], 1 - target(m, a, "payment_arrears_share"))
        return m.alignment[a]["buffer_spread"] * q1

    s = al.per_area(hh.area[hs], "buffer_spread", spread)
    a0 = al.per_area(hh.area[hs], "buffer_level", level)
    months = a0 - s * z
    hh.buffer[hs] = months * costs
    in_arrears = months < 0
    w = in_arrears * np.exp(1.0 * hh.vulnerable[hs] + 0.7 * lvb_any + 0.5 * np.clip(-months, 0, 3))

    k = al.per_area(
        hh.area[hs],
        "debt",
        lambda mask, a: scale_to_share(w[mask], target(m, a, "problem_debt_share")),
    )
    debt = rng.random(hs.size) < np.minimum(k * w, 1.0)
    hh.debt[hs] = debt
    hh.debt_months[hs] = np.where(debt, rng.integers(1, 60, hs.size), 0)
    finances.update_flags(m, costs, hs)


def init_participation(m, rs, al: Aligner, rng) -> None:
    p, res, hh = m.p, m.residents, m.households
    adult = res.age[rs] >= 18
    w = adult * np.exp(-0.5 * hh.vulnerable[res.hh[rs]] + 0.3 * (res.age[rs] > 55))
    k = al.per_area(
        res.area[rs],
        "participation",
        lambda mask, a: scale_to_share(w[mask & adult], p.init.participation_share),
    )
    res.participates[rs] = rng.random(rs.size) < np.minimum(k * w, 1.0)


def _latent_start(
    m,
    name: str,
    raw: np.ndarray,
    rs,
    al: Aligner,
    threshold: float,
    share_above,
    lo: float,
    hi: float,
    adults: np.ndarray,
) -> None:
    """Set column ``name`` = raw + area intercept so that the share of adults above
    ``threshold`` equals ``share_above(area)``."""
    shift = al.per_area(
        m.residents.area[rs],
        name,
        lambda mask, a: shift_for_share_above(raw[mask & adults], threshold, share_above(a)),
    )
    m.latents[name][rs] = raw + shift  # unclipped: the personal level may lie beyond the scale
    getattr(m.residents, name)[rs] = np.clip(raw + shift, lo, hi)


def _transient(m, name: str, size: int, rng) -> np.ndarray:
    return m.transient_sd[name] * rng.standard_normal(size)


def init_health(m, rs, al: Aligner, rng) -> None:
    p, res, hh = m.p, m.residents, m.households
    age = res.age[rs]
    prevalence = np.minimum(illness_prevalence(p, age), 0.9)
    res.illness[rs] = (rng.random(rs.size) < prevalence) * p.event.illness_health_drop
    e = _transient(m, "health", rs.size, rng)
    m.transients["health"][rs] = e
    raw = (
        -p.health.age_slope * np.maximum(age - 40, 0)
        - res.illness[rs]
        - p.init.vulnerable_health_shift * hh.vulnerable[res.hh[rs]]
        + p.health.trait_sd * rng.standard_normal(rs.size)
        + e
    )
    _latent_start(
        m,
        "health",
        raw,
        rs,
        al,
        GOOD_HEALTH,
        lambda a: target(m, a, "good_health_share"),
        1.0,
        5.0,
        age >= 18,
    )


def init_recent_events(m, rs, rng, months: int = 36) -> None:
    """Strain of events in the past three years (job loss, illness) so that the
    start is not free of recent events."""
    from model.processes.life_events import job_loss_rate, memory_decay

    res = m.residents
    rate = illness_rate(m.p, res.age[rs]) + np.where(
        res.work[rs] == EMPLOYED, job_loss_rate(m, rs), 0.0
    )
    p_month = -np.expm1(-rate / 12.0)
    decay = memory_decay(m.p) ** np.arange(1, months + 1)
    hits = rng.random((months, rs.size)) < p_month
    # a sum over months in a fixed order, not a BLAS product: BLAS picks its kernel by
    # CPU, and the last bits of the result (so every later number) would differ by machine
    res.events[rs] = (decay[:, None] * hits).sum(axis=0)


def illness_prevalence(p: Group, age: np.ndarray) -> np.ndarray:
    """Share living with a recent-illness penalty: incidence over recovery rate."""
    return illness_rate(p, age) / p.event.illness_recovery


def tie_traits(m, rs, rng, al: Aligner | None = None) -> np.ndarray:
    """Wanted ties, sociability and the equilibrium number of close ties."""
    p, res, hh = m.p, m.residents, m.households
    adult = res.age[rs] >= 18
    mean = p.net.close_ties_mean
    wanted = np.maximum(1.0, np.round(mean + 1.5 * rng.standard_normal(rs.size)))
    risk = np.exp(0.02 * (res.age[rs] - 50) + 0.7 * res.lvb[rs] + 0.5 * hh.vulnerable[res.hh[rs]])
    al = al or Aligner(m, align=False)
    k_iso = al.per_area(
        res.area[rs],
        "isolated",
        lambda mask, a: scale_to_share(risk[mask & adult], p.net.close_ties_zero_share),
    )
    isolated = rng.random(rs.size) < np.minimum(k_iso * risk, 1.0)
    # number of close ties people keep up (their equilibrium); the non-isolated have
    # more, so that the mean over everyone is net.close_ties_mean
    others_mean = mean / max(1.0 - p.net.close_ties_zero_share, 1e-6)
    k = np.where(isolated, 0, 1 + rng.poisson(others_mean - 1, rs.size))
    res.wanted_ties[rs] = wanted
    res.stress[rs] = stress.stress_load(m, include_lonely=False, idx=rs)
    d = ties.personal_dissolution(m, rs)
    res.sociability[rs] = d * np.maximum(k, 0.3)
    return k


def init_ties(m, rs, rng, local: bool, al: Aligner) -> None:
    """Tie traits, ties elsewhere, and local ties as edges (for residents of 12
    and older; newcomers arrive without local ties)."""
    p, res, hh = m.p, m.residents, m.households
    if local:  # the 2021 start: scale tie hazards to the published average
        res.stress[rs] = stress.stress_load(m, include_lonely=False, idx=rs)
        m.ext_norm = float(ties.withdrawal(m, rs[res.age[rs] >= 18]).mean())
    k = np.where(res.age[rs] >= ties.TIE_AGE, tie_traits(m, rs, rng, al), 0)
    n_local = rng.binomial(k.astype(np.int64), p.net.local_tie_share)
    res.ext_ties[rs] = (k - n_local).astype(np.int16)
    if local:
        years = -hh.moved_in[res.hh[rs]] / 12.0
        # local ties end, or move out of the buurt with the other person
        decay = p.net.tie_dissolution_rate + p.mig.move_out
        kept = rng.binomial(n_local, 1.0 - np.exp(-decay * years))
        stubs = np.repeat(rs, kept)
        ties.form_ties(m, stubs, rng)
        net = m.network
        if len(net):
            m.tie_norm = float(ties.dissolution_multiplier(m, net.a, net.b, net.similar).mean())
    res.ties[: res.size] = m.network.degree(res.size)


def init_control_distress(m, rs, al: Aligner, rng) -> None:
    p, res, hh = m.p, m.residents, m.households
    adults = res.age[rs] >= 18
    vul = hh.vulnerable[res.hh[rs]]
    stress_now = res.stress[rs]
    e = _transient(m, "control", rs.size, rng)
    m.transients["control"][rs] = e
    raw = (
        p.control.trait_sd * rng.standard_normal(rs.size)
        - p.control.per_stress * stress_now
        - p.init.vulnerable_control_shift * vul
        + e
    )
    _latent_start(
        m,
        "control",
        raw,
        rs,
        al,
        LOW_CONTROL,
        lambda a: 1.0 - p.init.low_control_share,
        0.0,
        10.0,
        adults,
    )
    e = _transient(m, "distress", rs.size, rng)
    m.transients["distress"][rs] = e
    raw = (
        p.distress.trait_sd * rng.standard_normal(rs.size)
        + p.init.vulnerable_distress_shift * vul
        + p.distress.per_stress * stress_now
        - p.distress.support_relief * res.support[rs]
        - p.distress.control_relief * (res.control[rs] - 5.0)
        + e
    )
    _latent_start(
        m,
        "distress",
        raw,
        rs,
        al,
        HIGH_DISTRESS,
        lambda a: target(m, a, "psych_distress_share"),
        10.0,
        50.0,
        adults,
    )


def init_influence_trust(m, rs, al: Aligner, rng) -> None:
    p, res = m.p, m.residents
    adults = res.age[rs] >= 18
    e = _transient(m, "influence", rs.size, rng)
    m.transients["influence"][rs] = e
    raw = (
        p.influence.trait_sd * rng.standard_normal(rs.size)
        + p.influence.participation_gain * res.participates[rs]
        + e
    )
    _latent_start(
        m,
        "influence",
        raw,
        rs,
        al,
        AGREES,
        lambda a: p.init.felt_influence_share,
        0.0,
        10.0,
        adults,
    )
    e = _transient(m, "trust", rs.size, rng)
    m.transients["trust"][rs] = e
    raw = (
        p.trust.trait_sd * rng.standard_normal(rs.size)
        + p.trust.influence_effect * (res.influence[rs] - 5.0)
        + e
    )
    _latent_start(
        m,
        "trust",
        raw,
        rs,
        al,
        AGREES,
        lambda a: target(m, a, "trust_municipality_share"),
        0.0,
        10.0,
        adults,
    )


def init_loneliness(m, rs, al: Aligner, rng) -> None:
    """Two targets (lonely, severely lonely): intercept and trait spread per area."""
    res = m.residents
    adults = res.age[rs] >= 18
    drivers = ties.loneliness_drivers(m, rs)
    e = _transient(m, "lonely", rs.size, rng)
    m.transients["lonely"][rs] = e
    z = rng.standard_normal(rs.size)

    def fit_spread(mask, a):
        p1, p2 = target(m, a, "lonely_share"), target(m, a, "severely_lonely_share")
        sel = mask & adults

        def severe_share(sd):
            x = drivers[sel] + e[sel] + sd * z[sel]
            x = x + shift_for_share_above(x, LONELY, p1)
            return np.mean(np.clip(x, 0, 11) >= SEVERELY_LONELY)

        lo, hi = 0.01, 20.0
        for _ in range(40):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if severe_share(mid) < p2 else (lo, mid)
        return hi

    sd = al.per_area(res.area[rs], "lonely_spread", fit_spread)
    raw = drivers + e + sd * z
    _latent_start(
        m, "lonely", raw, rs, al, LONELY, lambda a: target(m, a, "lonely_share"), 0.0, 11.0, adults
    )


def warm_up_ties(m, rng, months: int = 60) -> None:
    """Ties elsewhere in 2021 come from years of making and losing ties: run
    that churn for five years on the frozen starting state so the start is its
    stationary spread (local ties already reflect time lived in the buurt)."""
    chances = ties.external_chances(m)  # the state is frozen: the same every month
    for _ in range(months):
        ties.external(m, rng, chances)


def warm_up_services(m, rng, months: int = 24) -> None:
    """Services in 2021 already had caseloads, waiting lists and recent clients:
    run help-seeking and intake for two years on the frozen starting state. Debts do not
    move in the frozen state, so debt counselling cases end helped at the rate debts are
    solved under counselling (debt.exit + svc.shv_exit), as they do in the run."""
    n = m.residents.size
    p = m.p
    solve = monthly_prob(p.debt.exit + p.svc.shv_exit)
    for month in range(-months, 0):
        m.month = month
        u = rng.random((4, n))
        services.close_cases(m, u[0], debt_solved=u[3] < solve)
        services.seek_and_wait(m, u[1], u[2])
        services.admit(m)
    m.month = 0


PERSON_DRIVERS = {
    "distress": stress.distress_drivers,
    "control": stress.control_drivers,
    "health": stress.health_drivers,
    "lonely": ties.loneliness_drivers,
    "trust": nbh_process.trust_drivers,
    "influence": nbh_process.influence_drivers,
}


def set_person_bases(m, rs, at_start: bool = True) -> None:
    """Personal levels: state minus its transient minus today's driver effect.

    The share of the drivers that comes from services (in care, helped in the last 12
    months, a long wait) is part of the observed 2021 state, so the bases of the starting
    residents leave it out. Arrivals come with no case here; their bases leave out the
    average service share of their buurt's starting residents instead, so newcomers are
    not, by construction, better or worse off than the residents they replace."""
    res = m.residents
    if at_start:
        service_part = _service_part(m, rs)
        for ai in np.unique(res.area[rs]):
            mine = res.area[rs] == ai
            m.alignment.setdefault(int(ai), {}).update(
                {f"service_part_{k}": float(v[mine].mean()) for k, v in service_part.items()}
            )
    for name, fn in PERSON_DRIVERS.items():
        base = m.latents[name][rs] - m.transients[name][rs] - fn(m, rs)
        if not at_start:
            part = np.zeros(len(m.areas))
            for a in np.unique(res.area[rs]):
                part[a] = m.alignment[int(a)][f"service_part_{name}"]
            base -= part[res.area[rs]]
        getattr(res, f"{name}_base")[rs] = base


def _service_part(m, rs) -> dict[str, np.ndarray]:
    """Per person and driver: the part of today's driver effect that comes from services."""
    res = m.residents
    cols = ("service", "waiting", "helped_month")
    saved = {c: getattr(res, c)[rs].copy() for c in cols}
    full = {name: fn(m, rs) for name, fn in PERSON_DRIVERS.items()}
    for c in cols:  # no case, no wait, never helped
        getattr(res, c)[rs] = RESIDENT_SCHEMA[c][1]
    try:
        return {name: full[name] - fn(m, rs) for name, fn in PERSON_DRIVERS.items()}
    finally:
        for c, v in saved.items():
            getattr(res, c)[rs] = v


def set_household_bases(m, hs) -> None:
    """Habitual savings level and the margin it goes with."""
    hh = m.households
    margin = hh.income[hs] - hh.costs[hs]
    e = m.transient_sd["buffer"] * rng_normal(m, hs.size)
    hh.margin_ref[hs] = margin
    # unexpected expenses keep savings below the habitual level by this much on average
    shock_gap = m.p.event.expense_shock * m.p.event.expense_shock_eur / 12.0 / m.p.fin.adjust_rate
    hh.buffer_base[hs] = hh.buffer[hs] - e + shock_gap


def rng_normal(m, size: int) -> np.ndarray:
    return m.streams["init"].standard_normal(size)
