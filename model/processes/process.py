"""The common shape of a monthly process: a name, its parameters and its hooks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model.mathutil import stationary_sd
from model.param_spec import Param


def _nothing(model) -> None:
    """A hook with no work to do."""


@dataclass(frozen=True)
class Process:
    """One mechanism of the model, in one module.

    ``setup(model)`` runs before the start state is built and derives what the
    process needs from its parameters (noise levels, capacities); ``init(model)``
    runs once the start state exists and sets the state the process owns from it
    (normalisations, restart rates, references); ``step(model)`` runs every month.
    Each process draws only from its own stream, ``model.streams[name]``."""

    name: str
    parameters: tuple[Param, ...]
    step: Callable[..., None]
    setup: Callable[..., None] = _nothing
    init: Callable[..., None] = _nothing


def set_noise(model, name: str, speed: float, noise_sd: float) -> None:
    """Record a latent trait's monthly noise and the stationary spread of its
    transient part (``initial_state`` draws the 2021 transients with it)."""
    model.noise_sd[name] = noise_sd
    model.transient_sd[name] = stationary_sd(speed, noise_sd)
