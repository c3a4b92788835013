"""Levers: the hooks through which interventions and shocks act on the processes.

Every month the levers are reset to their neutral (baseline) values; the
active interventions and shocks of a scenario then change them. A lever is
a scalar (same everywhere) or an array: per area ("area" levers, indexed by
buurt), per area and service kind ("service" levers), per household slot
("household" levers) or per resident slot ("resident" levers). Neutral values
leave every process exactly as in the baseline, which is what makes a
zero-intensity intervention equal to the baseline and keeps scenarios
bit-identical until their first start date.
"""

from __future__ import annotations

import numpy as np

# name -> (scope, neutral value, meaning)
LEVERS: dict[str, tuple[str, float, str]] = {
    "job_loss_multiplier": ("area", 1.0, "multiplier on job-loss hazards"),
    "job_finding_multiplier": ("area", 1.0, "multiplier on job-finding hazards"),
    "job_finding_boost": ("resident", 1.0, "per-person multiplier on job finding"),
    "eviction_multiplier": ("household", 1.0, "multiplier on evictions of tenants in arrears"),
    "energy_cost_multiplier": ("area", 1.0, "multiplier on energy bills"),
    "debt_onset_multiplier": (
        "household",
        1.0,
        "multiplier on arrears turning into problematic debt",
    ),
    "household_energy_multiplier": (
        "household",
        1.0,
        "multiplier on a household's energy bill (its dwelling was insulated)",
    ),
    "takeup_prompt": (
        "household",
        0.0,
        "chance this month that an approached non-claimer starts claiming bijstand (one-off)",
    ),
    "toeslag_prompt": (
        "household",
        0.0,
        "chance this month that an approached household starts claiming rent benefit (one-off)",
    ),
    "shv_dropout_multiplier": ("area", 1.0, "multiplier on drop-out from debt counselling"),
    "participation_stop_multiplier": ("area", 1.0, "multiplier on stopping activities"),
    "tie_dissolution_multiplier": ("area", 1.0, "multiplier on ties ending"),
    "alloc_screening": (
        "area",
        np.nan,
        "share of corporation lettings with screening (NaN: parameter alloc.screening)",
    ),
    "extra_capacity": ("service", 0.0, "extra cases per organisation"),
    "outreach_rate": (
        "service",
        0.0,
        "extra yearly help-seeking rate of people in need (outreach finds them)",
    ),
    "tie_formation_boost": ("resident", 0.0, "extra tie-making (share of sociability)"),
    "lonely_offset": ("resident", 0.0, "shift of the loneliness set-point (DJG points)"),
    "distress_offset": ("resident", 0.0, "shift of the distress set-point (K10 points)"),
    "health_offset": ("resident", 0.0, "shift of the health set-point (1-5 points)"),
    "control_offset": ("resident", 0.0, "shift of the sense-of-control set-point (0-10)"),
    "influence_offset": ("resident", 0.0, "shift of the felt-influence set-point (0-10)"),
    "parenting_relief": ("resident", 0.0, "share of single-parenting stress taken away"),
}


def neutral() -> dict[str, float]:
    """All levers at their neutral value (scalars; changed into arrays when set)."""
    return {name: value for name, (_, value, _) in LEVERS.items()}


def writable(m, name: str) -> np.ndarray:
    """The lever as an array of its scope that can be changed in place."""
    scope, neutral_value, _ = LEVERS[name]
    current = m.levers[name]
    if isinstance(current, np.ndarray):
        return current
    shape = {
        "area": (len(m.areas),),
        "service": (len(m.areas), 4),
        "household": (m.households.size,),
        "resident": (m.residents.size,),
    }[scope]
    array = np.full(shape, current if current is not None else neutral_value, dtype=float)
    m.levers[name] = array
    return array


def at(m, name: str, index) -> np.ndarray | float:
    """Lever values for the given areas or residents (a scalar when not set)."""
    value = m.levers[name]
    if not isinstance(value, np.ndarray):
        return value
    scope = LEVERS[name][0]
    if scope in ("resident", "household"):
        size = (m.residents if scope == "resident" else m.households).size
        if value.size < size:  # slots added since the lever was set: neutral
            value = np.concatenate([value, np.full(size - value.size, LEVERS[name][1])])
            m.levers[name] = value
    return value[index]
