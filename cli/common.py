"""Shared pieces of the ``veerkracht`` command line: the app, consoles, errors."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(
    help="Veerkracht: agent-based simulation of neighbourhood resilience in Maastricht "
    "(Nazareth and Pottenberg). Start with 'veerkracht scenarios' and 'veerkracht compare', "
    "or 'veerkracht run' for one run; 'veerkracht COMMAND --help' explains each command.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(width=max(Console().width, 140))
err = Console(stderr=True)


def fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


@contextlib.contextmanager
def stage_progress(unit: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr per stage of a long command; yields
    ``progress(stage, done, total)``. The bars vanish when the command ends."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    columns += (TextColumn(unit), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, completed=done)
            else:
                bar.update(tasks[stage], completed=done)

        yield progress
