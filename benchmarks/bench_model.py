"""Speed and memory benchmark of the Veerkracht model (one core).

Run from the repository root:

    .venv/bin/python benchmarks/bench_model.py            # full: ~1-2 minutes
    .venv/bin/python benchmarks/bench_model.py --quick    # ~10 seconds
    .venv/bin/python benchmarks/bench_model.py --json benchmarks/output/bench.json
    .venv/bin/python benchmarks/bench_model.py --scaling  # + 2, 4, 8, 16, 44 buurten

Each configuration is measured in a fresh child process (this script started
again with the same interpreter), pinned to one CPU and with the BLAS/OpenMP
thread pools limited to one thread, so that peak memory (ru_maxrss) belongs to
that configuration alone and timings are "one core". The parent process only
uses the standard library (it never imports NumPy or the model), so it adds
nothing to the children's memory.

Timings are informational: the script reports whether the targets are met but
never fails because of them (exit status is non-zero only if a run crashes).
See benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The targets of the speed issue (one core): (configuration, measure, limit, unit, label).
TARGETS = (
    ("focus", "run_10y_s", 0.3, "s", "focus buurten, 10-year run"),
    ("all", "run_10y_s", 3.0, "s", "whole city, 10-year run"),
    ("all", "setup_s", 1.0, "s", "whole city, set-up"),
    ("all", "peak_rss_mb", 400.0, "MB", "whole city, peak memory per worker"),
)
# The two focus buurten first, then the others in the order of their CBS codes.
FOCUS = ("nazareth", "pottenberg")
SCALING_SIZES = (2, 4, 8, 16, 44)

THREAD_ENV = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

CONFIGS = {
    # name: (areas argument for ResilienceModel, human label)
    "focus": (None, "nazareth,pottenberg"),
    "all": ("all", "all"),
}


# ---------------------------------------------------------------------- child side
def _maxrss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _current_rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return None


def _pin(cpu: int | None) -> list[int] | None:
    """Pin this process to one CPU; return the affinity actually in force."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    if cpu is not None:
        try:
            os.sched_setaffinity(0, {cpu})
        except OSError as exc:  # CPU not allowed here (container, cgroup)
            print(f"warning: could not pin to CPU {cpu}: {exc}", file=sys.stderr)
    return sorted(os.sched_getaffinity(0))


def _timed_run(m, months: int) -> dict:
    """Step ``months`` months, sampling residents alive and the clock every month, with
    the wall time of each part of a month (``ResilienceModel.time_parts``)."""
    parts = m.time_parts() if hasattr(m, "time_parts") else {}  # older revisions: none
    res = m.residents
    alive = [res.n_alive]  # alive at the start of each month (and at the end)
    stamps = [0.0]
    clock = time.perf_counter
    cpu0 = time.process_time()
    t0 = clock()

    def tick() -> None:
        stamps.append(clock() - t0)
        alive.append(res.n_alive)

    m.run_months(months, progress=tick)
    wall = clock() - t0
    cpu = time.process_time() - cpu0
    mean_alive = statistics.fmean(alive[:-1])  # residents each step worked on
    years = [stamps[i] - stamps[i - 12] for i in range(12, len(stamps), 12)]
    return {
        "run_s": wall,
        "run_cpu_s": cpu,
        "months": months,
        "residents_start": alive[0],
        "residents_end": alive[-1],
        "mean_residents": mean_alive,
        "resident_months_per_s": mean_alive * months / wall,
        "s_per_year": wall / (months / 12),
        "year_split_s": years,
        "parts_ms_per_month": {k: 1000 * v / months for k, v in parts.items()},
    }


