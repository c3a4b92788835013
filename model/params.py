"""Parameter registry: one entry per model parameter, with unit and source.

Rates are per year unless the unit says otherwise; processes convert them to
monthly probabilities. Every entry has a source, or a source that starts with
"assumption:" and says why the value was chosen. The registry drives CLI
overrides (``--set name=value``), the docs' parameter table and, later,
calibration priors and app controls.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from calibration.errors import InputError


@dataclass(frozen=True)
class Param:
    name: str
    default: float
    low: float
    high: float
    unit: str
    description: str
    source: str

    @property
    def group(self) -> str:
        return self.name.split(".")[0]

    @property
    def is_assumption(self) -> bool:
        return self.source.startswith("assumption")


PRIORS = "shared research priors (priors.yaml)"

_P = Param
REGISTRY: tuple[Param, ...] = (
    # --- population synthesis and set-up -------------------------------------------------
    _P("pop.single_parent_share", 0.30, 0.20, 0.40, "share of households with children",
       "Share of households with children headed by one parent",
       "assumption: CBS buurt table lacks the split; about 1 in 4 Dutch families, higher in "
       "deprived urban buurten"),
    _P("pop.other_multi_share", 0.10, 0.05, 0.20, "share of multi-person households without children",
       "Multi-person households without children that are not couples (siblings, sharers)",
       "assumption: CBS groups them with couples; small share outside student areas"),
    _P("pop.vacancy_share", 0.02, 0.01, 0.05, "share of dwellings",
       "Dwellings empty at the start (frictional vacancy)",
       "assumption: frictional vacancy of a few percent in a tight social-rent market"),
    _P("geo.block_size_m", 80.0, 50.0, 150.0, "m", "Edge of the square blocks dwellings are grouped in",
       "assumption: a Dutch housing block or flat building with its street front"),
    # --- initial state ------------------------------------------------------------------
    _P("init.employment_rate", 0.78, 0.65, 0.85, "share of adults 18-66 outside bijstand households",
       "Employed share among working-age adults in households not entitled to bijstand",
       "assumption: CBS net labour participation about 70% of 15-74 (2021), higher excluding "
       "benefit households"),
    _P("init.student_share_18_24", 0.35, 0.15, 0.60, "share of 18-24 year olds",
       "Young adults in education at the start", "assumption: Maastricht is a student city"),
    _P("init.lvb_share", 0.06, 0.04, 0.10, "share of adults",
       "Adults with a mild intellectual disability (LVB)",
       "assumption: order of magnitude of SCP estimates (about 1.1 million Dutch, ~6%)"),
    _P("init.vulnerable_lvb_multiplier", 2.0, 1.0, 3.0, "ratio",
       "LVB prevalence in vulnerable households relative to others",
       "assumption: Aedes/RIGO name LVB among newcomers in corporation housing (direction only)"),
    _P("init.vulnerable_distress_shift", 3.0, 1.0, 5.0, "K10 points",
       "Higher personal distress level of vulnerable households' members",
       "assumption: RIGO/Aedes: vulnerable newcomers more often have psychological problems; "
       "residents of buurten with >2/3 social rent report them 4x as often (nul20 2018)"),
    _P("init.vulnerable_health_shift", 0.3, 0.1, 0.6, "points (1-5)",
       "Lower personal health level of vulnerable households' members",
       "assumption: income gradient in self-rated health (RIVM: 56-58% vs 85-87% good)"),
    _P("init.vulnerable_control_shift", 0.8, 0.3, 1.5, "points (0-10)",
       "Lower personal sense of control of vulnerable households' members",
       "assumption: direction from WRR 2017 (doenvermogen)"),
    _P("fin.student_income", 900.0, 600.0, 1200.0, "EUR per month",
       "Income of a student (loan, grant, side job)", "assumption: DUO plus a side job"),
    _P("init.nontakeup_bijstand", 0.33, 0.25, 0.40, "share of entitled households",
       "Entitled households that do not claim bijstand at the start",
       f"Inspectie SZW 2021 ({PRIORS} takeup.nontakeup_bijstand)"),
    _P("init.low_control_share", 0.25, 0.15, 0.35, "share of adults",
       "Adults with a low sense of control (regie) at the start",
       "assumption: no survey value available; a quarter is typical of mastery-scale cut-offs"),
    _P("init.felt_influence_share", 0.25, 0.15, 0.40, "share of adults",
       "Adults who feel they have influence on their buurt at the start",
       "assumption: no survey value available"),
    _P("init.participation_share", 0.30, 0.25, 0.41, "share of adults",
       "Adults taking part in volunteering or community activities",
       f"CBS: low-educated 31.2%, Limburg 27%, NL 41.2% ({PRIORS} init.volunteer)"),
    # --- network ----------------------------------------------------------------------
    _P("net.close_ties_mean", 4.5, 3.0, 6.0, "ties per adult",
       "Close ties wanted on average (outside the household)",
       f"RIVM: 4-5 good contacts protect against loneliness ({PRIORS} net.close_ties_mean)"),
    _P("net.close_ties_zero_share", 0.08, 0.02, 0.15, "share of adults",
       "Adults without any close tie outside the household",
       f"{PRIORS} net.close_ties_zero_share (76-98% have at least one)"),
    _P("net.tie_dissolution_rate", 0.10, 0.08, 0.15, "per tie per year",
       "Yearly dissolution of a close tie", "derived: 48% of ties retained after 7 years "
       f"(Mollenhorst; {PRIORS} net.tie_dissolution_rate)"),
    _P("net.neighbour_tie_share_close", 0.10, 0.05, 0.20, "share of new close ties",
       "New close ties formed within the own block", f"{PRIORS} net.neighbour_tie_share_close "
       "(own estimate after Volker 2000)"),
    _P("net.local_tie_share", 0.3, 0.1, 0.5, "share of close ties",
       "Close ties living in the simulated buurten (the rest live elsewhere)",
       "assumption: most close ties live outside the own buurt; neighbours alone are about 10%"),
    _P("net.residence_years_mean", 12.0, 6.0, 20.0, "years",
       "Mean time residents have lived in the buurt at the start (sets how many local ties "
       "they have built)", "assumption: consistent with about 6% moving out a year, capped by age"),
    _P("support.external_capacity", 0.7, 0.3, 1.0, "capacity per tie",
       "Capacity to help of close ties living outside the simulated buurten", "assumption"),
    _P("net.dissimilar_tie_extra_decay", 1.5, 1.2, 2.0, "hazard multiplier",
       "Faster dissolution of ties between different age groups or backgrounds",
       f"{PRIORS} net.dissimilar_tie_extra_decay (direction: McPherson et al. 2001)"),
    _P("net.stress_withdrawal", 0.5, 0.0, 1.0, "extra hazard per unit stress",
       "People under stress let ties lapse faster",
       "assumption: direction from Cacioppo et al. 2009 (lonely lose ties); size not sourced"),
    _P("net.loneliness_protect_saturation", 4.0, 4.0, 5.0, "close ties",
       "Ties beyond this number add no protection against loneliness",
       f"RIVM ({PRIORS} net.loneliness_protect_saturation)"),
    _P("net.homophily_age_years", 8.0, 3.0, 20.0, "years (sd of the sorting noise)",
       "How closely new friends match in age; smaller is stronger homophily",
       "assumption: age homophily is strong but below background (McPherson et al. 2001)"),
    _P("net.homophily_background", 0.8, 0.5, 0.95, "probability",
       "Chance that a new tie forms within the own migration-background group",
       "assumption: background is the strongest homophily dimension (McPherson et al. 2001)"),
    _P("net.participation_stop", 0.2, 0.1, 0.4, "per participant per year",
       "Rate at which people stop volunteering or joining activities (restart rate is set so "
       "the 2021 share is stationary)", "assumption"),
    _P("net.stress_dropout", 0.5, 0.0, 1.0, "extra stop rate per stress unit",
       "People under stress stop participating faster", "assumption"),
    # --- life events --------------------------------------------------------------------
    _P("event.job_loss", 0.04, 0.03, 0.08, "per employed person per year",
       "Job loss", f"UWV WW inflow ({PRIORS} event.job_loss, range 0.03-0.08); 0.04 keeps "
       "2021 unemployment stationary with the job-finding rates below"),
    _P("event.job_loss_vulnerable_multiplier", 1.5, 1.0, 2.5, "ratio",
       "Job loss hazard of vulnerable or LVB workers relative to others",
       "assumption: flexible contracts concentrate among low-educated workers"),
    _P("event.job_finding", 0.7, 0.3, 1.2, "per unemployed person per year",
       "Job finding outside bijstand",
       "assumption: about half of WW recipients find work within a year (UWV)"),
    _P("exit.bijstand_to_job", 0.12, 0.08, 0.15, "per adult per year",
       "Job finding for adults in bijstand households", f"CBS 2021 ({PRIORS} exit.bijstand_to_job)"),
    _P("event.illness", 0.012, 0.005, 0.03, "per person per year at age 50",
       "Onset of a serious illness", f"derived from cancer incidence ~0.7%/yr ({PRIORS} "
       "event.cancer_dx) plus other serious conditions; assumption on the extra"),
    _P("event.illness_age_doubling", 12.0, 8.0, 20.0, "years",
       "Age span over which illness incidence doubles", "assumption: steep age gradient of "
       "cancer and cardiovascular incidence (IKNL, age-adjusted)"),
    _P("event.illness_health_drop", 0.8, 0.4, 1.5, "points on the 1-5 health scale",
       "Fall of the health set-point after a serious illness", "assumption"),
    _P("event.illness_recovery", 0.5, 0.2, 1.0, "per year",
       "Rate at which the illness effect on health fades", "assumption: half recover within "
       "about 1.5 years, others stay chronically ill"),
    _P("event.separation", 0.015, 0.008, 0.03, "per couple per year",
       "Separation of a couple; one partner leaves the buurt",
       f"derived: divorce 0.009 per married person, cohabiting parents 0.03 ({PRIORS} "
       "event.divorce, event.separation_cohabiting_parents)"),
    _P("event.expense_shock", 1.0, 0.5, 2.0, "per household per year",
       "Unexpected expenses (repairs, appliances, fines)", "assumption"),
    _P("event.expense_shock_eur", 500.0, 200.0, 1000.0, "EUR (mean)",
       "Mean size of an unexpected expense (exponentially distributed)", "assumption"),
    _P("event.memory_halflife_months", 6.0, 3.0, 12.0, "months",
       "Half-life of the strain of a recent life event", "assumption"),
    _P("event.eviction_given_arrears", 0.009, 0.005, 0.02, "per corporation tenant in arrears per year",
       "Eviction of corporation tenants with payment arrears",
       f"derived: 1,200 evictions / 135,000 tenants in arrears (Aedes 2022; {PRIORS})"),
    # --- finances -----------------------------------------------------------------------
    _P("fin.bijstand_norm_single", 1074.73, 1000.0, 1200.0, "EUR per month",
       "Bijstand norm for a single adult (also single parents)",
       "Rijksoverheid normbedragen Participatiewet, 1 July 2021"),
    _P("fin.bijstand_norm_couple", 1535.33, 1400.0, 1700.0, "EUR per month",
       "Bijstand norm for a couple", "Rijksoverheid normbedragen Participatiewet, 1 July 2021"),
    _P("fin.median_income_single", 1900.0, 1500.0, 2300.0, "EUR per month, net",
       "Median earned income of a single working-age household in Maastricht",
       "assumption: CBS median disposable income of singles about EUR 25k a year"),
    _P("fin.median_income_couple", 3300.0, 2600.0, 4000.0, "EUR per month, net",
       "Median earned income of a working-age couple", "assumption: CBS order of magnitude"),
    _P("fin.income_sd_log", 0.35, 0.2, 0.5, "sd of log income",
       "Spread of household incomes around the median", "assumption"),
    _P("fin.pension_single", 1600.0, 1300.0, 2000.0, "EUR per month, net",
       "Income of a retired single (AOW plus a small pension)", "assumption: AOW single about "
       "EUR 1,270 net (2021) plus a modest occupational pension"),
    _P("fin.pension_couple", 2500.0, 2000.0, 3000.0, "EUR per month, net",
       "Income of a retired couple", "assumption: AOW couple plus pensions"),
    _P("fin.ww_replacement", 0.70, 0.65, 0.75, "share of last wage",
       "Unemployment benefit (WW) as share of the wage", "UWV: 75% for 2 months, then 70%"),
    _P("fin.ww_months", 12.0, 3.0, 24.0, "months", "Duration of WW before falling back on bijstand",
       "assumption: legal range 3-24 months, short work histories in deprived areas"),
    _P("fin.rent_corporation", 560.0, 480.0, 650.0, "EUR per month",
       "Rent of a corporation dwelling", "derived: Maastricht corporation mean EUR 502 (2015, "
       "De Limburger) plus about 2% a year"),
    _P("fin.rent_private", 800.0, 650.0, 1000.0, "EUR per month", "Private rent",
       "assumption"),
    _P("fin.housing_cost_owner", 850.0, 600.0, 1100.0, "EUR per month",
       "Mortgage and owner costs", "assumption"),
    _P("fin.energy_cost", 150.0, 100.0, 250.0, "EUR per month",
       "Energy bill of a household (2021 prices)", "assumption: about EUR 1,800 a year"),
    _P("fin.energy_price_index", 1.0, 0.5, 3.0, "ratio to 2021",
       "Multiplier on energy costs (shocks change it)", "assumption: 1 = June-2021 prices"),
    _P("fin.basic_cost_adult", 800.0, 600.0, 1000.0, "EUR per month",
       "Basic living costs of the first adult", "assumption: Nibud reference budgets, order of "
       "magnitude"),
    _P("fin.basic_cost_extra_adult", 400.0, 300.0, 500.0, "EUR per month",
       "Basic living costs of each further adult", "assumption: Nibud order of magnitude"),
    _P("fin.basic_cost_child", 300.0, 200.0, 400.0, "EUR per month",
       "Basic living costs per child", "assumption: Nibud order of magnitude"),
    _P("fin.huurtoeslag", 200.0, 100.0, 300.0, "EUR per month",
       "Rent benefit of a low-income tenant", "assumption: typical huurtoeslag amount"),
    _P("fin.huurtoeslag_income_limit", 2000.0, 1600.0, 2500.0, "EUR per month",
       "Income below which tenants are entitled to rent benefit", "assumption"),
    _P("takeup.nontakeup_toeslagen", 0.12, 0.08, 0.25, "share of entitled",
       "Entitled tenants not claiming rent benefit", f"CPB ({PRIORS} takeup.nontakeup_toeslagen)"),
    _P("takeup.bijstand_rate", 1.5, 0.5, 3.0, "per entitled household per year",
       "Rate at which newly entitled households that do claim start claiming bijstand",
       "assumption: a few months from entitlement to the first payment"),
    _P("takeup.hidden_claim_rate", 0.05, 0.0, 0.3, "per entitled non-claiming household per year",
       "Rate at which non-claimers (a persistent third of the entitled, init.nontakeup_bijstand) "
       "start claiming without outreach", "assumption: non-take-up is persistent "
       "(Inspectie SZW 2021: more often young, self-employed, small entitlements)"),
    _P("fin.adjust_rate", 0.10, 0.03, 0.3, "per month",
       "Speed at which savings return to the household's habitual level", "assumption"),
    _P("fin.margin_to_buffer", 3.0, 1.0, 6.0, "months of margin",
       "Change of the habitual buffer per EUR change of the monthly margin", "assumption"),
    _P("fin.buffer_noise_eur", 80.0, 0.0, 200.0, "EUR per month (sd)",
       "Month-to-month noise in savings", "assumption"),
    _P("fin.worry_buffer_months", 1.0, 0.5, 2.0, "months of fixed costs",
       "Savings below which a household finds it hard to make ends meet", "assumption"),
    _P("debt.onset_given_arrears", 0.17, 0.05, 0.4, "per household in arrears per year",
       "Arrears turning into problematic debt", f"derived: steady state of onset 0.025 and "
       f"exit 0.2 per year with 28% in arrears ({PRIORS} event.debt_onset_hh, event.debt_exit_hh)"),
    _P("debt.exit", 0.20, 0.10, 0.30, "per debt household per year",
       "Exit from problematic debt without professional help",
       f"derived from CBS stock stability ({PRIORS} event.debt_exit_hh)"),
    _P("debt.risk_multiplier", 1.5, 1.0, 2.5, "ratio",
       "Debt onset multiplier for LVB or low sense of control (doenvermogen)",
       "assumption: direction from WRR 2017 'Weten is nog geen doen'"),
    # --- stress, coping, wellbeing ------------------------------------------------------
    _P("stress.w_debt", 1.0, 0.5, 1.5, "stress units", "Stress from problematic debt",
       "assumption: reference stressor (weight 1)"),
    _P("stress.w_arrears", 0.4, 0.2, 0.8, "stress units", "Stress from payment arrears", "assumption"),
    _P("stress.w_unemployed", 0.6, 0.3, 1.0, "stress units", "Stress from unemployment",
       "assumption: unemployed have about twice the psychiatric morbidity (Trimbos NEMESIS-3)"),
    _P("stress.w_poor_health", 0.6, 0.3, 1.0, "stress units", "Stress from poor health", "assumption"),
    _P("stress.w_lonely", 0.4, 0.2, 0.8, "stress units", "Stress from severe loneliness",
       "assumption"),
    _P("stress.w_parenting", 0.4, 0.2, 0.8, "stress units",
       "Stress of single parents with children under 12", "assumption"),
    _P("stress.w_housing", 0.3, 0.1, 0.6, "stress units", "Stress from a poor-quality dwelling",
       "assumption"),
    _P("stress.w_events", 0.8, 0.4, 1.2, "stress units per recent event",
       "Stress from recent life events (decaying)", "assumption"),
    _P("stress.w_nuisance", 0.5, 0.0, 1.0, "stress units per unit nuisance share",
       "Stress from nuisance in the buurt", "assumption"),
    _P("distress.per_stress", 4.0, 2.0, 6.0, "K10 points per stress unit",
       "Effect of stress on psychological distress", "assumption: set so that the model's "
       f"debt-distress odds ratio is near 3.24 (Richardson et al. 2013; {PRIORS} mech.debt_to_mental_OR)"),
    _P("distress.support_relief", 3.0, 1.0, 5.0, "K10 points per unit support",
       "Buffering of distress by informal support", "assumption: direction from social-support "
       "buffering literature"),
    _P("distress.control_relief", 0.8, 0.3, 1.5, "K10 points per point of control",
       "Buffering of distress by sense of control", "assumption"),
    _P("distress.service_relief", 2.0, 0.0, 4.0, "K10 points", "Lower distress while in care",
       "assumption"),
    _P("distress.trait_sd", 5.0, 3.0, 7.0, "K10 points", "Spread of personal distress levels",
       "assumption: K10 population sd about 6"),
    _P("distress.adjust", 0.25, 0.1, 0.5, "per month", "Speed of distress adjustment", "assumption"),
    _P("distress.noise", 1.5, 0.5, 3.0, "K10 points (sd per month)", "Month-to-month fluctuation",
       "assumption"),
    _P("control.per_stress", 0.6, 0.2, 1.0, "points (0-10) per stress unit",
       "Loss of sense of control under stress", "assumption: scarcity narrows bandwidth (WRR 2017)"),
    _P("control.service_gain", 0.5, 0.0, 1.0, "points (0-10)", "Gain in control while in care",
       "assumption"),
    _P("control.trait_sd", 1.6, 1.0, 2.5, "points (0-10)", "Spread of personal sense of control",
       "assumption"),
    _P("control.adjust", 0.05, 0.02, 0.15, "per month", "Speed of control adjustment", "assumption"),
    _P("control.noise", 0.3, 0.1, 0.6, "points (0-10, sd per month)",
       "Month-to-month fluctuation of sense of control", "assumption"),
    _P("health.noise", 0.1, 0.05, 0.3, "points (1-5, sd per month)",
       "Month-to-month fluctuation of self-rated health", "assumption"),
    _P("trust.noise", 0.3, 0.1, 0.6, "points (0-10, sd per month)",
       "Month-to-month fluctuation of trust", "assumption"),
    _P("influence.noise", 0.3, 0.1, 0.6, "points (0-10, sd per month)",
       "Month-to-month fluctuation of felt influence", "assumption"),
    _P("influence.trait_sd", 1.6, 1.0, 2.5, "points (0-10)", "Spread of personal felt influence",
       "assumption"),
    _P("health.age_slope", 0.02, 0.01, 0.03, "points (1-5) per year of age above 40",
       "Decline of self-rated health with age", "assumption: RIVM age gradient in self-rated health"),
    _P("health.distress_slope", 0.03, 0.01, 0.05, "points (1-5) per K10 point above 20",
       "Effect of distress on self-rated health", "assumption"),
    _P("health.trait_sd", 0.7, 0.4, 1.0, "points (1-5)", "Spread of personal health",
       "assumption"),
    _P("health.adjust", 0.05, 0.02, 0.15, "per month", "Speed of health adjustment", "assumption"),
    _P("health.service_gain", 0.2, 0.0, 0.5, "points (1-5)", "Health gain while under GP care",
       "assumption"),
    _P("lonely.per_missing_tie", 1.2, 0.6, 2.0, "DJG points per missing close tie",
       "Loneliness from having fewer close ties than wanted", "assumption: social loneliness is "
       "driven by network size (RIVM)"),
    _P("lonely.living_alone", 0.8, 0.3, 1.5, "DJG points", "Emotional loneliness of people without "
       "a partner", "assumption: emotional loneliness follows from lacking a partner (RIVM)"),
    _P("lonely.poor_health", 0.6, 0.2, 1.0, "DJG points", "Loneliness from poor health",
       "assumption"),
    _P("lonely.per_stress", 0.5, 0.2, 1.0, "DJG points per stress unit", "Loneliness from stress",
       "assumption"),
    _P("lonely.adjust", 0.10, 0.05, 0.3, "per month", "Speed of loneliness adjustment",
       "assumption"),
    _P("lonely.noise", 0.5, 0.2, 1.0, "DJG points (sd per month)", "Month-to-month fluctuation",
       "assumption"),
    _P("trust.trait_sd", 1.6, 1.0, 2.5, "points (0-10)", "Spread of personal trust in the "
       "municipality", "assumption"),
    _P("trust.helped_gain", 0.8, 0.0, 1.5, "points (0-10)",
       "Trust gained after being helped by a service", "assumption"),
    _P("trust.waiting_loss", 0.8, 0.0, 1.5, "points (0-10)",
       "Trust lost while waiting longer than the acceptable wait", "assumption"),
    _P("trust.influence_effect", 0.3, 0.0, 0.6, "points per point of felt influence",
       "Trust follows felt influence", "assumption: direction from participatory-budgeting "
       f"evidence ({PRIORS} eff.pb_trust_pp)"),
    _P("trust.adjust", 0.03, 0.01, 0.1, "per month", "Speed of trust adjustment", "assumption"),
    _P("influence.participation_gain", 1.0, 0.0, 2.0, "points (0-10)",
       "Felt influence gained by taking part in buurt activities", "assumption"),
    _P("influence.adjust", 0.03, 0.01, 0.1, "per month", "Speed of influence adjustment",
       "assumption"),
    _P("support.saturation", 3.0, 1.0, 5.0, "capable ties",
       "Number of capable helpers at which support reaches 63% of its maximum", "assumption: "
       "diminishing returns of support (RIVM: 4-5 good contacts suffice)"),
    _P("support.stress_limit", 3.0, 2.0, 5.0, "stress units",
       "Stress at which a person has no capacity left to help others", "assumption"),
    _P("support.lvb_capacity", 0.6, 0.3, 1.0, "ratio",
       "Capacity to help of people with LVB relative to others", "assumption: reduced "
       "zelfredzaamheid lowers samenredzaamheid (Aedes/RIGO)"),
    _P("resilience.threshold", 5.0, 4.0, 6.0, "index points (0-10)",
       "Resilience index below which a person's resilience is 'under pressure'",
       "assumption: the point where strains outweigh resources"),
    # --- help-seeking and services ------------------------------------------------------
    _P("help.delay_years_before_debt_help", 5.0, 3.0, 7.0, "years",
       "Mean time from debt onset to asking debt help", f"Kat nota ({PRIORS})"),
    _P("help.seek_wijkteam", 0.25, 0.1, 1.0, "per distressed adult per year",
       "Asking the social district team for help with distress or multiple problems",
       "assumption"),
    _P("help.seek_gp", 1.5, 0.5, 3.0, "per adult in poor health or distress per year",
       "Visiting the GP for health or distress", "assumption: GP care is accessible"),
    _P("help.seek_welfare", 0.03, 0.01, 0.2, "per lonely adult per year",
       "Turning to welfare/community work because of loneliness",
       "assumption: most lonely people do not seek professional help"),
    _P("help.control_effect", 0.25, 0.0, 0.5, "log-rate per point of control",
       "Help-seeking rises with sense of control", "assumption: WRR 2017 doenvermogen"),
    _P("help.trust_effect", 0.15, 0.0, 0.4, "log-rate per point of trust",
       "Help-seeking rises with trust in the municipality", "assumption"),
    _P("svc.debt_capacity", 10.0, 3.0, 20.0, "cases per 1,000 residents",
       "Caseload of debt counselling", "assumption: NVVK about 90,000 new applications a year "
       "nationally; scaled to buurt size"),
    _P("svc.wijkteam_capacity", 25.0, 10.0, 50.0, "cases per 1,000 residents",
       "Caseload of the social district team", "assumption: Maastricht 16% of residents had a "
       "social-domain provision (Monitor Sociaal Domein H1 2019); part of that is this team"),
    _P("svc.gp_capacity", 100.0, 50.0, 150.0, "cases per 1,000 residents",
       "Patients in active GP treatment for health or distress", "assumption"),
    _P("svc.welfare_capacity", 10.0, 3.0, 20.0, "cases per 1,000 residents",
       "Clients of welfare/community work", "assumption"),
    _P("svc.shv_exit", 0.6, 0.2, 1.2, "per household in debt counselling per year",
       "Extra exit from problematic debt while in counselling", "derived/assumption: NVVK 40% "
       "arrangements agreed, 64% completed; part of exits are repayment plans"),
    _P("svc.shv_dropout", 1.0, 0.5, 2.0, "per household per year",
       "Drop-out from debt counselling", f"derived: 40% drop out before an arrangement "
       f"({PRIORS} svc.shv_dropout_pre_arrangement)"),
    _P("svc.case_months", 9.0, 3.0, 18.0, "months", "Mean duration of social-team and welfare cases",
       "assumption"),
    _P("svc.gp_case_months", 3.0, 1.0, 6.0, "months", "Mean duration of GP treatment episodes",
       "assumption"),
    _P("svc.acceptable_wait_months", 3.0, 1.0, 6.0, "months",
       "Wait beyond which trust in the municipality suffers", "assumption"),
    _P("svc.wait_giveup", 0.1, 0.02, 0.3, "per month", "Leaving a waiting list without help",
       "assumption"),
    # --- neighbourhood --------------------------------------------------------------------
    _P("nbh.adjust", 0.05, 0.02, 0.15, "per month", "Speed of buurt-level adjustment",
       "assumption: buurt climates change over years"),
    _P("nbh.nuisance_per_unresolved", 0.8, 0.3, 1.5, "nuisance share per share unresolved",
       "Nuisance from residents with unresolved severe problems", "assumption: direction from "
       "Aedes/RIGO (concentration leads to nuisance)"),
    _P("nbh.nuisance_per_vulnerable", 0.3, 0.0, 0.6, "nuisance share per share vulnerable",
       "Nuisance from the concentration of vulnerable households", "assumption: RIGO 2018 "
       "found 15% more nuisance in corporation buurten"),
    _P("nbh.nuisance_cohesion_damping", 0.03, 0.0, 0.06, "nuisance share per cohesion point",
       "Cohesion (collective efficacy) dampens nuisance", "assumption: Sampson et al. 1997 "
       "(direction)"),
    _P("nbh.cohesion_per_tie", 0.3, 0.1, 0.6, "cohesion points per neighbour tie per adult",
       "Cohesion from ties within blocks", "assumption"),
    _P("nbh.cohesion_per_participation", 2.0, 0.5, 4.0, "cohesion points per share participating",
       "Cohesion from participation in buurt activities", "assumption"),
    _P("nbh.cohesion_per_nuisance", 3.0, 1.0, 5.0, "cohesion points per nuisance share",
       "Nuisance erodes cohesion", "assumption"),
    _P("nbh.cohesion_per_turnover", 3.0, 1.0, 6.0, "cohesion points per yearly turnover share",
       "Resident turnover erodes cohesion", "assumption: Sampson et al. 1997 residential "
       "instability (direction); Maastricht IVA 2014-2017"),
    _P("nbh.livability_per_nuisance", 4.0, 2.0, 8.0, "grade points per nuisance share",
       "Nuisance lowers the livability grade", "assumption"),
    _P("nbh.livability_per_cohesion", 0.3, 0.1, 0.6, "grade points per cohesion point",
       "Cohesion raises the livability grade", "assumption"),
    _P("nbh.livability_per_quality", 2.0, 0.5, 4.0, "grade points per unit dwelling quality",
       "Housing quality raises the livability grade", "assumption"),
    # --- mobility and allocation ---------------------------------------------------------
    _P("mig.move_out", 0.06, 0.04, 0.10, "per household per year",
       "Baseline move-out of households", f"derived: Heerlen-Noord analogue ({PRIORS} mig.inflow_rate)"),
    _P("mig.tipping_livability", 6.5, 5.5, 7.0, "livability grade (1-10)",
       "Livability below which those who can leave become more likely to move",
       "assumption: RIGO 2011 tipping points lie where livability is still 'positive'"),
    _P("mig.leave_hazard_multiplier_below_tippingpoint", 1.5, 1.2, 2.0, "ratio",
       "Move-out multiplier below the tipping point",
       f"{PRIORS} mig.leave_hazard_multiplier_below_tippingpoint (direction: RIGO 2011)"),
    _P("mig.resourceful_multiplier", 1.3, 1.0, 2.0, "ratio",
       "Move-out of employed, non-vulnerable households relative to others",
       "assumption: selective migration (SCP, Permentier et al.: leavers are social risers)"),
    _P("mig.owner_multiplier", 0.5, 0.3, 1.0, "ratio", "Move-out of owner-occupiers relative to "
       "tenants", "assumption: owners move less often"),
    _P("mig.newcomer_vulnerable_share", 0.40, 0.30, 0.50, "share of corporation newcomers",
       "Vulnerable households among applicants for corporation dwellings",
       f"Aedes 2021 (43% lowest incomes), Heerlen in-movers ({PRIORS})"),
    _P("mig.newcomer_vulnerable_share_private", 0.10, 0.0, 0.3, "share of other newcomers",
       "Vulnerable households among newcomers to private-rent and owner dwellings", "assumption"),
    _P("alloc.screening", 0.0, 0.0, 1.0, "share of lettings",
       "Corporation lettings where the least vulnerable of the applicant pool is chosen "
       "(policy lever; 0 = first in line)", "assumption: baseline letting by waiting time"),
    _P("alloc.pool_size", 5.0, 1.0, 20.0, "applicants", "Applicants considered per corporation "
       "vacancy", "assumption"),
    _P("alloc.vacancy_months", 2.0, 1.0, 6.0, "months", "Mean time a vacant dwelling stays empty",
       "assumption"),
    # --- demography -------------------------------------------------------------------------
    _P("demo.mortality_65", 0.010, 0.007, 0.014, "per person per year at age 65",
       "Mortality at age 65 (Gompertz anchor)", "assumption: CBS life tables, order of magnitude"),
    _P("demo.mortality_doubling_years", 8.0, 7.0, 10.0, "years", "Age span over which mortality "
       "doubles", "assumption: Gompertz law for Dutch adults"),
    _P("demo.poor_health_mortality", 1.5, 1.0, 2.5, "ratio", "Mortality of people in poor health",
       "assumption"),
    _P("mech.social_rel_survival_OR", 1.5, 1.42, 1.91, "odds ratio",
       "Survival advantage of people with at least two close ties", f"Holt-Lunstad et al. 2010 "
       f"({PRIORS})"),
    _P("demo.fertility", 0.08, 0.05, 0.1, "births per woman 20-40 in a couple per year",
       "Births", "derived: total fertility about 1.6 (CBS 2021) over the 20-40 age span, "
       "concentrated in couples"),
    _P("demo.partnering", 0.04, 0.02, 0.08, "per single adult 20-60 per year",
       "A single adult (or single parent) is joined by a partner from outside the buurt",
       "assumption: balances separations; CBS: many separated people re-partner within years"),
    _P("demo.leave_home", 0.15, 0.08, 0.3, "per adult child per year",
       "Adult children leaving the parental home (and the buurt)",
       "assumption: most leave between 18 and 30"),
    _P("demo.retirement_age", 67.0, 66.0, 68.0, "years", "State pension (AOW) age",
       "Rijksoverheid: AOW age 67 from 2024"),
)

PARAMS: dict[str, Param] = {p.name: p for p in REGISTRY}


def defaults() -> dict[str, float]:
    return {p.name: p.default for p in REGISTRY}


def resolve(overrides: Mapping[str, object] | None = None) -> dict[str, float]:
    """Defaults with overrides applied; unknown names or non-numbers raise InputError."""
    values = defaults()
    for name, value in (overrides or {}).items():
        if name not in PARAMS:
            close = difflib.get_close_matches(name, list(PARAMS), n=5, cutoff=0.5)
            hint = f"did you mean: {', '.join(close)}? " if close else ""
            raise InputError(f"unknown parameter {name!r}; {hint}"
                             "'veerkracht params' lists all names")
        try:
            values[name] = float(value)
        except (TypeError, ValueError):
            raise InputError(f"parameter {name!r} needs a number, got {value!r}") from None
        if values[name] < 0:
            raise InputError(f"parameter {name!r} must not be negative, got {value!r} "
                             f"(plausible range {PARAMS[name].low:g} to {PARAMS[name].high:g})")
    return values


def parse_overrides(items: list[str] | None) -> dict[str, float]:
    """Parse and check CLI ``name=value`` strings; returns only the overridden names."""
    raw: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"--set {item!r}: write it as name=value, e.g. event.job_loss=0.06")
        name, value = item.split("=", 1)
        raw[name.strip()] = value.strip()
    values = resolve(raw)
    return {name: values[name] for name in raw}
