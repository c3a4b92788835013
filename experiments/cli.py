"""The ``veerkracht`` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
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
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
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


def summary_table(model, years: int) -> Table:
    """Start vs end per buurt (and together) for the main indicators."""
    from model.indicators import BY_NAME, INDICATOR_NAMES

    rec = model.recorder
    keys = rec.area_keys()
    names = [a.name for a in model.areas] + ["Together"]
    if len(keys) > 4:  # many buurten: the total only; the Parquet file has every buurt
        keys, names = keys[-1:], ["All buurten together"]
    table = Table(
        title=f"Baseline {rec.months[0]} -> {rec.months[-1]} ({years} years): "
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
        str,
        typer.Option(
            help="Buurten to simulate: CBS codes or names, comma-separated, any case "
            "(e.g. 'nazareth,BU09350203'), or 'all' for the 44 buurten of Maastricht."
        ),
    ] = "nazareth,pottenberg",
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

    Writes OUT/run.parquet (columns month, area, indicator, value, scenario, seed:
    every indicator for every buurt and 'total', every month) and OUT/manifest.json
    (versions, parameters, seed, data hashes), then prints start vs end.
    """
    from experiments.manifest import build_manifest
    from experiments.run import check_years, simulate
    from experiments.store import check_output_dir, make_output_dir, write_json, write_parquet
    from model.params import parse_overrides, resolve

    try:
        chosen = resolve_areas(areas)
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
            scenario="baseline",
            params=resolve(overrides),
            overrides=overrides,
        ),
        folder / "manifest.json",
    )
    out.print(summary_table(result.model, years))
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
