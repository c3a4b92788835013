"""The model's time axis: one month per step from the June-2021 survey.

Month index 0 is the starting state (June 2021, the month of the survey
'Veerkracht in Maastricht'); index t is t months later. Every date, label and
'years after' in the project is computed here, so the start is written once.
"""

from __future__ import annotations

import numpy as np

START_YEAR, START_MONTH = 2021, 6
START = f"{START_YEAR:04d}-{START_MONTH:02d}"  # 'YYYY-MM' of month index 0
SURVEY_YEAR = START_YEAR  # target rows of this year set the starting state
SURVEY_MONTH = START_MONTH  # every survey wave is taken to be asked in June, like the first
# The programme's first month: EUR 700k a year from 2024 (alderman's letter of 6 June 2023).
PROGRAMME_START = "2024-01"
MONTHS_PER_YEAR = 12


def month_index(date: str) -> int:
    """Months since the start for 'YYYY-MM' (June 2021 -> 0)."""
    year, month = (int(x) for x in date.split("-"))
    return (year - START_YEAR) * 12 + (month - START_MONTH)


def month_label(index: int) -> str:
    """'YYYY-MM' of a month index (0 -> '2021-06')."""
    total = START_YEAR * 12 + START_MONTH - 1 + int(index)
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def month_dates(n: int) -> np.ndarray:
    """Calendar months (datetime64[M]) of month indices 0 .. n-1, for run files and date axes."""
    return np.datetime64(START, "M") + np.arange(n)


def decimal_year(index: float | np.ndarray) -> float | np.ndarray:
    """A month index as a year with a fraction, for time axes of charts (0 -> 2021.42)."""
    return START_YEAR + (START_MONTH - 1 + index) / 12.0


def survey_month(year: int) -> int:
    """Month index at which the survey wave of ``year`` is emulated (2021 -> 0, 2023 -> 24)."""
    return month_index(f"{int(year):04d}-{SURVEY_MONTH:02d}")
