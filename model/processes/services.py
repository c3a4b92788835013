"""Process 6, help-seeking and services. Residents with a problem ask for help
at a rate that rises with their sense of control and trust; organisations take
cases up to their capacity, the rest wait (first come, first served) or give
up. Care lowers distress, raises control and health and speeds debt exit
(see the other processes); being helped raises trust, a long wait lowers it.

One case per resident at a time; priority: debt counselling, social district
team, GP, welfare work. Debt counselling is a household case held by its
first adult.
"""

from __future__ import annotations

import numpy as np

from agents.organisation import CASE_KINDS, DEBT_COUNSELLING, GP_HEALTH, SOCIAL_TEAM, WELFARE_WORK
from agents.schema import NO_SERVICE
from model import levers
from model.mathutil import group_rank, monthly_prob
from model.param_spec import PRIORS, Param, Prior
from model.processes.process import Process
from model.scales import HIGH_DISTRESS, LONELY, POOR_HEALTH

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "help.delay_years_before_debt_help",
        5.0,
        3.0,
        7.0,
        "years",
        "Mean time from debt onset to asking debt help",
        f"Kat nota ({PRIORS})",
        prior=Prior("truncnorm", 5.0, 1.0),
    ),
    Param(
        "help.seek_wijkteam",
        0.25,
        0.1,
        1.0,
        "per distressed adult per year",
        "Asking the social district team for help with distress or multiple problems",
        "assumption",
    ),
    Param(
        "help.seek_gp",
        1.5,
        0.5,
        3.0,
        "per adult in poor health or distress per year",
        "Visiting the GP for health or distress",
        "assumption: GP care is accessible",
    ),
    Param(
        "help.seek_welfare",
        0.03,
        0.01,
        0.2,
        "per lonely adult per year",
        "Turning to welfare/community work because of loneliness",
        "assumption: most lonely people do not seek professional help",
    ),
    Param(
        "help.control_effect",
        0.25,
        0.0,
        0.5,
        "log-rate per point of control",
        "Help-seeking rises with sense of control",
        "assumption: WRR 2017 doenvermogen",
    ),
    Param(
        "help.trust_effect",
        0.15,
        0.0,
        0.4,
        "log-rate per point of trust",
        "Help-seeking rises with trust in the municipality",
        "assumption",
    ),
    Param(
        "svc.debt_capacity",
        10.0,
        3.0,
        20.0,
        "cases per 1,000 residents",
        "Caseload of debt counselling",
        "assumption: NVVK about 90,000 new applications a year nationally; scaled to buurt size",
        role="policy",
    ),
    Param(
        "svc.wijkteam_capacity",
        25.0,
        10.0,
        50.0,
        "cases per 1,000 residents",
        "Caseload of the social district team",
        "assumption: Maastricht 16% of residents had a "
        "social-domain provision (Monitor Sociaal Domein H1 2019); part of that is this team",
        role="policy",
    ),
    Param(
        "svc.gp_capacity",
        100.0,
        50.0,
        150.0,
        "cases per 1,000 residents",
        "Patients in active GP treatment for health or distress",
        "assumption",
    ),
    Param(
        "svc.welfare_capacity",
        10.0,
        3.0,
        20.0,
        "cases per 1,000 residents",
        "Clients of welfare/community work",
        "assumption",
        role="policy",
    ),
    Param(
        "svc.cost_debt_case",
        330.0,
        230.0,
        450.0,
        "EUR per case per month",
        "Municipal cost of a debt counselling case (regular service)",
        "derived: EUR 2,200 per debt-support trajectory started (Nijmegen 2015; range "
        "1,500-3,000, research notes cost.shv_per_household) over the model's mean case of "
        "about 6.7 months (1 / (svc.shv_dropout + svc.shv_exit + debt.exit) years)",
    ),
    Param(
        "svc.cost_social_team_case",
        417.0,
        333.0,
        542.0,
        "EUR per case per month",
        "Municipal cost of a social district team case (regular service)",
        "derived: Wmo ondersteuning thuis EUR 5,000 per client per year (CBS 84580NED and Wmo "
        "client counts; range 4,000-6,500) / 12",
    ),
    Param(
        "svc.cost_welfare_case",
        267.0,
        233.0,
        300.0,
        "EUR per case per month",
        "Municipal cost of a welfare work case (regular service)",
        "derived: average Wmo maatwerk EUR 3,200 per client per year (range 2,800-3,600) / 12; "
        "welfare work's own tariff not found (assumption: priced like Wmo maatwerk)",
    ),
    Param(
        "svc.shv_dropout",
        1.0,
        0.5,
        2.0,
        "per household per year",
        "Drop-out from debt counselling",
        f"derived: 40% drop out before an arrangement ({PRIORS} svc.shv_dropout_pre_arrangement)",
    ),
    Param(
        "svc.case_months",
        9.0,
        3.0,
        18.0,
        "months",
        "Mean duration of social-team and welfare cases",
        "assumption",
    ),
    Param(
        "svc.gp_case_months",
        3.0,
        1.0,
        6.0,
        "months",
        "Mean duration of GP treatment episodes",
        "assumption",
    ),
    Param(
        "svc.wait_giveup",
        0.1,
        0.02,
        0.3,
        "per month",
        "Leaving a waiting list without help",
        "assumption",
    ),
    Param(
        "help.gp_need_distress",
        25.0,
        20.0,
        30.0,
        "K10 score (10-50)",
        "Distress at which an adult needs the GP or mental-health care (below the K10 >= 30 "
        "high-risk cut, with poor health the other reason)",
        "assumption: K10 20-29 is 'moderate' distress (Andrews & Slade 2001), for which care "
        "is often sought; 25 is the middle of that band",
    ),
    Param(
        "help.wijkteam_need_stress",
        2.0,
        1.0,
        3.0,
        "stress load (weighted active problems)",
        "Stress load at which an adult needs the social district team (besides high distress)",
        "assumption: about two weighted problems at once, e.g. debt with unemployment, the "
        "'multiple problems' the wijkteam is for",
    ),
)


