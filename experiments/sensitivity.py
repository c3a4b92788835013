"""What decides the ranking: global sensitivity analysis over what we do not know.

The factors are those of ``experiments.uncertainty``: every uncertain model parameter
and every intervention effect, each on the quantile scale of its prior (0 = the low
end, 1 = the high end), plus a ``dummy`` factor that changes only the random seed: its
importance is what chance alone does to an outcome, the noise floor below which a
factor cannot be told from chance in the model.

One design point is one state of the world: the baseline and every portfolio are run
with its factor values and the same seed (common random numbers), to the horizon
month, and the outputs are the paired differences (portfolio minus baseline) and the
differences between portfolios, per view and main indicator.

Two stages, both with SALib:

1. **Morris screening** (elementary effects, ``trajectories`` x (factors + 1) points):
   ``mu_star`` ranks the factors by how much they move each output, ``sigma`` shows
   interactions and non-linearity.
2. **Sobol indices** for the ``top`` factors of the screening (Saltelli's design, N x
   (k + 2) points; the other factors at their central values): first-order (``S1``)
   and total (``ST``) shares of the output's variance, with bootstrap intervals.

Each point is one file (``points/``, ``sobol/``), written atomically, so an interrupted
analysis resumes where it stopped, on local processes or a Dask cluster.
"""

from __future__ import annotations

import copy
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import InputError

DUMMY = "dummy"  # changes only the random seed: the noise floor of chance in the model
LEVELS = 4  # Morris grid levels: quantiles 0, 1/3, 2/3 and 1 of each prior
OUTCOMES = (
    "low_resilience_share",
    "lonely_share",
    "problem_debt_share",
    "psych_distress_share",
    "trust_municipality_share",
    "resilience_mean",
)
ROWS = ("people", "focus", "total", "gap")
FORMAT = 1


# ---------------------------------------------------------------------- the factors
@dataclass(frozen=True)
class Factor:
    """One uncertain input, on the quantile scale of its prior."""

    name: str  # a parameter name, or '<intervention type>.<effect>'
    kind: str  # 'parameter', 'effect' or 'dummy'
    group: str  # the parameter group, or the intervention type
    low: float
    high: float
    center: float

    def value(self, u: float) -> float:
        """The factor's value at quantile ``u`` of its prior."""
        if self.kind == DUMMY:
            return float(u)
        return float(_dist(self.name, self.kind).ppf(u))


def _dist(name: str, kind: str):
    from experiments.uncertainty import effect_priors, parameter_priors

    names, dists = parameter_priors() if kind == "parameter" else effect_priors()
    return dists[names.index(name)]


def factors(which: str = "all", effect_types: Sequence[str] | None = None) -> list[Factor]:
    """The factors: 'all', 'parameters' or 'effects' (of ``effect_types`` only, if
    given: the intervention types the compared portfolios use), and the dummy."""
    from experiments.uncertainty import effect_params, parameter_priors
    from model.params import PARAMS

    if which not in ("all", "parameters", "effects"):
        raise InputError(f"--factors {which!r}: choose all, parameters or effects")
    chosen: list[Factor] = []
    if which in ("all", "parameters"):
        for name in parameter_priors()[0]:
            p = PARAMS[name]
            chosen.append(Factor(name, "parameter", p.group, p.low, p.high, p.center))
    if which in ("all", "effects"):
        for name, p in effect_params().items():
            kind = name.split(".")[0]
            if effect_types is None or kind in effect_types:
                chosen.append(Factor(name, "effect", kind, p.low, p.high, p.center))
    chosen.append(Factor(DUMMY, DUMMY, DUMMY, 0.0, 1.0, 0.5))
    return chosen


# ---------------------------------------------------------------------- one point
@dataclass
class PointSpec:
    """One design point: factor values, the scenarios (baseline first), the run."""

    index: int
    values: dict[str, float]
    kinds: dict[str, str]
    scenarios: list
    seed: int
    month: int  # the horizon, months since June 2021
    areas: tuple[str, ...]
    targets: str
    area_inputs: str
    path: str
    meta: dict = field(default_factory=dict)


