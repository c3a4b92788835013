"""Survey targets: the figures per buurt, indicator and year that the model
starts from (the survey year's rows) and is calibrated to (later waves).

The shipped ``model/inputs/data/survey_targets.csv`` is illustrative; the
municipality replaces it with the real survey without touching code, by
passing another file (``veerkracht ... --targets`` or ``VEERKRACHT_TARGETS``,
read by the command line, never by the model itself). Such
files come from spreadsheets, so they are read robustly (``model.inputs.tables``)
and checked thoroughly: every problem is collected and reported at once, one
line each, as ``FILE: row N: field: what is wrong (allowed: ...)``.

The schema is in ``docs/data.md``: one row per area, indicator and year
(``load_targets``). Respondent-level files are aggregated to the same rows by
``calibration.survey_data``, which shares these checks and messages.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from core.errors import InputError
from model.indicators import INDICATORS
from model.inputs.areas import all_areas, data_path
from model.inputs.tables import Table, TableError, blank, number, read_table, text

ENV_TARGETS = "VEERKRACHT_TARGETS"
TARGET_COLUMNS = (
    "area",
    "indicator",
    "year",
    "value",
    "sample_size",
    "status",
    "tolerance",
    "source",
)
REQUIRED_TARGET_COLUMNS = tuple(c for c in TARGET_COLUMNS if c != "tolerance")
STATUSES = ("published", "estimate", "assumption")
CITY = "*"  # Maastricht as a whole: the default for buurten without their own row
YEAR_RANGE = (2000, 2100)
EXCLUDED_INDICATORS = ("programme_cost_eur",)
AREA_ALLOWED = (
    "a CBS buurt code of Maastricht such as BU09350403, a buurt name such as Nazareth, "
    "or '*' for Maastricht as a whole; 'veerkracht areas' lists the 44 buurten"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a survey file, located by row (1 = header) and field."""

    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(self.field)
        return ": ".join([*parts, self.message])


