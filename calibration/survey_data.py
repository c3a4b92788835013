"""Survey data from the municipality: target tables and respondent-level files.

The model is started from, and later calibrated to, survey figures per buurt.
The shipped ``calibration/data/survey_targets.csv`` is illustrative; the
municipality replaces it with the real survey without touching code, by
replacing the file or pointing ``VEERKRACHT_TARGETS`` at another one. Such
files come from spreadsheets, so they are read robustly (``calibration.tables``)
and checked thoroughly: every problem is collected and reported at once, one
line each, as ``FILE: row N: field: what is wrong (allowed: ...)``.

Two kinds of file are accepted (schemas in ``docs/data.md``):

- **targets**: one row per area, indicator and year (``load_targets``);
- **respondents**: one row per respondent with the answer columns of
  ``calibration.questions`` (``load_respondents``). These rows stay inside the
  loader: they are never written, printed or returned; only aggregates per
  buurt and year leave it, and aggregates over fewer than ``MIN_RESPONDENTS``
  respondents are dropped with a warning.
"""

from __future__ import annotations

import difflib
import math
import os
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from calibration.errors import InputError
from calibration.questions import MEASURES, QUESTION_BY_COLUMN, QUESTIONS, aggregate
from calibration.tables import Table, TableError, blank, number, read_table, text

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
RESPONDENT_COLUMNS = ("area", "year", "age")
ANSWER_COLUMNS = tuple(q.column for q in QUESTIONS)
STATUSES = ("published", "estimate", "assumption")
CITY = "*"  # Maastricht as a whole: the default for buurten without their own row
YEAR_RANGE = (2000, 2100)
AGE_RANGE = (0, 120)
ADULT_AGE = 18  # person indicators are shares of adults
MIN_RESPONDENTS = 10
EXCLUDED_INDICATORS = ("programme_cost_eur",)
MEASURE_BY_INDICATOR = {m.indicator: m for m in MEASURES}
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
def targets_path() -> Path:
    """The targets file the model uses: $VEERKRACHT_TARGETS if set, else the shipped CSV."""
    env = os.environ.get(ENV_TARGETS, "").strip()
    if env:
        return Path(env).expanduser()
    from calibration.areas import data_path

    return Path(str(data_path("survey_targets.csv")))


@cache
def target_units() -> dict[str, str]:
    """Indicators a target may name, with their unit (all model indicators but costs)."""
    from model.indicators import INDICATORS

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
    from calibration.areas import all_areas

    aliases = {CITY: CITY} if city else {}
    for area in all_areas().values():
        for alias in (area.code, area.name, area.key):
            aliases[alias.lower()] = area.code
    return aliases


