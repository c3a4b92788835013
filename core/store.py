"""Writing results safely: every file is written to a temporary name in the
target folder and renamed into place, so a crash never leaves half a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from core.errors import InputError


def check_output_dir(path: str | Path) -> Path:
    """Check, before any work, that results can be written to ``path``.

    Nothing is created here: the folder is made only when the results are
    written, so a failed or interrupted run leaves nothing behind."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {str(out)!r} is a file, not a folder; give a folder path")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(
            f"cannot create output folder {str(out)!r}: {str(existing)!r} is a "
            "file; choose another folder"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(
            f"cannot write to output folder {str(out)!r}: no write permission "
            f"in {str(existing)!r}; choose a folder you can write to"
        )
    return out


def make_output_dir(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create output folder {str(out)!r}: {exc.strerror or exc}"
        ) from None
    return out


def _atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(table: pa.Table, path: str | Path) -> None:
    _atomic(Path(path), lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_json(data: dict, path: str | Path) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, ensure_ascii=False)
            f.write("\n")

    _atomic(Path(path), write)


def write_bytes(data: bytes, path: str | Path) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + rename)."""
    _atomic(Path(path), lambda tmp: Path(tmp).write_bytes(data))
