"""Dutch and English words for the state a user sees, next to the schema's codes.

The app's Inspect panel shows households and residents; their fields (with units)
and the code values in them (household kinds, roles, tenures, work status,
services and organisations, problems) are labelled here once, in the words of a
Dutch policy advisor and of an English reader. Code tuples are those of
``agents.schema`` and ``agents.organisation``; a test checks that every code has
both labels.
"""

from __future__ import annotations

from agents.organisation import ORGANISATION_KINDS
from agents.schema import HOUSEHOLD_KINDS, ROLES, TENURES, WORK_STATUS

LANGS = ("nl", "en")

# Fields of the Inspect panel: household, its members, a resident and their ties.
FIELDS: dict[str, tuple[str, str]] = {
    "household": ("Huishouden", "Household"),
    "buurt": ("Buurt", "Buurt"),
    "kind": ("Samenstelling", "Household type"),
    "tenure": ("Woning", "Tenure"),
    "income_eur_month": ("Netto inkomen (EUR per maand)", "Net income (EUR per month)"),
    "fixed_costs_eur_month": ("Vaste lasten (EUR per maand)", "Fixed costs (EUR per month)"),
    "savings_eur": ("Spaargeld (EUR)", "Savings (EUR)"),
    "arrears": ("Betalingsachterstand", "Payment arrears"),
    "problematic_debt": ("Problematische schulden", "Problematic debt"),
    "members": ("Leden", "Members"),
    "resident": ("Bewoner", "Resident"),
    "age": ("Leeftijd (jaar)", "Age (years)"),
    "role": ("Positie in het huishouden", "Position in the household"),
    "work": ("Werk en inkomen", "Work status"),
    "resilience": ("Veerkracht (index 0-10)", "Resilience (index 0-10)"),
    "distress_k10": ("Psychische klachten (K10-score)", "Psychological distress (K10 score)"),
    "loneliness_djg": (
        "Eenzaamheid (score De Jong Gierveld)",
        "Loneliness (De Jong Gierveld score)",
    ),
    "health_1_5": ("Ervaren gezondheid (1-5)", "Self-rated health (1-5)"),
    "trust_0_10": ("Vertrouwen in de gemeente (0-10)", "Trust in the municipality (0-10)"),
    "problems": ("Problemen", "Problems"),
    "close_ties": ("Nauwe contacten", "Close ties"),
    "state": ("Toestand", "State"),
    "ties": ("Nauwe contacten buiten het huishouden", "Close ties outside the household"),
    "ties_outside_buurten": (
        "Nauwe contacten buiten de gesimuleerde buurten",
        "Close ties outside the simulated buurten",
    ),
    "service": ("In zorg bij", "In care of"),
}

# Code values, by the code tuples of agents.schema and agents.organisation.
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {
        "single": ("Eenpersoonshuishouden", "Single-person household"),
        "couple": ("Paar zonder kinderen", "Couple without children"),
        "couple_with_children": ("Paar met kinderen", "Couple with children"),
        "single_parent": ("Eenoudergezin", "Single-parent family"),
        "other_multi": ("Overig meerpersoonshuishouden", "Other multi-person household"),
    },
    "role": {
        "single": ("Alleenstaand", "Living alone"),
        "partner": ("Partner", "Partner"),
        "other_adult": ("Overige volwassene", "Other adult"),
        "parent": ("Ouder", "Parent"),
        "single_parent": ("Alleenstaande ouder", "Single parent"),
        "child": ("Thuiswonend kind", "Child living at home"),
    },
    "tenure": {
        "corporation": ("Huurwoning corporatie", "Social rented (housing corporation)"),
        "private_rent": ("Particuliere huurwoning", "Private rented"),
        "owner": ("Koopwoning", "Owner-occupied"),
    },
    "work": {
        "child": ("Kind", "Child"),
        "student": ("Scholier of student", "In education"),
        "employed": ("Werkend", "Employed"),
        "unemployed": ("Werkloos", "Unemployed"),
        "inactive": ("Geen betaald werk, niet werkzoekend", "Not in the labour force"),
        "retired": ("Met pensioen", "Retired"),
    },
    "service": {
        "debt_counselling": ("Schuldhulpverlening", "Debt counselling"),
        "social_district_team": ("Sociaal wijkteam", "Social district team"),
        "gp_health": ("Huisarts en zorg", "GP and health care"),
        "welfare_community_work": ("Welzijnswerk", "Welfare and community work"),
        "housing_corporation": ("Woningcorporatie", "Housing corporation"),
        "school": ("School", "School"),
        "community_centre": ("Buurthuis", "Community centre"),
        "residents_association": ("Bewonersvereniging", "Residents' association"),
    },
    "problem": {
        "problematic_debt": ("Problematische schulden", "Problematic debt"),
        "payment_arrears": ("Betalingsachterstand", "Payment arrears"),
        "unemployed": ("Werkloos", "Unemployed"),
        "poor_health": ("Slechte ervaren gezondheid", "Poor self-rated health"),
        "high_distress": ("Ernstige psychische klachten", "High psychological distress"),
        "severely_lonely": ("Ernstig eenzaam", "Severely lonely"),
        "waiting_for_help": ("Op de wachtlijst voor hulp", "Waiting for help"),
    },
    "bool": {"True": ("ja", "yes"), "False": ("nee", "no")},
}
# The schema's code tuples each CODES entry labels (all their codes, none more).
CODE_TUPLES = {
    "kind": HOUSEHOLD_KINDS,
    "role": ROLES,
    "tenure": TENURES,
    "work": WORK_STATUS,
    "service": ORGANISATION_KINDS,
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, got {lang!r}")
    return pair[LANGS.index(lang)]


def field_label(name: str, lang: str) -> str:
    """'Netto inkomen (EUR per maand)': a field of the Inspect panel, with its unit."""
    return _pick(FIELDS[name], lang)


def code_label(group: str, code: str, lang: str) -> str:
    """'Eenpersoonshuishouden': a code value of ``group`` ('kind', 'tenure', ...)."""
    return _pick(CODES[group][code], lang)


def yes_no(value: bool, lang: str) -> str:
    return code_label("bool", str(bool(value)), lang)
