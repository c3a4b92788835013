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
from model.inputs.areas import DEFAULT_KEY, Area, data_path, resolve_areas
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
    areas: str | Sequence[str] | None = None, targets: str | Path | None = None
) -> Inputs:
    """Inputs for ``areas`` (default: the two focus buurten) with the start targets
    of ``targets`` (default: the shipped illustrative file). Raises InputError."""
    path = Path(targets) if targets is not None else shipped_targets_path()
    try:
        version = (str(path.resolve()), path.stat().st_mtime_ns, path.stat().st_size)
    except OSError:
        version = (str(path), 0, 0)  # load_targets reports the missing file
    rows, files = _file_rows(*version)
    return Inputs(tuple(resolve_areas(areas)), rows, str(path), files)


def inputs_from_targets(areas, targets: pd.DataFrame, source: str) -> Inputs:
    """Inputs whose start targets come from a checked targets table already in memory
    (for example aggregated respondent answers); ``source`` names where it came from."""
    text = targets.sort_values(["area", "indicator", "year"]).to_csv(index=False)
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Inputs(tuple(resolve_areas(areas)), _start_rows(targets), source, _files(sha))


@cache
def _file_rows(path: str, mtime_ns: int, size: int) -> tuple[tuple[dict, ...], tuple]:
    return _start_rows(load_targets(path)), _files(file_sha256(path))


def _start_rows(frame: pd.DataFrame) -> tuple[dict, ...]:
    rows = frame[frame["year"] == SURVEY_YEAR].to_dict("records")
    for row in rows:
        row["year"] = int(row["year"])
        row["value"] = float(row["value"])
        row["tolerance"] = float(row["tolerance"])
        row["sample_size"] = int(row["sample_size"])
    return tuple(rows)


@cache
def _area_files() -> tuple[tuple[str, str], ...]:
    return tuple((name, file_sha256(str(data_path(name)))) for name in AREA_FILES)


def _files(targets_sha: str) -> tuple[tuple[str, str], ...]:
    return (*_area_files(), ("targets", targets_sha))


__all__ = ["AREA_FILES", "START_INDICATORS", "Area", "Inputs", "inputs_from_targets", "load_inputs"]
