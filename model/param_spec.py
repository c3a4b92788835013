"""What a parameter declaration is, and the typed values a model reads.

Every module that owns a mechanism declares its parameters beside its code as a
tuple of ``Param`` (``PARAMETERS``); ``model.params`` assembles them into the
registry. This module holds only the shapes, so that any layer can declare
parameters without importing the registry's contents.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

Role = Literal["uncertain", "fixed", "policy"]
ROLES: tuple[str, ...] = ("uncertain", "fixed", "policy")
DISTRIBUTIONS: tuple[str, ...] = ("triangular", "truncnorm", "beta", "uniform")
PRIORS = "shared research priors (priors.yaml)"  # how sources cite the research priors


@dataclass(frozen=True)
class Prior:
    """A prior over a parameter's range [low, high].

    ``center`` is the evidence's central value (the mode of a triangular, the mean
    of a normal before truncation or of a beta); ``spread`` is the normal's sd or
    the beta's concentration (a + b). Uniform ignores both."""

    kind: str = "triangular"
    center: float | None = None  # None: the parameter's default
    spread: float = 0.0


@dataclass(frozen=True)
class Param:
    """One parameter: value, plausible range, unit, meaning, evidence and role.

    ``role`` says what the value is: ``uncertain`` (known within a range; has a
    prior and is varied in sensitivity analyses and calibration), ``fixed`` (a rule
    or definition, e.g. a legal norm) or ``policy`` (a choice a municipality or
    corporation makes). ``calibrate`` marks the uncertain parameters the survey
    calibration fits by default."""

    name: str
    default: float
    low: float
    high: float
    unit: str
    description: str
    source: str
    role: Role = "uncertain"
    prior: Prior | None = None
    calibrate: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"{self.name}: role must be one of {ROLES}, got {self.role!r}")
        if self.role == "uncertain" and self.prior is None:
            # no stated distribution: triangular over the range, peaked at the default
            object.__setattr__(self, "prior", Prior("triangular"))
        if self.prior is not None and self.prior.kind not in DISTRIBUTIONS:
            raise ValueError(f"{self.name}: prior must be one of {DISTRIBUTIONS}")
        if self.calibrate and self.role != "uncertain":
            raise ValueError(f"{self.name}: only uncertain parameters can be calibrated")

    @property
    def group(self) -> str:
        return self.name.split(".")[0]

    @property
    def is_assumption(self) -> bool:
        return self.source.startswith("assumption")

    @property
    def center(self) -> float | None:
        """Central value of the prior (None without a prior)."""
        if self.prior is None:
            return None
        if self.prior.kind == "uniform":
            return (self.low + self.high) / 2.0
        return self.default if self.prior.center is None else self.prior.center

    def scipy_prior(self) -> tuple[str, tuple[float, ...]]:
        """The prior as a scipy.stats name and arguments (loc and scale last), e.g. for
        ``pyabc.RV(name, *args)``; None-free so it pickles."""
        lo, width = self.low, self.high - self.low
        kind, c = self.prior.kind if self.prior else "uniform", self.center
        if kind == "triangular" and width > 0:
            return "triang", ((c - lo) / width, lo, width)
        if kind == "truncnorm":
            sd = self.prior.spread
            return "truncnorm", ((self.low - c) / sd, (self.high - c) / sd, c, sd)
        if kind == "beta":
            mean, k = (c - lo) / width, self.prior.spread
            return "beta", (mean * k, (1.0 - mean) * k, lo, width)
        return "uniform", (lo, width)

    def prior_label(self) -> str:
        """Short text of the role and prior, for tables."""
        if self.prior is None:
            return self.role
        kind, c, s = self.prior.kind, self.center, self.prior.spread
        if kind == "uniform":
            text = f"uniform({self.low:g}, {self.high:g})"
        elif kind == "triangular":
            text = f"triangular({self.low:g}, {c:g}, {self.high:g})"
        elif kind == "truncnorm":
            text = f"normal({c:g}, {s:g}) in [{self.low:g}, {self.high:g}]"
        else:
            text = f"beta(mean {c:g}, a+b {s:g}) on [{self.low:g}, {self.high:g}]"
        return f"{self.role}: {text}" + (" (calibrated)" if self.calibrate else "")


class Group:
    """Read-only values of one parameter group (``m.p.stress``), attribute access.

    The values sit in the instance ``__dict__``, so a read is a plain attribute look-up
    (the model reads parameters about a thousand times a month); ``__getattr__`` only
    runs for a name that is not there, to say which names are close."""

    def __init__(self, name: str, values: Mapping[str, object]) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_keys", tuple(values))
        for key, value in values.items():
            object.__setattr__(self, key, value)

    def __getattr__(self, key: str):
        if key.startswith("__") or key in ("_name", "_keys"):
            raise AttributeError(key)
        name, keys = self.__dict__.get("_name", "?"), self.__dict__.get("_keys", ())
        close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise AttributeError(f"no parameter '{name}.{key}'{hint}") from None

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError("parameter values are read-only during a run")

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __getstate__(self) -> tuple[str, dict]:
        return self._name, {key: self.__dict__[key] for key in self._keys}

    def __setstate__(self, state: tuple[str, dict]) -> None:
        Group.__init__(self, *state)


def typed(values: Mapping[str, float]) -> Group:
    """Nested read-only groups from dotted names: ``{"stress.w_debt": 1.0}`` becomes
    ``typed(...).stress.w_debt``; built once at model start, so reads are attribute
    look-ups and a misspelt name raises AttributeError."""
    tree: dict = {}
    for name, value in values.items():
        *path, leaf = name.split(".")
        node = tree
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = value

    def build(prefix: str, node: dict) -> Group:
        return Group(
            prefix,
            {
                k: build(f"{prefix}.{k}" if prefix else k, v) if isinstance(v, dict) else v
                for k, v in node.items()
            },
        )

    return build("", tree)
