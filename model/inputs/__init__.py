"""What the model needs to start, as one explicit object the caller passes.

``Inputs`` holds the buurten (CBS 2017 demography, polygons, labelled inputs)
and the start targets (the survey year's rows of a targets file), plus the
sha256 of every file they were read from. The model never looks a file up by
itself: a caller builds ``Inputs`` with ``load_inputs`` (shipped data unless
told otherwise) and hands it over, so a run's key and manifest name every input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from core.errors import InputError
from model.inputs.areas import (
    DEFAULT_KEY,
    Area,
    data_path,
    file_version,
    resolve_areas,
    shipped_area_inputs_path,
)
from model.inputs.targets import load_targets, shipped_targets_path
from model.timeline import SURVEY_YEAR

# The data files of the areas (package data in model/inputs/data/).
AREA_FILES = ("cbs_buurten_2017.csv", "cbs_buurten_2017.geojson", "area_inputs.csv")
# Indicators the starting state is aligned to (model/initial_state.py); each needs a
# SURVEY_YEAR row for the buurt or a '*' row in the targets file.
START_INDICATORS = (
    "lonely_share",
    "severely_lonely_share",
    "problem_debt_share",
    "payment_arrears_share",
    "financial_worries_share",
    "bijstand_share",
    "good_health_share",
    "psych_distress_share",
    "trust_municipality_share",
    "social_cohesion_score",
)


@dataclass(frozen=True)
class Inputs:
    """The buurten to simulate and the start targets, with the files they came from."""

    areas: tuple[Area, ...]
    start_targets: tuple[dict, ...] = field(repr=False)  # rows of SURVEY_YEAR
    targets_file: str = ""
    files: tuple[tuple[str, str], ...] = ()  # (name or path, sha256) of every file read
    area_inputs_file: str = ""  # the labelled buurt inputs (shipped or a replacement)

    def target_for(self, area: Area, indicator: str) -> dict:
        """The start target row for an area, falling back to the '*' (Maastricht) row."""
        rows = [r for r in self.start_targets if r["indicator"] == indicator]
        for wanted in (area.code, DEFAULT_KEY):
            for r in rows:
                if r["area"] == wanted:
                    return r
        raise InputError(
            f"{self.targets_file}: no {SURVEY_YEAR} row for indicator {indicator!r} in "
            f"{area.name} ({area.code}) and no '*' row for it; the model needs it for its "
            "starting state (add a row; see docs/data.md)"
        )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.areas)

    def digest(self) -> str:
        """One hash of everything that makes these inputs (areas and file contents)."""
        text = json.dumps({"areas": self.codes, "files": self.files}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_inputs(
    areas: str | Sequence[str] | None = None,
    targets: str | Path | None = None,
    area_inputs: str | Path | None = None,
) -> Inputs:
    """Inputs for ``areas`` (default: the two focus buurten) with the start targets
    of ``targets`` (default: the shipped illustrative file) and the labelled buurt
    inputs of ``area_inputs`` (default: the shipped ``area_inputs.csv``). Raises InputError."""
    path = Path(targets) if targets is not None else shipped_targets_path()
    rows, targets_sha = _file_rows(*file_version(path))
    chosen, area_file = _areas(areas, area_inputs)
    return Inputs(chosen, rows, str(path), _files(targets_sha, area_file), str(area_file))


def inputs_from_targets(
    areas, targets: pd.DataFrame, source: str, area_inputs: str | Path | None = None
) -> Inputs:
    """Inputs whose start targets come from a checked targets table already in memory
    (for example aggregated respondent answers); ``source`` names where it came from."""
    text = targets.sort_values(["area", "indicator", "year"]).to_csv(index=False)
    sha = hashlib.sha256(text.encode()).hexdigest()
    chosen, area_file = _areas(areas, area_inputs)
    return Inputs(chosen, _start_rows(targets), source, _files(sha, area_file), str(area_file))


def _areas(areas, area_inputs: str | Path | None) -> tuple[tuple[Area, ...], Path]:
    """The chosen buurten, carrying the inputs of ``area_inputs`` (re-resolved by code,
    so Area objects built from another file take this file's values)."""
    path = Path(area_inputs) if area_inputs is not None else shipped_area_inputs_path()
    if isinstance(areas, list | tuple) and all(isinstance(a, Area) for a in areas):
        areas = [a.code for a in areas]
    return tuple(resolve_areas(areas, path)), path


@cache
def _file_rows(path: str, mtime_ns: int, size: int) -> tuple[tuple[dict, ...], str]:
    return _start_rows(load_targets(path)), file_sha256(path)


def _start_rows(frame: pd.DataFrame) -> tuple[dict, ...]:
    rows = frame[frame["year"] == SURVEY_YEAR].to_dict("records")
    for row in rows:
        row["year"] = int(row["year"])
        row["value"] = float(row["value"])
        row["tolerance"] = float(row["tolerance"])
        row["sample_size"] = int(row["sample_size"])
    return tuple(rows)


@cache
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    return file_sha256(path)


def _files(targets_sha: str, area_inputs: Path) -> tuple[tuple[str, str], ...]:
    """sha256 of every file read, by shipped name; area_inputs.csv is the file used."""
    paths = {name: data_path(name) for name in AREA_FILES}
    paths["area_inputs.csv"] = area_inputs
    hashes = tuple((name, _sha256(*file_version(str(p)))) for name, p in paths.items())
    return (*hashes, ("targets", targets_sha))


__all__ = ["AREA_FILES", "START_INDICATORS", "Area", "Inputs", "inputs_from_targets", "load_inputs"]
