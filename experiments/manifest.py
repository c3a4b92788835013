"""Run manifests: everything needed to reproduce a result file."""

from __future__ import annotations

import hashlib
import platform
import sys
from datetime import UTC, datetime
from importlib import metadata

from calibration.areas import DATA_FILES, data_path
from model.params import PARAMS

DEPENDENCIES = (
    "mesa",
    "numpy",
    "scipy",
    "networkx",
    "pandas",
    "pyarrow",
    "shapely",
    "humanleague",
    "typer",
    "matplotlib",
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def data_hashes() -> dict[str, str]:
    """sha256 of each input file the run read; the targets file is the one actually used
    ($VEERKRACHT_TARGETS when set), so a replaced survey shows up in the manifest."""
    from calibration.survey_data import targets_path

    paths = {name: data_path(name) for name in DATA_FILES}
    paths["survey_targets.csv"] = targets_path()
    return {
        name: "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        for name, path in paths.items()
    }


def build_manifest(
    *,
    command: str,
    areas: list,
    years: int,
    seed: int,
    scenario: str,
    params: dict[str, float],
    overrides: dict[str, float],
) -> dict:
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "package": {"name": "veerkracht", "version": _version("veerkracht")},
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "dependencies": {d: _version(d) for d in DEPENDENCIES},
        "scenario": scenario,
        "seed": seed,
        "years": years,
        "start": "2021-06",
        "areas": [{"code": a.code, "name": a.name} for a in areas],
        "parameter_overrides": overrides,
        "parameters": {
            name: {"value": value, "unit": PARAMS[name].unit} for name, value in params.items()
        },
        "data_files": data_hashes(),
        "data_status": "illustrative: buurt demography is CBS 2017 (published); tenure, income, "
        "health and survey targets are estimates or assumptions (see "
        "calibration/data)",
    }
