"""Derive the labelled inputs of the buurten that have no figure of their own.

No public source gives tenure, income or vulnerability per Maastricht buurt (see
``docs/data.md``), but the CBS 2017 demography does differ between buurten. This module
turns it into estimates that keep two things fixed: the city figures in the ``*`` rows
of ``area_inputs.csv`` (the weighted mean of all 44 buurten equals them) and the values
chosen for the focus buurten Nazareth and Pottenberg (kept as they are). It is run by
hand when those change, ``python -m model.inputs.derive``, and rewrites every other
buurt's rows; the model itself only reads the resulting CSV. ``tests`` check that the
shipped file is this module's output.

Indices (z-scores use the population-weighted mean and spread of the buurten; a buurt
whose percentages CBS suppressed gets 0, the city level):

- ``D`` (social-rent profile) = mean of the z-scores of % non-western migration
  background and % divorced, the two CBS 2017 buurt variables that most mark Dutch
  corporation buurten (RIGO/Aedes); Nazareth and Pottenberg score +1.2 and +1.4.
- ``Y`` (student profile) = z-score of % aged 15-24, for private rent in a student city.

Fits, each ``value = f(a + b * index)`` with ``a`` so that the city figure is met and
``b`` so that the focus buurten's mean (on the link scale) is reproduced:
``share_corporation`` logistic in D, ``share_private_rent`` logistic in Y,
``income_level`` exponential in D. Then ``vulnerable_share`` is proportional to
``share_corporation`` (Aedes 2023: 43% of social tenants have the lowest incomes),
``nuisance_share`` rises 15% from a city-average to a corporation buurt (RIGO 2018),
``share_flats`` scales the city assumption by urbanisation class, and
``livability_score`` stays the city grade (no buurt grade is public).
"""

from __future__ import annotations

import argparse
import csv
import math
from collections.abc import Callable, Sequence
from pathlib import Path

from core.store import write_bytes
from model.inputs.areas import (
    DEFAULT_KEY,
    FOCUS_AREAS,
    QUANTITIES,
    InputTable,
    area_inputs_csv,
    data_path,
    load_area_inputs,
    shipped_area_inputs_path,
)

FLAT_FACTORS = {1: 1.8, 2: 1.3, 3: 1.0, 4: 0.6, 5: 0.3}  # by CBS urbanisation class
FLAT_CAP = 0.95
NUISANCE_UPLIFT = 0.15  # RIGO 2018: 15% more nuisance in buurten > 2/3 corporation-owned
CORPORATION_BUURT, NATIONAL_CORPORATION = 2 / 3, 1 / 3  # RIGO threshold; SCP ~1/3 of households
SUPPRESSED = " (CBS suppressed the percentages: city level)"


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _bisect(g: Callable[[float], float], low: float, high: float) -> float:
    """Root of a monotone function g on [low, high]."""
    rising = g(high) > g(low)
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if (g(mid) < 0) == rising else (low, mid)
    return (low + high) / 2


def fit(
    index: Sequence[float],
    weight: Sequence[float],
    fixed: Sequence[float | None],
    city: float,
    link: Callable[[float], float],
    inverse: Callable[[float], float],
) -> tuple[float, float]:
    """(a, b) with ``value_i = inverse(a + b * index_i)`` for the buurten whose ``fixed``
    is None, such that the weighted mean over all buurten (fixed ones at their value) is
    ``city`` and the fixed buurten's mean ``link(value)`` equals mean ``a + b * index``."""
    anchors = [(x, link(v)) for x, v in zip(index, fixed, strict=True) if v is not None]
    anchor_x = sum(x for x, _ in anchors) / len(anchors)
    anchor_y = sum(y for _, y in anchors) / len(anchors)
    total = sum(weight)

    def intercept(b: float) -> float:
        def gap(a: float) -> float:
            values = [
                v if v is not None else inverse(a + b * x)
                for x, v in zip(index, fixed, strict=True)
            ]
            return sum(v * w for v, w in zip(values, weight, strict=True)) / total - city

        return _bisect(gap, -20.0, 20.0)

    def miss(b: float) -> float:  # fitted minus wanted at the anchors
        return intercept(b) + b * anchor_x - anchor_y

    b = _bisect(miss, -10.0, 10.0)
    return intercept(b), b


def _zscores(rows: list[dict], column: str) -> list[float]:
    pairs = [(float(r[column]), int(r["population"])) for r in rows if r[column].strip()]
    n = sum(w for _, w in pairs)
    mean = sum(v * w for v, w in pairs) / n
    sd = math.sqrt(sum((v - mean) ** 2 * w for v, w in pairs) / n)
    return [(float(r[column]) - mean) / sd if r[column].strip() else 0.0 for r in rows]


