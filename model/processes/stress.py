"""Process 3, stress and coping: the load of active problems (debt, arrears,
unemployment, poor health, severe loneliness, single parenting, a poor
dwelling, recent events, nuisance) moves psychological distress, sense of
control and health towards each person's own level plus the effect of that
load, buffered by support, control and care ("set-point" dynamics: with
unchanged circumstances people stay at their personal level).
"""

from __future__ import annotations

import numpy as np

from agents.organisation import GP_HEALTH, SOCIAL_TEAM
from agents.schema import NO_SERVICE, R_SINGLE_PARENT, UNEMPLOYED
from model import levers
from model.mathutil import is_any, relax
from model.param_spec import PRIORS, Param
from model.processes.process import Process, set_noise
from model.scales import POOR_HEALTH, SEVERELY_LONELY

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "stress.w_debt",
        0.8,
        0.5,
        1.5,
        "stress units",
        "Stress from problematic debt",
        "assumption: the largest single stressor; 0.8 together with distress.per_stress "
        "reproduces the published debt-distress odds ratio",
    ),
    Param(
        "stress.w_arrears",
        0.4,
        0.2,
        0.8,
        "stress units",
        "Stress from payment arrears",
        "assumption",
    ),
    Param(
        "stress.w_unemployed",
        0.6,
        0.3,
        1.0,
        "stress units",
        "Stress from unemployment",
        "assumption: unemployed have about twice the psychiatric morbidity (Trimbos NEMESIS-3)",
    ),
    Param(
        "stress.w_poor_health",
        0.6,
        0.3,
        1.0,
        "stress units",
        "Stress from poor health",
        "assumption",
    ),
    Param(
        "stress.w_lonely",
        0.4,
        0.2,
        0.8,
        "stress units",
        "Stress from severe loneliness",
        "assumption",
    ),
    Param(
        "stress.w_parenting",
        0.4,
        0.2,
        0.8,
        "stress units",
        "Stress of single parents with children under 12",
        "assumption",
    ),
    Param(
        "stress.w_housing",
        0.3,
        0.1,
        0.6,
        "stress units",
        "Stress from a poor-quality dwelling",
        "assumption",
    ),
    Param(
        "stress.w_events",
        0.8,
        0.4,
        1.2,
        "stress units per recent event",
        "Stress from recent life events (decaying)",
        "assumption",
    ),
    Param(
        "stress.w_nuisance",
        0.5,
        0.0,
        1.0,
        "stress units per unit nuisance share",
        "Stress from nuisance in the buurt",
        "assumption",
    ),
    Param(
        "distress.per_stress",
        2.5,
        2.0,
        6.0,
        "K10 points per stress unit",
        "Effect of stress on psychological distress",
        "assumption: with stress.w_debt 0.8 and init.vulnerable_distress_shift 1.5 the "
        "model's debt-distress odds ratio among adults in 2021 is 3.2 (3 seeds), as published "
        f"(Richardson et al. 2013: 3.24; {PRIORS} mech.debt_to_mental_OR)",
    ),
    Param(
        "distress.support_relief",
        3.0,
        1.0,
        5.0,
        "K10 points per unit support",
        "Buffering of distress by informal support",
        "assumption: direction from social-support buffering literature",
    ),
    Param(
        "distress.control_relief",
        0.8,
        0.3,
        1.5,
        "K10 points per point of control",
        "Buffering of distress by sense of control",
        "assumption",
    ),
    Param(
        "distress.service_relief",
        1.0,
        0.0,
        2.0,
        "K10 points",
        "Lower distress while in care (social district team or GP)",
        "own estimate, conservative: wijkteams showed no measured effect (CPB 2019), a "
        "home-visit RCT with older people was null (Bouman 2009), social prescribing has a "
        "prior of d -0.1 to -0.3 on wellbeing without robust trials; d -0.15 times a K10 sd "
        "of about 6 is about 1 point, the range d 0 to -0.3",
    ),
    Param(
        "distress.adjust", 0.25, 0.1, 0.5, "per month", "Speed of distress adjustment", "assumption"
    ),
    Param(
        "distress.noise",
        1.5,
        0.5,
        3.0,
        "K10 points (sd per month)",
        "Month-to-month fluctuation",
        "assumption",
    ),
    Param(
        "control.per_stress",
        0.6,
        0.2,
        1.0,
        "points (0-10) per stress unit",
        "Loss of sense of control under stress",
        "assumption: scarcity narrows bandwidth (WRR 2017)",
    ),
    Param(
        "control.service_gain",
        0.2,
        0.0,
        0.5,
        "points (0-10)",
        "Gain in control while in care",
        "own estimate, conservative: no trial of wijkteam or GP help measured sense of "
        "control; qualitative studies of social prescribing report more self-confidence "
        "(mechanisms 4.3); about d 0.1 of control.trait_sd 1.6, range 0 to d 0.3",
    ),
    Param(
        "control.adjust", 0.05, 0.02, 0.15, "per month", "Speed of control adjustment", "assumption"
    ),
    Param(
        "control.noise",
        0.3,
        0.1,
        0.6,
        "points (0-10, sd per month)",
        "Month-to-month fluctuation of sense of control",
        "assumption",
    ),
    Param(
        "health.noise",
        0.1,
        0.05,
        0.3,
        "points (1-5, sd per month)",
        "Month-to-month fluctuation of self-rated health",
        "assumption",
    ),
    Param(
        "health.age_slope",
        0.02,
        0.01,
        0.03,
        "points (1-5) per year of age above 40",
        "Decline of self-rated health with age",
        "assumption: RIVM age gradient in self-rated health",
    ),
    Param(
        "health.distress_slope",
        0.03,
        0.01,
        0.05,
        "points (1-5) per K10 point above 20",
        "Effect of distress on self-rated health",
        "assumption",
    ),
    Param(
        "health.adjust",
        0.05,
        0.02,
        0.15,
        "per month",
        "Speed of health adjustment",
        "assumption",
    ),
    Param(
        "health.service_gain",
        0.2,
        0.0,
        0.5,
        "points (1-5)",
        "Health gain while under GP care",
        "assumption",
    ),
    Param(
        "resilience.w_control",
        0.35,
        0.1,
        0.6,
        "index logit per point of control (0-10)",
        "Weight of sense of control in the resilience index",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.w_support",
        1.0,
        0.5,
        2.0,
        "index logit per unit support (0-1)",
        "Weight of informal support in the resilience index",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.w_health",
        0.5,
        0.2,
        1.0,
        "index logit per health point (1-5)",
        "Weight of self-rated health in the resilience index",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.w_savings",
        0.5,
        0.2,
        1.0,
        "index logit",
        "Weight of having savings of at least fin.worry_buffer_months",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.w_stress",
        0.8,
        0.4,
        1.2,
        "index logit per stress unit",
        "Weight of the stress load (strain) in the resilience index",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.w_distress",
        0.08,
        0.04,
        0.12,
        "index logit per K10 point",
        "Weight of psychological distress (strain) in the resilience index",
        "assumption: no published weighting of resources against strains; resources and "
        "strains get weights of similar size",
    ),
    Param(
        "resilience.threshold",
        5.0,
        4.0,
        6.0,
        "index points (0-10)",
        "Resilience index below which a person's resilience is 'under pressure'",
        "assumption: the point where strains outweigh resources",
    ),
)