def run_point(spec: PointSpec) -> dict:
    """Run every scenario at one design point to the horizon; write its outcomes."""
    from core.store import write_json
    from experiments.executors import keep_heap_memory
    from experiments.uncertainty import apply_effects
    from model.indicators import INDICATOR_NAMES
    from model.inputs import load_inputs
    from model.resilience_model import ResilienceModel
    from model.seeds import replicate_seed

    keep_heap_memory()
    t0 = time.perf_counter()
    seed = spec.seed
    if DUMMY in spec.values:  # the dummy's value picks the seed: chance as a factor
        seed = replicate_seed(spec.seed, int(round(1_000_000 * spec.values[DUMMY])))
    inputs = load_inputs(list(spec.areas), spec.targets, spec.area_inputs)
    params = {k: v for k, v in spec.values.items() if spec.kinds[k] == "parameter"}
    effects = {k: v for k, v in spec.values.items() if spec.kinds[k] == "effect"}
    outcomes: dict[str, dict[str, dict[str, float]]] = {}
    for scenario in spec.scenarios:
        policy = copy.deepcopy(scenario)
        apply_effects(policy, effects)
        model = ResilienceModel(params=params, rng=seed, policy=policy, inputs=inputs)
        model.run_months(spec.month)
        block, keys = model.recorder.blocks[spec.month], model.recorder.area_keys()
        outcomes[scenario.name] = {
            row: {
                ind: float(block[keys.index(row), INDICATOR_NAMES.index(ind)]) for ind in OUTCOMES
            }
            for row in ROWS
            if row in keys
        }
    write_json({"meta": spec.meta, "outcomes": outcomes}, spec.path)
    return {"index": spec.index, "seconds": time.perf_counter() - t0}


# ---------------------------------------------------------------------- a stage
@dataclass
class Stage:
    """A design (points on the quantile scale) and where its point files go."""

    name: str  # 'morris' or 'sobol'
    factors: list[Factor]
    unit: np.ndarray  # [points, factors], quantiles in [0, 1]
    folder: Path
    fixed: dict[str, float] = field(default_factory=dict)  # factors held at their centre

    def values(self, i: int) -> dict[str, float]:
        return {f.name: f.value(u) for f, u in zip(self.factors, self.unit[i], strict=True)}

    def path(self, i: int) -> Path:
        return self.folder / f"point-{i:05d}.json"


def run_stage(
    stage: Stage,
    scenarios: list,
    settings: dict,
    executor,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict]:
    """Run the points of ``stage`` that are missing (or from another design); return
    every point's outcomes in design order."""
    from experiments.ensemble import fingerprint

    stage.folder.mkdir(parents=True, exist_ok=True)
    kinds = {f.name: f.kind for f in stage.factors}
    prints = {s.name: fingerprint(s) for s in scenarios}
    specs, done = [], {}
    for i in range(stage.unit.shape[0]):
        values = {**stage.fixed, **stage.values(i)}
        all_kinds = {**{k: _kind_of(k) for k in stage.fixed}, **kinds}
        meta = {
            "format": FORMAT,
            "stage": stage.name,
            "index": i,
            "values": values,
            "scenarios": prints,
            **settings,
        }
        meta = json.loads(json.dumps(meta))
        old = read_point(stage.path(i))
        if old is not None and old.get("meta") == meta:
            done[i] = old["outcomes"]
            continue
        specs.append(
            PointSpec(
                index=i,
                values=values,
                kinds=all_kinds,
                scenarios=scenarios,
                seed=settings["seed"],
                month=settings["month"],
                areas=tuple(settings["areas"]),
                targets=settings["targets"],
                area_inputs=settings["area_inputs"],
                path=str(stage.path(i).resolve()),
                meta=meta,
            )
        )
    total = stage.unit.shape[0]
    if progress:
        progress(len(done), total)

    def on_result(info: dict) -> None:
        done[info["index"]] = read_point(stage.path(info["index"]))["outcomes"]
        if progress:
            progress(len(done), total)

    executor.run(specs, on_result, task=run_point)
    return [done[i] for i in range(total)]


def _kind_of(name: str) -> str:
    from model.params import PARAMS

    return "parameter" if name in PARAMS else DUMMY if name == DUMMY else "effect"


