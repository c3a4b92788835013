"""The best use of a yearly budget: a search over portfolios (``veerkracht optimise``).

A candidate portfolio is an intensity (0 to 2 in steps of 0.25; 1 = the programme as
described) for each intervention type in each focus buurt, all from the programme start.
The search samples a budget weight per intervention and buurt and turns the weights into
intensities that spend the budget (``intensities``), so every candidate stays within
it; the budget is also a constraint of the search. Its
objectives are paired differences with the baseline, per (indicator, view), turned so
that lower is better, averaged over the same uncertainty draws for every candidate
(parameters and effects drawn as in ``experiments.uncertainty``, one seed per draw):
common random numbers for what we do not know as for chance. The baseline is run once
per draw.

Optuna drives the search: NSGA-II for two or more objectives (a Pareto front), TPE for
one; both take the budget as a constraint. Optuna rather than pymoo because its journal
file makes a search resumable and lets several processes share one study, and because
its ask-and-tell interface lets a batch of candidates run in parallel on the project's
executors (local processes or Dask). Every evaluated run is a file, so a resumed search
re-runs nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import InputError

STEP, MAX_INTENSITY = 0.25, 2.0
FOCUS = ("nazareth", "pottenberg")
ROWS = ("people", "focus", "total", "gap")
DEFAULT_OBJECTIVES = ("low_resilience_share:people", "problem_debt_share:people")
BUILTIN = ("debt-first", "network-and-meeting", "trust-from-within", "integrated-mix")


@dataclass(frozen=True)
class Objective:
    """One objective: the paired difference of an indicator in a view, lower = better."""

    indicator: str
    row: str
    sign: float  # +1 if lower values are better, -1 if higher are

    @property
    def label(self) -> str:
        return f"{self.indicator}:{self.row}"


def parse_objectives(texts: Sequence[str]) -> list[Objective]:
    """'indicator:view' strings (view: people, focus, total or gap) to objectives."""
    from model.indicators import BY_NAME

    chosen = []
    for text in texts:
        name, _, row = text.partition(":")
        row = row or "people"
        ind = BY_NAME.get(name)
        if ind is None or ind.direction == "neutral":
            raise InputError(
                f"--objective {text!r}: {name!r} is not an indicator with a good direction; "
                "'veerkracht indicators' lists them"
            )
        if row not in ROWS:
            raise InputError(f"--objective {text!r}: the view must be one of {', '.join(ROWS)}")
        chosen.append(Objective(name, row, 1.0 if ind.direction == "lower_better" else -1.0))
    if not chosen or len({o.label for o in chosen}) != len(chosen):
        raise InputError("--objective: give one or more different objectives")
    return chosen


def decision_names(types: Sequence[str] | None = None) -> list[str]:
    """'<intervention type>@<buurt>' for every intervention type (or ``types``) and
    focus buurt."""
    from scenarios.interventions import CATALOGUE

    chosen = list(CATALOGUE) if types is None else list(types)
    unknown = [t for t in chosen if t not in CATALOGUE]
    if unknown:
        raise InputError(
            f"unknown intervention type {unknown[0]!r}; see 'veerkracht interventions'"
        )
    return [f"{t}@{b}" for t in chosen for b in FOCUS]


def candidate(intensities: dict[str, float], name: str, budget: float) -> dict:
    """A portfolio as a scenario file's content (runnable with ``compare``)."""
    from model.timeline import PROGRAMME_START

    interventions = {}
    for key, x in sorted(intensities.items()):
        if x <= 0:
            continue
        kind, buurt = key.split("@")
        interventions[f"{kind.replace('_', '-')}-{buurt}"] = {
            "type": kind,
            "start": PROGRAMME_START,
            "areas": [buurt],
            "intensity": float(x),
        }
    return {
        "name": name,
        "label": {"nl": f"Zoekresultaat {name}", "en": f"Search result {name}"},
        "kind": "portfolio",
        "areas": list(FOCUS),
        "horizon_years": 10,
        "budget_eur_per_year": float(budget),
        "interventions": interventions,
    }


def unit_costs(names: Sequence[str]) -> dict[str, float]:
    """Yearly cost of each decision variable at intensity 1 (EUR)."""
    return {n: yearly_cost(candidate({n: 1.0}, "unit", 1.0)) for n in names}


