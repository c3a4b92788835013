"""Small things several test modules share."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

# A valid scenario file that tests break in different ways.
GOOD = """\
name: my-plan
label:
  nl: Mijn plan
  en: My plan
kind: portfolio
areas: [nazareth, pottenberg]
horizon_years: 10
budget_eur_per_year: 700000
interventions:
  visits:
    type: early_debt_signalling
    start: "2024-01"
    end: "2030-01"
    effects:
      reach: 0.6
  meet:
    type: meeting_place
    start: "2024-01"
    areas: [nazareth]
"""


def text_of(result) -> str:
    """Everything the command printed (stdout and stderr)."""
    parts = [result.output]
    with contextlib.suppress(ValueError):  # stderr not captured separately
        parts.append(result.stderr)
    return "\n".join(parts)


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run the installed ``veerkracht`` command as a real process (as a user would)."""
    exe = Path(sys.executable).with_name("veerkracht")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "cli"]
    full_env = dict(os.environ, COLUMNS="160", NO_COLOR="1", **env)
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env, timeout=300)
