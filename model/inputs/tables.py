"""Read the tables a municipal analyst exports: CSV (``,`` or ``;``) and Excel.

Dutch spreadsheet software writes CSV with ``;`` and decimal commas (``0,52``),
often with a byte-order mark; others write ``,`` and decimal points. Both are
read here, and so is the first sheet of an ``.xlsx`` workbook. Cells are kept
as the user wrote them (text, or numbers from Excel) so that checks can quote
them; ``number`` turns one cell into a float. Row numbers are those the user
sees in a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from core.errors import InputError

SUFFIXES = (".csv", ".xlsx")
Cell = str | float | int | bool | None


class TableError(InputError):
    """The file cannot be read as a table at all (missing, wrong format, not UTF-8)."""


@dataclass
class Table:
    """A read table: lower-case header names and the non-empty data rows."""

    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, Cell]]]  # (row number as the user sees it, cells)
    decimal_comma: bool
    separator: str  # ",", ";" or "xlsx"
    duplicates: dict[str, list[int]]  # header name -> column numbers (1-based), if repeated

    def has(self, column: str) -> bool:
        return column in self.header


def read_table(path: str | Path) -> Table:
    """Read a .csv or .xlsx file into a Table; TableError names the file and the problem."""
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TableError(
            f"{file}: cannot read a '{suffix or 'no extension'}' file "
            f"(allowed: {', '.join(SUFFIXES)}; save an Excel sheet as .xlsx or as CSV UTF-8)"
        )
    if not path.is_file():
        raise TableError(f"{file}: no such file")
    if suffix == ".xlsx":
        grid, separator = _read_xlsx(path, file), "xlsx"
    else:
        grid, separator = _read_csv(path, file)
    return _table(file, grid, separator)


def _read_csv(path: Path, file: str) -> tuple[list[list[Cell]], str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{file}: not UTF-8 text (byte {exc.start + 1}); in Excel choose "
            "'Save as' > 'CSV UTF-8', or save as .xlsx"
        ) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = (
        ";" if _count_outside_quotes(first, ";") > _count_outside_quotes(first, ",") else ","
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        grid: list[list[Cell]] = [list(row) for row in reader]
    except csv.Error as exc:
        raise TableError(f"{file}: row {reader.line_num}: cannot read this CSV: {exc}") from None
    return grid, separator


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def _read_xlsx(path: Path, file: str) -> list[list[Cell]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"{file}: not a readable .xlsx workbook ({exc})") from None
    try:
        if not book.worksheets:
            raise TableError(f"{file}: the workbook has no sheets")
        sheet = book.worksheets[0]
        grid = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return grid


def _xlsx_cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _table(file: str, grid: list[list[Cell]], separator: str) -> Table:
    numbered = [(i + 1, row) for i, row in enumerate(grid) if not all(blank(c) for c in row)]
    if not numbered:
        raise TableError(f"{file}: the file is empty (expected a header row)")
    _, header_cells = numbered[0]
    header = [str(c).strip().lower() if not blank(c) else "" for c in header_cells]
    while header and header[-1] == "":
        header.pop()
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        if name:
            positions.setdefault(name, []).append(i + 1)
    rows = []
    for number, cells in numbered[1:]:
        row = {}
        for i, name in enumerate(header):
            if name and positions[name][0] == i + 1:
                row[name] = cells[i] if i < len(cells) else None
        rows.append((number, row))
    duplicates = {name: cols for name, cols in positions.items() if len(cols) > 1}
    return Table(file, header, rows, separator in (";", "xlsx"), separator, duplicates)


def blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: Cell) -> str:
    """A cell as the user would see it (for messages and text fields)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def number(cell: Cell, decimal_comma: bool) -> float | None:
    """A cell as a finite float; None when blank. ValueError when it is not a number.

    With ``decimal_comma`` (``;``-separated CSV, Excel text cells) ``0,52`` means
    0.52; a decimal point is accepted too. Thousands separators are not.
    """
    if blank(cell):
        return None
    if isinstance(cell, bool):
        return float(cell)
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        s = str(cell).strip().replace("\u00a0", "").replace(" ", "")
        if decimal_comma and s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
        if not s or any(c not in "0123456789.-+eE" for c in s):
            raise ValueError(cell)
        value = float(s)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value