def read_point(path: Path) -> dict | None:
    """A point file's content, or None if it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------- outputs
def output_table(outcomes: list[dict], names: list[str]) -> dict[tuple, np.ndarray]:
    """Per output (what, scenario, versus, row, indicator): its value at every point.
    'effect' is a portfolio minus the baseline; 'pair' is one portfolio minus another
    (the ranking), both paired at each point."""
    base, portfolios = names[0], names[1:]
    keys = [(row, ind) for row in outcomes[0][base] for ind in OUTCOMES]
    out: dict[tuple, np.ndarray] = {}
    for row, ind in keys:
        y = {s: np.array([o[s][row][ind] for o in outcomes]) for s in names}
        for p in portfolios:
            out[("effect", p, base, row, ind)] = y[p] - y[base]
        for i, a in enumerate(portfolios):
            for b in portfolios[i + 1 :]:
                out[("pair", a, b, row, ind)] = y[a] - y[b]
    return out


def _output(what: str, a: str, b: str, row: str, ind: str) -> dict[str, str]:
    """The columns that name an output in morris.csv and sobol.csv."""
    return {"output": what, "scenario": a, "versus": b, "area": row, "indicator": ind}


def morris_rows(stage: Stage, problem: dict, outputs: dict, seed: int):
    """morris.csv: per output and factor, mu_star (mean absolute elementary effect on
    the quantile scale, in the output's unit), its 95% bootstrap interval, mu and
    sigma, with the factor's rank for that output."""
    import pandas as pd
    from SALib.analyze import morris

    rows = []
    for (what, a, b, row, ind), y in outputs.items():
        res = morris.analyze(
            problem, stage.unit, y, num_levels=LEVELS, num_resamples=200, seed=seed
        )
        order = np.argsort(-np.asarray(res["mu_star"]))
        rank = np.empty(len(order), dtype=int)
        rank[order] = np.arange(1, len(order) + 1)
        for j, f in enumerate(stage.factors):
            rows.append(
                _output(what, a, b, row, ind)
                | {
                    "factor": f.name,
                    "kind": f.kind,
                    "group": f.group,
                    "mu_star": float(res["mu_star"][j]),
                    "mu_star_conf": float(res["mu_star_conf"][j]),
                    "mu": float(res["mu"][j]),
                    "sigma": float(res["sigma"][j]),
                    "rank": int(rank[j]),
                    "output_mean": float(y.mean()),
                }
            )
    return pd.DataFrame(rows)


def top_factors(morris_frame, k: int, rows: Sequence[str] = ("people",)) -> list[str]:
    """The ``k`` factors that matter most over the outputs for ``rows``: each factor's
    largest mu_star relative to the largest of its output (the dummy never counts)."""
    f = morris_frame[morris_frame["area"].isin(rows) & (morris_frame["factor"] != DUMMY)]
    scale = f.groupby(["output", "scenario", "versus", "area", "indicator"])["mu_star"]
    rel = f["mu_star"] / scale.transform("max").replace(0, np.nan)
    best = rel.groupby(f["factor"]).max().sort_values(ascending=False)
    return best.index[:k].tolist()


def sobol_rows(stage: Stage, problem: dict, outputs: dict, seed: int):
    """sobol.csv: first-order and total Sobol indices per output and factor, with 95%
    bootstrap intervals."""
    import pandas as pd
    from SALib.analyze import sobol

    rows = []
    for (what, a, b, row, ind), y in outputs.items():
        if not np.isfinite(y).all() or np.std(y) == 0:
            continue
        res = sobol.analyze(
            problem,
            y,
            calc_second_order=False,
            num_resamples=200,
            seed=seed,
            print_to_console=False,
        )
        for j, f in enumerate(stage.factors):
            rows.append(
                _output(what, a, b, row, ind)
                | {
                    "factor": f.name,
                    "S1": float(res["S1"][j]),
                    "S1_conf": float(res["S1_conf"][j]),
                    "ST": float(res["ST"][j]),
                    "ST_conf": float(res["ST_conf"][j]),
                }
            )
    return pd.DataFrame(rows)


def reversal(stage: Stage, y: np.ndarray, factor: Factor) -> tuple[float, str] | None:
    """Where the sign of a difference flips along one factor: the mean of ``y`` per
    Morris level of the factor; if it changes sign between two levels, the value
    (linear between them) and whether the difference is negative 'below' or 'above'."""
    j = stage.factors.index(factor)
    u = stage.unit[:, j]
    levels = np.unique(np.round(u, 6))
    if levels.size < 2:
        return None
    at_level = [np.isclose(u, lv, atol=1e-6) for lv in levels]
    levels = np.array([u[mask].mean() for mask in at_level])
    means = np.array([y[mask].mean() for mask in at_level])
    for i in range(levels.size - 1):
        m0, m1 = means[i], means[i + 1]
        if m0 < 0 <= m1 or m0 > 0 >= m1:
            t = m0 / (m0 - m1)
            at = factor.value(levels[i] + t * (levels[i + 1] - levels[i]))
            return at, ("below" if m0 < 0 else "above")
    return None


# ---------------------------------------------------------------------- the text
def ranked_text(morris_frame, stage: Stage, outputs: dict, labels: dict[str, str]) -> str:
    """The short ranked text: per portfolio (against the baseline) and per pair of
    portfolios, on each main indicator for the people followed, which factors decide
    it and where a pair's order reverses along its top factor."""
    from model.indicators import BY_NAME

    by_name = {f.name: f for f in stage.factors}
    lines = []
    labels = {**labels, "baseline": "the baseline"}
    f = morris_frame[morris_frame["area"] == "people"]
    for (what, a, b), part in f.groupby(["output", "scenario", "versus"], sort=False):
        if what == "effect":
            lines.append(f"\n## {labels.get(a, a)} against the baseline (people followed)\n")
        else:
            lines.append(f"\n## {labels.get(a, a)} against {labels.get(b, b)} (people followed)\n")
        for ind, rows in part.groupby("indicator", sort=False):
            info = BY_NAME[ind]
            rows = rows.sort_values("mu_star", ascending=False)
            floor = float(rows.loc[rows["factor"] == DUMMY, "mu_star"].iloc[0])
            real = rows[(rows["factor"] != DUMMY) & (rows["mu_star"] > floor)]
            y = outputs[(what, a, b, "people", ind)]
            scale, unit = (100.0, " pp") if info.is_share else (1.0, "")
            sign = {"higher_better": 1.0, "lower_better": -1.0}.get(info.direction, 0.0)
            better = float(np.mean(sign * y > 0) + 0.5 * np.mean(y == 0))
            head = (
                f"- **{info.label_en}**: mean difference {scale * y.mean():+.2f}{unit} over "
                f"the {y.size} design points; {100 * better:.0f}% of them in favour of "
                f"{labels.get(a, a)}."
            )
            if real.empty:
                lines.append(head + " No input moves it more than chance alone does.")
                continue
            names = [r.factor for r in real.head(3).itertuples()]
            text = ", ".join(f"`{n}` ({scale * v:.2f}{unit})" for n, v in zip(
                names, real.head(3)["mu_star"], strict=True))  # fmt: skip
            head += f" It depends mostly on {text} (mu*, from the low to the high end)"
            turn = reversal(stage, y, by_name[names[0]])
            if turn is not None:
                at, side = turn  # the difference is negative on this side
                other = "above" if side == "below" else "below"
                good, bad = (side, other) if sign < 0 else (other, side)
                head += (
                    f"; {labels.get(a, a)} does better than {labels.get(b, b)} when "
                    f"`{names[0]}` is {good} about {at:.3g}, worse when it is {bad}"
                )
            lines.append(head + f". Chance alone (the dummy): {scale * floor:.2f}{unit}.")
    return "\n".join(lines).lstrip() + "\n"


def morris_problem(chosen: list[Factor]) -> dict:
    return {
        "num_vars": len(chosen),
        "names": [f.name for f in chosen],
        "bounds": [[0.0, 1.0]] * len(chosen),
    }


def morris_design(chosen: list[Factor], trajectories: int, seed: int) -> np.ndarray:
    from SALib.sample import morris

    return morris.sample(morris_problem(chosen), N=trajectories, num_levels=LEVELS, seed=seed)


def sobol_design(chosen: list[Factor], base: int, seed: int) -> np.ndarray:
    from SALib.sample import sobol

    n = 2 ** max(int(math.ceil(math.log2(max(base, 1)))), 0)  # Sobol' sequences want 2^m
    return sobol.sample(morris_problem(chosen), n, calc_second_order=False, seed=seed)


# ---------------------------------------------------------------------- the command
WHICH = {
    "all": "model parameters and the effects of the interventions the portfolios use",
    "parameters": "model parameters",
    "effects": "the effects of the interventions the portfolios use",
}
QUICK = {"factors": "effects", "trajectories": 2, "sobol_base": 4, "top": 3, "horizon": 1}


@dataclass
class Settings:
    """What ``veerkracht sensitivity`` was asked (the defaults are the full analysis)."""

    factors: str = "all"
    trajectories: int = 4
    sobol_base: int = 32
    top: int = 10
    horizon: int = 2
    seed: int = 7

    def check(self) -> Settings:
        for name, low, high in (
            ("trajectories", 2, 100),
            ("sobol_base", 0, 4096),
            ("top", 1, 40),
            ("horizon", 1, 10),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise InputError(
                    f"--{name.replace('_', '-')} must be a whole number from {low} to {high}, "
                    f"got {value!r}"
                )
        return self


def prepare(names: Sequence[str], settings: Settings, areas=None):
    """Check the request; return the scenarios (baseline first), buurten, inputs,
    horizon month and factors."""
    from experiments import ensemble
    from model.inputs import load_inputs
    from model.inputs.areas import area_inputs_path, resolve_areas
    from model.inputs.targets import targets_path

    settings.check()
    scenarios = ensemble.load_scenarios(list(names))
    portfolios = [s for s in scenarios if not ensemble.is_baseline(s)]
    if not portfolios:
        raise InputError("name at least one portfolio to analyse (the baseline is always in)")
    chosen = resolve_areas(areas if areas is not None else ["nazareth", "pottenberg"])
    ensemble.check_areas(scenarios, chosen)
    start = ensemble.programme_start(scenarios)
    month = start + 12 * settings.horizon
    if month > 12 * 20:
        raise InputError(f"--horizon {settings.horizon} reaches past 2041; choose fewer years")
    inputs = load_inputs([a.code for a in chosen], targets_path(), area_inputs_path())
    types = sorted({i.key for s in portfolios for i in s.interventions.values()})
    chosen_factors = factors(settings.factors, types)
    return scenarios, chosen, inputs, month, chosen_factors


def run_sensitivity(
    names: Sequence[str],
    out: Path,
    settings: Settings,
    areas=None,
    executor=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Morris screening, then Sobol indices for the top factors; writes morris.csv,
    sobol.csv, sensitivity.md, figures/ and manifest.json into ``out``."""
    from core.store import make_output_dir, write_bytes, write_json
    from experiments.ensemble import code_version
    from experiments.executors import SerialExecutor

    t0 = time.perf_counter()
    scenarios, chosen_areas, inputs, month, chosen = prepare(names, settings, areas)
    executor = executor or SerialExecutor()
    make_output_dir(out)
    run = {
        "seed": settings.seed,
        "month": month,
        "areas": [a.code for a in chosen_areas],
        "targets": inputs.targets_file,
        "area_inputs": inputs.area_inputs_file,
        "inputs": inputs.digest(),
        "code": code_version(),
    }
    labels = {s.name: s.label_en or s.name for s in scenarios}
    names_ = [s.name for s in scenarios]

    def tick(stage: str):
        return (lambda done, total: progress(stage, done, total)) if progress else None

    morris = Stage("morris", chosen, morris_design(chosen, settings.trajectories, settings.seed),
                   out / "points")  # fmt: skip
    results = run_stage(morris, scenarios, run, executor, tick("morris"))
    outputs = output_table(results, names_)
    problem = morris_problem(chosen)
    mframe = morris_rows(morris, problem, outputs, settings.seed)
    write_bytes(mframe.to_csv(index=False).encode(), out / "morris.csv")

    top = top_factors(mframe, settings.top)
    by_name = {f.name: f for f in chosen}
    sobol_factors = [by_name[n] for n in top] + [by_name[DUMMY]]
    fixed = {f.name: f.center for f in chosen if f.name not in top and f.kind != DUMMY}
    sframe = None
    n_sobol = 0
    if settings.sobol_base > 0:
        unit = sobol_design(sobol_factors, settings.sobol_base, settings.seed)
        sobol = Stage("sobol", sobol_factors, unit, out / "sobol", fixed)
        sresults = run_stage(sobol, scenarios, run, executor, tick("sobol"))
        sframe = sobol_rows(sobol, morris_problem(sobol_factors), output_table(sresults, names_),
                            settings.seed)  # fmt: skip
        write_bytes(sframe.to_csv(index=False).encode(), out / "sobol.csv")
        n_sobol = unit.shape[0]
    text = ranked_text(mframe, morris, outputs, labels)
    text = _header(settings, morris, n_sobol, scenarios, chosen_areas, top) + text
    if sframe is not None and not sframe.empty:
        text += _sobol_text(sframe, labels)
    write_bytes(text.encode(), out / "sensitivity.md")
    figures = write_figures(mframe, out / "figures", labels)
    seconds = time.perf_counter() - t0
    manifest = {
        "command": "sensitivity",
        "settings": settings.__dict__,
        "run": run,
        "scenarios": names_,
        "factors": len(chosen),
        "morris_points": int(morris.unit.shape[0]),
        "sobol_points": n_sobol,
        "runs": (int(morris.unit.shape[0]) + n_sobol) * len(scenarios),
        "top_factors": top,
        "seconds": seconds,
        "outputs": ["morris.csv", *(["sobol.csv"] if sframe is not None else []),
                    "sensitivity.md", *[str(p.relative_to(out)) for p in figures]],
    }  # fmt: skip
    write_json(manifest, out / "manifest.json")
    return manifest


def _header(settings, morris: Stage, n_sobol: int, scenarios, areas, top) -> str:
    k = len(morris.factors) - 1
    runs = (morris.unit.shape[0] + n_sobol) * len(scenarios)
    return (
        "# What decides the ranking\n\n"
        f"Morris screening of {k} uncertain inputs ({WHICH[settings.factors]}, each from "
        "the low to the high end of its range) and chance (the dummy input) with "
        f"{settings.trajectories} trajectories ({morris.unit.shape[0]} points), then Sobol "
        f"indices for the top {len(top)} ({n_sobol} points); {runs} runs in all, every "
        f"scenario at every point with the same seed ({settings.seed}). Outcomes "
        f"{settings.horizon} year(s) after the programme start, in "
        f"{', '.join(a.name for a in areas[:4])}{' and more' if len(areas) > 4 else ''}. "
        "mu* is the mean absolute change of the outcome when the input moves over its whole "
        "range (Morris); the dummy input changes only the random seed, so its mu* is what "
        "chance alone does (the noise floor). Model outcomes on illustrative data, not "
        "forecasts.\n"
    )


def _sobol_text(sframe, labels: dict[str, str]) -> str:
    """Per portfolio against the baseline, low resilience of the people followed: the
    total Sobol index of the inputs that carry most of the variance."""
    lines = ["\n## Sobol indices (share of the variance, people followed)\n"]
    part = sframe[(sframe["area"] == "people") & (sframe["indicator"] == "low_resilience_share")]
    for (what, a, b), rows in part.groupby(["output", "scenario", "versus"], sort=False):
        rows = rows.sort_values("ST", ascending=False).head(5)
        cells = ", ".join(
            f"`{r.factor}` ST {r.ST:.2f} [{r.ST - r.ST_conf:.2f}, {r.ST + r.ST_conf:.2f}]"
            for r in rows.itertuples()
        )
        who = f"{labels.get(a, a)} against {labels.get(b, b) if what == 'pair' else 'the baseline'}"
        lines.append(f"- {who}, low resilience: {cells}.")
    return "\n".join(lines) + "\n"


def write_figures(mframe, folder: Path, labels: dict[str, str]) -> list[Path]:
    """Per portfolio against the baseline: mu* of the 15 inputs that move low resilience
    of the people followed most, with the noise floor."""
    from matplotlib.figure import Figure

    from core.store import write_bytes

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    part = mframe[
        (mframe["output"] == "effect")
        & (mframe["area"] == "people")
        & (mframe["indicator"] == "low_resilience_share")
    ]
    for name, rows in part.groupby("scenario", sort=False):
        rows = rows.sort_values("mu_star", ascending=False)
        floor = float(rows.loc[rows["factor"] == DUMMY, "mu_star"].iloc[0])
        shown = rows[rows["factor"] != DUMMY].head(15)[::-1]
        fig = Figure(figsize=(9, 6), dpi=110)
        ax = fig.add_axes((0.42, 0.1, 0.54, 0.8))
        ax.barh(shown["factor"], 100 * shown["mu_star"], xerr=100 * shown["mu_star_conf"],
                color="#1f5f8b")  # fmt: skip
        ax.axvline(100 * floor, color="black", linestyle="--", linewidth=1)
        ax.annotate("chance alone (dummy)", (100 * floor, 0.0), xytext=(4, 2),
                    textcoords="offset points", fontsize=9)  # fmt: skip
        ax.set_xlabel("mu*: change in low resilience, percentage points")
        ax.set_title(f"{labels.get(name, name)} against the baseline: what decides it",
                     fontsize=11)  # fmt: skip
        import io

        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        path = folder / f"morris_{name}.png"
        write_bytes(buf.getvalue(), path)
        written.append(path)
    return written
