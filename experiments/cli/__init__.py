"""The ``veerkracht`` command line: one module per group of commands."""

from experiments.cli import catalogue, compare, info, single_run  # noqa: F401  (registers commands)
from experiments.cli.common import app, err, fail, out

__all__ = ["app", "err", "fail", "main", "out"]


def main() -> None:
    app()
