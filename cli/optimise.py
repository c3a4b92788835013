"""``veerkracht optimise``: the best use of a yearly budget over the intervention catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, err, fail, out, stage_progress
from core.errors import InputError


@app.command()
def optimise(
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for study.log, runs/, trials.csv, front.csv, builtins.csv, front/*.yaml, "
            "figures/front.png and manifest.json (a search there is resumed).",
            show_default=False,
        ),
    ],
    objective: Annotated[
        list[str] | None,
        typer.Option(
            help="An objective as indicator:view (view: people, focus, total, gap), e.g. "
            "low_resilience_share:people; repeat for more (two or more give a Pareto front) "
            "[default: low_resilience_share:people and problem_debt_share:people]."
        ),
    ] = None,
    budget: Annotated[float, typer.Option(help="Yearly budget in EUR.")] = 700_000.0,
    trials: Annotated[int, typer.Option(help="Candidate portfolios to evaluate.")] = 200,
    batch: Annotated[int, typer.Option(help="Candidates evaluated in parallel per round.")] = 8,
    draws: Annotated[
        int,
        typer.Option(help="Uncertainty draws every candidate is evaluated over (one seed each)."),
    ] = 8,
    horizon: Annotated[
        int, typer.Option(help="Years after the programme start at which outcomes count.")
    ] = 2,
    quick: Annotated[
        bool, typer.Option("--quick", help="A small budget: 16 trials in batches of 8, 2 draws.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the search and of the draws.")] = 7,
    workers: Annotated[
        int | None,
        typer.Option(help="Local worker processes (default: one per CPU; 1 = in this process)."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(help="Run on a Dask cluster instead (tcp://HOST:PORT; shared --out)."),
    ] = None,
) -> None:
    """Search for the portfolios that do most within the yearly budget (a Pareto front).

    The search varies the intensities of the twelve interventions in each focus buurt;
    every candidate is evaluated over the same draws of parameters and effects as the
    others and as the built-in portfolios. Writes the best candidates as a table
    (front.csv) and as scenario files (front/*.yaml, runnable with 'veerkracht
    compare'), every candidate (trials.csv), the built-ins on the same draws
    (builtins.csv) and figures/front.png.
    Running it again resumes the search."""
    import time

    from core.store import check_output_dir
    from experiments.executors import make_executor
    from experiments.optimise import DEFAULT_OBJECTIVES, parse_objectives, run_optimise

    if quick:
        trials, batch, draws = 16, 8, 2
    try:
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be 1 or more, got {workers}")
        chosen = parse_objectives(objective or list(DEFAULT_OBJECTIVES))
        folder = check_output_dir(out_dir)
    except InputError as exc:
        fail(str(exc))
    err.print(
        f"Searching portfolios within EUR {budget:,.0f} a year for "
        f"{', '.join(o.label for o in chosen)}: {trials} candidates over {draws} draws "
        f"(about {trials * draws + 5 * draws} runs to {horizon} year(s) after the programme "
        "start, focus buurten)",
        highlight=False,
        soft_wrap=True,
    )
    t0 = time.perf_counter()
    try:
        with stage_progress("candidates") as progress:
            manifest = run_optimise(
                folder,
                chosen,
                budget=budget,
                trials=trials,
                batch=batch,
                draws=draws,
                horizon=horizon,
                seed=seed,
                executor=make_executor(workers, cluster),
                progress=progress,
            )
    except KeyboardInterrupt:
        err.print(
            f"interrupted: the finished candidates are kept in {folder}; run the same command "
            "again to continue",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    except InputError as exc:
        fail(str(exc))
    import pandas as pd

    front = pd.read_csv(folder / "front.csv")
    shown = ["trial", "cost_eur_per_year"]
    shown += [c for o in chosen for c in (o.label, f"{o.label} (fresh draws)")]
    out.print(
        f"Best candidates ({len(front)}), differences with the baseline on the search's draws "
        "and again on as many fresh draws (the best of many looks better than it is on the "
        "draws it was chosen on):",
        highlight=False,
        soft_wrap=True,
    )
    out.print(front[shown].to_string(index=False), highlight=False)
    builtins = pd.read_csv(folder / "builtins.csv")
    if not builtins.empty:
        out.print("Built-in portfolios on the same draws:", highlight=False)
        out.print(builtins.to_string(index=False), highlight=False)
    out.print(
        f"{manifest['trials']} candidates ({manifest['feasible']} within budget), "
        f"{manifest['runs']} runs in {time.perf_counter() - t0:.0f} s. Wrote "
        f"{folder / 'front.csv'}, trials.csv, builtins.csv, front/*.yaml, figures/front.png "
        "and manifest.json.",
        highlight=False,
        soft_wrap=True,
    )
