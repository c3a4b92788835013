"""Process 4, informal support ("samenredzaamheid"): household members and
close ties with spare capacity help. Capacity falls with one's own stress,
poor health and LVB, so where vulnerable people concentrate there is less to
give. Support saturates: a few capable helpers give most of the benefit."""

from __future__ import annotations

import numpy as np

from model.processes.stress import POOR_HEALTH


def capacity_to_help(m) -> np.ndarray:
    p, res = m.p, m.residents
    n = res.size
    cap = np.clip(1.0 - res.stress[:n] / p["support.stress_limit"], 0.0, 1.0)
    cap = cap * np.where(res.health[:n] < POOR_HEALTH, 0.5, 1.0)
    cap = cap * np.where(res.lvb[:n], p["support.lvb_capacity"], 1.0)
    cap = cap * (res.age[:n] >= 12)  # young children do not help (assumption)
    return np.where(res.alive[:n], cap, 0.0)


def step(m) -> None:
    p, res = m.p, m.residents
    n = res.size
    cap = capacity_to_help(m)
    res.help_capacity[:n] = cap
    from_ties = m.network.adjacency(n) @ cap
    h = np.maximum(res.hh[:n], 0)
    household_total = np.bincount(h, weights=cap, minlength=m.households.size)[h]
    external = res.ext_ties[:n] * p["support.external_capacity"]
    helpers = from_ties + household_total - cap + external
    res.support[:n] = np.where(res.alive[:n], -np.expm1(-helpers / p["support.saturation"]), 0.0)
