"""Dated history since June 2021 (prices, wages, benefits, one-off payments).

``data/history.csv`` (or the file ``$VEERKRACHT_HISTORY`` names) has one row per
series and date: ``series, date (YYYY-MM), value, unit, status, source``. Each
series is a step function over month indices: a value holds from its date until
the next dated value, and after the last date it holds (the future in constant
prices). Index series are 1.0 at June 2021; payment series are EUR in the month.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import numpy as np

from core.errors import InputError
from model import timeline
from model.inputs.areas import data_path, file_version, path_from_env
from model.inputs.tables import TableError, number, read_table, text

ENV_HISTORY = "VEERKRACHT_HISTORY"
HISTORY_COLUMNS = ("series", "date", "value", "unit", "status", "source")
HISTORY_STATUSES = ("published", "derived", "approximate", "estimate", "assumption")
# series -> (kind, lowest, highest allowed value); an index is 1.0 at month 0
SERIES: dict[str, tuple[str, float, float]] = {
    "cpi": ("index", 0.2, 5.0),
    "energy": ("index", 0.2, 5.0),
    "minimum_wage": ("index", 0.2, 5.0),
    "benefits": ("index", 0.2, 5.0),
    "wages": ("index", 0.2, 5.0),
    "energy_allowance": ("payment", 0.0, 10000.0),
    "tariff_compensation": ("payment", 0.0, 1000.0),
}
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def history_path(environ: Mapping[str, str] | None = None) -> Path:
    """$VEERKRACHT_HISTORY if set, else the shipped ``data/history.csv``."""
    return path_from_env(ENV_HISTORY, Path(str(data_path("history.csv"))), environ)


def load_history(path: str | Path | None = None) -> dict[str, list[tuple[int, float]]]:
    """Read and check a history file: series -> [(month index, value)] sorted by date.

    Raises InputError with one line ``FILE: row N: field: problem (allowed: ...)``."""
    return _read_history(*file_version(history_path() if path is None else path))


@cache
def _read_history(path: str, mtime_ns: int, size: int) -> dict[str, list[tuple[int, float]]]:
    try:
        table = read_table(path)
    except TableError as exc:
        raise InputError(str(exc)) from None

    def bad(row: int, column: str, problem: str, allowed: str) -> InputError:
        return InputError(f"{path}: row {row}: {column}: {problem} (allowed: {allowed})")

    missing = [c for c in HISTORY_COLUMNS if not table.has(c)]
    if missing:
        raise bad(1, "columns", f"missing {', '.join(missing)}", ", ".join(HISTORY_COLUMNS))
    out: dict[str, dict[int, float]] = {}
    for row, cells in table.rows:
        series, date = text(cells["series"]), text(cells["date"])
        if series not in SERIES:
            raise bad(row, "series", f"unknown series {series!r}", ", ".join(SERIES))
        if not _DATE.match(date):
            raise bad(row, "date", f"{date or 'empty'}", "YYYY-MM, e.g. 2023-01")
        month = timeline.month_index(date)
        if month < 0:
            raise bad(row, "date", f"{date} is before the start", f"{timeline.START} or later")
        kind, low, high = SERIES[series]
        try:
            value = number(cells["value"], table.decimal_comma)
        except ValueError:
            value = None
        if value is None or not np.isfinite(value) or not low <= value <= high:
            raise bad(
                row,
                "value",
                f"{text(cells['value']) or 'empty'} for {series}",
                f"{low:g} to {high:g}",
            )
        if kind == "index" and month == 0 and value != 1.0:
            raise bad(
                row, "value", f"{value:g} at {timeline.START}", "1 (an index is 1 at the start)"
            )
        if not text(cells["unit"]):
            raise bad(row, "unit", "empty", "the unit of the value")
        status = text(cells["status"]).lower()
        if status not in HISTORY_STATUSES:
            raise bad(row, "status", status or "empty", ", ".join(HISTORY_STATUSES))
        if not text(cells["source"]):
            raise bad(row, "source", "empty", "where the value comes from (a URL)")
        if month in out.get(series, {}):
            raise bad(row, "series, date", f"{series} {date} appears twice", "one row each")
        out.setdefault(series, {})[month] = float(value)
    return {s: sorted(points.items()) for s, points in out.items()}


def monthly(path: str | Path | None = None, horizon: int = 240) -> dict[str, np.ndarray]:
    """Every known series as an array over month indices 0..horizon (step function; an
    index without rows is 1, a payment without rows is 0)."""
    return _monthly(*file_version(history_path() if path is None else path), horizon)


@cache
def _monthly(path: str, mtime_ns: int, size: int, horizon: int) -> dict[str, np.ndarray]:
    points = _read_history(path, mtime_ns, size)
    out = {}
    for series, (kind, _, _) in SERIES.items():
        arr = np.full(horizon + 1, 1.0 if kind == "index" else 0.0)
        for month, value in points.get(series, []):
            if month <= horizon:
                arr[month:] = value
        arr.setflags(write=False)
        out[series] = arr
    return out
