"""Survey emulator: interview a sample of simulated residents, as the survey did.

At a survey month, respondents are drawn at random (without replacement) from
the adults of each buurt within the survey's age limits, as many as the
survey's sample size for that buurt. Each is asked the questions of
``calibration.questions`` and answers from the model's state: their own
loneliness, distress, health, control, trust and influence rounded to the
answer scale; their household's money worries, arrears, debt and bijstand;
and their view of the buurt (cohesion and livability grades around the buurt's
value, much nuisance with the buurt's nuisance share as probability). The
answers are summarised by ``questions.aggregate``, the same code that
summarises the municipality's real respondent file, so a simulated estimate
differs from the model's indicator only by sampling noise.

Randomness: a child generator spawned from ``model.rng`` for each survey, so
the same seed gives the same respondents and the model's own streams are not
shifted by interviewing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calibration.questions import MEASURES, aggregate
from model.param_spec import Param
from model.params import register
from model.scales import DJG, GRADE, K10, SELF_RATED_HEALTH

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "survey.cohesion_answer_sd",
        1.5,
        0.5,
        2.5,
        "points (0-10)",
        "Spread of residents' answers on the cohesion scale around their buurt's value",
        "assumption: individual scores on the Veiligheidsmonitor cohesion scale spread widely "
        "within a buurt; only the buurt mean is modelled",
    ),
    Param(
        "survey.livability_answer_sd",
        1.2,
        0.5,
        2.0,
        "grade points (1-10)",
        "Spread of residents' livability grades around their buurt's value",
        "assumption: grades for the own buurt mostly lie within two points of the mean",
    ),
)
register(PARAMETERS)  # the model carries these values, so --set and manifests see them


@dataclass(frozen=True)
class SurveyDesign:
    """Who is asked: sample size per buurt (CBS code) and the survey's age limits."""

    sample_sizes: Mapping[str, int]
    min_age: int = 18  # the survey interviewed adults (assumption: 18+, as the GGD monitor)
    max_age: int | None = None
    item_sizes: Mapping[tuple[str, str], int] = field(default_factory=dict)
    # (area code, indicator) -> answers to keep when an item had fewer answers than
    # the buurt's sample (item non-response); missing keys keep every answer.


def eligible(model, area_index: int, design: SurveyDesign) -> np.ndarray:
    """Resident slots the survey could reach in one buurt."""
    res = model.residents
    idx = res.active()
    idx = idx[(res.area[idx] == area_index) & (res.age[idx] >= design.min_age)]
    if design.max_age is not None:
        idx = idx[res.age[idx] <= design.max_age]
    return idx


def answers(
    model, slots: np.ndarray, household_sizes: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """The answers of the residents in ``slots`` to every survey question.

    ``household_sizes`` counts each household's eligible adults; its inverse weights
    the household answers, so that a sample of persons estimates household shares."""
    res, hh, nbh = model.residents, model.households, model.nbh
    p = model.p
    h = res.hh[slots]
    a = res.area[slots]
    n = slots.size
    return {
        "age": res.age[slots].astype(float),
        "djg_score": DJG.answer(res.lonely[slots]),
        "k10_score": K10.answer(res.distress[slots]),  # rounded down: a state of 30 answers 30
        "health": SELF_RATED_HEALTH.answer(res.health[slots]),
        "control": GRADE.answer(res.control[slots]),
        "trust_municipality": GRADE.answer(res.trust[slots]),
        "influence": GRADE.answer(res.influence[slots]),
        "money_worries": hh.worry[h].astype(float),
        "arrears": hh.arrears[h].astype(float),
        "problem_debt": hh.debt[h].astype(float),
        "bijstand": (hh.entitled[h] & hh.claims[h]).astype(float),
        "household_weight": 1.0 / np.maximum(household_sizes[h], 1),
        "cohesion": np.clip(
            nbh.cohesion[a] + rng.normal(0.0, p.survey.cohesion_answer_sd, n), 0, 10
        ),
        "livability": np.clip(
            nbh.livability[a] + rng.normal(0.0, p.survey.livability_answer_sd, n), 1, 10
        ),
        "nuisance": (rng.random(n) < nbh.nuisance[a]).astype(float),
    }


def _drop_unanswered(frame: pd.DataFrame, code: str, design: SurveyDesign) -> None:
    """Blank the answers beyond an item's own sample size (item non-response)."""
    for measure in MEASURES:
        keep = design.item_sizes.get((code, measure.indicator))
        if keep is not None and keep < len(frame):
            frame.loc[frame.index[keep:], measure.column] = np.nan


def interview(model, design: SurveyDesign, year: int) -> pd.DataFrame:
    """Respondent rows of one simulated survey (held in memory, never written)."""
    rng = model.rng.spawn(1)[0]
    frames = []
    for ai, area in enumerate(model.areas):
        n = int(design.sample_sizes.get(area.code, 0))
        if n <= 0:
            continue
        pool = eligible(model, ai, design)
        sizes = np.bincount(model.residents.hh[pool], minlength=model.households.size)
        chosen = rng.choice(pool, size=min(n, pool.size), replace=False)
        frame = pd.DataFrame(answers(model, chosen, sizes, rng))
        frame.insert(0, "area", area.code)
        frame.insert(1, "year", year)
        _drop_unanswered(frame, area.code, design)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["area", "year"])
    return pd.concat(frames, ignore_index=True)


def survey(model, design: SurveyDesign, year: int) -> pd.DataFrame:
    """Indicator estimates of one simulated survey: area, year, indicator, value, sample_size."""
    return aggregate(interview(model, design, year))