def needs(m) -> np.ndarray:
    """The service each resident needs most now (NO_SERVICE if none)."""
    res, hh = m.residents, m.households
    n = res.size
    adult = res.alive[:n] & (res.age[:n] >= 18)
    h = np.maximum(res.hh[:n], 0)
    debt_contact = hh.debt[h] & (m.first_adult()[h] == np.arange(n))
    distress = res.distress[:n]
    need = np.full(n, NO_SERVICE, dtype=np.int8)
    need = np.where(adult & (res.lonely[:n] >= LONELY), WELFARE_WORK, need)
    need = np.where(
        adult & ((res.health[:n] < POOR_HEALTH) | (distress >= m.p.help.gp_need_distress)),
        GP_HEALTH,
        need,
    )
    need = np.where(
        adult & ((distress >= HIGH_DISTRESS) | (res.stress[:n] >= m.p.help.wijkteam_need_stress)),
        SOCIAL_TEAM,
        need,
    )
    need = np.where(adult & debt_contact, DEBT_COUNSELLING, need)
    return need.astype(np.int8)


def seek_rates(m) -> np.ndarray:
    """Yearly help-seeking rate per kind for the given need."""
    p = m.p
    rates = np.zeros(len(CASE_KINDS))
    rates[DEBT_COUNSELLING] = 1.0 / p.help.delay_years_before_debt_help
    rates[SOCIAL_TEAM] = p.help.seek_wijkteam
    rates[GP_HEALTH] = p.help.seek_gp
    rates[WELFARE_WORK] = p.help.seek_welfare
    return rates


