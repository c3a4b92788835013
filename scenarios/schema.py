"""The scenario file format, declared once as pydantic models.

The models are the single statement of what a scenario file may hold: field
names, types, ranges and defaults. ``scenarios.loader`` validates YAML with
them and turns their errors into line-numbered messages; ``json_schema()``
publishes the same declaration as a JSON Schema for editors
(``docs/scenario.schema.json``, written by ``python -m scenarios.schema_docs``).

Effects are not listed here: each intervention and shock type gets its own
model, built from the ``EFFECTS`` parameters of its class in the catalogue
(``scenarios/interventions.py``, ``scenarios/shocks.py``), so a new effect or
a changed range needs no change in this file.

Checks that join two places of a file (months against ``horizon_years``,
programme buurten against the scenario's ``areas``) get the top-level values
through the validation context (``Bounds``); rules across fields (the kind
against the sections, a shock's ``end`` or ``months``) look at the raw input,
so that they are reported together with every other problem.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from core.errors import InputError
from model.inputs.areas import FOCUS_AREAS, all_areas, resolve_areas
from model.timeline import PROGRAMME_START, START, month_index, month_label
from scenarios.base import Programme
from scenarios.interventions import CATALOGUE
from scenarios.shocks import SHOCKS

MODEL_START = START
# The programme budget: EUR 700k a year from 2024 (the alderman's letter of 6 June 2023).
DEFAULT_BUDGET = 700_000.0
MAX_HORIZON = 50
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
UNKNOWN_TYPE = "unknown type"  # union tag of a programme whose type is not in the catalogue


# ---------------------------------------------------------------------------- messages
def describe(value: object) -> str:
    """How a wrong value is shown in a message ("text 'abc'", "number 5", "a list")."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if hasattr(value, "isoformat"):  # YAML reads 2024-01-01 as a date
        return f"date {value}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float):
        try:
            return f"number {value:g}"
        except OverflowError:  # a whole number too large for a float
            return "a number too large to use"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else describe(value)


