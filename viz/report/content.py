"""The report as a language-resolved structure built from a compare result folder.

``check_folder`` lists what is missing from a folder (an interrupted or
partial ``veerkracht compare``); ``build_report`` reads a complete folder
(manifest.json, summary.csv, costs.csv, stress.csv, runs/) and returns a
``Report``: sections of paragraphs, tables and figures for the document
renderers (HTML, PDF) and a list of slides for the presentation. Every
result is a mean with its interval (90% interval of the paired difference or
10th-90th percentile band); nothing is shown as a bare point estimate.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from viz.report import numbers as num
from viz.report.texts import (
    PER_ONE,
    VALUE_CHANGES,
    join_words,
    month_name,
    paragraphs,
    text,
)

if TYPE_CHECKING:
    from model.indicators import Indicator

REQUIRED_FILES = ("manifest.json", "summary.csv", "costs.csv")
VALUE_INDICATORS = tuple(VALUE_CHANGES)


class ReportInputError(Exception):
    """The folder is not a complete compare result; the message says what is missing."""


# ---------------------------------------------------------------------- structure
@dataclass
class Paragraph:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    widths: list[float] | None = None  # relative column widths


@dataclass
class Figure:
    name: str
    png: bytes
    alt: str
    caption: str = ""
    width_in: float = 8.0
    height_in: float = 3.6


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    new_page: bool = False


@dataclass
class Slide:
    title: str
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    figure: Figure | None = None
    note: str = ""


@dataclass
class Report:
    lang: str
    title: str
    subtitle: str
    date_line: str
    notice_title: str
    notice: str
    sections: list[Section]
    slides: list[Slide]
    scenario_labels: list[str]
    indicator_labels: list[str]


# ---------------------------------------------------------------------- checking
def _manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def check_folder(folder: str | Path) -> list[str]:
    """What is missing for a report, one short phrase each (empty if complete)."""
    folder = Path(folder)
    if not folder.is_dir():
        return [f"no folder {str(folder)!r}"]
    problems = []
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    manifest = _manifest(folder) if "manifest.json" not in missing else None
    if "manifest.json" not in missing and manifest is None:
        problems.append("manifest.json cannot be read")
    elif manifest is not None and not isinstance(manifest.get("ensemble"), dict):
        problems.append("manifest.json is not from 'veerkracht compare' (no ensemble section)")
        manifest = None
    if missing:
        problems.append("no " + ", ".join(missing))
    runs = folder / "runs"
    if manifest is None:
        n_files = len(list(runs.glob("*/rep-*.parquet"))) if runs.is_dir() else 0
        if n_files:
            problems.append(f"runs/ has {n_files} run files but the compare did not finish")
        return problems
    ens = manifest["ensemble"]
    reps = int(ens.get("replicates", 0))
    scenarios = list(ens.get("scenarios", {}))
    if not scenarios:
        problems.append("manifest.json lists no scenarios")
    incomplete = []
    for name in scenarios:
        have = [r for r in range(reps) if (runs / name / f"rep-{r:03d}.parquet").is_file()]
        if len(have) < reps:
            incomplete.append(f"{name} ({len(have)} of {reps})")
    if incomplete:
        problems.append("scenarios without all replicate runs: " + ", ".join(incomplete))
    for rel in ens.get("outputs", []):
        if rel.endswith(".csv") and rel not in REQUIRED_FILES and not (folder / rel).is_file():
            problems.append(f"no {rel}")
    if (folder / "summary.csv").is_file():
        rows = _read_csv(folder / "summary.csv")
        counts: dict[str, set[str]] = {}
        for row in rows:
            counts.setdefault(row.get("scenario", ""), set()).add(row.get("n_replicates", ""))
        absent = [s for s in scenarios if s not in counts]
        if not rows:
            problems.append(
                "summary.csv has no rows (the run is shorter than a year after the programme start)"
            )
        elif absent:
            problems.append("summary.csv has no rows for " + ", ".join(absent))
        short = [s for s, n in counts.items() if s in scenarios and n != {str(reps)}]
        if short:
            problems.append(f"summary.csv has fewer than {reps} replicates for " + ", ".join(short))
    return problems


def require_complete(folder: str | Path) -> None:
    problems = check_folder(folder)
    if problems:
        manifest = _manifest(Path(folder)) if Path(folder).is_dir() else None
        command = (manifest or {}).get("command")
        hint = (
            f"; finish it by running 'veerkracht compare' again with the same scenarios and "
            f"--out {str(folder)!r} (finished runs are reused)"
            + (f"; it was run as: {command}" if command else "")
            if manifest is not None or (Path(folder) / "runs").is_dir()
            else "; give the --out folder of a finished 'veerkracht compare'"
        )
        raise ReportInputError(
            f"incomplete compare result in {str(folder)!r}: " + "; ".join(problems) + hint
        )


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _f(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


# ---------------------------------------------------------------------- units
def _scale(unit: str) -> tuple[float, int]:
    """Shares are shown in % and percentage points (1 decimal), scores with 2."""
    return (100.0, 1) if unit.startswith("share") else (1.0, 2)


def _unit_words(unit: str, lang: str, diff: bool) -> str:
    if unit.startswith("share"):
        if diff:
            return text(lang, "unit_pp")
        who = {
            "share of adults": "who_adults",
            "share of households": "who_households",
            "share of residents": "who_residents",
            "share of labour force": "who_labour",
        }.get(unit, "who_residents")
        return text(lang, "unit_share", who=text(lang, who))
    return text(lang, "unit_points", scale=unit)


def _better(direction: str, lang: str) -> str:
    return text(
        lang,
        {"higher_better": "better_higher", "lower_better": "better_lower"}.get(
            direction, "better_none"
        ),
    )


# ---------------------------------------------------------------------- loading
@dataclass
class Data:
    folder: Path
    manifest: dict
    summary: list[dict]
    costs: list[dict]
    stress: list[dict]

    @property
    def ens(self) -> dict:
        return self.manifest["ensemble"]

    @property
    def scenarios(self) -> dict[str, dict]:
        return self.ens["scenarios"]

    @property
    def baseline(self) -> str:
        return self.ens.get("baseline", "baseline")

    def compared(self, kind: str | None = None) -> list[str]:
        return [
            n
            for n, s in self.scenarios.items()
            if n != self.baseline and (kind is None or s.get("kind") == kind)
        ]

    def row(self, scenario: str, indicator: str, horizon: int, area: str = "total") -> dict:
        return self._index.get((scenario, indicator, horizon, area), {})

    def __post_init__(self) -> None:
        self._index = {
            (r["scenario"], r["indicator"], int(r["horizon_years"]), r["area"]): r
            for r in self.summary
        }
        self.horizons = sorted({int(r["horizon_years"]) for r in self.summary})


def load(folder: str | Path) -> Data:
    folder = Path(folder)
    require_complete(folder)
    stress_path = folder / "stress.csv"
    return Data(
        folder=folder,
        manifest=_manifest(folder) or {},
        summary=_read_csv(folder / "summary.csv"),
        costs=_read_csv(folder / "costs.csv"),
        stress=_read_csv(stress_path) if stress_path.is_file() else [],
    )


def _label(data: Data, name: str, lang: str) -> str:
    s = data.scenarios.get(name, {})
    return s.get(f"label_{lang}") or s.get("label_en") or name


def _description(data: Data, name: str, lang: str) -> str:
    """The scenario file's description in ``lang`` (empty if the file cannot be read)."""
    from scenarios.loader import builtin_names, description, load_scenario

    source = data.scenarios.get(name, {}).get("source") or ""
    try:
        if source and Path(source).is_file():
            scenario = load_scenario(source)
        elif name in builtin_names():
            scenario = load_scenario(name)
        else:
            return ""
    except Exception:  # a changed or removed file: the report goes on without it
        return ""
    return " ".join(description(scenario, lang).split())