def close_rates(m) -> np.ndarray:
    p = m.p
    rates = np.zeros(len(CASE_KINDS))
    rates[DEBT_COUNSELLING] = p.svc.shv_dropout  # plus closing when the debt is solved
    rates[SOCIAL_TEAM] = rates[WELFARE_WORK] = 12.0 / p.svc.case_months
    rates[GP_HEALTH] = 12.0 / p.svc.gp_case_months
    return rates


def case_cost(m, rs: np.ndarray) -> np.ndarray:
    """Municipal cost this month (EUR) of the cases of residents ``rs``: debt counselling,
    the social district team and welfare work; GP care is paid by the health insurers
    (Zvw), not the municipality. Places a programme adds (the lever ``extra_capacity``)
    are in the programme's cost, so where an organisation holds more cases than its
    regular places, each case carries the regular share of its price."""
    p, res = m.p, m.residents
    n_kinds = len(CASE_KINDS)
    per_kind = np.zeros(n_kinds + 1)  # the last entry: no case
    per_kind[DEBT_COUNSELLING] = p.svc.cost_debt_case
    per_kind[SOCIAL_TEAM] = p.svc.cost_social_team_case
    per_kind[WELFARE_WORK] = p.svc.cost_welfare_case
    service = res.service[rs]
    kind = np.where(service == NO_SERVICE, n_kinds, service).astype(np.int64)
    area = np.maximum(res.area[rs], 0).astype(np.int64)
    load = caseload(m).reshape(len(m.areas), n_kinds)
    extra = np.round(m.levers["extra_capacity"]) * np.ones((len(m.areas), n_kinds))
    regular = np.maximum(m.capacity - extra, 0)
    share = np.ones((len(m.areas), n_kinds + 1))
    share[:, :n_kinds] = np.where(load > regular, regular / np.maximum(load, 1), 1.0)
    return per_kind[kind] * share[area, kind]


def capacities(m) -> np.ndarray:
    """Cases each organisation can carry: array [area, kind]."""
    pop = np.array([a.population for a in m.areas], dtype=float)
    cap = np.zeros((len(m.areas), len(CASE_KINDS)), dtype=np.int64)
    per_1000 = {
        DEBT_COUNSELLING: m.p.svc.debt_capacity,
        SOCIAL_TEAM: m.p.svc.wijkteam_capacity,
        GP_HEALTH: m.p.svc.gp_capacity,
        WELFARE_WORK: m.p.svc.welfare_capacity,
    }
    for kind, value in per_1000.items():
        cap[:, kind] = np.round(value * pop / 1000.0)
    cap = cap + np.round(m.levers["extra_capacity"]).astype(np.int64)
    return cap


def close_cases(m, u: np.ndarray, debt_solved: np.ndarray | None = None) -> None:
    """Cases end (helped, or debt counselling dropped out); a debt counselling case also
    ends, helped, when the household's debt is solved. ``debt_solved`` overrides that
    test where the debts themselves do not move (the warm-up)."""
    res, hh = m.residents, m.households
    n = res.size
    service = res.service[:n]
    in_case = res.alive[:n] & (service != NO_SERVICE)
    kind = np.maximum(service, 0)
    rate = close_rates(m)[kind] * np.where(
        service == DEBT_COUNSELLING,
        levers.at(m, "shv_dropout_multiplier", np.maximum(res.area[:n], 0)),
        1.0,
    )
    ends = in_case & (u < monthly_prob(rate))
    if debt_solved is None:
        debt_solved = ~hh.debt[np.maximum(res.hh[:n], 0)]
    debt_solved = (service == DEBT_COUNSELLING) & debt_solved
    dropout = ends & (service == DEBT_COUNSELLING) & ~debt_solved
    helped = (ends & ~dropout) | (in_case & debt_solved)
    res.helped_month[:n] = np.where(helped, m.month, res.helped_month[:n])
    res.service[:n] = np.where(ends | debt_solved, NO_SERVICE, service)


