"""The ``veerkracht`` command line: one module per group of commands."""

from cli import (  # noqa: F401  (registers commands)
    app_command,
    calibrate,
    catalogue,
    compare,
    info,
    report,
    single_run,
)
from cli.common import app, err, fail, out

__all__ = ["app", "err", "fail", "main", "out"]


def main() -> None:
    app()
