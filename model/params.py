"""Parameter registry, assembled from the declarations beside each mechanism.

Each module that owns a mechanism declares its parameters next to its code
(``PARAMETERS`` in ``model/processes/*.py``, ``model/initial_state.py``,
``model/inputs/synthesis.py``, ``model/inputs/geometry.py``); modules of higher
layers (the survey emulator in ``calibration``) add theirs with ``register`` when
they are imported, so the registry never imports a layer above ``model``. Rates
are per year unless the unit says otherwise; every entry has a unit, a source (or
one starting with "assumption:"), a role and, if uncertain, a prior. The registry
drives CLI overrides (``--set name=value``), the docs' parameter table,
calibration priors and app controls.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from core.errors import InputError
from model import indicators, initial_state
from model.inputs import geometry, synthesis
from model.param_spec import Param
from model.processes import PROCESSES

__all__ = ["PARAMS", "REGISTRY", "Param", "defaults", "register", "resolve"]

PARAMS: dict[str, Param] = {}


def register(params: Iterable[Param]) -> None:
    """Add declarations to the registry; a name declared twice must be declared alike."""
    for p in params:
        known = PARAMS.get(p.name)
        if known is not None and known != p:
            raise ValueError(f"parameter {p.name!r} is declared twice, differently")
        PARAMS[p.name] = p


class _Registry(Sequence[Param]):
    """All declared parameters in declaration order (a live view of ``PARAMS``)."""

    def __getitem__(self, index):  # type: ignore[override]
        return list(PARAMS.values())[index]

    def __len__(self) -> int:
        return len(PARAMS)

    def __iter__(self) -> Iterator[Param]:
        return iter(list(PARAMS.values()))


REGISTRY: Sequence[Param] = _Registry()

register(synthesis.PARAMETERS)
register(geometry.PARAMETERS)
register(initial_state.PARAMETERS)
for _process in PROCESSES:
    register(_process.parameters)
# The model's own parameters, whatever a higher layer registers later (the uncertainty
# analysis draws these, so its draws do not depend on which modules a process imported).
MODEL_PARAMETERS: tuple[str, ...] = tuple(PARAMS)


# ``p.group.name`` read in a module's source (p is m.p, self.p or model.p there)
_TYPED_READ = re.compile(r"(?<![\w.])(?:(?:m|self|model)\.)?p\.([a-z_]+)\.([A-Za-z_0-9]+)\b")


def typed_reads(source: str) -> set[str]:
    """The parameter names a module's source reads as ``p.group.name``."""
    return {f"{g}.{n}" for g, n in _TYPED_READ.findall(source)}


@functools.cache
def _model_reads() -> frozenset[tuple[str, str]]:
    modules = [initial_state, indicators, *(sys.modules[p.step.__module__] for p in PROCESSES)]
    reads = {
        (name, m.__name__)
        for m in modules
        for name in typed_reads(Path(m.__file__).read_text(encoding="utf-8"))
    }
    # indicators that cut at a parameter name it in their declaration
    reads |= {(i.threshold, indicators.__name__) for i in indicators.INDICATORS if i.threshold}
    return frozenset(reads)


def check_reads(values: Mapping[str, float]) -> None:
    """Fail at model start, not mid-run, if model code reads a parameter nobody declared."""
    unknown = sorted(
        f"{name} (in {module})" for name, module in _model_reads() if name not in values
    )
    if unknown:
        raise InputError(f"model code reads undeclared parameters: {', '.join(unknown)}")


def defaults() -> dict[str, float]:
    return {p.name: p.default for p in REGISTRY}


def resolve(overrides: Mapping[str, object] | None = None) -> dict[str, float]:
    """Defaults with overrides applied; unknown names or non-numbers raise InputError."""
    values = defaults()
    for name, value in (overrides or {}).items():
        if name not in PARAMS:
            close = difflib.get_close_matches(name, list(PARAMS), n=5, cutoff=0.5)
            hint = f"did you mean: {', '.join(close)}? " if close else ""
            raise InputError(
                f"unknown parameter {name!r}; {hint}'veerkracht params' lists all names"
            )
        try:
            values[name] = float(value)
        except (TypeError, ValueError):
            raise InputError(f"parameter {name!r} needs a number, got {value!r}") from None
        if not math.isfinite(values[name]):
            raise InputError(f"parameter {name!r} needs a finite number, got {value!r}")
        if values[name] < 0:
            raise InputError(
                f"parameter {name!r} must not be negative, got {value!r} "
                f"(plausible range {PARAMS[name].low:g} to {PARAMS[name].high:g})"
            )
    return values


def parse_overrides(items: list[str] | None) -> dict[str, float]:
    """Parse and check CLI ``name=value`` strings; returns only the overridden names."""
    raw: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"--set {item!r}: write it as name=value, e.g. event.job_loss=0.06")
        name, value = item.split("=", 1)
        raw[name.strip()] = value.strip()
    values = resolve(raw)
    return {name: values[name] for name in raw}


def markdown_table(group: str | None = None, params: Iterable[Param] | None = None) -> str:
    """Parameters as a Markdown table (for docs/ODD.md and the report appendix);
    default the whole registry."""
    lines = [
        "| name | default | range | unit | role and prior | description | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in REGISTRY if params is None else params:
        if group is None or p.group == group:
            cells = [
                f"`{p.name}`",
                f"{p.default:g}",
                f"{p.low:g}-{p.high:g}",
                p.unit,
                p.prior_label(),
                p.description,
                p.source,
            ]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
