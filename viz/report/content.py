"""The report as a language-resolved structure built from a compare result folder.

``check_folder`` lists what is missing from a folder (an interrupted or
partial ``veerkracht compare``); ``build_report`` reads a complete folder
(manifest.json, summary.csv, costs.csv, stress.csv, runs/) and returns a
``Report``: sections of paragraphs, tables and figures for the document
renderers (HTML, PDF) and a list of slides for the presentation. Every
result is a mean with its range (where 90% of the replicates' paired differences
fall, or the 10th-90th percentile band of a level); nothing is shown as a bare point
estimate.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from model.views import FOCUS, GAP, PEOPLE, RATIO, REST, SPREAD, TOTAL
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
EFFECT_VIEWS = (PEOPLE, TOTAL, FOCUS)  # people and city first: only they show changed lives
COMPOSITION_INDICATOR = "low_resilience_share"
DESCRIPTIVE_INDICATOR = "vulnerable_share"  # who lives there: no better or worse, no price


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

    def row(self, scenario: str, indicator: str, horizon: int, area: str = TOTAL) -> dict:
        return self._index.get((scenario, indicator, horizon, area), {})

    def __post_init__(self) -> None:
        self._index = {
            (r["scenario"], r["indicator"], int(r["horizon_years"]), r["area"]): r
            for r in self.summary
        }
        self.horizons = sorted({int(r["horizon_years"]) for r in self.summary})
        self.areas = list(dict.fromkeys(r["area"] for r in self.summary))
        self._counts: dict[tuple[str, str], dict[tuple[str, str], float]] = {}

    @property
    def codes(self) -> list[str]:
        """CBS codes of the buurten simulated."""
        return [a["code"] for a in self.manifest.get("areas", [])]

    @property
    def buurten(self) -> list[str]:
        """The summary's buurt rows (the rows before the views), in order."""
        return self.areas[: len(self.codes)]

    @property
    def has_rest(self) -> bool:
        """Whether buurten outside the focus ran (and so the tweedeling rows exist)."""
        return REST in self.areas

    @property
    def main_horizon(self) -> int:
        return 5 if 5 in self.horizons else self.horizons[-1]

    def view(self, key: str, lang: str) -> str:
        from viz.labels import view_name

        return view_name(key, self.codes, lang)

    def buurt_names(self) -> dict[str, str]:
        """Summary buurt key -> the buurt's name."""
        names = [a.get("name", a["code"]) for a in self.manifest.get("areas", [])]
        return dict(zip(self.buurten, names, strict=False))


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


def _denominator(data: Data, scenario: str, indicator: Indicator, month: str, area: str) -> float:
    """Mean number of adults/households/... in the row ``area`` at ``month`` over the
    scenario's runs (the count an improvement in a share is a share of)."""
    from experiments.summary import denominator

    name = denominator(indicator)
    if name is None:
        return math.nan
    key = (scenario, month)
    if key not in data._counts:
        data._counts[key] = _mean_counts(data, scenario, month)
    return data._counts[key].get((name, area), math.nan)


