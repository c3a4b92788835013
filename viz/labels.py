"""Dutch and English words of the app: its own UI strings here, indicator and
intervention labels read from their registries (model.indicators, scenarios),
so a label changed there changes in the app too."""

from __future__ import annotations

from collections.abc import Sequence

from model.indicators import BY_NAME
from model.params import REGISTRY
from model.views import FOCUS, PEOPLE, REST, TOTAL
from scenarios.interventions import CATALOGUE

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

UI: dict[str, tuple[str, str]] = {
    "title": ("Veerkracht: Nazareth en Pottenberg", "Veerkracht: Nazareth and Pottenberg"),
    "explore": ("Verkennen", "Explore"),
    "compare": ("Vergelijken", "Compare"),
    "scenario": ("Scenario (zet de schakelaars)", "Scenario (sets the switches)"),
    "seed": ("Seed (toevalsgetal)", "Seed (random number)"),
    "step": ("Stap (1 maand)", "Step (1 month)"),
    "play": ("Afspelen", "Play"),
    "pause": ("Pauze", "Pause"),
    "reset": ("Opnieuw beginnen", "Reset"),
    "redraw_every": ("Tekenen elke ... maanden", "Redraw every ... months"),
    "month": ("Maand", "Month"),
    "map_colour": ("Kleur op de kaart", "Map colour"),
    "map_unit": ("Kaart per", "Map by"),
    "unit_dwelling": ("woning", "dwelling"),
    "unit_block": ("blok", "block"),
    "interventions": ("Interventies (aan/uit, intensiteit)", "Interventions (on/off, intensity)"),
    "intensity_help": (
        "Intensiteit 1 = het programma zoals beschreven; aanzetten werkt vanaf de volgende maand.",
        "Intensity 1 = the programme as described; switching on acts from the next month.",
    ),
    "intensity": (
        "Intensiteit {value:.1f}: {cost} per jaar",
        "Intensity {value:.1f}: {cost} a year",
    ),
    "budget": ("Kosten per jaar", "Cost per year"),
    "of_budget": ("van het budget van EUR 700.000", "of the EUR 700,000 budget"),
    "over_budget": (
        "Boven het budget van EUR 700.000 per jaar.",
        "Over the budget of EUR 700,000 a year.",
    ),
    "params": ("Modelparameters (geavanceerd)", "Model parameters (advanced)"),
    "param_name": ("Parameter", "Parameter"),
    "param_value": ("Waarde", "Value"),
    "param_set": ("Zetten (bij opnieuw beginnen)", "Set (applies on reset)"),
    "param_clear": ("Alle parameters terug naar standaard", "All parameters back to default"),
    "param_range": (
        "standaard {default:g}, bereik {low:g} tot {high:g}, {unit}",
        "default {default:g}, range {low:g} to {high:g}, {unit}",
    ),
    "param_overrides": ("Gewijzigd (geldt na opnieuw beginnen)", "Changed (applies after reset)"),
    "restarted": ("Model opnieuw gestart: {what}.", "Model restarted: {what}."),
    "now": ("Nu", "Now"),
    "charts": ("Indicatoren per buurt, maand voor maand", "Indicators per buurt, month by month"),
    "inspect": ("Bekijk een huishouden of bewoner", "Inspect a household or resident"),
    "inspect_kind": ("Wat", "What"),
    "household": ("huishouden", "household"),
    "resident": ("bewoner", "resident"),
    "number": ("Nummer", "Number"),
    "random_pick": ("Willekeurig kiezen", "Pick at random"),
    "elsewhere": ("buiten de twee buurten", "outside the two buurten"),
    "no_problems": ("geen", "none"),
    "gone": (
        "Geen bewoond {what} met nummer {n} (nu {count} bewoond; kies 'willekeurig').",
        "No current {what} with number {n} ({count} now; try 'pick at random').",
    ),
    "replicates": ("Replicaties (10 tot 100)", "Replicates (10 to 100)"),
    "years": (
        "Jaren na de start van het programma (1 tot 10)",
        "Years after the programme start (1 to 10)",
    ),
    "portfolio": ("Portfolio", "Portfolio"),
    "run_compare": ("Start vergelijking", "Start comparison"),
    "cancel": ("Stoppen", "Stop"),
    "cancelled": ("Vergelijking gestopt.", "Comparison stopped."),
    "running": ("Bezig: {done} van {total} runs", "Running: {done} of {total} runs"),
    "compare_done": (
        "{reps} gepaarde replicaties van {portfolio} en de basislijn, {years} jaar na de start "
        "van het programma ({start}).",
        "{reps} paired replicates of {portfolio} and the baseline, {years} years after the "
        "programme start ({start}).",
    ),
    "bands": (
        "Trajecten van de bewoners van 2024, gevolgd: gemiddelde en 10-90%-band over replicaties",
        "Trajectories of the residents of 2024, followed: mean and 10-90% band over replicates",
    ),
    "diff_table": (
        "Verschil met de basislijn voor {view} (portfolio min basislijn; gemiddelde "
        "[90%-interval])",
        "Difference from the baseline for {view} (portfolio minus baseline; mean [90% interval])",
    ),
    "views_note": (
        "Een betere buurtwaarde kan ook komen doordat er andere mensen in de buurt wonen. "
        "Alleen de bewoners van 2024 (gevolgd waar ze ook gaan wonen) en de stad laten zien "
        "of het bewoners beter gaat. Het interval toont alleen het toeval in het model.",
        "A better buurt value can also come from other people living in the buurt. Only the "
        "residents of 2024 (followed wherever they move) and the city show whether residents "
        "are better off. The interval shows chance in the model only.",
    ),
    "gap_table": (
        "Tweedeling: verschil met de basislijn in de kloof tussen {focus} en de {rest} "
        "({focus} min {rest}; gemiddelde [90%-interval])",
        "Tweedeling: difference from the baseline in the gap between {focus} and the {rest} "
        "({focus} minus {rest}; mean [90% interval])",
    ),
    "no_tweedeling": (
        "De tweedeling (focusbuurten tegenover de rest van de stad) vraagt een run met de "
        "hele stad.",
        "The tweedeling (focus buurten against the rest of the city) needs a run of the whole "
        "city.",
    ),
    "areas_choice": ("Buurten", "Buurten"),
    "areas_focus": ("Nazareth en Pottenberg", "Nazareth and Pottenberg"),
    "areas_city": (
        "Hele stad, 44 buurten (duurt veel langer)",
        "Whole city, 44 buurten (much slower)",
    ),
    "displacement_table": (
        "Verdringing door screening bij toewijzing (eind van de run, aantallen: gemiddelde "
        "[10e, 90e percentiel])",
        "Displacement by screening at lettings (end of the run, counts: mean [10th, 90th "
        "percentile])",
    ),
    "passed_over": (
        "Kwetsbare woningzoekenden gepasseerd in {where} (telt per toewijzing)",
        "Vulnerable applicants passed over in {where} (counted per letting)",
    ),
    "housed_in": (
        "Gepasseerd en daarna gehuisvest in {where}",
        "Passed over, later housed in {where}",
    ),
    "housed_elsewhere": (
        "Gepasseerd en daarna gehuisvest elders in de stad (niet gesimuleerd)",
        "Passed over, later housed elsewhere in the city (not simulated)",
    ),
    "what": ("Wat", "What"),
    "count_band": ("Aantal", "Number"),
    "horizon_col": ("na {h} jaar", "after {h} years"),
    "beyond": ("voorbij de run", "beyond the run"),
    "beyond_note": (
        "'Voorbij de run': deze run loopt {years} jaar na de start; kies meer jaren voor {h} jaar.",
        "'Beyond the run': this run lasts {years} years after the start; choose more years for "
        "{h} years.",
    ),
    "indicator": ("Indicator", "Indicator"),
    "pp": ("procentpunt", "percentage points"),
    "invalid_int": (
        "Ongeldige invoer '{text}': vul een geheel getal in van {lo} tot {hi}.",
        "Invalid input '{text}': enter a whole number from {lo} to {hi}.",
    ),
    "invalid_number": (
        "Ongeldige invoer '{text}' voor {name}: vul een getal in van {lo:g} tot {hi:g}.",
        "Invalid input '{text}' for {name}: enter a number from {lo:g} to {hi:g}.",
    ),
    "illustrative": (
        "Illustratieve gegevens. Alleen de bevolkingsopbouw (CBS 2017) en de buurtgrenzen "
        "(CBS Wijk- en Buurtkaart 2017) zijn gepubliceerde cijfers. Startwaarden, "
        "parameters, effecten en kosten van interventies zijn schattingen en aannames; de "
        "app rekent met de standaardwaarden van de parameters, niet met een kalibratie op "
        "de echte enquête (die is niet openbaar). De bewoners zijn synthetisch en de "
        "woningen staan op willekeurige plekken binnen de buurt. Gebruik de uitkomsten om "
        "mechanismen te verkennen, niet als voorspelling.",
        "Illustrative data. Only the population make-up (CBS 2017) and the buurt boundaries "
        "(CBS Wijk- en Buurtkaart 2017) are published figures. Start levels, parameters, "
        "intervention effects and costs are estimates and assumptions; the app uses the "
        "parameters' default values, not a calibration on the real survey (which is not "
        "public). The residents are synthetic and dwellings sit at random places inside "
        "the buurt. Use the results to explore mechanisms, not as forecasts.",
    ),
    "help": (
        "**Wat ziet u?** Een agent-gebaseerde simulatie van twee Maastrichtse buurten, "
        "Nazareth en Pottenberg, maand voor maand vanaf juni 2021: geldzorgen, werk, "
        "gezondheid, eenzaamheid, steun van anderen, hulpverlening en vertrouwen. Kies een "
        "scenario of zet zelf interventies aan, en druk op *Stap* of *Afspelen*. De "
        "grafieken tonen de belangrijkste indicatoren per buurt; de budgetmeter telt de "
        "jaarlijkse kosten van de ingeschakelde interventies op tegen EUR 700.000. Op "
        "*Vergelijken* draait u een portfolio vele keren tegen de basislijn, met onzekerheid.",
        "**What am I looking at?** An agent-based simulation of two Maastricht buurten, "
        "Nazareth and Pottenberg, month by month from June 2021: money worries, work, "
        "health, loneliness, support from others, professional help and trust. Pick a "
        "scenario or switch interventions on yourself, then press *Step* or *Play*. The "
        "charts show the main indicators per buurt; the budget meter adds up the yearly cost "
        "of the switched-on interventions against EUR 700,000. On *Compare* you run a "
        "portfolio many times against the baseline, with uncertainty.",
    ),
    "map_help": (
        "**De kaart:** de zwarte lijnen zijn de echte CBS-buurtgrenzen. Elke stip is een "
        "woning; de kleur is de gekozen indicator voor het huishouden dat er woont (per blok: "
        "het gemiddelde van het blok). Groen is gunstig, rood ongunstig, grijs is een lege "
        "woning. De kleurschaal ligt vast, zodat u verandering over de tijd ziet.",
        "**The map:** black lines are the real CBS buurt boundaries. Each dot is a dwelling; "
        "its colour is the chosen indicator for the household living there (by block: the "
        "block's mean). Green is favourable, red unfavourable, grey an empty dwelling. The "
        "colour scale is fixed, so you see change over time.",
    ),
    "compare_help": (
        "**Vergelijken:** kies een portfolio. De app draait op de achtergrond gepaarde "
        "replicaties: replicatie *r* van het portfolio en van de basislijn krijgen hetzelfde "
        "toevalsgetal, zodat het verschil alleen van het programma komt. Daarna ziet u de "
        "trajecten met banden en een tabel met verschillen 2, 5 en 10 jaar na de start van "
        "het programma (zoals in `veerkracht compare`). U kunt intussen verder op de pagina.",
        "**Compare:** pick a portfolio. The app runs paired replicates in the background: "
        "replicate *r* of the portfolio and of the baseline get the same random seed, so the "
        "difference comes from the programme alone. Then you see trajectories with bands and "
        "a table of differences 2, 5 and 10 years after the programme start (as in "
        "`veerkracht compare`). You can keep using the page meanwhile.",
    ),
}