def _denominator(data: Data, scenario: str, indicator: Indicator, month: str) -> float:
    """Mean number of adults/households/... in all buurten at ``month`` over the
    scenario's runs (the count an improvement in a share is a share of)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from experiments.summary import denominator

    name = denominator(indicator)
    if name is None:
        return math.nan
    values = []
    for path in sorted((data.folder / "runs" / scenario).glob("rep-*.parquet")):
        t = pq.read_table(path, columns=["month", "area", "indicator", "value"])
        mask = pc.and_(pc.equal(t.column("indicator"), name), pc.equal(t.column("area"), "total"))
        t = t.filter(mask)
        months = [str(m)[:7] for m in t.column("month").to_pylist()]
        vals = t.column("value").to_pylist()
        values += [v for m, v in zip(months, vals, strict=True) if m == month]
    return sum(values) / len(values) if values else math.nan


# ---------------------------------------------------------------------- building
def build_report(folder: str | Path, lang: str = "nl", today: dt.date | None = None) -> Report:
    from experiments.summary import MAIN_INDICATORS
    from model.indicators import BY_NAME

    data = load(folder)
    today = today or dt.date.today()
    ens = data.ens
    budgets = [_f(s.get("budget_eur_per_year")) for s in data.scenarios.values()]
    budget = max((b for b in budgets if math.isfinite(b)), default=700_000.0)
    budget_txt = num.eur(budget, lang)
    portfolios = data.compared("portfolio")
    stresses = data.compared("stress test")
    others = data.compared()
    n_reps = int(ens["replicates"])
    horizons_txt = (
        join_words([str(h) for h in data.horizons], lang) + " " + text(lang, "years_word")
    )
    indicators = [i for i in MAIN_INDICATORS if data.row(data.baseline, i, data.horizons[0])]
    ind_label = {i: getattr(BY_NAME[i], f"label_{lang}") for i in indicators}
    created = str(data.manifest.get("created", ""))[:10]

    sections: list[Section] = []
    slides: list[Slide] = []
    report = Report(
        lang=lang,
        title=text(lang, "title"),
        subtitle=text(lang, "subtitle", n=len(portfolios), budget=budget_txt),
        date_line=text(
            lang,
            "date_line",
            date=_date(today, lang),
            computed=_date(dt.date.fromisoformat(created), lang) if created else "-",
        ),
        notice_title=text(lang, "notice_title"),
        notice=text(lang, "notice"),
        sections=sections,
        slides=slides,
        scenario_labels=[_label(data, n, lang) for n in others],
        indicator_labels=[ind_label[i] for i in indicators],
    )
    slides.append(Slide(report.title, [report.subtitle, report.date_line], note=report.notice))

    # ------------------------------------------------------------ question and map
    from model.inputs.areas import all_areas

    areas = all_areas()
    codes = [a["code"] for a in data.manifest.get("areas", [])]
    area_lines = [
        text(
            lang,
            "areas_line",
            name=areas[c].name,
            population=num.integer(areas[c].population, lang),
            households=num.integer(areas[c].households, lang),
        )
        for c in codes
        if c in areas
    ]
    question = text(lang, "question", budget=budget_txt, n=len(portfolios))
    context = text(
        lang,
        "context",
        start=month_name(ens.get("programme_start"), lang),
        horizons=horizons_txt,
    )
    sections.append(Section(text(lang, "sec_question"), [Paragraph(question), Paragraph(context)]))
    slides.append(Slide(text(lang, "slide_context"), [question, context]))
    map_fig = _map_figure(codes, lang)
    sections.append(Section(text(lang, "sec_map"), [Bullets(area_lines), map_fig]))
    slides.append(Slide(text(lang, "sec_map"), area_lines, figure=map_fig))

    # ------------------------------------------------------------ scenarios
    blocks: list = [Paragraph(text(lang, "scenarios_intro"))]
    blocks.append(
        Section(_label(data, data.baseline, lang), [Paragraph(text(lang, "baseline_text"))])
    )
    for name in others:
        sub, slide = _scenario_blocks(data, name, lang)
        blocks.append(sub)
        slides.append(slide)
    sections.append(Section(text(lang, "sec_scenarios"), blocks, new_page=True))

    # ------------------------------------------------------------ results per indicator
    blocks = [
        Paragraph(text(lang, "results_intro", horizons=horizons_txt, n=num.integer(n_reps, lang)))
    ]
    for ind in indicators:
        sub, slide = _indicator_blocks(data, ind, ind_label[ind], others, lang, horizons_txt)
        blocks.append(sub)
        slides.append(slide)
    sections.append(Section(text(lang, "sec_results"), blocks, new_page=True))

    # ------------------------------------------------------------ value for money
    value_section, value_slide = _value_blocks(data, portfolios, budget_txt, lang)
    sections.append(value_section)
    slides.append(value_slide)

    # ------------------------------------------------------------ stress tests
    if stresses and data.stress:
        stress_section, stress_slide = _stress_blocks(data, stresses, indicators, lang)
        sections.append(stress_section)
        slides.append(stress_slide)

    # ------------------------------------------------------------ methods, data, limits
    methods = paragraphs(lang, "methods", n=num.integer(n_reps, lang))
    sections.append(
        Section(text(lang, "sec_methods"), [Paragraph(p) for p in methods], new_page=True)
    )
    provenance = _provenance_table(codes, lang)
    posterior = data.manifest.get("posterior")
    calibration = (
        text(lang, "limits_posterior", k=len(posterior.get("parameters", [])))
        if isinstance(posterior, dict)
        else text(lang, "limits_uncalibrated")
    )
    limits = paragraphs(lang, "limits", calibration=calibration)
    sections.append(
        Section(
            text(lang, "sec_data"),
            [
                Paragraph(text(lang, "data_intro")),
                provenance,
                Section(text(lang, "limits_title"), [Bullets(limits)]),
            ],
        )
    )
    slides.append(Slide(text(lang, "slide_limits"), limits, table=provenance))

    # ------------------------------------------------------------ reproducibility
    repro, hashes = _repro_tables(data, lang)
    sections.append(
        Section(
            text(lang, "sec_repro"),
            [Paragraph(text(lang, "repro_intro")), repro, hashes],
            new_page=True,
        )
    )
    slides.append(Slide(text(lang, "slide_repro"), table=hashes, note=repro.rows[0][1]))
    return report


def _date(day: dt.date, lang: str) -> str:
    """'28 november 2026' / '28 November 2026'."""
    return f"{day.day} {month_name(f'{day.year}-{day.month:02d}', lang)}"


def _scenario_blocks(data: Data, name: str, lang: str) -> tuple[Section, Slide]:
    from scenarios.interventions import CATALOGUE
    from scenarios.shocks import SHOCKS

    s = data.scenarios[name]
    label = _label(data, name, lang)
    blocks: list = []
    bullets: list[str] = []
    desc = _description(data, name, lang)
    if desc:
        blocks.append(Paragraph(desc))
    if s.get("kind") == "stress test":
        blocks.append(Paragraph(text(lang, "stress_intro")))
        rows = []
        for shock in s.get("shocks", {}).values():
            cls = SHOCKS.get(shock.get("type"))
            what = getattr(cls, f"label_{lang}", "") if cls else shock.get("type", "")
            end = shock.get("end")
            period = month_name(shock.get("start"), lang) + (
                " " + text(lang, "until", end=month_name(end, lang))
                if end
                else f" ({text(lang, 'ongoing')})"
            )
            rows.append([what, period])
            bullets.append(f"{what}: {period}")
        blocks.append(Table([text(lang, "col_shock"), text(lang, "col_period")], rows))
        return Section(label, blocks), Slide(label, bullets, note=desc)

    yearly = s.get("yearly_costs_eur", {})
    rows = []
    for key, iv in s.get("interventions", {}).items():
        cls = CATALOGUE.get(iv.get("type"))
        what = getattr(cls, f"label_{lang}", "") if cls else iv.get("type", key)
        cost = num.eur(_f(yearly.get(key)), lang)
        rows.append([what, month_name(iv.get("start"), lang), cost])
        bullets.append(f"{what}: {cost}")
    total = sum(_f(v) for v in yearly.values() if math.isfinite(_f(v)))
    rows.append([text(lang, "total"), "", num.eur(total, lang)])
    blocks.append(
        Table(
            [text(lang, "col_part"), text(lang, "col_from"), text(lang, "col_cost_year")],
            rows,
            widths=[3.0, 1.3, 1.3],
        )
    )
    line = text(
        lang,
        "budget_line",
        budget=num.eur(_f(s.get("budget_eur_per_year")), lang),
        spent=num.eur(_spent_per_year(data, name), lang),
    )
    blocks.append(Paragraph(line))
    over = data.ens.get("over_budget", {}).get(name)
    if over:
        warn = text(lang, "over_budget", year=over["year"], over=num.eur(over["over_eur"], lang))
        blocks.append(Paragraph(warn))
        bullets.append(warn)
    bullets.append(line)
    return Section(label, blocks), Slide(label, bullets)


def _spent_per_year(data: Data, name: str) -> float:
    """Realised yearly cost over the longest horizon (summary.csv, all buurten)."""
    if not data.horizons:
        return math.nan
    h = data.horizons[-1]
    rows = [r for r in data.summary if r["scenario"] == name and r["area"] == "total"]
    rows = [r for r in rows if int(r["horizon_years"]) == h]
    return _f(rows[0]["cost_eur_per_year"]) if rows else math.nan


def _indicator_blocks(
    data: Data, ind: str, label: str, others: list[str], lang: str, horizons_txt: str
) -> tuple[Section, Slide]:
    from model.indicators import BY_NAME

    info = BY_NAME[ind]
    scale, dec = _scale(info.unit)
    better = _better(info.direction, lang)
    last = data.horizons[-1]
    header = [text(lang, "col_option")]
    header += [text(lang, "col_after", h=h) for h in data.horizons]
    header += [text(lang, "col_level", h=last)]
    rows = []
    chart = []
    for name in [data.baseline, *others]:
        cells = [_label(data, name, lang)]
        points = []
        for h in data.horizons:
            r = data.row(name, ind, h)
            if name == data.baseline:
                cells.append(text(lang, "reference"))
                continue
            m, lo, hi = (scale * _f(r.get(k)) for k in ("diff_mean", "diff_p05", "diff_p95"))
            cells.append(num.with_interval(m, lo, hi, dec, lang))
            points.append((h, m, lo, hi))
        r = data.row(name, ind, last)
        m, lo, hi = (scale * _f(r.get(k)) for k in ("mean", "p10", "p90"))
        cells.append(num.with_interval(m, lo, hi, dec, lang, sign=False))
        rows.append(cells)
        if name != data.baseline:
            chart.append((_label(data, name, lang), points))
    diff_unit = _unit_words(info.unit, lang, diff=True)
    level_unit = _unit_words(info.unit, lang, diff=False)
    caption = (
        text(lang, "table_caption_diff", unit=diff_unit, better=better)
        + " "
        + text(lang, "table_caption_level", unit=level_unit, dash=num.DASH)
    )
    widths = [2.2] + [1.6] * len(data.horizons) + [1.6]
    table = Table(header, rows, caption, widths)
    from viz.figures import horizon_difference_png

    png = horizon_difference_png(
        title=text(lang, "fig_diff_title", indicator=label),
        axis_label=text(lang, "fig_diff_axis", unit=diff_unit),
        rows=chart,
        note="",
        years_word=text(lang, "years_word"),
        lang=lang,
    )
    figure = Figure(
        name=f"difference_{ind}",
        png=png,
        alt=text(lang, "fig_diff_alt", indicator=label, horizons=horizons_txt, better=better),
        caption=text(lang, "fig_diff_note") + " " + better,
        height_in=max(2.4, 1.1 + 0.45 * len(chart) * max(1, len(data.horizons)) / 2),
    )
    slide_rows = [[row[0], row[-2] if len(row) > 2 else ""] for row in rows[1:]]
    note = text(lang, "slide_diff_note", h=last, unit=diff_unit, better=better)
    slide = Slide(label, figure=figure, note=note)
    slide.table = Table([text(lang, "col_option"), header[-2]], slide_rows)
    return Section(label, [figure, table]), slide


def _value_blocks(
    data: Data, portfolios: list[str], budget_txt: str, lang: str
) -> tuple[Section, Slide]:
    from model.indicators import BY_NAME

    h = 5 if 5 in data.horizons else data.horizons[-1]
    header = [
        text(lang, "col_option"),
        text(lang, "col_spent"),
        text(lang, "col_topic"),
        text(lang, "col_improvement"),
        text(lang, "col_per_unit"),
    ]
    rows = []
    for name in portfolios:
        first = True
        for ind in VALUE_INDICATORS:
            r = data.row(name, ind, h)
            if not r:
                continue
            info = BY_NAME[ind]
            sign = {"higher_better": 1.0, "lower_better": -1.0}.get(info.direction, 0.0)
            denom = _denominator(data, name, info, r["month"])
            m, lo, hi = (sign * _f(r[k]) * denom for k in ("diff_mean", "diff_p05", "diff_p95"))
            lo, hi = min(lo, hi), max(lo, hi)
            improvement = (
                num.with_interval(m, lo, hi, 0, lang, sign=False)
                + f" {info.population.noun(lang, many=True)} {VALUE_CHANGES[ind][lang]}"
                if math.isfinite(m)
                else "-"
            )
            per = _f(r.get("eur_per_unit"))
            cost = (
                num.eur(round(per, -2) if per >= 1000 else per, lang)
                + " "
                + PER_ONE[lang].format(unit=info.population.noun(lang))
                if math.isfinite(per)
                else text(lang, "not_shown")
            )
            rows.append(
                [
                    _label(data, name, lang) if first else "",
                    num.eur(_f(r["cost_eur_per_year"]), lang) if first else "",
                    getattr(info, f"label_{lang}"),
                    improvement,
                    cost,
                ]
            )
            first = False
    table = Table(header, rows, text(lang, "value_caption"), widths=[1.6, 1.2, 1.8, 2.6, 1.7])
    title = text(lang, "sec_value", budget=budget_txt)
    section = Section(title, [Paragraph(text(lang, "value_intro", h=h)), table], new_page=True)
    slide_rows = [[r[0], r[2], _short_improvement(r[3]), r[4]] for r in rows]
    slide = Slide(
        text(lang, "slide_value", budget=budget_txt),
        table=Table([header[0], header[2], header[3], header[4]], slide_rows),
        note=text(lang, "value_intro", h=h),
    )
    return section, slide


def _short_improvement(cell: str) -> str:
    """'45 [20; 70] volwassenen minder ...' -> '45 [20; 70]' for the slide."""
    if "]" in cell:
        return cell[: cell.index("]") + 1]
    return cell.split(" ", 1)[0]


def _stress_blocks(
    data: Data, stresses: list[str], indicators: list[str], lang: str
) -> tuple[Section, Slide]:
    from model.indicators import BY_NAME

    blocks: list = []
    bullets: list[str] = []
    slide_table = None
    for name in stresses:
        rows = [r for r in data.stress if r["scenario"] == name and r["area"] == "total"]
        if not rows:
            continue
        first = rows[0]
        until = (
            text(lang, "until", end=month_name(first["shock_end"], lang))
            if first.get("shock_end")
            else f"({text(lang, 'ongoing')})"
        )
        label = _label(data, name, lang)
        intro = text(
            lang,
            "stress_text",
            label=label,
            start=month_name(first["shock_start"], lang),
            until=until,
            dash=num.DASH,
        )
        table_rows = []
        for r in rows:
            if r["indicator"] not in indicators:
                continue
            info = BY_NAME[r["indicator"]]
            scale, dec = _scale(info.unit)
            drop = num.with_interval(
                scale * _f(r["depth_mean"]),
                scale * _f(r["depth_p10"]),
                scale * _f(r["depth_p90"]),
                dec,
                lang,
                sign=False,
            ) + (" " + text(lang, "unit_pp") if info.unit.startswith("share") else "")
            months = _f(r["months_to_recover"])
            rec = num.integer(months, lang) if math.isfinite(months) else text(lang, "no_recovery")
            table_rows.append([getattr(info, f"label_{lang}"), drop, rec])
        table = Table(
            [text(lang, "col_topic"), text(lang, "col_drop"), text(lang, "col_recovery")],
            table_rows,
            widths=[2.2, 2.2, 1.4],
        )
        blocks.append(Section(label, [Paragraph(intro), table]))
        bullets.append(intro)
        slide_table = slide_table or table
    section = Section(text(lang, "sec_stress"), blocks, new_page=True)
    return section, Slide(text(lang, "slide_stress"), table=slide_table, note=" ".join(bullets))


def _provenance_table(codes: list[str], lang: str) -> Table:
    from model.inputs.areas import data_path

    def counts(file: str) -> dict[str, int]:
        out = {"published": 0, "estimate": 0, "assumption": 0}
        with data_path(file).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["area"] in codes or row["area"] == "*":
                    out[row["status"]] = out.get(row["status"], 0) + 1
        return out

    def row(label_key: str, c: dict[str, int]) -> list[str]:
        return [text(lang, label_key)] + [
            num.integer(c.get(k, 0), lang) for k in ("published", "estimate", "assumption")
        ]

    rows = [
        [text(lang, "src_demography"), text(lang, "col_published"), "-", "-"],
        row("src_inputs", counts("area_inputs.csv")),
        row("src_targets", counts("survey_targets.csv")),
        [text(lang, "src_effects"), text(lang, "effects_status"), "", ""],
    ]
    return Table(
        [
            text(lang, "col_source"),
            text(lang, "col_published"),
            text(lang, "col_estimate"),
            text(lang, "col_assumption"),
        ],
        rows,
        widths=[3.0, 1.4, 1.1, 1.1],
    )


def _repro_tables(data: Data, lang: str) -> tuple[Table, Table]:
    m, ens = data.manifest, data.ens
    deps = ", ".join(f"{k} {v}" for k, v in m.get("dependencies", {}).items())
    seeds = ", ".join(f"{r}: {s}" for r, s in ens.get("seeds", {}).items())
    rows = [
        [text(lang, "repro_command"), m.get("command", "-")],
        [text(lang, "repro_created"), m.get("created", "-")],
        [text(lang, "repro_version"), f"veerkracht {m.get('package', {}).get('version', '-')}"],
        [text(lang, "repro_code"), ens.get("code_version", "-")],
        [text(lang, "repro_python"), f"Python {m.get('python', '-')}; {deps}"],
        [text(lang, "repro_reps"), num.integer(_f(ens.get("replicates")), lang)],
        [text(lang, "repro_years"), num.integer(_f(m.get("years")), lang)],
        [text(lang, "repro_seed"), str(ens.get("base_seed", "-"))],
        [text(lang, "repro_seeds"), seeds],
    ]
    kv = Table(["", ""], rows, widths=[1.6, 5.0])
    hashes = Table(
        [
            text(lang, "col_option"),
            text(lang, "col_scenario_id"),
            text(lang, "col_digest"),
            text(lang, "col_fingerprint"),
        ],
        [
            [_label(data, n, lang), n, s.get("digest", "-"), s.get("fingerprint", "-")]
            for n, s in data.scenarios.items()
        ],
        widths=[2.2, 1.8, 1.5, 1.5],
    )
    return kv, hashes


# ---------------------------------------------------------------------- map
def _map_figure(codes: list[str], lang: str) -> Figure:
    from viz.figures import buurten_map_png

    return Figure(
        name="map",
        png=buurten_map_png(codes, title=text(lang, "map_title"), source=text(lang, "map_source")),
        alt=text(lang, "map_alt"),
        caption=text(lang, "map_caption"),
        width_in=6.0,
        height_in=4.5,
    )
