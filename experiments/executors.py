"""Where the runs of an ensemble are computed: in this process, in a pool of local
worker processes, or on a Dask cluster.

One task is one whole run (scenario, replicate). The task function
``run_task`` simulates, writes its own run file (atomically) and returns only a
small dictionary, so nothing large travels back to the parent. The same
function runs under every executor, and a run depends only on its
``RunSpec`` (scenario, seed, years, buurten, parameter overrides), so the run
file is bit-identical whichever executor computed it.

Workers are reused across runs: the import of Mesa, NumPy and the model (about
1 s) is paid once per worker process, not once per run.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from core.errors import InputError
from model.indicators import COUNTS, population_counts
from model.inputs import load_inputs

META_KEY = b"veerkracht.run"


@dataclass
class RunSpec:
    """Everything a worker needs for one run; ``meta`` is stored in the file."""

    scenario: object  # scenarios.Scenario
    replicate: int
    seed: int
    years: int
    areas: tuple[str, ...]  # CBS codes
    targets: str  # the survey targets file the start is aligned to
    area_inputs: str  # the labelled buurt inputs file (tenure, income, ...)
    overrides: dict[str, float]
    path: str  # absolute path of the run file
    meta: dict = field(default_factory=dict)
    # drawn intervention effects by '<type>.<effect>' (experiments.uncertainty)
    effects: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.scenario.name} rep {self.replicate}"


# ---------------------------------------------------------------------- the task
def simulate_run(spec: RunSpec) -> pa.Table:
    """The run's tidy table (as ``experiments.run.simulate``) plus two count rows
    per month and area, ``model.indicators.COUNTS``: ``count:adults`` and
    ``count:labour_force`` (persons)."""
    import numpy as np

    from experiments.run import check_years, tidy_table
    from experiments.uncertainty import apply_effects
    from model.resilience_model import ResilienceModel

    years = check_years(spec.years)
    inputs = load_inputs(list(spec.areas), spec.targets, spec.area_inputs)
    if spec.meta.get("inputs", inputs.digest()) != inputs.digest():
        raise InputError(
            f"{spec.targets} or {spec.area_inputs}: an input file changed while the "
            "comparison ran; run it again"
        )
    # Scenario objects keep programme state (enrolments), so every run gets a copy.
    scenario = copy.deepcopy(spec.scenario)
    apply_effects(scenario, spec.effects)
    model = ResilienceModel(params=spec.overrides, rng=spec.seed, policy=scenario, inputs=inputs)
    counts = [population_counts(model)]
    model.run_months(12 * years, progress=lambda: counts.append(population_counts(model)))
    table = tidy_table(model, scenario.name, spec.seed, spec.replicate)
    adults = np.stack([c[0] for c in counts])  # [months, areas+1]
    labour = np.stack([c[1] for c in counts])
    data = np.stack([adults, labour], axis=2)  # [months, areas+1, 2]
    n_months, n_areas, _ = data.shape
    months = np.array([f"{d}-01" for d in model.recorder.months], dtype="datetime64[D]")
    areas = np.array(model.recorder.area_keys())
    extra = pa.table(
        {
            "month": pa.array(np.repeat(months, n_areas * 2)),
            "area": pa.array(np.tile(np.repeat(areas, 2), n_months)),
            "indicator": pa.array(np.tile(np.array(COUNTS), n_months * n_areas)),
            "value": pa.array(data.reshape(-1)),
            "scenario": pa.array([scenario.name] * data.size),
            "replicate": pa.array(np.full(data.size, spec.replicate, dtype=np.int64)),
            "seed": pa.array(np.full(data.size, spec.seed, dtype=np.int64)),
        }
    ).cast(table.schema)
    return pa.concat_tables([table, extra])


# glibc's mallopt settings (malloc.h): keep freed memory below 256 MB in the heap and take
# blocks below 32 MB from it instead of fresh pages from the kernel.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
TRIM_BYTES, MMAP_BYTES = 256 * 2**20, 32 * 2**20


@functools.cache
def keep_heap_memory() -> bool:
    """A run allocates and frees arrays of about 1 MB dozens of times a month (a city
    has 120,000 residents). A Dask nanny starts its workers with
    MALLOC_TRIM_THRESHOLD_=65536, which also stops glibc from raising its mmap threshold,
    so every such array became fresh kernel pages and a city run took 2.5 times as long
    (42 s instead of 16.6 s, half of it system time). Setting both thresholds once per
    worker process restores the heap. Returns whether it could (glibc only)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = libc.mallopt if libc is not None else None
    except (OSError, AttributeError):
        return False
    if mallopt is None:
        return False
    return bool(mallopt(M_TRIM_THRESHOLD, TRIM_BYTES)) and bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_BYTES)
    )


