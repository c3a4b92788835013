"""Survey data files: the robust reader, targets and respondent checks, aggregation,
and the start targets read through them."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import DATA, REPO

from calibration.questions import QUESTIONS
from calibration.survey_data import load_respondents, load_survey_file
from core.errors import InputError
from model import inputs as model_inputs
from model.inputs import areas, load_inputs
from model.inputs.targets import (
    ENV_TARGETS,
    TARGET_COLUMNS,
    SurveyDataError,
    SurveyDataWarning,
    load_targets,
    targets_path,
)

SHIPPED = DATA / "survey_targets.csv"
HEADER = list(TARGET_COLUMNS)
GOOD_ROW = ["BU09350403", "lonely_share", "2021", "0.52", "300", "estimate", "0.03", "src"]


def shipped_rows() -> list[list[str]]:
    with SHIPPED.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list], sep: str = ",", bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f, delimiter=sep).writerows(rows)
    return path


def dutch(rows: list[list[str]]) -> list[list[str]]:
    """The rows as Dutch Excel writes them: decimal commas in value and tolerance."""
    value, tol = HEADER.index("value"), HEADER.index("tolerance")
    out = [rows[0]]
    for row in rows[1:]:
        row = list(row)
        row[value], row[tol] = row[value].replace(".", ","), row[tol].replace(".", ",")
        out.append(row)
    return out


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.attrs = {}
    return frame


def problems_of(path: Path, loader=load_targets) -> str:
    with pytest.raises(SurveyDataError) as info:
        loader(path)
    return str(info.value)


# ----------------------------------------------------------------- reading
def test_shipped_targets_load_clean():
    frame = load_targets(SHIPPED)
    rows = shipped_rows()[1:]
    assert list(frame.columns) == HEADER
    assert len(frame) == len(rows) >= 30
    assert frame["value"].tolist() == [float(r[3]) for r in rows]
    assert frame["tolerance"].tolist() == [float(r[6]) for r in rows]
    assert frame["sample_size"].tolist() == [int(r[4]) for r in rows]
    assert str(frame["year"].dtype) == "int64"
    assert str(frame["sample_size"].dtype) == "int64"
    assert str(frame["value"].dtype) == "float64"
    assert set(frame["area"]) == {"BU09350403", "BU09350203", "*"}


def test_default_path_is_shipped_file_unless_env_set(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_TARGETS, raising=False)
    assert targets_path().resolve() == SHIPPED.resolve()
    monkeypatch.setenv(ENV_TARGETS, str(tmp_path / "mine.csv"))
    assert targets_path() == tmp_path / "mine.csv"


@pytest.mark.parametrize("bom", [False, True])
def test_semicolon_decimal_comma_loads_the_same_numbers(tmp_path, bom):
    rows = dutch(shipped_rows())
    path = write_csv(tmp_path / "nl.csv", rows, sep=";", bom=bom)
    content = path.read_bytes()
    assert b";0,52;" in content and content.startswith(b"\xef\xbb\xbf") == bom
    pd.testing.assert_frame_equal(plain(load_targets(path)), plain(load_targets(SHIPPED)))


def test_comma_csv_with_bom_loads_the_same(tmp_path):
    path = write_csv(tmp_path / "bom.csv", shipped_rows(), bom=True)
    pd.testing.assert_frame_equal(plain(load_targets(path)), plain(load_targets(SHIPPED)))


def test_xlsx_first_sheet_loads_the_same_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    numeric = {"year": int, "value": float, "sample_size": int, "tolerance": float}
    for i, row in enumerate(shipped_rows()):
        if i == 0:
            sheet.append(row)
        else:
            sheet.append([numeric.get(h, str)(v) for h, v in zip(HEADER, row, strict=True)])
    other = book.create_sheet("notes")
    other.append(["this sheet", "is not read"])
    path = tmp_path / "targets.xlsx"
    book.save(path)
    pd.testing.assert_frame_equal(plain(load_targets(path)), plain(load_targets(SHIPPED)))


def test_xlsx_text_cells_with_decimal_comma(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([*GOOD_ROW[:3], "0,52", "300", "estimate", "0,03", "src"])
    path = tmp_path / "text.xlsx"
    book.save(path)
    frame = load_targets(path)
    assert frame["value"].tolist() == [0.52]
    assert frame["tolerance"].tolist() == [0.03]


def test_header_names_are_case_and_space_insensitive_and_blank_rows_skipped(tmp_path):
    header = [f" {h.upper()} " for h in HEADER]
    path = write_csv(tmp_path / "t.csv", [header, GOOD_ROW, [""] * 8, variant("indicator", "x")[2]])
    text = problems_of(path)
    assert "1 problem in" in text
    assert "t.csv: row 4: indicator: unknown indicator 'x'" in text  # row 3 is blank


def test_unknown_extension_is_a_clear_error(tmp_path):
    path = tmp_path / "targets.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    text = problems_of(path)
    assert "targets.xls" in text and "'.xls'" in text and ".csv, .xlsx" in text


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "ansi.csv"
    rows = [HEADER, [*GOOD_ROW[:7], "Gemeente Maastricht, b\u00e9v\u00e9lkingsonderzoek"]]
    with path.open("w", encoding="cp1252", newline="") as f:
        csv.writer(f).writerows(rows)
    text = problems_of(path)
    assert "not UTF-8" in text and "CSV UTF-8" in text


def test_missing_file_is_a_clear_error(tmp_path):
    text = problems_of(tmp_path / "none.csv")
    assert "none.csv: no such file" in text


# ----------------------------------------------------------------- broken target files
def variant(field: str, value: str) -> list[list[str]]:
    row = list(GOOD_ROW)
    row[HEADER.index(field)] = value
    return [HEADER, GOOD_ROW[:1] + ["severely_lonely_share"] + GOOD_ROW[2:], row]


# case -> (rows, field in message, words in message); the broken row is row 3
BROKEN = {
    "unknown-area": (variant("area", "atlantis"), "area", ["'atlantis'", "BU09350403", "'*'"]),
    "unknown-indicator": (
        variant("indicator", "lonley_share"),
        "indicator",
        ["'lonley_share'", "did you mean 'lonely_share'", "waiting_list"],
    ),
    "costs-are-not-targets": (
        variant("indicator", "programme_cost_eur"),
        "indicator",
        ["'programme_cost_eur'"],
    ),
    "value-not-number": (variant("value", "high"), "value", ["'high'", "not a number"]),
    "value-missing": (variant("value", ""), "value", ["missing", "0 to 1"]),
    "share-as-percentage": (
        variant("value", "52"),
        "value",
        ["looks like a percentage", "write 0.52, not 52", "0 to 1"],
    ),
    "share-with-percent-sign": (variant("value", "52%"), "value", ["percentage", "0.52"]),
    "share-above-100": (variant("value", "130"), "value", ["130 is out of range", "0 to 1"]),
    "share-negative": (variant("value", "-0.1"), "value", ["out of range", "0 to 1"]),
    "year-not-integer": (variant("year", "2021.5"), "year", ["not a whole number", "2000"]),
    "year-text": (variant("year", "juni 2021"), "year", ["'juni 2021'", "not a number"]),
    "year-out-of-range": (variant("year", "1999"), "year", ["1999", "2000 to 2100"]),
    "sample-size-missing": (variant("sample_size", ""), "sample_size", ["missing"]),
    "sample-size-zero": (variant("sample_size", "0"), "sample_size", ["0 is out of range"]),
    "sample-size-negative": (variant("sample_size", "-5"), "sample_size", ["-5", "1 or more"]),
    "sample-size-fraction": (
        variant("sample_size", "299.5"),
        "sample_size",
        ["not a whole number"],
    ),
    "status": (variant("status", "guess"), "status", ["'guess'", "published, estimate"]),
    "tolerance-missing": (variant("tolerance", ""), "tolerance", ["missing"]),
    "tolerance-negative": (variant("tolerance", "-0.01"), "tolerance", ["negative"]),
    "source-empty": (variant("source", "  "), "source", ["empty"]),
    "duplicate": (
        variant("area", "Nazareth") + [GOOD_ROW],
        "area, indicator, year",
        ["duplicate of row 3", "BU09350403"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_targets_name_row_and_field(tmp_path, case):
    rows, field, words = BROKEN[case]
    path = write_csv(tmp_path / f"{case}.csv", rows)
    text = problems_of(path)
    assert text.startswith(f"1 problem in {path}"), text
    row = 4 if case == "duplicate" else 3
    assert f"{case}.csv: row {row}: {field}: " in text, text
    for word in words:
        assert word in text, f"{word!r} not in {text}"


def test_score_and_count_ranges_follow_the_unit(tmp_path):
    rows = [
        HEADER,
        ["*", "social_cohesion_score", "2021", "11", "300", "estimate", "0.2", "s"],
        ["*", "livability_score", "2021", "0.5", "300", "estimate", "0.2", "s"],
        ["*", "waiting_list", "2021", "-3", "300", "estimate", "1", "s"],
        ["*", "resilience_mean", "2021", "10", "300", "estimate", "0.2", "s"],
        ["*", "population", "2021", "5690", "300", "published", "0", "s"],
    ]
    text = problems_of(write_csv(tmp_path / "u.csv", rows))
    assert "3 problems in" in text
    assert "row 2: value: 11 is out of range (allowed: 0 to 10 (scale 0-10))" in text
    assert "row 3: value: 0.5 is out of range (allowed: 1 to 10 (grade 1-10))" in text
    assert "row 4: value: -3 is out of range (allowed: 0 or more (persons))" in text


def test_missing_columns_are_named_with_the_expected_ones(tmp_path):
    rows = [[h for h in HEADER if h not in ("value", "source")], ["x"] * 6]
    text = problems_of(write_csv(tmp_path / "cols.csv", rows))
    assert "cols.csv: row 1: columns: missing columns 'value', 'source'" in text
    assert "expected: " + ", ".join(HEADER) in text


def test_misspelt_column_gets_a_suggestion(tmp_path):
    rows = [[*HEADER[:-1], "sourse"], GOOD_ROW]
    text = problems_of(write_csv(tmp_path / "typo.csv", rows))
    assert "row 1: sourse: unknown column; did you mean 'source'?" in text


def test_misspelt_tolerance_is_not_silently_derived(tmp_path):
    rows = [[*HEADER[:6], "tolerence", "source"], GOOD_ROW]
    text = problems_of(write_csv(tmp_path / "typo.csv", rows))
    assert "did you mean 'tolerance'?" in text


def test_several_problems_are_all_reported(tmp_path):
    rows = [
        HEADER,
        GOOD_ROW,
        ["atlantis", "lonely_shar", "21", "hoog", "0", "guess", "-1", ""],
        ["Nazareth", "lonely_share", "2021", "0.5", "300", "estimate", "0.03", "dup"],
    ]
    text = problems_of(write_csv(tmp_path / "many.csv", rows))
    lines = text.splitlines()
    assert lines[0] == f"9 problems in {tmp_path / 'many.csv'}"
    for field in ("area", "indicator", "year", "value", "sample_size", "status", "tolerance"):
        assert any(line.startswith(f"{tmp_path / 'many.csv'}: row 3: {field}: ") for line in lines)
    assert any("row 3: source: empty" in line for line in lines)
    assert any("row 4: area, indicator, year: duplicate of row 2" in line for line in lines)


def test_area_names_and_keys_become_cbs_codes(tmp_path):
    rows = [HEADER, ["nazareth", *GOOD_ROW[1:]], ["Pottenberg", *GOOD_ROW[1:]]]
    rows.append(["BU09350101", *GOOD_ROW[1:]])  # a code stays a code
    frame = load_targets(write_csv(tmp_path / "names.csv", rows))
    assert frame["area"].tolist() == ["BU09350403", "BU09350203", "BU09350101"]


def test_status_is_case_insensitive(tmp_path):
    frame = load_targets(write_csv(tmp_path / "s.csv", [HEADER, variant("status", "Published")[2]]))
    assert frame["status"].tolist() == ["published"]


def test_without_tolerance_column_the_standard_error_is_used(tmp_path):
    header = [h for h in HEADER if h != "tolerance"]
    rows = [
        header,
        ["nazareth", "lonely_share", "2021", "0.5", "100", "published", "s"],
        ["nazareth", "social_cohesion_score", "2021", "5.7", "100", "published", "s"],
    ]
    frame = load_targets(write_csv(tmp_path / "not.csv", rows))
    assert frame["tolerance"].tolist() == pytest.approx([0.05, 0.5])  # sqrt(.25/100); 10/2/10
    count = [header, ["*", "waiting_list", "2021", "40", "300", "estimate", "s"]]
    text = problems_of(write_csv(tmp_path / "count.csv", count))
    assert "row 2: tolerance: no tolerance column" in text


# ----------------------------------------------------------------- respondents
RESP_HEADER = ["respondent_id", "area", "year", "age", "djg_score", "money_worries", "cohesion"]


def respondent_rows() -> list[list[str]]:
    """12 adults in Nazareth, one minor there, 5 adults in Pottenberg (too few to keep)."""
    rows = [RESP_HEADER]
    for i in range(12):
        worries = "" if i == 11 else str((i + 1) % 2)  # six 1s, five 0s, one blank
        cohesion = "5" if i % 2 == 0 else "6"
        rows.append([f"SECRET-{i}", "Nazareth", "2021", str(30 + i), str(i), worries, cohesion])
    rows.append(["SECRET-MINOR", "nazareth", "2021", "16", "11", "1", "0"])
    for i in range(5):
        rows.append([f"SECRET-P{i}", "BU09350203", "2021", "", "4", "1", "7"])
    return rows


def test_respondents_aggregate_to_hand_computed_values(tmp_path):
    path = write_csv(tmp_path / "answers.csv", respondent_rows())
    with pytest.warns(SurveyDataWarning) as caught:
        frame = load_respondents(path)
    assert list(frame.columns) == HEADER
    got = {r.indicator: r for r in frame.itertuples()}
    assert set(frame["area"]) == {"BU09350403"}
    # djg scores 0..11: 9 of 12 are 3+, 3 of 12 are 9+ (the minor's 11 is left out)
    assert got["lonely_share"].value == pytest.approx(9 / 12)
    assert got["lonely_share"].tolerance == pytest.approx(math.sqrt(0.75 * 0.25 / 12))
    assert got["severely_lonely_share"].value == pytest.approx(3 / 12)
    assert got["financial_worries_share"].value == pytest.approx(6 / 11)
    assert got["financial_worries_share"].sample_size == 11
    # cohesion six 5s and six 6s: mean 5.5, sd sqrt(12 * 0.25 / 11)
    assert got["social_cohesion_score"].value == pytest.approx(5.5)
    assert got["social_cohesion_score"].tolerance == pytest.approx(math.sqrt(3 / 11) / 12**0.5)
    assert set(frame["status"]) == {"published"}
    assert set(frame["source"]) == {"answers.csv: respondent-level, aggregated locally"}
    assert set(frame["year"]) == {2021}
    messages = [str(w.message) for w in caught]
    assert any("under 18 left out" in m for m in messages)
    assert any("BU09350203 2021 lonely_share: 5 answer(s)" in m for m in messages)


def test_minimum_cell_size_can_be_lowered(tmp_path):
    path = write_csv(tmp_path / "answers.csv", respondent_rows())
    with pytest.warns(SurveyDataWarning):
        frame = load_respondents(path, min_respondents=5)
    potten = frame[frame["area"] == "BU09350203"].set_index("indicator")
    assert potten.loc["lonely_share", "value"] == 1.0
    assert potten.loc["social_cohesion_score", "value"] == 7.0
    assert potten.loc["social_cohesion_score", "tolerance"] == 0.0


def test_respondent_rows_never_leave_the_loader(tmp_path):
    path = write_csv(tmp_path / "answers.csv", respondent_rows())
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.warns(SurveyDataWarning):
        frame = load_respondents(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert "SECRET" not in frame.to_csv() + repr(frame.attrs)
    assert "age" not in frame.columns and len(frame) == 4  # Nazareth only: 2 from djg, 1 each


def test_respondents_xlsx_equals_csv(tmp_path):
    rows = respondent_rows()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([int(c) if c.isdigit() else (c or None) for c in row])
    book.save(tmp_path / "answers.xlsx")
    write_csv(tmp_path / "answers.csv", rows, sep=";")
    with pytest.warns(SurveyDataWarning):
        a = plain(load_respondents(tmp_path / "answers.xlsx"))
        b = plain(load_respondents(tmp_path / "answers.csv"))
    pd.testing.assert_frame_equal(a.drop(columns="source"), b.drop(columns="source"))


# case -> (replace column, value, field, words); replaces the first Nazareth row (row 2)
BROKEN_RESPONDENTS = {
    "answer-out-of-scale": ("djg_score", "12", "djg_score", ["12", "0 to 11"]),
    "answer-not-integer": ("djg_score", "2.5", "djg_score", ["not a whole number"]),
    "answer-not-number": ("money_worries", "ja", "money_worries", ["'ja'", "0 to 1"]),
    "continuous-out-of-scale": ("cohesion", "10.5", "cohesion", ["outside the scale"]),
    "age-not-number": ("age", "veertig", "age", ["'veertig'", "not a number"]),
    "unknown-area": ("area", "atlantis", "area", ["'atlantis'", "BU09350403"]),
    "city-is-not-a-buurt": ("area", "*", "area", ["not a buurt"]),
    "year-missing": ("year", "", "year", ["missing"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN_RESPONDENTS))
def test_broken_respondents_name_row_and_field(tmp_path, case):
    column, value, field, words = BROKEN_RESPONDENTS[case]
    rows = respondent_rows()
    rows[1][RESP_HEADER.index(column)] = value
    path = write_csv(tmp_path / f"{case}.csv", rows)
    text = problems_of(path, load_respondents)
    assert text.startswith(f"1 problem in {path}"), text
    assert f"{case}.csv: row 2: {field}: " in text, text
    for word in words:
        assert word in text, f"{word!r} not in {text}"
    assert "SECRET" not in text


def test_respondent_file_without_answer_columns(tmp_path):
    path = write_csv(tmp_path / "empty.csv", [["area", "year", "age"], ["nazareth", "2021", "40"]])
    text = problems_of(path, load_respondents)
    assert "empty.csv: row 1: columns: no answer columns" in text
    assert "djg_score" in text


def test_load_survey_file_tells_the_kinds_apart(tmp_path):
    targets = load_survey_file(SHIPPED)
    assert targets.attrs["kind"] == "targets" and len(targets) == len(shipped_rows()) - 1
    path = write_csv(tmp_path / "answers.csv", respondent_rows())
    with pytest.warns(SurveyDataWarning):
        answers = load_survey_file(path)
    assert answers.attrs["kind"] == "respondents"
    assert list(answers.columns) == HEADER
    neither = write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]])
    text = problems_of(neither, load_survey_file)
    assert "neither a survey targets file nor a respondent file" in text


# ----------------------------------------------------------------- start targets
def test_start_targets_use_only_the_survey_year(tmp_path):
    rows = shipped_rows()
    of_2021 = [r for r in rows[1:] if r[2] == "2021"]
    later = [[r[0], r[1], "2023", "0.99" if r[1] != "social_cohesion_score" else "9.9", *r[4:]]
             for r in of_2021]  # fmt: skip
    path = write_csv(tmp_path / "more-years.csv", rows + later)
    inputs = load_inputs(targets=path)
    assert len(inputs.start_targets) == len(of_2021) == 30
    assert {r["year"] for r in inputs.start_targets} == {2021}
    nazareth = areas.all_areas()["BU09350403"]
    assert inputs.target_for(nazareth, "lonely_share")["value"] == 0.52
    assert len(load_targets(path)) == len(rows) - 1 + len(later)


def test_start_targets_follow_the_file_given(tmp_path):
    rows = dutch(shipped_rows())
    rows[1][3] = "0,61"  # Nazareth lonely_share
    path = write_csv(tmp_path / "mine.csv", rows, sep=";")
    nazareth = areas.all_areas()["BU09350403"]
    row = load_inputs(targets=path).target_for(nazareth, "lonely_share")
    assert row["value"] == 0.61
    assert isinstance(row["value"], float) and isinstance(row["sample_size"], int)
    assert load_inputs().target_for(nazareth, "lonely_share")["value"] == 0.52


def test_the_model_does_not_read_veerkracht_targets_itself(monkeypatch, tmp_path):
    """Only the caller decides the inputs: the environment reaches the model through the
    command line (targets_path), never behind the caller's back."""
    rows = shipped_rows()
    rows[1][3] = "0.61"
    monkeypatch.setenv(ENV_TARGETS, str(write_csv(tmp_path / "mine.csv", rows)))
    nazareth = areas.all_areas()["BU09350403"]
    assert load_inputs().target_for(nazareth, "lonely_share")["value"] == 0.52
    assert load_inputs(targets=targets_path()).target_for(nazareth, "lonely_share")["value"] == 0.61