def seek_and_wait(m, u_seek: np.ndarray, u_quit: np.ndarray) -> None:
    p, res = m.p, m.residents
    n = res.size
    waiting = res.waiting[:n]
    quits = (waiting != NO_SERVICE) & (u_quit < monthly_prob(12.0 * p.svc.wait_giveup))
    res.waiting[:n] = np.where(quits, NO_SERVICE, waiting)
    need = needs(m)
    free = (
        res.alive[:n]
        & (need != NO_SERVICE)
        & (res.service[:n] == NO_SERVICE)
        & (res.waiting[:n] == NO_SERVICE)
    )
    modifier = np.exp(
        p.help.control_effect * (res.control[:n] - 5.0)
        + p.help.trust_effect * (res.trust[:n] - 5.0)
    )
    outreach = m.levers["outreach_rate"]
    if isinstance(outreach, np.ndarray):  # per area and kind
        outreach = outreach[np.maximum(res.area[:n], 0), np.maximum(need, 0)]
    rate = seek_rates(m)[np.maximum(need, 0)] * modifier + outreach
    seek = free & (u_seek < monthly_prob(rate))
    res.waiting[:n] = np.where(seek, need, res.waiting[:n])
    res.wait_since[:n] = np.where(seek, m.month, res.wait_since[:n])


def caseload(m) -> np.ndarray:
    """Open cases per organisation, flat over [area, kind]."""
    res = m.residents
    n = res.size
    n_kinds = len(CASE_KINDS)
    service = res.service[:n]
    area = np.maximum(res.area[:n], 0)
    in_case = res.alive[:n] & (service != NO_SERVICE)
    return np.bincount(area[in_case] * n_kinds + service[in_case], minlength=len(m.areas) * n_kinds)


def admit(m) -> None:
    """Fill free places from the waiting lists, longest waiting first."""
    res = m.residents
    n = res.size
    n_kinds = len(CASE_KINDS)
    area = np.maximum(res.area[:n], 0)
    load = caseload(m)
    free = np.maximum(m.capacity.ravel() - load, 0)
    cand = np.flatnonzero(res.alive[:n] & (res.waiting[:n] != NO_SERVICE))
    if cand.size:
        group = area[cand] * n_kinds + res.waiting[cand]
        order = np.lexsort((cand, res.wait_since[cand], group))
        cand, group = cand[order], group[order]
        admit = cand[group_rank(group) < free[group]]
        res.service[admit] = res.waiting[admit]
        res.service_since[admit] = m.month
        res.waiting[admit] = NO_SERVICE


def report(m) -> None:
    """Copy caseloads and waiting lists onto the Organisation agents."""
    res = m.residents
    n = res.size
    n_kinds = len(CASE_KINDS)
    idx = res.alive[:n]
    area = np.maximum(res.area[:n], 0)
    size = len(m.areas) * n_kinds
    on = idx & (res.service[:n] != NO_SERVICE)
    wait = idx & (res.waiting[:n] != NO_SERVICE)
    load = np.bincount(area[on] * n_kinds + res.service[:n][on], minlength=size)
    queue = np.bincount(area[wait] * n_kinds + res.waiting[:n][wait], minlength=size)
    for org in m.case_organisations:
        g = org.area * n_kinds + org.kind
        org.capacity, org.caseload, org.waiting = (
            int(m.capacity.ravel()[g]),
            int(load[g]),
            int(queue[g]),
        )


def step(m) -> None:
    rng, n = m.streams["services"], m.residents.size
    m.capacity = capacities(m)  # levers may have changed it
    u = rng.random((3, n))
    close_cases(m, u[0])
    seek_and_wait(m, u[1], u[2])
    admit(m)
    report(m)


def setup(m) -> None:
    """Cases each organisation can carry at the start."""
    m.capacity = capacities(m)


PROCESS = Process("services", PARAMETERS, step, setup=setup)