def _hint(value: object, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _problem(kind: str, message: str) -> PydanticCustomError:
    """An error whose message is final (no pydantic wording is added)."""
    return PydanticCustomError(kind, "{message}", {"message": message})


# ---------------------------------------------------------------------------- context
@dataclass(frozen=True)
class Bounds:
    """The top-level values that checks deeper in the file need: the horizon in months
    and the scenario's buurt keys (None where the top-level value is itself wrong, so
    that one mistake is not reported again at every month or buurt)."""

    horizon_months: int | None = None
    area_keys: tuple[str, ...] | None = None

    @classmethod
    def of(cls, data: object) -> Bounds:
        """Bounds of raw file content, checked with the declared top-level fields."""
        if not isinstance(data, Mapping):
            return cls()
        horizon = _top_level_value("horizon_years", data)
        areas = _top_level_value("areas", data)
        return cls(
            horizon_months=None if horizon is None else 12 * horizon,
            area_keys=None if areas is None else tuple(areas),
        )


def _top_level_value(name: str, data: Mapping) -> Any:
    field = ScenarioFile.model_fields[name]
    value = data[name] if name in data else field.get_default(call_default_factory=True)
    try:
        return _adapter(name).validate_python(value)
    except ValidationError:
        return None


@cache
def _adapter(name: str) -> TypeAdapter:
    field = ScenarioFile.model_fields[name]
    return TypeAdapter(Annotated[field.annotation, *field.metadata])


def _bounds(info: ValidationInfo) -> Bounds:
    return info.context if isinstance(info.context, Bounds) else Bounds()


# ---------------------------------------------------------------------------- value types
def _slug(value: object) -> object:
    if not isinstance(value, str) or not re.match(SLUG_PATTERN, value):
        raise _problem(
            "name",
            "must be a short lower-case name of letters, digits and hyphens "
            f"(e.g. 'debt-first'), got {describe(value)}",
        )
    return value


def _programme_name(value: object) -> object:
    if not re.match(SLUG_PATTERN, str(value)):
        raise _problem(
            "name", "name must be lower-case letters, digits, '-' or '_' (e.g. 'debt-visits')"
        )
    return value


def _model_start(value: object) -> object:
    if value != MODEL_START:
        raise _problem(
            "model_start",
            f"the model always starts in {MODEL_START} (June 2021), got {describe(value)}; "
            f"remove 'start' or write start: '{MODEL_START}'",
        )
    return value


def _month_text(value: object) -> object:
    if not isinstance(value, str) or not re.match(MONTH_PATTERN, value):
        raise _problem(
            "month",
            f"write the month as 'YYYY-MM' in quotes (e.g. '{PROGRAMME_START}'), "
            f"got {describe(value)}",
        )
    return value


def _in_horizon(value: str, info: ValidationInfo, last_ok: bool) -> str:
    index = month_index(value)
    if index < 0:
        raise _problem("month_range", f"{value!r} is before the model start {MODEL_START}")
    horizon = _bounds(info).horizon_months
    if horizon is not None:
        limit = horizon if last_ok else horizon - 1
        if index > limit:
            latest = "" if last_ok else f"; the latest is {month_label(limit)}"
            raise _problem(
                "month_range",
                f"{value!r} is after the end of the horizon ({MODEL_START} to "
                f"{month_label(horizon)}, horizon_years {horizon // 12}){latest}",
            )
    return value


def _first_month(value: str, info: ValidationInfo) -> str:
    return _in_horizon(value, info, last_ok=False)


def _end_month(value: str, info: ValidationInfo) -> str:
    return _in_horizon(value, info, last_ok=True)


def _buurt_list(value: object) -> object:
    if not isinstance(value, list) or not value:
        raise _problem(
            "areas", f"must be a list of buurten (names or CBS codes), got {describe(value)}"
        )
    return value


def _buurt_name(value: object) -> object:
    if not isinstance(value, str):
        raise _problem("area", f"must be a buurt name or CBS code, got {describe(value)}")
    return value


def _scenario_buurten(value: str) -> list[str]:
    try:
        return [a.key for a in resolve_areas([value])]
    except InputError as exc:
        raise _problem("area", str(exc)) from None


def _programme_buurten(value: str, info: ValidationInfo) -> list[str]:
    within = _bounds(info).area_keys
    if value.strip().lower() == "all" and within is not None:
        return list(within)
    return _scenario_buurten(value)


def _flatten(groups: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(key for group in groups for key in group))


def _among_scenario_buurten(keys: list[str], info: ValidationInfo) -> list[str]:
    within = _bounds(info).area_keys
    outside = [k for k in keys if within is not None and k not in within]
    if outside:
        raise _problem(
            "areas",
            f"{', '.join(outside)} not among the scenario's buurten ({', '.join(within)}); "
            "add it to the top-level 'areas'",
        )
    return keys


def _integral(value: object) -> object:
    """2.0 is the whole number 2 (YAML writes what the user wrote)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _none_as_empty(value: object) -> object:
    """An empty section ('interventions:' with nothing under it) is no section."""
    return {} if value is None else value


def _focus_keys() -> list[str]:
    return [all_areas()[code].key for code in FOCUS_AREAS]


Number = Annotated[float, Strict(), AllowInfNan(False)]
Amount = Annotated[Number, Field(ge=0)]
Share = Annotated[Number, Field(ge=0, le=1)]


def whole(**bounds: int) -> Any:
    """A whole number type; the bounds go inside, where the JSON Schema can show them."""
    return Annotated[int, Strict(), Field(**bounds), BeforeValidator(_integral)]


Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
Name = Annotated[str, Field(pattern=SLUG_PATTERN), BeforeValidator(_slug)]
ProgrammeName = Annotated[str, BeforeValidator(_programme_name)]
Month = Annotated[
    str, Field(pattern=MONTH_PATTERN, examples=[PROGRAMME_START]), BeforeValidator(_month_text)
]
FirstMonth = Annotated[Month, AfterValidator(_first_month)]
EndMonth = Annotated[Month, AfterValidator(_end_month)]
Buurt = Annotated[str, BeforeValidator(_buurt_name)]
ScenarioAreas = Annotated[
    list[Annotated[Buurt, AfterValidator(_scenario_buurten)]],
    Field(min_length=1),
    BeforeValidator(_buurt_list),
    AfterValidator(_flatten),
]
ProgrammeAreas = Annotated[
    list[Annotated[Buurt, AfterValidator(_programme_buurten)]],
    Field(min_length=1),
    BeforeValidator(_buurt_list),
    AfterValidator(_flatten),
    AfterValidator(_among_scenario_buurten),
]
Kind = Literal["baseline", "portfolio", "stress test"]


# ---------------------------------------------------------------------------- sections
class Section(BaseModel):
    """A mapping of named fields; unknown fields are errors (a typo must not pass)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    @classmethod
    def expects(cls) -> str:
        """What a value of this section looks like, for 'must be ...' messages."""
        return f"a mapping of {', '.join(cls.model_fields)}"


class Label(Section):
    """A short title in Dutch and English."""

    nl: Text
    """Nederlands"""
    en: Text
    """English"""

    @classmethod
    def expects(cls) -> str:
        return "a mapping with 'nl' (Nederlands) and 'en' (English) text"


class Translations(Section):
    """A text in Dutch, English or both."""

    nl: Text | None = None
    """Nederlands"""
    en: Text | None = None
    """English"""

    @classmethod
    def expects(cls) -> str:
        return "a mapping with 'nl' (Nederlands) and/or 'en' (English) text"


def _text_or_translations(value: object) -> str:
    return "translations" if isinstance(value, dict | Translations) else "text"


Description = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Translations, Tag("translations")],
    Discriminator(_text_or_translations),
]


