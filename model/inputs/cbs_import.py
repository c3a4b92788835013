"""Convert a CBS Kerncijfers wijken en buurten export into an area inputs file.

The municipality downloads the table (85984NED for 2024, or a successor) for
Maastricht from StatLine as CSV or .xlsx, one row per region, columns by CBS
variable name, and runs::

    python -m model.inputs.cbs_import KWB.csv -o area_inputs.csv --year 2024

The output has the format of ``model/inputs/data/area_inputs.csv``: the shipped rows,
with every value the export gives replaced and labelled ``published`` (source
``CBS 85984NED <year>: <column>``). Use it with ``VEERKRACHT_AREA_INPUTS``.

CBS numbers its columns per year (``InBezitWoningcorporatie_42`` in 2021,
``_49`` in 2024), so columns are matched by name without the number, in any case.
A blank or ``.`` cell (CBS: unknown or secret) keeps the shipped row. Any problem
stops the conversion with one line naming the file, row, field and what is
allowed, and nothing is written (exit code 2).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import InputError
from core.store import write_bytes
from model.inputs.areas import (
    DEFAULT_KEY,
    QUANTITIES,
    InputTable,
    all_areas,
    area_inputs_csv,
    load_area_inputs,
    shipped_area_inputs_path,
)
from model.inputs.tables import Table, TableError, blank, number, read_table, text

# the region code: the first of these columns that holds codes such as BU09350403
CODE_COLUMNS = ("codering", "wijkenenbuurten", "regios")
REGION_CODE = re.compile(r"^(BU|WK|GM)\d+$")
CITY_CODE = "GM0935"
# quantity -> CBS variable names (without the number), a percentage of the dwellings
PERCENTAGES = {
    "share_corporation": ("inbezitwoningcorporatie", "huurwoningeninbezitwoningcorporaties"),
    "share_private_rent": ("inbezitoverigeverhuurders", "huurwoningeninbezitoverigeverhuurders"),
    "share_flats": ("percentagemeergezinswoning",),
}
INCOME = ("gemiddeldinkomenperinwoner",)  # x 1,000 euro; as a ratio to the GM0935 row
REQUIRED = ("share_corporation", "share_private_rent")
ROUNDING = 0.01  # CBS rounds percentages: corporation + other landlords may reach 101%


def _stem(column: str) -> str:
    return re.sub(r"_\d+$", "", column.strip().lower())


def _find(table: Table, names: Sequence[str]) -> str | None:
    return next((c for c in table.header if _stem(c) in names), None)


def _value(table: Table, row: int, cells: dict, column: str, high: float | None) -> float | None:
    """The cell as a number, None when CBS left it blank or '.'; InputError otherwise."""
    cell = cells[column]
    if blank(cell) or text(cell) == ".":
        return None
    allowed = f"0 to {high:g}" if high is not None else "a positive number"
    try:
        value = number(cell, table.decimal_comma)
    except ValueError:
        value = None
    if value is None or not (0 <= value <= high if high is not None else value > 0):
        raise InputError(
            f"{table.file}: row {row}: {column}: {text(cell)!r} is out of range (allowed: "
            f"{allowed}, or blank or '.' for unknown)"
        )
    return value


def convert(path: str | Path, table_id: str, year: int, base: InputTable) -> InputTable:
    """``base`` with the values of the CBS export at ``path`` (raises InputError)."""
    try:
        table = read_table(path)
    except TableError as exc:
        raise InputError(str(exc)) from None
    code_column = next(
        (
            c
            for c in table.header
            if _stem(c) in CODE_COLUMNS
            and any(REGION_CODE.match(text(cells[c]).upper()) for _, cells in table.rows)
        ),
        None,
    )
    columns = {q: _find(table, names) for q, names in PERCENTAGES.items()}
    income = _find(table, INCOME)
    for name, column in [("region code", code_column), *((q, columns[q]) for q in REQUIRED)]:
        if column is None:
            accepted = CODE_COLUMNS if name == "region code" else PERCENTAGES[name]
            raise InputError(
                f"{table.file}: row 1: columns: no column for {name} (allowed: a CBS variable "
                f"named {' or '.join(accepted)}, with or without its number, e.g. _42)"
            )
    buurten = all_areas()
    found: dict[str, tuple[int, dict]] = {}
    for row, cells in table.rows:
        code = text(cells[code_column]).upper()
        if code in buurten or code == CITY_CODE:
            found[code] = (row, cells)
        elif not code.startswith("WK0935"):  # wijk rows are allowed and left out
            raise InputError(
                f"{table.file}: row {row}: {code_column}: unknown buurt code {code!r} (allowed: "
                f"a CBS buurt code of Maastricht such as BU09350403, {CITY_CODE} or WK0935..)"
            )
    city_income = None
    if income is not None:
        if CITY_CODE not in found:
            raise InputError(
                f"{table.file}: {income}: no {CITY_CODE} row to turn incomes into ratios "
                f"(allowed: include the gemeente row {CITY_CODE}, or leave the column out)"
            )
        city_income = _value(table, *found[CITY_CODE], income, None)
    out = {area: dict(rows) for area, rows in base.items()}
    for code, (row, cells) in found.items():
        if code == CITY_CODE:
            continue
        for quantity, column in columns.items():
            value = None if column is None else _value(table, row, cells, column, 100.0)
            if value is not None:
                source = f"CBS {table_id} {year}: {column} (% of dwellings) / 100"
                out.setdefault(code, {})[quantity] = (value / 100, "published", source)
        value = (
            None
            if income is None or city_income is None
            else _value(table, row, cells, income, None)
        )
        if value is not None:
            ratio, (_, low, high) = value / city_income, QUANTITIES["income_level"]
            if not low <= ratio <= high:
                raise InputError(
                    f"{table.file}: row {row}: {income}: {value:g} is {ratio:.2f} times the "
                    f"{CITY_CODE} value (allowed: {low:g} to {high:g} times)"
                )
            source = f"CBS {table_id} {year}: {income} of the buurt / of {CITY_CODE}"
            out.setdefault(code, {})["income_level"] = (ratio, "derived", source)
        _check_rent(out, code, table.file, row)
    return out


def _check_rent(out: InputTable, code: str, file: str, row: int) -> None:
    """Rent shares (with the '*' default where the buurt has none) must fit in the stock;
    CBS's rounding (corporation + other landlords = 101%) is cut off."""
    rows = {**out[DEFAULT_KEY], **out.get(code, {})}
    corp, (private, status, source) = rows["share_corporation"][0], rows["share_private_rent"]
    if 1 < corp + private <= 1 + ROUNDING:
        cut = (1 - corp, status, source + "; cut to 1 - corporation share (CBS rounding)")
        out.setdefault(code, {})["share_private_rent"] = cut
    elif corp + private > 1:
        raise InputError(
            f"{file}: row {row}: share_corporation + share_private_rent: "
            f"{corp:g} + {private:g} (allowed: at most 1, the whole dwelling stock)"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.inputs.cbs_import",
        description="Convert a CBS Kerncijfers wijken en buurten export (CSV or .xlsx, one row "
        "per region, columns by CBS variable name) to an area inputs file.",
    )
    parser.add_argument("export", type=Path, help="the CBS export")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--table", default="85984NED", help="CBS table id (default 85984NED)")
    parser.add_argument("--year", type=int, default=2024, help="year of the table (2024)")
    parser.add_argument(
        "--base",
        type=Path,
        default=shipped_area_inputs_path(),
        help="area inputs whose other values are kept (default: the shipped file)",
    )
    args = parser.parse_args(argv)
    try:
        table = convert(args.export, args.table, args.year, load_area_inputs(args.base))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    write_bytes(area_inputs_csv(table).encode("utf-8"), args.output)
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
