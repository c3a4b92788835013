"""Run manifests: everything needed to reproduce a result file."""

from __future__ import annotations

import platform
import sys
from datetime import UTC, datetime
from importlib import metadata

from model.inputs import AREA_FILES, Inputs
from model.params import PARAMS
from model.timeline import START

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


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def data_hashes(inputs: Inputs) -> dict[str, str]:
    """sha256 of each input file the run read; the targets file is the one actually used
    (given by the caller, e.g. $VEERKRACHT_TARGETS), and so is area_inputs.csv
    ($VEERKRACHT_AREA_INPUTS), so a replaced survey or buurt file shows up."""
    files = dict(inputs.files)
    out = {name: "sha256:" + files[name] for name in AREA_FILES}
    out["survey_targets.csv"] = "sha256:" + files["targets"]
    return out


def build_manifest(
    *,
    command: str,
    inputs: Inputs,
    years: int,
    seed: int,
    scenario: str,
    params: dict[str, float],
    overrides: dict[str, float],
) -> dict:
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "package": {"name": "veerkracht", "version": version_of("veerkracht")},
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "dependencies": {d: version_of(d) for d in DEPENDENCIES},
        "scenario": scenario,
        "seed": seed,
        "years": years,
        "start": START,
        "areas": [{"code": a.code, "name": a.name} for a in inputs.areas],
        "targets_file": inputs.targets_file,
        "area_inputs_file": inputs.area_inputs_file,
        "inputs_sha256": inputs.digest(),
        "parameter_overrides": overrides,
        "parameters": {
            name: {"value": value, "unit": PARAMS[name].unit} for name, value in params.items()
        },
        "data_files": data_hashes(inputs),
        "data_status": "illustrative: buurt demography is CBS 2017 (published); tenure, income, "
        "health and survey targets are estimates or assumptions (see "
        "model/inputs/data)",
    }
