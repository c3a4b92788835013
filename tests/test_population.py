"""The synthetic population matches the CBS 2017 buurt figures.

CBS values are read straight from model/inputs/data/cbs_buurten_2017.csv (not
through model.inputs.areas) so that a mistake in the loader is caught too.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from conftest import FOCUS, SEEDS, read_csv

from agents.schema import COUPLE, COUPLE_KIDS, OTHER, SINGLE, SINGLE_PARENT
from model.inputs.areas import all_areas
from model.inputs.geometry import area_shape
from model.inputs.synthesis import synthesise
from model.params import PARAMS

CBS = {row["area_code"]: row for row in read_csv("cbs_buurten_2017.csv")}
AGE_BANDS = {  # CBS column -> [low, high) in years
    "pct_age_0_14": (0.0, 15.0),
    "pct_age_15_24": (15.0, 25.0),
    "pct_age_25_44": (25.0, 45.0),
    "pct_age_45_64": (45.0, 65.0),
    "pct_age_65plus": (65.0, np.inf),
}
HH_TYPES = {  # CBS column -> model household kinds
    "pct_hh_single_person": (SINGLE,),
    "pct_hh_multi_without_children": (COUPLE, OTHER),
    "pct_hh_with_children": (COUPLE_KIDS, SINGLE_PARENT),
}
CASES = [(seed, code) for seed in SEEDS for code in FOCUS]
CASE_IDS = [f"seed{seed}-{FOCUS[code]}" for seed, code in CASES]


def cbs_shares(code: str, columns) -> dict[str, float]:
    """Published percentages as shares; CBS rounds each to a whole percent, so
    they are normalised to sum to one (a residue of at most ~1 pp)."""
    raw = {c: float(CBS[code][c]) for c in columns}
    total = sum(raw.values())
    return {c: v / total for c, v in raw.items()}


def area_index(model, code: str) -> int:
    return [a.code for a in model.areas].index(code)


def people_of(model, code: str) -> np.ndarray:
    res = model.residents
    idx = res.active()
    return idx[res.area[idx] == area_index(model, code)]


def households_of(model, code: str) -> np.ndarray:
    hh = model.households
    idx = hh.active()
    return idx[hh.area[idx] == area_index(model, code)]


@pytest.mark.parametrize(("seed", "code"), CASES, ids=CASE_IDS)
def test_population_within_2_percent_of_cbs(start_model, seed, code):
    n = people_of(start_model(seed), code).size
    cbs = int(CBS[code]["population"])
    assert abs(n - cbs) <= 0.02 * cbs, f"{n} residents vs CBS {cbs}"


@pytest.mark.parametrize(("seed", "code"), CASES, ids=CASE_IDS)
def test_households_within_3_percent_of_cbs(start_model, seed, code):
    n = households_of(start_model(seed), code).size
    cbs = int(CBS[code]["households"])
    assert abs(n - cbs) <= 0.03 * cbs, f"{n} households vs CBS {cbs}"


@pytest.mark.parametrize(("seed", "code"), CASES, ids=CASE_IDS)
def test_age_group_shares_within_2_pp(start_model, seed, code):
    m = start_model(seed)
    age = m.residents.age[people_of(m, code)]
    expected = cbs_shares(code, AGE_BANDS)
    off = {}
    for column, (lo, hi) in AGE_BANDS.items():
        share = float(np.mean((age >= lo) & (age < hi)))
        if abs(share - expected[column]) > 0.02:
            off[column] = (round(share, 4), round(expected[column], 4))
    assert not off, f"age bands off by more than 2 pp (model, CBS): {off}"


@pytest.mark.parametrize(("seed", "code"), CASES, ids=CASE_IDS)
def test_household_type_shares_within_2_pp(start_model, seed, code):
    m = start_model(seed)
    kind = m.households.kind[households_of(m, code)]
    expected = cbs_shares(code, HH_TYPES)
    off = {}
    for column, kinds in HH_TYPES.items():
        share = float(np.isin(kind, kinds).mean())
        if abs(share - expected[column]) > 0.02:
            off[column] = (round(share, 4), round(expected[column], 4))
    assert not off, f"household types off by more than 2 pp (model, CBS): {off}"


@pytest.mark.parametrize("code", sorted(CBS))
def test_synthesis_exact_totals_for_every_buurt(code):
    area = all_areas()[code]
    for seed in (0, 1):
        pop = synthesise(
            area,
            np.random.default_rng(seed),
            PARAMS["pop.single_parent_share"].default,
            PARAMS["pop.other_multi_share"].default,
        )
        assert pop.person_age.size == int(CBS[code]["population"]), f"seed {seed}"
        assert pop.hh_kind.size == int(CBS[code]["households"]), f"seed {seed}"
        sizes = np.bincount(pop.person_hh, minlength=pop.hh_kind.size)
        assert sizes.size == pop.hh_kind.size, "person assigned to a non-existent household"
        assert sizes.min() >= 1, f"seed {seed}: {int((sizes == 0).sum())} empty households"


@pytest.mark.parametrize(("seed", "code"), CASES, ids=CASE_IDS)
def test_dwellings_lie_inside_their_buurt_polygon(start_model, seed, code):
    m = start_model(seed)
    dw = m.dwellings
    idx = dw.active()
    idx = idx[dw.area[idx] == area_index(m, code)]
    assert idx.size >= int(CBS[code]["households"]) * 0.97
    # 1 cm buffer: coordinates are stored as float32 (sub-millimetre rounding at
    # a few km from the origin), which must not count as 'outside'.
    shape = area_shape(all_areas()[code].polygons).buffer(0.01)
    x = dw.x[idx].astype(np.float64)
    y = dw.y[idx].astype(np.float64)
    inside = shapely.contains_xy(shape, x, y)
    assert inside.all(), f"{int((~inside).sum())} of {idx.size} dwellings outside the buurt"
    # and not inside the other focus buurt (the polygons do not overlap)
    other = next(c for c in FOCUS if c != code)
    in_other = shapely.contains_xy(area_shape(all_areas()[other].polygons), x, y)
    assert not in_other.any()


@pytest.mark.parametrize("seed", SEEDS)
def test_every_household_has_exactly_one_dwelling(start_model, seed):
    m = start_model(seed)
    hh, dw = m.households, m.dwellings
    h = hh.active()
    d = hh.dwelling[h].astype(np.int64)
    assert (d >= 0).all() and (d < dw.size).all(), "household without a valid dwelling"
    assert dw.alive[d].all()
    assert np.unique(d).size == d.size, "two households share a dwelling"
    assert (dw.occupant[d] == h).all(), "dwelling does not name its household as occupant"
    assert (dw.area[d] == hh.area[h]).all(), "household lives in a dwelling of another buurt"
    occupied = dw.occupant[: dw.size][dw.alive[: dw.size]]
    occupied = occupied[occupied >= 0]
    assert np.unique(occupied).size == occupied.size, "a household occupies two dwellings"
    assert occupied.size == h.size