def intensities(
    weights: dict[str, float], costs: dict[str, float], budget: float
) -> dict[str, float]:
    """A candidate from budget weights: the budget split in proportion to the weights,
    each share turned into an intensity capped at 2 and rounded down to a step of 0.25,
    then a step more for the largest remainders while the budget allows: every candidate
    stays within the budget, and small shares become nothing.
    (The search samples weights, not intensities: 24 intensities drawn at random would
    almost never fit EUR 700k.)"""
    spend = sum(w * costs[n] for n, w in weights.items())
    if spend <= 0:
        return {n: 0.0 for n in weights}
    scale = budget / spend
    raw = {n: min(w * scale, MAX_INTENSITY) for n, w in weights.items()}
    out = {n: math.floor(x / STEP + 1e-9) * STEP for n, x in raw.items()}
    # what rounding down left: a step more for the largest remainders, while it fits
    left = budget - sum(out[n] * costs[n] for n in out)
    for n in sorted(raw, key=lambda n: (out[n] - raw[n], n)):
        if raw[n] - out[n] > 1e-9 and out[n] + STEP <= MAX_INTENSITY and STEP * costs[n] <= left:
            out[n] += STEP
            left -= STEP * costs[n]
    return out


def yearly_cost(content: dict) -> float:
    from scenarios.loader import validate_dict

    return float(sum(validate_dict(content).yearly_costs().values()))


# ---------------------------------------------------------------------- evaluation
@dataclass
class Evaluator:
    """Runs candidates over the draws with the baseline once per draw; every run is a
    point file of ``experiments.sensitivity`` (so nothing is run twice)."""

    objectives: list[Objective]
    draws: int
    seed: int
    month: int
    areas: tuple[str, ...]
    targets: str
    area_inputs: str
    folder: Path
    executor: object
    first_draw: int = 0  # fresh draws for the check of the front start after the search's

    @property
    def draw_ids(self) -> range:
        return range(self.first_draw, self.first_draw + self.draws)

    def _values(self, d: int) -> tuple[dict[str, float], dict[str, str]]:
        from experiments.uncertainty import Uncertainty

        u = Uncertainty("all", 1)
        params, effects = u.parameters(self.seed, d, frozenset()), u.effects(self.seed, d)
        kinds = {k: "parameter" for k in params} | {k: "effect" for k in effects}
        return {**params, **effects}, kinds

    def __call__(self, scenarios: list) -> list[np.ndarray]:
        """Objective values (mean over the draws) of each scenario object."""
        from experiments.ensemble import default_baseline, fingerprint
        from experiments.sensitivity import PointSpec, read_point, run_point
        from model.seeds import replicate_seed

        self.folder.mkdir(parents=True, exist_ok=True)
        baseline = default_baseline()
        everyone = [baseline, *scenarios]
        specs, paths, queued = [], {}, set()
        for d in self.draw_ids:
            values, kinds = self._values(d)
            for s in everyone:
                key = hashlib.sha256(
                    json.dumps([fingerprint(s), d, self.seed, self.month, self.areas]).encode()
                ).hexdigest()[:20]
                path = self.folder / f"{key}.json"
                paths[(id(s), d)] = path
                if path.is_file() or path in queued:  # done, or two equal candidates
                    continue
                queued.add(path)
                specs.append(
                    PointSpec(
                        index=len(specs),
                        values=values,
                        kinds=kinds,
                        scenarios=[s],
                        seed=replicate_seed(self.seed, d),
                        month=self.month,
                        areas=self.areas,
                        targets=self.targets,
                        area_inputs=self.area_inputs,
                        path=str(path.resolve()),
                        meta={"draw": d},
                    )
                )
        self.executor.run(specs, lambda info: None, task=run_point)
        out = []
        for s in scenarios:
            per_draw = []
            for d in self.draw_ids:
                y = read_point(paths[(id(s), d)])["outcomes"][s.name]
                b = read_point(paths[(id(baseline), d)])["outcomes"][baseline.name]
                per_draw.append(
                    [
                        o.sign * (y[o.row][o.indicator] - b[o.row][o.indicator])
                        for o in self.objectives
                    ]
                )
            out.append(np.mean(per_draw, axis=0))
        return out


