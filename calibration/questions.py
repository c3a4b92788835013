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

The answer scales and cut-offs are not written here: they come from the indicator
declarations (``model.indicators``, whose cuts are ``model.scales``). A cut is stated
on the integer answer scale (DJG 3 or more); the model's cut on the continuous state
(2.5) follows from how a state becomes an answer (``Scale.answer``), so the
emulator's expected value is the model's indicator and only sampling noise differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.indicators import BY_NAME
from model.scales import DJG, GRADE, K10, SELF_RATED_HEALTH, Scale


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


def on_scale(column: str, scale: Scale, text_en: str) -> Question:
    """A question answered with an integer on one of the model's scales."""
    return Question(column, scale.low, scale.high, True, text_en)


def from_indicator(indicator: str, column: str) -> Measure:
    """The measure of an indicator whose declaration has a scale cut-off: the same cut
    on the integer answer scale."""
    cut = BY_NAME[indicator].cut
    assert cut is not None and cut.answer is not None, indicator
    return Measure(
        indicator, column, "share_at_least" if cut.at_least else "share_below", cut.answer
    )


QUESTIONS: tuple[Question, ...] = (
    on_scale("djg_score", DJG, "De Jong Gierveld loneliness score (11 items)"),
    on_scale("k10_score", K10, "Kessler K10 distress score"),
    on_scale(
        "health", SELF_RATED_HEALTH, "How is your health in general? (1 very poor - 5 very good)"
    ),
    on_scale("control", GRADE, "I have control over what happens to me (grade 0-10)"),
    on_scale("trust_municipality", GRADE, "Trust in the municipality (grade 0-10)"),
    on_scale("influence", GRADE, "I have influence on what happens in my buurt (0-10)"),
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
    from_indicator("lonely_share", "djg_score"),
    from_indicator("severely_lonely_share", "djg_score"),
    from_indicator("psych_distress_share", "k10_score"),
    from_indicator("good_health_share", "health"),
    from_indicator("low_control_share", "control"),
    from_indicator("trust_municipality_share", "trust_municipality"),
    from_indicator("felt_influence_share", "influence"),
    Measure("financial_worries_share", "money_worries", "share_at_least", 1, household=True),
    Measure("payment_arrears_share", "arrears", "share_at_least", 1, household=True),
    Measure("problem_debt_share", "problem_debt", "share_at_least", 1, household=True),
    Measure("bijstand_share", "bijstand", "share_at_least", 1, household=True),
    Measure("social_cohesion_score", "cohesion", "mean"),
    Measure("livability_score", "livability", "mean"),
    Measure("nuisance_share", "nuisance", "share_at_least", 1),
)
SURVEY_INDICATORS = tuple(m.indicator for m in MEASURES)


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
