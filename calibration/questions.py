"""The survey's questions: answer scales, and how answers become indicators.

One vocabulary serves two readers. The survey emulator (``calibration.emulator``)
asks the simulated residents these questions and writes respondent rows; the
loader of the municipality's respondent file (``calibration.survey_data``) reads
the real answers in the same columns. Both then call ``aggregate`` so that a
simulated and a real survey are summarised by the same code.

Answer columns (one row per respondent, blank = no answer):

- ``djg_score``: De Jong Gierveld loneliness scale, 11 items summed, 0-11.
- ``k10_score``: Kessler K10 psychological distress, 10-50.
- ``health``: self-rated health, 1 (very poor) to 5 (very good).
- ``control``, ``trust_municipality``, ``influence``: agreement as a grade 0-10.
- ``money_worries``, ``arrears``, ``problem_debt``, ``bijstand``: the respondent's
  household, 0 = no, 1 = yes.
- ``cohesion``: the respondent's score on the Veiligheidsmonitor cohesion scale, 0-10.
- ``livability``: grade for the buurt, 1-10.
- ``nuisance``: much social nuisance in the buurt, 0 = no, 1 = yes.
- ``household_weight``: set by the emulator only, 1 / (adults in the household), so
  that a sample of persons estimates shares of households. The loader of real
  respondent files does not read weights (docs/data.md), so there household answers
  count once per respondent.

The cut-offs equal the model's indicator definitions (``model.indicators``), so the
emulator's expected value is the model's indicator and only sampling noise differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Question:
    column: str
    low: float
    high: float
    integer: bool
    text_en: str


@dataclass(frozen=True)
class Measure:
    """How one indicator is computed from one answer column."""

    indicator: str
    column: str
    kind: str  # "share_at_least", "share_below" or "mean"
    cut: float = 0.0
    household: bool = False  # a question about the respondent's household


QUESTIONS: tuple[Question, ...] = (
    Question("djg_score", 0, 11, True, "De Jong Gierveld loneliness score (11 items)"),
    Question("k10_score", 10, 50, True, "Kessler K10 distress score"),
    Question("health", 1, 5, True, "How is your health in general? (1 very poor - 5 very good)"),
    Question("control", 0, 10, True, "I have control over what happens to me (grade 0-10)"),
    Question("trust_municipality", 0, 10, True, "Trust in the municipality (grade 0-10)"),
    Question("influence", 0, 10, True, "I have influence on what happens in my buurt (0-10)"),
    Question("money_worries", 0, 1, True, "Does your household find it hard to make ends meet?"),
    Question("arrears", 0, 1, True, "Is your household behind with payments?"),
    Question("problem_debt", 0, 1, True, "Does your household have problematic debts?"),
    Question("bijstand", 0, 1, True, "Does your household receive bijstand?"),
    Question("cohesion", 0, 10, False, "Score on the Veiligheidsmonitor cohesion scale (0-10)"),
    Question("livability", 1, 10, False, "Grade for living in your buurt (1-10)"),
    Question("nuisance", 0, 1, True, "Is there much social nuisance in your buurt?"),
)
QUESTION_BY_COLUMN = {q.column: q for q in QUESTIONS}

MEASURES: tuple[Measure, ...] = (
    Measure("lonely_share", "djg_score", "share_at_least", 3),
    Measure("severely_lonely_share", "djg_score", "share_at_least", 9),
    Measure("psych_distress_share", "k10_score", "share_at_least", 30),
    Measure("good_health_share", "health", "share_at_least", 4),
    Measure("low_control_share", "control", "share_below", 5),
    Measure("trust_municipality_share", "trust_municipality", "share_at_least", 6),
    Measure("felt_influence_share", "influence", "share_at_least", 6),
    Measure("financial_worries_share", "money_worries", "share_at_least", 1, household=True),
    Measure("payment_arrears_share", "arrears", "share_at_least", 1, household=True),
    Measure("problem_debt_share", "problem_debt", "share_at_least", 1, household=True),
    Measure("bijstand_share", "bijstand", "share_at_least", 1, household=True),
    Measure("social_cohesion_score", "cohesion", "mean"),
    Measure("livability_score", "livability", "mean"),
    Measure("nuisance_share", "nuisance", "share_at_least", 1),
)
SURVEY_INDICATORS = tuple(m.indicator for m in MEASURES)


def answer_integer(x: np.ndarray) -> np.ndarray:
    """A continuous state read as the nearest answer category (halves round up)."""
    return np.floor(np.asarray(x, dtype=float) + 0.5)


WEIGHT = "household_weight"


def _estimate(group: pd.DataFrame, measure: Measure) -> tuple[float, int]:
    answered = group[measure.column].notna()
    values = group.loc[answered, measure.column].to_numpy(dtype=float)
    n = int(values.size)
    if n == 0:
        return float("nan"), 0
    if measure.kind == "share_at_least":
        values = (values >= measure.cut).astype(float)
    elif measure.kind == "share_below":
        values = (values < measure.cut).astype(float)
    if measure.household and WEIGHT in group:
        weights = group.loc[answered, WEIGHT].to_numpy(dtype=float)
        return float(np.average(values, weights=weights)), n
    return float(values.mean()), n


def aggregate(respondents: pd.DataFrame) -> pd.DataFrame:
    """Indicator estimates per area and year from respondent rows.

    Returns columns ``area, year, indicator, value, sample_size``; an indicator
    whose answer column is absent, or unanswered in a group, is left out.
    """
    rows = []
    for (area, year), group in respondents.groupby(["area", "year"], sort=True):
        for measure in MEASURES:
            if measure.column not in group:
                continue
            value, n = _estimate(group, measure)
            if n:
                rows.append((area, int(year), measure.indicator, value, n))
    return pd.DataFrame(rows, columns=["area", "year", "indicator", "value", "sample_size"])
