"""Ensembles: every scenario of a comparison, many replicates, the baseline always
included, paired by seed (common random numbers).

Seeds. Replicate r of *every* scenario runs with the same seed

    seed(BASE, r) = first 63 bits of numpy.random.SeedSequence([BASE, r]).generate_state(2)

(``replicate_seed``), so scenario and baseline differ only by what the
scenario does. Interventions draw no random numbers and act from their start
month, so each run of a scenario is bit-identical to the baseline run of the
same replicate before the scenario's first start. Every seed is listed in
``manifest.json`` and in the ``seed`` column of the run files; ``veerkracht run
--seed SEED`` reproduces a baseline run.

Files in the output folder DIR:

* ``runs/<scenario>/rep-<NNN>.parquet``: one per run, written by the worker that
  ran it (temporary file + rename). Its Parquet metadata records what it was
  run with (scenario fingerprint, seed, years, buurten, parameter overrides,
  and ``code_version``: a hash of the model code and input data).
  A later call reuses a file whose record matches and that can be read, and
  redoes it otherwise, so an interrupted ensemble loses nothing that finished.
  Besides the indicator rows of ``veerkracht run`` it has ``count:adults`` and
  ``count:labour_force`` rows (persons; denominators for 'EUR per resident').
* ``summary.csv``, ``views.csv`` (place, people, city and composition),
  ``tweedeling.csv`` (only with buurten outside the focus), ``displacement.csv``
  (only when a scenario screens lettings), ``costs.csv``, ``stress.csv``
  (stress tests only), ``figures/*.png`` and ``manifest.json``: rewritten only
  when their inputs
  changed (a hash of the run records and settings is kept in the manifest), and
  then a file is replaced only when its content differs.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import InputError
from experiments.executors import META_KEY, RunSpec, SerialExecutor, make_executor
from experiments.uncertainty import Uncertainty
from model.inputs import Inputs, load_inputs
from model.seeds import SEED_RULE, replicate_seed
from model.timeline import month_index, month_label
from model.views import row_keys

FORMAT = 1  # of the run-file record
OUTPUTS_VERSION = 3  # bump when summaries or figures change, to force a rewrite
MAX_REPLICATES = 10_000
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# What a run depends on besides its settings: the model code and its input data.
CODE_FILES = (
    "model/**/*.py",
    "agents/**/*.py",
    "core/**/*.py",
    "model/inputs/data/*",
    "scenarios/base.py",
    "scenarios/interventions.py",
    "scenarios/scenario.py",
    "scenarios/shocks.py",
    "experiments/run.py",
    "experiments/executors.py",
)


def code_version() -> str:
    """Hash of the source and data files a run depends on, so runs made with
    other model code or data are not reused."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files = sorted({p for pattern in CODE_FILES for p in root.glob(pattern) if p.is_file()})
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_baseline():
    from scenarios import Scenario

    return Scenario(
        name="baseline",
        label_nl="Basis (niets extra)",
        label_en="Baseline (nothing extra)",
        description="Current policy, no extra programmes.",
        kind="baseline",
    )


def loader_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("scenarios.loader") is not None


def load_scenarios(names: Sequence[str]) -> list:
    """Scenario objects for built-in names or YAML paths (``scenarios.loader``),
    with the built-in baseline (or a plain one) when the baseline is not named."""
    have_loader = loader_available()
    if have_loader:
        from scenarios.loader import builtin_names, load_scenario
    chosen = []
    for name in names:
        if have_loader and (name != "baseline" or "baseline" in builtin_names()):
            chosen.append(load_scenario(name))
        elif name == "baseline":
            chosen.append(default_baseline())
        else:
            raise InputError(
                f"cannot read scenario {name!r}: the scenario loader (scenarios/loader.py) "
                "is not available in this version"
            )
    if not any(is_baseline(s) for s in chosen):
        if have_loader and "baseline" in builtin_names():
            chosen.insert(0, load_scenario("baseline"))
        else:
            chosen.insert(0, default_baseline())
    return chosen


def is_baseline(scenario) -> bool:
    return scenario.kind == "baseline" or scenario.name == "baseline"


