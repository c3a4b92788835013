"""Process 9, demography: ageing, deaths (Gompertz mortality, higher in poor
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
from model.scales import POOR_HEALTH


def mortality(m) -> np.ndarray:
    p, res = m.p, m.residents
    n = res.size
    age = res.age[:n]
    base = p["demo.mortality_65"] * 2.0 ** ((age - 65.0) / p["demo.mortality_doubling_years"])
    close = res.ties[:n] + res.ext_ties[:n] + is_any(res.role[:n], (R_PARTNER, R_PARENT))
    isolated = close < 2
    return (
        base
        * np.where(res.health[:n] < POOR_HEALTH, p["demo.poor_health_mortality"], 1.0)
        * np.where(isolated, p["mech.social_rel_survival_OR"], 1.0)
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
    born_to = np.flatnonzero(mother & (u < monthly_prob(p["demo.fertility"])))
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
        study = u[adult_now] < p["init.student_share_18_24"]
        employed = (
            u[adult_now]
            < p["init.student_share_18_24"]
            + (1 - p["init.student_share_18_24"]) * p["init.employment_rate"]
        )
        res.work[adult_now] = np.where(study, STUDENT, np.where(employed, EMPLOYED, UNEMPLOYED))
        res.wage[adult_now] = np.where(
            study, p["fin.student_income"], m.draw_wages(adult_now, rng) * 0.7
        )
    retire = np.flatnonzero(
        res.alive[:n] & (before < p["demo.retirement_age"]) & (age >= p["demo.retirement_age"])
    )
    if retire.size:
        res.work[retire] = RETIRED
        res.wage[retire] = m.pension_per_person(retire)


def _leave_home(m, u: np.ndarray) -> None:
    res = m.residents
    n = res.size
    grown = res.alive[:n] & (res.role[:n] == R_CHILD) & (res.age[:n] >= 18)
    leave = np.flatnonzero(grown & (u < monthly_prob(m.p["demo.leave_home"])))
    if leave.size == 0:
        return
    hh_of = np.unique(res.hh[leave])
    m.remove_residents(leave, "left_home")
    m.refresh_households(hh_of)


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