def _mean_counts(data: Data, scenario: str, month: str) -> dict[tuple[str, str], float]:
    """(count, row) -> its mean over the scenario's runs at ``month`` (read once)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from model.indicators import BY_NAME

    names = sorted({ind.population.count for ind in BY_NAME.values() if ind.is_share})
    sums: dict[tuple[str, str], list[float]] = {}
    for path in sorted((data.folder / "runs" / scenario).glob("rep-*.parquet")):
        t = pq.read_table(path, columns=["month", "area", "indicator", "value"])
        t = t.filter(pc.is_in(t.column("indicator"), value_set=_strings(names)))
        rows = zip(
            t.column("month").to_pylist(),
            t.column("area").to_pylist(),
            t.column("indicator").to_pylist(),
            t.column("value").to_pylist(),
            strict=True,
        )
        for m, area, name, value in rows:
            if str(m)[:7] == month:
                sums.setdefault((name, area), []).append(value)
    return {k: sum(v) / len(v) for k, v in sums.items()}


def _strings(values: list[str]):
    import pyarrow as pa

    return pa.array(values, type=pa.string())


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
    from model.inputs.areas import FOCUS_AREAS

    # a city run names the focus buurten and sums up the rest in one line
    shown = [c for c in codes if c in areas and (len(codes) <= 4 or c in FOCUS_AREAS)]
    area_lines = [
        text(
            lang,
            "areas_line",
            name=areas[c].name,
            population=num.integer(areas[c].population, lang),
            households=num.integer(areas[c].households, lang),
        )
        for c in shown
    ]
    rest_codes = [c for c in codes if c in areas and c not in shown]
    if rest_codes:
        area_lines.append(
            text(
                lang,
                "areas_rest_line",
                n=len(rest_codes),
                population=num.integer(sum(areas[c].population for c in rest_codes), lang),
                households=num.integer(sum(areas[c].households for c in rest_codes), lang),
            )
        )
    question = text(lang, "question", budget=budget_txt, n=len(portfolios))
    context = text(
        lang,
        "context",
        start=month_name(ens.get("programme_start"), lang),
        horizons=horizons_txt,
    )
    sections.append(Section(text(lang, "sec_question"), [Paragraph(question), Paragraph(context)]))
    slides.append(Slide(text(lang, "slide_context"), [question, context]))
    map_fig = _map_figure([c for c in codes if c in FOCUS_AREAS] or codes, lang)
    map_title = text(lang, "sec_map" if len(codes) <= 2 else "sec_map_more")
    sections.append(Section(map_title, [Bullets(area_lines), map_fig]))
    slides.append(Slide(map_title, area_lines, figure=map_fig))

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

    # ------------------------------------------------------------ value for money
    value_section, value_slides = _value_blocks(data, portfolios, budget_txt, lang)
    value_section.blocks += _composition_blocks(data, portfolios, lang)
    displacement, displacement_slide = _displacement_blocks(data, [data.baseline, *others], lang)
    value_section.blocks += displacement
    sections.append(value_section)
    slides.extend(value_slides)
    if displacement_slide is not None:
        slides.append(displacement_slide)

    # ------------------------------------------------------------ tweedeling
    tweedeling, tweedeling_slide = _tweedeling_blocks(data, portfolios, lang)
    sections.append(tweedeling)
    if tweedeling_slide is not None:
        slides.append(tweedeling_slide)

    # ------------------------------------------------------------ results per indicator
    interval = _interval_words(data, lang)
    views = {k: data.view(k, lang) for k in EFFECT_VIEWS}
    blocks = [
        Paragraph(
            text(
                lang,
                "results_intro",
                horizons=horizons_txt,
                n=num.integer(n_reps, lang),
                people=views[PEOPLE],
                city=views[TOTAL],
                place=views[FOCUS],
                interval=interval,
            )
        ),
    ]
    for ind in indicators:
        sub, slide = _indicator_blocks(data, ind, ind_label[ind], others, lang)
        blocks.append(sub)
        slides.append(slide)
    sections.append(Section(text(lang, "sec_results"), blocks, new_page=True))

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
    drawn = data.manifest.get("ensemble", {}).get("uncertainty", {})
    if isinstance(posterior, dict):
        calibration = text(lang, "limits_posterior", k=len(posterior.get("parameters", [])))
    elif "parameters" in drawn.get("sources", []):
        calibration = text(lang, "limits_priors", k=drawn.get("parameters_drawn", 0))
    else:
        calibration = text(lang, "limits_uncalibrated")
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


def _cap(words: str) -> str:
    """'de bewoners van 2024, gevolgd' -> 'De bewoners van 2024, gevolgd' (a column head)."""
    return words[:1].upper() + words[1:]


def _interval_words(data: Data, lang: str) -> str:
    """What a range contains: chance in the model, and what we do not know when the
    replicates drew parameters and effects (``experiments.uncertainty``)."""
    drawn = data.manifest.get("ensemble", {}).get("uncertainty", {})
    if not drawn.get("sources"):
        return text(lang, "interval_chance")
    posterior = data.manifest.get("posterior")
    part = (
        text(lang, "interval_posterior_part", k=len(posterior.get("parameters", [])))
        if isinstance(posterior, dict)
        else ""
    )
    return text(lang, "interval_uncertain", k=drawn.get("parameters_drawn", 0), posterior=part)


# The range shown beside a mean difference: where 90% of the replicates fall (the
# summary's diff_low/diff_high), not the Monte Carlo interval of the mean.
DIFF_KEYS = ("diff_mean", "diff_low", "diff_high")


def _views_blocks(data: Data, lang: str) -> list:
    """The three views explained; in a run of the focus buurten alone, that 'the city'
    is those buurten."""
    names = {k: data.view(k, lang) for k in EFFECT_VIEWS}
    blocks: list = [
        Paragraph(
            text(
                lang,
                "views_intro",
                people=names[PEOPLE],
                city=names[TOTAL],
                People_=_cap(names[PEOPLE]),
                City_=_cap(names[TOTAL]),
                Place_=_cap(names[FOCUS]),
            )
        )
    ]
    if not data.has_rest:
        buurten = join_words(list(data.buurt_names().values()), lang)
        blocks.append(Paragraph(text(lang, "views_focus_only", buurten=buurten, city=names[TOTAL])))
    return blocks


def _diff_cell(row: dict, scale: float, dec: int, lang: str) -> str:
    m, lo, hi = (scale * _f(row.get(k)) for k in DIFF_KEYS)
    return num.with_interval(m, lo, hi, dec, lang)


def _level_cell(row: dict, scale: float, dec: int, lang: str) -> str:
    m, lo, hi = (scale * _f(row.get(k)) for k in ("mean", "p10", "p90"))
    return num.with_interval(m, lo, hi, dec, lang, sign=False)


def _indicator_blocks(
    data: Data, ind: str, label: str, others: list[str], lang: str
) -> tuple[Section, Slide]:
    """One topic: per option and horizon the difference in the people, city and place
    views, and the city's level; a chart of the three views at the main horizon."""
    from model.indicators import BY_NAME

    info = BY_NAME[ind]
    scale, dec = _scale(info.unit)
    better = _better(info.direction, lang)
    h_main = data.main_horizon
    views = {v: data.view(v, lang) for v in EFFECT_VIEWS}
    header = [text(lang, "col_option"), text(lang, "col_view_after")]
    header += [_cap(views[v]) for v in EFFECT_VIEWS]
    header += [text(lang, "col_level_view", view=views[TOTAL])]
    rows = []
    chart = []
    for name in [data.baseline, *others]:
        for k, h in enumerate(data.horizons):
            cells = [_label(data, name, lang) if k == 0 else "", text(lang, "h_years", h=h)]
            for v in EFFECT_VIEWS:
                r = data.row(name, ind, h, v)
                cells.append(
                    text(lang, "reference")
                    if name == data.baseline
                    else _diff_cell(r, scale, dec, lang)
                )
            cells.append(_level_cell(data.row(name, ind, h), scale, dec, lang))
            rows.append(cells)
        if name != data.baseline:
            points = []
            for v in EFFECT_VIEWS:
                r = data.row(name, ind, h_main, v)
                m, lo, hi = (scale * _f(r.get(k)) for k in DIFF_KEYS)
                points.append((views[v], m, lo, hi))
            chart.append((_label(data, name, lang), points))
    diff_unit = _unit_words(info.unit, lang, diff=True)
    level_unit = _unit_words(info.unit, lang, diff=False)
    caption = (
        text(lang, "table_caption_diff", unit=diff_unit, better=better)
        + " "
        + text(lang, "table_caption_level", unit=level_unit, dash=num.DASH)
    )
    table = Table(header, rows, caption, [1.9, 0.8, 1.7, 1.7, 1.7, 1.7])
    from viz.figures import difference_png

    png = difference_png(
        title=text(lang, "fig_diff_title", indicator=label),
        axis_label=text(lang, "fig_diff_axis", unit=diff_unit),
        rows=chart,
        lang=lang,
    )
    figure = Figure(
        name=f"difference_{ind}",
        png=png,
        alt=text(
            lang,
            "fig_diff_alt",
            indicator=label,
            h=h_main,
            views=join_words(list(views.values()), lang),
            better=better,
        ),
        caption=text(lang, "fig_diff_note", h=h_main) + " " + better,
        height_in=max(2.4, 1.1 + 0.45 * len(chart) * len(EFFECT_VIEWS) / 2),
    )
    slide_rows = [
        [_label(data, name, lang)]
        + [_diff_cell(data.row(name, ind, h_main, v), scale, dec, lang) for v in (PEOPLE, TOTAL)]
        for name in others
    ]
    note = text(lang, "slide_diff_note", h=h_main, unit=diff_unit, better=better)
    slide = Slide(label, figure=figure, note=note)
    slide.table = Table(
        [text(lang, "col_option"), _cap(views[PEOPLE]), _cap(views[TOTAL])], slide_rows
    )
    return Section(label, [figure, table]), slide


