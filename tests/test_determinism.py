"""Same seed, same results; other seed, other results; only the model's rng counts."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pytest

from experiments.run import simulate


def run_with_global_seed(seed: int, global_seed: int):
    """Two-year run after seeding Python's and NumPy's global generators."""
    random.seed(global_seed)
    np.random.seed(global_seed)
    return simulate(years=2, seed=seed).table


@pytest.fixture(scope="module")
def tables():
    return {
        "seed5": run_with_global_seed(5, global_seed=0),
        "seed5_again": run_with_global_seed(5, global_seed=987_654),
        "seed6": run_with_global_seed(6, global_seed=0),
    }


def test_same_seed_gives_identical_table(tables):
    assert tables["seed5"].num_rows > 0
    assert tables["seed5"].equals(tables["seed5_again"])


def test_same_seed_identical_even_after_rerun_in_same_process():
    """A third run in the same process (module state, caches) still matches."""
    a = simulate(years=1, seed=21).table
    b = simulate(years=1, seed=21).table
    assert a.equals(b)


def test_different_seed_gives_different_values(tables):
    a, b = tables["seed5"], tables["seed6"]
    assert not a.equals(b)
    # same layout ...
    for col in ("month", "area", "indicator", "scenario"):
        assert a.column(col).equals(b.column(col)), col
    # ... but other outcomes: most share indicators differ after month 0
    later = pc.greater(a.column("month"), a.column("month")[0])
    va = pc.filter(a.column("value"), later).to_numpy()
    vb = pc.filter(b.column("value"), later).to_numpy()
    assert np.mean(va != vb) > 0.5, "seed hardly changes the results"


def test_seed_column_records_the_seed(tables):
    assert set(tables["seed5"].column("seed").to_pylist()) == {5}
    assert set(tables["seed6"].column("seed").to_pylist()) == {6}


_HASH_RUN = """
import hashlib, numpy as np
from experiments.run import simulate
t = simulate(areas=["nazareth", "pottenberg", "wyckerpoort"], years=3, seed=5).table
values = np.ascontiguousarray(t["value"].to_numpy(), dtype="<f8")
print(hashlib.sha256(values.tobytes()).hexdigest())
"""


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    line = next((x for x in text.splitlines() if x.startswith("flags")), "")
    return set(line.split(":", 1)[-1].split())


@pytest.mark.skipif("avx2" not in _cpu_flags(), reason="needs an x86-64 CPU with AVX2")
def test_same_results_whatever_blas_kernel_the_cpu_gets():
    """OpenBLAS picks its kernels by CPU, and a BLAS dot product sums in a kernel-specific
    order; results must not depend on it, or another machine (a CI runner, a cluster
    worker) gives other numbers for the same seed. Two processes forced onto the SSE3 and
    the AVX2 kernels run the same three-buurt simulation through the programme start
    (the views that weight buurten start there); their tables must be bit-identical."""
    digests = set()
    for kernel in ("Prescott", "Haswell"):
        env = {**os.environ, "OPENBLAS_CORETYPE": kernel}
        out = subprocess.run(
            [sys.executable, "-c", _HASH_RUN],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        digests.add(out.stdout.strip().splitlines()[-1])
    assert len(digests) == 1
