"""Process 1, life events: job loss and finding, illness, separation,
unexpected expenses and evictions. Events add to a decaying 'recent events'
strain that feeds stress."""

from __future__ import annotations

import numpy as np

from agents.schema import (
    CORPORATION,
    COUPLE,
    COUPLE_KIDS,
    EMPLOYED,
    R_PARENT,
    R_PARTNER,
    UNEMPLOYED,
)
from model import levers
from model.mathutil import DT, in_slots, is_any, monthly_prob
from model.param_spec import PRIORS, Group, Param, Prior
from model.processes import finances, housing, mobility
from model.processes.process import Process

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "event.job_loss",
        0.05,
        0.03,
        0.08,
        "per employed person per year",
        "Job loss",
        f"UWV WW inflow ({PRIORS} event.job_loss, range 0.03-0.08); 0.055 balances the "
        "expected job losses and job findings (rates below) of the focus buurten in June "
        "2021 (mean of 10 seeds 0.055, sd 0.003; experiments/stationarity.py)",
        prior=Prior("truncnorm", 0.05, 0.0125),
        calibrate=True,
    ),
    Param(
        "event.job_loss_vulnerable_multiplier",
        1.5,
        1.0,
        2.5,
        "ratio",
        "Job loss hazard of vulnerable or LVB workers relative to others",
        "assumption: flexible contracts concentrate among low-educated workers",
    ),
    Param(
        "event.job_finding",
        0.7,
        0.3,
        1.2,
        "per unemployed person per year",
        "Job finding outside bijstand",
        "assumption: about half of WW recipients find work within a year (UWV)",
    ),
    Param(
        "exit.bijstand_to_job",
        0.12,
        0.08,
        0.15,
        "per adult per year",
        "Job finding for adults in bijstand households",
        f"CBS 2021 ({PRIORS} exit.bijstand_to_job)",
        prior=Prior("truncnorm", 0.12, 0.017499999999999998),
        calibrate=True,
    ),
    Param(
        "event.illness",
        0.012,
        0.005,
        0.03,
        "per person per year at age 50",
        "Onset of a serious illness",
        f"derived from cancer incidence ~0.7%/yr ({PRIORS} "
        "event.cancer_dx) plus other serious conditions; assumption on the extra",
    ),
    Param(
        "event.illness_age_doubling",
        12.0,
        8.0,
        20.0,
        "years",
        "Age span over which illness incidence doubles",
        "assumption: steep age gradient of "
        "cancer and cardiovascular incidence (IKNL, age-adjusted)",
    ),
    Param(
        "event.illness_health_drop",
        0.8,
        0.4,
        1.5,
        "points on the 1-5 health scale",
        "Fall of the health set-point after a serious illness",
        "assumption",
    ),
    Param(
        "event.illness_recovery",
        0.5,
        0.2,
        1.0,
        "per year",
        "Rate at which the illness effect on health fades",
        "assumption: half recover within about 1.5 years, others stay chronically ill",
    ),
    Param(
        "event.separation",
        0.015,
        0.008,
        0.03,
        "per couple per year",
        "Separation of a couple; one partner leaves the buurt",
        f"derived: divorce 0.009 per married person, cohabiting parents 0.03 ({PRIORS} "
        "event.divorce, event.separation_cohabiting_parents)",
    ),
    Param(
        "event.expense_shock",
        1.0,
        0.5,
        2.0,
        "per household per year",
        "Unexpected expenses (repairs, appliances, fines)",
        "assumption",
        calibrate=True,
    ),
    Param(
        "event.expense_shock_eur",
        500.0,
        200.0,
        1000.0,
        "EUR (mean)",
        "Mean size of an unexpected expense (exponentially distributed)",
        "assumption",
    ),
    Param(
        "event.memory_halflife_months",
        6.0,
        3.0,
        12.0,
        "months",
        "Half-life of the strain of a recent life event",
        "assumption",
    ),
    Param(
        "event.eviction_given_arrears",
        0.009,
        0.005,
        0.02,
        "per corporation tenant in arrears per year",
        "Eviction of corporation tenants with payment arrears",
        f"derived: 1,200 evictions / 135,000 tenants in arrears (Aedes 2022; {PRIORS})",
        prior=Prior("truncnorm", 0.009, 0.00375),
    ),
)


