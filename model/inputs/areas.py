"""Area registry: CBS buurten of Maastricht, their 2017 demography, polygons,
and the labelled inputs where CBS is silent (the start targets: ``model.inputs``).

Users may name an area by CBS code or name in any case ("nazareth",
"BU09350403"); ``all`` means the 44 buurten of Maastricht.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from core.errors import InputError

FOCUS_AREAS = ("BU09350403", "BU09350203")  # Nazareth, Pottenberg
AGE_BANDS = ("0_14", "15_24", "25_44", "45_64", "65plus")
AGE_BAND_EDGES = (0, 15, 25, 45, 65, 101)
DEFAULT_KEY = "*"
# Population-weighted Maastricht means of the 2017 buurt percentages (estimate from the same
# CBS file), used where CBS suppressed a small buurt's migration background.
CITY_WESTERN, CITY_NONWESTERN = 20.1, 10.6


@dataclass(frozen=True)
class Area:
    """One CBS buurt with what the model needs to synthesise it."""

    code: str
    name: str
    wijk: str
    population: int
    households: int
    women: int
    age_shares: tuple[float, ...]  # over AGE_BANDS, sums to 1
    age_shares_source: str
    hh_shares: tuple[float, float, float]  # single, multi without children, with children
    western: float
    nonwestern: float
    area_ha: float
    urbanisation: int
    polygons: list = field(repr=False, compare=False)  # list of rings (lon, lat)
    inputs: dict = field(repr=False, compare=False)  # quantity -> (value, status, source)
    own_inputs: frozenset = field(default=frozenset(), repr=False, compare=False)

    @property
    def key(self) -> str:
        """Short lower-case identifier used in result tables."""
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return ascii_name.lower().replace(" ", "-")

    def input(self, quantity: str) -> float:
        return float(self.inputs[quantity][0])


def data_path(name: str):
    return resources.files("model.inputs") / "data" / name


def _float(row: dict, key: str) -> float | None:
    value = row.get(key, "").strip()
    return float(value) if value else None


@cache
def _inputs() -> dict[str, dict[str, tuple[float, str, str]]]:
    table: dict[str, dict[str, tuple[float, str, str]]] = {}
    with data_path("area_inputs.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["area"], {})[row["quantity"]] = (
                float(row["value"]),
                row["status"],
                row["source"],
            )
    return table


@cache
def _polygons() -> dict[str, list]:
    with data_path("cbs_buurten_2017.geojson").open(encoding="utf-8") as f:
        collection = json.load(f)
    out: dict[str, list] = {}
    for feature in collection["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out[feature["properties"]["BU_CODE"]] = polys
    return out


@cache
def all_areas() -> dict[str, Area]:
    """All 44 buurten keyed by CBS code, in CBS order."""
    with data_path("cbs_buurten_2017.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    city_age = _weighted_age_shares(rows)
    inputs, polygons = _inputs(), _polygons()
    areas: dict[str, Area] = {}
    for row in rows:
        ages = [_float(row, f"pct_age_{b}") for b in AGE_BANDS]
        if any(a is None for a in ages):
            shares, source = city_age, "estimate: CBS suppressed the buurt's ages; city mix used"
        else:
            total = sum(ages)
            shares, source = tuple(a / total for a in ages), "published: CBS 2017"
        hh = [
            _float(row, k)
            for k in (
                "pct_hh_single_person",
                "pct_hh_multi_without_children",
                "pct_hh_with_children",
            )
        ]
        hh_total = sum(hh)
        merged = dict(inputs[DEFAULT_KEY])
        merged.update(inputs.get(row["area_code"], {}))
        areas[row["area_code"]] = Area(
            code=row["area_code"],
            name=row["area_name"],
            wijk=row["wijk"],
            population=int(row["population"]),
            households=int(row["households"]),
            women=int(row["women"]),
            age_shares=shares,
            age_shares_source=source,
            hh_shares=tuple(h / hh_total for h in hh),
            western=_share_or(row, "pct_western_migration_bg", CITY_WESTERN),
            nonwestern=_share_or(row, "pct_nonwestern_migration_bg", CITY_NONWESTERN),
            area_ha=float(row["area_ha"]),
            urbanisation=int(row["stedelijkheid_1to5"]),
            polygons=polygons[row["area_code"]],
            inputs=merged,
            own_inputs=frozenset(inputs.get(row["area_code"], {})),
        )
    return areas


def _share_or(row: dict, key: str, city: float) -> float:
    """A CBS percentage as a share; the city mean where CBS suppressed it."""
    value = _float(row, key)
    return city / 100 if value is None else value / 100


def _weighted_age_shares(rows: list[dict]) -> tuple[float, ...]:
    sums = [0.0] * len(AGE_BANDS)
    for row in rows:
        ages = [_float(row, f"pct_age_{b}") for b in AGE_BANDS]
        if all(a is not None for a in ages):
            for i, a in enumerate(ages):
                sums[i] += a * int(row["population"])
    total = sum(sums)
    return tuple(s / total for s in sums)


def resolve_areas(spec: str | list | tuple | None) -> list[Area]:
    """Turn user text ("nazareth,BU09350203", "all", a list) into areas.

    Raises InputError naming the unknown value and the allowed names.
    """
    areas = all_areas()
    if spec is None:
        items = list(FOCUS_AREAS)
    elif isinstance(spec, str):
        items = [s.strip() for s in spec.split(",") if s.strip()]
    elif all(isinstance(s, Area) for s in spec):
        return list(dict.fromkeys(spec))
    else:
        items = [str(s).strip() for s in spec]
    if not items:
        raise InputError("no area given; name one or more buurten, or 'all'")
    if any(i.lower() == "all" for i in items):
        return list(areas.values())
    lookup = {}
    for area in areas.values():
        for alias in (area.code, area.name, area.key):
            lookup[alias.lower()] = area
    chosen: list[Area] = []
    for item in items:
        area = lookup.get(item.lower())
        if area is None:
            allowed = ", ".join(a.key for a in areas.values())
            raise InputError(
                f"unknown area {item!r}; use a CBS code (e.g. BU09350403), "
                f"'all', or one of: {allowed}"
            )
        if area not in chosen:
            chosen.append(area)
    return chosen