class Effects(Section):
    """Effect sizes of one programme type. Only those the file gives are kept when the
    content is written out (the class supplies the rest), so ``Scenario.raw`` and its
    digest stay as they were before defaults were declared here."""

    programme: ClassVar[type[Programme]]

    @classmethod
    def expects(cls) -> str:
        return "a mapping of effect names to numbers"

    @model_serializer(mode="wrap")
    def _only_given(self, handler: Callable) -> dict:
        return {k: v for k, v in handler(self).items() if k in self.model_fields_set}


def _effect_type(param) -> Any:
    """An effect keeps the sign of its plausible range, and a share stays at most 1."""
    bounds: dict[str, float] = {}
    if param.low >= 0:
        bounds["ge"] = 0
        if param.unit.startswith("share"):
            bounds["le"] = 1
    elif param.high <= 0:
        bounds["le"] = 0
    return Annotated[Number, Field(**bounds)]


def _effects_model(cls: type[Programme]) -> type[Effects]:
    fields = {
        name: (
            _effect_type(p),
            Field(
                default=p.default,
                description=(
                    f"{p.description} ({p.unit}); plausible {p.low:g} to {p.high:g}; {p.source}"
                ),
            ),
        )
        for name, p in cls.EFFECTS.items()
    }
    model = create_model(
        f"{cls.__name__}Effects",
        __base__=Effects,
        __doc__=f"Effects of {cls.key} (defaults from the catalogue).",
        **fields,
    )
    model.programme = cls
    return model