def _improvement(data: Data, name: str, ind: str, h: int, view: str, lang: str) -> str:
    """The improvement in people or households in one view: the difference in the share
    times the view's population, mean [range of 90% of the replicates], turned to the good
    direction."""
    from model.indicators import BY_NAME

    r = data.row(name, ind, h, view)
    if not r:
        return "-"
    info = BY_NAME[ind]
    sign = {"higher_better": 1.0, "lower_better": -1.0}.get(info.direction, 0.0)
    denom = _denominator(data, name, info, r["month"], view)
    m, lo, hi = (sign * _f(r.get(k)) * denom for k in DIFF_KEYS)
    if not math.isfinite(m):
        return "-"
    return num.with_interval(m, min(lo, hi), max(lo, hi), 0, lang, sign=False)


def _value_blocks(
    data: Data, portfolios: list[str], budget_txt: str, lang: str
) -> tuple[Section, list[Slide]]:
    """The headline table: per portfolio and topic the improvement for the people
    followed and the city first, then in the focus buurten, and the cost per unit of the
    people's improvement."""
    from model.indicators import BY_NAME

    h = data.main_horizon
    views = {v: data.view(v, lang) for v in EFFECT_VIEWS}
    header = [text(lang, "col_option"), text(lang, "col_improvement")]
    header += [_cap(views[v]) for v in EFFECT_VIEWS]
    header.append(text(lang, "col_per_unit_people"))
    rows = []
    first_row = {}  # portfolio -> index of its first row
    for name in portfolios:
        first_row[name] = len(rows)
        k = 0
        for ind in VALUE_INDICATORS:
            r = data.row(name, ind, h, PEOPLE)
            if not r:
                continue
            info = BY_NAME[ind]
            what = f"{info.population.noun(lang, many=True)} {VALUE_CHANGES[ind][lang]}"
            per = _f(r.get("eur_per_unit"))
            cost = (
                num.eur(round(per, -2) if per >= 1000 else per, lang)
                + " "
                + PER_ONE[lang].format(unit=info.population.noun(lang))
                if math.isfinite(per)
                else text(lang, "not_shown")
            )
            # the option's name in its first row, what it spends in the second
            first = [
                _label(data, name, lang),
                text(lang, "spent_line", eur=num.eur(_f(r["cost_eur_per_year"]), lang)),
            ]
            rows.append(
                [first[k] if k < 2 else "", _cap(what)]
                + [_improvement(data, name, ind, h, v, lang) for v in EFFECT_VIEWS]
                + [cost]
            )
            k += 1
    caption = text(lang, "value_caption", interval=_interval_words(data, lang))
    table = Table(header, rows, caption, widths=[1.5, 2.2, 1.3, 1.3, 1.3, 1.6])
    title = text(lang, "sec_value", budget=budget_txt)
    intro = text(
        lang, "value_intro", h=h, people=views[PEOPLE], city=views[TOTAL], place=views[FOCUS]
    )
    section = Section(title, [Paragraph(intro), *_views_blocks(data, lang), table], new_page=True)
    # one slide per portfolio: the whole table does not fit on one
    slide_header = [header[0], header[1], header[2], header[3], header[5]]
    bounds = [*first_row.values(), len(rows)]
    slides = [
        Slide(
            text(lang, "slide_value", budget=budget_txt),
            table=Table(slide_header, [[r[0], r[1], r[2], r[3], r[5]] for r in rows[a:b]]),
            note=intro,
        )
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
        if b > a
    ]
    return section, slides


