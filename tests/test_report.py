"""'veerkracht report': the council report of a compare folder (HTML, PDF, slides).

One small comparison (two portfolios, a stress test and the baseline; two
replicates of four years) is simulated once per session and reported in
Dutch and in English."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from cli import app
from experiments.summary import MAIN_INDICATORS
from model.indicators import BY_NAME
from viz.report import numbers as num

runner = CliRunner()
SCENARIOS = ("debt-first", "integrated-mix", "stress-energy")


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def compare_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report") / "cmp"
    result = invoke(
        "compare",
        *SCENARIOS,
        "--replicates",
        2,
        "--years",
        4,
        "--workers",
        2,
        "--seeds-per-draw",
        1,
        "--out",
        folder,
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def labels(compare_dir):
    import json

    manifest = json.loads((compare_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest["ensemble"]["scenarios"]


@pytest.fixture(scope="session")
def report_nl(compare_dir):
    result = invoke("report", compare_dir)
    assert result.exit_code == 0, result.output
    return compare_dir / "report"


@pytest.fixture(scope="session")
def report_en(compare_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-en")
    result = invoke("report", compare_dir, "--lang", "en", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def pdf_text(path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"[ \t]+", " ", text)


# ---------------------------------------------------------------------- numbers
def test_dutch_number_formatting():
    assert num.number(1234.5, 1, "nl") == "1.234,5"
    assert num.number(1234.5, 1, "en") == "1,234.5"
    assert num.number(-0.04, 1, "nl") == "0,0"  # no negative zero
    assert num.number(-2.25, 2, "nl") == "\u22122,25"
    assert num.number(0.5, 1, "nl", sign=True) == "+0,5"
    assert num.eur(700_000, "nl") == "€ 700.000"
    assert num.eur(700_000, "en") == "EUR 700,000"
    assert num.eur(1_234_567.8, "nl") == "€ 1.234.568"
    assert num.percent(0.1234, 1, "nl") == "12,3%"
    assert num.with_interval(-1.2, -2.0, -0.4, 1, "nl") == "\u22121,2 [\u22122,0; \u22120,4]"
    assert num.with_interval(1.2, 0.4, 2.0, 1, "en") == "+1.2 [0.4, 2.0]"
    assert num.number(float("nan"), 1, "nl") == "-"


# ---------------------------------------------------------------------- slides
def test_slides_match_scenarios_and_indicators(report_nl, labels, compare_dir):
    from pptx import Presentation

    prs = Presentation(report_nl / "slides.pptx")
    titles = [s.shapes.title.text for s in prs.slides]
    compared = [n for n in labels if n != "baseline"]
    # title, question, map, scenarios, indicators, budget (one per portfolio), stress,
    # limits, reproducibility
    portfolios = [n for n in compared if labels[n]["kind"] == "portfolio"]
    assert len(titles) == 3 + len(compared) + len(MAIN_INDICATORS) + len(portfolios) + 1 + 2
    assert titles.count("Wat € 700.000 per jaar oplevert") == len(portfolios)
    for name in compared:
        assert labels[name]["label_nl"] in titles
    for ind in MAIN_INDICATORS:
        assert BY_NAME[ind].label_nl in titles
    assert "Wat € 700.000 per jaar oplevert" in titles
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert pictures and all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)


def test_english_slides(report_en, labels):
    from pptx import Presentation

    titles = [s.shapes.title.text for s in Presentation(report_en / "slides.pptx").slides]
    assert labels["debt-first"]["label_en"] in titles
    assert BY_NAME["lonely_share"].label_en in titles
    assert "What EUR 700,000 a year buys" in titles


# ---------------------------------------------------------------------- PDF
def test_pdf_names_scenarios_and_budget(report_nl, labels):
    text = pdf_text(report_nl / "report.pdf")
    for name, s in labels.items():
        assert s["label_nl"] in text, name
    assert "€ 700.000" in text
    first_page = text[:2000]
    assert "voorbeeldgegevens" in first_page and "niet ingeladen" in first_page


def test_pdf_english(report_en, labels):
    text = pdf_text(report_en / "report.pdf")
    for s in labels.values():
        assert s["label_en"] in text
    assert "EUR 700,000" in text
    assert "illustrative data" in text[:2000]


# ---------------------------------------------------------------------- HTML
class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        for key in ("src", "href", "srcset", "data", "action", "poster"):
            if attrs.get(key):
                self.refs.append(attrs[key])


def test_html_is_self_contained_with_alt_text(report_nl):
    page = (report_nl / "report.html").read_text(encoding="utf-8")
    parser = _Refs()
    parser.feed(page)
    assert len(parser.images) == len(MAIN_INDICATORS) + 1  # one chart each and the map
    assert all((img.get("alt") or "").strip() for img in parser.images)
    assert all(ref.startswith("data:") for ref in parser.refs)
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.split("<body>")[0])
    assert "<script" not in page.lower() and "@import" not in page
    assert "€ 700.000" in page and "Bron: CBS" in page


def test_every_result_has_an_interval(report_nl):
    page = (report_nl / "report.html").read_text(encoding="utf-8")
    # every result cell (a number with decimals) carries its [low; high] interval
    cells = re.findall(r"<td>([+\u2212]?[\d.]*\d,\d+)( \[[^<]*\])?</td>", page)
    assert cells and all(band for _, band in cells)


# ---------------------------------------------------------------------- incomplete folders
def _copy(compare_dir, tmp_path):
    folder = tmp_path / "partial"
    shutil.copytree(compare_dir, folder, ignore=shutil.ignore_patterns("report*"))
    return folder


def test_missing_replicate_is_refused(compare_dir, tmp_path):
    folder = _copy(compare_dir, tmp_path)
    (folder / "runs" / "integrated-mix" / "rep-001.parquet").unlink()
    result = invoke("report", folder)
    assert result.exit_code == 2
    assert "integrated-mix (1 of 2)" in result.output
    assert "veerkracht compare" in result.output  # how to finish it
    assert not (folder / "report").exists()


def test_interrupted_compare_is_refused(compare_dir, tmp_path):
    folder = _copy(compare_dir, tmp_path)
    for name in ("manifest.json", "summary.csv", "costs.csv"):
        (folder / name).unlink()
    result = invoke("report", folder, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "no manifest.json, summary.csv, costs.csv" in result.output
    assert "did not finish" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_summary_and_bad_options(compare_dir, tmp_path):
    folder = _copy(compare_dir, tmp_path)
    (folder / "summary.csv").unlink()
    result = invoke("report", folder)
    assert result.exit_code == 2 and "no summary.csv" in result.output
    assert invoke("report", compare_dir, "--format", "docx").exit_code == 2
    assert invoke("report", compare_dir, "--lang", "fr").exit_code == 2
    assert invoke("report", tmp_path / "nowhere").exit_code == 2
