"""'veerkracht validate' on survey files: targets and respondent-level answers."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA
from helpers import run_cli, text_of
from typer.testing import CliRunner

from cli import app
from model.inputs.targets import SurveyDataError, load_targets

runner = CliRunner()
SHIPPED = DATA / "survey_targets.csv"


def invoke(*args: str):
    return runner.invoke(app, list(args))


def shipped_rows() -> list[list[str]]:
    with SHIPPED.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list[str]], sep: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=sep).writerows(rows)
    return path


def respondents(n_nazareth: int = 12) -> list[list[str]]:
    rows = [["respondent_id", "area", "year", "age", "djg_score", "cohesion"]]
    for i in range(n_nazareth):
        rows.append([f"PRIVATE-{i}", "nazareth", "2021", str(40 + i), str(i % 12), "5.5"])
    rows.append(["PRIVATE-POT", "pottenberg", "2021", "70", "2", "6"])
    return rows


def assert_clean_failure(result) -> str:
    text = text_of(result)
    assert result.exit_code == 2, text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text
    assert "ok:" not in text
    return text


def test_validate_shipped_targets():
    result = invoke("validate", str(SHIPPED))
    assert result.exit_code == 0, text_of(result)
    n = len(shipped_rows()) - 1
    for words in ("valid survey targets file", f"{n} rows", "3 areas", "10 indicators", "2021"):
        assert words in result.output, words
    assert "BU09350403 Nazareth" in result.output
    assert "lonely_share" in result.output


def test_validate_targets_xlsx_with_two_years(tmp_path):
    rows = shipped_rows()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for row in rows[1:3]:
        book.active.append([row[0], row[1], 2023, 0.5, 250, "published", 0.03, "survey 2023"])
    path = tmp_path / "targets.xlsx"
    book.save(path)
    result = invoke("validate", str(path))
    assert result.exit_code == 0, text_of(result)
    assert f"{len(rows) + 1} rows" in result.output
    assert "years 2021, 2023" in result.output


def test_validate_notes_missing_start_defaults(tmp_path):
    rows = [r for r in shipped_rows() if not (r[0] == "*" and r[1] == "bijstand_share")]
    result = invoke("validate", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, text_of(result)
    assert "note: no 2021 '*' row for bijstand_share" in result.output


BROKEN = {
    "percentage": (3, "value", "52", "looks like a percentage"),
    "area": (0, "area", "atlantis", "unknown area 'atlantis'"),
    "status": (5, "status", "guess", "'guess' is not a status"),
    "source": (7, "source", "", "empty"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_targets(tmp_path, case):
    column, field, value, words = BROKEN[case]
    rows = shipped_rows()
    rows[5][column] = value
    path = write_csv(tmp_path / f"{case}.csv", rows, sep=";")
    text = assert_clean_failure(invoke("validate", str(path)))
    assert "1 problem in" in text
    assert f"{case}.csv: row 6: {field}: " in text, text
    assert words in text


def test_validate_lists_every_problem(tmp_path):
    rows = shipped_rows()
    rows[2][3] = "veel"
    rows[9][2] = "2021.5"
    rows[20][4] = "0"
    rows.append(rows[1])
    text = assert_clean_failure(invoke("validate", str(write_csv(tmp_path / "m.csv", rows))))
    assert "4 problems in" in text
    last = len(rows)  # the duplicate, as a spreadsheet row number
    for row, field in ((3, "value"), (10, "year"), (21, "sample_size"), (last, "area, indicator")):
        assert f"m.csv: row {row}: {field}" in text, (row, field)


def test_validate_respondents_shows_only_aggregates(tmp_path):
    path = write_csv(tmp_path / "answers.csv", respondents())
    result = invoke("validate", str(path))
    text = " ".join(text_of(result).split())  # long lines wrap
    assert result.exit_code == 0, text
    assert "valid respondent-level survey file" in text
    assert "12 adult respondents" not in text  # 13 adults: 12 in Nazareth, 1 in Pottenberg
    assert "13 adult respondents" in text
    assert "BU09350403 Nazareth 2021: 12" in text
    assert "lonely_share" in text and "0.750" in text  # djg 0..11: 9 of 12 are 3+
    assert "5.500" in text
    assert "fewer than the minimum of 10" in text
    assert "PRIVATE" not in text


def test_validate_broken_respondents(tmp_path):
    rows = respondents()
    rows[3][4] = "12"
    rows[4][3] = "oud"
    text = assert_clean_failure(invoke("validate", str(write_csv(tmp_path / "r.csv", rows))))
    assert "2 problems in" in text
    assert "r.csv: row 4: djg_score: 12 is outside the scale" in text
    assert "r.csv: row 5: age: 'oud' is not a number" in text
    assert "PRIVATE" not in text


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.csv", None, ["no such file", "missing.csv"]),
        ("neither.csv", "a,b\n1,2\n", ["neither a survey targets file nor a respondent file"]),
        ("empty.csv", "", ["empty"]),
        ("old.xls", "x", ["cannot validate", ".csv", ".xlsx", ".yaml"]),
        ("fake.xlsx", "not a zip", ["not a readable .xlsx workbook"]),
    ],
)
def test_validate_unreadable_survey_files(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    text = assert_clean_failure(invoke("validate", str(path)))
    for word in words:
        assert word in text, f"{word!r} not in {text}"


def test_survey_error_survives_a_process_boundary(tmp_path):
    """Ensemble workers raise it in another process; it must arrive intact."""
    rows = shipped_rows()
    rows[1][3] = "52"
    with pytest.raises(SurveyDataError) as info:
        load_targets(write_csv(tmp_path / "b.csv", rows))
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value) and copy.problems == info.value.problems


def test_validate_survey_as_a_real_process(tmp_path):
    rows = shipped_rows()
    rows[1][1] = "lonley_share"
    path = write_csv(tmp_path / "t.csv", rows)
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "t.csv: row 2: indicator: unknown indicator 'lonley_share'" in proc.stderr


def test_run_with_broken_veerkracht_targets_fails_cleanly(tmp_path):
    rows = shipped_rows()
    rows[1][3] = "52"
    path = write_csv(tmp_path / "t.csv", rows)
    out = tmp_path / "out"
    proc = run_cli("run", "--years", "1", "--out", str(out), VEERKRACHT_TARGETS=str(path))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "t.csv: row 2: value: 52 looks like a percentage" in proc.stderr
    assert not out.exists()