def _composition_blocks(data: Data, portfolios: list[str], lang: str) -> list:
    """Place minus people per portfolio (the difference of the two means: the part of
    the buurt change that comes from who lives there), and the share of vulnerable
    households as a description of who lives where."""
    from model.indicators import BY_NAME

    h = data.main_horizon
    ind = BY_NAME[COMPOSITION_INDICATOR]
    scale, dec = _scale(ind.unit)
    unit = _unit_words(ind.unit, lang, diff=True)
    place, people = data.view(FOCUS, lang), data.view(PEOPLE, lang)
    lines = []
    for name in portfolios:
        p_row = data.row(name, ind.name, h, FOCUS)
        q_row = data.row(name, ind.name, h, PEOPLE)
        if not (p_row and q_row):
            continue
        p, q = scale * _f(p_row["diff_mean"]), scale * _f(q_row["diff_mean"])
        lines.append(
            text(
                lang,
                "composition_line",
                label=_label(data, name, lang),
                place=place,
                people=people,
                place_diff=_diff_cell(p_row, scale, dec, lang) + f" {unit}",
                people_diff=_diff_cell(q_row, scale, dec, lang) + f" {unit}",
                comp=num.number(p - q, dec, lang, sign=True),
                unit=unit,
            )
        )
    if not lines:
        return []
    intro = text(
        lang,
        "composition_intro",
        indicator=getattr(ind, f"label_{lang}").lower(),
        h=h,
        place=place,
        people=people,
    )
    blocks: list = [Paragraph(intro), Bullets(lines)]
    desc = BY_NAME[DESCRIPTIVE_INDICATOR]
    d_scale, d_dec = _scale(desc.unit)
    keys = [v for v in (FOCUS, REST, PEOPLE, TOTAL) if v in data.areas]
    rows = [
        [_label(data, name, lang)]
        + [_level_cell(data.row(name, desc.name, h, v), d_scale, d_dec, lang) for v in keys]
        for name in [data.baseline, *portfolios]
    ]
    table = Table(
        [text(lang, "col_option")] + [_cap(data.view(v, lang)) for v in keys],
        rows,
        text(lang, "vulnerable_caption", h=h, dash=num.DASH),
        widths=[1.8] + [1.5] * len(keys),
    )
    blocks.append(Section(text(lang, "vulnerable_title"), [table]))
    return [Section(text(lang, "sec_composition"), blocks)]


