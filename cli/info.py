"""Reference listings: parameters, buurten, indicators, the synthetic population."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cli.common import app, fail, out
from core.errors import InputError
from model.inputs.areas import FOCUS_AREAS, all_areas, resolve_areas
from model.param_spec import Param


@app.command()
def params(
    search: Annotated[
        str | None,
        typer.Argument(help="Show only names containing this text, e.g. 'debt' or 'net.'."),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table (for docs/ODD.md).")
    ] = False,
) -> None:
    """List the parameters with default, plausible range, unit, role, prior and source."""
    table = Table(title="Parameters (rates per year unless the unit says otherwise)")
    for col in ("name", "default", "range", "unit", "role and prior", "source"):
        table.add_column(col, overflow="fold")
    shown = [p for p in all_parameters() if not search or search.lower() in p.name.lower()]
    if not shown:
        fail(f"no parameter name contains {search!r}")
    if markdown:
        from model.params import markdown_table

        print(markdown_table(params=shown))
        return
    for p in shown:
        table.add_row(
            p.name, f"{p.default:g}", f"{p.low:g}-{p.high:g}", p.unit, p.prior_label(), p.source
        )
    out.print(table)


def all_parameters() -> list[Param]:
    """Every declared parameter: the registry (the model's and the survey emulator's,
    which registers itself on import) and the interventions' unit costs, which travel
    with each scenario rather than with the model."""
    import calibration.emulator  # noqa: F401  (registers survey.*)
    from model.params import REGISTRY
    from scenarios.interventions import cost_parameters

    return [*REGISTRY, *cost_parameters()]


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
    from model.inputs.population_check import compare
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
