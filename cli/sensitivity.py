"""``veerkracht sensitivity``: which assumptions decide the ranking of the portfolios."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, err, fail, out, stage_progress
from core.errors import InputError


@app.command()
def sensitivity(
    scenarios: Annotated[
        list[str],
        typer.Argument(
            help="Portfolios to analyse: built-in names or YAML files (the baseline is always "
            "in; every pair of portfolios is compared too).",
            show_default=False,
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for points/, sobol/, morris.csv, sobol.csv, sensitivity.md, figures/ "
            "and manifest.json (finished points there are reused).",
            show_default=False,
        ),
    ],
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="A small budget to try it out: the effects only, 2 trajectories, horizon 1 "
            "year, Sobol with 4 base points for the top 3 (indices not reliable).",
        ),
    ] = False,
    factors: Annotated[
        str | None,
        typer.Option(
            help="Inputs to vary: 'all' (the uncertain model parameters and the effects of the "
            "interventions the portfolios use), 'parameters' or 'effects' [default: all]."
        ),
    ] = None,
    trajectories: Annotated[
        int | None,
        typer.Option(help="Morris trajectories; each costs (inputs + 1) points [default: 4]."),
    ] = None,
    sobol: Annotated[
        int | None,
        typer.Option(
            help="Sobol base points N (rounded up to a power of 2; N x (top + 3) points; 0 "
            "skips the Sobol stage) [default: 32]."
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(help="Inputs the Sobol stage varies: the top of the screening [default: 10]."),
    ] = None,
    horizon: Annotated[
        int | None,
        typer.Option(help="Years after the programme start at which outcomes count [default: 2]."),
    ] = None,
    areas: Annotated[
        str | None,
        typer.Option(
            help="Buurten to simulate: 'focus', 'all' or names/CBS codes [default: focus; "
            "a city run costs about 20 times as much]."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the design and of the runs.")] = 7,
    workers: Annotated[
        int | None,
        typer.Option(help="Local worker processes (default: one per CPU; 1 = in this process)."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(help="Run on a Dask cluster instead (tcp://HOST:PORT; shared --out)."),
    ] = None,
) -> None:
    """Which assumptions decide each portfolio's effect and the ranking (Morris, Sobol).

    Morris screening over every uncertain input, then Sobol indices for the top ones.

    Every design point runs the baseline and every portfolio with the same inputs and
    seed, to the horizon; the outputs are the paired differences per view and main
    indicator. Writes OUT/morris.csv (mu*, sigma per output and input), OUT/sobol.csv (S1,
    ST), OUT/sensitivity.md (the ranked text: what each result depends on, and where a
    ranking reverses), OUT/figures/ and OUT/manifest.json. Running it again resumes."""
    import time

    from core.store import check_output_dir
    from experiments.ensemble import choose_areas
    from experiments.executors import make_executor
    from experiments.sensitivity import QUICK, Settings, prepare, run_sensitivity

    given = {
        "factors": factors,
        "trajectories": trajectories,
        "sobol_base": sobol,
        "top": top,
        "horizon": horizon,
    }
    base = QUICK if quick else {}
    settings = Settings(**{**base, **{k: v for k, v in given.items() if v is not None}}, seed=seed)
    try:
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be 1 or more, got {workers}")
        folder = check_output_dir(out_dir)
        chosen = choose_areas(areas) if areas is not None else None
        scen, where, _, _, varied = prepare(scenarios, settings, chosen)
    except InputError as exc:
        fail(str(exc))
    from experiments.sensitivity import morris_design

    points = morris_design(varied, settings.trajectories, seed).shape[0]
    n_sobol = 0
    if settings.sobol_base:
        n = 1 << max(settings.sobol_base - 1, 0).bit_length()
        n_sobol = n * (min(settings.top, len(varied) - 1) + 3)
    err.print(
        f"Sensitivity of {', '.join(s.name for s in scen[1:])} against the baseline: "
        f"{len(varied) - 1} inputs and chance; Morris {points} points, Sobol about {n_sobol}; "
        f"{len(scen)} runs a point, about {(points + n_sobol) * len(scen)} runs to "
        f"{settings.horizon} year(s) after the programme start, in "
        f"{', '.join(a.name for a in where[:4])}{' and more' if len(where) > 4 else ''}",
        highlight=False,
        soft_wrap=True,
    )
    t0 = time.perf_counter()
    executor = make_executor(workers, cluster)
    try:
        with stage_progress("points") as progress:
            manifest = run_sensitivity(scenarios, folder, settings, chosen, executor, progress)
    except KeyboardInterrupt:
        err.print(
            f"interrupted: the finished points are kept in {folder}; run the same command "
            "again to continue",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    except InputError as exc:
        fail(str(exc))
    out.print((folder / "sensitivity.md").read_text(encoding="utf-8"), highlight=False)
    out.print(
        f"{manifest['runs']} runs ({manifest['morris_points']} Morris and "
        f"{manifest['sobol_points']} Sobol points) in {time.perf_counter() - t0:.0f} s. Wrote "
        f"{folder / 'morris.csv'}, sobol.csv, sensitivity.md, figures/ and manifest.json.",
        highlight=False,
        soft_wrap=True,
    )
