"""What a calibration fits: which parameters, to which targets, in which role.

The model starts in June 2021 *aligned* to the 2021 survey (``model.initial_state``):
the starting shares are the survey's. Those rows are therefore not evidence about
the model's dynamics; they get the role ``start`` and are reported, not fitted.
The uncertain parameters are the ones that move the buurten after the start, so
the fit uses the later survey waves (role ``fit``), except the indicators held
out for validation (role ``holdout``), which are predicted but never seen by the
fit.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from calibration.emulator import SurveyDesign
from calibration.questions import SURVEY_INDICATORS
from core.errors import InputError
from model.inputs import Inputs, inputs_from_targets
from model.inputs.targets import standard_error
from model.params import PARAMS, REGISTRY
from model.timeline import START, SURVEY_YEAR, survey_month

# The parameters fitted by default: the uncertain rates marked ``calibrate=True`` where
# they are declared (they move the surveyed shares within a few years; a sensitivity
# scan over their prior ranges is in docs/calibration.md).
FITTED: tuple[str, ...] = tuple(p.name for p in REGISTRY if p.calibrate)

# Held out of the fit and used to validate it: one household-finance, one social and
# one health indicator, each moved by the fitted parameters only indirectly.
HOLDOUT: tuple[str, ...] = ("payment_arrears_share", "severely_lonely_share", "good_health_share")

ROLES = ("fit", "holdout", "start")


@dataclass(frozen=True)
class Plan:
    """Targets with their role and scale, the fitted parameters and the survey designs."""

    targets: pd.DataFrame  # survey targets plus key, role, sigma, area_name
    parameters: tuple[str, ...]
    area_codes: tuple[str, ...]
    skipped: tuple[str, ...]  # one line per group of targets left out, and why
    inputs: Inputs  # what each simulation starts from: the buurten and the start rows

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(int(y) for y in self.targets["year"].unique()))

    @property
    def last_month(self) -> int:
        return survey_month(max(self.years))

    def rows(self, role: str) -> pd.DataFrame:
        return self.targets[self.targets["role"] == role]

    def design(self, year: int) -> SurveyDesign:
        """The survey of ``year``: the largest sample per buurt, item sizes per indicator."""
        rows = self.targets[self.targets["year"] == year]
        sizes = rows.groupby("area")["sample_size"].max().to_dict()
        items = {(r.area, r.indicator): int(r.sample_size) for r in rows.itertuples()}
        return SurveyDesign(sample_sizes={k: int(v) for k, v in sizes.items()}, item_sizes=items)

    def observed(self, role: str = "fit") -> dict[str, float]:
        rows = self.rows(role)
        return dict(zip(rows["key"], rows["value"].astype(float), strict=True))

    def weights(self) -> dict[str, float]:
        """Distance weights of the fitted targets: one over their sampling standard error."""
        rows = self.rows("fit")
        return dict(zip(rows["key"], 1.0 / rows["sigma"], strict=True))


def target_key(area: str, indicator: str, year: int) -> str:
    return f"{area}|{indicator}|{int(year)}"


def sampling_sd(indicator: str, value: float, n: int, answer_sd: dict[str, float]) -> float:
    """Standard error of a survey estimate: binomial for shares, answer spread for means."""
    if indicator in answer_sd:
        return answer_sd[indicator] / math.sqrt(n)
    p = min(max(value, 0.02), 0.98)  # keeps very small shares from dominating the distance
    return standard_error(p, n, "share")


def check_parameters(names: Sequence[str]) -> tuple[str, ...]:
    bad = [n for n in names if n not in PARAMS]
    if bad:
        hints = []
        for name in bad:
            close = difflib.get_close_matches(name, list(PARAMS), n=3, cutoff=0.5)
            hints.append(f"{name!r}" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        raise InputError(
            f"--params: unknown parameter {'; '.join(hints)}; 'veerkracht params' lists all names"
        )
    fixed = [n for n in names if PARAMS[n].low >= PARAMS[n].high or PARAMS[n].prior is None]
    if fixed:
        raise InputError(f"--params: {', '.join(fixed)} has no prior range to fit")
    if len(set(names)) != len(names):
        raise InputError("--params: a parameter is named twice")
    return tuple(names)


def check_holdout(names: Sequence[str]) -> tuple[str, ...]:
    bad = [n for n in names if n not in SURVEY_INDICATORS]
    if bad:
        raise InputError(
            f"--holdout: {', '.join(bad)} is not a survey indicator; "
            f"allowed: {', '.join(SURVEY_INDICATORS)}"
        )
    return tuple(names)


def make_plan(
    targets: pd.DataFrame,
    areas: Sequence,
    parameters: Sequence[str] = FITTED,
    holdout: Sequence[str] = HOLDOUT,
    answer_sd: dict[str, float] | None = None,
    source: str = "survey targets",
    area_inputs: str | Path | None = None,
) -> Plan:
    """Assign roles to the targets of the simulated buurten and check that a fit is possible.

    The simulations start from the same table's survey-year rows (``source`` names it)
    and from the buurt inputs of ``area_inputs`` (default: the shipped file)."""
    parameters = check_parameters(parameters)
    holdout = check_holdout(holdout)
    answer_sd = answer_sd or {}
    codes = {a.code: a.name for a in areas}
    skipped = []
    frame = targets.copy()
    outside = ~frame["area"].isin(list(codes))
    if outside.any():
        skipped.append(
            f"{int(outside.sum())} targets of areas that are not simulated "
            f"({', '.join(sorted(frame.loc[outside, 'area'].unique()))}); "
            "the calibration simulates Nazareth and Pottenberg only"
        )
    frame = frame[~outside]
    unasked = ~frame["indicator"].isin(SURVEY_INDICATORS)
    if unasked.any():
        skipped.append(
            f"{int(unasked.sum())} targets the survey emulator cannot ask "
            f"({', '.join(sorted(frame.loc[unasked, 'indicator'].unique()))})"
        )
    frame = frame[~unasked]
    early = frame["year"] < SURVEY_YEAR
    if early.any():
        skipped.append(f"{int(early.sum())} targets before the model's start ({START})")
    frame = frame[~early].copy()
    frame["role"] = "fit"
    frame.loc[frame["indicator"].isin(holdout), "role"] = "holdout"
    frame.loc[frame["year"] == SURVEY_YEAR, "role"] = "start"
    if not (frame["role"] == "fit").any():
        raise InputError(
            "no target to fit: the fit needs survey targets after 2021 for the simulated "
            "buurten (2021 values set the starting state); see docs/calibration.md"
        )
    frame["key"] = [
        target_key(a, i, y)
        for a, i, y in zip(frame["area"], frame["indicator"], frame["year"], strict=True)
    ]
    frame["sigma"] = [
        sampling_sd(i, v, int(n), answer_sd)
        for i, v, n in zip(frame["indicator"], frame["value"], frame["sample_size"], strict=True)
    ]
    frame["area_name"] = frame["area"].map(codes)
    frame = frame.sort_values(["role", "year", "area", "indicator"]).reset_index(drop=True)
    inputs = inputs_from_targets(list(codes), targets, source, area_inputs)
    return Plan(frame, parameters, tuple(codes), tuple(skipped), inputs)
