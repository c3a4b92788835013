"""The model's results against the stored regression baseline (tests/regression)."""

from __future__ import annotations

import json

import pytest
from regression import baseline as reg


@pytest.fixture(scope="module")
def current() -> dict:
    return json.loads(json.dumps(reg.compute()))


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(reg.BASELINE.read_text())


def test_settings_unchanged(current, stored):
    assert current["settings"] == stored["settings"]


def test_builtin_costs_unchanged(current, stored):
    assert current["costs"] == stored["costs"]


@pytest.mark.parametrize("run", [f"{a}/{s}" for a in reg.AREA_SETS for s in reg.SCENARIOS])
def test_run_unchanged(current, stored, run):
    """Bit-identical: the readable values first, so a failure says what moved."""
    assert current["runs"][run]["total"] == stored["runs"][run]["total"]
    assert current["runs"][run]["rows"] == stored["runs"][run]["rows"]
    assert current["runs"][run]["sha256"] == stored["runs"][run]["sha256"], (
        "some indicator of some month changed; regenerate only for a deliberate change "
        "(python tests/regression/baseline.py --write, in its own commit)"
    )
