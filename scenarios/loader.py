"""Scenario files: read, check and turn YAML into ``Scenario`` objects.

A scenario file describes a programme portfolio (or a stress test) in plain
YAML; its format is declared in ``scenarios/schema.py`` (pydantic models, also
published as ``docs/scenario.schema.json``) and documented with an example in
``docs/scenarios.md``. Built-in scenarios live in ``scenarios/builtin/NAME.yaml``.
This module reads the YAML (keeping the line of every key), turns the schema's
errors into line-numbered problems and builds the ``Scenario``.

Every problem in a file is reported at once, one line each, naming the
file, the line and the field, e.g.::

    2 problems in my-plan.yaml
    my-plan.yaml:14: interventions.visits.type: unknown intervention 'home_visit'; ...
    my-plan.yaml:20: budget_eur_per_year: must not be negative, got -5

Files are read with PyYAML's safe loader; line numbers come from the
composed node tree. ``load_scenario`` returns a fresh ``Scenario`` on every
call (interventions carry state while a model runs, so never share one
between runs). ``Scenario.raw`` holds the checked file content in a
normalised form (defaults filled in, buurten as keys, shock durations as end
months), so the same scenario written two ways has the same ``digest()``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from core.errors import InputError
from scenarios import schema
from scenarios.interventions import CATALOGUE
from scenarios.scenario import Allocation, Scenario
from scenarios.shocks import SHOCKS

SUFFIXES = (".yaml", ".yml")

Path_ = tuple[str | int, ...]


# ---------------------------------------------------------------------------- errors
@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ScenarioError(InputError):
    """All problems of one scenario file; the message has a summary line first,
    then one line per problem."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file, self.problems = file, problems
        n = len(problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {file}"
        super().__init__("\n".join([head, *(str(p) for p in problems)]))


# ---------------------------------------------------------------------------- public API
def builtin_dir() -> Traversable:
    """The folder of the built-in scenario files (inside the installed package)."""
    return resources.files("scenarios") / "builtin"


def builtin_names() -> list[str]:
    """Names of the built-in scenarios ('baseline' first, then alphabetical)."""
    names = sorted(
        p.name[: -len(".yaml")] for p in builtin_dir().iterdir() if p.name.endswith(".yaml")
    )
    return sorted(names, key=lambda n: (n != "baseline", n))


def builtin_path(name: str) -> Path:
    if name not in builtin_names():
        raise InputError(
            f"unknown built-in scenario {name!r}; choose one of: {', '.join(builtin_names())}"
        )
    return Path(str(builtin_dir() / f"{name}.yaml"))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name ('debt-first') or a scenario file (.yaml/.yml).

    Raises InputError (one line) for an unknown name or missing file, and
    ScenarioError (an InputError, one line per problem) for a faulty file.
    """
    text = str(name_or_path)
    if not isinstance(name_or_path, Path) and text in builtin_names():
        return _read(builtin_path(text), display=f"{text}.yaml")
    path = Path(text)
    looks_like_file = (
        isinstance(name_or_path, Path) or path.suffix.lower() in SUFFIXES or len(path.parts) > 1
    )
    if not looks_like_file and not path.is_file():
        close = difflib.get_close_matches(text, builtin_names(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise InputError(
            f"unknown scenario {text!r}; {hint}give a built-in name "
            f"({', '.join(builtin_names())}) or the path of a .yaml file"
        )
    return validate_file(path)


def validate_file(path: str | Path) -> Scenario:
    """Read and check one scenario file; the Scenario, or ScenarioError with every problem."""
    return _read(Path(path), display=str(path))


def validate_dict(data: object, source: str = "<scenario>") -> Scenario:
    """Check scenario content that is already in memory (e.g. ``Scenario.raw``).

    Problems name ``source`` and the field, but no line numbers."""
    return _check(data, source, {}, source)


def range_notes(scenario: Scenario) -> list[str]:
    """Effect values in the scenario outside the plausible range given in the catalogue."""
    notes = []
    groups = (("interventions", scenario.interventions), ("shocks", scenario.shocks))
    for group, programmes in groups:
        for name, programme in programmes.items():
            given = scenario.raw.get(group, {}).get(name, {}).get("effects", {})
            for effect in given:
                param, value = programme.EFFECTS[effect], programme.effect[effect]
                low, high = sorted((param.low, param.high))
                if not low <= value <= high:
                    notes.append(
                        f"{group}.{name}.effects.{effect} = {value:g} is outside the plausible "
                        f"range {param.low:g} to {param.high:g} ({param.unit}; {param.source})"
                    )
    return notes


# ---------------------------------------------------------------------------- reading
def _read(path: Path, display: str) -> Scenario:
    if not path.exists():
        raise InputError(
            f"no such file: {display}; give the path of a scenario file (.yaml) or a "
            f"built-in name ({', '.join(builtin_names())})"
        )
    if path.is_dir():
        raise InputError(f"{display} is a folder; give the path of a scenario file (.yaml)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(
            display, [Problem(display, None, "", "not a UTF-8 text file; save it as UTF-8 text")]
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {display}: {exc.strerror or exc}") from None
    data, lines = _compose(text, display)
    return _check(data, display, lines, str(path))


def _compose(text: str, display: str) -> tuple[object, dict[Path_, int]]:
    """Parse YAML into plain values plus the line of every key and list item."""
    loader = yaml.SafeLoader(text)
    tree = _Tree(loader, display)
    try:
        node = loader.get_single_node()
        data = None if node is None else tree.value(node, ())
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError(display, [_yaml_problem(exc, display)]) from None
    except yaml.YAMLError as exc:  # unmarked (rare): still one clean line
        raise ScenarioError(display, [Problem(display, None, "", f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if tree.problems:
        raise ScenarioError(display, tree.problems)
    return data, tree.lines


class _Tree:
    """Turns composed YAML nodes into plain values, recording the line of each key and
    item; reports duplicate keys, non-scalar keys and recursive aliases."""

    def __init__(self, loader: yaml.SafeLoader, display: str) -> None:
        self.loader, self.display = loader, display
        self.lines: dict[Path_, int] = {(): 1}
        self.problems: list[Problem] = []
        self.open: set[int] = set()  # nodes being converted (to catch recursive aliases)

    def add(self, line: int, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.display, line, _dotted(path), message))

    def value(self, node, path: Path_):
        if id(node) in self.open:
            self.add(node.start_mark.line + 1, path, "an alias refers to itself")
            return None
        if isinstance(node, yaml.MappingNode):
            self.open.add(id(node))
            try:
                return self.mapping(node, path)
            finally:
                self.open.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.open.add(id(node))
            try:
                items = []
                for i, item in enumerate(node.value):
                    self.lines[(*path, i)] = item.start_mark.line + 1
                    items.append(self.value(item, (*path, i)))
                return items
            finally:
                self.open.discard(id(node))
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node, path: Path_) -> dict:
        own = {id(k) for k, _ in node.value}
        self.loader.flatten_mapping(node)  # merge keys ('<<: *defaults') come first
        own_keys = {self.key(k) for k, _ in node.value if id(k) in own}
        out: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self.key(key_node)
            if key is None:
                self.add(line, path, "keys must be plain names")
                continue
            merged = id(key_node) not in own
            if merged and key in own_keys:
                continue  # the mapping's own value wins over a merged one
            if key in out and not merged:
                first = self.lines[(*path, key)]
                self.add(line, (*path, key), f"appears twice (first at line {first}); keep one")
                continue
            self.lines[(*path, key)] = line
            out[key] = self.value(value_node, (*path, key))
        return out

    def key(self, node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            return None
        key = self.loader.construct_object(node, deep=True)
        return key if isinstance(key, str) else str(key)


def _yaml_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
    problem = exc.problem or "cannot read this"
    if exc.context:
        problem += f" ({exc.context}"
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" at line {exc.context_mark.line + 1}"
        problem += ")"
    if "\\t" in problem or "\t" in problem:
        problem += "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem or "could not find expected ':'" in problem:
        problem += "; check the indentation and put a space after each colon"
    return Problem(where, None, "", f"invalid YAML: {problem}")


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# ---------------------------------------------------------------------------- checking
def _check(data: object, display: str, lines: dict[Path_, int], source: str) -> Scenario:
    """Validate with the declared schema; every problem as a line-numbered Problem."""
    try:
        doc = schema.validate(data)
    except ValidationError as exc:
        problems = [_problem(error, display, lines) for error in exc.errors()]
        problems.sort(key=lambda p: p.line or 0)
        raise ScenarioError(display, problems) from None
    return _scenario(schema.normalised(doc), source)


def _problem(error: Mapping[str, Any], display: str, lines: dict[Path_, int]) -> Problem:
    path, here = schema.locate(error["loc"])
    _, parent = schema.locate(error["loc"][:-1]) if error["loc"] else (None, None)
    at = path  # the line of the field, or of the nearest enclosing one the file has
    while at not in lines and at:
        at = at[:-1]
    return Problem(display, lines.get(at), _dotted(path), _message(error, path, here, parent))


def _is_section(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _message(error: Mapping[str, Any], path: Path_, here: Any, parent: Any) -> str:
    """Pydantic's error in the words of this project (its own checks already have them)."""
    kind, value, ctx = error["type"], error["input"], error.get("ctx") or {}
    got = schema.describe(value)
    if kind == "missing" or (value is None and _required(parent, path)):
        return "missing required field"
    if kind == "extra_forbidden":
        allowed = list(parent.model_fields) if _is_section(parent) else []
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        if _is_section(parent) and issubclass(parent, schema.Effects):
            return (
                f"unknown effect{hint} of {parent.programme.key}; "
                f"its effects are: {', '.join(allowed)}"
            )
        return f"unknown field{hint}; allowed fields: {', '.join(allowed)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not path:
            if value is None:
                return "the file is empty; see docs/scenarios.md for an example"
            return f"the file must hold {here.expects()}, got {got}"
        return f"must be {_mapping_of(here, path)}, got {got}"
    if kind in ("float_type", "float_parsing"):
        if isinstance(value, int) and not isinstance(value, bool):  # too large for a float
            return f"must be a finite number, got {value}"
        return f"must be a number, got {got}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {got}"
    if kind == "finite_number":
        return f"must be a finite number, got {value}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return _range_message(kind, ctx, value, path, parent)
    if kind == "string_type":
        return f"must be text, got {got}"
    if kind in ("string_too_short", "too_short"):
        return "must not be empty"
    if kind == "list_type":
        return f"must be a list, got {got}"
    if kind == "literal_error" and get_origin(here) is Literal:
        choices = ", ".join(map(str, get_args(here)))
        shown = repr(value) if isinstance(value, str) else got
        return f"unknown {path[-1]} {shown}; choose one of: {choices}"
    return error["msg"]  # the schema's own checks, and any rare pydantic error


def _required(parent: Any, path: Path_) -> bool:
    """An empty value ('name:' with nothing after it) of a field that must be given."""
    field = parent.model_fields.get(path[-1]) if _is_section(parent) and path else None
    return field is not None and field.is_required()


def _mapping_of(here: Any, path: Path_) -> str:
    """What a mapping at ``path`` holds, for 'must be a mapping of ...'."""
    if _is_section(here):
        return here.expects()
    if path[-1] == "effects":  # of a programme whose type is unknown
        return schema.Effects.expects()
    members = (
        schema.tagged_members(schema.plain(get_args(here)[1])) if get_origin(here) is dict else {}
    )
    nouns = {getattr(schema.plain(m), "noun", "") for m in members.values()}
    noun = f"{nouns.pop()} " if len(nouns) == 1 else ""
    return f"a mapping of names to {noun}settings"


def _range_message(kind: str, ctx: Mapping, value: Any, path: Path_, parent: Any) -> str:
    if kind == "greater_than_equal":
        low = ctx["ge"]
        text = (
            f"must not be negative, got {value:g}"
            if low == 0
            else (f"must be at least {low:g}, got {value:g}")
        )
    else:
        high = ctx["le"]
        text = (
            f"must not be positive, got {value:g}"
            if high == 0
            else (f"must be at most {high:g}, got {value:g}")
        )
    if _is_section(parent) and issubclass(parent, schema.Effects):  # name the unit
        unit = parent.programme.EFFECTS[path[-1]].unit
        fall = "; a fall is negative" if kind == "less_than_equal" and ctx["le"] == 0 else ""
        text += f" ({unit}{fall})"
    return text


# ---------------------------------------------------------------------------- building
def _scenario(raw: dict, source: str) -> Scenario:
    """Turn checked, normalised content into a fresh Scenario."""
    # an intervention without buurten of its own works in all the scenario's buurten, also
    # when more of the city is simulated (its budget is not spread over the city)
    interventions = {
        n: _programme(
            CATALOGUE,
            {"areas": list(raw["areas"]), **{k: v for k, v in spec.items() if v is not None}},
        )
        for n, spec in raw["interventions"].items()
    }
    shocks = {n: _programme(SHOCKS, spec) for n, spec in raw["shocks"].items()}
    alloc = raw.get("allocation")
    allocation = Allocation(alloc["screening"], alloc["start"]) if alloc else Allocation()
    desc = raw.get("description", "")
    return Scenario(
        name=raw["name"],
        label_nl=raw["label"]["nl"],
        label_en=raw["label"]["en"],
        description=desc.get("en", desc.get("nl", "")) if isinstance(desc, dict) else desc,
        areas=list(raw["areas"]),
        start=raw["start"],
        horizon_years=raw["horizon_years"],
        budget_eur_per_year=raw["budget_eur_per_year"],
        interventions=interventions,
        shocks=shocks,
        allocation=allocation,
        source=source,
        kind=raw["kind"],
        raw=raw,
    )


def _programme(registry: Mapping[str, type], spec: dict):
    """A new intervention or shock object from its checked settings."""
    settings = {k: v for k, v in spec.items() if k not in ("type", "effects")}
    return registry[spec["type"]](**settings, **spec.get("effects", {}))


def description(scenario: Scenario, lang: str = "en") -> str:
    """The scenario's description in Dutch ('nl') or English ('en') if the file has it."""
    desc = scenario.raw.get("description", scenario.description)
    if isinstance(desc, dict):
        return desc.get(lang) or desc.get("en") or desc.get("nl") or ""
    return desc or ""


def label(scenario: Scenario, lang: str = "en") -> str:
    """The scenario's title in Dutch ('nl') or English."""
    return scenario.label_nl if lang == "nl" else scenario.label_en
