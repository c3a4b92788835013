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
from model.scales import POOR_HEALTH, SEVERELY_LONELY

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
        p["stress.w_debt"] * debt
        + p["stress.w_arrears"] * arrears
        + p["stress.w_unemployed"] * (res.work[s] == UNEMPLOYED)
        + p["stress.w_poor_health"] * (res.health[s] < POOR_HEALTH)
        + p["stress.w_parenting"] * parenting
        + p["stress.w_housing"] * poor_home
        + p["stress.w_events"] * res.events[s]
        + p["stress.w_nuisance"] * m.nbh.nuisance[np.maximum(res.area[s], 0)]
    )
    if include_lonely:
        load = load + p["stress.w_lonely"] * (res.lonely[s] >= SEVERELY_LONELY)
    return np.where(res.alive[s], load, 0.0)


def in_care(m, kinds: tuple[int, ...] = (), idx: np.ndarray | None = None) -> np.ndarray:
    service = m.residents.service[rows(m, idx)]
    if not kinds:
        return service != NO_SERVICE
    return is_any(service, kinds)


def distress_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return (
        p["distress.per_stress"] * res.stress[s]
        - p["distress.support_relief"] * res.support[s]
        - p["distress.control_relief"] * (res.control[s] - 5.0)
        - p["distress.service_relief"] * in_care(m, (SOCIAL_TEAM, GP_HEALTH), idx)
    )


def control_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return -p["control.per_stress"] * res.stress[s] + p["control.service_gain"] * in_care(
        m, (), idx
    )


def health_drivers(m, idx: np.ndarray | None = None) -> np.ndarray:
    p, res, s = m.p, m.residents, rows(m, idx)
    return (
        -p["health.age_slope"] * np.maximum(res.age[s] - 40.0, 0.0)
        - p["health.distress_slope"] * np.maximum(res.distress[s] - 20.0, 0.0)
        - res.illness[s]
        + p["health.service_gain"] * in_care(m, (GP_HEALTH,), idx)
    )


def resilience_index(m, idx: np.ndarray | None = None) -> np.ndarray:
    """Individual resilience 0-10: resources (control, support, health, savings)
    against strains (stress load, distress), as a logistic index with the
    resilience.w_* weights; 5 is where strains balance resources."""
    p, res, hh, s = m.p, m.residents, m.households, rows(m, idx)
    h = np.maximum(res.hh[s], 0)
    savings_ok = hh.buffer[h] >= p["fin.worry_buffer_months"] * np.maximum(hh.costs[h], 1.0)
    z = (
        p["resilience.w_control"] * (res.control[s] - 5.0)
        + p["resilience.w_support"] * (res.support[s] - 0.5)
        + p["resilience.w_health"] * (res.health[s] - 3.0)
        + p["resilience.w_savings"] * savings_ok
        - p["resilience.w_stress"] * res.stress[s]
        - p["resilience.w_distress"] * (res.distress[s] - 20.0)
    )
    return 10.0 / (1.0 + np.exp(-z))


def step(m) -> None:
    p, res, rng = m.p, m.residents, m.streams["stress"]
    n = res.size
    alive = res.alive[:n]
    res.stress[:n] = stress_load(m)
    for name, drivers, lo, hi in (
        ("distress", distress_drivers, 10.0, 50.0),
        ("control", control_drivers, 0.0, 10.0),
        ("health", health_drivers, 1.0, 5.0),
    ):
        col, base = getattr(res, name), getattr(res, f"{name}_base")
        new = relax(
            col[:n].astype(np.float64),
            base[:n] + drivers(m) + levers.at(m, f"{name}_offset", slice(0, n)),
            p[f"{name}.adjust"],
            m.noise_sd[name],
            rng,
        )
        col[:n] = np.where(alive, np.clip(new, lo, hi), col[:n])
    res.resilience[:n] = np.where(alive, resilience_index(m), 0.0)
