"""What we do not know, drawn once per uncertainty draw of a comparison.

Two sources, each of which a user can switch off (``--uncertainty``):

* **parameters**: every model parameter whose role is ``uncertain`` (the registry's
  ``MODEL_PARAMETERS``; ``veerkracht params``) is drawn from its prior; where a
  calibration posterior is given (``--posterior``) its parameters come from the
  posterior draw instead, and a value set with ``--set`` is never drawn.
* **effects**: every effect of every intervention type (``EFFECTS`` of the classes in
  ``scenarios.interventions``; the ranges of docs/interventions.md) is drawn from its
  range, peaked at the evidence's central value. An effect that a scenario file sets
  explicitly is that scenario's choice and is not drawn.

Draw i is the same for every scenario (common random numbers for what we do not
know, as the seeds are for chance), so a paired difference compares portfolios under
one and the same state of the world. Replicate r uses draw ``r // seeds_per_draw``
and its own seed; with two or more seeds per draw the spread of a paired difference
splits into chance within the model (between seeds of one draw) and parameter and
effect uncertainty (between draws), a one-way analysis of variance.

Each draw is computed from ``SeedSequence([base seed, stream, i])`` alone, so adding
replicates adds draws and leaves the earlier ones (and their finished runs) as they
were; parameters and effects use separate streams, so switching one source off leaves
the other's draws unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.errors import InputError

MODES: dict[str, tuple[str, ...]] = {
    "all": ("parameters", "effects"),
    "parameters": ("parameters",),
    "effects": ("effects",),
    "none": (),
}
PARAMETER_STREAM, EFFECT_STREAM = 2, 3  # stream 1 is the posterior's (experiments.posterior)
DRAW_RULE = (
    "draw i: u = numpy.random.default_rng(SeedSequence([BASE, s, i])).random(n), one number "
    "per uncertain parameter in registry order (s = 2) or per intervention effect in "
    "catalogue order (s = 3); value = the quantile of its prior at u (scipy.stats); "
    "replicate r uses draw r // seeds_per_draw, the same draw for every scenario"
)


@dataclass(frozen=True)
class Uncertainty:
    """Which sources are drawn, and how many seeds share one draw."""

    mode: str = "all"
    seeds_per_draw: int = 2

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InputError(f"--uncertainty {self.mode!r}: choose one of {', '.join(MODES)}")
        if not isinstance(self.seeds_per_draw, int) or not 1 <= self.seeds_per_draw <= 100:
            raise InputError(
                f"--seeds-per-draw must be a whole number from 1 to 100, got "
                f"{self.seeds_per_draw!r}"
            )

    @property
    def sources(self) -> tuple[str, ...]:
        return MODES[self.mode]

    @property
    def active(self) -> bool:
        return bool(self.sources)

    def draw_of(self, replicate: int) -> int:
        """The uncertainty draw replicate ``replicate`` uses (itself when nothing is
        drawn: then every replicate is its own 'draw' of chance)."""
        return replicate // self.seeds_per_draw if self.active else replicate

    def parameters(self, base_seed: int, draw: int, skip: frozenset[str]) -> dict[str, float]:
        """Draw ``draw`` of the uncertain model parameters, leaving out ``skip`` (those
        the posterior or --set give)."""
        if "parameters" not in self.sources:
            return {}
        values = _draw(PARAMETER_STREAM, int(base_seed), int(draw), parameter_priors())
        return {name: v for name, v in values.items() if name not in skip}

    def effects(self, base_seed: int, draw: int) -> dict[str, float]:
        """Draw ``draw`` of every intervention effect, by ``'<type>.<effect>'``."""
        if "effects" not in self.sources:
            return {}
        return _draw(EFFECT_STREAM, int(base_seed), int(draw), effect_priors())

    def record(self) -> dict:
        """For the manifest."""
        return {
            "mode": self.mode,
            "sources": list(self.sources),
            "seeds_per_draw": self.seeds_per_draw,
            "rule": DRAW_RULE,
            "parameters_drawn": len(parameter_priors()[0]) if "parameters" in self.sources else 0,
            "effects_drawn": len(effect_priors()[0]) if "effects" in self.sources else 0,
        }


def _draw(stream: int, base_seed: int, draw: int, priors) -> dict[str, float]:
    names, dists = priors
    u = np.random.default_rng(np.random.SeedSequence([base_seed, stream, draw])).random(len(names))
    return {name: float(dist.ppf(x)) for name, dist, x in zip(names, dists, u, strict=True)}


def _frozen(param):
    import scipy.stats

    kind, args = param.scipy_prior()
    return getattr(scipy.stats, kind)(*args)


@functools.cache
def parameter_priors() -> tuple[tuple[str, ...], tuple]:
    """The drawn model parameters: names and frozen scipy priors, in registry order."""
    from model.params import MODEL_PARAMETERS, PARAMS

    chosen = [PARAMS[name] for name in MODEL_PARAMETERS]
    chosen = [p for p in chosen if p.role == "uncertain" and p.high > p.low]
    return tuple(p.name for p in chosen), tuple(_frozen(p) for p in chosen)


def effect_params() -> dict[str, object]:
    """Every intervention effect as ``'<type>.<effect>'``: its Param (range, prior)."""
    from scenarios.interventions import CATALOGUE

    return {
        f"{key}.{name}": p
        for key, cls in CATALOGUE.items()
        for name, p in cls.EFFECTS.items()
        if p.high > p.low
    }


@functools.cache
def effect_priors() -> tuple[tuple[str, ...], tuple]:
    """The drawn intervention effects: names and frozen scipy priors, catalogue order."""
    params = effect_params()
    return tuple(params), tuple(_frozen(p) for p in params.values())


def apply_effects(scenario, effects: Mapping[str, float]) -> None:
    """Give the interventions of ``scenario`` (a copy a run owns) the drawn effects,
    except those its scenario file sets."""
    if not effects:
        return
    for intervention in scenario.interventions.values():
        given = getattr(intervention, "given_effects", frozenset())
        for name in intervention.effect:
            value = effects.get(f"{intervention.key}.{name}")
            if value is not None and name not in given:
                intervention.effect[name] = value
