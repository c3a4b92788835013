"""``veerkracht run``: one simulation and its start-vs-end table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from cli.common import app, err, fail, out
from core.errors import InputError

RUN_TABLE_INDICATORS = (
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


def table_columns(model, simulated: str) -> list[tuple[str, str]]:
    """(row key, heading) of the run table: people and city first, then the place (the
    focus buurten together, the rest of the city, and each focus buurt). The Parquet
    file has every row, so every buurt."""
    from model.views import FOCUS, PEOPLE, REST, TOTAL

    keys = model.recorder.area_keys()
    city = "City" if simulated.startswith("whole city") else "All simulated"
    columns = [(PEOPLE, "People followed"), (TOTAL, city), (FOCUS, "Focus buurten")]
    if REST in keys:
        columns.append((REST, "Rest of the city"))
    focus = model.view_rows.focus
    columns += [(a.key, a.name) for a, f in zip(model.areas, focus, strict=True) if f]
    return columns


def summary_table(model, years: int, label: str = "Baseline", simulated: str = "") -> Table:
    """Start vs end for the main indicators: the people followed, the city and the place."""
    from model.indicators import BY_NAME, INDICATOR_NAMES

    rec = model.recorder
    columns = table_columns(model, simulated)
    keys, names = [k for k, _ in columns], [n for _, n in columns]
    table = Table(
        title=f"{label}, {rec.months[0]} -> {rec.months[-1]} ({years} years): "
        f"start -> end (change); {simulated}",
        caption="Illustrative data (see README, 'Limits'). Shares are of adults or "
        "households; pp = percentage points. People followed: who lived in the focus "
        "buurten at the programme start, wherever they live now (before it: who lives "
        "there then).",
    )
    table.add_column("Indicator", style="bold", no_wrap=True)
    for name in names:
        table.add_column(name, justify="right")
    first, last = rec.blocks[0], rec.blocks[-1]
    for ind in RUN_TABLE_INDICATORS:
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
            "(e.g. 'nazareth,BU09350203'), 'all' for the 44 buurten of Maastricht or "
            "'focus' for Nazareth and Pottenberg [default: all when the scenario screens "
            "lettings, else the scenario's buurten; nazareth,pottenberg for the baseline]."
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
    from core.store import check_output_dir, make_output_dir, write_json, write_parquet
    from experiments.ensemble import (
        check_areas,
        choose_areas,
        default_areas,
        simulated_text,
    )
    from experiments.run import check_years, simulate
    from model.inputs import load_inputs
    from model.inputs.areas import area_inputs_path
    from model.inputs.targets import targets_path
    from model.manifest import build_manifest
    from model.params import parse_overrides, resolve
    from scenarios.loader import load_scenario

    try:
        chosen_scenario = load_scenario(scenario)
        chosen = choose_areas(areas) if areas is not None else default_areas([chosen_scenario])
        check_areas([chosen_scenario], chosen)
        inputs = load_inputs([a.code for a in chosen], targets_path(), area_inputs_path())
        check_years(years)
        overrides = parse_overrides(set_)
        folder = check_output_dir(out_dir)
    except InputError as exc:
        fail(str(exc))
    err.print(
        f"Simulating {', '.join(a.name for a in chosen[:6])}"
        f"{' and more' if len(chosen) > 6 else ''} "
        f"({sum(a.population for a in chosen):,} residents in 2017) for {years} years, "
        f"seed {seed}; {simulated_text(chosen)}.",
        highlight=False,
        soft_wrap=True,
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
                inputs=inputs,
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
            inputs=inputs,
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
    out.print(summary_table(result.model, years, chosen_scenario.label_en, simulated_text(chosen)))
    out.print(
        f"Wrote {folder / 'run.parquet'} ({result.table.num_rows:,} rows) and "
        f"{folder / 'manifest.json'}.",
        highlight=False,
    )