POOR_DWELLING = 0.4


def rows(m, idx: np.ndarray | None) -> slice | np.ndarray:
    """All resident slots (a slice) or the given ones."""
    return slice(0, m.residents.size) if idx is None else idx


def stress_load(m, include_lonely: bool = True, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, hh, dw = m.p, m.residents, m.households, m.dwellings
    s = rows(m, idx)
    h = np.maximum(res.hh[s], 0)
    debt = hh.debt[h]
    arrears = hh.arrears[h] & ~debt
    young_child = m.household_any((res.age < 12) & res.alive)[h]
    parenting = ((res.role[s] == R_SINGLE_PARENT) & young_child) * (
        1.0 - np.minimum(levers.at(m, "parenting_relief", s), 1.0)
    )
    poor_home = dw.quality[np.maximum(hh.dwelling[h], 0)] < POOR_DWELLING
    load = (
        p.stress.w_debt * debt
        + p.stress.w_arrears * arrears
        + p.stress.w_unemployed * (res.work[s] == UNEMPLOYED)
        + p.stress.w_poor_health * (res.health[s] < POOR_HEALTH)
        + p.stress.w_parenting * parenting
        + p.stress.w_housing * poor_home
        + p.stress.w_events * res.events[s]
        + p.stress.w_nuisance * m.nbh.nuisance[np.maximum(res.area[s], 0)]
    )
    if include_lonely:
        load = load + p.stress.w_lonely * (res.lonely[s] >= SEVERELY_LONELY)
    return np.where(res.alive[s], load, 0.0)


def in_care(m, kinds: tuple[int, ...] = (), idx: np.ndarray | None = None) -> np.ndarray:
    service = m.residents.service[rows(m, idx)]
    if not kinds:
        return service != NO_SERVICE
    return is_any(service, kinds)


def distress_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return (
        p.distress.per_stress * res.stress[s]
        - p.distress.support_relief * res.support[s]
        - p.distress.control_relief * (res.control[s] - 5.0)
        - p.distress.service_relief * in_care(m, (SOCIAL_TEAM, GP_HEALTH), idx)
    )


def control_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return -p.control.per_stress * res.stress[s] + p.control.service_gain * in_care(m, (), idx)


def health_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return (
        -p.health.age_slope * np.maximum(res.age[s] - 40.0, 0.0)
        - p.health.distress_slope * np.maximum(res.distress[s] - 20.0, 0.0)
        - res.illness[s]
        + p.health.service_gain * in_care(m, (GP_HEALTH,), idx)
    )


def resilience_index(m, idx: np.ndarray | None = None) -> np.ndarray:
    """Individual resilience 0-10: resources (control, support, health, savings)
    against strains (stress load, distress), as a logistic index with the
    resilience.w_* weights; 5 is where strains balance resources."""
    p, res, hh, s = m.p, m.residents, m.households, rows(m, idx)
    h = np.maximum(res.hh[s], 0)
    savings_ok = hh.buffer[h] >= p.fin.worry_buffer_months * np.maximum(hh.costs[h], 1.0)
    z = (
        p.resilience.w_control * (res.control[s] - 5.0)
        + p.resilience.w_support * (res.support[s] - 0.5)
        + p.resilience.w_health * (res.health[s] - 3.0)
        + p.resilience.w_savings * savings_ok
        - p.resilience.w_stress * res.stress[s]
        - p.resilience.w_distress * (res.distress[s] - 20.0)
    )
    return 10.0 / (1.0 + np.exp(-z))


def step(m) -> None:
    p, res, rng = m.p, m.residents, m.streams["stress"]
    n = res.size
    alive = res.alive[:n]
    res.stress[:n] = stress_load(m)
    for name, drivers, lo, hi, speed in (
        ("distress", distress_drivers, 10.0, 50.0, p.distress.adjust),
        ("control", control_drivers, 0.0, 10.0, p.control.adjust),
        ("health", health_drivers, 1.0, 5.0, p.health.adjust),
    ):
        col, base = getattr(res, name), getattr(res, f"{name}_base")
        new = relax(
            col[:n].astype(np.float64),
            base[:n] + drivers(m) + levers.at(m, f"{name}_offset", slice(0, n)),
            speed,
            m.noise_sd[name],
            rng,
        )
        col[:n] = np.where(alive, np.clip(new, lo, hi), col[:n])
    res.resilience[:n] = np.where(alive, resilience_index(m), 0.0)


def setup(m) -> None:
    p = m.p
    set_noise(m, "distress", p.distress.adjust, p.distress.noise)
    set_noise(m, "control", p.control.adjust, p.control.noise)
    set_noise(m, "health", p.health.adjust, p.health.noise)


PROCESS = Process("stress", PARAMETERS, step, setup=setup)