DISPLACEMENT_ROWS = 8  # receiving buurten shown by name


def _count_cell(row: dict, lang: str) -> str:
    m, lo, hi = (_f(row.get(k)) for k in ("mean", "p10", "p90"))
    return num.with_interval(m, lo, hi, 0, lang, sign=False)


def _displacement_blocks(data: Data, scenarios: list[str], lang: str) -> tuple[list, Slide | None]:
    """For each scenario whose screening passed vulnerable applicants over in the focus
    buurten: how often, and where the households passed over were housed (per buurt,
    and elsewhere in the city: everyone housed minus the buurten simulated)."""
    h = data.main_horizon
    place = data.view(FOCUS, lang)
    names = data.buurt_names()
    blocks: list = []
    slide_table = None
    for name in scenarios:
        refused = data.row(name, "refused_vulnerable", h, FOCUS)
        if not _f(refused.get("mean")) > 0:
            continue
        rows = [[text(lang, "passed_over", place=place), _count_cell(refused, lang)]]
        housed = {key: data.row(name, "displaced_housed", h, key) for key in data.buurten}
        in_buurten = sum(_f(r.get("mean")) for r in housed.values())
        # the receiving buurten with the most households; the others in one line
        ranked = sorted(housed, key=lambda key: -_f(housed[key].get("mean")))
        for key in ranked[:DISPLACEMENT_ROWS]:
            rows.append([text(lang, "housed_in", where=names[key]), _count_cell(housed[key], lang)])
        rest = ranked[DISPLACEMENT_ROWS:]
        if rest:
            n_rest = sum(_f(housed[key].get("mean")) for key in rest)
            label = text(lang, "housed_other_buurten", n=len(rest))
            rows.append([label, num.integer(n_rest, lang)])
        total = data.row(name, "displaced_housed", h, TOTAL)
        elsewhere = _f(total.get("mean")) - in_buurten
        if elsewhere > 0.5 or len(data.buurten) < 44:
            rows.append([text(lang, "housed_elsewhere"), num.integer(elsewhere, lang)])
        rows.append([text(lang, "housed_total"), _count_cell(total, lang)])
        table = Table(
            [text(lang, "col_what"), text(lang, "col_count", h=h)],
            rows,
            text(lang, "displacement_caption", dash=num.DASH),
            widths=[4.0, 1.8],
        )
        label = _label(data, name, lang)
        intro = text(lang, "displacement_intro", label=label, place=place, h=h)
        blocks.append(Section(label, [Paragraph(intro), table]))
        slide_table = slide_table or table
    if not blocks:
        return [], None
    section = Section(text(lang, "sec_displacement"), blocks)
    slide = Slide(text(lang, "slide_displacement"), table=slide_table, note=slide_table.caption)
    return [section], slide


