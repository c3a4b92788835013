"""What the Inspect panel shows about one household or resident, read through the
Mesa agent objects (agents.Household, agents.Resident), not the raw columns, so
the panel shows what the agents themselves report. Field names and code values
are shown in the chosen language through ``agents.labels``."""

from __future__ import annotations

import numpy as np

from agents.labels import code_label, field_label, yes_no
from model.resilience_model import ResilienceModel
from viz.labels import DEFAULT_LANG


def household_slots(m: ResilienceModel) -> np.ndarray:
    return m.households.active()


def resident_slots(m: ResilienceModel) -> np.ndarray:
    return m.residents.active()


def labelled(row: dict[str, object], lang: str = DEFAULT_LANG) -> dict[str, object]:
    """The same row with field names as the user reads them ('Netto inkomen ...')."""
    return {field_label(key, lang): value for key, value in row.items()}


def _problems(r, lang: str) -> str:
    return ", ".join(r.problems_in(lang)) or "-"


def resident_row(r, lang: str = DEFAULT_LANG) -> dict[str, object]:
    """One resident's state in plain units (K10, De Jong Gierveld, 0-10 scales)."""
    return {
        "resident": r.slot,
        "age": int(r.age),
        "work": code_label("work", r.work_status, lang),
        "resilience": round(float(r.resilience), 1),
        "distress_k10": round(float(r.distress), 1),
        "loneliness_djg": round(float(r.lonely), 1),
        "health_1_5": round(float(r.health), 1),
        "trust_0_10": round(float(r.trust), 1),
        "problems": _problems(r, lang),
        "close_ties": len(r.tie_partners),
    }


def inspect_household(m: ResilienceModel, slot: int, lang: str = DEFAULT_LANG) -> dict | None:
    """A living household, its money and its members; None if there is none at ``slot``."""
    if not (0 <= slot < m.households.size and m.households.alive[slot]):
        return None
    h = m.household_agent(slot)
    return {
        "household": slot,
        "buurt": m.areas[int(h.area)].name,
        "kind": code_label("kind", h.kind_name, lang),
        "tenure": code_label("tenure", h.tenure, lang),
        "income_eur_month": round(float(h.income)),
        "fixed_costs_eur_month": round(float(h.costs)),
        "savings_eur": round(float(h.buffer)),
        "arrears": yes_no(h.arrears, lang),
        "problematic_debt": yes_no(h.debt, lang),
        "members": [resident_row(r, lang) for r in h.members],
    }


def inspect_resident(m: ResilienceModel, slot: int, lang: str = DEFAULT_LANG) -> dict | None:
    """A living resident, their problems and their close ties; None if there is none."""
    if not (0 <= slot < m.residents.size and m.residents.alive[slot]):
        return None
    r = m.resident_agent(slot)
    ties = [
        {
            "resident": p.slot,
            "age": int(p.age),
            "buurt": m.areas[int(p.area)].name,
            "household": int(p.hh),
            "problems": _problems(p, lang),
        }
        for p in r.tie_partners
    ]
    return {
        "state": resident_row(r, lang),
        "household": int(r.hh),
        "buurt": m.areas[int(r.area)].name,
        "ties": ties,
        "ties_outside_buurten": int(r.ext_ties),
    }
