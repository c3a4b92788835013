"""Area registry: CBS buurten of Maastricht, their 2017 demography, polygons,
and the labelled inputs where CBS is silent (the start targets: ``model.inputs``).

Users may name an area by CBS code or name in any case ("nazareth",
"BU09350403"); ``all`` means the 44 buurten of Maastricht.

The labelled inputs (tenure, flats, income, vulnerability, nuisance, livability)
come from ``data/area_inputs.csv`` unless a caller passes another file in the same
format (``load_inputs(..., area_inputs=...)``; the command line reads
``$VEERKRACHT_AREA_INPUTS``), so the municipality can replace them without code
changes, for example with CBS Kerncijfers converted by ``model.inputs.cbs_import``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from core.errors import InputError
from model.inputs.tables import TableError, number, read_table, text

FOCUS_AREAS = ("BU09350403", "BU09350203")  # Nazareth, Pottenberg
AGE_BANDS = ("0_14", "15_24", "25_44", "45_64", "65plus")
AGE_BAND_EDGES = (0, 15, 25, 45, 65, 101)
DEFAULT_KEY = "*"
# Population-weighted Maastricht means of the 2017 buurt percentages (estimate from the same
# CBS file), used where CBS suppressed a small buurt's migration background.
CITY_WESTERN, CITY_NONWESTERN = 20.1, 10.6
ENV_AREA_INPUTS = "VEERKRACHT_AREA_INPUTS"
AREA_INPUT_COLUMNS = ("area", "quantity", "value", "unit", "status", "source")
AREA_INPUT_STATUSES = ("published", "derived", "estimate", "assumption")
# quantity -> (unit, lowest, highest allowed value)
QUANTITIES: dict[str, tuple[str, float, float]] = {
    "share_corporation": ("share of dwellings", 0.0, 1.0),
    "share_private_rent": ("share of dwellings", 0.0, 1.0),
    "share_flats": ("share of dwellings", 0.0, 1.0),
    "income_level": ("ratio to Maastricht median household income", 0.2, 5.0),
    "vulnerable_share": ("share of households", 0.0, 1.0),
    "nuisance_share": ("share of residents reporting much social nuisance", 0.0, 1.0),
    "livability_score": ("grade 1-10", 1.0, 10.0),
}


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


def shipped_area_inputs_path() -> Path:
    """The labelled buurt inputs shipped with the model."""
    return Path(str(data_path("area_inputs.csv")))


def path_from_env(name: str, default: Path, environ: Mapping[str, str] | None = None) -> Path:
    """The file the environment variable ``name`` points at if set, else ``default``: how
    the municipality swaps in its own input files."""
    env = (os.environ if environ is None else environ).get(name, "").strip()
    return Path(env).expanduser() if env else default


def area_inputs_path(environ: Mapping[str, str] | None = None) -> Path:
    """The buurt inputs a user asked for: $VEERKRACHT_AREA_INPUTS if set, else the shipped
    file. Only the command line calls this; the loaders take the path they are given."""
    return path_from_env(ENV_AREA_INPUTS, shipped_area_inputs_path(), environ)


def file_version(path: str | Path) -> tuple[str, int, int]:
    """(resolved path, mtime, size): a cache key that changes when the file is edited."""
    path = Path(path)
    try:
        stat = path.stat()
        return str(path.resolve()), stat.st_mtime_ns, stat.st_size
    except OSError:
        return str(path), 0, 0  # the reader reports the missing file


InputTable = dict[str, dict[str, tuple[float, str, str]]]  # area -> quantity -> row


def load_area_inputs(path: str | Path) -> InputTable:
    """Read and check an area inputs file (CSV or .xlsx, format of ``area_inputs.csv``).

    Raises InputError with one line ``FILE: row N: field: problem (allowed: ...)``."""
    return _read_area_inputs(*file_version(path))


@cache
def _read_area_inputs(path: str, mtime_ns: int, size: int) -> InputTable:
    try:
        table = read_table(path)
    except TableError as exc:
        raise InputError(str(exc)) from None

    def bad(row: int, column: str, problem: str, allowed: str) -> InputError:
        return InputError(f"{path}: row {row}: {column}: {problem} (allowed: {allowed})")

    missing = [c for c in AREA_INPUT_COLUMNS if c != "unit" and not table.has(c)]
    if missing:
        raise bad(1, "columns", f"missing {', '.join(missing)}", ", ".join(AREA_INPUT_COLUMNS))
    codes = _demography_codes()
    out: InputTable = {}
    for row, cells in table.rows:
        area, quantity = text(cells["area"]), text(cells["quantity"])
        if area != DEFAULT_KEY and area not in codes:
            raise bad(
                row,
                "area",
                f"unknown buurt {area!r}",
                "a CBS buurt code of Maastricht such as BU09350403, or '*' for the default",
            )
        if quantity not in QUANTITIES:
            raise bad(row, "quantity", f"unknown quantity {quantity!r}", ", ".join(QUANTITIES))
        unit, low, high = QUANTITIES[quantity]
        try:
            value = number(cells["value"], table.decimal_comma)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise bad(
                row,
                "value",
                f"{text(cells['value']) or 'empty'} for {quantity}",
                f"{low:g} to {high:g}, {unit}",
            )
        status = text(cells["status"]).lower()
        if status not in AREA_INPUT_STATUSES:
            raise bad(
                row, "status", f"{text(cells['status']) or 'empty'}", ", ".join(AREA_INPUT_STATUSES)
            )
        source = text(cells["source"])
        if not source:
            raise bad(row, "source", "empty", "where the value comes from or how it was made")
        if quantity in out.get(area, {}):
            raise bad(row, "area, quantity", f"{area} {quantity} appears twice", "one row each")
        out.setdefault(area, {})[quantity] = (value, status, source)
    absent = [q for q in QUANTITIES if q not in out.get(DEFAULT_KEY, {})]
    if absent:
        raise InputError(
            f"{path}: area '*': no default row for {', '.join(absent)} "
            f"(allowed: a '*' row for each of {', '.join(QUANTITIES)})"
        )
    for area, rows in out.items():
        merged = {**out[DEFAULT_KEY], **rows}
        rent = merged["share_corporation"][0] + merged["share_private_rent"][0]
        if rent > 1.0 + 1e-9:
            raise InputError(
                f"{path}: area {area}: share_corporation + share_private_rent is "
                f"{rent:g} (allowed: at most 1; the rest is owner-occupied)"
            )
    return out


DIGITS = {"income_level": 2, "livability_score": 2}  # the rest: 3 decimals


def area_inputs_csv(table: InputTable) -> str:
    """``table`` as the text of an area inputs file, areas in table order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(AREA_INPUT_COLUMNS)
    for area, rows in table.items():
        for quantity, (unit, _, _) in QUANTITIES.items():
            if quantity in rows:
                value, status, source = rows[quantity]
                value = round(value, DIGITS.get(quantity, 3))
                writer.writerow([area, quantity, f"{value:g}", unit, status, source])
    return buffer.getvalue()


@cache
def _demography_codes() -> frozenset[str]:
    with data_path("cbs_buurten_2017.csv").open(encoding="utf-8") as f:
        return frozenset(row["area_code"] for row in csv.DictReader(f))


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


def all_areas(area_inputs: str | Path | None = None) -> dict[str, Area]:
    """All 44 buurten keyed by CBS code, in CBS order, with the labelled inputs of
    ``area_inputs`` (default: the shipped file)."""
    return _all_areas(*file_version(area_inputs or shipped_area_inputs_path()))


@cache
def _all_areas(path: str, mtime_ns: int, size: int) -> dict[str, Area]:
    with data_path("cbs_buurten_2017.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    city_age = _weighted_age_shares(rows)
    inputs, polygons = _read_area_inputs(path, mtime_ns, size), _polygons()
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


def resolve_areas(
    spec: str | list | tuple | None, area_inputs: str | Path | None = None
) -> list[Area]:
    """Turn user text ("nazareth,BU09350203", "all", a list) into areas, with the
    labelled inputs of ``area_inputs`` (default: the shipped file).

    Raises InputError naming the unknown value and the allowed names.
    """
    areas = all_areas(area_inputs)
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