def memory_decay(p: Group) -> float:
    """Monthly survival factor of the recent-events strain."""
    return 0.5 ** (1.0 / p.event.memory_halflife_months)


def illness_rate(p: Group, age: np.ndarray) -> np.ndarray:
    return p.event.illness * 2.0 ** ((age - 50.0) / p.event.illness_age_doubling)


def job_loss_rate(m, idx: np.ndarray) -> np.ndarray:
    p, res, hh = m.p, m.residents, m.households
    weak = hh.vulnerable[res.hh[idx]] | res.lvb[idx]
    mult = np.where(weak, p.event.job_loss_vulnerable_multiplier, 1.0)
    area = np.maximum(res.area[idx], 0)
    return (
        p.event.job_loss
        * m.job_loss_norm[area]
        * mult
        * levers.at(m, "job_loss_multiplier", res.area[idx])
    )


def job_finding_rate(m, idx: np.ndarray) -> np.ndarray:
    """Yearly rate at which the unemployed find work: slower for those entitled to
    bijstand (far from the labour market, claiming or not) and for LVB."""
    p, res, hh = m.p, m.residents, m.households
    entitled = hh.entitled[res.hh[idx]]
    rate = np.where(entitled, p.exit.bijstand_to_job, p.event.job_finding)
    return (
        rate
        * np.where(res.lvb[idx], 0.6, 1.0)
        * levers.at(m, "job_finding_multiplier", np.maximum(res.area[idx], 0))
        * levers.at(m, "job_finding_boost", idx)
    )


def step(m) -> None:
    p, rng, res, hh = m.p, m.streams["life_events"], m.residents, m.households
    n, nh = res.size, hh.size
    alive = res.alive[:n]
    u = rng.random((4, n))  # fixed-size draws keep scenarios paired (common random numbers)
    uh = rng.random((3, nh))
    res.events[:n] *= memory_decay(p)

    idx = np.arange(n)
    work = res.work[:n]
    employed = alive & (work == EMPLOYED)
    lose = np.flatnonzero(employed & (u[0] < monthly_prob(job_loss_rate(m, idx))))
    unemployed = alive & (work == UNEMPLOYED)
    find = unemployed & (u[1] < monthly_prob(job_finding_rate(m, idx)))
    still = np.flatnonzero(unemployed & ~find)
    find = np.flatnonzero(find)
    # the bijstand exit rate counts exits to work, so a job found from an entitled household
    # pays at least its norm, as the earners of the 2021 households that are not entitled do
    from_bijstand = find[hh.entitled[res.hh[find]]]
    # wages are kept in June-2021 euros (finances.earnings indexes them), so is the floor
    norm = finances.bijstand_norm(m, res.hh[from_bijstand]) / finances.dated(m)["benefits"]
    res.wage[from_bijstand] = np.maximum(res.wage[from_bijstand], 1.05 * norm)
    res.work[lose] = UNEMPLOYED
    res.unemployed_months[lose] = 0
    res.events[lose] += 1.0
    res.work[find] = EMPLOYED
    res.unemployed_months[find] = 0
    res.unemployed_months[still] = np.minimum(res.unemployed_months[still] + 1, 999)

    ill = np.flatnonzero(alive & (u[2] < monthly_prob(illness_rate(p, res.age[:n]))))
    res.illness[:n] *= np.exp(-p.event.illness_recovery * DT)
    res.illness[ill] += p.event.illness_health_drop
    res.events[ill] += 1.0

    _separations(m, uh[0], u[3])
    _expense_shocks(m, uh[1])
    _evictions(m, uh[2])