def test_inputs_digest_changes_with_the_targets_file(tmp_path):
    rows = shipped_rows()
    path = write_csv(tmp_path / "t.csv", rows)
    before = load_inputs(targets=path).digest()
    assert load_inputs(targets=path).digest() == before
    rows[1][3] = "0.61"
    write_csv(path, rows)
    assert load_inputs(targets=path).digest() != before
    assert load_inputs(["nazareth"], targets=path).digest() != load_inputs(targets=path).digest()


def test_broken_targets_file_is_an_input_error(tmp_path):
    rows = shipped_rows()
    rows[1][3] = "52"
    with pytest.raises(SurveyDataError, match="row 2: value: 52 looks like a percentage"):
        load_inputs(targets=write_csv(tmp_path / "bad.csv", rows))


def test_missing_start_target_is_an_input_error(tmp_path):
    rows = [r for r in shipped_rows() if r[1] != "bijstand_share"]
    inputs = load_inputs(targets=write_csv(tmp_path / "few.csv", rows))
    with pytest.raises(InputError, match="no 2021 row for indicator 'bijstand_share'"):
        inputs.target_for(areas.all_areas()["BU09350403"], "bijstand_share")


def test_start_indicators_are_those_the_initial_state_reads():
    source = (REPO / "model" / "initial_state.py").read_text(encoding="utf-8")
    used = set(re.findall(r"target(?:_for)?\([^)]*?\"(\w+)\"\)", source))
    assert used == set(model_inputs.START_INDICATORS)


# ----------------------------------------------------------------- documentation
def test_docs_describe_every_column():
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    for column in [*TARGET_COLUMNS, "area", "year", "age", *(q.column for q in QUESTIONS)]:
        assert f"`{column}`" in doc, column
    for q in QUESTIONS:
        assert re.search(rf"`{q.column}` \| {q.low:g}-{q.high:g} ", doc), q.column
    assert "VEERKRACHT_TARGETS" in doc
    assert "veerkracht validate" in doc


def test_manifest_hashes_the_targets_file_in_use(tmp_path):
    import hashlib

    from model.manifest import data_hashes

    shipped = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert data_hashes(load_inputs())["survey_targets.csv"] == f"sha256:{shipped}"
    path = write_csv(tmp_path / "mine.csv", dutch(shipped_rows()), sep=";")
    mine = hashlib.sha256(path.read_bytes()).hexdigest()
    assert mine != shipped
    assert data_hashes(load_inputs(targets=path))["survey_targets.csv"] == f"sha256:{mine}"
