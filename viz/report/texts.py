"""Every sentence of the report in Dutch ('nl') and English ('en').

Labels of scenarios, interventions, shocks and indicators come from their
registries (scenario files, ``scenarios.interventions.CATALOGUE``,
``scenarios.shocks.SHOCKS``, ``model.indicators.INDICATORS``); this module has
only the report's own words. ``text(lang, key, **values)`` fills in
``{placeholders}``.
"""

from __future__ import annotations

LANGS = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "nl": "Veerkracht in Nazareth en Pottenberg: wat levert het programma op?",
        "en": "Resilience in Nazareth and Pottenberg: what does the programme achieve?",
    },
    "subtitle": {
        "nl": "Verkenning met een simulatiemodel van {n} programmavarianten van {budget} per jaar",
        "en": "An exploration with a simulation model of {n} programme options of {budget} a year",
    },
    "date_line": {
        "nl": "Rapport gemaakt op {date}; berekeningen van {computed}.",
        "en": "Report written on {date}; calculations of {computed}.",
    },
    "notice_title": {"nl": "Let op: voorbeeldgegevens", "en": "Please note: illustrative data"},
    "notice": {
        "nl": "Dit rapport rekent met voorbeeldgegevens. De echte bewonersenquête 'Veerkracht in "
        "Maastricht' (juni 2021) is nog niet ingeladen. Alleen de bevolkingsopbouw van de twee "
        "buurten is gepubliceerd cijfermateriaal (CBS 2017); de overige startwaarden zijn "
        "schattingen of aannames. De uitkomsten laten zien hoe programma's in het model "
        "doorwerken en hoe ze zich tot elkaar verhouden. Het zijn geen voorspellingen voor "
        "Nazareth of Pottenberg en ze zijn niet bedoeld om als feit te citeren.",
        "en": "This report uses illustrative data. The real resident survey 'Veerkracht in "
        "Maastricht' (June 2021) has not been loaded yet. Only the population make-up of the "
        "two buurten is published data (CBS 2017); the other starting values are estimates or "
        "assumptions. The results show how programmes work through in the model and how they "
        "compare with each other. They are not forecasts for Nazareth or Pottenberg and are not "
        "meant to be quoted as facts.",
    },
    # ---------------------------------------------------------------- question
    "sec_question": {"nl": "Vraag en achtergrond", "en": "Question and context"},
    "question": {
        "nl": "De gemeente Maastricht besteedt {budget} per jaar aan een programma om de "
        "veerkracht van bewoners in de buurten Nazareth en Pottenberg te versterken. De vraag "
        "van dit rapport: welke besteding van dat geld helpt bewoners het meest, en hoe zeker "
        "is dat? We vergelijken {n} manieren om het budget te besteden met de situatie zonder "
        "extra programma (de 'basis').",
        "en": "The municipality of Maastricht spends {budget} a year on a programme to "
        "strengthen the resilience of residents of the buurten Nazareth and Pottenberg. The "
        "question of this report: which way of spending that money helps residents most, and "
        "how certain is that? We compare {n} ways of spending the budget with the situation "
        "without an extra programme (the 'baseline').",
    },
    "context": {
        "nl": "Veerkracht is hier het vermogen van bewoners om tegenslag op te vangen: geld, "
        "gezondheid, een netwerk van mensen om op terug te vallen, en vertrouwen in buurt en "
        "gemeente. Het programma start in {start}. We kijken {horizons} na de start.",
        "en": "Resilience here is residents' ability to absorb setbacks: money, health, a "
        "network of people to fall back on, and trust in the buurt and the municipality. The "
        "programme starts in {start}. We look {horizons} after the start.",
    },
    "areas_line": {
        "nl": "{name}: {population} inwoners en {households} huishoudens (CBS 2017).",
        "en": "{name}: {population} residents and {households} households (CBS 2017).",
    },
    "areas_rest_line": {
        "nl": "De andere {n} buurten van de stad: samen {population} inwoners en "
        "{households} huishoudens (CBS 2017).",
        "en": "The other {n} buurten of the city: together {population} residents and "
        "{households} households (CBS 2017).",
    },
    "sec_map": {"nl": "De twee buurten", "en": "The two buurten"},
    "sec_map_more": {"nl": "De doorgerekende buurten", "en": "The buurten simulated"},
    "map_alt": {
        "nl": "Kaart van Maastricht met de buurten Nazareth en Pottenberg gekleurd en de "
        "andere buurten in grijs. Bron: CBS.",
        "en": "Map of Maastricht with the buurten Nazareth and Pottenberg coloured and the "
        "other buurten in grey. Source: CBS.",
    },
    "map_caption": {
        "nl": "Buurtgrenzen uit de CBS Wijk- en Buurtkaart 2017. Bron: CBS.",
        "en": "Buurt boundaries from the CBS Wijk- en Buurtkaart 2017. Bron: CBS.",
    },
    "map_title": {"nl": "Nazareth en Pottenberg in Maastricht", "en": "Nazareth and Pottenberg"},
    "map_source": {"nl": "Bron: CBS (Wijk- en Buurtkaart 2017)", "en": "Bron: CBS (2017)"},
    # ---------------------------------------------------------------- scenarios
    "sec_scenarios": {"nl": "De programmavarianten", "en": "The programme options"},
    "scenarios_intro": {
        "nl": "Elke variant besteedt het budget anders. Per variant staan hieronder de "
        "onderdelen en wat ze bij volledige inzet per jaar kosten.",
        "en": "Each option spends the budget differently. Below, for each option, its parts "
        "and what they cost a year at full operation.",
    },
    "stress_intro": {
        "nl": "Een stresstest is geen programma maar een tegenslag die we het model "
        "opleggen, om te zien hoe diep bewoners wegzakken en hoe snel ze herstellen.",
        "en": "A stress test is not a programme but a setback imposed on the model, to see how "
        "far residents fall and how quickly they recover.",
    },
    "col_part": {"nl": "Onderdeel", "en": "Part"},
    "col_from": {"nl": "Vanaf", "en": "From"},
    "col_cost_year": {"nl": "Kosten per jaar", "en": "Cost a year"},
    "col_shock": {"nl": "Tegenslag", "en": "Setback"},
    "col_period": {"nl": "Periode", "en": "Period"},
    "total": {"nl": "Totaal", "en": "Total"},
    "budget_line": {
        "nl": "Budget: {budget} per jaar. Gemiddeld werkelijk besteed: {spent} per jaar.",
        "en": "Budget: {budget} a year. Actually spent on average: {spent} a year.",
    },
    "over_budget": {
        "nl": "Let op: deze variant gaat in {year} {over} over het budget heen.",
        "en": "Note: this option goes {over} over budget in {year}.",
    },
    "kind_portfolio": {"nl": "programmavariant", "en": "programme option"},
    "kind_stress": {"nl": "stresstest", "en": "stress test"},
    "kind_baseline": {"nl": "basis", "en": "baseline"},
    "baseline_text": {
        "nl": "De basis is het huidige beleid zonder extra programma. Alle varianten worden "
        "hiermee vergeleken.",
        "en": "The baseline is current policy without an extra programme. Every option is "
        "compared with it.",
    },
    "until": {"nl": "tot {end}", "en": "until {end}"},
    "ongoing": {"nl": "doorlopend", "en": "ongoing"},
    # ---------------------------------------------------------------- results
    "sec_results": {"nl": "Resultaten per onderwerp", "en": "Results by topic"},
    "results_intro": {
        "nl": "Voor elk onderwerp staat hieronder het verschil met de basis, {horizons} na de "
        "start van het programma: eerst bij {people}, en in {city}, daarna in {place} zelf. Het "
        "getal is het gemiddelde verschil over {n} herhalingen van de simulatie. "
        "{interval} Het niveau in {city} staat erbij met de spreiding "
        "tussen de herhalingen (10e tot 90e percentiel).",
        "en": "For each topic, below is the difference from the baseline {horizons} after the "
        "programme start: first for {people}, and in {city}, then in {place} themselves. The "
        "number is the mean difference over {n} repetitions of the simulation. "
        "{interval} The level in {city} is given with the spread "
        "between repetitions (10th to 90th percentile).",
    },
    "interval_chance": {
        "nl": "De bandbreedte tussen haken is het gebied waarin 90% van de herhalingen valt. "
        "Daarin zit alleen het toeval in het model: alle parameters en effecten hebben hun "
        "centrale waarde, dus wat we niet zeker weten zit er niet in. Ligt de bandbreedte aan "
        "beide kanten van de nul, dan kan de variant beter of slechter uitpakken dan de basis. "
        "Ook een bandbreedte aan één kant van de nul is geen bewijs dat het programma in "
        "werkelijkheid zo werkt.",
        "en": "The range in brackets is where 90% of the repetitions fall. It holds only chance "
        "in the model: every parameter and effect has its central value, so what we do not "
        "know is not in it. A range on both sides of zero means the option may turn out "
        "better or worse than the baseline. Even a range on one side of zero is no proof that "
        "the programme works that way in reality.",
    },
    "interval_uncertain": {
        "nl": "De bandbreedte tussen haken is het gebied waarin 90% van de herhalingen valt. "
        "Daarin zit het toeval in het model én wat we niet zeker weten: elke herhaling rekent "
        "met een eigen trekking van {k} modelparameters{posterior} en van de effecten van de "
        "interventies, binnen de marges die het onderzoek aangeeft. Ligt de bandbreedte aan "
        "beide kanten van de nul, dan kan de variant beter of slechter uitpakken dan de basis. "
        "Ook een bandbreedte aan één kant van de nul is geen bewijs dat het programma in "
        "werkelijkheid zo werkt.",
        "en": "The range in brackets is where 90% of the repetitions fall. It holds chance in "
        "the model and what we do not know: each repetition uses its own draw of {k} model "
        "parameters{posterior} and of the effects of the interventions, within the ranges the "
        "research gives. A range on both sides of zero means the option may turn out better "
        "or worse than the baseline. Even a range on one side of zero is no proof that the "
        "programme works that way in reality.",
    },
    "interval_posterior_part": {
        "nl": " ({k} daarvan uit de kalibratie)",
        "en": " ({k} of them from the calibration)",
    },
    "views_intro": {
        "nl": "We bekijken elke uitkomst op drie manieren. {People_}: de mensen die bij de start "
        "van het programma (januari 2024) in Nazareth en Pottenberg woonden, waar in de stad ze "
        "later ook wonen. {City_}: alle bewoners samen. {Place_}: wie er op dat moment woont. "
        "Een betere buurtwaarde kan ook komen doordat er andere mensen in de buurt wonen, "
        "bijvoorbeeld omdat kwetsbare woningzoekenden elders een woning krijgen. Of het "
        "bewoners beter gaat, laten alleen {people} en {city} zien.",
        "en": "We look at every outcome in three ways. {People_}: the people who lived in "
        "Nazareth and Pottenberg at the programme start (January 2024), wherever in the city "
        "they live later. {City_}: all residents together. {Place_}: whoever lives there at the "
        "time. A better buurt value can also come from other people living in the buurt, for "
        "example because vulnerable applicants are housed elsewhere. Only {people} and {city} "
        "show whether residents are better off.",
    },
    "views_focus_only": {
        "nl": "In deze vergelijking zijn alleen {buurten} doorgerekend; {city} zijn dan die "
        "buurten samen en zeggen niets over de rest van Maastricht.",
        "en": "This comparison simulated only {buurten}; {city} are then those buurten "
        "together and say nothing about the rest of Maastricht.",
    },
    "col_view_after": {"nl": "Na", "en": "After"},
    "col_level_view": {"nl": "Niveau, {view}", "en": "Level, {view}"},
    "h_years": {"nl": "{h} jaar", "en": "{h} years"},
    "better_higher": {"nl": "Hoger is beter.", "en": "Higher is better."},
    "better_lower": {"nl": "Lager is beter.", "en": "Lower is better."},
    "better_none": {"nl": "Hoger of lager is niet beter of slechter.", "en": "Neutral."},
    "unit_pp": {"nl": "procentpunt", "en": "percentage points"},
    "unit_share": {"nl": "% van de {who}", "en": "% of {who}"},
    "who_adults": {"nl": "volwassenen", "en": "adults"},
    "who_households": {"nl": "huishoudens", "en": "households"},
    "who_residents": {"nl": "bewoners", "en": "residents"},
    "who_labour": {"nl": "beroepsbevolking", "en": "labour force"},
    "unit_points": {"nl": "punten ({scale})", "en": "points ({scale})"},
    "col_option": {"nl": "Variant", "en": "Option"},
    "col_after": {"nl": "na {h} jaar", "en": "after {h} years"},
    "col_level": {"nl": "Niveau na {h} jaar", "en": "Level after {h} years"},
    "reference": {"nl": "referentie", "en": "reference"},
    "table_caption_diff": {
        "nl": "Verschil met de basis in {unit}: gemiddelde [bandbreedte waarin 90% van de "
        "herhalingen valt]. {better}",
        "en": "Difference from the baseline in {unit}: mean [range holding 90% of the "
        "repetitions]. {better}",
    },
    "table_caption_level": {
        "nl": "Niveau in {unit}: gemiddelde [10e{dash}90e percentiel].",
        "en": "Level in {unit}: mean [10th{dash}90th percentile].",
    },
    "fig_diff_title": {
        "nl": "{indicator}: verschil met de basis",
        "en": "{indicator}: difference from the baseline",
    },
    "fig_diff_alt": {
        "nl": "Grafiek: verschil met de basis voor '{indicator}' na {h} jaar, per variant voor "
        "{views}, met een punt voor het gemiddelde en een lijn voor de bandbreedte waarin 90% van "
        "de herhalingen valt. {better}",
        "en": "Chart: difference from the baseline in '{indicator}' after {h} years, per "
        "option for {views}, with a dot for the mean and a line for the range holding 90% of "
        "the repetitions. {better}",
    },
    "fig_diff_axis": {"nl": "verschil met de basis ({unit})", "en": "difference ({unit})"},
    "fig_diff_note": {
        "nl": "Na {h} jaar. Punt: gemiddeld verschil; lijn: 90% van de herhalingen. "
        "Voorbeeldgegevens.",
        "en": "After {h} years. Dot: mean difference; line: 90% of the repetitions. "
        "Illustrative data.",
    },
    "years_word": {"nl": "jaar", "en": "years"},
    "improves": {"nl": "verbetering", "en": "improvement"},
    "worsens": {"nl": "verslechtering", "en": "worse"},
    # ---------------------------------------------------------------- value for money
    "sec_value": {"nl": "Wat {budget} per jaar oplevert", "en": "What {budget} a year buys"},
    "value_intro": {
        "nl": "Na {h} jaar: hoeveel mensen of huishoudens het beter gaat dan in de basis, eerst "
        "bij {people}, en in {city}, daarna in {place}. De kosten per eenheid zijn de totale "
        "kosten over {h} jaar gedeeld door de verbetering bij {people}; ze staan er alleen als "
        "de herhalingen de gemiddelde verbetering duidelijk van nul onderscheiden (het "
        "90%-betrouwbaarheidsinterval van het gemiddelde ligt helemaal aan de goede kant).",
        "en": "After {h} years: how many people or households are better off than in the "
        "baseline, first for {people}, and in {city}, then in {place}. The cost per unit is "
        "the total cost over {h} years divided by the improvement for {people}; it is given "
        "only where the repetitions tell the mean improvement clearly from zero (the 90% "
        "confidence interval of the mean lies wholly on the good side).",
    },
    "col_per_unit_people": {
        "nl": "Kosten per eenheid (bewoners van 2024)",
        "en": "Cost per unit (residents of 2024)",
    },
    "spent_line": {"nl": "besteed: {eur} per jaar", "en": "spent: {eur} a year"},
    "col_spent": {"nl": "Besteed per jaar", "en": "Spent a year"},
    "col_improvement": {"nl": "Verbetering", "en": "Improvement"},
    "col_per_unit": {"nl": "Kosten per eenheid", "en": "Cost per unit"},
    "col_topic": {"nl": "Onderwerp", "en": "Topic"},
    "not_shown": {"nl": "geen duidelijke verbetering", "en": "no clear improvement"},
    "value_caption": {
        "nl": "Verbetering: aantal mensen of huishoudens minder in de slechte toestand dan in "
        "de basis (bij vertrouwen: meer met vertrouwen), gemiddelde [bandbreedte]. {interval}",
        "en": "Improvement: number of people or households fewer in the bad state than in the "
        "baseline (for trust: more trusting), mean [range]. {interval}",
    },
    # ---------------------------------------------------------------- composition
    "sec_composition": {
        "nl": "Andere bewoners of betere levens?",
        "en": "Other residents or better lives?",
    },
    "composition_intro": {
        "nl": "Per variant: hoeveel {indicator} na {h} jaar verandert in {place} en bij "
        "{people}. Het verschil tussen die twee is het verschil van de twee gemiddelden (er "
        "is geen interval voor berekend). Het is het deel van de verandering in de buurten "
        "dat niet terugkomt bij de bewoners van 2024: het komt vooral door wie er woont (wie "
        "vertrekt en wie er komt wonen), niet doordat het dezelfde mensen beter gaat. Een klein "
        "deel kan komen van nieuwe bewoners die het programma na 2024 nog bereikt.",
        "en": "Per option: how much {indicator} changes after {h} years in {place} and for "
        "{people}. The gap between the two is the difference of the two means (no interval "
        "was computed for it). It is the part of the change in the buurten that does not show "
        "up for the residents of 2024: it comes mostly from who lives there (who leaves and "
        "who moves in), not from the same people being better off. A small part can come "
        "from newcomers whom the programme still reaches after 2024.",
    },
    "composition_line": {
        "nl": "{label}: in {place} {place_diff}, bij {people} {people_diff}; verschil van de "
        "gemiddelden {comp} {unit}.",
        "en": "{label}: in {place} {place_diff}, for {people} {people_diff}; difference of "
        "the means {comp} {unit}.",
    },
    "vulnerable_title": {
        "nl": "Wie er woont: kwetsbare huishoudens",
        "en": "Who lives there: vulnerable households",
    },
    "vulnerable_caption": {
        "nl": "Aandeel kwetsbare huishoudens na {h} jaar in %, gemiddelde [10e{dash}90e "
        "percentiel] over de herhalingen. Dit beschrijft wie er woont. Een hoger of lager "
        "aandeel is op zich niet beter of slechter, en het heeft geen prijs.",
        "en": "Share of vulnerable households after {h} years in %, mean [10th{dash}90th "
        "percentile] over the repetitions. This describes who lives there. A higher or lower "
        "share is not in itself better or worse, and it has no price.",
    },
    # ---------------------------------------------------------------- displacement
    "sec_displacement": {
        "nl": "Verdringing bij woningtoewijzing",
        "en": "Displacement at lettings",
    },
    "displacement_intro": {
        "nl": "{label} laat de corporatie bij een deel van de toewijzingen in {place} de minst "
        "kwetsbare woningzoekende kiezen. Kwetsbare woningzoekenden worden dan overgeslagen. "
        "Ze blijven ingeschreven en krijgen later vaak elders een woning. De buurtcijfers "
        "worden daar beter van zonder dat het die mensen beter gaat. De tabel laat na {h} jaar "
        "zien hoe vaak dat gebeurde en waar de gepasseerde huishoudens een woning kregen.",
        "en": "{label} has the corporation choose the least vulnerable applicant at part of "
        "the lettings in {place}. Vulnerable applicants are then passed over. They stay in the "
        "queue and are often housed elsewhere later. The buurt figures improve without those "
        "people being better off. The table shows, after {h} years, how often this happened "
        "and where the households passed over were housed.",
    },
    "passed_over": {
        "nl": "Kwetsbare woningzoekenden gepasseerd in {place}",
        "en": "Vulnerable applicants passed over in {place}",
    },
    "housed_in": {"nl": "daarna gehuisvest in {where}", "en": "later housed in {where}"},
    "housed_elsewhere": {
        "nl": "daarna gehuisvest elders in de stad (niet gesimuleerd)",
        "en": "later housed elsewhere in the city (not simulated)",
    },
    "housed_other_buurten": {
        "nl": "daarna gehuisvest in de {n} andere buurten",
        "en": "later housed in the {n} other buurten",
    },
    "housed_total": {"nl": "daarna gehuisvest, totaal", "en": "later housed, in all"},
    "col_what": {"nl": "Wat", "en": "What"},
    "col_count": {
        "nl": "Aantal na {h} jaar",
        "en": "Number after {h} years",
    },
    "displacement_caption": {
        "nl": "Gemiddelde [10e{dash}90e percentiel] over de herhalingen. Gepasseerd telt bij "
        "elke toewijzing wie werd overgeslagen: wie vaker wordt overgeslagen, telt vaker mee. "
        "Gehuisvest telt huishoudens één keer, in de buurt waar ze na het passeren een woning "
        "kregen. Is maar een deel van de stad doorgerekend, dan is 'elders in de stad' het "
        "aantal gehuisveste huishoudens min dat in de doorgerekende buurten (alleen het "
        "gemiddelde).",
        "en": "Mean [10th{dash}90th percentile] over the repetitions. Passed over counts, at "
        "each letting, who was skipped: someone skipped more often counts more often. Housed "
        "counts households once, in the buurt where they were housed after being passed "
        "over. When part of the city ran: elsewhere in the city is all households housed "
        "minus those in the buurten simulated (mean only).",
    },
    # ---------------------------------------------------------------- tweedeling
    "sec_tweedeling": {
        "nl": "Tweedeling: de focusbuurten en de rest van de stad",
        "en": "Tweedeling: the focus buurten and the rest of the city",
    },
    "tweedeling_intro": {
        "nl": "Hoe groot is de afstand tussen {place} en {rest}, en verandert die door het "
        "programma? Per onderwerp na {h} jaar: de kloof ({place} min {rest}), de verhouding "
        "({place} gedeeld door {rest}) en de spreiding over alle doorgerekende buurten "
        "(standaardafwijking, gewogen naar inwoners). Eerst de kloof in de basis, dan per "
        "variant het verschil met de basis [90%-interval]. Een kleinere kloof is niet vanzelf "
        "winst: die kan ook komen doordat kwetsbare huishoudens ergens anders gaan wonen.",
        "en": "How large is the distance between {place} and {rest}, and does the programme "
        "change it? Per topic after {h} years: the gap ({place} minus {rest}), the ratio "
        "({place} divided by {rest}) and the spread over all buurten simulated (standard "
        "deviation, weighted by residents). First the gap in the baseline, then per option "
        "the difference from the baseline [90% interval]. A smaller gap is not a gain in "
        "itself: it can also come from vulnerable households moving elsewhere.",
    },
    "tweedeling_partial": {
        "nl": "Van de rest van de stad zijn alleen {buurten} doorgerekend; '{rest}' is hier "
        "die buurten.",
        "en": "Of the rest of the city only {buurten} were simulated; '{rest}' means those "
        "buurten here.",
    },
    "tweedeling_missing": {
        "nl": "De tweedeling (de afstand tussen de focusbuurten en de rest van de stad) vraagt "
        "een berekening met ook de rest van de stad (veerkracht compare ... --areas all); "
        "deze vergelijking rekende alleen met {buurten}.",
        "en": "The tweedeling (the distance between the focus buurten and the rest of the "
        "city) needs a run that includes the rest of the city (veerkracht compare ... --areas "
        "all); this comparison simulated only {buurten}.",
    },
    "col_gap_base": {"nl": "Kloof in de basis", "en": "Gap in the baseline"},
    "col_gap": {"nl": "Kloof: verschil", "en": "Gap: difference"},
    "col_ratio": {"nl": "Verhouding: verschil", "en": "Ratio: difference"},
    "col_spread": {"nl": "Spreiding: verschil", "en": "Spread: difference"},
    "tweedeling_caption": {
        "nl": "Kloof en spreiding in {unit_share} bij aandelen, in punten bij scores; de "
        "verhouding zonder eenheid. Kloof in de basis: gemiddelde [10e{dash}90e percentiel]; "
        "verschillen: gemiddelde [90%-interval].",
        "en": "Gap and spread in {unit_share} for shares, in points for scores; the ratio "
        "without unit. Gap in the baseline: mean [10th{dash}90th percentile]; differences: "
        "mean [90% interval].",
    },
    "slide_tweedeling": {"nl": "Tweedeling", "en": "Tweedeling"},
    "slide_displacement": {"nl": "Verdringing bij toewijzing", "en": "Displacement at lettings"},
    # ---------------------------------------------------------------- stress
    "sec_stress": {
        "nl": "Stresstests: terugval en herstel",
        "en": "Stress tests: drop and recovery",
    },
    "stress_text": {
        "nl": "{label}: tegenslag van {start} {until}. Tabel: hoe ver het onderwerp na het "
        "begin van de tegenslag maximaal terugvalt ten opzichte van de maand ervoor "
        "(gemiddelde [10e{dash}90e percentiel] over de herhalingen), en hoeveel maanden na het "
        "einde van de tegenslag het weer bijna op het oude niveau is.",
        "en": "{label}: setback from {start} {until}. Table: how far the topic falls at most "
        "after the setback begins, compared with the month before (mean [10th{dash}90th "
        "percentile] over the repetitions), and how many months after the end of the setback "
        "it is nearly back to its old level.",
    },
    "col_drop": {"nl": "Terugval", "en": "Drop"},
    "col_recovery": {"nl": "Herstel (maanden)", "en": "Recovery (months)"},
    "no_recovery": {"nl": "niet binnen de looptijd", "en": "not within the run"},
    "no_stress": {
        "nl": "In deze vergelijking zit geen stresstest.",
        "en": "This comparison has no stress test.",
    },
    # ---------------------------------------------------------------- methods
    "sec_methods": {"nl": "Hoe is dit berekend?", "en": "How was this calculated?"},
    "methods": {
        "nl": "Het model bootst de bewoners van de twee buurten na: ieder gesimuleerd huishouden "
        "heeft een inkomen, uitgaven, eventueel schulden, een gezondheid en contacten met "
        "buren, familie en vrienden. Maand na maand gebeuren er dingen die in het echt ook "
        "gebeuren: iemand verliest een baan, raakt in de schulden, wordt ziek, verhuist of "
        "leert nieuwe mensen kennen. Een programma grijpt daarop in, bijvoorbeeld doordat "
        "betalingsachterstanden eerder worden opgemerkt of doordat er een ontmoetingsplek "
        "komt, en kost daarbij geld.|"
        "Omdat toeval een grote rol speelt, rekenen we elke variant {n} keer door. Elke "
        "herhaling van een variant gebruikt precies hetzelfde toeval als de overeenkomstige "
        "herhaling van de basis. Het verschil tussen die twee komt dus alleen door het "
        "programma. Het gemiddelde van die verschillen is het getal in de tabellen; het "
        "90%-interval eromheen laat zien hoeveel dat gemiddelde door toeval kan schommelen. "
        "Meer herhalingen maken het interval smaller.|"
        "Het model is één woningmarkt voor de stad: huishoudens verhuizen tussen buurten via "
        "de wachtrij van de corporatie en de vrije markt, en sommigen vertrekken uit "
        "Maastricht. Daarom volgen we de bewoners van januari 2024 waar ze ook gaan wonen, "
        "naast de buurten zelf en de stad.|"
        "De kosten zijn de werkelijke uitgaven in het model (bijvoorbeeld minder als er minder "
        "deelnemers zijn), gemiddeld per jaar vanaf de start van het programma.",
        "en": "The model imitates the residents of the two buurten: every simulated household "
        "has an income, expenses, possibly debts, a state of health and contacts with "
        "neighbours, family and friends. Month by month, things happen that also happen in "
        "reality: someone loses a job, falls into debt, becomes ill, moves or meets new people. "
        "A programme acts on this, for example by spotting payment arrears earlier or by "
        "opening a meeting place, and costs money doing so.|"
        "Because chance plays a large part, each option is calculated {n} times. Each "
        "repetition of an option uses exactly the same chance events as the matching "
        "repetition of the baseline, so the difference between the two is due to the programme "
        "alone. The mean of those differences is the number in the tables; the 90% interval "
        "around it shows how much that mean can vary by chance. More repetitions make the "
        "interval narrower.|"
        "The model is one housing market for the city: households move between buurten "
        "through the corporation's queue and the private market, and some leave Maastricht. "
        "So we follow the residents of January 2024 wherever they live, beside the buurten "
        "themselves and the city.|"
        "Costs are the actual spending in the model (for example less if there are fewer "
        "participants), averaged per year from the programme start.",
    },
    # ---------------------------------------------------------------- data
    "sec_data": {"nl": "Herkomst van de gegevens en beperkingen", "en": "Data sources and limits"},
    "data_intro": {
        "nl": "Elk invoergegeven van het model heeft een status: gepubliceerd (uit een "
        "officiële bron), schatting (afgeleid uit landelijke of regionale cijfers) of aanname "
        "(een onderbouwde keuze zonder cijfer).",
        "en": "Every input of the model has a status: published (from an official source), "
        "estimate (derived from national or regional figures) or assumption (a reasoned choice "
        "without a figure).",
    },
    "col_source": {"nl": "Gegevens", "en": "Data"},
    "col_published": {"nl": "Gepubliceerd", "en": "Published"},
    "col_estimate": {"nl": "Schatting", "en": "Estimate"},
    "col_assumption": {"nl": "Aanname", "en": "Assumption"},
    "src_demography": {
        "nl": "Bevolking, huishoudens, leeftijd (CBS 2017)",
        "en": "Population, households, age (CBS 2017)",
    },
    "src_inputs": {
        "nl": "Buurtkenmerken (woningen, inkomen, kwetsbaarheid)",
        "en": "Buurt characteristics (housing, income, vulnerability)",
    },
    "src_targets": {
        "nl": "Startwaarden juni 2021 (eenzaamheid, schulden, gezondheid, vertrouwen)",
        "en": "Starting values June 2021 (loneliness, debt, health, trust)",
    },
    "src_effects": {
        "nl": "Effecten en kosten van de programma-onderdelen",
        "en": "Effects and costs of the programme parts",
    },
    "effects_status": {
        "nl": "studies (vaak buitenlands) en eigen schattingen",
        "en": "studies (often not Dutch) and own estimates",
    },
    "limits": {
        "nl": "De echte enquête 'Veerkracht in Maastricht' (juni 2021) is niet openbaar en nog "
        "niet ingeladen; de startwaarden zijn daarvoor in de plaats gekozen.|"
        "{calibration}|"
        "De effecten van programma's komen uit onderzoek elders en zijn bewust voorzichtig "
        "gekozen; de kosten zijn deels eigen schattingen.|"
        "Vergelijk de varianten daarom met elkaar en met de basis, niet met de werkelijkheid. "
        "De uitkomsten zijn geen voorspellingen.",
        "en": "The real survey 'Veerkracht in Maastricht' (June 2021) is not public and has not "
        "been loaded; the starting values stand in for it.|"
        "{calibration}|"
        "Programme effects come from research elsewhere and are set cautiously; costs are "
        "partly own estimates.|"
        "Compare the options with each other and with the baseline, not with reality. The "
        "results are not forecasts.",
    },
    "limits_uncalibrated": {
        "nl": "Het model is niet afgestemd op gemeten ontwikkelingen in de buurten: de "
        "parameters hebben hun standaardwaarden en de banden tonen alleen toeval.",
        "en": "The model has not been calibrated against measured developments in the "
        "buurten: the parameters have their default values and the bands show chance only.",
    },
    "limits_priors": {
        "nl": "Het model is niet afgestemd op gemeten ontwikkelingen in de buurten. Elke "
        "herhaling trekt {k} onzekere parameters uit hun vooraf vastgelegde verdeling "
        "(bandbreedtes uit onderzoek, of een aanname waar onderzoek ontbreekt) en de effecten "
        "van de interventies uit hun marges; de banden tonen dus toeval en die onzekerheid.",
        "en": "The model has not been calibrated against measured developments in the "
        "buurten. Each repetition draws {k} uncertain parameters from their stated "
        "distributions (ranges from research, or an assumption where there is none) and the "
        "effects of the interventions from their ranges, so the bands show chance and that "
        "uncertainty.",
    },
    "limits_posterior": {
        "nl": "Elke herhaling rekent met een eigen trekking van {k} onzekere parameters uit een "
        "kalibratie (ABC-SMC); de banden tonen dus ook die onzekerheid. Die kalibratie is "
        "gedaan op illustratieve doelwaarden, tenzij de gemeente de echte enquête heeft "
        "ingeladen.",
        "en": "Each replicate uses its own draw of {k} uncertain parameters from a calibration "
        "(ABC-SMC), so the bands include that uncertainty too. The calibration used "
        "illustrative targets unless the municipality loaded the real survey.",
    },
    "limits_title": {"nl": "Beperkingen", "en": "Limits"},
    # ---------------------------------------------------------------- reproducibility
    "sec_repro": {"nl": "Verantwoording en reproduceerbaarheid", "en": "Reproducibility"},
    "repro_intro": {
        "nl": "Met deze gegevens is elke berekening exact te herhalen.",
        "en": "With these details every calculation can be repeated exactly.",
    },
    "repro_command": {"nl": "Opdracht", "en": "Command"},
    "repro_created": {"nl": "Berekend op", "en": "Calculated on"},
    "repro_version": {"nl": "Modelversie", "en": "Model version"},
    "repro_code": {"nl": "Code- en datacontrolegetal", "en": "Code and data hash"},
    "repro_python": {"nl": "Python en pakketten", "en": "Python and packages"},
    "repro_seed": {"nl": "Basisgetal toeval (seed)", "en": "Base seed"},
    "repro_seeds": {"nl": "Seeds per herhaling", "en": "Seeds per repetition"},
    "repro_reps": {"nl": "Herhalingen per variant", "en": "Repetitions per option"},
    "repro_years": {"nl": "Gesimuleerde jaren", "en": "Years simulated"},
    "col_scenario_id": {"nl": "Naam in het model", "en": "Name in the model"},
    "col_digest": {"nl": "Controlegetal (digest)", "en": "Digest"},
    "col_fingerprint": {"nl": "Vingerafdruk", "en": "Fingerprint"},
    # ---------------------------------------------------------------- slides
    "slide_context": {"nl": "Vraag en achtergrond", "en": "Question and context"},
    "slide_value": {"nl": "Wat {budget} per jaar oplevert", "en": "What {budget} a year buys"},
    "slide_stress": {"nl": "Stresstests", "en": "Stress tests"},
    "slide_limits": {"nl": "Gegevens en beperkingen", "en": "Data and limits"},
    "slide_repro": {"nl": "Verantwoording", "en": "Reproducibility"},
    "slide_diff_note": {
        "nl": "Verschil met de basis na {h} jaar [90%-interval], {unit}. {better}",
        "en": "Difference from the baseline after {h} years [90% interval], {unit}. {better}",
    },
    "and": {"nl": "en", "en": "and"},
    "page": {"nl": "Pagina", "en": "Page"},
}


