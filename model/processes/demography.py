"""Process 11, demography: ageing, deaths (Gompertz mortality, higher in poor
health and for the socially isolated), births in couples, children coming of
age and leaving home, retirement."""

from __future__ import annotations

import numpy as np

from agents.schema import (
    CHILD,
    COUPLE,
    COUPLE_KIDS,
    EMPLOYED,
    R_CHILD,
    R_PARENT,
    R_PARTNER,
    RETIRED,
    STUDENT,
    UNEMPLOYED,
)
from model.mathutil import DT, in_slots, is_any, monthly_prob
from model.param_spec import PRIORS, Param, Prior
from model.processes import housing, mobility
from model.processes.process import Process
from model.scales import POOR_HEALTH

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "fin.student_income",
        900.0,
        600.0,
        1200.0,
        "EUR per month",
        "Income of a student (loan, grant, side job)",
        "assumption: DUO plus a side job",
    ),
    Param(
        "demo.mortality_65",
        0.010,
        0.007,
        0.014,
        "per person per year at age 65",
        "Mortality at age 65 (Gompertz anchor)",
        "assumption: CBS life tables, order of magnitude",
    ),
    Param(
        "demo.mortality_doubling_years",
        8.0,
        7.0,
        10.0,
        "years",
        "Age span over which mortality doubles",
        "assumption: Gompertz law for Dutch adults",
    ),
    Param(
        "demo.poor_health_mortality",
        1.5,
        1.0,
        2.5,
        "ratio",
        "Mortality of people in poor health",
        "assumption",
    ),
    Param(
        "mech.social_rel_survival_OR",
        1.5,
        1.42,
        1.91,
        "odds ratio",
        "Survival advantage of people with at least two close ties",
        f"Holt-Lunstad et al. 2010 ({PRIORS})",
        prior=Prior("truncnorm", 1.5, 0.1225),
    ),
    Param(
        "demo.fertility",
        0.08,
        0.05,
        0.1,
        "births per woman 20-40 in a couple per year",
        "Births",
        "derived: total fertility about 1.6 (CBS 2021) over the 20-40 age span, "
        "concentrated in couples",
    ),
    Param(
        "demo.leave_home",
        0.15,
        0.08,
        0.3,
        "per adult child per year",
        "Adult children leaving the parental home (for a home of their own, in the city "
        "or outside it: mobility.leave_or_search)",
        "assumption: most leave between 18 and 30",
    ),
    Param(
        "demo.retirement_age",
        67.0,
        66.0,
        68.0,
        "years",
        "State pension (AOW) age",
        "Rijksoverheid: AOW age 67 from 2024",
        role="fixed",
    ),
)


def mortality(m) -> np.ndarray:
    p, res = m.p, m.residents
    n = res.size
    age = res.age[:n]
    base = p.demo.mortality_65 * 2.0 ** ((age - 65.0) / p.demo.mortality_doubling_years)
    close = res.ties[:n] + res.ext_ties[:n] + is_any(res.role[:n], (R_PARTNER, R_PARENT))
    isolated = close < 2
    return (
        base
        * np.where(res.health[:n] < POOR_HEALTH, p.demo.poor_health_mortality, 1.0)
        * np.where(isolated, p.mech.social_rel_survival_OR, 1.0)
    )


def _deaths(m, u: np.ndarray) -> None:
    res = m.residents
    n = res.size
    dead = np.flatnonzero(res.alive[:n] & (u < monthly_prob(mortality(m))))
    if dead.size == 0:
        return
    hh_of = np.unique(res.hh[dead])
    partners = res.active()[in_slots(res.hh[res.active()], hh_of)]
    res.events[partners] += 1.0  # bereavement
    m.remove_residents(dead, "died")
    m.refresh_households(hh_of)


def _births(m, u: np.ndarray, rng: np.random.Generator) -> None:
    p, res, hh = m.p, m.residents, m.households
    n = res.size
    mother = (
        res.alive[:n]
        & res.female[:n]
        & (res.age[:n] >= 20)
        & (res.age[:n] < 40)
        & is_any(res.role[:n], (R_PARTNER, R_PARENT))
        & is_any(hh.kind[np.maximum(res.hh[:n], 0)], (COUPLE, COUPLE_KIDS))
    )
    born_to = np.flatnonzero(mother & (u < monthly_prob(p.demo.fertility)))
    if born_to.size == 0:
        return
    m.add_babies(born_to, rng)
    m.refresh_households(np.unique(res.hh[born_to]))


def _coming_of_age(m, before: np.ndarray, u: np.ndarray, rng: np.random.Generator) -> None:
    """Turning 18: study or work; reaching pension age: retire."""
    p, res = m.p, m.residents
    n = res.size
    age = res.age[:n]
    adult_now = np.flatnonzero(
        res.alive[:n] & (before < 18) & (age >= 18) & (res.work[:n] == CHILD)
    )
    if adult_now.size:
        study = u[adult_now] < p.init.student_share_18_24
        employed = (
            u[adult_now]
            < p.init.student_share_18_24 + (1 - p.init.student_share_18_24) * p.init.employment_rate
        )
        res.work[adult_now] = np.where(study, STUDENT, np.where(employed, EMPLOYED, UNEMPLOYED))
        res.wage[adult_now] = np.where(
            study, p.fin.student_income, m.draw_wages(adult_now, rng) * 0.7
        )
    retire = np.flatnonzero(
        res.alive[:n] & (before < p.demo.retirement_age) & (age >= p.demo.retirement_age)
    )
    if retire.size:
        res.work[retire] = RETIRED
        res.wage[retire] = m.pension_per_person(retire)


def _leave_home(m, u: np.ndarray) -> None:
    res = m.residents
    n = res.size
    grown = res.alive[:n] & (res.role[:n] == R_CHILD) & (res.age[:n] >= 18)
    grown &= ~housing.searching_people(m)[:n]
    leave = np.flatnonzero(grown & (u < monthly_prob(m.p.demo.leave_home)))
    if leave.size:
        mobility.leave_or_search(m, leave, m.streams["demography"].random(leave.size))


def step(m) -> None:
    rng, res = m.streams["demography"], m.residents
    n = res.size
    u = rng.random((4, n))
    before = res.age[:n].copy()
    res.age[:n] = np.where(res.alive[:n], res.age[:n] + DT, res.age[:n])
    _deaths(m, u[0])
    _coming_of_age(m, before, u[1], rng)
    _leave_home(m, u[2])
    _births(m, u[3], rng)


PROCESS = Process("demography", PARAMETERS, step)