class SurveyDataError(InputError):
    """Every problem of one survey file: a summary line, then one line per problem."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file, self.problems = file, problems
        n = len(problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {file}"
        super().__init__("\n".join([head, *(str(p) for p in problems)]))

    def __reduce__(self):
        # Picklable, so an error raised in an ensemble worker process reaches the CLI intact.
        return (type(self), (self.file, self.problems))


class SurveyDataWarning(UserWarning):
    """Something left out of the aggregates (small cells, minors); the data are still usable."""


# ----------------------------------------------------------------------- vocabulary
def shipped_targets_path() -> Path:
    """The illustrative targets file shipped with the model."""
    return Path(str(data_path("survey_targets.csv")))


def targets_path(environ: Mapping[str, str] | None = None) -> Path:
    """The targets file a user asked for: $VEERKRACHT_TARGETS if set, else the shipped one.

    Only the command line and the app call this (the user's environment is their input);
    the model and the loaders take the path they are given."""
    env = (os.environ if environ is None else environ).get(ENV_TARGETS, "").strip()
    return Path(env).expanduser() if env else shipped_targets_path()


@cache
def target_units() -> dict[str, str]:
    """Indicators a target may name, with their unit (all model indicators but costs)."""
    return {i.name: i.unit for i in INDICATORS if i.name not in EXCLUDED_INDICATORS}


def unit_range(unit: str) -> tuple[float, float | None]:
    """Allowed values for a unit: shares 0-1, 'scale 0-10' style ranges, counts 0 or more."""
    if unit.startswith("share"):
        return 0.0, 1.0
    for word in unit.split():
        low, sep, high = word.partition("-")
        if sep and low.isdigit() and high.isdigit():
            return float(low), float(high)
    return 0.0, None


@cache
def area_aliases(city: bool = True) -> dict[str, str]:
    """Lower-case code, name or key of every buurt (and '*') -> CBS code."""
    aliases = {CITY: CITY} if city else {}
    for area in all_areas().values():
        for alias in (area.code, area.name, area.key):
            aliases[alias.lower()] = area.code
    return aliases


def _hint(word: str, choices, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


# ----------------------------------------------------------------------- checking
class RowChecker:
    """Collects the problems of one table, then raises them all at once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.problems: list[Problem] = []

    def add(self, row: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.table.file, row, field, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise SurveyDataError(self.table.file, self.problems)

    def columns(self, required: tuple[str, ...], known: tuple[str, ...]) -> list[str]:
        """Check the header; returns the missing required columns."""
        t = self.table
        for name, cols in t.duplicates.items():
            self.add(1, name, f"column appears {len(cols)} times (columns {_letters(cols)})")
        missing = [c for c in required if not t.has(c)]
        unknown = [c for c in t.header if c and c not in known]
        for name in unknown:
            close = difflib.get_close_matches(name, [c for c in known if not t.has(c)], 1, 0.8)
            if close:
                self.add(1, name, f"unknown column; did you mean {close[0]!r}?")
        if missing:
            self.add(
                1,
                "columns",
                f"missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(c) for c in missing)} (expected: {', '.join(known)})",
            )
        if not t.rows:
            self.add(None, "", "no data rows below the header")
        return missing

    def area(self, row: int, cell, city: bool) -> str | None:
        name = text(cell)
        if not name:
            self.add(row, "area", f"missing (allowed: {self._area_allowed(city)})")
            return None
        code = area_aliases(city).get(name.lower())
        if code is None and name == CITY:
            self.add(
                row,
                "area",
                "'*' (Maastricht as a whole) is not a buurt; give the respondent's buurt "
                f"(allowed: {self._area_allowed(city)})",
            )
        elif code is None:
            hint = _hint(name.lower(), area_aliases(city))
            self.add(
                row, "area", f"unknown area {name!r}{hint} (allowed: {self._area_allowed(city)})"
            )
        return code

    @staticmethod
    def _area_allowed(city: bool) -> str:
        if city:
            return AREA_ALLOWED
        return AREA_ALLOWED.replace(", or '*' for Maastricht as a whole", "").replace(
            ", a buurt name", " or a buurt name"
        )

    def integer(self, row: int, field: str, cell, low: int, high: int | None, what: str):
        """A whole number in [low, high]; None (and a problem) otherwise."""
        allowed = f"{what}, {low} to {high}" if high is not None else f"{what}, {low} or more"
        if blank(cell):
            self.add(row, field, f"missing (allowed: {allowed})")
            return None
        try:
            value = number(cell, self.table.decimal_comma)
        except ValueError:
            self.add(row, field, f"{text(cell)!r} is not a number (allowed: {allowed})")
            return None
        if not value.is_integer():
            self.add(row, field, f"{text(cell)} is not a whole number (allowed: {allowed})")
            return None
        if value < low or (high is not None and value > high):
            self.add(row, field, f"{text(cell)} is out of range (allowed: {allowed})")
            return None
        return int(value)

    def real(self, row: int, field: str, cell, allowed: str, required: bool = True):
        """A finite number, or None (with a problem when required or unreadable)."""
        if blank(cell):
            if required:
                self.add(row, field, f"missing (allowed: {allowed})")
            return None
        try:
            return number(cell, self.table.decimal_comma)
        except ValueError:
            hint = ""
            if isinstance(cell, str) and cell.strip().endswith("%"):
                hint = "; looks like a percentage: write it as a share (0.52, not 52%)"
            self.add(row, field, f"{text(cell)!r} is not a number{hint} (allowed: {allowed})")
            return None


def _letters(columns: list[int]) -> str:
    def letter(n: int) -> str:
        s = ""
        while n:
            n, r = divmod(n - 1, 26)
            s = chr(65 + r) + s
        return s

    return ", ".join(letter(c) for c in columns)


def _value_allowed(unit: str) -> str:
    low, high = unit_range(unit)
    if unit.startswith("share"):
        return f"a share from 0 to 1 ({unit})"
    if high is None:
        return f"{low:g} or more ({unit})"
    return f"{low:g} to {high:g} ({unit})"


# ----------------------------------------------------------------------- targets
def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Read and check a survey targets file (default: the shipped one).

    Returns columns ``area, indicator, year, value, sample_size, status,
    tolerance, source`` with areas as CBS codes (or '*'). Raises
    SurveyDataError listing every problem. Without a ``tolerance`` column each
    tolerance is the sampling standard error (see ``docs/data.md``).
    """
    path = shipped_targets_path() if path is None else Path(path)
    return targets_from_table(read_survey_table(path))


def read_survey_table(path: Path) -> Table:
    try:
        return read_table(path)
    except TableError as exc:
        raise SurveyDataError(str(path), [Problem(str(path), None, "", _after_file(exc))]) from None


def _after_file(exc: TableError) -> str:
    """The message of a TableError without its leading 'FILE: '."""
    message = str(exc)
    head, sep, rest = message.partition(": ")
    return rest if sep else message


def targets_from_table(table: Table) -> pd.DataFrame:
    check = RowChecker(table)
    missing = check.columns(REQUIRED_TARGET_COLUMNS, TARGET_COLUMNS)
    derive_tolerance = not table.has("tolerance")
    units = target_units()
    records, seen = [], {}
    for row, cells in table.rows:
        before = len(check.problems)
        area = check.area(row, cells["area"], city=True) if "area" not in missing else None
        indicator = None
        if "indicator" not in missing:
            name = text(cells["indicator"])
            if name in units:
                indicator = name
            else:
                hint = _hint(name, units)
                what = f"unknown indicator {name!r}{hint}" if name else "missing"
                check.add(row, "indicator", f"{what} (allowed: {', '.join(units)})")
        year = None
        if "year" not in missing:
            year = check.integer(row, "year", cells["year"], *YEAR_RANGE, "a year")
        value = None
        if "value" not in missing:
            value = _target_value(check, row, cells["value"], units.get(indicator or ""))
        n = None
        if "sample_size" not in missing:
            n = check.integer(row, "sample_size", cells["sample_size"], 1, None, "respondents")
        status = None
        if "status" not in missing:
            status = text(cells["status"]).lower()
            if status not in STATUSES:
                got = f"{text(cells['status'])!r} is not a status" if status else "missing"
                check.add(row, "status", f"{got} (allowed: {', '.join(STATUSES)})")
        source = None
        if "source" not in missing:
            source = text(cells["source"])
            if not source:
                check.add(
                    row,
                    "source",
                    "empty (allowed: where the value comes from, e.g. "
                    "'Veerkracht in Maastricht, June 2021', or why it was chosen)",
                )
        tolerance = None
        allowed_tol = "an absolute difference in the value's unit, 0 or more"
        if not derive_tolerance:
            tolerance = check.real(row, "tolerance", cells["tolerance"], allowed_tol)
            if tolerance is not None and tolerance < 0:
                check.add(
                    row,
                    "tolerance",
                    f"{text(cells['tolerance'])} is negative (allowed: {allowed_tol})",
                )
        elif value is not None and n is not None and indicator is not None:
            tolerance = standard_error(value, n, units[indicator])
            if tolerance is None:
                check.add(
                    row,
                    "tolerance",
                    f"no tolerance column, and a count ({units[indicator]}) has no sampling "
                    "error to derive one from (allowed: add a 'tolerance' column)",
                )
        if area is not None and indicator is not None and year is not None:
            key = (area, indicator, year)
            if key in seen:
                check.add(
                    row,
                    "area, indicator, year",
                    f"duplicate of row {seen[key]} ({area}, {indicator}, {year}); "
                    "keep one row per area, indicator and year",
                )
            else:
                seen[key] = row
        if len(check.problems) == before and not missing:
            records.append((area, indicator, year, value, n, status, tolerance, source))
    check.raise_if_any()
    frame = target_frame(records)
    frame.attrs["kind"] = "targets"
    frame.attrs["file"] = table.file
    frame.attrs["notes"] = (
        ["no tolerance column: tolerances are the sampling standard errors"]
        if derive_tolerance
        else []
    )
    return frame


def _target_value(check: RowChecker, row: int, cell, unit: str | None) -> float | None:
    allowed = _value_allowed(unit) if unit else "a number in the indicator's unit"
    value = check.real(row, "value", cell, allowed)
    if value is None or unit is None:
        return value
    low, high = unit_range(unit)
    if value < low or (high is not None and value > high):
        if unit.startswith("share") and 1 < value <= 100:
            message = (
                f"{text(cell)} looks like a percentage; write {value / 100:g}, not {text(cell)}"
            )
        else:
            message = f"{text(cell)} is out of range"
        check.add(row, "value", f"{message} (allowed: {allowed})")
        return None
    return value


def standard_error(value: float, n: int, unit: str) -> float | None:
    """Sampling standard error of a target without its own tolerance.

    Shares: sqrt(p(1-p)/n). Bounded scores and grades: the largest standard
    deviation a bounded answer can have, (high - low) / 2, over sqrt(n), a
    cautious choice since the answers' spread is unknown. Counts: None.
    """
    low, high = unit_range(unit)
    if unit.startswith("share"):
        return math.sqrt(value * (1 - value) / n)
    if high is None:
        return None
    return (high - low) / 2 / math.sqrt(n)


def target_frame(records: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=list(TARGET_COLUMNS))
    return frame.astype(
        {
            "area": object,
            "indicator": object,
            "year": "int64",
            "value": "float64",
            "sample_size": "int64",
            "status": object,
            "tolerance": "float64",
            "source": object,
        }
    )