def text(lang: str, key: str, **values) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    entry = TEXTS[key][lang]
    return entry.format(**values) if values else entry


def paragraphs(lang: str, key: str, **values) -> list[str]:
    """A text with several paragraphs (separated by '|')."""
    return text(lang, key, **values).split("|")


def join_words(items: list[str], lang: str) -> str:
    """'2, 5 en 10' / '2, 5 and 10'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {text(lang, 'and')} " + items[-1]


MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def month_name(label: str | None, lang: str) -> str:
    """'2025-03' -> 'maart 2025' / 'March 2025'."""
    if not label:
        return ""
    year, month = str(label)[:7].split("-")
    return f"{MONTHS[lang][int(month) - 1]} {year}"


# What one unit of improvement is, for the 'what the budget buys' table.
# The value-for-money table: how an improvement reads after the indicator's population
# (model.indicators: 'volwassenen' / 'households' ...), e.g. 'volwassenen minder eenzaam'.
VALUE_CHANGES: dict[str, dict[str, str]] = {
    "low_resilience_share": {
        "nl": "minder met veerkracht onder druk",
        "en": "fewer with resilience under pressure",
    },
    "problem_debt_share": {
        "nl": "minder met problematische schulden",
        "en": "fewer with problematic debt",
    },
    "financial_worries_share": {
        "nl": "minder met moeite om rond te komen",
        "en": "fewer struggling to make ends meet",
    },
    "lonely_share": {"nl": "minder eenzaam", "en": "fewer lonely"},
    "psych_distress_share": {
        "nl": "minder met ernstige psychische klachten",
        "en": "fewer with high psychological distress",
    },
    "trust_municipality_share": {
        "nl": "meer met vertrouwen in de gemeente",
        "en": "more trusting the municipality",
    },
}
PER_ONE = {"nl": "per {unit}", "en": "per {unit}"}