def derive(table: InputTable) -> InputTable:
    """The inputs of ``table`` with every buurt other than the focus buurten re-derived."""
    with data_path("cbs_buurten_2017.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = [r["area_code"] for r in rows]
    hh = [int(r["households"]) for r in rows]
    pop = [int(r["population"]) for r in rows]
    nonwestern = _zscores(rows, "pct_nonwestern_migration_bg")
    divorced = _zscores(rows, "pct_divorced")
    D = [(a + b) / 2 for a, b in zip(nonwestern, divorced, strict=True)]
    Y = _zscores(rows, "pct_age_15_24")
    suppressed = {r["area_code"] for r in rows if not r["pct_divorced"].strip()}
    city = {q: table[DEFAULT_KEY][q][0] for q in QUANTITIES}
    focus = {c: table[c] for c in FOCUS_AREAS}

    def fixed(quantity: str) -> list[float | None]:
        return [focus[c][quantity][0] if c in focus else None for c in codes]

    def focus_text(quantity: str) -> str:
        return " / ".join(f"{focus[c][quantity][0]:g}" for c in FOCUS_AREAS)

    out: InputTable = {DEFAULT_KEY: dict(table[DEFAULT_KEY]), **focus}
    values: dict[str, list[float]] = {}
    fits = {
        "share_corporation": (D, "D", logit, sigmoid, "logistic"),
        "share_private_rent": (Y, "Y", logit, sigmoid, "logistic"),
        "income_level": (D, "D", math.log, math.exp, "exponential"),
    }
    for quantity, (index, name, link, inverse, kind) in fits.items():
        a, b = fit(index, hh, fixed(quantity), city[quantity], link, inverse)
        values[quantity] = [inverse(a + b * x) for x in index]
        for code, x, v in zip(codes, index, values[quantity], strict=True):
            if code not in focus:
                out.setdefault(code, {})[quantity] = (
                    v,
                    "estimate",
                    f"{kind} in CBS 2017 index {name} = {x:+.2f}"
                    f"{SUPPRESSED if code in suppressed else ''}"
                    f": {a:.3f} {b:+.3f} * {name} "
                    f"(model/inputs/derive.py); fitted so that the household-weighted mean "
                    f"of the 44 buurten is the city {city[quantity]:g} ('*' row) and "
                    f"Nazareth / Pottenberg keep {focus_text(quantity)}",
                )
    _check_tenure(codes, values, focus)
    _proportional(out, codes, hh, values["share_corporation"], city, focus_text)
    _nuisance(out, codes, pop, values["share_corporation"], city, focus, focus_text)
    for code, row in zip(codes, rows, strict=True):
        if code in focus:
            continue
        k = int(row["stedelijkheid_1to5"])
        flats = min(city["share_flats"] * FLAT_FACTORS[k], FLAT_CAP)
        out[code]["share_flats"] = (
            flats,
            "estimate",
            f"city assumption {city['share_flats']:g} times {FLAT_FACTORS[k]:g} for CBS 2017 "
            f"urbanisation class {k} (at most {FLAT_CAP:g}); no buurt figure found",
        )
        out[code]["livability_score"] = (
            city["livability_score"],
            table[DEFAULT_KEY]["livability_score"][1],
            "city value ('*' row): no buurt grade is public "
            f"({table[DEFAULT_KEY]['livability_score'][2]})",
        )
    return out


def _check_tenure(codes: list[str], values: dict[str, list[float]], focus: dict) -> None:
    for code, corp, private in zip(
        codes, values["share_corporation"], values["share_private_rent"], strict=True
    ):
        if code not in focus and corp + private > 1:
            raise ValueError(f"{code}: derived rent shares exceed 1 ({corp:.3f} + {private:.3f})")


def _level(codes, weights, shape, fixed: dict, target: float) -> float:
    """The level ``a`` such that buurten at ``a * shape`` and the ``fixed`` ones at their
    own values have the weighted mean ``target`` (the city figure)."""
    wanted = target * sum(weights) - sum(
        w * fixed[code] for code, w in zip(codes, weights, strict=True) if code in fixed
    )
    rest = sum(w * s for code, w, s in zip(codes, weights, shape, strict=True) if code not in fixed)
    return wanted / rest


def _proportional(out, codes, hh, corp, city, focus_text) -> None:
    """vulnerable_share = k * share_corporation, k meeting the city figure."""
    fixed = {c: out[c]["vulnerable_share"][0] for c in FOCUS_AREAS}
    k = _level(codes, hh, corp, fixed, city["vulnerable_share"])
    for code, c in zip(codes, corp, strict=True):
        if code not in fixed:
            out[code]["vulnerable_share"] = (
                k * c,
                "estimate",
                f"{k:.3f} * share_corporation (Aedes 2023: 43% of social tenants have the "
                "lowest incomes); factor fitted so that the household-weighted mean of the 44 "
                f"buurten is the city {city['vulnerable_share']:g} and Nazareth / Pottenberg "
                f"keep {focus_text('vulnerable_share')}",
            )


def _nuisance(out, codes, pop, corp, city, focus, focus_text) -> None:
    """nuisance = n0 * (1 + slope * (share_corporation - city share)), n0 meeting the city."""
    slope = NUISANCE_UPLIFT / (CORPORATION_BUURT - NATIONAL_CORPORATION)
    shape = [1 + slope * (c - city["share_corporation"]) for c in corp]
    fixed = {c: focus[c]["nuisance_share"][0] for c in FOCUS_AREAS}
    n0 = _level(codes, pop, shape, fixed, city["nuisance_share"])
    for code, s in zip(codes, shape, strict=True):
        if code not in fixed:
            out[code]["nuisance_share"] = (
                n0 * s,
                "estimate",
                f"{n0:.4f} * (1 + {slope:.2f} * (share_corporation - "
                f"{city['share_corporation']:g})): RIGO 2018, 15% more nuisance where over 2/3 "
                "of dwellings are corporation-owned (nationally about 1/3); level fitted so "
                f"that the population-weighted mean of the 44 buurten is the city "
                f"{city['nuisance_share']:g} and Nazareth / Pottenberg keep "
                f"{focus_text('nuisance_share')}",
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.inputs.derive",
        description="Re-derive the buurt inputs from the city ('*') and focus-buurt rows.",
    )
    parser.add_argument("-o", "--output", type=Path, default=shipped_area_inputs_path())
    args = parser.parse_args(argv)
    table = derive(load_area_inputs(shipped_area_inputs_path()))
    write_bytes(area_inputs_csv(table).encode("utf-8"), args.output)


if __name__ == "__main__":
    main()
