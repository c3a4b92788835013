"""Shared pieces of the ``veerkracht`` command line: the app, consoles, errors."""

from __future__ import annotations

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
