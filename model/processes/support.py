"""Process 5, informal support ("samenredzaamheid"): household members and
close ties with spare capacity help. Capacity falls with one's own stress,
poor health and LVB, so where vulnerable people concentrate there is less to
give. Support saturates: a few capable helpers give most of the benefit."""

from __future__ import annotations

import numpy as np

from model.mathutil import in_slots
from model.param_spec import Param
from model.processes.process import Process
from model.processes.stress import rows
from model.scales import POOR_HEALTH

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "support.external_capacity",
        0.7,
        0.3,
        1.0,
        "capacity per tie",
        "Capacity to help of close ties living outside the simulated buurten",
        "assumption",
    ),
    Param(
        "support.saturation",
        3.0,
        1.0,
        5.0,
        "capable ties",
        "Number of capable helpers at which support reaches 63% of its maximum",
        "assumption: diminishing returns of support (RIVM: 4-5 good contacts suffice)",
    ),
    Param(
        "support.stress_limit",
        3.0,
        2.0,
        5.0,
        "stress units",
        "Stress at which a person has no capacity left to help others",
        "assumption",
    ),
    Param(
        "support.lvb_capacity",
        0.6,
        0.3,
        1.0,
        "ratio",
        "Capacity to help of people with LVB relative to others",
        "assumption: reduced zelfredzaamheid lowers samenredzaamheid (Aedes/RIGO)",
    ),
)


def capacity_to_help(m, idx: np.ndarray | None = None) -> np.ndarray:
    """Capacity to help of residents (all slots, or ``idx``), 0 to 1."""
    p, res, s = m.p, m.residents, rows(m, idx)
    cap = np.clip(1.0 - res.stress[s] / p.support.stress_limit, 0.0, 1.0)
    cap = cap * np.where(res.health[s] < POOR_HEALTH, 0.5, 1.0)
    cap = cap * np.where(res.lvb[s], p.support.lvb_capacity, 1.0)
    cap = cap * (res.age[s] >= 12)  # young children do not help (assumption)
    return np.where(res.alive[s], cap, 0.0)


def support_of(m, idx: np.ndarray) -> np.ndarray:
    """``support_from(m, capacity_to_help(m), idx)`` for a few residents (this month's
    arrivals), with the capacity computed only where it is read: theirs, their ties'
    and their households' members' (the same numbers; the rest of the city is skipped)."""
    res, net = m.residents, m.network
    n = res.size
    tied = np.concatenate([net.b[in_slots(net.a, idx)], net.a[in_slots(net.b, idx)]])
    members = np.flatnonzero(in_slots(np.maximum(res.hh[:n], 0), res.hh[idx]))
    need = np.unique(np.concatenate([idx, tied, members]))
    cap = np.zeros(n)
    cap[need] = capacity_to_help(m, need)
    return support_from(m, cap, idx)


def support_from(m, cap: np.ndarray, idx: np.ndarray | None = None) -> np.ndarray:
    """Support of residents (all, or ``idx``) given everyone's capacity to help."""
    p, res = m.p, m.residents
    n = res.size
    s = rows(m, idx)
    if idx is None:
        from_ties = m.network.adjacency(n) @ cap
    else:  # a few residents: sum over their edges only
        net = m.network
        pos = np.full(n, -1)
        pos[idx] = np.arange(idx.size)
        from_ties = np.bincount(
            pos[net.a][pos[net.a] >= 0], weights=cap[net.b][pos[net.a] >= 0], minlength=idx.size
        ) + np.bincount(
            pos[net.b][pos[net.b] >= 0], weights=cap[net.a][pos[net.b] >= 0], minlength=idx.size
        )
    h = np.maximum(res.hh[:n], 0)
    household_total = np.bincount(h, weights=cap, minlength=m.households.size)[h[s]]
    external = res.ext_ties[s] * p.support.external_capacity
    helpers = from_ties + household_total - cap[s] + external
    return np.where(res.alive[s], -np.expm1(-helpers / p.support.saturation), 0.0)


def step(m) -> None:
    res = m.residents
    n = res.size
    cap = capacity_to_help(m)
    res.help_capacity[:n] = cap
    res.support[:n] = support_from(m, cap)


PROCESS = Process("support", PARAMETERS, step)