def _describe(obj) -> dict:
    """What a programme or shock does (its settings, not its run-time state)."""
    keys = (
        "key",
        "start",
        "end",
        "areas",
        "intensity",
        "effect",
        "capacity",
        "fte",
        "eur_per_fte",
        "fixed_eur",
        "eur_per_participant",
        "months_enrolled",
        "screening",
    )
    out = {"class": f"{type(obj).__module__}.{type(obj).__qualname__}"}
    for key in keys:
        if hasattr(obj, key):
            out[key] = getattr(obj, key)
    return out


def fingerprint(scenario) -> str:
    """Hash of everything in a scenario that can change a run: its digest (file
    content) and its programmes, shocks and allocation policy."""
    data = {
        "digest": scenario.digest(),
        "interventions": {k: _describe(v) for k, v in scenario.interventions.items()},
        "shocks": {k: _describe(v) for k, v in scenario.shocks.items()},
        "allocation": _describe(scenario.allocation),
    }
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def programme_start(scenarios) -> int:
    """Reference month of the comparison: the earliest intervention (or allocation
    policy) start among the non-baseline scenarios; for stress tests alone the
    first shock; the run start (0) if there is none."""

    others = [s for s in scenarios if not is_baseline(s)]
    starts = [iv.first for s in others for iv in s.interventions.values() if iv.intensity > 0]
    starts += [
        month_index(s.allocation.start) for s in others if s.allocation.screening is not None
    ]
    if not starts:
        starts = [month_index(s.first_start) for s in others if s.first_start]
    return max(0, min(starts)) if starts else 0


# ---------------------------------------------------------------------- buurten
# A programme whose ``acts_on`` names one of these changes who gets which home (the
# housing market of the whole city), so it is judged on the whole city by default.
LETTING_ACTS_ON = ("mobility",)
WHOLE_CITY = "whole city, 44 buurten"
FOCUS_ONLY = (
    "focus buurten only: effects of letting policies are partly composition and the "
    "displacement leaves the simulation"
)


def screens(scenario) -> bool:
    """Whether a scenario changes lettings: an allocation policy with screening, or an
    intervention that acts on mobility (it sets the ``alloc_screening`` lever)."""
    if scenario.allocation.screening:
        return True
    return any(
        iv.intensity > 0 and set(type(iv).acts_on) & set(LETTING_ACTS_ON)
        for iv in scenario.interventions.values()
    )


def choose_areas(spec: str):
    """--areas: 'all' (the city), 'focus' (Nazareth and Pottenberg) or a list."""
    from model.inputs.areas import FOCUS_AREAS, resolve_areas

    return resolve_areas(list(FOCUS_AREAS) if spec.strip().lower() == "focus" else spec)


def default_areas(scenarios: Sequence) -> list:
    """The whole city when a scenario screens lettings (its effects on the focus
    buurten are partly who moves where); otherwise the buurten the scenarios name
    (they must agree)."""
    from model.inputs.areas import resolve_areas

    others = [s for s in scenarios if not is_baseline(s)]
    if any(screens(s) for s in others):
        return resolve_areas("all")
    sets = {}
    for s in others or list(scenarios[:1]):
        sets[s.name] = tuple(a.code for a in resolve_areas(list(s.areas)))
    if len(set(sets.values())) > 1:
        names = list(sets)
        raise InputError(
            f"scenarios {names[0]} and {names[-1]} simulate different buurten; "
            "choose the buurten for all of them with --areas"
        )
    return resolve_areas(list(next(iter(sets.values()))))


def targeted(scenario, programme) -> list[str]:
    """Buurt keys a programme works in (its own, else all of the scenario's)."""
    from model.inputs.areas import resolve_areas

    return [a.key for a in resolve_areas(list(programme.areas or scenario.areas))]


def check_areas(scenarios: Sequence, areas: Sequence) -> None:
    """Every buurt a programme targets must be simulated; a letting policy in a buurt
    outside the run would change nothing there and hide where the displaced go."""
    from model.inputs.areas import resolve_areas

    simulated = {a.key for a in areas}
    for s in scenarios:
        if s.allocation.screening:
            missing = [a.key for a in resolve_areas(list(s.areas)) if a.key not in simulated]
            if missing:
                raise InputError(
                    f"scenario {s.name} screens lettings (allocation) in "
                    f"{', '.join(missing)}, which --areas does not simulate; use --areas all "
                    f"or a list that includes {', '.join(missing)}"
                )
        for name, iv in s.interventions.items():
            if iv.intensity <= 0:
                continue
            missing = [k for k in targeted(s, iv) if k not in simulated]
            if not missing:
                continue
            if set(type(iv).acts_on) & set(LETTING_ACTS_ON):
                raise InputError(
                    f"scenario {s.name} screens lettings ({name}) in {', '.join(missing)}, "
                    "which --areas does not simulate; use --areas all or a list that "
                    f"includes {', '.join(missing)}"
                )
            raise InputError(
                f"--areas leaves out {', '.join(missing)}, which scenario {s.name} targets "
                f"({name}); use --areas all, focus or a list that includes "
                f"{', '.join(missing)}"
            )


