"""ABC-SMC with pyabc: the posterior of the uncertain parameters given the survey.

Priors are uniform over each parameter's plausible range in the registry
(``model.params``). The distance is the Euclidean distance between simulated and
observed survey estimates, each divided by its sampling standard error, so a
buurt of 300 respondents weighs as much as its precision warrants. pyabc lowers
the tolerance generation by generation (median of the previous distances) and
stops at the generation limit or the wall-time limit, whichever comes first (a
generation that cannot finish in the time left is abandoned, see
``timed_abcsmc``). Locally it evaluates on ``workers`` processes; with a Dask
scheduler address it uses pyabc's Dask sampler on that cluster.

pyabc draws parameters with NumPy's global generator, seeded here from the
calibration seed; with several workers the order in which simulations finish
varies, so two runs give posteriors that agree in distribution, not bit for bit.
Each simulation itself is reproducible: its seed is fixed by its parameter values.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from calibration.plan import Plan
from calibration.simulator import SurveyModel
from core.errors import InputError


@dataclass(frozen=True)
class Budget:
    """How much simulation a calibration may spend."""

    population: int  # accepted parameter sets per generation
    generations: int
    max_minutes: float  # wall-time limit of the ABC part
    predictive_draws: int  # posterior draws simulated for fit.csv

    def describe(self) -> str:
        return (
            f"{self.population} parameter sets per generation, at most {self.generations} "
            f"generations or {self.max_minutes:g} minutes; {self.predictive_draws} "
            "posterior-predictive draws"
        )


# Default: sized to finish within 20 minutes on 2 cores (ABC at most 16 min, the
# posterior-predictive check about 1 min); measured times are in docs/calibration.md.
DEFAULT_BUDGET = Budget(population=120, generations=8, max_minutes=16.0, predictive_draws=60)
QUICK_BUDGET = Budget(population=10, generations=2, max_minutes=3.0, predictive_draws=6)


def prior(plan: Plan):
    """pyabc Distribution: each fitted parameter's prior as declared in the registry
    (scipy names and plain numbers, so it pickles to Dask workers)."""
    import pyabc

    from model.params import PARAMS

    return pyabc.Distribution(
        **{name: pyabc.RV(*_flat(PARAMS[name].scipy_prior())) for name in plan.parameters}
    )


def _flat(spec: tuple[str, tuple[float, ...]]) -> tuple:
    return (spec[0], *spec[1])


def connect(cluster: str, timeout: float = 20.0):
    """A Dask client for ``cluster``, or an InputError that says what to check."""
    from distributed import Client

    try:
        return Client(cluster, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"cannot connect to the Dask cluster at {cluster!r}: "
            f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}; check the "
            "address (e.g. tcp://10.0.0.5:8786) and that the scheduler is running"
        ) from None


def make_sampler(workers: int, cluster: str | None):
    import pyabc

    if cluster:
        return pyabc.sampler.DaskDistributedSampler(dask_client=connect(cluster))
    if workers <= 1:
        return pyabc.sampler.SingleCoreSampler(check_max_eval=True)
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=workers, check_max_eval=True)


class GenerationReporter(logging.Handler):
    """Turns pyabc's log lines into one progress line per generation."""

    T_EPS = re.compile(r"t: (-?\d+), eps: ([0-9.eE+-]+)")
    ACCEPTED = re.compile(r"Accepted: (\d+) / (\d+)")

    def __init__(self, on_generation: Callable[[dict], None], generations: int) -> None:
        super().__init__(level=logging.INFO)
        self.on_generation = on_generation
        self.generations = generations
        self.start = time.monotonic()
        self.current: dict = {}
        self.simulations = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if m := self.T_EPS.search(text):
            self.current = {"generation": int(m.group(1)), "epsilon": float(m.group(2).rstrip("."))}
        elif (m := self.ACCEPTED.search(text)) and self.current:
            self.simulations += int(m.group(2))
            self.on_generation(
                {
                    **self.current,
                    "of": self.generations,
                    "accepted": int(m.group(1)),
                    "simulated": int(m.group(2)),
                    "total_simulations": self.simulations,
                    "elapsed_s": time.monotonic() - self.start,
                }
            )