# ---------------------------------------------------------------------- the search
def search(
    objectives: list[Objective],
    out: Path,
    evaluate: Callable[[list[dict]], list[np.ndarray]],
    budget: float,
    trials: int,
    batch: int,
    seed: int,
    names: list[str],
    progress: Callable[[int, int], None] | None = None,
):
    """Run (or resume) the study in ``out/study.log`` until it has ``trials`` finished
    trials; ``evaluate`` gives the objective values of a list of candidate contents."""
    import optuna
    from optuna.storages import JournalStorage
    from optuna.storages.journal import JournalFileBackend

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    out.mkdir(parents=True, exist_ok=True)

    if len(objectives) > 1:
        sampler = optuna.samplers.NSGAIISampler(seed=seed)
    else:
        sampler = optuna.samplers.TPESampler(seed=seed)
    storage = JournalStorage(JournalFileBackend(str(out / "study.log")))
    study = optuna.create_study(
        study_name="veerkracht-optimise",
        storage=storage,
        sampler=sampler,
        directions=["minimize"] * len(objectives),
        load_if_exists=True,
    )
    pending = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.RUNNING,))

    costs = unit_costs(names)

    def run(batch_trials: list) -> None:
        contents, feasible = [], []
        for t in batch_trials:
            x = intensities({n: float(t.params.get(n, 0.0)) for n in names}, costs, budget)
            t.set_user_attr("intensities", x)
            content = candidate(x, f"trial-{t.number:04d}", budget)
            cost = yearly_cost(content)
            t.set_user_attr("cost_eur", cost)
            t.set_constraint("over_budget_eur", cost - budget)  # <= 0: within the budget
            contents.append(content)
            feasible.append(cost <= budget)
        chosen = [c for c, ok in zip(contents, feasible, strict=True) if ok]
        values = iter(evaluate(chosen) if chosen else [])
        for t, ok in zip(batch_trials, feasible, strict=True):
            # an infeasible candidate is not simulated: the constraint already rules it out
            value = next(values) if ok else np.full(len(objectives), 1.0)
            study.tell(t.number, [float(v) for v in value])

    if pending:  # asked before an interruption: evaluate them now (their runs are files)
        run([optuna.trial.Trial(study, t._trial_id) for t in pending])
    while (done := len(study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)))) < trials:
        if progress:
            progress(done, trials)
        asked = []
        for _ in range(min(batch, trials - done)):
            t = study.ask()
            for n in names:
                t.suggest_float(n, 0.0, 1.0)  # a budget weight (see ``intensities``)
            asked.append(t)
        run(asked)
    if progress:
        progress(trials, trials)
    return study


def front_rows(study, objectives: list[Objective], names: list[str], budget: float):
    """trials.csv and front.csv: every finished trial, and the feasible best ones (the
    Pareto front, or the best for one objective), with cost and intensities."""
    import pandas as pd

    rows = []
    for t in study.trials:
        if t.values is None:
            continue
        row = {"trial": t.number, "cost_eur_per_year": t.user_attrs.get("cost_eur", math.nan)}
        row["feasible"] = row["cost_eur_per_year"] <= budget
        for o, v in zip(objectives, t.values, strict=True):
            row[o.label] = o.sign * v  # back to the indicator's own sign
        row |= {n: t.user_attrs.get("intensities", {}).get(n, 0.0) for n in names}
        rows.append(row)
    trials = pd.DataFrame(rows)
    best = {t.number for t in study.best_trials}
    front = trials[trials["trial"].isin(best) & trials["feasible"]]
    # best first: lowest value of the first objective in its lower-is-better form
    front = front.sort_values(objectives[0].label, key=lambda c: objectives[0].sign * c)
    return trials, front