def child_main(spec: dict) -> dict:
    """Measure one configuration; runs in a fresh interpreter."""
    for name in THREAD_ENV:  # normally already set by the parent, before start-up
        os.environ[name] = "1"
    affinity = _pin(spec["cpu"])
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))

    import gc

    t = time.perf_counter()
    import mesa
    import numpy as np

    from model.resilience_model import ResilienceModel

    import_s = time.perf_counter() - t
    if isinstance(spec["areas"], int):  # the scaling table: the first N buurten
        spec["areas"] = scaling_areas(spec["areas"])
    out: dict = {
        "config": spec["name"],
        "label": spec.get("label"),
        "areas_arg": spec["areas"],
        "affinity": affinity,
        "pid": os.getpid(),
        "import_s": import_s,
        "rss_after_import_mb": _current_rss_mb(),
        "maxrss_after_import_mb": _maxrss_mb(),
        "versions": {"numpy": np.__version__, "mesa": mesa.__version__},
        "repeats": [],
    }
    months = spec["months"]
    for seed in spec["seeds"]:
        gc.collect()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        m = ResilienceModel(areas=spec["areas"], rng=seed)
        setup_s = time.perf_counter() - t0
        setup_cpu_s = time.process_time() - cpu0
        out["n_areas"] = len(m.areas)
        rec = {"seed": seed, "setup_s": setup_s, "setup_cpu_s": setup_cpu_s}
        rec["rss_after_setup_mb"] = _current_rss_mb()
        rec.update(_timed_run(m, months))
        rec["rss_after_run_mb"] = _current_rss_mb()
        del m
        gc.collect()
        rec["maxrss_mb"] = _maxrss_mb()
        out["repeats"].append(rec)
        print(
            f"  [{spec['name']}] seed {seed}: set-up {setup_s:.2f} s, "
            f"{months} months {rec['run_s']:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    # Peak RSS of the timed part, before tracemalloc adds its own bookkeeping.
    out["peak_rss_mb"] = _maxrss_mb()

    if spec["trace"]:
        # Separate, untimed pass: tracemalloc slows NumPy-heavy Python ~2-3x.
        import tracemalloc

        gc.collect()
        tracemalloc.start()
        t0 = time.perf_counter()
        m = ResilienceModel(areas=spec["areas"], rng=spec["seeds"][0])
        setup_cur, setup_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        m.run_months(spec["trace_months"])
        run_cur, run_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["trace"] = {
            "months": spec["trace_months"],
            "setup_current_mb": setup_cur / 2**20,
            "setup_peak_mb": setup_peak / 2**20,
            "run_current_mb": run_cur / 2**20,
            "run_peak_mb": run_peak / 2**20,
            "wall_s": time.perf_counter() - t0,
        }
        del m
        gc.collect()
    return out


def scaling_areas(n: int) -> list[str] | str:
    """The two focus buurten and the next ``n - 2`` in the order of their CBS codes (the
    whole city for 44)."""
    from model.inputs.areas import all_areas, resolve_areas

    codes = sorted(all_areas())
    if n >= len(codes):
        return "all"
    focus = [a.code for a in resolve_areas(list(FOCUS))]
    return focus + [c for c in codes if c not in focus][: n - 2]


def profile_main(spec: dict) -> str:
    """cProfile of one run after set-up; returns the top functions by cumulative time."""
    import cProfile
    import io
    import pstats

    for name in THREAD_ENV:
        os.environ[name] = "1"
    _pin(spec["cpu"])
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from model.resilience_model import ResilienceModel

    m = ResilienceModel(areas=spec["areas"], rng=spec["seeds"][0])
    prof = cProfile.Profile()
    prof.enable()
    m.run_months(spec["months"])
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(spec.get("top", 30))
    text = buf.getvalue()
    import sysconfig

    prefixes = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], str(REPO)}
    for prefix in sorted(prefixes, key=len, reverse=True):  # shorten file names
        text = text.replace(prefix + os.sep, "")
    return text


# ---------------------------------------------------------------------- parent side
def _child_env() -> dict:
    env = dict(os.environ)
    for name in THREAD_ENV:
        env[name] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def _spawn(mode: str, spec: dict, timeout: float | None) -> dict | str:
    """Run this script again in ``mode`` with ``spec``; return what the child wrote."""
    fd, result_path = tempfile.mkstemp(prefix="veerkracht-bench-", suffix=".json")
    os.close(fd)
    try:
        cmd = [sys.executable, str(Path(__file__).resolve()), mode, json.dumps(spec), result_path]
        proc = subprocess.run(cmd, env=_child_env(), cwd=REPO, timeout=timeout, stdout=sys.stderr)
        if proc.returncode != 0:
            raise RuntimeError(f"benchmark child ({spec['name']}) exited with {proc.returncode}")
        with open(result_path, encoding="utf-8") as f:
            return json.load(f)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(result_path)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _git_revision() -> str | None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "--no-optional-locks", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()

    try:
        rev = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return rev + ("+modified" if dirty else "")


def _loadavg() -> str | None:
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return None