class ProgrammeFields(Section):
    """What interventions and shocks share; each type adds its own 'type' and 'effects'."""

    @field_validator("end", check_fields=False)
    @classmethod
    def _end_after_start(cls, end: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("start")
        if end is not None and start is not None and month_index(end) <= month_index(start):
            raise _problem(
                "end",
                f"end {end!r} must be after start {start!r} "
                "(end is the first month it no longer runs)",
            )
        return end


class InterventionFields(ProgrammeFields):
    """One intervention: a programme of the catalogue with dates, place, size and costs."""

    noun: ClassVar[str] = "intervention"

    type: str
    """an intervention type (table below; `veerkracht interventions` shows them all)"""
    start: FirstMonth
    """first month it runs, `"YYYY-MM"`"""
    end: EndMonth | None = None
    """first month it no longer runs, `"YYYY-MM"`; after `start` (without it: runs to the
    end)"""
    areas: ProgrammeAreas | None = None
    """buurten it works in; must be among the scenario's `areas` (`all`, or without it: all
    of them)"""
    intensity: Amount = 1.0
    """1 = the programme as described, 0.5 = half, 2 = double, 0 = switched off; scales costs
    and capacity"""
    capacity: Amount | None = None
    """participants (or contacts, dwellings) a year, replaces the type's standard capacity"""
    fte: Amount | None = None
    """staff in full-time equivalents (EUR 80,000 each a year); without it: the type's"""
    fixed_eur: Amount | None = None
    """fixed cost a year in EUR (rent, budgets, materials); without it: the type's"""
    eur_per_participant: Amount | None = None
    """cost per participant (or dwelling) in EUR; without it: the type's"""
    effects: dict[str, Any] | None = None
    """mapping of effect names to numbers, replacing the default effect sizes; `veerkracht
    interventions TYPE` lists the names, defaults, plausible ranges and sources"""


class ShockFields(ProgrammeFields):
    """One shock of a stress test: a dated, sized disturbance (no cost)."""

    noun: ClassVar[str] = "shock"

    type: str = Field(description=f"one of {', '.join(f'`{key}`' for key in SHOCKS)}")
    start: FirstMonth
    """first month of the shock, `"YYYY-MM"`"""
    end: EndMonth | None = None
    """first month without the shock, `"YYYY-MM"` (give `end` or `months`)"""
    months: whole(ge=1) | None = Field(default=None, exclude=True)
    """its length in whole months (give `end` or `months`)"""
    areas: ProgrammeAreas | None = None
    """buurten it hits, among the scenario's `areas` (without it: all of them)"""
    intensity: Amount = 1.0
    """1 = the shock as described, 0.5 = half as strong"""
    effects: dict[str, Any] | None = None
    """effect sizes, e.g. `size` of `energy_spike` (`veerkracht interventions energy_spike`)"""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["end"]}, {"required": ["months"]}]}
    )

    @model_validator(mode="wrap")
    @classmethod
    def _end_or_months(cls, data: Any, handler: Callable) -> Any:
        rules = []
        if isinstance(data, Mapping):
            has_end, has_months = data.get("end") is not None, data.get("months") is not None
            if has_end and has_months:
                rules.append(_rule(("months",), "give either 'end' or 'months', not both", data))
            elif not has_end and not has_months:
                rules.append(
                    _rule(("end",), "missing required field: a shock needs 'end' or 'months'", data)
                )
        return _validate_with_rules(cls, data, handler, rules)

    @field_validator("months")
    @classmethod
    def _months_in_horizon(cls, months: int | None, info: ValidationInfo) -> int | None:
        start, horizon = info.data.get("start"), _bounds(info).horizon_months
        if months is not None and start is not None and horizon is not None:
            end = month_index(start) + months
            if end > horizon:
                raise _problem(
                    "months",
                    f"{months} months from {start} ends in {month_label(end)}, "
                    f"after the end of the horizon ({month_label(horizon)})",
                )
        return months

    @model_validator(mode="after")
    def _end_from_months(self) -> ShockFields:
        """The checked shock keeps its end month, however the file wrote its length."""
        if self.end is None and self.months is not None:
            self.end = month_label(month_index(self.start) + self.months)
        return self


