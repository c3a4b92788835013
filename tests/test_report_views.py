"""The report's views (model.views): the headline leads with the people followed and the
city, the composition line, the tweedeling and the displacement by screening.

A small city-like comparison (the focus buurten and Binnenstad, a portfolio that
screens applicants) is simulated once per session; the focus-only comparison of
test_report.py shows the one-liner that the tweedeling needs a city run."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from cli import app
from tests.test_report import compare_dir  # noqa: F401 (the focus-only session fixture)
from viz.report import numbers as num
from viz.report.content import Bullets, Paragraph, Section, Table, build_report

AREAS = "nazareth,pottenberg,binnenstad"


@pytest.fixture(scope="session")
def city_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-city") / "cmp"
    args = ["compare", "trust-from-within", "--replicates", "2", "--years", "4"]
    args += ["--seeds-per-draw", "1"]  # every replicate its own draw: 2 give an interval
    args += ["--areas", AREAS, "--workers", "2", "--out", str(folder)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return folder


def summary(folder) -> dict[tuple[str, str, str], dict]:
    with (folder / "summary.csv").open(encoding="utf-8") as f:
        return {(r["scenario"], r["indicator"], r["area"]): r for r in csv.DictReader(f)}


def section(report, title: str) -> Section:
    found = [s for s in walk(report.sections) if s.title.startswith(title)]
    assert found, f"no section {title!r}"
    return found[0]


def walk(sections):
    for s in sections:
        yield s
        yield from walk([b for b in s.blocks if isinstance(b, Section)])


def tables(sec: Section) -> list[Table]:
    return [b for s in walk([sec]) for b in s.blocks if isinstance(b, Table)]


def test_headline_table_leads_with_people_and_city(city_dir):
    report = build_report(city_dir, "nl")
    headline = section(report, "Wat € 700.000 per jaar oplevert")
    table = tables(headline)[0]
    assert table.header[:5] == [
        "Variant",
        "Verbetering",
        "De bewoners van 2024, gevolgd",
        "Alle gesimuleerde buurten",
        "Nazareth en Pottenberg",
    ]
    assert table.rows[1][0] == "besteed: € 680.000 per jaar"  # Dutch number format
    words = " ".join(b.text for b in headline.blocks if isinstance(b, Paragraph))
    assert "andere mensen in de buurt wonen" in words
    assert "laten alleen de bewoners van 2024, gevolgd en alle gesimuleerde buurten zien" in words
    # vulnerable_share is a description of who lives there, never an effect with a price
    assert not any("kwetsba" in row[1].lower() for row in table.rows)
    describe = section(report, "Wie er woont")
    assert "niet beter of slechter" in tables(describe)[0].caption
    # the headline comes before the results per topic
    titles = [s.title for s in report.sections]
    assert titles.index(headline.title) < titles.index("Resultaten per onderwerp")


def test_composition_line_is_place_minus_people(city_dir):
    rows = summary(city_dir)
    report = build_report(city_dir, "nl")
    lines = [b for b in section(report, "Andere bewoners").blocks if isinstance(b, Bullets)]
    line = lines[0].items[0]
    place = float(rows[("trust-from-within", "low_resilience_share", "focus")]["diff_mean"])
    people = float(rows[("trust-from-within", "low_resilience_share", "people")]["diff_mean"])
    comp = num.number(100 * (place - people), 1, "nl", sign=True)
    assert line.startswith("Vertrouwen van binnenuit: in Nazareth en Pottenberg")
    assert f"verschil van de gemiddelden {comp} procentpunt" in line


def test_tweedeling_and_displacement_for_a_city_like_run(city_dir):
    rows = summary(city_dir)
    report = build_report(city_dir, "nl")
    tweedeling = section(report, "Tweedeling")
    table = tables(tweedeling)[0]
    assert table.header[1:] == [
        "Kloof in de basis",
        "Kloof: verschil",
        "Verhouding: verschil",
        "Spreiding: verschil",
    ]
    assert all("[" in cell for row in table.rows for cell in row[1:])  # every value an interval
    text = " ".join(b.text for b in tweedeling.blocks if isinstance(b, Paragraph))
    assert "alleen Binnenstad doorgerekend" in text

    displaced = section(report, "Verdringing bij woningtoewijzing")
    table = tables(displaced)[0]
    what = [row[0] for row in table.rows]
    assert what[0] == "Kwetsbare woningzoekenden gepasseerd in Nazareth en Pottenberg"
    assert "daarna gehuisvest in Binnenstad" in what
    elsewhere = table.rows[what.index("daarna gehuisvest elders in de stad (niet gesimuleerd)")]

    def mean(area: str) -> float:
        return float(rows[("trust-from-within", "displaced_housed", area)]["mean"])

    expected = mean("total") - sum(mean(a) for a in ("nazareth", "pottenberg", "binnenstad"))
    assert elsewhere[1] == num.integer(expected, "nl")
    # the baseline does not screen, so only the portfolio has a displacement table
    assert [s.title for s in displaced.blocks if isinstance(s, Section)] == [
        "Vertrouwen van binnenuit"
    ]
    from viz.report.pptx import render_pptx  # the slides carry both sections too

    assert render_pptx(report)
    titles = [s.title for s in report.slides]
    assert "Tweedeling" in titles and "Verdringing bij toewijzing" in titles


def test_focus_only_run_says_the_tweedeling_needs_the_city(compare_dir):  # noqa: F811
    report = build_report(compare_dir, "nl")
    tweedeling = section(report, "Tweedeling")
    assert not tables(tweedeling)
    (only,) = tweedeling.blocks
    assert "vraagt een berekening met ook de rest van de stad" in only.text
    assert not [s for s in walk(report.sections) if s.title.startswith("Verdringing")]
    views = section(report, "Wat € 700.000 per jaar oplevert")
    words = " ".join(b.text for b in views.blocks if isinstance(b, Paragraph))
    assert "alleen Nazareth en Pottenberg doorgerekend" in words


def test_english_names_of_the_views(city_dir):
    report = build_report(city_dir, "en")
    table = tables(section(report, "What EUR 700,000 a year buys"))[0]
    assert table.header[2:5] == [
        "The residents of 2024, followed",
        "All simulated buurten",
        "Nazareth and Pottenberg",
    ]
    assert section(report, "Tweedeling: the focus buurten")


def test_intervals_are_never_called_proof(city_dir):
    report = build_report(city_dir, "nl")
    words = " ".join(
        item
        for s in walk(report.sections)
        for b in s.blocks
        for item in (
            [b.text]
            if isinstance(b, Paragraph)
            else b.items
            if isinstance(b, Bullets)
            else [b.caption, *(c for row in b.rows for c in row)]
            if isinstance(b, Table)
            else []
        )
    )
    assert "aangetoond" not in words and "bewezen" not in words
    # the comparison drew parameters and effects, and the report says what its ranges hold
    assert "Daarin zit het toeval in het model én wat we niet zeker weten" in words