def _separations(m, u_hh: np.ndarray, u_person: np.ndarray) -> None:
    """A couple separates; one partner (more often the man) leaves: out of the city, or
    to a home of their own in it (until then the household stays as it was)."""
    p, res, hh = m.p, m.residents, m.households
    nh = hh.size
    couple = hh.alive[:nh] & is_any(hh.kind[:nh], (COUPLE, COUPLE_KIDS))
    # a couple where one partner is already looking for a home has separated already
    searching = np.bincount(
        res.hh[res.active()], weights=housing.searching_people(m)[res.active()], minlength=nh
    )[:nh]
    couple &= searching == 0
    split = np.flatnonzero(couple & (u_hh < monthly_prob(p.event.separation)))
    if split.size == 0:
        return
    people = res.active()
    partner = people[
        is_any(res.role[people], (R_PARTNER, R_PARENT)) & in_slots(res.hh[people], split)
    ]
    # the man leaves with probability 0.7 (assumption: children mostly stay with the mother)
    leaves_if_male = u_person[partner] < 0.7
    leaver = np.where(res.female[partner], ~leaves_if_male, leaves_if_male)
    out = partner[leaver]
    # households where the coin picked both or neither: keep exactly one leaver per household
    hh_of = res.hh[out]
    _, first = np.unique(hh_of, return_index=True)
    out = out[first]
    missing = np.setdiff1d(split, res.hh[out])
    if missing.size:
        extra = partner[in_slots(res.hh[partner], missing)]
        _, first = np.unique(res.hh[extra], return_index=True)
        out = np.concatenate([out, extra[first]])
    stay = np.setdiff1d(partner[in_slots(res.hh[partner], split)], out)
    res.events[stay] += 1.0
    mobility.leave_or_search(m, out, m.streams["life_events"].random(out.size))


def _expense_shocks(m, u_hh: np.ndarray) -> None:
    p, hh, rng = m.p, m.households, m.streams["life_events"]
    nh = hh.size
    size = rng.exponential(p.event.expense_shock_eur, nh)
    hit = hh.alive[:nh] & (u_hh < monthly_prob(p.event.expense_shock))
    hh.buffer[:nh] -= np.where(hit, size, 0.0).astype(np.float32)


def _evictions(m, u_hh: np.ndarray) -> None:
    p, hh, dw = m.p, m.households, m.dwellings
    nh = hh.size
    tenant = dw.tenure[np.maximum(hh.dwelling[:nh], 0)] == CORPORATION
    at_risk = hh.alive[:nh] & tenant & hh.arrears[:nh]
    rate = p.event.eviction_given_arrears * levers.at(m, "eviction_multiplier", slice(0, nh))
    at_risk &= ~housing.urgent_households(m)
    evicted = np.flatnonzero(at_risk & (u_hh < monthly_prob(rate)))
    housing.evict(m, evicted, m.streams["life_events"].random(evicted.size))


def setup(m) -> None:
    m.job_loss_norm = np.ones(len(m.areas))


def init(m) -> None:
    """Scale job loss per buurt, relative to the focus buurten, so that each buurt's
    June-2021 unemployment is as near its steady state as the focus buurten' is (their
    expected losses and finds keep the calibrated ratio). With one rate for all buurten,
    unemployment converged across buurten in a city run (the rest of the city from 10%
    towards 13% in ten years), and bijstand, debt and vulnerability followed: an
    artefact, not a mechanism. Relative to the focus buurten, so that the calibrated
    ``event.job_loss`` keeps its meaning and a run of the focus buurten alone is not
    changed by it beyond their difference from each other."""
    res = m.residents
    idx = res.active()
    k = len(m.areas)
    area = res.area[idx].astype(np.int64)
    work = res.work[idx]
    finds = np.bincount(
        area, weights=np.where(work == UNEMPLOYED, job_finding_rate(m, idx), 0.0), minlength=k
    )
    losses = np.bincount(
        area, weights=np.where(work == EMPLOYED, job_loss_rate(m, idx), 0.0), minlength=k
    )
    focus = m.view_rows.focus
    reference = finds[focus].sum() / max(losses[focus].sum(), 1e-12)
    ratio = np.where(losses > 0, finds / np.maximum(losses, 1e-12), reference)
    m.job_loss_norm = ratio / reference


PROCESS = Process("life_events", PARAMETERS, step, setup=setup, init=init)