def _tweedeling_blocks(
    data: Data, portfolios: list[str], lang: str
) -> tuple[Section, Slide | None]:
    """The gap between the focus buurten and the rest of the city, their ratio and the
    spread over the buurten, each against the baseline; in a run of the focus buurten
    alone, one sentence that this needs the city."""
    from experiments.summary import MAIN_INDICATORS
    from model.indicators import BY_NAME
    from model.inputs.areas import FOCUS_AREAS, all_areas

    title = text(lang, "sec_tweedeling")
    if not data.has_rest:
        buurten = join_words(list(data.buurt_names().values()), lang)
        return Section(title, [Paragraph(text(lang, "tweedeling_missing", buurten=buurten))]), None
    h = data.main_horizon
    place, rest = data.view(FOCUS, lang), data.view(REST, lang)
    blocks: list = [Paragraph(text(lang, "tweedeling_intro", place=place, rest=rest, h=h))]
    names = data.buurt_names()
    others = [
        names[k] for k, c in zip(data.buurten, data.codes, strict=True) if c not in FOCUS_AREAS
    ]
    if len(data.codes) < len(all_areas()):
        blocks.append(
            Paragraph(text(lang, "tweedeling_partial", buurten=join_words(others, lang), rest=rest))
        )
    header = [
        text(lang, "col_topic"),
        text(lang, "col_gap_base"),
        text(lang, "col_gap"),
        text(lang, "col_ratio"),
        text(lang, "col_spread"),
    ]
    caption = text(lang, "tweedeling_caption", unit_share=text(lang, "unit_pp"), dash=num.DASH)
    slide_table = None
    for name in portfolios:
        rows = []
        for ind in (i for i in MAIN_INDICATORS if data.row(name, i, h, GAP)):
            info = BY_NAME[ind]
            scale, dec = _scale(info.unit)
            rows.append(
                [
                    getattr(info, f"label_{lang}"),
                    _level_cell(data.row(data.baseline, ind, h, GAP), scale, dec, lang),
                    _diff_cell(data.row(name, ind, h, GAP), scale, dec, lang),
                    _diff_cell(data.row(name, ind, h, RATIO), 1.0, 2, lang),
                    _diff_cell(data.row(name, ind, h, SPREAD), scale, dec, lang),
                ]
            )
        table = Table(header, rows, caption, widths=[2.0, 1.6, 1.6, 1.6, 1.6])
        blocks.append(Section(_label(data, name, lang), [table]))
        slide_table = slide_table or Table(header[:3], [r[:3] for r in rows])
    slide = Slide(text(lang, "slide_tweedeling"), table=slide_table, note=blocks[0].text)
    return Section(title, blocks, new_page=True), slide


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
