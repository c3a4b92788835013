"""Scenario files: read, check and turn YAML into ``Scenario`` objects.

A scenario file describes a programme portfolio (or a stress test) in plain
YAML; the schema is documented with an example in ``docs/scenarios.md``.
Built-in scenarios live in ``scenarios/builtin/NAME.yaml``.

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

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from core.errors import InputError
from model.inputs.areas import FOCUS_AREAS, all_areas, resolve_areas
from scenarios.base import Programme, month_index, month_label
from scenarios.interventions import CATALOGUE
from scenarios.scenario import Allocation, Scenario
from scenarios.shocks import SHOCKS

MODEL_START = "2021-06"
MAX_HORIZON = 50
DEFAULT_HORIZON = 10
DEFAULT_BUDGET = 700_000.0
DEFAULT_ALLOCATION_START = "2024-01"
KINDS = ("baseline", "portfolio", "stress test")
SUFFIXES = (".yaml", ".yml")

TOP_FIELDS = (
    "name",
    "label",
    "description",
    "kind",
    "areas",
    "start",
    "horizon_years",
    "budget_eur_per_year",
    "interventions",
    "shocks",
    "allocation",
)
LABEL_FIELDS = ("nl", "en")
COST_FIELDS = ("capacity", "fte", "fixed_eur", "eur_per_participant")
INTERVENTION_FIELDS = ("type", "start", "end", "areas", "intensity", *COST_FIELDS, "effects")
SHOCK_FIELDS = ("type", "start", "end", "months", "areas", "intensity", "effects")
ALLOCATION_FIELDS = ("screening", "start")

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")

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
def builtin_dir():
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
    return _Checker(source, {}).build(data, source)


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
    return _Checker(display, lines).build(data, str(path))


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


def _choices(items) -> str:
    return ", ".join(items)


def _got(value: object) -> str:
    """How a wrong value is shown in a message ("text 'abc'", "number 5", "a list")."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, dt.date):
        return f"date {value}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float):
        return f"number {value:g}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


