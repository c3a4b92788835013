"""Indicator registry and the monthly recorder.

Each indicator is measured every month for each buurt and for all simulated
buurten together ('total'), the way the survey would ask it: person-level
shares among adults (18+), household shares among households, buurt climate
as the population-weighted buurt value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from agents.schema import EMPLOYED, NO_SERVICE, UNEMPLOYED
from model.mathutil import is_any

TOTAL = "total"


@dataclass(frozen=True)
class Indicator:
    name: str
    label_nl: str
    label_en: str
    unit: str
    direction: str  # "higher_better", "lower_better" or "neutral"
    definition: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "resilience_mean",
        "Gemiddelde veerkracht",
        "Mean resilience",
        "index 0-10",
        "higher_better",
        "Mean individual resilience index of adults (resources vs strains)",
    ),
    Indicator(
        "low_resilience_share",
        "Veerkracht onder druk",
        "Resilience under pressure",
        "share of adults",
        "lower_better",
        "Adults whose resilience index is below resilience.threshold",
    ),
    Indicator(
        "lonely_share",
        "Eenzaam",
        "Lonely",
        "share of adults",
        "lower_better",
        "De Jong Gierveld score 3 or more",
    ),
    Indicator(
        "severely_lonely_share",
        "Ernstig eenzaam",
        "Severely lonely",
        "share of adults",
        "lower_better",
        "De Jong Gierveld score 9 or more",
    ),
    Indicator(
        "financial_worries_share",
        "Moeite met rondkomen",
        "Difficulty making ends meet",
        "share of households",
        "lower_better",
        "Savings below fin.worry_buffer_months of fixed costs, or problematic debt",
    ),
    Indicator(
        "payment_arrears_share",
        "Betalingsachterstanden",
        "Payment arrears",
        "share of households",
        "lower_better",
        "Negative savings buffer or problematic debt",
    ),
    Indicator(
        "problem_debt_share",
        "Problematische schulden",
        "Problematic debt",
        "share of households",
        "lower_better",
        "Households with problematic debt",
    ),
    Indicator(
        "good_health_share",
        "Ervaren gezondheid goed",
        "Good self-rated health",
        "share of adults",
        "higher_better",
        "Self-rated health good or very good (>= 3.5 of 5)",
    ),
    Indicator(
        "psych_distress_share",
        "Psychische klachten (hoog risico)",
        "High psychological distress",
        "share of adults",
        "lower_better",
        "K10 score 30 or more (high risk of anxiety or depression)",
    ),
    Indicator(
        "low_control_share",
        "Weinig regie over eigen leven",
        "Low sense of control",
        "share of adults",
        "lower_better",
        "Sense of control below 4.5 of 10",
    ),
    Indicator(
        "trust_municipality_share",
        "Vertrouwen in de gemeente",
        "Trust in the municipality",
        "share of adults",
        "higher_better",
        "Trust in the municipality 5.5 or more of 10",
    ),
    Indicator(
        "felt_influence_share",
        "Ervaren invloed op de buurt",
        "Felt influence on the buurt",
        "share of adults",
        "higher_better",
        "Felt influence 5.5 or more of 10",
    ),
    Indicator(
        "social_cohesion_score",
        "Sociale samenhang",
        "Social cohesion",
        "scale 0-10",
        "higher_better",
        "Veiligheidsmonitor cohesion scale of the buurt",
    ),
    Indicator(
        "livability_score",
        "Leefbaarheid (rapportcijfer)",
        "Livability grade",
        "grade 1-10",
        "higher_better",
        "Livability grade of the buurt",
    ),
    Indicator(
        "nuisance_share",
        "Sociale overlast",
        "Social nuisance",
        "share of residents",
        "lower_better",
        "Residents reporting much social nuisance",
    ),
    Indicator(
        "bijstand_share",
        "Bijstand",
        "Social assistance (bijstand)",
        "share of households",
        "neutral",
        "Households receiving bijstand",
    ),
    Indicator(
        "unemployment_share",
        "Werkloosheid",
        "Unemployment",
        "share of labour force",
        "lower_better",
        "Unemployed among employed plus unemployed adults",
    ),
    Indicator(
        "service_users_share",
        "Gebruik hulpverlening",
        "Using support services",
        "share of adults",
        "neutral",
        "Adults currently in care of a service",
    ),
    Indicator(
        "waiting_list",
        "Wachtlijst",
        "Waiting list",
        "persons",
        "lower_better",
        "Residents waiting for a service",
    ),
    Indicator(
        "vulnerable_share",
        "Kwetsbare huishoudens",
        "Vulnerable households",
        "share of households",
        "lower_better",
        "Households flagged vulnerable",
    ),
    Indicator("population", "Inwoners", "Population", "persons", "neutral", "Residents"),
    Indicator("households", "Huishoudens", "Households", "households", "neutral", "Households"),
    Indicator(
        "programme_cost_eur",
        "Programmakosten",
        "Programme cost",
        "EUR per month",
        "neutral",
        "Cost of interventions this month (none in the baseline)",
    ),
)
INDICATOR_NAMES = tuple(i.name for i in INDICATORS)
BY_NAME = {i.name: i for i in INDICATORS}


def _share(group: np.ndarray, flag: np.ndarray, k: int) -> np.ndarray:
    """Per group and overall (last entry) share of ``flag``."""
    num = np.bincount(group, weights=flag, minlength=k)
    den = np.bincount(group, minlength=k)
    return np.append(num / np.maximum(den, 1), num.sum() / max(den.sum(), 1))


def _mean(group: np.ndarray, value: np.ndarray, k: int) -> np.ndarray:
    return _share(group, value, k)


def _count(group: np.ndarray, k: int) -> np.ndarray:
    c = np.bincount(group, minlength=k).astype(float)
    return np.append(c, c.sum())


def _costs(m, k: int) -> np.ndarray:
    """This month's programme cost per buurt and in total (EUR)."""
    total = np.zeros(k)
    for cost in m.month_costs.values():
        total += cost
    return np.append(total, total.sum())


