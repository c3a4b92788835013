"""Small things several test modules share."""

from __future__ import annotations

import contextlib

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