def simulated_text(areas: Sequence) -> str:
    """What the run covers, for the console, the manifest and the summary."""
    from model.inputs.areas import FOCUS_AREAS, all_areas

    codes = {a.code for a in areas}
    if codes == set(all_areas()):
        return WHOLE_CITY
    if codes <= set(FOCUS_AREAS):
        return FOCUS_ONLY
    return (
        f"{len(codes)} of the 44 buurten: effects of letting policies are partly "
        "composition and part of the displacement leaves the simulation"
    )


def format_eur(value: float) -> str:
    return f"EUR {value:,.0f}"


def overage_message(scenario, year: int, over: float, cost: float) -> str:
    return (
        f"scenario {scenario.name} costs {format_eur(cost)} in {year}, {format_eur(over)} over "
        f"its budget of {format_eur(scenario.budget_eur_per_year)} a year"
    )


# ---------------------------------------------------------------------- configuration
@dataclass
class Ensemble:
    """A checked comparison: scenarios (baseline first), replicates, run settings."""

    scenarios: list
    replicates: int
    out: Path
    years: int
    inputs: Inputs  # the buurten and start targets every run starts from
    base_seed: int = 7
    overrides: dict[str, float] = field(default_factory=dict)
    allow_over_budget: bool = False
    overages: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    posterior: object | None = None  # experiments.posterior.PosteriorDraws
    uncertainty: Uncertainty = field(default_factory=lambda: Uncertainty("none", 1))
    # replicates.csv: the half-width asked of the mean difference, in meaningful differences
    precision: float = 0.5

    def draw_of(self, replicate: int) -> int:
        """The uncertainty draw of a replicate (experiments.uncertainty)."""
        return self.uncertainty.draw_of(replicate)

    def run_overrides(self, replicate: int) -> dict[str, float]:
        """Parameter values of one replicate: drawn from the priors, the posterior draw
        over them, then --set on top."""
        i = self.draw_of(replicate)
        posterior = self.posterior.values[i] if self.posterior is not None else {}
        skip = frozenset(posterior) | frozenset(self.overrides)
        drawn = self.uncertainty.parameters(self.base_seed, i, skip)
        return {**drawn, **posterior, **self.overrides}

    def run_effects(self, replicate: int) -> dict[str, float]:
        """Intervention effects of one replicate (empty: every effect at its default)."""
        return self.uncertainty.effects(self.base_seed, self.draw_of(replicate))

    @property
    def n_draws(self) -> int:
        return self.draw_of(self.replicates - 1) + 1

    @property
    def baseline(self):
        return self.scenarios[0]

    @property
    def areas(self) -> list:
        return list(self.inputs.areas)

    @property
    def seeds(self) -> list[int]:
        return [replicate_seed(self.base_seed, r) for r in range(self.replicates)]

    @property
    def area_keys(self) -> list[str]:
        return row_keys([a.key for a in self.areas], [a.code for a in self.areas])

    @property
    def programme_start(self) -> int:
        return programme_start(self.scenarios)

    @property
    def simulated(self) -> str:
        """'whole city, 44 buurten' or which part of it (``simulated_text``)."""
        return simulated_text(self.areas)

    @property
    def n_months(self) -> int:
        return 12 * self.years + 1

    def run_path(self, scenario, replicate: int) -> Path:
        return self.out / "runs" / scenario.name / f"rep-{replicate:03d}.parquet"

    def specs(self) -> list[RunSpec]:
        """All runs, replicate by replicate (so a partial ensemble stays paired)."""
        codes = [a.code for a in self.areas]
        prints = {s.name: fingerprint(s) for s in self.scenarios}
        code = code_version()
        specs = []
        for r, seed in enumerate(self.seeds):
            overrides, effects = self.run_overrides(r), self.run_effects(r)
            for s in self.scenarios:
                meta = {
                    "format": FORMAT,
                    "code": code,
                    "scenario": s.name,
                    "fingerprint": prints[s.name],
                    "replicate": r,
                    "seed": seed,
                    "years": self.years,
                    "areas": codes,
                    "inputs": self.inputs.digest(),
                    "overrides": dict(sorted(overrides.items())),
                    "effects": dict(sorted(effects.items())),
                    "draw": self.draw_of(r),
                }
                if self.posterior is not None:
                    meta["posterior"] = self.posterior.sha256
                    meta["posterior_draw"] = self.posterior.draw_ids[self.draw_of(r)]
                specs.append(
                    RunSpec(
                        scenario=s,
                        replicate=r,
                        seed=seed,
                        years=self.years,
                        areas=tuple(codes),
                        targets=self.inputs.targets_file,
                        area_inputs=self.inputs.area_inputs_file,
                        overrides=overrides,
                        path=str(self.run_path(s, r).resolve()),
                        meta=json.loads(json.dumps(meta)),
                        effects=effects,
                    )
                )
        return specs