def timed_abcsmc(budget: Budget, on_stop: Callable[[str], None]):
    """An ABCSMC that keeps each generation within the remaining time budget.

    pyabc checks its wall-time limit only between generations, and a late generation
    can take as long as all earlier ones together. So before each generation after
    the first, the simulations that still fit in the time left (at the pace of the
    previous generation) become that generation's limit (pyabc's
    ``min_acceptance_rate``): a generation that would need more is abandoned, and the
    last complete generation is the posterior."""
    import pyabc

    class TimedABCSMC(pyabc.ABCSMC):
        deadline = time.monotonic() + 60.0 * budget.max_minutes
        pace: float | None = None  # seconds per simulation in the last generation

        def run_generation(self, t: int) -> dict:
            if self.pace is not None:
                affordable = (self.deadline - time.monotonic()) / self.pace
                if affordable < budget.population:
                    on_stop("time budget used up; the last complete generation is kept")
                    return {"successful": False}
                self.min_acceptance_rate = budget.population / affordable
            started = time.monotonic()
            result = super().run_generation(t)
            if not result.get("successful"):
                on_stop("time budget used up during a generation; the last complete one is kept")
                return result
            self.pace = (time.monotonic() - started) / max(self.sampler.nr_evaluations_, 1)
            return result

    return TimedABCSMC


@dataclass
class AbcResult:
    posterior: pd.DataFrame  # draw, generation, weight, one column per parameter
    generations: int
    simulations: int
    epsilon: float
    seconds: float
    history_db: Path  # pyabc's database (a temporary file until saved)


def fit(
    plan: Plan,
    budget: Budget,
    workers: int = 2,
    cluster: str | None = None,
    seed: int = 7,
    on_generation: Callable[[dict], None] | None = None,
    on_stop: Callable[[str], None] | None = None,
) -> AbcResult:
    """Run ABC-SMC and return the last generation as weighted parameter sets."""
    import pyabc

    np.random.seed(seed % (2**32))
    for name in ("ABC.History", "ABC.Sampler", "ABC.Distance", "ABC.Epsilon"):
        logging.getLogger(name).setLevel(logging.WARNING)
    abc = timed_abcsmc(budget, on_stop or (lambda text: None))(
        SurveyModel(plan, seed),
        prior(plan),
        pyabc.PNormDistance(p=2, fixed_weights=plan.weights()),
        population_size=budget.population,
        sampler=make_sampler(workers, cluster),
    )
    tmp = Path(tempfile.mkdtemp(prefix="veerkracht-abc-"))
    db = tmp / "abc_history.db"
    logger = logging.getLogger("ABC")
    reporter = GenerationReporter(on_generation or (lambda info: None), budget.generations)
    old = (logger.level, logger.propagate, list(logger.handlers))
    for handler in old[2]:  # pyabc's own console lines are replaced by the reporter's
        logger.removeHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(reporter)
    started = time.monotonic()
    try:
        abc.new("sqlite:///" + str(db), plan.observed("fit"))
        history = abc.run(max_nr_populations=budget.generations)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(reporter)
        for handler in old[2]:
            logger.addHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    posterior = frame[list(plan.parameters)].reset_index(drop=True)
    posterior.insert(0, "weight", np.asarray(weights, dtype=float) / np.sum(weights))
    posterior.insert(0, "generation", int(history.max_t))
    posterior.insert(0, "draw", np.arange(len(posterior), dtype=np.int64))
    pops = history.get_all_populations()
    return AbcResult(
        posterior=posterior,
        generations=int(history.max_t) + 1,
        simulations=int(history.total_nr_simulations),
        epsilon=float(pops["epsilon"].iloc[-1]),
        seconds=time.monotonic() - started,
        history_db=db,
    )
