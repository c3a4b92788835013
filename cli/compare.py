"""``veerkracht compare``: scenario ensembles against the baseline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cli.common import app, err, fail, out
from core.errors import InputError
from model.inputs.areas import area_inputs_path
from model.inputs.targets import targets_path


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
            help="Folder for runs/, summary.csv, views.csv, tweedeling.csv, "
            "displacement.csv, costs.csv, figures/ and manifest.json (created if missing; "
            "runs already there are reused).",
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
        typer.Option(
            help="Buurten to simulate: 'all' (the 44 buurten of Maastricht), 'focus' "
            "(Nazareth and Pottenberg, a quick look) or names/CBS codes, comma-separated "
            "[default: all when a scenario screens lettings, else the scenarios' buurten]."
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override a parameter in every run, e.g. --set event.job_loss=0.06."
        ),
    ] = None,
    posterior: Annotated[
        Path | None,
        typer.Option(
            help="posterior.parquet from 'veerkracht calibrate': each replicate draws one "
            "parameter set from it, so the bands include parameter uncertainty (--set wins "
            "over a drawn value)."
        ),
    ] = None,
    uncertainty: Annotated[
        str,
        typer.Option(
            help="What each replicate draws besides its seed: 'all' (the uncertain "
            "parameters from their priors and the intervention effects from their evidence "
            "ranges), 'parameters', 'effects' or 'none' (chance only). Every scenario of a "
            "replicate gets the same draw."
        ),
    ] = "all",
    seeds_per_draw: Annotated[
        int,
        typer.Option(
            help="Replicates that share one uncertainty draw (with 2 or more the spread "
            "splits into chance and what we do not know)."
        ),
    ] = 2,
    precision: Annotated[
        float,
        typer.Option(
            help="replicates.csv: how many replicates pin the mean difference down to "
            "+/- this many meaningful differences (1 = 1 percentage point of a share, 0.1 "
            "point on a 0-10 scale), with and without common random numbers."
        ),
    ] = 0.5,
) -> None:
    """Compare scenarios with the baseline over many replicates (common random numbers).

    Each replicate draws the uncertain parameters and the intervention effects (the same
    draw in every scenario; --uncertainty, --seeds-per-draw). Writes one run file per
    scenario and replicate (OUT/runs/), then OUT/summary.csv (levels, paired differences
    with the Monte Carlo interval of the mean and the 5-95% range over chance and what we
    do not know, the chance of doing better, costs and cost per unit of
    improvement at 2, 5 and 10 years after the programme start, for each buurt and the
    views focus, rest, people and total), OUT/views.csv (place, people and city effect
    and the composition part of the place effect), OUT/tweedeling.csv (gap, ratio and
    spread between the focus buurten and the rest of the city), OUT/displacement.csv
    (where screening passes vulnerable applicants over and where they are housed),
    OUT/pairs.csv (the chance that one option does better than another), OUT/choice.csv
    (the chance that each option is the best, and its expected regret),
    OUT/replicates.csv (replicates needed for --precision, with and without common random
    numbers), OUT/costs.csv, OUT/stress.csv (stress tests), OUT/figures/*.png and
    OUT/manifest.json. Running the same command again reuses finished runs.
    """
    import time

    from core.store import check_output_dir
    from experiments import ensemble as ens_mod
    from experiments.summary import (
        choice_table,
        displacement_table,
        headline_table,
        horizons_in_run,
        replicates_line,
        tweedeling_table,
    )
    from experiments.uncertainty import Uncertainty
    from model.params import parse_overrides
    from model.timeline import month_label

    try:
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be 1 or more, got {workers}")
        overrides = parse_overrides(set_)
        chosen_areas = ens_mod.choose_areas(areas) if areas is not None else None
        folder = check_output_dir(out_dir)
        loaded = ens_mod.load_scenarios(scenarios)
        drawn = Uncertainty(uncertainty, seeds_per_draw)
        ens = ens_mod.build_ensemble(
            loaded,
            replicates=replicates,
            out=folder,
            years=years,
            areas=chosen_areas,
            base_seed=seed,
            overrides=overrides,
            allow_over_budget=allow_over_budget,
            posterior=posterior,
            targets=targets_path(),
            area_inputs=area_inputs_path(),
            uncertainty=drawn,
            precision=precision,
        )
    except InputError as exc:
        fail(str(exc))
    if ens.uncertainty.active:
        rec = ens.uncertainty.record()
        err.print(
            f"Uncertainty: {ens.n_draws} draws of {', '.join(rec['sources'])} "
            f"({rec['parameters_drawn']} parameters, {rec['effects_drawn']} effects), "
            f"{ens.uncertainty.seeds_per_draw} seed(s) per draw; the same draw in every "
            "scenario of a replicate",
            highlight=False,
            soft_wrap=True,
        )
    if ens.posterior is not None:
        fixed = sorted(set(ens.posterior.parameters) & set(overrides))
        err.print(
            f"Parameter uncertainty: draw i uses posterior set i of {posterior} "
            f"({len(ens.posterior.parameters)} parameters; {len(set(ens.posterior.draw_ids))} "
            "distinct sets)" + (f"; --set fixes {', '.join(fixed)}" if fixed else ""),
            highlight=False,
            soft_wrap=True,
        )
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
        f"start {month_label(ens.programme_start)}; {ens.simulated}"
        + (f"; on the {where}" if where else ""),
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
    summary = ens_mod.read_summary(folder)
    table = headline_table(
        summary,
        ens.baseline.name,
        month_label(ens.programme_start),
        ens_mod.read_summary(folder, "views.csv"),
        ens.simulated,
    )
    if table is not None:
        out.print(table)
        tweedeling = ens_mod.read_summary(folder, "tweedeling.csv")
        if tweedeling is not None:
            out.print(tweedeling_table(tweedeling, ens.baseline.name))
        else:
            out.print(
                "Tweedeling (focus buurten against the rest of the city): needs buurten "
                "outside the focus; run with --areas all for the whole city.",
                highlight=False,
                soft_wrap=True,
            )
        displacement = ens_mod.read_summary(folder, "displacement.csv")
        if displacement is not None:
            out.print(displacement_table(displacement))
        sure = choice_table(ens_mod.read_summary(folder, "choice.csv"), summary)
        if sure is not None:
            out.print(sure)
        needed = replicates_line(ens_mod.read_summary(folder, "replicates.csv"))
        if needed:
            out.print(needed, highlight=False, soft_wrap=True)
    n_sim = len(result.simulated)
    if result.outputs_written:
        out.print(
            f"Simulated {n_sim} runs and reused {len(result.reused)} in {elapsed:.0f} s "
            f"({result.executor}). Wrote {folder / 'summary.csv'}, "
            + "".join(
                f"{name}, "
                for name in (
                    "pairs.csv",
                    "choice.csv",
                    "replicates.csv",
                    "views.csv",
                    "tweedeling.csv",
                    "displacement.csv",
                    "costs.csv",
                    "stress.csv",
                )
                if (folder / name).exists()
            )  # fmt: skip
            + "figures/ and manifest.json.",
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