def run_task(spec: RunSpec) -> dict:
    """Simulate one run and write its file; return small metadata only."""
    from core.store import write_parquet

    keep_heap_memory()
    t0 = time.perf_counter()
    table = simulate_run(spec)
    meta = dict(spec.meta, rows=table.num_rows)
    table = table.replace_schema_metadata({META_KEY: json.dumps(meta, sort_keys=True)})
    path = Path(spec.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_parquet(table, path)
    return {
        "scenario": spec.scenario.name,
        "replicate": spec.replicate,
        "path": str(path),
        "rows": table.num_rows,
        "seconds": time.perf_counter() - t0,
        "pid": os.getpid(),
    }


# ---------------------------------------------------------------------- executors
# An executor runs ``task(spec)`` for every spec (``run_task`` for a comparison's runs;
# the sensitivity analysis gives its own) and passes each result to ``on_result``.
OnResult = Callable[[dict], None]


class SerialExecutor:
    """Runs every task in this process, one after the other (--workers 1)."""

    name = "serial"

    def run(self, specs: Iterable, on_result: OnResult, task: Callable | None = None) -> None:
        task = task or run_task  # looked up now, so a test can replace it
        for spec in specs:
            on_result(task(spec))


def _init_worker() -> None:
    """Worker start-up: Ctrl-C is handled by the parent; import the model once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import experiments.run  # noqa: F401  (Mesa, NumPy and the model, once per worker)


@contextlib.contextmanager
def _sigint_ignored():
    """Ignore Ctrl-C while worker processes are started, so they inherit 'ignore'
    (a Ctrl-C in the terminal reaches every process of the group)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


class ProcessExecutor:
    """A pool of local worker processes ('spawn'), reused across runs."""

    name = "local processes"

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))

    def run(self, specs: Iterable, on_result: OnResult, task: Callable | None = None) -> None:
        import multiprocessing

        task = task or run_task
        from concurrent.futures import ProcessPoolExecutor, as_completed

        specs = list(specs)
        if not specs:
            return
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(specs)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
        )
        futures = []
        try:
            with _sigint_ignored():
                futures = [pool.submit(task, spec) for spec in specs]
            for future in as_completed(futures):
                on_result(future.result())
        except BaseException:
            for future in futures:
                future.cancel()
            _terminate(pool)
            raise
        pool.shutdown(wait=True)


def _terminate(pool) -> None:
    """Stop a process pool now (runs in progress are lost; finished files stay)."""
    processes = list(getattr(pool, "_processes", {}).values())
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(timeout=5)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


class DaskExecutor:
    """Runs the tasks on a Dask cluster (``distributed.Client(address)``).

    The workers must run this same code and environment and write to the same
    output folder (a file system shared with this machine)."""

    name = "dask"

    def __init__(self, address: str, timeout: float = 20.0) -> None:
        self.address = address
        self.timeout = timeout

    def run(self, specs: Iterable, on_result: OnResult, task: Callable | None = None) -> None:
        specs = list(specs)
        if not specs:
            return
        task = task or run_task
        from distributed import Client, as_completed

        try:
            client = Client(self.address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(
                f"cannot connect to the Dask cluster at {self.address!r}: "
                f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}; "
                "check the address (tcp://HOST:PORT) and that the scheduler is running"
            ) from None
        futures = []
        token = uuid.uuid4().hex[:12]
        try:
            futures = [
                client.submit(task, spec, key=f"veerkracht-{i}-{token}", pure=False)
                for i, spec in enumerate(specs)
            ]
            for future in as_completed(futures, loop=client.loop):
                on_result(future.result())
        except BaseException:
            with contextlib.suppress(Exception):
                client.cancel(futures)
            raise
        finally:
            with contextlib.suppress(Exception):
                client.close()


def make_executor(workers: int | None, cluster: str | None):
    if cluster:
        return DaskExecutor(cluster)
    n = (os.cpu_count() or 1) if workers is None else workers
    return SerialExecutor() if n <= 1 else ProcessExecutor(n)