def measure(m) -> np.ndarray:
    """All indicators now: array [n_areas + 1, n_indicators] (last row = total)."""
    res, hh, nbh = m.residents, m.households, m.nbh
    k = len(m.areas)
    idx = res.active()
    adults = idx[res.age[idx] >= 18]
    a = res.area[adults]
    hidx = hh.active()
    ha = hh.area[hidx]
    pop = _count(res.area[idx], k)
    weights = pop[:k] / max(pop[:k].sum(), 1)

    def buurt(values: np.ndarray) -> np.ndarray:
        return np.append(values, float(np.dot(values, weights)))

    labour = adults[is_any(res.work[adults], (EMPLOYED, UNEMPLOYED))]
    cols = {
        "resilience_mean": _mean(a, res.resilience[adults], k),
        "low_resilience_share": _share(a, res.resilience[adults] < m.p.resilience.threshold, k),
        "lonely_share": _share(a, res.lonely[adults] >= 2.5, k),
        "severely_lonely_share": _share(a, res.lonely[adults] >= 8.5, k),
        "financial_worries_share": _share(ha, hh.worry[hidx], k),
        "payment_arrears_share": _share(ha, hh.arrears[hidx], k),
        "problem_debt_share": _share(ha, hh.debt[hidx], k),
        "good_health_share": _share(a, res.health[adults] >= 3.5, k),
        "psych_distress_share": _share(a, res.distress[adults] >= 30.0, k),
        "low_control_share": _share(a, res.control[adults] < 4.5, k),
        "trust_municipality_share": _share(a, res.trust[adults] >= 5.5, k),
        "felt_influence_share": _share(a, res.influence[adults] >= 5.5, k),
        "social_cohesion_score": buurt(nbh.cohesion[:k]),
        "livability_score": buurt(nbh.livability[:k]),
        "nuisance_share": buurt(nbh.nuisance[:k]),
        "bijstand_share": _share(ha, hh.entitled[hidx] & hh.claims[hidx], k),
        "unemployment_share": _share(res.area[labour], res.work[labour] == UNEMPLOYED, k),
        "service_users_share": _share(a, res.service[adults] != NO_SERVICE, k),
        "waiting_list": _count(res.area[idx][res.waiting[idx] != NO_SERVICE], k),
        "vulnerable_share": _share(ha, hh.vulnerable[hidx], k),
        "population": pop,
        "households": _count(ha, k),
        "programme_cost_eur": _costs(m, k),
    }
    return np.column_stack([cols[name] for name in INDICATOR_NAMES])


class IndicatorRecorder:
    """Keeps one [areas+1, indicators] block per month."""

    def __init__(self, m):
        self.model = m
        self.months: list[str] = []
        self.blocks: list[np.ndarray] = []
        self.cost_blocks: list[dict[str, np.ndarray]] = []  # per intervention, per area+total

    def record(self) -> None:
        self.months.append(self.model.date)
        self.blocks.append(measure(self.model))
        self.cost_blocks.append(
            {name: np.append(c, c.sum()) for name, c in self.model.month_costs.items()}
        )

    def area_keys(self) -> list[str]:
        return [a.key for a in self.model.areas] + [TOTAL]

    def array(self) -> np.ndarray:
        """[months, areas+1, indicators]"""
        return np.stack(self.blocks)

    def value(self, indicator: str, area: str = TOTAL, month: int = -1) -> float:
        i = INDICATOR_NAMES.index(indicator)
        j = self.area_keys().index(area)
        return float(self.blocks[month][j, i])
