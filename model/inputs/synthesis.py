"""Synthetic households and residents for a buurt, matching CBS 2017 margins.

Method (integerised IPF, then household assembly):
1. Household counts by type come from the CBS shares (single person, couple or
   other multi-person without children, with children); the with-children
   group is split into couples and single parents by an assumed share.
2. Each person gets a role (single, partner, other adult, parent in couple,
   single parent, child). Role counts follow from the household counts and
   the CBS population total (children = population minus adults).
3. A role x age-band table matching both the role counts and the CBS age
   bands is drawn with ``humanleague.qisi`` (quasirandom integer sampling, a
   maintained IPF library) from a seed table of plausible combinations.
4. Persons get an exact age within their band; partners are paired by age;
   children are attached to families with the youngest children going to the
   youngest parents.
All randomness comes from the generator passed in (the model's ``rng``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import humanleague
import numpy as np

from agents.schema import (
    COUPLE,
    COUPLE_KIDS,
    OTHER,
    R_CHILD,
    R_OTHER,
    R_PARENT,
    R_PARTNER,
    R_SINGLE,
    R_SINGLE_PARENT,
    ROLES,
    SINGLE,
    SINGLE_PARENT,
)
from model.inputs.areas import AGE_BAND_EDGES, Area
from model.param_spec import Param

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "pop.single_parent_share",
        0.30,
        0.20,
        0.40,
        "share of households with children",
        "Share of households with children headed by one parent",
        "assumption: CBS buurt table lacks the split; about 1 in 4 Dutch families, higher in "
        "deprived urban buurten",
    ),
    Param(
        "pop.other_multi_share",
        0.10,
        0.05,
        0.20,
        "share of multi-person households without children",
        "Multi-person households without children that are not couples (siblings, sharers)",
        "assumption: CBS groups them with couples; small share outside student areas",
    ),
)

# Plausibility of a role in an age band (0-14, 15-24, 25-44, 45-64, 65+): the
# IPF seed. Zeros are structural (no 10-year-old lives alone). Assumption:
# relative weights chosen from Dutch household patterns (students live alone
# or share; parents mostly 25-64), refined by the CBS margins via IPF.
ROLE_AGE_SEED = np.array(
    [
        [0.0, 0.6, 1.0, 1.0, 1.4],  # single
        [0.0, 0.2, 1.0, 1.0, 1.2],  # partner (couple without children)
        [0.0, 1.5, 1.0, 0.4, 0.3],  # other multi-person adult
        [0.0, 0.03, 1.5, 1.0, 0.05],  # parent in a couple
        [0.0, 0.08, 1.5, 0.9, 0.05],  # single parent
        [1.0, 0.9, 0.08, 0.02, 0.0],  # child (incl. adult children at home)
    ]
)


@dataclass
class SyntheticPopulation:
    """Column arrays for one buurt (household ids are local, 0..n_households-1)."""

    hh_kind: np.ndarray
    person_hh: np.ndarray
    person_age: np.ndarray
    person_role: np.ndarray
    person_female: np.ndarray
    person_background: np.ndarray  # 0 Dutch, 1 western, 2 non-western migration background
    hh_background: np.ndarray


def household_counts(
    area: Area, single_parent_share: float, other_multi_share: float
) -> np.ndarray:
    """Households per kind (SINGLE..OTHER) summing exactly to the CBS total."""
    h = area.households
    single = round(h * area.hh_shares[0])
    no_kids = round(h * area.hh_shares[1])
    kids = h - single - no_kids
    single_parent = round(kids * single_parent_share)
    other = round(no_kids * other_multi_share)
    return np.array([single, no_kids - other, kids - single_parent, single_parent, other])


def role_counts(area: Area, hh: np.ndarray) -> np.ndarray:
    """Persons per role. Other multi-person households hold 2 adults (assumption);
    children are the remainder of the population (at least one per family)."""
    adults = np.array(
        [hh[SINGLE], 2 * hh[COUPLE], 2 * hh[OTHER], 2 * hh[COUPLE_KIDS], hh[SINGLE_PARENT]]
    )
    families = hh[COUPLE_KIDS] + hh[SINGLE_PARENT]
    children = max(area.population - int(adults.sum()), families)
    return np.append(adults, children).astype(np.int64)


def _integer_margin(total: int, shares: tuple[float, ...]) -> np.ndarray:
    """Largest-remainder rounding of total x shares (exact sum)."""
    raw = np.asarray(shares) * total
    base = np.floor(raw).astype(np.int64)
    rest = total - base.sum()
    base[np.argsort(-(raw - base), kind="stable")[:rest]] += 1
    return base


def role_age_table(area: Area, roles: np.ndarray) -> np.ndarray:
    """Integer role x age-band table whose margins match roles and CBS ages. The fit is
    deterministic (quasi-random integerisation), so it is kept per pair of margins: an
    ensemble worker builds the same buurten many times (about 20 ms a buurt)."""
    table = _role_age_table(tuple(int(r) for r in roles), tuple(area.age_shares))
    return table.copy()


@functools.lru_cache(maxsize=256)
def _role_age_table(roles_key: tuple[int, ...], age_shares: tuple[float, ...]) -> np.ndarray:
    roles = np.array(roles_key, dtype=np.int64)
    bands = _integer_margin(int(roles.sum()), age_shares)
    table, stats = humanleague.qisi(
        ROLE_AGE_SEED.copy(),
        [np.array([0]), np.array([1])],
        [roles.astype(np.int64), bands.astype(np.int64)],
    )
    if not stats.get("conv", True):  # no feasible table: fall back to fractional IPF
        frac, _ = humanleague.ipf(
            ROLE_AGE_SEED.copy(),
            [np.array([0]), np.array([1])],
            [roles.astype(float), bands.astype(float)],
        )
        table = humanleague.integerise(frac)[0]
    table = np.array(table, dtype=np.int64)
    table.setflags(write=False)  # kept: callers get a copy
    return table


def _ages_in_band(band: int, n: int, adult: bool, rng: np.random.Generator) -> np.ndarray:
    lo, hi = AGE_BAND_EDGES[band], AGE_BAND_EDGES[band + 1]
    if adult:
        lo = max(lo, 18)
    if band == 4:  # 65+: decreasing density, mean about 76 (assumption)
        return np.minimum(65 + rng.exponential(11.0, n), 100.0)
    return rng.uniform(lo, max(hi, lo + 1), n)


def synthesise(
    area: Area, rng: np.random.Generator, single_parent_share: float, other_multi_share: float
) -> SyntheticPopulation:
    """Households and residents of one buurt."""
    hh = household_counts(area, single_parent_share, other_multi_share)
    roles = role_counts(area, hh)
    table = role_age_table(area, roles)
    ages_by_role: list[np.ndarray] = []
    for r in range(len(ROLES)):
        parts = [_ages_in_band(b, int(table[r, b]), r != R_CHILD, rng) for b in range(5)]
        ages_by_role.append(np.sort(np.concatenate(parts)))

    hh_kind = np.repeat(np.arange(5), hh)
    n_hh = hh_kind.size
    first = {k: int(np.flatnonzero(hh_kind == k)[0]) if hh[k] else 0 for k in range(5)}
    person_hh, person_age, person_role = [], [], []

    def add(hids: np.ndarray, ages: np.ndarray, role: int) -> None:
        person_hh.append(hids)
        person_age.append(ages)
        person_role.append(np.full(ages.size, role))

    add(first[SINGLE] + np.arange(hh[SINGLE]), rng.permutation(ages_by_role[R_SINGLE]), R_SINGLE)
    for role, kind in ((R_PARTNER, COUPLE), (R_OTHER, OTHER), (R_PARENT, COUPLE_KIDS)):
        ages = ages_by_role[role]  # sorted: consecutive pairs have similar ages
        order = rng.permutation(hh[kind])
        add(first[kind] + np.repeat(order, 2), ages, role)
    sp_order = rng.permutation(hh[SINGLE_PARENT])
    add(first[SINGLE_PARENT] + sp_order, ages_by_role[R_SINGLE_PARENT], R_SINGLE_PARENT)

    # Children: each family gets one, the rest spread at random; youngest
    # children to the families with the youngest parents.
    fam_ids = np.concatenate([first[COUPLE_KIDS] + order, first[SINGLE_PARENT] + sp_order])
    fam_parent_age = np.concatenate([ages_by_role[R_PARENT][::2], ages_by_role[R_SINGLE_PARENT]])
    kids = ages_by_role[R_CHILD]
    per_family = np.ones(fam_ids.size, dtype=np.int64)
    extra = kids.size - fam_ids.size
    if extra > 0 and fam_ids.size:
        per_family += rng.multinomial(extra, np.full(fam_ids.size, 1 / fam_ids.size))
    fam_sorted = np.argsort(fam_parent_age, kind="stable")
    add(np.repeat(fam_ids[fam_sorted], per_family[fam_sorted]), kids, R_CHILD)

    person_hh_a = np.concatenate(person_hh)
    person_age_a = np.concatenate(person_age)
    person_role_a = np.concatenate(person_role)
    hh_background = rng.choice(
        3, size=n_hh, p=[1 - area.western - area.nonwestern, area.western, area.nonwestern]
    )
    female = rng.random(person_age_a.size) < area.women / area.population
    # Couples: one woman, one man (assumption: same-sex couples not modelled).
    couple = np.isin(person_role_a, (R_PARTNER, R_PARENT))
    idx = np.flatnonzero(couple)
    order = idx[np.argsort(person_hh_a[idx], kind="stable")]
    female[order[0::2]] = True
    female[order[1::2]] = False
    return SyntheticPopulation(
        hh_kind=hh_kind,
        person_hh=person_hh_a,
        person_age=person_age_a,
        person_role=person_role_a,
        person_female=female,
        person_background=hh_background[person_hh_a],
        hh_background=hh_background,
    )
