"""Reading a calibration's posterior, and drawing one parameter set per uncertainty draw.

``veerkracht compare --posterior DIR/posterior.parquet`` gives uncertainty draw i the
parameter set ``draws[i]``: drawn by weight, with replacement, with a generator
seeded by the comparison's base seed, so the same command draws the same sets. The
posterior's parameters replace the prior draws of those parameters
(``experiments.uncertainty``). Every scenario of a replicate uses the same set (and
the same seed), so paired differences stay paired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from core.errors import InputError

DRAW_RULE = (
    "parameter set of uncertainty draw i = row draws[i] of posterior.parquet, drawn by weight "
    "with replacement by numpy.random.default_rng(SeedSequence([BASE, 1])); replicate r uses "
    "draw r // seeds_per_draw, the same for every scenario of replicate r"
)


@dataclass(frozen=True)
class PosteriorDraws:
    path: str
    sha256: str
    parameters: tuple[str, ...]
    draw_ids: tuple[int, ...]  # the posterior row ('draw' column) of each replicate
    values: tuple[dict[str, float], ...]  # the parameter set of each replicate


def load_posterior(path: str | Path) -> pd.DataFrame:
    """Read and check a posterior file written by ``veerkracht calibrate``."""
    import pyarrow.lib
    import pyarrow.parquet as pq

    from model.params import PARAMS

    file = Path(path)
    if not file.is_file():
        raise InputError(
            f"--posterior {str(file)!r}: no such file; give the posterior.parquet that "
            "'veerkracht calibrate --out DIR' wrote"
        )
    try:
        frame = pq.read_table(file).to_pandas()
    except (pyarrow.lib.ArrowException, OSError) as exc:
        raise InputError(
            f"--posterior {str(file)!r}: not a readable Parquet file ({exc})"
        ) from None
    missing = [c for c in ("draw", "weight") if c not in frame]
    if missing:
        raise InputError(
            f"--posterior {str(file)!r}: column {', '.join(missing)} missing; expected draw, "
            "generation, weight and one column per parameter"
        )
    params = [c for c in frame.columns if c not in ("draw", "generation", "weight")]
    unknown = [c for c in params if c not in PARAMS]
    if unknown:
        raise InputError(
            f"--posterior {str(file)!r}: unknown parameter column {', '.join(unknown)}; "
            "'veerkracht params' lists the names"
        )
    if not params:
        raise InputError(f"--posterior {str(file)!r}: no parameter columns")
    weights = frame["weight"].to_numpy(dtype=float)
    if len(frame) == 0 or not np.all(np.isfinite(weights)) or (weights < 0).any():
        raise InputError(f"--posterior {str(file)!r}: weights must be finite and not negative")
    if weights.sum() <= 0:
        raise InputError(f"--posterior {str(file)!r}: the weights sum to zero")
    values = frame[params].to_numpy(dtype=float)
    if not np.all(np.isfinite(values)) or (values < 0).any():
        raise InputError(f"--posterior {str(file)!r}: parameter values must be finite, >= 0")
    return frame


def draw_for_replicates(path: str | Path, replicates: int, base_seed: int) -> PosteriorDraws:
    """One posterior parameter set per uncertainty draw (``replicates`` of them; see
    DRAW_RULE); the first k sets do not depend on how many are drawn."""
    frame = load_posterior(path)
    params = tuple(c for c in frame.columns if c not in ("draw", "generation", "weight"))
    weights = frame["weight"].to_numpy(dtype=float)
    rng = np.random.default_rng(np.random.SeedSequence([int(base_seed), 1]))
    rows = rng.choice(len(frame), size=int(replicates), replace=True, p=weights / weights.sum())
    return PosteriorDraws(
        path=str(Path(path).resolve()),
        sha256=hashlib.sha256(Path(path).read_bytes()).hexdigest(),
        parameters=params,
        draw_ids=tuple(int(frame["draw"].iloc[i]) for i in rows),
        values=tuple({p: float(frame[p].iloc[i]) for p in params} for i in rows),
    )
