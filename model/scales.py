"""Answer scales and their cut-offs: the one place a 'lonely' or 'high distress' is defined.

Resident states are continuous on the survey's answer scales. A respondent answers
with an integer category: the state rounded to the nearest category (halves up),
except the K10 sum score, which is the state rounded down (a state of 30.0 is the
answer 30). A cut-off is declared on the integer answer scale, as the survey's
sources publish it ('De Jong Gierveld score 3 or more'); the cut on the continuous
state follows from the rounding rule (3 or more -> state >= 2.5), so the model's
indicator and the emulated survey answer count the same residents.

Processes import the state cuts (``LONELY``, ``HIGH_DISTRESS``, ...); the indicator
declarations (``model.indicators``) and the survey emulator's questions
(``calibration.questions``) use the ``Cut`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scale:
    """A survey answer scale and how a resident's continuous state becomes an answer."""

    name: str
    low: int
    high: int
    rounding: str  # "nearest" (halves up) or "floor"
    source: str

    def answer(self, state: np.ndarray) -> np.ndarray:
        """The integer answer a resident in ``state`` gives, within the scale."""
        x = np.asarray(state, dtype=float)
        return np.clip(np.floor(x + 0.5) if self.rounding == "nearest" else np.floor(x), *self.span)

    @property
    def span(self) -> tuple[int, int]:
        return self.low, self.high

    def state_cut(self, answer: int) -> float:
        """The continuous state at which the answer reaches ``answer``."""
        return answer - 0.5 if self.rounding == "nearest" else float(answer)


@dataclass(frozen=True)
class Cut:
    """'``answer`` or more' (``at_least``) or 'below ``answer``' on a scale.

    ``answer`` is None for a cut used only inside the model (no survey question);
    then ``model_state`` is the cut on the state itself."""

    scale: Scale
    answer: int | None
    at_least: bool = True
    model_state: float | None = None

    @property
    def state(self) -> float:
        """The cut on the continuous state (compare with >= if ``at_least``, else <)."""
        if self.answer is None:
            assert self.model_state is not None
            return self.model_state
        return self.scale.state_cut(self.answer)

    def flags(self, state: np.ndarray) -> np.ndarray:
        """Which of the states pass the cut."""
        return state >= self.state if self.at_least else state < self.state

    def describe(self) -> str:
        """'De Jong Gierveld score 3 or more (0-11; state >= 2.5)', for definitions."""
        relation = "or more" if self.at_least else "below"
        state = f"state {'>=' if self.at_least else '<'} {self.state:g}"
        if self.answer is None:
            return f"{self.scale.name} {state} (a model cut, not asked in the survey)"
        answer = f"{self.answer} {relation}" if self.at_least else f"{relation} {self.answer}"
        return f"{self.scale.name} {answer} ({self.scale.low}-{self.scale.high}; {state})"


DJG = Scale(
    "De Jong Gierveld score",
    0,
    11,
    "nearest",
    "De Jong Gierveld loneliness scale, 11 items summed (De Jong Gierveld and Van Tilburg "
    "1999; GGD Gezondheidsmonitor)",
)
K10 = Scale(
    "K10 score",
    10,
    50,
    "floor",
    "Kessler K10 psychological distress, 10 items (Kessler et al. 2002); 30 or more is a "
    "high risk of anxiety or depression (RIVM, GGD monitor)",
)
SELF_RATED_HEALTH = Scale(
    "self-rated health", 1, 5, "nearest", "1 very poor, 3 fair, 5 very good (CBS, GGD monitor)"
)
GRADE = Scale("grade", 0, 10, "nearest", "agreement as a grade, survey 'Veerkracht in Maastricht'")

LONELY_CUT = Cut(DJG, 3)  # lonely: score 3 or more
SEVERELY_LONELY_CUT = Cut(DJG, 9)  # severely lonely: score 9 or more
HIGH_DISTRESS_CUT = Cut(K10, 30)  # high risk of anxiety or depression
GOOD_HEALTH_CUT = Cut(SELF_RATED_HEALTH, 4)  # 'good' or 'very good'
POOR_HEALTH_CUT = Cut(SELF_RATED_HEALTH, None, at_least=False, model_state=3.0)  # below 'fair'
LOW_CONTROL_CUT = Cut(GRADE, 5, at_least=False)  # sense of control below 5 of 10
AGREES_CUT = Cut(GRADE, 6)  # trust / felt influence 6 or more of 10 counts as 'yes'

# The cuts on the continuous state, for processes: res.lonely >= LONELY, res.health < POOR_HEALTH.
LONELY = LONELY_CUT.state  # 2.5
SEVERELY_LONELY = SEVERELY_LONELY_CUT.state  # 8.5
HIGH_DISTRESS = HIGH_DISTRESS_CUT.state  # 30.0
GOOD_HEALTH = GOOD_HEALTH_CUT.state  # 3.5
POOR_HEALTH = POOR_HEALTH_CUT.state  # 3.0
LOW_CONTROL = LOW_CONTROL_CUT.state  # 4.5
AGREES = AGREES_CUT.state  # 5.5
