"""The same runs, bit for bit, in this process, in local worker processes and on a
Dask cluster; an interrupted ensemble keeps its finished runs and completes later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from experiments.ensemble import build_ensemble, load_scenarios, read_record, run_ensemble
from experiments.executors import DaskExecutor, ProcessExecutor, SerialExecutor
from scenarios import CATALOGUE, Scenario

YEARS, REPS, SEED = 2, 2, 5


def scenarios() -> list[Scenario]:
    return [
        Scenario(
            name="meet",
            label_nl="Ontmoeting",
            label_en="Meeting place",
            interventions={"meet": CATALOGUE["meeting_place"](start="2022-01")},
        )
    ]


def run_with(executor, out: Path):
    ens = build_ensemble(scenarios(), replicates=REPS, out=out, years=YEARS, base_seed=SEED)
    result = run_ensemble(ens, executor=executor, outputs=False)
    assert len(result.simulated) == 2 * REPS
    return {
        str(Path(spec.path).relative_to(out)): Path(spec.path).read_bytes() for spec in ens.specs()
    }


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    return run_with(SerialExecutor(), tmp_path_factory.mktemp("serial"))


def assert_same_runs(got: dict, expected: dict) -> None:
    assert sorted(got) == sorted(expected)
    for name, data in expected.items():
        if got[name] != data:  # say what differs
            a = pq.read_table(pa_buffer(got[name]))
            b = pq.read_table(pa_buffer(data))
            assert a.equals(b), f"{name}: other values"
            assert a.schema.metadata == b.schema.metadata, f"{name}: other record"
            pytest.fail(f"{name}: same content, other bytes")


def pa_buffer(data: bytes):
    import pyarrow as pa

    return pa.BufferReader(data)


def test_local_processes_give_the_same_runs(serial, tmp_path):
    assert_same_runs(run_with(ProcessExecutor(2), tmp_path), serial)


def test_dask_cluster_gives_the_same_runs(serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        got = run_with(DaskExecutor(cluster.scheduler_address), tmp_path)
    assert_same_runs(got, serial)


def test_unreachable_cluster_is_an_input_error(tmp_path):
    from core.errors import InputError

    ens = build_ensemble([], replicates=1, out=tmp_path, years=1)
    with pytest.raises(InputError, match="cannot connect to the Dask cluster"):
        run_ensemble(ens, executor=DaskExecutor("tcp://127.0.0.1:9", timeout=2), outputs=False)


def test_interrupted_in_the_task_loop_then_completed(tmp_path, monkeypatch):
    """Ctrl-C after two runs: those two stay, no half files; a rerun finishes the rest."""
    import experiments.executors as executors

    real, calls = executors.run_task, []

    def flaky(spec):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(spec.label)
        return real(spec)

    monkeypatch.setattr(executors, "run_task", flaky)
    ens = build_ensemble(scenarios(), replicates=REPS, out=tmp_path, years=1, base_seed=SEED)
    with pytest.raises(KeyboardInterrupt):
        run_ensemble(ens, workers=1)
    kept = [s for s in ens.specs() if read_record(s.path) is not None]
    assert len(kept) == 2
    assert not list(tmp_path.rglob("*.tmp"))
    assert not (tmp_path / "summary.csv").exists()
    mtimes = {s.path: os.stat(s.path).st_mtime_ns for s in kept}

    monkeypatch.setattr(executors, "run_task", real)
    result = run_ensemble(ens, workers=1, outputs=False)
    assert len(result.simulated) == 2 * REPS - 2
    assert len(result.reused) == 2
    assert all(read_record(s.path) is not None for s in ens.specs())
    assert {p: os.stat(p).st_mtime_ns for p in mtimes} == mtimes


def veerkracht() -> list[str]:
    exe = Path(sys.executable).with_name("veerkracht")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cli"]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_with_worker_processes(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while a
    pool of workers runs: one line, exit 130, no traceback, finished runs kept."""
    out = tmp_path / "cmp"
    args = ["compare", "baseline", "--replicates", "6", "--years", "1", "--workers", "2"]
    proc = subprocess.Popen(
        [*veerkracht(), *args, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a shell that started the tests in the background ignores SIGINT, and children
        # inherit that; a user's terminal does not, so restore the default here
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env=dict(os.environ, NO_COLOR="1", COLUMNS="160"),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "runs").glob("*/rep-*.parquet"))) >= 1:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr + stdout
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("interrupted: ")
    assert "run the same command again" in lines[-1]
    assert not list(out.rglob("*.tmp"))
    ens = build_ensemble(load_scenarios(["baseline"]), replicates=6, out=out, years=1)
    kept = [s for s in ens.specs() if read_record(s.path) is not None]
    assert 1 <= len(kept) < 6
    result = run_ensemble(ens, workers=1, outputs=False)
    assert len(result.reused) == len(kept)
    assert all(read_record(s.path) is not None for s in ens.specs())