# ---------------------------------------------------------------------------- checking
class _Checker:
    """Collects every problem of one file, then builds the Scenario or raises."""

    def __init__(self, display: str, lines: dict[Path_, int]) -> None:
        self.display, self.lines = display, lines
        self.problems: list[Problem] = []
        self.horizon_months: int | None = DEFAULT_HORIZON * 12
        self.area_keys: list[str] | None = None

    # ---------------------------------------------------------------- helpers
    def line(self, path: Path_) -> int | None:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def problem(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.display, self.line(path), _dotted(path), message))

    def mapping(self, value, path: Path_, allowed: tuple[str, ...], required=()) -> dict | None:
        if not isinstance(value, dict):
            what = "the file must hold the fields" if not path else "must be a mapping of"
            self.problem(path, f"{what} {_choices(allowed)}, got {_got(value)}")
            return None
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(
                    (*path, key), f"unknown field{hint}; allowed fields: {_choices(allowed)}"
                )
        for key in required:
            if key not in value or value[key] is None:
                self.problem((*path, key), "missing required field")
        return value

    def text(self, value, path: Path_) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"must be text, got {_got(value)}")
            return None
        return value.strip()

    def number(
        self,
        value,
        path: Path_,
        low: float | None = 0.0,
        high: float | None = None,
        whole: bool = False,
        what: str = "number",
    ) -> float | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if whole and ok and isinstance(value, float) and not value.is_integer():
            ok = False
        if not ok:
            kind = "a whole number" if whole else "a number"
            self.problem(path, f"must be {kind}, got {_got(value)}")
            return None
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an enormous whole number
            finite = False
        if not finite:
            self.problem(path, f"must be a finite {what}, got {value}")
            return None
        if low is not None and value < low:
            self.problem(
                path,
                f"must not be negative, got {value:g}"
                if low == 0
                else f"must be at least {low:g}, got {value:g}",
            )
            return None
        if high is not None and value > high:
            self.problem(path, f"must be at most {high:g}, got {value:g}")
            return None
        return int(value) if whole else float(value)

    def month(self, value, path: Path_, last_ok: bool = False) -> int | None:
        """Month index of a 'YYYY-MM' value within the horizon (None if not)."""
        match = MONTH.match(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.problem(
                path,
                f"write the month as 'YYYY-MM' in quotes (e.g. '2024-01'), got {_got(value)}",
            )
            return None
        index = month_index(value)
        if index < 0:
            self.problem(path, f"{value!r} is before the model start {MODEL_START}")
            return None
        if self.horizon_months is not None:
            limit = self.horizon_months if last_ok else self.horizon_months - 1
            if index > limit:
                end = month_label(self.horizon_months)
                latest = f"the latest is {month_label(limit)}" if not last_ok else ""
                self.problem(
                    path,
                    f"{value!r} is after the end of the horizon ({MODEL_START} to {end}, "
                    f"horizon_years {self.horizon_months // 12}){'; ' + latest if latest else ''}",
                )
                return None
        return index

    def areas(self, value, path: Path_, within: list[str] | None = None) -> list[str] | None:
        """Buurt keys for a list of names or codes; 'all' means all 44 buurten, or all of
        ``within`` (the scenario's buurten) for an intervention or shock."""
        if not isinstance(value, list) or not value:
            self.problem(
                path,
                f"must be a list of buurten (names or CBS codes), got {_got(value)}",
            )
            return None
        keys: list[str] = []
        bad = False
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem((*path, i), f"must be a buurt name or CBS code, got {_got(item)}")
                bad = True
                continue
            if item.strip().lower() == "all" and within is not None:
                keys.extend(k for k in within if k not in keys)  # all of the scenario's
                continue
            try:
                found = resolve_areas([item])
            except InputError as exc:
                self.problem((*path, i), str(exc))
                bad = True
                continue
            keys.extend(a.key for a in found if a.key not in keys)
        return None if bad else keys

    # ---------------------------------------------------------------- the document
    def build(self, data, source: str) -> Scenario:
        raw = self.check(data)
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise ScenarioError(self.display, self.problems)
        return _scenario(raw, source)

    def check(self, data) -> dict:
        if data is None:
            self.problem((), "the file is empty; see docs/scenarios.md for an example")
            return {}
        doc = self.mapping(data, (), TOP_FIELDS, required=("name", "label"))
        if doc is None:
            return {}
        raw: dict = {}

        if doc.get("name") is not None:
            name = doc["name"]
            if not isinstance(name, str) or not SLUG.match(name):
                self.problem(
                    ("name",),
                    "must be a short lower-case name of letters, digits and hyphens "
                    f"(e.g. 'debt-first'), got {_got(name)}",
                )
            else:
                raw["name"] = name
        if doc.get("label") is not None:
            raw["label"] = self.bilingual(doc["label"], ("label",))
        if doc.get("description") is not None:
            desc = doc["description"]
            raw["description"] = (
                self.bilingual(desc, ("description",), required=False)
                if isinstance(desc, dict)
                else self.text(desc, ("description",))
            )
        kind = doc.get("kind", "portfolio")
        if not isinstance(kind, str) or kind not in KINDS:
            shown = repr(kind) if isinstance(kind, str) else _got(kind)
            self.problem(("kind",), f"unknown kind {shown}; choose one of: {_choices(KINDS)}")
            kind = None
        raw["kind"] = kind

        if "start" in doc and doc["start"] != MODEL_START:
            self.problem(
                ("start",),
                f"the model always starts in {MODEL_START} (June 2021), got {_got(doc['start'])}; "
                f"remove 'start' or write start: '{MODEL_START}'",
            )
        raw["start"] = MODEL_START
        horizon = self.number(
            doc.get("horizon_years", DEFAULT_HORIZON),
            ("horizon_years",),
            low=1,
            high=MAX_HORIZON,
            whole=True,
        )
        self.horizon_months = None if horizon is None else 12 * horizon
        raw["horizon_years"] = horizon
        raw["budget_eur_per_year"] = self.number(
            doc.get("budget_eur_per_year", DEFAULT_BUDGET), ("budget_eur_per_year",)
        )
        if "areas" in doc:
            self.area_keys = self.areas(doc["areas"], ("areas",))
        else:
            self.area_keys = [all_areas()[code].key for code in FOCUS_AREAS]
        raw["areas"] = self.area_keys

        raw["interventions"] = self.programmes(doc.get("interventions"), "interventions")
        raw["shocks"] = self.programmes(doc.get("shocks"), "shocks")
        if doc.get("allocation") is not None:
            raw["allocation"] = self.allocation(doc["allocation"])
        self.consistency(kind, doc, raw)
        return raw

    def bilingual(self, value, path: Path_, required: bool = True) -> dict | None:
        if not isinstance(value, dict):
            self.problem(
                path,
                f"must be a mapping with 'nl' (Nederlands) and 'en' (English) text, got "
                f"{_got(value)}",
            )
            return None
        self.mapping(value, path, LABEL_FIELDS, required=LABEL_FIELDS if required else ())
        return {
            lang: self.text(value[lang], (*path, lang))
            for lang in LABEL_FIELDS
            if value.get(lang) is not None
        }

    def programmes(self, value, group: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(
                (group,),
                f"must be a mapping of names to {group[:-1]} settings, got {_got(value)}",
            )
            return {}
        out = {}
        for name, spec in value.items():
            path = (group, name)
            if not SLUG.match(str(name)):
                self.problem(
                    path,
                    "name must be lower-case letters, digits, '-' or '_' (e.g. 'debt-visits')",
                )
            if group == "interventions":
                out[name] = self.intervention(spec, path)
            else:
                out[name] = self.shock(spec, path)
        return out

    def programme_type(self, spec: dict, path: Path_, registry: Mapping, what: str):
        kind = spec.get("type")
        if kind is None:
            return None
        if not isinstance(kind, str) or kind not in registry:
            close = difflib.get_close_matches(str(kind), list(registry), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            shown = repr(kind) if isinstance(kind, str) else _got(kind)
            self.problem(
                (*path, "type"),
                f"unknown {what} {shown}{hint}; choose one of: {_choices(registry)}",
            )
            return None
        return registry[kind]

    def common(self, spec: dict, path: Path_, cls: type[Programme] | None) -> dict:
        """start, end, areas, intensity and effects (shared by interventions and shocks)."""
        out: dict = {"type": spec.get("type") if cls else None}
        first = None
        if spec.get("start") is not None:
            first = self.month(spec["start"], (*path, "start"))
            out["start"] = spec["start"]
        if spec.get("end") is not None:
            last = self.month(spec["end"], (*path, "end"), last_ok=True)
            if first is not None and last is not None and last <= first:
                self.problem(
                    (*path, "end"),
                    f"end {spec['end']!r} must be after start {spec['start']!r} "
                    "(end is the first month it no longer runs)",
                )
            out["end"] = spec["end"]
        if spec.get("areas") is not None:
            keys = self.areas(spec["areas"], (*path, "areas"), within=self.area_keys)
            if keys is not None and self.area_keys is not None:
                outside = [k for k in keys if k not in self.area_keys]
                if outside:
                    self.problem(
                        (*path, "areas"),
                        f"{_choices(outside)} not among the scenario's buurten "
                        f"({_choices(self.area_keys)}); add it to the top-level 'areas'",
                    )
            out["areas"] = keys
        out["intensity"] = self.number(spec.get("intensity", 1.0), (*path, "intensity"))
        if spec.get("effects") is not None:
            out["effects"] = self.effects(spec["effects"], (*path, "effects"), cls)
        return out

    def effects(self, value, path: Path_, cls: type[Programme] | None) -> dict:
        if not isinstance(value, dict):
            self.problem(path, f"must be a mapping of effect names to numbers, got {_got(value)}")
            return {}
        out = {}
        for name, number in value.items():
            if cls is None:  # unknown type: effect names cannot be checked
                continue
            if name not in cls.EFFECTS:
                close = difflib.get_close_matches(str(name), list(cls.EFFECTS), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(
                    (*path, name),
                    f"unknown effect{hint} of {cls.key}; its effects are: {_choices(cls.EFFECTS)}",
                )
                continue
            param = cls.EFFECTS[name]
            x = self.number(number, (*path, name), low=None)
            if x is None:
                continue
            if param.low >= 0 and x < 0:
                self.problem((*path, name), f"must not be negative, got {x:g} ({param.unit})")
            elif param.high <= 0 and x > 0:
                self.problem(
                    (*path, name),
                    f"must not be positive, got {x:g} ({param.unit}; a fall is negative)",
                )
            elif param.unit.startswith("share") and x > 1:
                self.problem((*path, name), f"is a share and must be at most 1, got {x:g}")
            else:
                out[name] = x
        return out

    def intervention(self, spec, path: Path_) -> dict:
        spec = self.mapping(spec, path, INTERVENTION_FIELDS, required=("type", "start"))
        if spec is None:
            return {}
        cls = self.programme_type(spec, path, CATALOGUE, "intervention")
        out = self.common(spec, path, cls)
        for name in COST_FIELDS:
            if spec.get(name) is not None:
                out[name] = self.number(spec[name], (*path, name))
        return _drop_none(out)

    def shock(self, spec, path: Path_) -> dict:
        spec = self.mapping(spec, path, SHOCK_FIELDS, required=("type", "start"))
        if spec is None:
            return {}
        cls = self.programme_type(spec, path, SHOCKS, "shock")
        has_end, has_months = spec.get("end") is not None, spec.get("months") is not None
        if has_end and has_months:
            self.problem((*path, "months"), "give either 'end' or 'months', not both")
        elif not has_end and not has_months:
            self.problem((*path, "end"), "missing required field: a shock needs 'end' or 'months'")
        out = self.common(spec, path, cls)
        if has_months and not has_end:
            months = self.number(spec["months"], (*path, "months"), low=1, whole=True)
            first = (
                month_index(spec["start"])
                if isinstance(spec.get("start"), str) and MONTH.match(spec["start"])
                else None
            )
            if months is not None and first is not None:
                end = first + months
                if self.horizon_months is not None and end > self.horizon_months:
                    self.problem(
                        (*path, "months"),
                        f"{months} months from {spec['start']} ends in {month_label(end)}, "
                        f"after the end of the horizon ({month_label(self.horizon_months)})",
                    )
                out["end"] = month_label(end)
        return _drop_none(out)

    def allocation(self, value) -> dict:
        spec = self.mapping(value, ("allocation",), ALLOCATION_FIELDS, required=("screening",))
        if spec is None:
            return {}
        out = {
            "screening": self.number(spec.get("screening"), ("allocation", "screening"), high=1)
            if spec.get("screening") is not None
            else None,
            "start": spec.get("start", DEFAULT_ALLOCATION_START),
        }
        self.month(out["start"], ("allocation", "start"))
        return _drop_none(out)

    def consistency(self, kind: str | None, doc: dict, raw: dict) -> None:
        has = {k: bool(doc.get(k)) for k in ("interventions", "shocks", "allocation")}
        if kind == "baseline":
            for key, present in has.items():
                if present:
                    self.problem(
                        (key,),
                        "a baseline has no interventions, shocks or allocation policy; "
                        "remove it or set kind: portfolio (or 'stress test' with shocks)",
                    )
        elif kind == "portfolio":
            if has["shocks"]:
                self.problem(
                    ("shocks",),
                    "a portfolio has no shocks; set kind: 'stress test' to test the "
                    "portfolio under a shock",
                )
            if not has["interventions"] and not has["allocation"]:
                self.problem(
                    ("interventions",),
                    "a portfolio needs at least one intervention (or an allocation policy); "
                    "for no programme at all use kind: baseline",
                )
        elif kind == "stress test" and not has["shocks"]:
            self.problem(("shocks",), "a stress test needs at least one shock")


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


# ---------------------------------------------------------------------------- building
def _scenario(raw: dict, source: str) -> Scenario:
    """Turn checked, normalised content into a fresh Scenario."""
    interventions = {}
    for name, spec in raw["interventions"].items():
        cls = CATALOGUE[spec["type"]]
        interventions[name] = cls(
            start=spec["start"],
            end=spec.get("end"),
            areas=spec.get("areas"),
            intensity=spec["intensity"],
            **{k: spec[k] for k in COST_FIELDS if k in spec},
            **spec.get("effects", {}),
        )
    shocks = {}
    for name, spec in raw["shocks"].items():
        shocks[name] = SHOCKS[spec["type"]](
            start=spec["start"],
            end=spec["end"],
            areas=spec.get("areas"),
            intensity=spec["intensity"],
            **spec.get("effects", {}),
        )
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


def description(scenario: Scenario, lang: str = "en") -> str:
    """The scenario's description in Dutch ('nl') or English ('en') if the file has it."""
    desc = scenario.raw.get("description", scenario.description)
    if isinstance(desc, dict):
        return desc.get(lang) or desc.get("en") or desc.get("nl") or ""
    return desc or ""


def label(scenario: Scenario, lang: str = "en") -> str:
    return scenario.label_nl if lang == "nl" else scenario.label_en
