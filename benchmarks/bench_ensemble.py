"""Throughput of 'veerkracht compare': an ensemble of runs on local worker processes.

Run from the repository root:

    .venv/bin/python benchmarks/bench_ensemble.py            # 100 runs x 10 years (~2-3 min)
    .venv/bin/python benchmarks/bench_ensemble.py --quick    # 20 runs x 3 years (~20 s)
    .venv/bin/python benchmarks/bench_ensemble.py --workers 2 --json benchmarks/output/ens.json

The ensemble is the baseline and one programme portfolio (both focus buurten),
half of the runs each, paired by seed as in 'veerkracht compare'. The script
times (1) the runs on a pool of worker processes, (2) writing summary.csv,
costs.csv, figures and manifest.json, and (3) the same ensemble again in a fresh
process (everything reused: the cost of re-running a finished comparison,
imports included). Target for the full setting on a 2-core machine: 100 runs
in under 3 minutes. Timings are informational; the script never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_S = 180.0  # 100 runs x 10 years on 2 cores


def portfolio():
    from model.timeline import PROGRAMME_START
    from scenarios import CATALOGUE, Scenario

    return Scenario(
        name="bench-portfolio",
        label_nl="Benchmark-portfolio",
        label_en="Benchmark portfolio",
        interventions={
            "signals": CATALOGUE["early_debt_signalling"](start=PROGRAMME_START),
            "meet": CATALOGUE["meeting_place"](start=PROGRAMME_START),
            "course": CATALOGUE["loneliness_programme"](start=PROGRAMME_START),
            "outreach": CATALOGUE["outreach_social_work"](start=PROGRAMME_START),
        },
    )


def build(out: Path, runs: int, years: int, seed: int):
    from experiments.ensemble import build_ensemble

    return build_ensemble(
        [portfolio()], replicates=max(1, runs // 2), out=out, years=years, base_seed=seed
    )


def rerun_main(out: str, runs: int, years: int, seed: int) -> None:
    """Child process: the same ensemble again (should reuse everything)."""
    from experiments.ensemble import run_ensemble

    result = run_ensemble(build(Path(out), runs, years, seed), workers=1)
    print(json.dumps({"simulated": len(result.simulated), "written": result.outputs_written}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="20 runs of 3 years")
    ap.add_argument("--runs", type=int, default=None, help="total runs (default 100; quick 20)")
    ap.add_argument("--years", type=int, default=None, help="years per run (default 10; quick 3)")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: CPUs)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None, help="keep the ensemble in this folder")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    runs = args.runs or (20 if args.quick else 100)
    years = args.years or (3 if args.quick else 10)
    workers = args.workers or os.cpu_count() or 1
    if runs < 2 or years < 1 or workers < 1:
        print("bad arguments", file=sys.stderr)
        return 2

    t_import = time.perf_counter()
    from experiments.ensemble import run_ensemble

    import_s = time.perf_counter() - t_import
    tmp = None
    if args.out is None:
        tmp = tempfile.mkdtemp(prefix="bench-ensemble-")
        out = Path(tmp) / "cmp"
    else:
        out = args.out
        if out.exists():
            print(f"{out} exists; give a new folder (runs there would be reused)", file=sys.stderr)
            return 2
    load0 = os.getloadavg() if hasattr(os, "getloadavg") else None
    try:
        ens = build(out, runs, years, args.seed)
        n = len(ens.specs())
        print(
            f"{n} runs ({ens.replicates} replicates x {len(ens.scenarios)} scenarios) of "
            f"{years} years, {workers} worker processes ...",
            file=sys.stderr,
            flush=True,
        )
        seconds: list[float] = []
        stamps: list[float] = []
        t0 = time.perf_counter()

        def progress(done: int, total: int, info) -> None:
            if info is not None:
                seconds.append(info["seconds"])
                stamps.append(time.perf_counter() - t0)
                if done % max(1, total // 10) == 0 or done == total:
                    print(f"  {done}/{total} runs, {stamps[-1]:.0f} s", file=sys.stderr, flush=True)

        cpu0 = time.process_time()
        result = run_ensemble(ens, workers=workers, progress=progress)
        total_s = time.perf_counter() - t0
        parent_cpu_s = time.process_time() - cpu0

        t1 = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--_rerun", str(out), str(runs), str(years), str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        rerun_s = time.perf_counter() - t1
        rerun = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    load1 = os.getloadavg() if hasattr(os, "getloadavg") else None
    per_run = sum(seconds) / len(seconds) if seconds else float("nan")
    numbers = {
        "runs": n,
        "years": years,
        "workers": workers,
        "executor": result.executor,
        "cpus": os.cpu_count(),
        "total_s": total_s,
        "runs_phase_s": result.run_seconds,
        "outputs_phase_s": result.output_seconds,
        "runs_per_minute": 60.0 * n / result.run_seconds,
        "runs_per_minute_overall": 60.0 * n / total_s,
        "mean_run_s_in_worker": per_run,
        "pool_efficiency": sum(seconds) / (workers * result.run_seconds),
        "parent_cpu_s": parent_cpu_s,
        "import_s": import_s,
        "rerun_s_fresh_process": rerun_s,
        "rerun_fraction": rerun_s / total_s,
        "rerun_simulated": rerun["simulated"],
        "rerun_rewrote_outputs": rerun["written"],
        "loadavg_before": load0,
        "loadavg_after": load1,
    }
    rate, rate_all = numbers["runs_per_minute"], numbers["runs_per_minute_overall"]
    print(f"\nEnsemble benchmark: {n} runs x {years} years, {workers} local worker processes")
    print(f"- total                 {total_s:7.1f} s  ({rate_all:.1f} runs/min)")
    print(f"- runs                  {result.run_seconds:7.1f} s  ({rate:.1f} runs/min)")
    print(f"- summaries, figures    {result.output_seconds:7.1f} s")
    print(f"- one run in a worker   {per_run:7.2f} s  (set-up + run + write, mean)")
    print(
        f"- pool efficiency       {numbers['pool_efficiency']:7.2f}    "
        "(busy worker time / (workers x wall))"
    )
    print(
        f"- re-run, fresh process {rerun_s:7.1f} s  ({100 * numbers['rerun_fraction']:.1f}% of the "
        f"first; simulated {rerun['simulated']}, rewrote outputs: {rerun['written']})"
    )
    if load0:
        print(f"- load average          {load0[0]:.2f} before, {load1[0]:.2f} after")
    if n == 100 and years == 10:
        ok = total_s < TARGET_S
        print(f"Target: 100 runs x 10 years < {TARGET_S:.0f} s: {'MET' if ok else 'NOT MET'}")
    if load0 and load0[0] > 1.5:
        print(
            "Note: the machine was busy before the benchmark started (load average "
            f"{load0[0]:.2f}); if other processes were running, times are inflated."
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--_rerun":
        rerun_main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        sys.exit(0)
    sys.exit(main())
