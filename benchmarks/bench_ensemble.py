"""Throughput of 'veerkracht compare': an ensemble of runs on local workers or Dask.

Run from the repository root:

    .venv/bin/python benchmarks/bench_ensemble.py            # 100 runs x 10 years (~2-3 min)
    .venv/bin/python benchmarks/bench_ensemble.py --quick    # 20 runs x 3 years (~20 s)
    .venv/bin/python benchmarks/bench_ensemble.py --workers 2 --json benchmarks/output/ens.json
    .venv/bin/python benchmarks/bench_ensemble.py --table --areas all --portfolios builtin \
        --replicates 2                                       # the executor table (~7 min)

By default the ensemble is the baseline and one programme portfolio (both focus buurten),
half of the runs each, paired by seed as in 'veerkracht compare'. The script times (1)
the runs on a pool of worker processes, (2) writing summary.csv, costs.csv, figures and
manifest.json, and (3) the same ensemble again in a fresh process (everything reused:
the cost of re-running a finished comparison, imports included).

``--table`` runs the same ensemble three times, on 1 local worker, on 2 local workers
and on a Dask LocalCluster with 2 worker processes, and prints runs per minute and the
efficiency of each (busy worker time / (workers x wall)), and what a 100-run comparison
would take at that rate. ``--areas all --portfolios builtin`` is the speed issue's
setting: the whole city, the baseline and the four built-in EUR 700k portfolios.
Timings are informational; the script never fails on them.
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
# The built-in EUR 700k portfolios that 'make run' compares (the Makefile's PORTFOLIOS).
PORTFOLIOS = ("debt-first", "network-and-meeting", "trust-from-within", "integrated-mix")


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


def scenarios(which: str) -> list:
    """'bench': the benchmark portfolio; 'builtin': the built-in EUR 700k portfolios."""
    if which == "bench":
        return [portfolio()]
    from scenarios.loader import load_scenario

    return [load_scenario(name) for name in PORTFOLIOS]


def build(out: Path, replicates: int, years: int, seed: int, areas: str, which: str):
    from experiments.ensemble import build_ensemble

    return build_ensemble(
        scenarios(which),
        replicates=replicates,
        out=out,
        years=years,
        base_seed=seed,
        areas=None if areas == "focus" else areas,
    )


def rerun_main(out: str, settings: str) -> None:
    """Child process: the same ensemble again (should reuse everything)."""
    from experiments.ensemble import run_ensemble

    result = run_ensemble(build(Path(out), **json.loads(settings)), workers=1)
    print(json.dumps({"simulated": len(result.simulated), "written": result.outputs_written}))


def measure(ens, workers: int, cluster: str | None) -> dict:
    """Run the ensemble ``ens`` (nothing reused) and time it."""
    from experiments.ensemble import run_ensemble

    seconds: list[float] = []
    t0 = time.perf_counter()
    n = len(ens.specs())

    def progress(done: int, total: int, info) -> None:
        if info is not None:
            seconds.append(info["seconds"])
            if done % max(1, total // 10) == 0 or done == total:
                stamp = time.perf_counter() - t0
                print(f"  {done}/{total} runs, {stamp:.0f} s", file=sys.stderr, flush=True)

    cpu0 = time.process_time()
    result = run_ensemble(ens, workers=workers, cluster=cluster, progress=progress)
    total_s = time.perf_counter() - t0
    return {
        "runs": n,
        "workers": workers,
        "executor": result.executor,
        "total_s": total_s,
        "runs_phase_s": result.run_seconds,
        "outputs_phase_s": result.output_seconds,
        "runs_per_minute": 60.0 * n / result.run_seconds,
        "runs_per_minute_overall": 60.0 * n / total_s,
        "mean_run_s_in_worker": sum(seconds) / len(seconds) if seconds else float("nan"),
        "pool_efficiency": sum(seconds) / (workers * result.run_seconds),
        "parent_cpu_s": time.process_time() - cpu0,
        "minutes_for_100_runs": 100 / (60.0 * n / result.run_seconds) + result.output_seconds / 60,
    }


def table_main(args, replicates: int, years: int) -> int:
    """The executor table: 1 and 2 local workers, a Dask LocalCluster with 2 workers."""
    from distributed import LocalCluster

    rows = []
    load0 = os.getloadavg()
    settings = dict(replicates=replicates, years=years, seed=args.seed, areas=args.areas,
                    which=args.portfolios)  # fmt: skip
    for label, workers, dask in (
        ("local, 1 worker", 1, False),
        ("local, 2 workers", 2, False),
        ("Dask LocalCluster, 2 workers", 2, True),
    ):
        tmp = tempfile.mkdtemp(prefix="bench-ensemble-")
        try:
            ens = build(Path(tmp) / "cmp", **settings)
            print(f"{label}: {len(ens.specs())} runs ...", file=sys.stderr, flush=True)
            if dask:
                with LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster:
                    row = measure(ens, workers, cluster.scheduler_address)
            else:
                row = measure(ens, workers, None)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        rows.append({"label": label, **row})
    load1 = os.getloadavg()
    n = rows[0]["runs"]
    print(
        f"\nEnsemble table: {n} runs ({replicates} replicates x {n // replicates} scenarios) "
        f"of {years} years, {args.areas} buurten; load average {load0[0]:.2f} before, "
        f"{load1[0]:.2f} after, {os.cpu_count()} CPUs\n"
    )
    print("| executor | wall s | runs per minute | one run in a worker s | efficiency "
          "| 100 runs would take |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['label']} | {r['total_s']:.1f} | {r['runs_per_minute']:.2f} "
            f"| {r['mean_run_s_in_worker']:.1f} | {r['pool_efficiency']:.2f} "
            f"| {r['minutes_for_100_runs']:.1f} min |"
        )
    print(
        "\nEfficiency = busy worker time / (workers x wall time of the runs). '100 runs "
        "would take' = 100 runs at the measured rate plus the summaries and figures. "
        f"Target (speed issue): a 100-run city comparison on 2 workers in <= {TARGET_S / 60:g} "
        "min."
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        numbers = {"settings": settings, "rows": rows, "loadavg": [load0, load1]}
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="20 runs of 3 years")
    ap.add_argument("--runs", type=int, default=None, help="total runs (default 100; quick 20)")
    ap.add_argument("--years", type=int, default=None, help="years per run (default 10; quick 3)")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: CPUs)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None, help="keep the ensemble in this folder")
    ap.add_argument("--areas", choices=("focus", "all"), default="focus", help="buurten")
    ap.add_argument(
        "--portfolios",
        choices=("bench", "builtin"),
        default="bench",
        help="one benchmark portfolio, or the four built-in EUR 700k portfolios",
    )
    ap.add_argument("--replicates", type=int, default=None, help="replicates (default runs/2)")
    ap.add_argument(
        "--table", action="store_true", help="1 and 2 local workers and a Dask LocalCluster"
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    runs = args.runs or (20 if args.quick else 100)
    years = args.years or (3 if args.quick else 10)
    workers = args.workers or os.cpu_count() or 1
    n_scenarios = 2 if args.portfolios == "bench" else 5
    replicates = args.replicates or max(1, runs // n_scenarios)
    if runs < 2 or years < 1 or workers < 1 or replicates < 1:
        print("bad arguments", file=sys.stderr)
        return 2
    if args.table:
        return table_main(args, replicates, years)
    settings = dict(replicates=replicates, years=years, seed=args.seed, areas=args.areas,
                    which=args.portfolios)  # fmt: skip

    t_import = time.perf_counter()
    import experiments.ensemble  # noqa: F401  (timed: the imports a compare pays)

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
        ens = build(out, **settings)
        n = len(ens.specs())
        print(
            f"{n} runs ({ens.replicates} replicates x {len(ens.scenarios)} scenarios) of "
            f"{years} years, {workers} worker processes ...",
            file=sys.stderr,
            flush=True,
        )
        numbers = measure(ens, workers, None)
        t1 = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--_rerun", str(out), json.dumps(settings)],
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
    total_s, per_run = numbers["total_s"], numbers["mean_run_s_in_worker"]
    numbers.update(
        {
            "years": years,
            "cpus": os.cpu_count(),
            "import_s": import_s,
            "rerun_s_fresh_process": rerun_s,
            "rerun_fraction": rerun_s / total_s,
            "rerun_simulated": rerun["simulated"],
            "rerun_rewrote_outputs": rerun["written"],
            "loadavg_before": load0,
            "loadavg_after": load1,
        }
    )
    rate, rate_all = numbers["runs_per_minute"], numbers["runs_per_minute_overall"]
    print(f"\nEnsemble benchmark: {n} runs x {years} years, {workers} local worker processes")
    print(f"- total                 {total_s:7.1f} s  ({rate_all:.1f} runs/min)")
    print(f"- runs                  {numbers['runs_phase_s']:7.1f} s  ({rate:.1f} runs/min)")
    print(f"- summaries, figures    {numbers['outputs_phase_s']:7.1f} s")
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
    if len(sys.argv) == 4 and sys.argv[1] == "--_rerun":
        rerun_main(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(main())