def _hint(word: str, choices, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


# ----------------------------------------------------------------------- checking
class _Check:
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
    """Read and check a survey targets file (default: ``targets_path()``).

    Returns columns ``area, indicator, year, value, sample_size, status,
    tolerance, source`` with areas as CBS codes (or '*'). Raises
    SurveyDataError listing every problem. Without a ``tolerance`` column each
    tolerance is the sampling standard error (see ``docs/data.md``).
    """
    path = targets_path() if path is None else Path(path)
    return _targets(_read(path))


def _read(path: Path) -> Table:
    try:
        return read_table(path)
    except TableError as exc:
        raise SurveyDataError(str(path), [Problem(str(path), None, "", _after_file(exc))]) from None


def _after_file(exc: TableError) -> str:
    """The message of a TableError without its leading 'FILE: '."""
    message = str(exc)
    head, sep, rest = message.partition(": ")
    return rest if sep else message


def _targets(table: Table) -> pd.DataFrame:
    check = _Check(table)
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
    frame = _frame(records)
    frame.attrs["kind"] = "targets"
    frame.attrs["file"] = table.file
    frame.attrs["notes"] = (
        ["no tolerance column: tolerances are the sampling standard errors"]
        if derive_tolerance
        else []
    )
    return frame


def _target_value(check: _Check, row: int, cell, unit: str | None) -> float | None:
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


def _frame(records: list[tuple]) -> pd.DataFrame:
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


# ----------------------------------------------------------------------- respondents
def load_respondents(path: str | Path, min_respondents: int = MIN_RESPONDENTS) -> pd.DataFrame:
    """Read a respondent-level survey file and return only its aggregates.

    One row per respondent (``area, year, age`` and answer columns of
    ``calibration.questions``; blank = no answer). The rows are checked (every
    problem reported at once), respondents under 18 are left out, and the
    answers are aggregated per buurt and year with ``questions.aggregate`` into
    the columns of ``load_targets``. Aggregates over fewer than
    ``min_respondents`` answers are dropped with a SurveyDataWarning. The
    respondent rows themselves never leave this function.
    """
    return _respondents(_read(Path(path)), min_respondents)


def _respondents(table: Table, min_respondents: int) -> pd.DataFrame:
    check = _Check(table)
    known = RESPONDENT_COLUMNS + ANSWER_COLUMNS
    missing = check.columns(RESPONDENT_COLUMNS, known)
    answers = [c for c in ANSWER_COLUMNS if table.has(c)]
    if not answers:
        check.add(1, "columns", f"no answer columns (allowed: {', '.join(ANSWER_COLUMNS)})")
    records = []
    for row, cells in table.rows:
        before = len(check.problems)
        record: dict = {}
        if "area" not in missing:
            record["area"] = check.area(row, cells["area"], city=False)
        if "year" not in missing:
            record["year"] = check.integer(row, "year", cells["year"], *YEAR_RANGE, "a year")
        if "age" not in missing:
            age = check.real(row, "age", cells["age"], "age in years, 0 to 120", required=False)
            if age is not None and not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
                check.add(
                    row,
                    "age",
                    f"{text(cells['age'])} is out of range "
                    "(allowed: age in years, 0 to 120; blank if unknown)",
                )
            record["age"] = age
        for column in answers:
            record[column] = _answer(check, row, column, cells[column])
        if len(check.problems) == before:
            records.append(record)
    check.raise_if_any()
    return _aggregated(
        table.file,
        pd.DataFrame(records, columns=["area", "year", "age", *answers]),
        min_respondents,
    )


def _answer(check: _Check, row: int, column: str, cell) -> float:
    q = QUESTION_BY_COLUMN[column]
    scale = f"{q.low:g} to {q.high:g}"
    allowed = f"{'a whole number ' if q.integer else ''}{scale}, blank for no answer"
    value = check.real(row, column, cell, allowed, required=False)
    if value is None:
        return math.nan
    if q.integer and not value.is_integer():
        check.add(row, column, f"{text(cell)} is not a whole number (allowed: {allowed})")
    elif not q.low <= value <= q.high:
        check.add(row, column, f"{text(cell)} is outside the scale (allowed: {allowed})")
    return value


def _aggregated(file: str, respondents: pd.DataFrame, min_respondents: int) -> pd.DataFrame:
    notes = []
    minors = respondents["age"].notna() & (respondents["age"] < ADULT_AGE)
    if minors.any():
        notes.append(
            f"{int(minors.sum())} respondent(s) under {ADULT_AGE} left out "
            "(the indicators are shares of adults)"
        )
    adults = respondents[~minors]
    counts = adults.groupby(["area", "year"]).size()
    summary = aggregate(adults)
    records = []
    for r in summary.itertuples(index=False):
        if r.sample_size < min_respondents:
            notes.append(
                f"{r.area} {r.year} {r.indicator}: {r.sample_size} answer(s), fewer than the "
                f"minimum of {min_respondents}; left out"
            )
            continue
        measure = MEASURE_BY_INDICATOR[r.indicator]
        group = adults[(adults["area"] == r.area) & (adults["year"] == r.year)]
        tolerance = _aggregate_error(measure, group[measure.column].dropna(), r.value)
        source = f"{Path(file).name}: respondent-level, aggregated locally"
        records.append(
            (
                r.area,
                r.indicator,
                int(r.year),
                r.value,
                int(r.sample_size),
                "published",
                tolerance,
                source,
            )
        )
    for note in notes:
        warnings.warn(f"{file}: {note}", SurveyDataWarning, stacklevel=3)
    frame = _frame(records)
    frame.attrs.update(
        kind="respondents",
        file=file,
        notes=notes,
        respondents=int(len(adults)),
        respondents_by_area_year={f"{a} {y}": int(n) for (a, y), n in counts.items()},
    )
    return frame


def _aggregate_error(measure, answers: pd.Series, value: float) -> float:
    """Sampling standard error: sqrt(p(1-p)/n) for shares, sd/sqrt(n) for means."""
    n = int(answers.size)
    if measure.kind != "mean":
        return math.sqrt(value * (1 - value) / n)
    if n < 2:
        q = QUESTION_BY_COLUMN[measure.column]
        return (q.high - q.low) / 2 / math.sqrt(n)
    return float(answers.std(ddof=1)) / math.sqrt(n)


# ----------------------------------------------------------------------- either kind
def survey_file_kind(table: Table) -> str | None:
    """'targets' (has indicator and value), 'respondents' (has an answer column), or None."""
    if table.has("indicator") and table.has("value"):
        return "targets"
    if any(table.has(c) for c in ANSWER_COLUMNS):
        return "respondents"
    return None


def load_survey_file(path: str | Path, min_respondents: int = MIN_RESPONDENTS) -> pd.DataFrame:
    """A targets or respondent file, told apart by its header; aggregated targets either way."""
    table = _read(Path(path))
    kind = survey_file_kind(table)
    if kind == "targets":
        return _targets(table)
    if kind == "respondents":
        return _respondents(table, min_respondents)
    problem = Problem(
        table.file,
        1,
        "columns",
        "neither a survey targets file nor a respondent file (allowed: targets with the "
        f"columns {', '.join(TARGET_COLUMNS)}; or respondents with {', '.join(RESPONDENT_COLUMNS)}"
        f" and one or more of {', '.join(ANSWER_COLUMNS)})",
    )
    raise SurveyDataError(table.file, [problem])
