"""Shared fixtures for the Veerkracht test suite.

Expensive objects are built once per pytest worker: ``start_model(seed)`` hands
out a month-0 model of the two focus buurten (Nazareth, Pottenberg) from a
per-session cache. Those models are shared between test modules, so tests
must treat them as read-only: never step them or write to their columns
(build a fresh ``ResilienceModel`` for that).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from model.resilience_model import ResilienceModel

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "model" / "inputs" / "data"

# The two focus buurten: CBS code -> area key used in result tables.
FOCUS = {"BU09350403": "nazareth", "BU09350203": "pottenberg"}
SEEDS = (1, 2, 3)

_START_MODELS: dict[int, ResilienceModel] = {}


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a calibration data file, read independently of the model code."""
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def start_model_for(seed: int) -> ResilienceModel:
    if seed not in _START_MODELS:
        _START_MODELS[seed] = ResilienceModel(rng=seed)
    return _START_MODELS[seed]


@pytest.fixture(scope="session")
def start_model():
    """Factory ``start_model(seed)``: cached month-0 model of the focus buurten (read-only)."""
    return start_model_for