# Map layers: key -> (label nl, label en, good direction, colour-scale min, max)
MAP_LAYERS: dict[str, tuple[str, str, str, float, float]] = {
    "resilience": ("Veerkracht (volwassenen, 0-10)", "Resilience (adults, 0-10)", "higher", 2, 8),
    "distress": ("Psychische klachten (K10, 10-50)", "Distress (K10, 10-50)", "lower", 10, 35),
    "lonely": (
        "Eenzaamheid (De Jong Gierveld, 0-11)",
        "Loneliness (De Jong Gierveld, 0-11)",
        "lower",
        0,
        9,
    ),
    "debt": ("Problematische schulden (ja/nee)", "Problematic debt (yes/no)", "lower", 0, 1),
    "problems": ("Aantal problemen per persoon", "Problems per person", "lower", 0, 3),
}

# The charts on the Explore page (a subset of experiments.summary.MAIN_INDICATORS).
CHART_INDICATORS = (
    "resilience_mean",
    "low_resilience_share",
    "lonely_share",
    "problem_debt_share",
    "psych_distress_share",
    "social_cohesion_score",
)

# The views of model.views, as the app and the report name them.
VIEW_NAMES: dict[str, tuple[str, str]] = {
    FOCUS: ("Nazareth en Pottenberg", "Nazareth and Pottenberg"),
    "focus_other": ("focusbuurten", "focus buurten"),
    REST: ("rest van de stad", "rest of the city"),
    PEOPLE: ("de bewoners van 2024, gevolgd", "the residents of 2024, followed"),
    TOTAL: ("alle gesimuleerde buurten", "all simulated buurten"),
    "city": ("hele stad", "whole city"),
}


