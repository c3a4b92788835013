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
from model.scales import (
    AGREES_CUT,
    GOOD_HEALTH_CUT,
    HIGH_DISTRESS_CUT,
    LONELY_CUT,
    LOW_CONTROL_CUT,
    SEVERELY_LONELY_CUT,
    Cut,
)

TOTAL = "total"


@dataclass(frozen=True)
class Population:
    """Whom an indicator counts: a share is a share of this population, a mean is over it.

    ``member`` names one of them in the summary files ('EUR per resident ...');
    ``count`` is the name of their number in run files (an indicator, or a count row
    written with the runs); ``nl`` and ``en`` are one and many of them in the report."""

    name: str
    member: str
    count: str | None
    nl: tuple[str, str]
    en: tuple[str, str]

    def noun(self, lang: str, many: bool = False) -> str:
        """'volwassene' / 'adults': one or many members, in Dutch or English."""
        return (self.nl if lang == "nl" else self.en)[int(many)]


ADULTS = Population(  # 18 and older
    "adults", "resident", "count:adults", ("volwassene", "volwassenen"), ("adult", "adults")
)
LABOUR_FORCE = Population(  # employed plus unemployed adults
    "labour force", "person", "count:labour_force", ("persoon", "personen"), ("person", "people")
)
HOUSEHOLDS = Population(
    "households", "household", "households", ("huishouden", "huishoudens"),
    ("household", "households"),
)  # fmt: skip
RESIDENTS = Population(
    "residents", "resident", "population", ("inwoner", "inwoners"), ("resident", "residents")
)
BUURT = Population("buurt", "buurt", None, ("buurt", "buurten"), ("buurt", "buurten"))
COUNTS = (ADULTS.count, LABOUR_FORCE.count)  # the counts written next to the indicators


@dataclass(frozen=True)
class Indicator:
    """One indicator: its labels, unit and direction, and how it is measured.

    ``column`` is the state column measured ('table.column' of the residents,
    households or nbh table; a buurt column gives a buurt value, population-weighted
    for the total). A share counts the members of ``population`` whose column passes
    ``cut`` (a scale cut-off, ``model.scales``), is below the parameter
    ``threshold``, or is true (a flag); ``column`` None: measured in ``measure``."""

    name: str
    label_nl: str
    label_en: str
    unit: str
    direction: str  # "higher_better", "lower_better" or "neutral"
    definition: str
    population: Population = RESIDENTS
    column: str | None = None
    cut: Cut | None = None
    threshold: str | None = None  # parameter name of a cut: state below it counts

    @property
    def is_share(self) -> bool:
        return self.unit.startswith("share")


