"""Compare a synthetic population with the CBS 2017 figures it was built from."""

from __future__ import annotations

import numpy as np

from agents.schema import COUPLE, COUPLE_KIDS, OTHER, SINGLE, SINGLE_PARENT
from model.inputs.areas import AGE_BAND_EDGES, AGE_BANDS, Area

HH_GROUPS = {
    "single": (SINGLE,),
    "without_children": (COUPLE, OTHER),
    "with_children": (COUPLE_KIDS, SINGLE_PARENT),
}
TOLERANCE = {"population_pct": 2.0, "households_pct": 3.0, "share_pp": 2.0}


def compare(model) -> list[dict]:
    """Rows (area, measure, CBS, synthetic, difference, tolerance, ok) at month 0 or now."""
    res, hh = model.residents, model.households
    rows: list[dict] = []
    for ai, area in enumerate(model.areas):
        people = res.active()[res.area[res.active()] == ai]
        homes = hh.active()[hh.area[hh.active()] == ai]
        rows += _rows_for(area, res.age[people], hh.kind[homes])
    return rows


def _rows_for(area: Area, ages: np.ndarray, kinds: np.ndarray) -> list[dict]:
    def row(measure, cbs, synthetic, diff, unit, tol):
        return {
            "area": area.name,
            "measure": measure,
            "cbs": cbs,
            "synthetic": synthetic,
            "difference": diff,
            "unit": unit,
            "tolerance": tol,
            "ok": abs(diff) <= tol,
        }

    out = [
        row(
            "population",
            area.population,
            ages.size,
            100 * (ages.size - area.population) / area.population,
            "%",
            TOLERANCE["population_pct"],
        ),
        row(
            "households",
            area.households,
            kinds.size,
            100 * (kinds.size - area.households) / area.households,
            "%",
            TOLERANCE["households_pct"],
        ),
    ]
    counts = np.histogram(ages, bins=AGE_BAND_EDGES)[0] / max(ages.size, 1)
    for band, cbs, syn in zip(AGE_BANDS, area.age_shares, counts, strict=True):
        out.append(
            row(
                f"age {band.replace('_', '-')}",
                100 * cbs,
                100 * syn,
                100 * (syn - cbs),
                "pp",
                TOLERANCE["share_pp"],
            )
        )
    for (name, codes), cbs in zip(HH_GROUPS.items(), area.hh_shares, strict=True):
        syn = np.isin(kinds, codes).mean() if kinds.size else 0.0
        out.append(
            row(
                f"households {name.replace('_', ' ')}",
                100 * cbs,
                100 * syn,
                100 * (syn - cbs),
                "pp",
                TOLERANCE["share_pp"],
            )
        )
    return out