def view_name(key: str, codes: Sequence[str], lang: str = DEFAULT_LANG) -> str:
    """The name of a view row in a run of the buurten ``codes``: the focus buurten by
    name only when both Nazareth and Pottenberg run, 'the whole city' only when all 44
    buurten run (else the total is of the simulated buurten only)."""
    from model.inputs.areas import FOCUS_AREAS, all_areas

    if key == FOCUS and not set(FOCUS_AREAS) <= set(codes):
        key = "focus_other"
    elif key == TOTAL and set(codes) >= set(all_areas()):
        key = "city"
    nl, en = VIEW_NAMES[key]
    return nl if check_lang(lang) == "nl" else en


# the parameters the app offers: the uncertain and policy ones (not rules such as legal norms)
PARAMS = {p.name: p for p in REGISTRY if p.role in ("uncertain", "policy")}


def check_lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The UI string ``key`` in ``lang``, formatted with ``fmt``."""
    nl, en = UI[key]
    text = nl if check_lang(lang) == "nl" else en
    return text.format(**fmt) if fmt else text


def indicator_label(name: str, lang: str = DEFAULT_LANG) -> str:
    ind = BY_NAME[name]
    return ind.label_nl if check_lang(lang) == "nl" else ind.label_en


def intervention_label(key: str, lang: str = DEFAULT_LANG) -> str:
    cls = CATALOGUE[key]
    return cls.label_nl if check_lang(lang) == "nl" else cls.label_en


def layer_label(key: str, lang: str = DEFAULT_LANG) -> str:
    nl, en, *_ = MAP_LAYERS[key]
    return nl if check_lang(lang) == "nl" else en


def is_share(name: str) -> bool:
    return BY_NAME[name].unit.startswith("share")


def format_value(name: str, value: float) -> str:
    """Shares as percentages, scores with two decimals."""
    return f"{100 * value:.1f}%" if is_share(name) else f"{value:.2f}"


def format_diff(name: str, value: float) -> str:
    """Differences of shares in percentage points, of scores in points."""
    return f"{100 * value:+.1f} pp" if is_share(name) else f"{value:+.2f}"


def markdown_table(rows: list[dict]) -> str:
    """Rows of equal keys as a Markdown table."""
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|---" * len(keys) + "|"]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)
