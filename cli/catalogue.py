"""Scenarios, the intervention catalogue and file validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.common import app, fail, out
from core.errors import InputError

LANGS = ("en", "nl")
HEADINGS = {
    "en": {
        "scenarios": "Built-in scenarios (files in scenarios/builtin/)",
        "scenarios_caption": "Cost at full operation: all interventions running for a year. "
        "'veerkracht validate NAME' shows one scenario in detail.",
        "name": "name",
        "kind": "kind",
        "label": "English",
        "label2": "Nederlands",
        "cost": "cost a year at full operation (EUR)",
        "budget": "budget a year (EUR)",
        "first": "first start",
        "within": "within budget",
        "yes": "yes",
        "no": "NO",
        "catalogue": "Interventions (type names for scenario files)",
        "catalogue_caption": "Costs at intensity 1; a scenario file can change intensity, "
        "capacity, fte, fixed_eur and eur_per_participant. 'veerkracht interventions KEY' "
        "lists the effects of one type.",
        "key": "type",
        "target": "target indicator",
        "yearly": "EUR a year at intensity 1",
        "acts": "acts on",
        "evidence": "evidence; cost source",
        "shocks": "Shocks (for stress tests; no cost)",
        "effects": "effects (default, unit)",
        "summary": "what it does",
        "effect_title": "Effects of {key} (set them under 'effects:' in a scenario file)",
        "default": "default",
        "range": "plausible range",
        "unit": "unit",
        "description": "description",
        "source": "source",
    },
    "nl": {
        "scenarios": "Ingebouwde scenario's (bestanden in scenarios/builtin/)",
        "scenarios_caption": "Kosten bij volledige inzet: alle interventies een jaar actief. "
        "'veerkracht validate NAAM' toont een scenario in detail.",
        "name": "naam",
        "kind": "soort",
        "label": "Nederlands",
        "label2": "English",
        "cost": "kosten per jaar bij volledige inzet (EUR)",
        "budget": "budget per jaar (EUR)",
        "first": "eerste start",
        "within": "binnen budget",
        "yes": "ja",
        "no": "NEE",
        "catalogue": "Interventies (typenamen voor scenariobestanden)",
        "catalogue_caption": "Kosten bij intensiteit 1; een scenariobestand kan intensity, "
        "capacity, fte, fixed_eur en eur_per_participant aanpassen. 'veerkracht interventions "
        "TYPE' toont de effecten van een type.",
        "key": "type",
        "target": "doelindicator",
        "yearly": "EUR per jaar bij intensiteit 1",
        "acts": "werkt via",
        "evidence": "onderbouwing; bron kosten",
        "shocks": "Schokken (voor stresstests; geen kosten)",
        "effects": "effecten (standaard, eenheid)",
        "summary": "wat het doet",
        "effect_title": "Effecten van {key} (onder 'effects:' in een scenariobestand)",
        "default": "standaard",
        "range": "plausibel bereik",
        "unit": "eenheid",
        "description": "omschrijving",
        "source": "bron",
    },
}
KIND_NL = {"baseline": "basispad", "portfolio": "pakket", "stress test": "stresstest"}
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of headings and labels: 'en' or 'nl'.")
]


def check_lang(lang: str) -> str:
    if lang.lower() not in LANGS:
        fail(f"--lang must be 'en' or 'nl', got {lang!r}")
    return lang.lower()


def eur(value: float) -> str:
    return f"{value:,.0f}"


def scenario_kind(kind: str, lang: str) -> str:
    return KIND_NL.get(kind, kind) if lang == "nl" else kind


@app.command(name="scenarios")
def list_scenarios(lang: LangOption = "en") -> None:
    """List the built-in scenarios: kind, labels, yearly cost, budget and first start."""

    from scenarios.loader import builtin_names, load_scenario

    lang = check_lang(lang)
    h = HEADINGS[lang]
    try:
        loaded = [load_scenario(name) for name in builtin_names()]
    except InputError as exc:
        fail(str(exc))
    order = {"baseline": 0, "portfolio": 1, "stress test": 2}
    loaded.sort(key=lambda s: (order.get(s.kind, 3), s.name))
    table = Table(title=h["scenarios"], caption=h["scenarios_caption"])
    table.add_column(h["name"], style="bold", no_wrap=True)
    table.add_column(h["kind"], no_wrap=True)
    table.add_column(h["label"], overflow="fold")
    table.add_column(h["label2"], overflow="fold")
    for col in ("cost", "budget"):
        table.add_column(h[col], justify="right")
    table.add_column(h["first"], no_wrap=True)
    table.add_column(h["within"])
    for s in loaded:
        labels = (s.label_nl, s.label_en) if lang == "nl" else (s.label_en, s.label_nl)
        over = s.overage()
        table.add_row(
            s.name,
            scenario_kind(s.kind, lang),
            escape(labels[0]),
            escape(labels[1]),
            eur(sum(s.yearly_costs().values())),
            eur(s.budget_eur_per_year),
            s.first_start or "-",
            h["yes"] if over is None else f"[red]{h['no']}[/] ({over[0]}: +{eur(over[1])})",
        )
    out.print(table)


def cost_lines(cls) -> str:
    """Yearly cost of an intervention type at intensity 1, with its breakdown."""
    from model.timeline import PROGRAMME_START

    p = cls(start=PROGRAMME_START)
    parts = [eur(p.yearly_cost())]
    if p.fixed_eur:
        parts.append(f"fixed: {eur(p.fixed_eur)}")
    if p.fte:
        parts.append(f"staff: {p.fte:g} FTE x {eur(p.eur_per_fte)}")
    if p.capacity and p.eur_per_participant:
        parts.append(f"participants: {p.capacity:g} x {eur(p.eur_per_participant)}")
    elif p.capacity:
        parts.append(f"capacity: {p.capacity:g} a year")
    return "\n".join(parts)


@app.command(name="interventions")
def list_interventions(
    key: Annotated[
        str | None,
        typer.Argument(help="Show the effects of one intervention or shock type."),
    ] = None,
    lang: LangOption = "en",
) -> None:
    """List the intervention catalogue (costs, target, evidence) and the shocks."""

    from scenarios import CATALOGUE, SHOCKS

    lang = check_lang(lang)
    h = HEADINGS[lang]
    if key is not None:
        if key not in CATALOGUE and key not in SHOCKS:
            fail(
                f"unknown intervention or shock {key!r}; choose one of: "
                f"{', '.join([*CATALOGUE, *SHOCKS])}"
            )
        show_effects(CATALOGUE.get(key) or SHOCKS[key], lang)
        return
    table = Table(
        title=h["catalogue"], caption=h["catalogue_caption"], show_lines=True, expand=True
    )
    table.add_column(h["key"], style="bold", no_wrap=True)
    for heading in ("English", "Nederlands") if lang == "en" else ("Nederlands", "English"):
        table.add_column(heading, overflow="fold", ratio=3, min_width=14)
    table.add_column(h["target"], overflow="fold", min_width=24)
    table.add_column(h["yearly"], overflow="fold", ratio=4)
    table.add_column(h["acts"], overflow="fold", min_width=13)
    table.add_column(h["evidence"], overflow="fold", ratio=9)
    for k, cls in CATALOGUE.items():
        labels = (cls.label_en, cls.label_nl) if lang == "en" else (cls.label_nl, cls.label_en)
        table.add_row(
            k,
            *labels,
            f"{cls.target_indicator}\n({cls.direction})",
            cost_lines(cls),
            "\n".join(cls.acts_on),
            escape(f"{cls.evidence}; cost: {cls.cost_source}"),
        )
    out.print(table)
    shocks = Table(title=h["shocks"], show_lines=True)
    shocks.add_column(h["key"], style="bold", no_wrap=True)
    shocks.add_column("English" if lang == "en" else "Nederlands", overflow="fold")
    shocks.add_column("Nederlands" if lang == "en" else "English", overflow="fold")
    shocks.add_column(h["acts"])
    shocks.add_column(h["effects"], overflow="fold")
    shocks.add_column(h["summary"], overflow="fold", ratio=1)
    for k, cls in SHOCKS.items():
        labels = (cls.label_en, cls.label_nl) if lang == "en" else (cls.label_nl, cls.label_en)
        effects = "\n".join(f"{p.name} {p.default:g} ({p.unit})" for p in cls.EFFECTS.values())
        shocks.add_row(k, *labels, ", ".join(cls.acts_on), effects, cls.summary)
    out.print(shocks)


def show_effects(cls, lang: str) -> None:
    """One intervention or shock type: what it does, its costs and its effects."""
    h = HEADINGS[lang]
    label = cls.label_nl if lang == "nl" else cls.label_en
    out.print(f"[bold]{cls.key}[/]: {label}", highlight=False)
    out.print(cls.summary, highlight=False)
    if hasattr(cls, "yearly_cost"):
        out.print(
            f"{h['target']}: {cls.target_indicator} ({cls.direction}); {h['acts']}: "
            f"{', '.join(cls.acts_on)}; {h['yearly']}: "
            f"{cost_lines(cls).replace(chr(10), '; ')}",
            highlight=False,
        )
    table = Table(title=h["effect_title"].format(key=cls.key))
    table.add_column("effect", style="bold", no_wrap=True)
    table.add_column(h["default"], justify="right")
    table.add_column(h["range"], justify="right", no_wrap=True)
    table.add_column(h["unit"], overflow="fold")
    table.add_column(h["description"], overflow="fold")
    designs = getattr(cls, "DESIGN", {})
    if designs:
        table.add_column("design" if lang == "en" else "opzet", overflow="fold")
    table.add_column(h["source"], overflow="fold", ratio=1)
    for p in cls.EFFECTS.values():
        design = (designs.get(p.name, ""),) if designs else ()
        table.add_row(
            p.name,
            f"{p.default:g}",
            f"{p.low:g} to {p.high:g}",
            p.unit,
            p.description,
            *design,
            p.source,
        )
    out.print(table)


# ----------------------------------------------------------------- validate
SCENARIO_SUFFIXES = (".yaml", ".yml")


def file_kind(file: str) -> str:
    """What kind of input file this is (decides how 'validate' checks it)."""
    import difflib

    from model.inputs.tables import SUFFIXES as SURVEY_SUFFIXES
    from scenarios.loader import builtin_names

    path = Path(file)
    if path.suffix.lower() in SCENARIO_SUFFIXES:
        if not path.exists():
            fail(f"no such file: {file}")
        return "scenario"
    if path.suffix.lower() in SURVEY_SUFFIXES:
        if not path.is_file():
            fail(f"no such file: {file}")
        return "survey"
    if file in builtin_names() and not path.exists():
        return "scenario"
    if not path.exists():
        close = difflib.get_close_matches(file, builtin_names(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        fail(
            f"no such file: {file}; {hint}give a scenario file (.yaml) or a built-in scenario "
            f"name ({', '.join(builtin_names())})"
        )
    fail(
        f"cannot validate {file}: 'validate' checks scenario files "
        f"({', '.join(SCENARIO_SUFFIXES)}) and survey files ({', '.join(SURVEY_SUFFIXES)}), "
        f"got a '{path.suffix or 'no extension'}' file"
    )
    return ""  # not reached


@app.command(name="validate")
def validate_command(
    file: Annotated[
        str,
        typer.Argument(
            help="A scenario file (.yaml/.yml), a built-in scenario name (e.g. debt-first), "
            "or a survey file (.csv/.xlsx: targets or respondent-level answers)."
        ),
    ],
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the label and description: 'en' or 'nl'.")
    ] = "en",
) -> None:
    """Check an input file and summarise it, or list every problem (file:line: field: what).

    For a scenario file: its name, interventions and shocks, the programme cost in each
    calendar year and whether that fits the budget. For a survey file (targets, or one row
    per respondent): rows, buurten, indicators and years; respondent files show only
    aggregates and counts, never respondent rows. Exits with code 2 if the file has
    problems.
    """
    lang = check_lang(lang)
    validators = {"scenario": validate_scenario, "survey": validate_survey}
    validators[file_kind(file)](file, lang)


def validate_scenario(file: str, lang: str) -> None:
    from collections import Counter

    from model.timeline import month_label
    from scenarios.loader import description, label, load_scenario, range_notes

    try:
        scenario = load_scenario(Path(file) if Path(file).exists() else file)
    except InputError as exc:
        fail(str(exc))
    s = scenario
    end = month_label(12 * s.horizon_years)
    out.print(
        f"[green]ok[/]: {escape(file)} is a valid scenario: [bold]{s.name}[/] ({s.kind}), "
        f"{escape(label(s, lang))}",
        highlight=False,
    )
    text = description(s, lang)
    if text:
        out.print(escape(text), highlight=False)
    out.print(
        f"Buurten: {', '.join(s.areas)}; horizon {s.horizon_years} years ({s.start} to {end}); "
        f"budget EUR {eur(s.budget_eur_per_year)} a year.",
        highlight=False,
    )
    if s.interventions:
        table = Table(title="Interventions")
        for col in ("name", "type", "buurten", "start", "end", "intensity", "EUR a year"):
            table.add_column(col, justify="right" if col == "EUR a year" else "left")
        for name, i in s.interventions.items():
            table.add_row(
                name,
                i.key,
                ", ".join(i.areas) if i.areas else "all",
                i.start,
                i.end or "open",
                f"{i.intensity:g}",
                eur(i.yearly_cost()),
            )
        table.add_row("total", "", "", "", "", "", eur(sum(s.yearly_costs().values())))
        out.print(table)
    if s.shocks:
        table = Table(title="Shocks")
        for col in ("name", "type", "buurten", "start", "end", "intensity", "effects"):
            table.add_column(col)
        for name, k in s.shocks.items():
            table.add_row(
                name,
                k.key,
                ", ".join(k.areas) if k.areas else "all",
                k.start,
                k.end or "open",
                f"{k.intensity:g}",
                ", ".join(f"{e}={v:g}" for e, v in k.effect.items()),
            )
        out.print(table)
    if s.allocation.screening is not None:
        out.print(
            f"Allocation: screening of {100 * s.allocation.screening:.0f}% of corporation "
            f"lettings from {s.allocation.start}.",
            highlight=False,
        )
    if s.interventions:
        table = Table(title="Programme cost per calendar year (expected, EUR)")
        for col in ("year", "cost", "budget", "within budget"):
            table.add_column(col, justify="right")
        by_year = s.costs_by_year()
        months = Counter(month_label(m)[:4] for m in range(1, 12 * s.horizon_years + 1))
        for year, cost in by_year.items():
            n = months[str(year)]
            note = f" ({n} months)" if n < 12 else ""
            ok = cost <= s.budget_eur_per_year + 0.5
            table.add_row(
                f"{year}{note}",
                eur(cost),
                eur(s.budget_eur_per_year),
                "yes" if ok else f"[red]NO[/] (+{eur(cost - s.budget_eur_per_year)})",
            )
        out.print(table)
    over = s.overage()
    if over is None:
        out.print("Within budget in every year: yes.", highlight=False)
    else:
        out.print(
            f"[red]Within budget: NO[/]: {over[0]} is EUR {eur(over[1])} over the budget of "
            f"EUR {eur(s.budget_eur_per_year)}.",
            highlight=False,
        )
    for note in range_notes(s):
        out.print(f"note: {escape(note)}", highlight=False)


def validate_survey(file: str, lang: str) -> None:
    """Check a survey targets or respondent file without running the model; summarise it."""
    import warnings

    from calibration.survey_data import SurveyDataWarning, load_survey_file
    from model.timeline import SURVEY_YEAR

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyDataWarning)  # printed below as notes
        try:
            frame = load_survey_file(file)
        except InputError as exc:
            fail(str(exc))
    if frame.attrs.get("kind") == "respondents":
        summarise_respondents(file, frame)
    else:
        summarise_targets(file, frame)
    for note in frame.attrs.get("notes", []):
        out.print(f"note: {escape(note)}", highlight=False)
    if frame.attrs.get("kind") == "targets":
        for note in start_coverage(frame, SURVEY_YEAR):
            out.print(f"note: {escape(note)}", highlight=False)


def area_label(code: str) -> str:
    from model.inputs.areas import all_areas

    return "* (Maastricht)" if code == "*" else f"{code} {all_areas()[code].name}"


def summarise_targets(file: str, frame) -> None:
    areas = list(dict.fromkeys(frame["area"]))
    indicators = list(dict.fromkeys(frame["indicator"]))
    years = sorted(set(frame["year"]))
    out.print(
        f"[green]ok[/]: {escape(file)} is a valid survey targets file: {len(frame)} rows, "
        f"{len(areas)} area{'s' if len(areas) != 1 else ''}, {len(indicators)} "
        f"indicator{'s' if len(indicators) != 1 else ''}, "
        f"year{'s' if len(years) != 1 else ''} {', '.join(map(str, years))}.",
        highlight=False,
    )
    out.print(f"Areas: {escape(', '.join(area_label(a) for a in areas))}", highlight=False)
    out.print(f"Indicators: {', '.join(indicators)}", highlight=False)
    table = Table(title="Rows per year and status")
    for col in ("year", "rows", "areas", "published", "estimate", "assumption"):
        table.add_column(col, justify="right")
    for year in years:
        part = frame[frame["year"] == year]
        counts = part["status"].value_counts()
        table.add_row(
            str(year),
            str(len(part)),
            str(part["area"].nunique()),
            *(str(int(counts.get(s, 0))) for s in ("published", "estimate", "assumption")),
        )
    out.print(table)


def start_coverage(frame, year: int) -> list[str]:
    """Start indicators this file gives no default ('*') row for in the survey year."""
    from model.inputs import START_INDICATORS

    rows = frame[(frame["year"] == year) & (frame["area"] == "*")]
    missing = [i for i in START_INDICATORS if i not in set(rows["indicator"])]
    if not missing:
        return []
    return [
        f"no {year} '*' row for {', '.join(missing)}: as VEERKRACHT_TARGETS this file can "
        "start only buurten that have their own rows for these"
    ]


def summarise_respondents(file: str, frame) -> None:
    by_area = frame.attrs.get("respondents_by_area_year", {})
    out.print(
        f"[green]ok[/]: {escape(file)} is a valid respondent-level survey file: "
        f"{frame.attrs.get('respondents', 0)} adult respondents in {len(by_area)} buurt-year "
        f"group{'s' if len(by_area) != 1 else ''}, aggregated to {len(frame)} indicator "
        "values. Only aggregates are shown; respondent rows stay in the file.",
        highlight=False,
    )
    counts = ", ".join(
        f"{area_label(key.split()[0])} {key.split()[1]}: {n}" for key, n in by_area.items()
    )
    out.print(f"Adult respondents per buurt and year: {escape(counts)}", highlight=False)
    if frame.empty:
        out.print(
            "No indicator has enough answers in any buurt and year to be kept (see the notes).",
            highlight=False,
        )
        return
    table = Table(title="Aggregates per buurt and year (as targets)")
    for col in ("area", "year", "indicator", "value", "answers", "tolerance (s.e.)"):
        table.add_column(col, justify="right" if col in ("value", "answers") else "left")
    for r in frame.itertuples(index=False):
        table.add_row(
            area_label(r.area),
            str(r.year),
            r.indicator,
            f"{r.value:.3f}",
            str(r.sample_size),
            f"{r.tolerance:.3f}",
        )
    out.print(table)
