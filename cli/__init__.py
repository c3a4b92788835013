"""The ``veerkracht`` command line: one module per group of commands."""

# the survey emulator declares survey.* beside its code and registers them on import,
# so that --set and manifests know them before any model starts
import calibration.emulator  # noqa: F401
from cli import (  # noqa: F401  (registers commands)
    app_command,
    calibrate,
    catalogue,
    compare,
    info,
    optimise,
    report,
    sensitivity,
    single_run,
)
from cli.common import app, err, fail, out

__all__ = ["app", "err", "fail", "main", "out"]


def main() -> None:
    app()
