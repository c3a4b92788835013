"""Respondent-level survey files: one row per respondent, aggregated to targets.

The rows stay inside the loader: they are never written, printed or returned;
only aggregates per buurt and year leave it, and aggregates over fewer than
``MIN_RESPONDENTS`` respondents are dropped with a warning. The targets format,
its checks and messages are those of ``model.inputs.targets``.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd

from calibration.questions import MEASURES, QUESTION_BY_COLUMN, QUESTIONS, aggregate
from model.inputs.tables import Table, text
from model.inputs.targets import (
    TARGET_COLUMNS,
    YEAR_RANGE,
    Problem,
    RowChecker,
    SurveyDataError,
    SurveyDataWarning,
    read_survey_table,
    target_frame,
    targets_from_table,
)

RESPONDENT_COLUMNS = ("area", "year", "age")
ANSWER_COLUMNS = tuple(q.column for q in QUESTIONS)
AGE_RANGE = (0, 120)
ADULT_AGE = 18  # person indicators are shares of adults
MIN_RESPONDENTS = 10
MEASURE_BY_INDICATOR = {m.indicator: m for m in MEASURES}


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
    return _respondents(read_survey_table(Path(path)), min_respondents)


def _respondents(table: Table, min_respondents: int) -> pd.DataFrame:
    check = RowChecker(table)
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


def _answer(check: RowChecker, row: int, column: str, cell) -> float:
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
    frame = target_frame(records)
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
    table = read_survey_table(Path(path))
    kind = survey_file_kind(table)
    if kind == "targets":
        return targets_from_table(table)
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
