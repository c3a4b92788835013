"""The layer contract (.importlinter): core <- agents <- model <- scenarios <-
calibration | experiments <- viz <- cli. Checked on the project, and shown to fail
on a copy with one import against the direction."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGES = ("core", "agents", "model", "scenarios", "calibration", "experiments", "viz", "cli")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(exe), "--config", str(root / ".importlinter"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_the_project_keeps_its_layers():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_direction_breaks_the_contract(tmp_path):
    for name in PACKAGES:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("data"))
    shutil.copy(REPO / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / "model" / "indicators.py"
    # a function-local import counts as well
    target.write_text(target.read_text() + "\n\ndef _bad():\n    import calibration.plan\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "model is not allowed to import calibration" in result.stdout
    assert "model.indicators -> calibration.plan" in result.stdout