def build_ensemble(
    scenarios: Sequence,
    replicates: int,
    out: str | Path,
    years: int | None = None,
    areas=None,
    base_seed: int = 7,
    overrides: dict[str, float] | None = None,
    allow_over_budget: bool = False,
    posterior: str | Path | None = None,
    targets: str | Path | None = None,
    area_inputs: str | Path | None = None,
    uncertainty: Uncertainty | None = None,
    precision: float = 0.5,
) -> Ensemble:
    """Check a comparison and put the baseline first (added if not named).

    ``uncertainty`` says what each replicate draws besides its seed (default: the
    uncertain parameters and the intervention effects, two seeds per draw;
    ``experiments.uncertainty``).

    ``years`` defaults to the longest horizon of the scenarios; ``areas`` to the
    whole city when a scenario screens lettings, else to the buurten the scenarios
    name (they must agree; ``default_areas``); a programme must not target a buurt
    outside ``areas``; ``targets`` is the survey targets
    file the start is aligned to (default the shipped one). Raises InputError for a
    mistake the user can fix, including a scenario over its budget (unless
    ``allow_over_budget``)."""
    from experiments.run import check_years
    from model.inputs.areas import resolve_areas

    if not isinstance(replicates, int | np.integer) or not 1 <= replicates <= MAX_REPLICATES:
        raise InputError(
            f"--replicates must be a whole number from 1 to {MAX_REPLICATES}, got {replicates!r}"
        )
    if not isinstance(base_seed, int | np.integer) or base_seed < 0:
        raise InputError(f"--seed must be a whole number 0 or more, got {base_seed!r}")
    chosen, seen = [], {}
    for s in scenarios:
        if not NAME_RE.match(s.name or ""):
            raise InputError(
                f"scenario name {s.name!r} cannot be used as a folder name; use letters, "
                "digits, '-', '_' or '.'"
            )
        if s.name in seen:
            if fingerprint(seen[s.name]) != fingerprint(s):
                raise InputError(f"two different scenarios are both called {s.name!r}")
            continue
        seen[s.name] = s
        chosen.append(s)
    bases = [s for s in chosen if is_baseline(s)]
    if len(bases) > 1:
        raise InputError(
            f"more than one baseline ({', '.join(s.name for s in bases)}); name one baseline"
        )
    others = [s for s in chosen if not is_baseline(s)]
    baseline = bases[0] if bases else default_baseline()
    if baseline.interventions or baseline.shocks:
        raise InputError(f"baseline {baseline.name!r} has interventions or shocks; it must not")
    ordered = [baseline, *others]

    if years is None:
        years = max(int(s.horizon_years) for s in ordered)
    years = check_years(years)
    starts = [s.first_start for s in others if s.first_start is not None]
    if starts:  # a comparison that ends before anything starts shows nothing
        first = min(starts, key=month_index)
        if years * 12 <= month_index(first):
            raise InputError(
                f"--years {years} ends before the first intervention starts ({first}); "
                f"this comparison needs at least {month_index(first) // 12 + 1} years"
            )

    chosen_areas = resolve_areas(areas) if areas is not None else default_areas(ordered)
    check_areas(ordered, chosen_areas)

    uncertainty = Uncertainty() if uncertainty is None else uncertainty
    draws = None
    if posterior is not None:
        from experiments.posterior import draw_for_replicates

        n_draws = uncertainty.draw_of(int(replicates) - 1) + 1
        draws = draw_for_replicates(posterior, n_draws, int(base_seed))

    overages = {}
    for s in ordered:
        found = s.overage(years)
        if found is not None:
            year, over = found
            overages[s.name] = (int(year), float(over), float(s.costs_by_year(years)[year]))
    if overages and not allow_over_budget:
        name, (year, over, cost) = next(iter(overages.items()))
        more = f" (and {len(overages) - 1} more)" if len(overages) > 1 else ""
        raise InputError(
            overage_message(seen.get(name, baseline), year, over, cost)
            + f"{more}; use --allow-over-budget to run it anyway"
        )
    return Ensemble(
        scenarios=ordered,
        replicates=int(replicates),
        out=Path(out),
        years=years,
        inputs=load_inputs([a.code for a in chosen_areas], targets, area_inputs),
        base_seed=int(base_seed),
        overrides=dict(overrides or {}),
        allow_over_budget=allow_over_budget,
        overages=overages,
        posterior=draws,
        uncertainty=uncertainty,
        precision=check_precision(precision),
    )


