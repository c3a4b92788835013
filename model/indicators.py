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
from model.views import TOTAL, Rows, people_mask, row_keys


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


# The smallest difference worth a decision, by the first word of the unit, so that
# 'detectable' (the runs can tell it from zero) and 'meaningful' (large enough to matter)
# are never confused. Assumptions of this project: 1 percentage point of a share, 0.1
# point on a 0-10 index, scale or grade (1% of the scale). Counts and euros are not
# judged: what is worth a decision there depends on the size of the group.
MEANINGFUL: dict[str, float] = {"share": 0.01, "index": 0.1, "scale": 0.1, "grade": 0.1}


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

    @property
    def meaningful(self) -> float | None:
        """The smallest difference worth a decision, in the indicator's unit (None: not
        judged; see MEANINGFUL)."""
        if self.direction == "neutral":
            return None
        return MEANINGFUL.get(self.unit.split(" ")[0])


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
    Indicator(
        "refused_vulnerable",
        "Kwetsbare woningzoekenden gepasseerd",
        "Vulnerable applicants passed over",
        "households",
        "neutral",
        "Vulnerable applicants passed over by screening at lettings in the buurt since the "
        "start (cumulative; they stay in the queue)",
        HOUSEHOLDS,
    ),
    Indicator(
        "screening_cost_eur",
        "Kosten screening corporatie",
        "Corporation's screening cost",
        "EUR",
        "neutral",
        "What screening at letting has cost the corporations in the buurt since the start "
        "(cumulative; screened lettings x alloc.screening_eur_per_letting; not part of the "
        "programme budget)",
    ),
    Indicator(
        "displaced_housed",
        "Elders gehuisvest na screening",
        "Housed here after screening elsewhere",
        "households",
        "neutral",
        "Households passed over by screening in a buurt and later housed in this buurt "
        "(cumulative; the total row counts them wherever housed, also in buurten not "
        "simulated)",
        HOUSEHOLDS,
    ),
    Indicator(
        "left_city",
        "Vertrokken uit Maastricht",
        "Left Maastricht",
        "persons",
        "neutral",
        "Persons who left the city since the programme start (cumulative; the people row: "
        "of the people followed)",
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
        "services_cost_eur",
        "Kosten reguliere hulp",
        "Regular services cost",
        "EUR per month",
        "neutral",
        "What the municipality's regular services cost this month for the cases of the "
        "buurt's residents: debt counselling, social district team and welfare work "
        "(svc.cost_*; GP care is paid by the health insurers). A programme that finds more "
        "people who need help raises it; not part of the programme budget",
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


def adults_and_labour(m) -> tuple[np.ndarray, np.ndarray]:
    """Slots of the living adults (18+) and of those in the labour force (employed or
    unemployed): the populations of the person-level indicators."""
    res = m.residents
    idx = res.active()
    adults = idx[res.age[idx] >= 18]
    return adults, adults[is_any(res.work[adults], (EMPLOYED, UNEMPLOYED))]


class _Groups:
    """This month's members of each population, their buurt and whether they are among
    the people followed (``model.views``); shares and counts in the rows of the views."""

    def __init__(self, m) -> None:
        res, hh = m.residents, m.households
        self.rows: Rows = m.view_rows
        self.k = len(m.areas)
        people = people_mask(m)
        idx = res.active()
        adults, labour = adults_and_labour(m)
        hidx = hh.active()
        hh_people = m.household_any(people)
        self.members = {
            RESIDENTS: (idx, res.area[idx], people[idx]),
            ADULTS: (adults, res.area[adults], people[adults]),
            LABOUR_FORCE: (labour, res.area[labour], people[labour]),
            HOUSEHOLDS: (hidx, hh.area[hidx], hh_people[hidx]),
        }
        self._size_cache: dict[Population, tuple[np.ndarray, float]] = {}

    def share(self, population: Population, flag: np.ndarray) -> np.ndarray:
        """Rows of the share (or mean) of ``flag`` over the members of ``population``."""
        _, area, people = self.members[population]
        num = np.bincount(area, weights=flag, minlength=self.k)
        den, n_people = self._sizes(population)
        return self.rows.combine(num, den, (float(flag[people].sum()), n_people))

    def _sizes(self, population: Population) -> tuple[np.ndarray, float]:
        """Members per buurt and people followed among them (counted once a month)."""
        if population not in self._size_cache:
            _, area, people = self.members[population]
            self._size_cache[population] = (
                np.bincount(area, minlength=self.k),
                float(people.sum()),
            )
        return self._size_cache[population]

    def total(self, population: Population, values: np.ndarray) -> np.ndarray:
        """Rows of the sum of ``values`` over the members of ``population``."""
        _, area, people = self.members[population]
        num = np.bincount(area, weights=values, minlength=self.k)
        return self.rows.combine(num, num, (float(values[people].sum()), 0.0), ratio=False)

    def count(self, population: Population, flag: np.ndarray | None = None) -> np.ndarray:
        """Rows of the number of members of ``population`` (with ``flag``, if given)."""
        _, area, people = self.members[population]
        flag = np.ones(area.size, dtype=bool) if flag is None else flag
        num = np.bincount(area, weights=flag, minlength=self.k)
        return self.rows.combine(num, num, (float((flag & people).sum()), 0.0), ratio=False)


def population_counts(m) -> tuple[np.ndarray, np.ndarray]:
    """Adults and labour force in each row of the views: what 'share of adults' and
    'share of labour force' are shares of (the summaries' 'per resident')."""
    g = _Groups(m)
    return g.count(ADULTS), g.count(LABOUR_FORCE)


def measure(m) -> np.ndarray:
    """All indicators now: array [rows, n_indicators] (rows: ``model.views.row_keys``)."""
    from model.processes import services  # the processes read this module's names

    res, hh, nbh = m.residents, m.households, m.nbh
    k = len(m.areas)
    g = _Groups(m)
    tables = {"residents": res, "households": hh, "nbh": nbh}
    slots_res, area_res, people_res = g.members[RESIDENTS]
    pop = np.bincount(area_res, minlength=k).astype(float)
    people_pop = np.bincount(area_res[people_res], minlength=k).astype(float)

    def declared(ind: Indicator) -> np.ndarray:
        table, column = ind.column.split(".")
        if table == "nbh":  # a buurt value; groups weight buurten by their residents
            return g.rows.weighted(getattr(nbh, column)[:k].astype(float), pop, people_pop)
        slots = g.members[ind.population][0]
        values = getattr(tables[table], column)[slots]
        if ind.cut is not None:
            return g.share(ind.population, ind.cut.flags(values))
        if ind.threshold is not None:
            return g.share(ind.population, values < m.param_values[ind.threshold])
        return g.share(ind.population, values.astype(float))  # a flag's share, or a mean

    hidx = g.members[HOUSEHOLDS][0]
    adults = g.members[ADULTS][0]
    labour = g.members[LABOUR_FORCE][0]
    special = {
        "bijstand_share": lambda: g.share(HOUSEHOLDS, hh.entitled[hidx] & hh.claims[hidx]),
        "unemployment_share": lambda: g.share(LABOUR_FORCE, res.work[labour] == UNEMPLOYED),
        "service_users_share": lambda: g.share(ADULTS, res.service[adults] != NO_SERVICE),
        "waiting_list": lambda: g.count(RESIDENTS, res.waiting[slots_res] != NO_SERVICE),
        "population": lambda: g.count(RESIDENTS),
        "households": lambda: g.count(HOUSEHOLDS),
        "programme_cost_eur": lambda: _costs(m, g.rows),
        "services_cost_eur": lambda: g.total(RESIDENTS, services.case_cost(m, slots_res)),
        "refused_vulnerable": lambda: _tally(g.rows, m.housing.refusals, 0.0),
        "displaced_housed": lambda: _displaced(m, g.rows),
        "screening_cost_eur": lambda: _tally(
            g.rows, m.housing.screened * m.p.alloc.screening_eur_per_letting, 0.0
        ),
        "left_city": lambda: _tally(g.rows, m.left_city[0], float(m.left_city[1])),
    }
    cols = [declared(ind) if ind.column is not None else special[ind.name]() for ind in INDICATORS]
    return np.column_stack(cols)


def _tally(rows: Rows, per_area: np.ndarray, people: float) -> np.ndarray:
    """Rows of a cumulative count kept per buurt (and for the people followed)."""
    return rows.combine(per_area, per_area, (people, 0.0), ratio=False)


def _displaced(m, rows: Rows) -> np.ndarray:
    """Housed in each buurt after screening elsewhere; the total includes buurten not
    simulated (the last column of the displacement matrix)."""
    d = m.housing.displaced
    out = _tally(rows, d[:, :-1].sum(axis=0), 0.0)
    out[rows.k + len(rows.view_keys) - 1] = d.sum()  # the total row
    return out


def _costs(m, rows: Rows) -> np.ndarray:
    """This month's programme cost in each row (EUR); the people view carries the total."""
    total = np.zeros(len(m.areas))
    for cost in m.month_costs.values():
        total += cost
    return rows.combine(total, total, (float(total.sum()), 0.0), ratio=False)


class IndicatorRecorder:
    """Keeps one [rows, indicators] block per month."""

    def __init__(self, m):
        self.model = m
        self.months: list[str] = []
        self.blocks: list[np.ndarray] = []
        self.cost_blocks: list[dict[str, np.ndarray]] = []  # per intervention, per area+total

    def record(self) -> None:
        self.months.append(self.model.date)
        self.blocks.append(measure(self.model))
        self.cost_blocks.append(
            {
                name: self.model.view_rows.combine(c, c, (float(c.sum()), 0.0), ratio=False)
                for name, c in self.model.month_costs.items()
            }
        )

    def area_keys(self) -> list[str]:
        """Row keys of the blocks: buurten, views and tweedeling rows (``model.views``)."""
        return row_keys([a.key for a in self.model.areas], [a.code for a in self.model.areas])

    def array(self) -> np.ndarray:
        """[months, rows, indicators]"""
        return np.stack(self.blocks)

    def value(self, indicator: str, area: str = TOTAL, month: int = -1) -> float:
        i = INDICATOR_NAMES.index(indicator)
        j = self.area_keys().index(area)
        return float(self.blocks[month][j, i])