def run_optimise(
    out: Path,
    objectives: list[Objective],
    budget: float = 700_000.0,
    trials: int = 200,
    batch: int = 8,
    draws: int = 8,
    horizon: int = 2,
    seed: int = 7,
    types: Sequence[str] | None = None,
    executor=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """The search, then the built-in portfolios on the same draws; writes trials.csv,
    front.csv, builtins.csv, front/*.yaml, figures/front.png and manifest.json."""
    import yaml

    from core.store import make_output_dir, write_bytes, write_json
    from experiments.executors import SerialExecutor
    from model.inputs import load_inputs
    from model.inputs.areas import area_inputs_path, resolve_areas
    from model.inputs.targets import targets_path
    from model.timeline import PROGRAMME_START, month_index
    from scenarios.loader import load_scenario, validate_dict

    if not 1e4 <= budget <= 1e8:
        raise InputError(f"--budget must be from 10,000 to 100,000,000 EUR a year, got {budget:g}")
    for name, value, low, high in (
        ("trials", trials, 2, 10_000),
        ("batch", batch, 1, 256),
        ("draws", draws, 1, 200),
        ("horizon", horizon, 1, 10),
    ):
        if not isinstance(value, int) or not low <= value <= high:
            raise InputError(f"--{name} must be a whole number from {low} to {high}, got {value!r}")
    names = decision_names(types)
    t0 = time.perf_counter()
    make_output_dir(out)
    areas = tuple(a.code for a in resolve_areas(list(FOCUS)))
    inputs = load_inputs(list(areas), targets_path(), area_inputs_path())
    evaluator = Evaluator(
        objectives,
        draws,
        seed,
        month_index(PROGRAMME_START) + 12 * horizon,
        areas,
        inputs.targets_file,
        inputs.area_inputs_file,
        out / "runs",
        executor or SerialExecutor(),
    )

    def evaluate(contents: list[dict]) -> list[np.ndarray]:
        return evaluator([validate_dict(c) for c in contents])

    tick = (lambda done, total: progress("search", done, total)) if progress else None
    study = search(objectives, out, evaluate, budget, trials, batch, seed, names, tick)
    trials_frame, front = front_rows(study, objectives, names, budget)
    write_bytes(trials_frame.to_csv(index=False).encode(), out / "trials.csv")
    (out / "front").mkdir(exist_ok=True)
    for i in range(len(front)):
        x = {n: float(front.iloc[i][n]) for n in names}
        content = candidate(x, f"front-{i + 1:02d}", budget)
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        write_bytes(text.encode(), out / "front" / f"front-{i + 1:02d}.yaml")
    builtins = [load_scenario(n) for n in BUILTIN] if types is None else []
    # the check against the winner's curse: the front and the built-ins again, on as many
    # fresh draws (the best of many candidates on the same draws looks better than it is)
    checker = dataclasses.replace(evaluator, first_draw=draws)
    fronts = []
    for i in range(len(front)):
        x = {n: float(front.iloc[i][n]) for n in names}
        fronts.append(validate_dict(candidate(x, f"front-{i + 1:02d}", budget)))
    checked = checker(fronts + builtins) if fronts or builtins else []
    for k, o in enumerate(objectives):
        front[f"{o.label} (fresh draws)"] = [o.sign * float(v[k]) for v in checked[: len(fronts)]]
    write_bytes(front.to_csv(index=False).encode(), out / "front.csv")
    brows = []
    values = evaluator(builtins) if builtins else []
    for s, value, fresh in zip(builtins, values, checked[len(fronts) :], strict=True):
        brows.append(
            {"scenario": s.name, "cost_eur_per_year": float(sum(s.yearly_costs().values()))}
            | {o.label: o.sign * float(v) for o, v in zip(objectives, value, strict=True)}
            | {
                f"{o.label} (fresh draws)": o.sign * float(v)
                for o, v in zip(objectives, fresh, strict=True)
            }
        )
    import pandas as pd

    bframe = pd.DataFrame(brows)
    write_bytes(bframe.to_csv(index=False).encode(), out / "builtins.csv")
    figure = front_figure(trials_frame, front, bframe, objectives, out / "figures")
    manifest = {
        "command": "optimise",
        "objectives": [o.label for o in objectives],
        "budget_eur_per_year": budget,
        "trials": int(len(trials_frame)),
        "feasible": int(trials_frame["feasible"].sum()) if len(trials_frame) else 0,
        "front": int(len(front)),
        "draws": draws,
        "horizon_years": horizon,
        "seed": seed,
        "decision_variables": names,
        "sampler": "NSGA-II" if len(objectives) > 1 else "TPE",
        "runs": len(list((out / "runs").glob("*.json"))),
        "seconds": time.perf_counter() - t0,
        "figure": str(figure.relative_to(out)) if figure else None,
    }
    write_json(manifest, out / "manifest.json")
    return manifest


def front_figure(trials, front, builtins, objectives: list[Objective], folder: Path) -> Path | None:
    """The first two objectives (or the one objective against cost): every feasible
    trial, the best ones, and the built-in portfolios on the same draws."""
    import io

    from matplotlib.figure import Figure

    from core.store import write_bytes

    if trials.empty:
        return None
    folder.mkdir(parents=True, exist_ok=True)

    def scale(o: Objective) -> float:
        return 100.0 if o.indicator.endswith("_share") else 1.0

    first = objectives[0]
    second = objectives[1] if len(objectives) > 1 else None

    def xy(frame):
        y = scale(first) * frame[first.label]
        x = (
            frame["cost_eur_per_year"] / 1000
            if second is None
            else scale(second) * frame[second.label]
        )
        return x, y

    fig = Figure(figsize=(8, 5.5), dpi=110)
    ax = fig.add_axes((0.12, 0.12, 0.84, 0.8))
    ax.scatter(*xy(trials[trials["feasible"]]), s=12, color="#bbbbbb", label="candidates")
    ax.scatter(*xy(front), s=28, color="#1f5f8b", label="best candidates")
    if not builtins.empty:
        bx, by = xy(builtins)
        ax.scatter(bx, by, marker="D", color="#c0392b", s=36, label="built-in portfolios")
        for name, x, y in zip(builtins["scenario"], bx, by, strict=True):
            ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)

    def unit(o: Objective) -> str:
        return " (percentage points)" if scale(o) == 100 else ""

    ax.set_ylabel(f"{first.label}: difference with the baseline{unit(first)}")
    ax.set_xlabel(
        "yearly cost, thousand EUR"
        if second is None
        else f"{second.label}: difference with the baseline{unit(second)}"
    )
    ax.grid(True, alpha=0.3)
    ax.margins(x=0.18, y=0.1)  # room for the portfolios' names
    ax.legend(loc="best", fontsize=8, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    path = folder / "front.png"
    write_bytes(buf.getvalue(), path)
    return path