def _unknown_type(registry: Mapping[str, type], what: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        raise _problem(
            "programme_type",
            f"unknown {what} {_shown(value)}{_hint(value, registry)}; "
            f"choose one of: {', '.join(registry)}",
        )

    return check


def _typed(base: type[Section], cls: type[Programme]) -> type[Section]:
    """The settings model of one catalogue type: its 'type' and its own effects."""
    return create_model(
        cls.__name__,
        __base__=base,
        __doc__=f"{cls.label_en}. {cls.summary}".strip(),
        type=(Literal[cls.key], Field(description=base.model_fields["type"].description)),
        effects=(
            _effects_model(cls) | None,
            Field(None, description=base.model_fields["effects"].description),
        ),
    )


def _programme_union(base: type[Section], registry: Mapping[str, type], what: str) -> Any:
    """One model per type, chosen by 'type'; an unknown or missing type is still checked
    field by field (so every problem shows), only its effects cannot be."""
    unknown = create_model(
        f"Unknown{base.__name__}",
        __base__=base,
        type=(Annotated[Any, AfterValidator(_unknown_type(registry, what))], ...),
    )

    def choose(value: object) -> str:  # file content, or a model when serialising
        kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
        return kind if isinstance(kind, str) and kind in registry else UNKNOWN_TYPE

    members = [Annotated[_typed(base, cls), Tag(key)] for key, cls in registry.items()]
    members.append(Annotated[unknown, Tag(UNKNOWN_TYPE)])
    return Annotated[Union[tuple(members)], Discriminator(choose)]  # noqa: UP007


Intervention = _programme_union(InterventionFields, CATALOGUE, "intervention")
Shock = _programme_union(ShockFields, SHOCKS, "shock")


class Allocation(Section):
    """Letting policy of the housing corporations (a lever, no cost)."""

    screening: Share
    """share of corporation lettings where the least vulnerable applicant of the pool gets
    the home"""
    start: FirstMonth = Field(PROGRAMME_START, validate_default=True)
    """first month of the policy, `"YYYY-MM"`"""


class ScenarioFile(Section):
    """A Veerkracht scenario: a programme portfolio or a stress test (docs/scenarios.md)."""

    name: Name
    """short name: lower-case letters, digits, `-` or `_` (it names the scenario in result
    tables)"""
    label: Label
    """`nl` and `en`: a short title in Dutch and English"""
    description: Description | None = None
    """what the scenario does and which question it answers; text, or `nl` and `en`"""
    kind: Kind = "portfolio"
    """`baseline` (nothing), `portfolio` (interventions, no shocks) or `stress test` (at
    least one shock)"""
    areas: ScenarioAreas = Field(
        default_factory=_focus_keys,
        json_schema_extra=lambda schema: schema.update(default=_focus_keys()),
    )
    """list of buurten by name or CBS code (any case), or `all` for the 44 buurten of
    Maastricht; `veerkracht areas` lists them"""
    start: Annotated[Literal[MODEL_START], BeforeValidator(_model_start)] = MODEL_START
    """the model start, June 2021 (`model.timeline.START`); other values are rejected"""
    horizon_years: whole(ge=1, le=MAX_HORIZON) = 10
    """whole number of years from June 2021"""
    budget_eur_per_year: Amount = DEFAULT_BUDGET
    """the programme budget per calendar year in EUR"""
    interventions: Annotated[
        dict[ProgrammeName, Intervention],
        BeforeValidator(_none_as_empty),
        Field(json_schema_extra={"propertyNames": {"pattern": SLUG_PATTERN}}),
    ] = {}
    """mapping of your names (used in the cost columns) to intervention settings (below)"""
    shocks: Annotated[
        dict[ProgrammeName, Shock],
        BeforeValidator(_none_as_empty),
        Field(json_schema_extra={"propertyNames": {"pattern": SLUG_PATTERN}}),
    ] = {}
    """mapping of your names to shock settings (below)"""
    allocation: Allocation | None = None
    """letting policy of the housing corporations (below)"""

    @classmethod
    def expects(cls) -> str:
        return f"the fields {', '.join(cls.model_fields)}"

    @model_validator(mode="wrap")
    @classmethod
    def _whole_file(cls, data: Any, handler: Callable, info: ValidationInfo) -> Any:
        if not isinstance(info.context, Bounds):  # first find the horizon and the buurten
            return cls.model_validate(data, context=Bounds.of(data))
        return _validate_with_rules(cls, data, handler, _kind_rules(data))


def _kind_rules(data: object) -> list[dict]:
    """What each kind of scenario must (not) contain, judged on the file as written."""
    if not isinstance(data, Mapping):
        return []
    kind = data.get("kind", ScenarioFile.model_fields["kind"].default)
    has = {k: bool(data.get(k)) for k in ("interventions", "shocks", "allocation")}
    if kind == "baseline":
        return [
            _rule(
                (key,),
                "a baseline has no interventions, shocks or allocation policy; "
                "remove it or set kind: portfolio (or 'stress test' with shocks)",
                data,
            )
            for key, present in has.items()
            if present
        ]
    rules = []
    if kind == "portfolio":
        if has["shocks"]:
            rules.append(
                _rule(
                    ("shocks",),
                    "a portfolio has no shocks; set kind: 'stress test' to test the "
                    "portfolio under a shock",
                    data,
                )
            )
        if not has["interventions"] and not has["allocation"]:
            rules.append(
                _rule(
                    ("interventions",),
                    "a portfolio needs at least one intervention (or an allocation policy); "
                    "for no programme at all use kind: baseline",
                    data,
                )
            )
    elif kind == "stress test" and not has["shocks"]:
        rules.append(_rule(("shocks",), "a stress test needs at least one shock", data))
    return rules


# ---------------------------------------------------------------------------- rules
_KNOWN_ERRORS = frozenset(get_args(core_schema.ErrorType))


def _rule(loc: tuple[str, ...], message: str, data: Mapping) -> dict:
    return {"type": _problem("rule", message), "loc": loc, "input": data}


def _validate_with_rules(cls: type, data: Any, handler: Callable, rules: list[dict]) -> Any:
    """Validate the fields and report broken cross-field ``rules`` in the same error."""
    try:
        result = handler(data)
    except ValidationError as exc:
        errors = [_reraisable(e) for e in exc.errors()]
    else:
        if not rules:
            return result
        errors = []
    raise ValidationError.from_exception_data(cls.__name__, errors + rules)


def _reraisable(error: Mapping) -> dict:
    if error["type"] in _KNOWN_ERRORS:
        out = {"type": error["type"], "loc": error["loc"], "input": error["input"]}
        if "ctx" in error:
            out["ctx"] = error["ctx"]
        return out
    return {
        "type": _problem(error["type"], error["msg"]),
        "loc": error["loc"],
        "input": error["input"],
    }


# ---------------------------------------------------------------------------- use
def validate(data: object) -> ScenarioFile:
    """Check scenario content (as read from YAML); ValidationError lists every problem."""
    return ScenarioFile.model_validate(data)


def normalised(doc: ScenarioFile) -> dict:
    """The checked content as plain data: defaults filled in, buurten as keys, shock
    lengths as end months (what ``Scenario.raw`` holds and ``digest()`` hashes)."""
    return doc.model_dump(exclude_none=True)


def locate(loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], Any]:
    """The field path a user sees for a pydantic error location (union tags and
    dict-key markers left out), and the declared type at that place (None if unknown)."""
    path: list[str | int] = []
    here: Any = ScenarioFile
    for part in loc:
        here = plain(here)
        members = tagged_members(here)
        if part in members:  # which union member was tried: not a place in the file
            here = members[part]
            continue
        if part == "[key]":  # the problem is the key itself
            here = None
            continue
        path.append(part)
        here = _child(here, part)
    return tuple(path), plain(here)


def plain(tp: Any) -> Any:
    """A type without Annotated metadata and without an optional None."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
            continue
        if get_origin(tp) in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
                continue
        return tp


def tagged_members(tp: Any) -> dict[str, Any]:
    if get_origin(tp) not in (Union, types.UnionType):
        return {}
    out = {}
    for member in get_args(tp):
        for meta in getattr(member, "__metadata__", ()):
            if isinstance(meta, Tag):
                out[meta.tag] = member
    return out


def _child(tp: Any, part: str | int) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(part) if isinstance(part, str) else None
        return None if field is None else field.annotation
    if get_origin(tp) is dict:
        return get_args(tp)[1]
    if get_origin(tp) is list:
        return get_args(tp)[0]
    return None