def machine_info() -> dict:
    from importlib import metadata

    def version(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpu": _cpu_model(),
        "logical_cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "numpy": version("numpy"),
        "mesa": version("mesa"),
        "git": _git_revision(),
        "loadavg_at_start": _loadavg(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def summarise(raw: dict) -> dict:
    reps = raw["repeats"]
    med = statistics.median
    run_s = [r["run_s"] for r in reps]
    months = reps[0]["months"]
    s_per_year = med(r["s_per_year"] for r in reps)
    cpu_ratio = sum(r["run_cpu_s"] for r in reps) / sum(run_s)
    parts: dict[str, float] = {}
    for r in reps:
        for k, v in r.get("parts_ms_per_month", {}).items():
            parts[k] = parts.get(k, 0.0) + v / len(reps)
    name = raw.get("label") or CONFIGS[raw["config"]][1]
    return {
        "config": raw["config"],
        "label": f"{name} ({raw['n_areas']} buurten)",
        "parts_ms_per_month": parts,
        "ms_per_month": 1000 * med(run_s) / months,
        "us_per_resident_month": 1e6 / med(r["resident_months_per_s"] for r in reps),
        "n_areas": raw["n_areas"],
        "repeats": len(reps),
        "years": months / 12,
        "residents": int(med(r["residents_start"] for r in reps)),
        "setup_s": med(r["setup_s"] for r in reps),
        "setup_s_best": min(r["setup_s"] for r in reps),
        "run_s": med(run_s),
        "run_s_best": min(run_s),
        "run_s_max": max(run_s),
        "run_cpu_s": med(r["run_cpu_s"] for r in reps),
        "s_per_year": s_per_year,
        # measured directly when the run is 10 years, else extrapolated
        "run_10y_s": med(run_s) if months == 120 else s_per_year * 10,
        "run_10y_s_best": min(run_s) * 120 / months,
        "run_10y_measured": months == 120,
        "resident_months_per_s": med(r["resident_months_per_s"] for r in reps),
        "peak_rss_mb": raw["peak_rss_mb"],
        "rss_after_import_mb": raw["rss_after_import_mb"],
        "import_s": raw["import_s"],
        "cpu_wall_ratio": cpu_ratio,
        "tracemalloc": raw.get("trace"),
    }


def _fmt(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}"


def render(info: dict, rows: list[dict], args: argparse.Namespace) -> str:
    everything, rows = rows, [r for r in rows if r["config"] in CONFIGS]
    lines = [
        "# Veerkracht benchmark",
        "",
        f"- date: {info['date']}",
        f"- machine: {info['cpu']} ({info['logical_cpus']} logical CPUs), {info['platform']}",
        f"- Python {info['python']} ({info['implementation']}), numpy {info['numpy']}, "
        f"mesa {info['mesa']}" + (f", git {info['git']}" if info["git"] else ""),
        f"- one core: pinned to CPU {info['pinned_to']}, {'/'.join(THREAD_ENV[:3])}=1; "
        f"load average at start {info['loadavg_at_start']}",
        f"- mode: {'quick' if args.quick else 'full'}; seeds from {args.seed}",
        "",
        "| configuration | residents | set-up s | s per simulated year | 10-year run s "
        "| resident-months/s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ten = _fmt(r["run_10y_s"]) + ("" if r["run_10y_measured"] else " (est.)")
        lines.append(
            f"| {r['label']} | {r['residents']:,} | {_fmt(r['setup_s'])} "
            f"| {_fmt(r['s_per_year'], 3)} | {ten} | {_fmt(r['resident_months_per_s'], 0)} "
            f"| {_fmt(r['peak_rss_mb'], 0)} |"
        )
    lines += [
        "",
        "Times are wall-clock seconds; with several repeats the median is shown. "
        "'(est.)' = 10 x the measured time per simulated year. Peak MB = ru_maxrss of the "
        "configuration's own process (interpreter and imports included).",
        "",
        "Details:",
    ]
    for r in rows:
        detail = (
            f"- {r['label']}: {r['repeats']} x {r['years']:g} years; run best "
            f"{_fmt(r['run_s_best'])} s / median {_fmt(r['run_s'])} s / "
            f"worst {_fmt(r['run_s_max'])} s; CPU time {_fmt(r['run_cpu_s'])} s "
            f"(CPU/wall {r['cpu_wall_ratio']:.2f}); imports {_fmt(r['import_s'])} s, "
            f"RSS after imports {_fmt(r['rss_after_import_mb'] or 0, 0)} MB"
        )
        tm = r["tracemalloc"]
        if tm:
            detail += (
                f"; tracemalloc: model after set-up {_fmt(tm['setup_current_mb'], 1)} MB, "
                f"set-up peak {_fmt(tm['setup_peak_mb'], 1)} MB, run peak "
                f"{_fmt(tm['run_peak_mb'], 1)} MB over {tm['months'] // 12:g} years"
            )
        lines.append(detail)

    lines += render_targets(rows) + render_parts(rows) + render_scaling(everything)
    busy = [r["label"] for r in everything if r["cpu_wall_ratio"] < 0.9]
    if busy:
        lines += [
            "",
            f"Note: CPU/wall < 0.9 for {', '.join(busy)}: other processes competed for the "
            "pinned core, so wall times are inflated; the CPU times above are closer to the "
            "idle-machine numbers. Re-run on a quiet machine for reference figures.",
        ]
    return "\n".join(lines) + "\n"


def render_targets(rows: list[dict]) -> list[str]:
    """The speed issue's targets against what was measured, with the distance."""
    by_config = {r["config"]: r for r in rows}
    lines = [
        "",
        "Targets (one core; informational, the script never fails on them):",
        "",
        "| measure | measured | target | status |",
        "|---|---:|---:|---|",
    ]
    for config, key, limit, unit, label in TARGETS:
        r = by_config.get(config)
        if r is None:
            continue
        value = r[key]
        note = " (est.)" if key == "run_10y_s" and not r["run_10y_measured"] else ""
        status = "MET" if value <= limit else f"NOT MET ({value / limit:.1f}x the target)"
        digits = 0 if unit == "MB" else 2
        lines.append(
            f"| {label} | {_fmt(value, digits)} {unit}{note} | <= {limit:g} {unit} | {status} |"
        )
    return lines


def render_parts(rows: list[dict]) -> list[str]:
    """Where a month goes: wall ms per part (policy, each process, indicators)."""
    shown = [r for r in rows if r["config"] in CONFIGS and r["parts_ms_per_month"]]
    if not shown:
        return []
    order = sorted(
        shown[-1]["parts_ms_per_month"], key=lambda k: -shown[-1]["parts_ms_per_month"][k]
    )
    head = " | ".join(f"{r['label']} ms | share" for r in shown)
    lines = [
        "",
        "Where a month goes (wall ms per simulated month, mean over the runs):",
        "",
        f"| part | {head} |",
        "|---|" + "---:|---:|" * len(shown),
    ]
    for part in order:
        cells = []
        for r in shown:
            ms = r["parts_ms_per_month"].get(part, 0.0)
            total = sum(r["parts_ms_per_month"].values())
            cells.append(f"{ms:.2f} | {100 * ms / total:.0f}%")
        lines.append(f"| {part} | {' | '.join(cells)} |")
    totals = " | ".join(f"{sum(r['parts_ms_per_month'].values()):.2f} | 100%" for r in shown)
    lines.append(f"| **month** | {totals} |")
    return lines


def render_scaling(rows: list[dict]) -> list[str]:
    """Cost per resident-month and memory against the number of residents, and the
    split of a month into a fixed part and a part per resident (least squares)."""
    scale = sorted((r for r in rows if r["config"].startswith("scale")), key=lambda r: r["n_areas"])
    if not scale:
        return []
    lines = [
        "",
        f"Scaling (1 run per size, {scale[0]['years']:g} year(s) after set-up, one core):",
        "",
        "| buurten | residents | set-up s | ms per month | us per resident-month | peak MB "
        "| MB per 1,000 residents |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in scale:
        lines.append(
            f"| {r['n_areas']} | {r['residents']:,} | {_fmt(r['setup_s'])} "
            f"| {_fmt(r['ms_per_month'], 1)} | {_fmt(r['us_per_resident_month'], 2)} "
            f"| {_fmt(r['peak_rss_mb'], 0)} | {_fmt(1000 * r['peak_rss_mb'] / r['residents'], 1)} |"
        )
    if len(scale) >= 3:
        x = [float(r["residents"]) for r in scale]
        fit = statistics.linear_regression(x, [r["ms_per_month"] for r in scale])
        mem = statistics.linear_regression(x, [r["peak_rss_mb"] for r in scale])
        lines += [
            "",
            f"Least-squares fit: a month costs {fit.intercept:.1f} ms fixed + "
            f"{1000 * fit.slope:.2f} us per resident; peak memory {mem.intercept:.0f} MB + "
            f"{1000 * mem.slope:.2f} MB per 1,000 residents.",
        ]
    return lines


def write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Speed and memory benchmark of the Veerkracht model (one core).",
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help="1 repeat, 2 years for the focus buurten, skip 'all' (about 10 s)",
    )
    ap.add_argument(
        "--configs",
        default=None,
        help="comma-separated subset of: focus, all (default: both; --quick: focus)",
    )
    ap.add_argument("--json", type=Path, metavar="PATH", help="also write the numbers as JSON")
    ap.add_argument("--seed", type=int, default=1, help="first seed; repeats use seed, seed+1, ...")
    ap.add_argument(
        "--repeats", type=int, default=None, help="repeats for the focus buurten (default 3)"
    )
    ap.add_argument(
        "--years", type=int, default=None, help="years per focus run (default 10; --quick 2)"
    )
    ap.add_argument("--all-years", type=int, default=2, help="years of the 'all' run (default 2)")
    ap.add_argument(
        "--scaling",
        action="store_true",
        help=f"add the scaling table: {', '.join(map(str, SCALING_SIZES))} buurten",
    )
    ap.add_argument(
        "--scaling-years", type=int, default=1, help="years per scaling run (default 1)"
    )
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the children to (default 0)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the children to one CPU")
    ap.add_argument(
        "--no-trace",
        action="store_true",
        help="skip the extra (untimed) tracemalloc pass of each configuration",
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile one focus run (after set-up) and print the top functions",
    )
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per child process")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 3)
    years = args.years or (2 if args.quick else 10)
    configs = (args.configs or ("focus" if args.quick else "focus,all")).split(",")
    configs = [c.strip() for c in configs if c.strip()]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown or repeats < 1 or years < 1 or args.all_years < 1 or args.scaling_years < 1:
        print(
            f"bad arguments: unknown configs {unknown}" if unknown else "bad arguments",
            file=sys.stderr,
        )
        return 2
    cpu = None if args.no_pin else args.cpu

    info = machine_info()
    info["pinned_to"] = "none" if cpu is None else cpu
    started = time.perf_counter()
    rows, raws = [], []
    for name in configs:
        if name == "focus":
            seeds = [args.seed + i for i in range(repeats)]
            months = years * 12
        else:
            seeds = [args.seed]
            months = args.all_years * 12
        spec = {
            "name": name,
            "areas": CONFIGS[name][0],
            "seeds": seeds,
            "months": months,
            "trace": not args.no_trace,
            "trace_months": months,
            "cpu": cpu,
        }
        print(
            f"{name}: {len(seeds)} x {months // 12} years in a fresh process ...",
            file=sys.stderr,
            flush=True,
        )
        raw = _spawn("--_child", spec, args.timeout)
        raws.append(raw)
        rows.append(summarise(raw))
    for size in SCALING_SIZES if args.scaling else ():
        spec = {
            "name": f"scale{size}",
            "label": f"first {size}",
            "areas": size,
            "seeds": [args.seed],
            "months": args.scaling_years * 12,
            "trace": False,
            "cpu": cpu,
        }
        print(f"scaling: {size} buurten, {args.scaling_years} year(s) ...", file=sys.stderr)
        raw = _spawn("--_child", spec, args.timeout)
        raws.append(raw)
        rows.append(summarise(raw))
    for raw in raws:  # versions as actually imported by the children
        info.update(raw.get("versions", {}))

    profile_text = None
    if args.profile:
        spec = {
            "name": "profile",
            "areas": None,
            "seeds": [args.seed],
            "months": years * 12,
            "cpu": cpu,
            "top": 30,
        }
        print(f"profile: focus, {years} years ...", file=sys.stderr, flush=True)
        profile_text = _spawn("--_profile", spec, args.timeout)

    report = render(info, rows, args)
    print(report)
    if profile_text:
        print(f"## cProfile, focus buurten, {years} years after set-up (top by cumulative time)\n")
        print("```\n" + profile_text.strip() + "\n```")
    total = time.perf_counter() - started
    print(f"(benchmark wall time {total:.0f} s)")

    if args.json:
        data = {
            "machine": info,
            "settings": {
                "quick": args.quick,
                "repeats_focus": repeats,
                "years_focus": years,
                "years_all": args.all_years,
                "seed": args.seed,
                "thread_env": {k: "1" for k in THREAD_ENV},
                "tracemalloc": not args.no_trace,
            },
            "targets": [
                {"config": c, "measure": k, "limit": v, "unit": u, "label": label}
                for c, k, v, u, label in TARGETS
            ],
            "results": rows,
            "raw": raws,
            "benchmark_wall_s": total,
        }
        write_json_atomic(args.json, data)
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in ("--_child", "--_profile"):
        _mode, _spec, _out = sys.argv[1:]
        _fn = child_main if _mode == "--_child" else profile_main
        _result = _fn(json.loads(_spec))
        with open(_out, "w", encoding="utf-8") as _f:
            json.dump(_result, _f)
        sys.exit(0)
    sys.exit(main())