def share_indicator(
    name: str,
    label_nl: str,
    label_en: str,
    direction: str,
    population: Population,
    column: str | None,
    definition: str,
    cut: Cut | None = None,
    threshold: str | None = None,
) -> Indicator:
    """A share indicator; its unit names the population, a cut-off completes its definition."""
    if cut is not None:
        definition = f"{definition}: {cut.describe()}"
    return Indicator(
        name, label_nl, label_en, f"share of {population.name}", direction, definition,
        population, column, cut, threshold,
    )  # fmt: skip


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "resilience_mean",
        "Gemiddelde veerkracht",
        "Mean resilience",
        "index 0-10",
        "higher_better",
        "Mean individual resilience index of adults (resources vs strains)",
        ADULTS,
        "residents.resilience",
    ),
    share_indicator(
        "low_resilience_share",
        "Veerkracht onder druk",
        "Resilience under pressure",
        "lower_better",
        ADULTS,
        "residents.resilience",
        "Adults whose resilience index is below resilience.threshold",
        threshold="resilience.threshold",
    ),
    share_indicator(
        "lonely_share",
        "Eenzaam",
        "Lonely",
        "lower_better",
        ADULTS,
        "residents.lonely",
        "Lonely",
        cut=LONELY_CUT,
    ),
    share_indicator(
        "severely_lonely_share",
        "Ernstig eenzaam",
        "Severely lonely",
        "lower_better",
        ADULTS,
        "residents.lonely",
        "Severely lonely",
        cut=SEVERELY_LONELY_CUT,
    ),
    share_indicator(
        "financial_worries_share",
        "Moeite met rondkomen",
        "Difficulty making ends meet",
        "lower_better",
        HOUSEHOLDS,
        "households.worry",
        "Savings below fin.worry_buffer_months of fixed costs, or problematic debt",
    ),
    share_indicator(
        "payment_arrears_share",
        "Betalingsachterstanden",
        "Payment arrears",
        "lower_better",
        HOUSEHOLDS,
        "households.arrears",
        "Negative savings buffer or problematic debt",
    ),
    share_indicator(
        "problem_debt_share",
        "Problematische schulden",
        "Problematic debt",
        "lower_better",
        HOUSEHOLDS,
        "households.debt",
        "Households with problematic debt",
    ),
    share_indicator(
        "good_health_share",
        "Ervaren gezondheid goed",
        "Good self-rated health",
        "higher_better",
        ADULTS,
        "residents.health",
        "Self-rated health good or very good",
        cut=GOOD_HEALTH_CUT,
    ),
    share_indicator(
        "psych_distress_share",
        "Psychische klachten (hoog risico)",
        "High psychological distress",
        "lower_better",
        ADULTS,
        "residents.distress",
        "High risk of anxiety or depression",
        cut=HIGH_DISTRESS_CUT,
    ),
    share_indicator(
        "low_control_share",
        "Weinig regie over eigen leven",
        "Low sense of control",
        "lower_better",
        ADULTS,
        "residents.control",
        "Low sense of control",
        cut=LOW_CONTROL_CUT,
    ),
    share_indicator(
        "trust_municipality_share",
        "Vertrouwen in de gemeente",
        "Trust in the municipality",
        "higher_better",
        ADULTS,
        "residents.trust",
        "Trust in the municipality",
        cut=AGREES_CUT,
    ),
    share_indicator(
        "felt_influence_share",
        "Ervaren invloed op de buurt",
        "Felt influence on the buurt",
        "higher_better",
        ADULTS,
        "residents.influence",
        "Felt influence on the buurt",
        cut=AGREES_CUT,
    ),
    Indicator(
        "social_cohesion_score",
        "Sociale samenhang",
        "Social cohesion",
        "scale 0-10",
        "higher_better",
        "Veiligheidsmonitor cohesion scale of the buurt",
        BUURT,
        "nbh.cohesion",
    ),
    Indicator(
        "livability_score",
        "Leefbaarheid (rapportcijfer)",
        "Livability grade",
        "grade 1-10",
        "higher_better",
        "Livability grade of the buurt",
        BUURT,
        "nbh.livability",
    ),
    Indicator(
        "nuisance_share",
        "Sociale overlast",
        "Social nuisance",
        "share of residents",
        "lower_better",
        "Residents reporting much social nuisance (a buurt value)",
        RESIDENTS,
        "nbh.nuisance",
    ),
    share_indicator(
        "bijstand_share",
        "Bijstand",
        "Social assistance (bijstand)",
        "neutral",
        HOUSEHOLDS,
        None,
        "Households receiving bijstand",
    ),
    share_indicator(
        "unemployment_share",
        "Werkloosheid",
        "Unemployment",
        "lower_better",
        LABOUR_FORCE,
        None,
        "Unemployed among employed plus unemployed adults",
    ),
    share_indicator(
        "service_users_share",
        "Gebruik hulpverlening",
        "Using support services",
        "neutral",
        ADULTS,
        None,
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
    share_indicator(
        "vulnerable_share",
        "Kwetsbare huishoudens",
        "Vulnerable households",
        "neutral",
        HOUSEHOLDS,
        "households.vulnerable",
        "Households flagged vulnerable: the buurt's composition, which moves with problems "
        "and moves; not an outcome ranked better or worse",
    ),
    Indicator("population", "Inwoners", "Population", "persons", "neutral", "Residents"),
    Indicator(
        "households",
        "Huishoudens",
        "Households",
        "households",
        "neutral",
        "Households",
        HOUSEHOLDS,
    ),
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


def _count(group: np.ndarray, k: int) -> np.ndarray:
    c = np.bincount(group, minlength=k).astype(float)
    return np.append(c, c.sum())


def _costs(m, k: int) -> np.ndarray:
    """This month's programme cost per buurt and in total (EUR)."""
    total = np.zeros(k)
    for cost in m.month_costs.values():
        total += cost
    return np.append(total, total.sum())


def adults_and_labour(m) -> tuple[np.ndarray, np.ndarray]:
    """Slots of the living adults (18+) and of those in the labour force (employed or
    unemployed): the populations of the person-level indicators."""
    res = m.residents
    idx = res.active()
    adults = idx[res.age[idx] >= 18]
    return adults, adults[is_any(res.work[adults], (EMPLOYED, UNEMPLOYED))]


def population_counts(m) -> tuple[np.ndarray, np.ndarray]:
    """Adults and labour force per buurt and in total: what 'share of adults' and
    'share of labour force' are shares of (the summaries' 'per resident')."""
    adults, labour = adults_and_labour(m)
    k = len(m.areas)
    return _count(m.residents.area[adults], k), _count(m.residents.area[labour], k)


def measure(m) -> np.ndarray:
    """All indicators now: array [n_areas + 1, n_indicators] (last row = total)."""
    res, hh, nbh = m.residents, m.households, m.nbh
    k = len(m.areas)
    idx = res.active()
    adults, labour = adults_and_labour(m)
    hidx = hh.active()
    pop = _count(res.area[idx], k)
    weights = pop[:k] / max(pop[:k].sum(), 1)
    tables = {"residents": res, "households": hh, "nbh": nbh}
    # population -> (member slots, their buurt)
    members = {
        ADULTS: (adults, res.area[adults]),
        LABOUR_FORCE: (labour, res.area[labour]),
        HOUSEHOLDS: (hidx, hh.area[hidx]),
    }

    def declared(ind: Indicator) -> np.ndarray:
        table, column = ind.column.split(".")
        if table == "nbh":  # a buurt value; the total weights buurten by population
            values = getattr(nbh, column)[:k]
            return np.append(values, float(np.dot(values, weights)))
        slots, area = members[ind.population]
        values = getattr(tables[table], column)[slots]
        if ind.cut is not None:
            return _share(area, ind.cut.flags(values), k)
        if ind.threshold is not None:
            return _share(area, values < m.param_values[ind.threshold], k)
        return _share(area, values, k)  # a flag's share, or a mean

    a, ha = res.area[adults], hh.area[hidx]
    special = {
        "bijstand_share": lambda: _share(ha, hh.entitled[hidx] & hh.claims[hidx], k),
        "unemployment_share": lambda: _share(res.area[labour], res.work[labour] == UNEMPLOYED, k),
        "service_users_share": lambda: _share(a, res.service[adults] != NO_SERVICE, k),
        "waiting_list": lambda: _count(res.area[idx][res.waiting[idx] != NO_SERVICE], k),
        "population": lambda: pop,
        "households": lambda: _count(ha, k),
        "programme_cost_eur": lambda: _costs(m, k),
    }
    cols = [declared(ind) if ind.column is not None else special[ind.name]() for ind in INDICATORS]
    return np.column_stack(cols)


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