def check_precision(precision: float) -> float:
    """--precision: a positive fraction of the meaningful difference, at most 10."""
    if not isinstance(precision, int | float) or not 0.01 <= precision <= 10:
        raise InputError(
            f"--precision must be a number from 0.01 to 10 (times the meaningful "
            f"difference), got {precision!r}"
        )
    return float(precision)


# ---------------------------------------------------------------------- run files
def read_record(path: str | Path) -> dict | None:
    """The record stored in a run file, or None if the file is missing, cannot be
    read or does not have the number of rows it says it has."""
    import pyarrow.parquet as pq

    try:
        md = pq.read_metadata(path)
        meta = json.loads(md.metadata[META_KEY])
        if md.num_rows != meta.get("rows") or md.num_rows == 0:
            return None
        return meta
    except Exception:  # missing, truncated, not Parquet, no record: redo it
        return None


def matches(record: dict | None, spec: RunSpec) -> bool:
    return record is not None and {k: v for k, v in record.items() if k != "rows"} == spec.meta


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files of runs that were killed mid-write."""
    runs = out / "runs"
    if runs.is_dir():
        for tmp in runs.glob("*/.rep-*.parquet.*.tmp"):
            tmp.unlink(missing_ok=True)


@dataclass
class EnsembleResult:
    ensemble: Ensemble
    simulated: list[tuple[str, int]]
    reused: list[tuple[str, int]]
    outputs_written: bool
    outputs: list[Path]
    executor: str
    run_seconds: float = 0.0
    output_seconds: float = 0.0


Progress = Callable[[int, int, dict | None], None]


def run_ensemble(
    ens: Ensemble,
    workers: int | None = None,
    cluster: str | None = None,
    executor=None,
    progress: Progress | None = None,
    command: str = "",
    outputs: bool = True,
) -> EnsembleResult:
    """Run what is missing, then write summaries, figures and the manifest.

    ``progress(done, total, info)`` is called once before the first run (info
    None) and after every finished run; reused runs count as done."""
    import time

    from core.store import make_output_dir

    specs = ens.specs()
    todo, reused = [], []
    for spec in specs:
        (reused if matches(read_record(spec.path), spec) else todo).append(spec)
    if executor is None:
        executor = make_executor(workers, cluster) if todo else SerialExecutor()
    done = len(reused)
    if progress:
        progress(done, len(specs), None)
    make_output_dir(ens.out)
    remove_stale_temporaries(ens.out)
    finished: list[tuple[str, int]] = []

    def on_result(info: dict) -> None:
        nonlocal done
        if read_record(info["path"]) is None:
            raise InputError(
                f"run file {info['path']} was not written where this machine can read it; "
                "with --cluster, --out must be a folder shared with the workers"
            )
        finished.append((info["scenario"], info["replicate"]))
        done += 1
        if progress:
            progress(done, len(specs), info)

    t0 = time.perf_counter()
    try:
        executor.run(todo, on_result)
    finally:
        remove_stale_temporaries(ens.out)
    run_seconds = time.perf_counter() - t0
    result = EnsembleResult(
        ensemble=ens,
        simulated=finished,
        reused=[(s.scenario.name, s.replicate) for s in reused],
        outputs_written=False,
        outputs=[],
        executor=getattr(executor, "name", type(executor).__name__),
        run_seconds=run_seconds,
    )
    if outputs:
        t1 = time.perf_counter()
        result.outputs_written, result.outputs = write_outputs(ens, specs, result, command)
        result.output_seconds = time.perf_counter() - t1
    return result


# ---------------------------------------------------------------------- outputs
def write_bytes(data: bytes, path: Path) -> bool:
    """Replace ``path`` atomically with ``data`` unless it already holds exactly that."""
    from core.store import _atomic

    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic(path, lambda tmp: Path(tmp).write_bytes(data))
    return True


def _csv_bytes(frame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g").encode()


def scenario_record(s, years: int) -> dict:
    return {
        "label_en": s.label_en,
        "label_nl": s.label_nl,
        "kind": s.kind,
        "source": s.source,
        "digest": s.digest(),
        "fingerprint": fingerprint(s),
        "first_start": s.first_start,
        "budget_eur_per_year": s.budget_eur_per_year,
        "yearly_costs_eur": s.yearly_costs(),
        "costs_by_year_eur": {str(k): v for k, v in s.costs_by_year(years).items()},
        "interventions": {
            k: {"type": getattr(v, "key", ""), "start": v.start, "end": v.end}
            for k, v in s.interventions.items()
        },
        "shocks": {
            k: {"type": getattr(v, "key", ""), "start": v.start, "end": v.end}
            for k, v in s.shocks.items()
        },
    }


def inputs_hash(ens: Ensemble, specs: list[RunSpec]) -> str:
    """Hash of everything the summaries and figures depend on."""
    data = {
        "version": OUTPUTS_VERSION,
        "runs": [read_record(s.path) for s in specs],
        "scenarios": {s.name: scenario_record(s, ens.years) for s in ens.scenarios},
        "years": ens.years,
        "replicates": ens.replicates,
        "base_seed": ens.base_seed,
        "areas": [a.code for a in ens.areas],
        "inputs": ens.inputs.digest(),
        "overrides": ens.overrides,
        "overages": ens.overages,
        "uncertainty": ens.uncertainty.record(),
        "precision": ens.precision,
    }
    text = json.dumps(data, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _json_safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def write_outputs(
    ens: Ensemble, specs: list[RunSpec], result: EnsembleResult, command: str
) -> tuple[bool, list[Path]]:
    """summary.csv, costs.csv, stress.csv, figures and manifest.json; skipped when
    nothing was simulated and the inputs are those the manifest records."""
    out = ens.out
    manifest_path = out / "manifest.json"
    digest = inputs_hash(ens, specs)
    try:
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        previous = old.get("ensemble", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    files = [out / p for p in previous.get("outputs", [])]
    if (
        not result.simulated
        and previous.get("inputs_hash") == digest
        and files
        and all(p.is_file() for p in files)
    ):
        return False, files

    from core.store import write_json
    from experiments import summary
    from experiments.figures import write_figures
    from model.manifest import build_manifest
    from model.params import resolve

    runs: dict[str, list[tuple[int, Path]]] = {s.name: [] for s in ens.scenarios}
    for spec in specs:
        runs[spec.scenario.name].append((spec.replicate, Path(spec.path)))
    by_name = {s.name: s for s in ens.scenarios}
    draws = {r: ens.draw_of(r) for r in range(ens.replicates)}
    cubes = summary.load_cubes(runs, by_name, ens.area_keys, ens.n_months, draws)
    start = ens.programme_start
    overages = {k: (v[0], v[1]) for k, v in ens.overages.items()}
    written: list[Path] = []

    base, keys = ens.baseline.name, ens.area_keys
    table = summary.summary_rows(
        cubes, base, start, ens.years, keys, overages, ens.simulated, ens.uncertainty.active
    )
    write_bytes(_csv_bytes(table), out / "summary.csv")
    written.append(out / "summary.csv")
    needed = summary.replicates_rows(cubes, base, start, ens.years, keys, ens.precision)
    write_bytes(_csv_bytes(needed), out / "replicates.csv")
    written.append(out / "replicates.csv")
    pairs, choice = summary.decision_rows(cubes, start, ens.years, keys)
    for file, frame in (("pairs.csv", pairs), ("choice.csv", choice)):
        write_bytes(_csv_bytes(frame), out / file)
        written.append(out / file)
    views = summary.views_rows(cubes, base, start, ens.years, keys)
    write_bytes(_csv_bytes(views), out / "views.csv")
    written.append(out / "views.csv")
    screening = {s.name for s in ens.scenarios if screens(s)}
    optional = {
        "tweedeling.csv": summary.tweedeling_rows(table),
        "displacement.csv": summary.displacement_rows(
            cubes, base, start, ens.years, keys, [a.key for a in ens.areas], screening
        ),
    }
    for file, frame in optional.items():  # only when there is something to show
        if frame.empty:
            (out / file).unlink(missing_ok=True)
        else:
            write_bytes(_csv_bytes(frame), out / file)
            written.append(out / file)
    write_bytes(_csv_bytes(summary.cost_rows(cubes, ens.years)), out / "costs.csv")
    written.append(out / "costs.csv")
    stress = summary.stress_rows(cubes, ens.baseline.name, ens.area_keys)
    if not stress.empty:
        write_bytes(_csv_bytes(stress), out / "stress.csv")
        written.append(out / "stress.csv")
    else:
        (out / "stress.csv").unlink(missing_ok=True)
    labels = {s.name: s.label_en or s.name for s in ens.scenarios}
    written += write_figures(
        out / "figures",
        summary.trajectories(cubes, ens.baseline.name),
        labels,
        ens.baseline.name,
        ens.n_months,
        start if start > 0 else None,
        ens.replicates,
        write_bytes,
    )

    manifest = build_manifest(
        command=command,
        inputs=ens.inputs,
        years=ens.years,
        seed=ens.base_seed,
        scenario=", ".join(s.name for s in ens.scenarios),
        params=resolve(ens.overrides),
        overrides=ens.overrides,
    )
    manifest["ensemble"] = {
        "replicates": ens.replicates,
        "base_seed": ens.base_seed,
        "seed_rule": SEED_RULE,
        "code_version": code_version(),
        "seeds": {str(r): s for r, s in enumerate(ens.seeds)},
        "baseline": ens.baseline.name,
        "programme_start": month_label(start),
        "horizons_years": summary.horizons_in_run(start, ens.years),
        "areas": [a.key for a in ens.areas],
        "simulated_buurten": ens.simulated,
        "screening_scenarios": sorted(screening),
        "scenarios": {s.name: scenario_record(s, ens.years) for s in ens.scenarios},
        "over_budget": {
            name: {"year": y, "over_eur": over, "cost_eur": cost, "allowed": True}
            for name, (y, over, cost) in ens.overages.items()
        },
        "executor": result.executor,
        "runs_total": len(specs),
        "runs_simulated": len(result.simulated),
        "runs_reused": len(result.reused),
        "reused": [f"{n}/rep-{r:03d}" for n, r in result.reused],
        "simulated": sorted(f"{n}/rep-{r:03d}" for n, r in result.simulated),
        "interval": summary.INTERVAL_RULE,
        "uncertainty": {
            **ens.uncertainty.record(),
            "draws": ens.n_draws,
            "replicate_draw": {str(r): ens.draw_of(r) for r in range(ens.replicates)},
        },
        "inputs_hash": digest,
        "outputs": [str(p.relative_to(out)) for p in written],
    }
    if ens.posterior is not None:
        from experiments.posterior import DRAW_RULE

        post = ens.posterior
        manifest["posterior"] = {
            "file": post.path,
            "sha256": post.sha256,
            "parameters": list(post.parameters),
            "draw_rule": DRAW_RULE,
            "replicates": {
                str(r): {
                    "draw": post.draw_ids[ens.draw_of(r)],
                    "values": post.values[ens.draw_of(r)],
                }
                for r in range(ens.replicates)
            },
            "note": "parameters listed under 'parameters' are the defaults with --set; each "
            "replicate replaces the posterior's parameters by its draw",
        }
    write_json(_json_safe(manifest), manifest_path)
    written.append(manifest_path)
    return True, written


def read_summary(out: Path, name: str = "summary.csv"):
    """One of the CSV outputs as a DataFrame (None for an optional one not written)."""
    import pandas as pd

    path = out / name
    if name != "summary.csv" and not path.is_file():
        return None
    return pd.read_csv(path, keep_default_na=True)
