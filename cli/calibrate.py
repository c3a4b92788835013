"""``veerkracht calibrate``: fit the uncertain parameters to the survey (ABC-SMC)."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, err, fail, out
from core.errors import InputError


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [item.strip() for item in text.split(",") if item.strip()]


def _minutes(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"


@app.command()
def calibrate(
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for posterior.parquet, fit.csv, figures/, calibration.json and "
            "abc_history.db (written at the end; nothing is written if it stops early).",
            show_default=False,
        ),
    ],
    quick: Annotated[
        bool,
        typer.Option(
            "--quick", help="A small budget (about a minute) to try the pipeline; not a fit."
        ),
    ] = False,
    targets: Annotated[
        Path | None,
        typer.Option(
            help="Survey file: targets per buurt, indicator and year, or respondent rows "
            "(CSV or .xlsx; default: the shipped illustrative targets or $VEERKRACHT_TARGETS)."
        ),
    ] = None,
    params: Annotated[
        str | None,
        typer.Option(help="Comma-separated parameters to fit (default: the ten in the docs)."),
    ] = None,
    holdout: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated indicators held out of the fit for validation "
            "(default: payment_arrears_share,severely_lonely_share,good_health_share; "
            "'' for none)."
        ),
    ] = None,
    population: Annotated[
        int | None, typer.Option(help="Parameter sets per ABC generation (overrides the budget).")
    ] = None,
    generations: Annotated[
        int | None, typer.Option(help="Maximum number of ABC generations.")
    ] = None,
    max_minutes: Annotated[
        float | None, typer.Option(help="Wall-time limit of the ABC part, in minutes.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Local worker processes.")] = 2,
    cluster: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (e.g. tcp://10.0.0.5:8786) to run on."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the calibration.")] = 7,
) -> None:
    """Fit the uncertain parameters to the survey targets with ABC-SMC (pyabc).

    The start of the model (June 2021) is aligned to the 2021 survey; the fit uses the
    later waves. Some indicators are held out and only predicted, to validate the fit.
    Prints one line per generation, then the fit summary.
    """
    from calibration.abc_smc import DEFAULT_BUDGET, QUICK_BUDGET, Budget
    from calibration.calibrate import build_plan, run_calibration
    from calibration.plan import FITTED, HOLDOUT
    from core.store import check_output_dir
    from model.inputs.areas import area_inputs_path, resolve_areas
    from model.inputs.targets import targets_path

    base = QUICK_BUDGET if quick else DEFAULT_BUDGET
    try:
        for name, value, low in (
            ("--population", population, 4),
            ("--generations", generations, 1),
            ("--workers", workers, 1),
        ):
            if value is not None and value < low:
                raise InputError(f"{name} must be {low} or more, got {value}")
        if max_minutes is not None and not 0 < max_minutes <= 24 * 60:
            raise InputError(f"--max-minutes must be above 0 and at most 1440, got {max_minutes}")
        budget = Budget(
            population=population or base.population,
            generations=generations or base.generations,
            max_minutes=max_minutes or base.max_minutes,
            predictive_draws=base.predictive_draws,
        )
        folder = check_output_dir(out_dir)
        plan, path = build_plan(
            targets or targets_path(),
            resolve_areas(None),
            _split(params) or FITTED,
            HOLDOUT if holdout is None else _split(holdout),
            area_inputs_path(),
        )
    except InputError as exc:
        fail(str(exc))
    roles = plan.targets["role"].value_counts().to_dict()
    err.print(
        f"Calibrating {len(plan.parameters)} parameters on {path.name}: "
        f"{roles.get('fit', 0)} targets to fit, {roles.get('holdout', 0)} held out, "
        f"{roles.get('start', 0)} starting values (2021, not fitted). Budget: "
        f"{budget.describe()}; {workers} worker(s)" + (f" on {cluster}" if cluster else "") + ".",
        highlight=False,
        soft_wrap=True,
    )
    for line in plan.skipped:
        err.print(f"  left out: {line}", highlight=False, soft_wrap=True)

    def on_generation(info: dict) -> None:
        err.print(
            f"  generation {info['generation'] + 1} of at most {info['of']}: tolerance "
            f"{info['epsilon']:.2f}, accepted {info['accepted']} of {info['simulated']} "
            f"simulations; {info['total_simulations']} so far, {_minutes(info['elapsed_s'])}",
            highlight=False,
            soft_wrap=True,
        )

    def on_stage(text: str) -> None:
        err.print(f"  {text}", highlight=False)

    def on_terminate(signum, frame) -> None:
        raise KeyboardInterrupt  # a killed calibration cleans up like Ctrl+C

    signal.signal(signal.SIGTERM, on_terminate)

    try:
        outcome = run_calibration(
            plan,
            path,
            folder,
            budget,
            workers=workers,
            cluster=cluster,
            seed=seed,
            on_generation=on_generation,
            on_stage=on_stage,
        )
    except KeyboardInterrupt:
        err.print("interrupted: nothing was written", highlight=False)
        raise typer.Exit(code=130) from None
    except InputError as exc:
        fail(str(exc))
    names = {"fit": "fitted targets", "holdout": "held-out targets", "start": "2021 start values"}
    for role, (inside, total) in outcome.coverage.items():
        out.print(
            f"{names.get(role, role)}: {inside} of {total} inside the simulated 90% interval",
            highlight=False,
        )
    out.print(
        f"{outcome.generations} generations, {outcome.simulations} simulations, "
        f"{_minutes(outcome.seconds['total'])}. Wrote {folder / 'posterior.parquet'}, "
        "fit.csv, figures/, calibration.json and abc_history.db.",
        highlight=False,
        soft_wrap=True,
    )
