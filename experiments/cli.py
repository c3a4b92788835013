"""The ``veerkracht`` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from calibration.areas import FOCUS_AREAS, all_areas, resolve_areas
from calibration.errors import InputError

app = typer.Typer(
    help="Veerkracht: agent-based simulation of neighbourhood resilience in Maastricht "
    "(Nazareth and Pottenberg). Start with 'veerkracht run'; 'veerkracht COMMAND --help' "
    "explains each command.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(width=max(Console().width, 140))
err = Console(stderr=True)

MAIN_INDICATORS = (
    "resilience_mean",
    "low_resilience_share",
    "lonely_share",
    "severely_lonely_share",
    "financial_worries_share",
    "problem_debt_share",
    "psych_distress_share",
    "good_health_share",
    "trust_municipality_share",
    "social_cohesion_score",
    "livability_score",
    "nuisance_share",
    "bijstand_share",
    "population",
    "households",
)


def fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def format_value(indicator: str, value: float) -> str:
    from model.indicators import BY_NAME

    unit = BY_NAME[indicator].unit
    if unit.startswith("share"):
        return f"{100 * value:.1f}%"
    if unit in ("persons", "households", "EUR per month"):
        return f"{value:,.0f}"
    return f"{value:.2f}"


def format_change(indicator: str, diff: float) -> str:
    from model.indicators import BY_NAME

    unit = BY_NAME[indicator].unit
    if unit.startswith("share"):
        return f"{100 * diff:+.1f} pp"
    if unit in ("persons", "households"):
        return f"{diff:+,.0f}"
    return f"{diff:+.2f}"


def summary_table(model, years: int, label: str = "Baseline") -> Table:
    """Start vs end per buurt (and together) for the main indicators."""
    from model.indicators import BY_NAME, INDICATOR_NAMES

    rec = model.recorder
    keys = rec.area_keys()
    names = [a.name for a in model.areas] + ["Together"]
    if len(keys) > 4:  # many buurten: the total only; the Parquet file has every buurt
        keys, names = keys[-1:], ["All buurten together"]
    table = Table(
        title=f"{label}, {rec.months[0]} -> {rec.months[-1]} ({years} years): "
        "start -> end (change)",
        caption="Illustrative data (see README, 'Limits'). Shares are of adults or "
        "households; pp = percentage points.",
    )
    table.add_column("Indicator", style="bold", no_wrap=True)
    for name in names:
        table.add_column(name, justify="right", no_wrap=True)
    first, last = rec.blocks[0], rec.blocks[-1]
    for ind in MAIN_INDICATORS:
        i = INDICATOR_NAMES.index(ind)
        row = [BY_NAME[ind].label_en]
        for key in keys:
            j = rec.area_keys().index(key)
            a, b = first[j, i], last[j, i]
            row.append(
                f"{format_value(ind, a)} -> {format_value(ind, b)} ({format_change(ind, b - a)})"
            )
        table.add_row(*row)
    return table


@app.command()
def run(
    areas: Annotated[
        str | None,
        typer.Option(
            help="Buurten to simulate: CBS codes or names, comma-separated, any case "
            "(e.g. 'nazareth,BU09350203'), or 'all' for the 44 buurten of Maastricht "
            "[default: the scenario's buurten; nazareth,pottenberg for the baseline]."
        ),
    ] = None,
    scenario: Annotated[
        str,
        typer.Option(
            help="Scenario to run: a built-in name ('veerkracht scenarios') or a YAML file."
        ),
    ] = "baseline",
    years: Annotated[int, typer.Option(help="Years to simulate from June 2021 (1-50).")] = 10,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same results.")
    ] = 7,
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for run.parquet and manifest.json (created if missing)."
        ),
    ] = Path("results/run"),
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Override a parameter, e.g. --set event.job_loss=0.06 "
            "(repeatable; 'veerkracht params' lists them).",
        ),
    ] = None,
) -> None:
    """Run one simulation and write a tidy indicator table.

    Writes OUT/run.parquet (columns month, area, indicator, value, scenario, replicate,
    seed: every indicator for every buurt and 'total', every month, plus the monthly cost
    of each intervention) and OUT/manifest.json (versions, parameters, seed, scenario,
    data hashes), then prints start vs end. Use 'veerkracht compare' for many replicates.
    """
    from experiments.manifest import build_manifest
    from experiments.run import check_years, simulate
    from experiments.store import check_output_dir, make_output_dir, write_json, write_parquet
    from model.params import parse_overrides, resolve
    from scenarios.loader import load_scenario

    try:
        chosen_scenario = load_scenario(scenario)
        chosen = resolve_areas(areas if areas is not None else chosen_scenario.areas)
        check_years(years)
        overrides = parse_overrides(set_)
        folder = check_output_dir(out_dir)
    except InputError as exc:
        fail(str(exc))
    err.print(
        f"Simulating {', '.join(a.name for a in chosen[:6])}"
        f"{' and more' if len(chosen) > 6 else ''} "
        f"({sum(a.population for a in chosen):,} residents in 2017) for {years} years, "
        f"seed {seed}.",
        highlight=False,
    )
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("months"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("simulating", total=12 * years)
            result = simulate(
                chosen,
                years=years,
                seed=seed,
                params=overrides,
                scenario=chosen_scenario if chosen_scenario.kind != "baseline" else None,
                progress=lambda: bar.advance(task),
            )
        make_output_dir(folder)
    except KeyboardInterrupt:
        err.print("interrupted: nothing was written", highlight=False)
        raise typer.Exit(code=130) from None
    except InputError as exc:
        fail(str(exc))
    write_parquet(result.table, folder / "run.parquet")
    write_json(
        build_manifest(
            command=" ".join(["veerkracht", *sys.argv[1:]]),
            areas=chosen,
            years=years,
            seed=seed,
            scenario=chosen_scenario.name,
            params=resolve(overrides),
            overrides=overrides,
        )
        | {
            "scenario_digest": chosen_scenario.digest(),
            "scenario_file": chosen_scenario.source,
            "scenario_yearly_cost_eur": chosen_scenario.yearly_costs(),
        },
        folder / "manifest.json",
    )
    out.print(summary_table(result.model, years, chosen_scenario.label_en))
    out.print(
        f"Wrote {folder / 'run.parquet'} ({result.table.num_rows:,} rows) and "
        f"{folder / 'manifest.json'}.",
        highlight=False,
    )


@app.command()
def params(
    search: Annotated[
        str | None,
        typer.Argument(help="Show only names containing this text, e.g. 'debt' or 'net.'."),
    ] = None,
) -> None:
    """List the model parameters with default, plausible range, unit and source."""
    from model.params import REGISTRY

    table = Table(title="Model parameters (rates per year unless the unit says otherwise)")
    for col in ("name", "default", "range", "unit", "source"):
        table.add_column(col, overflow="fold")
    shown = [p for p in REGISTRY if not search or search.lower() in p.name.lower()]
    if not shown:
        fail(f"no parameter name contains {search!r}")
    for p in shown:
        table.add_row(p.name, f"{p.default:g}", f"{p.low:g}-{p.high:g}", p.unit, p.source)
    out.print(table)


@app.command(name="areas")
def list_areas() -> None:
    """List the 44 Maastricht buurten that can be simulated (CBS 2017)."""
    table = Table(title="Buurten of Maastricht (CBS Wijk- en Buurtkaart 2017; Bron: CBS)")
    for col in ("code", "name", "key", "wijk", "residents", "households"):
        table.add_column(col)
    for a in all_areas().values():
        mark = " (focus)" if a.code in FOCUS_AREAS else ""
        table.add_row(
            a.code, a.name + mark, a.key, a.wijk, f"{a.population:,}", f"{a.households:,}"
        )
    out.print(table)


@app.command()
def population(
    areas: Annotated[
        str, typer.Option(help="Buurten (codes, names or 'all').")
    ] = "nazareth,pottenberg",
    seed: Annotated[int, typer.Option(help="Random seed of the synthesis.")] = 7,
) -> None:
    """Check the synthetic June-2021 population against the CBS 2017 buurt figures."""
    from calibration.population_check import compare
    from model.resilience_model import ResilienceModel

    try:
        model = ResilienceModel(areas=resolve_areas(areas), rng=seed)
    except InputError as exc:
        fail(str(exc))
    table = Table(title="Synthetic population vs CBS 2017 (Bron: CBS)")
    for col in ("buurt", "measure", "CBS", "synthetic", "difference", "tolerance", "ok"):
        table.add_column(col, justify="left" if col in ("buurt", "measure") else "right")
    for r in compare(model):
        fmt = "{:,.0f}" if r["unit"] == "%" else "{:.1f}%"
        table.add_row(
            r["area"],
            r["measure"],
            fmt.format(r["cbs"]),
            fmt.format(r["synthetic"]),
            f"{r['difference']:+.2f} {r['unit']}",
            f"{r['tolerance']:g} {r['unit']}",
            "yes" if r["ok"] else "[red]NO[/]",
        )
    out.print(table)


@app.command()
def indicators() -> None:
    """List the indicators measured every month, with Dutch and English labels."""
    from model.indicators import INDICATORS

    table = Table(title="Indicators (per buurt and 'total', every month)")
    for col in ("name", "Nederlands", "English", "unit", "better", "definition"):
        table.add_column(col, overflow="fold")
    for i in INDICATORS:
        table.add_row(
            i.name, i.label_nl, i.label_en, i.unit, i.direction.replace("_", " "), i.definition
        )
    out.print(table)


# ----------------------------------------------------------------- scenarios and interventions
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
    from rich.markup import escape

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
    p = cls(start="2024-01")
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
    from rich.markup import escape

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
    table.add_column(h["source"], overflow="fold", ratio=1)
    for p in cls.EFFECTS.values():
        table.add_row(
            p.name, f"{p.default:g}", f"{p.low:g} to {p.high:g}", p.unit, p.description, p.source
        )
    out.print(table)


# ----------------------------------------------------------------- validate
SCENARIO_SUFFIXES = (".yaml", ".yml")


def file_kind(file: str) -> str:
    """What kind of input file this is (decides how 'validate' checks it)."""
    import difflib

    from scenarios.loader import builtin_names

    path = Path(file)
    if path.suffix.lower() in SCENARIO_SUFFIXES:
        if not path.exists():
            fail(f"no such file: {file}")
        return "scenario"
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
        f"({', '.join(SCENARIO_SUFFIXES)}), got a '{path.suffix or 'no extension'}' file"
    )
    return ""  # not reached


@app.command(name="validate")
def validate_command(
    file: Annotated[
        str,
        typer.Argument(
            help="A scenario file (.yaml/.yml) or a built-in scenario name, e.g. debt-first."
        ),
    ],
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the label and description: 'en' or 'nl'.")
    ] = "en",
) -> None:
    """Check an input file and summarise it, or list every problem (file:line: field: what).

    For a scenario file: its name, interventions and shocks, the programme cost in each
    calendar year and whether that fits the budget. Exits with code 2 if the file has
    problems.
    """
    lang = check_lang(lang)
    validators = {"scenario": validate_scenario}
    validators[file_kind(file)](file, lang)


def validate_scenario(file: str, lang: str) -> None:
    from collections import Counter

    from rich.markup import escape

    from scenarios.base import month_label
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


@app.command()
def compare(
    scenarios: Annotated[
        list[str],
        typer.Argument(
            help="Scenarios to compare: built-in names ('veerkracht scenarios' lists them) or "
            "YAML files. The baseline is always included.",
            show_default=False,
        ),
    ],
    replicates: Annotated[
        int,
        typer.Option(
            help="Runs per scenario; replicate r uses the same seed in every scenario.",
            show_default=False,
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for runs/, summary.csv, costs.csv, figures/ and manifest.json "
            "(created if missing; runs already there are reused).",
            show_default=False,
        ),
    ],
    years: Annotated[
        int | None,
        typer.Option(
            help="Years to simulate from June 2021 (default: the longest scenario horizon)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Local worker processes (default: one per CPU; 1 = in this process)."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Run on a Dask cluster instead, e.g. tcp://10.0.0.5:8786; the workers must "
            "share the --out folder."
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Base seed; the seed of each replicate is derived from it.")
    ] = 7,
    allow_over_budget: Annotated[
        bool,
        typer.Option(
            "--allow-over-budget", help="Run scenarios that spend more than their yearly budget."
        ),
    ] = False,
    areas: Annotated[
        str | None,
        typer.Option(help="Buurten to simulate (default: those the scenarios name)."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a parameter in every run, e.g. --set event.job_loss=0.06."
        ),
    ] = None,
) -> None:
    """Compare scenarios with the baseline over many replicates (common random numbers).

    Writes one run file per scenario and replicate (OUT/runs/), then OUT/summary.csv
    (levels, paired differences with 90% intervals, costs and cost per unit of
    improvement at 2, 5 and 10 years after the programme start), OUT/costs.csv,
    OUT/stress.csv (stress tests), OUT/figures/*.png and OUT/manifest.json.
    Running the same command again reuses finished runs.
    """
    import time

    from experiments import ensemble as ens_mod
    from experiments.store import check_output_dir
    from experiments.summary import headline_table, horizons_in_run, month_label
    from model.params import parse_overrides

    try:
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be 1 or more, got {workers}")
        overrides = parse_overrides(set_)
        chosen_areas = resolve_areas(areas) if areas is not None else None
        folder = check_output_dir(out_dir)
        loaded = ens_mod.load_scenarios(scenarios)
        ens = ens_mod.build_ensemble(
            loaded,
            replicates=replicates,
            out=folder,
            years=years,
            areas=chosen_areas,
            base_seed=seed,
            overrides=overrides,
            allow_over_budget=allow_over_budget,
        )
    except InputError as exc:
        fail(str(exc))
    for name, (year, over, cost) in ens.overages.items():
        scenario = next(s for s in ens.scenarios if s.name == name)
        err.print(
            f"[yellow]warning:[/] {ens_mod.overage_message(scenario, year, over, cost)}; "
            "running it because of --allow-over-budget",
            highlight=False,
            soft_wrap=True,
        )
    where = f"Dask cluster {cluster}" if cluster else None
    total = len(ens.scenarios) * ens.replicates
    err.print(
        f"Comparing {', '.join(s.name for s in ens.scenarios)}: {ens.replicates} replicates "
        f"each ({total} runs) of {ens.years} years, {', '.join(a.name for a in ens.areas[:6])}"
        f"{' and more' if len(ens.areas) > 6 else ''}, base seed {ens.base_seed}; programme "
        f"start {month_label(ens.programme_start)}" + (f"; on the {where}" if where else ""),
        highlight=False,
        soft_wrap=True,
    )
    if not horizons_in_run(ens.programme_start, ens.years):
        err.print(
            f"[yellow]warning:[/] the run ends less than a year after the programme start "
            f"({month_label(ens.programme_start)}): summary.csv will have no rows; "
            "use more --years",
            highlight=False,
            soft_wrap=True,
        )
    t0 = time.perf_counter()
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("runs"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = None

            def progress(done: int, all_runs: int, info) -> None:
                nonlocal task
                if task is None:
                    task = bar.add_task("simulating", total=all_runs, completed=done)
                else:
                    bar.update(task, completed=done)

            result = ens_mod.run_ensemble(
                ens,
                workers=workers,
                cluster=cluster,
                progress=progress,
                command=" ".join(["veerkracht", *sys.argv[1:]]),
            )
    except KeyboardInterrupt:
        kept = sum(1 for spec in ens.specs() if ens_mod.read_record(spec.path) is not None)
        err.print(
            f"interrupted: {kept} of {total} runs are finished and kept in "
            f"{folder / 'runs'}; run the same command again to continue",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    except InputError as exc:
        fail(str(exc))
    elapsed = time.perf_counter() - t0
    table = headline_table(
        ens_mod.read_summary(folder), ens.baseline.name, month_label(ens.programme_start)
    )
    if table is not None:
        out.print(table)
    n_sim = len(result.simulated)
    if result.outputs_written:
        out.print(
            f"Simulated {n_sim} runs and reused {len(result.reused)} in {elapsed:.0f} s "
            f"({result.executor}). Wrote {folder / 'summary.csv'}, costs.csv, "
            f"{'stress.csv, ' if (folder / 'stress.csv').exists() else ''}figures/ and "
            "manifest.json.",
            highlight=False,
            soft_wrap=True,
        )
    else:
        out.print(
            f"Nothing to do: all {len(result.reused)} runs in {folder / 'runs'} are finished "
            "and the summaries are up to date.",
            highlight=False,
            soft_wrap=True,
        )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
