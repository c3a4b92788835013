"""The intervention catalogue: one class per programme type.

Effect sizes and costs come from the project's research notes (mechanisms,
section 4 and the catalogue in section 7; priors.yaml); where the evidence
says an effect is about zero, the default is small. Each class documents
which processes it acts on and which indicator it should move, and in which
direction (checked in tests/test_interventions.py).
"""

from __future__ import annotations

import numpy as np

from agents.organisation import DEBT_COUNSELLING, SOCIAL_TEAM
from agents.schema import CORPORATION, NO_SERVICE, R_SINGLE_PARENT, UNEMPLOYED
from model import levers
from model.params import Param
from model.scales import GOOD_HEALTH, LONELY
from scenarios.base import EUR_PER_FTE, Intervention, cost_params

PRIORS = "research priors (priors.yaml)"
FTE_SOURCE = f"EUR 80,000 per FTE all-in: own estimate ({PRIORS} cost.social_worker_fte)"
# Spread (sd) of De Jong Gierveld loneliness scores among adults in the model's 2021 start
# state (points); converts effect sizes in Cohen's d into score points.
DJG_SD = 3.8


def _p(name, default, low, high, unit, description, source) -> Param:
    return Param(name, default, low, high, unit, description, source)


def adults_in(model, programme: Intervention, mask: np.ndarray) -> np.ndarray:
    """Adult residents in the programme's buurten for whom ``mask`` holds."""
    res = model.residents
    n = res.size
    idx = np.flatnonzero(res.alive[:n] & (res.age[:n] >= 18) & mask[:n])
    return idx[programme.in_target_areas(model, idx)]


def _population_share(model, programme: Intervention) -> np.ndarray:
    pop = np.array([a.population for a in model.areas], dtype=float) * programme.area_mask(model)
    return pop / pop.sum() if pop.sum() else pop


class EarlyDebtSignalling(Intervention):
    key = "early_debt_signalling"
    label_nl = "Vroegsignalering schulden met huisbezoek"
    label_en = "Early debt signalling with home visits"
    summary = (
        "Payment-arrears signals from landlords, energy companies and insurers are "
        "followed up by phone and home visits; those reached get early help, so fewer "
        "arrears turn into problematic debt and fewer tenants are evicted; those "
        "already in debt are referred to debt counselling."
    )
    acts_on = ("finances", "life_events", "services")
    target_indicator, direction = "problem_debt_share", "lower"
    group = "households in payment arrears"
    evidence = (
        "Divosa monitor 2023 (1 in 5 signals reaches the resident by letter, 35% "
        "accept help); Verwey-Jonker (about 80% contact by phone or visit); Movisie "
        "(Vroeg Eropaf, more than 2 euro return per euro)"
    )
    months_enrolled = 6
    cost_source = (
        f"{FTE_SOURCE}; capacity of about 250 contacted households per FTE a year "
        "is an own estimate ('a few hundred contacts', research note section 7)"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {"cost.early_debt_signalling.fte": 2.0, "cost.early_debt_signalling.capacity": 500.0},
    )
    EFFECTS = {
        "reach": _p(
            "reach",
            0.8,
            0.2,
            0.8,
            "share of contacted households reached",
            "Households actually reached by phone or home visit",
            "Verwey-Jonker: contact in about 80% with phone or visit "
            f"({PRIORS} svc.vs_reach_rate 0.2-0.8)",
        ),
        "accept": _p(
            "accept",
            0.35,
            0.33,
            0.39,
            "share of reached",
            "Reached households accepting help",
            f"Divosa 2022-2024 ({PRIORS} svc.vs_accept_rate)",
        ),
        "prevention": _p(
            "prevention",
            0.5,
            0.2,
            0.8,
            "share of debt onsets prevented",
            "Arrears of helped households that no longer turn into problematic debt",
            "assumption: corporations report a home visit is 'in most "
            "cases enough to resolve the arrears' (Aedes); halved for other "
            "creditors",
        ),
        "eviction_reduction": _p(
            "eviction_reduction",
            0.5,
            0.2,
            0.6,
            "share of evictions",
            "Fewer evictions of tenants in arrears",
            "association: evictions fell 50-60% as early contact spread "
            "(Aedes 2018-2022); not causal, so the lower end of a range "
            "up to 0.6",
        ),
    }

    def apply(self, model) -> np.ndarray:
        """Contact households in arrears or debt (deepest arrears first) through their
        first adult; those reached who accept get six months of early help."""
        res, hh = model.residents, model.households
        nh = hh.size
        contact = model.first_adult()
        in_care = model.household_any(res.service == DEBT_COUNSELLING)
        signalled = (
            hh.alive[:nh] & ((hh.buffer[:nh] < 0) | hh.debt[:nh]) & ~in_care & (contact >= 0)
        )
        people = contact[signalled]
        people = people[self.in_target_areas(model, people)]
        need = -hh.buffer[res.hh[people]]
        helped = self.effect["reach"] * self.effect["accept"]
        enrolled, new = self.enrol(model, people, need, share=helped)
        homes = res.hh[enrolled]
        levers.writable(model, "debt_onset_multiplier")[homes] *= 1.0 - self.effect["prevention"]
        levers.writable(model, "eviction_multiplier")[homes] *= (
            1.0 - self.effect["eviction_reduction"]
        )
        refer = new[
            hh.debt[res.hh[new]]
            & (res.waiting[new] == NO_SERVICE)
            & (res.service[new] == NO_SERVICE)
        ]
        res.waiting[refer] = DEBT_COUNSELLING
        res.wait_since[refer] = model.month
        return self.overhead_cost(model)


class DebtCounsellingCapacity(Intervention):
    key = "debt_counselling_capacity"
    label_nl = "Extra schuldhulpverlening met warme intake"
    label_en = "More debt counselling with a warm intake"
    summary = (
        "More places in debt counselling (contracted trajectories) and an Utrecht-style "
        "intake (personal contact, less paperwork, speed) that lowers drop-out."
    )
    acts_on = ("services", "finances")
    target_indicator, direction = "problem_debt_share", "lower"
    group = "households with problematic debt"
    evidence = (
        "NVVK 2013-2016 (37-41% arrangements agreed, 64% completed); Utrecht drop-out "
        "34% vs 43% elsewhere (schuldenenincasso.nl); Regioplan 2011 (benefits more "
        "than 2x costs)"
    )
    cost_source = (
        f"EUR 2,200 per household trajectory, derived from Nijmegen 2015 ({PRIORS} "
        "cost.shv_per_household)"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.debt_counselling_capacity.capacity": 60.0,
            "cost.debt_counselling_capacity.eur_per_participant": 2200.0,
        },
    )
    EFFECTS = {
        "dropout_reduction": _p(
            "dropout_reduction",
            0.2,
            0.0,
            0.3,
            "share of drop-out",
            "Relative fall in drop-out from debt counselling",
            "Utrecht 34% vs 43% drop-out before an arrangement "
            f"(schuldenenincasso.nl; {PRIORS} svc.shv_dropout_pre_arrangement)",
        ),
        "case_years": _p(
            "case_years",
            0.7,
            0.4,
            1.5,
            "years",
            "Mean time a household stays in counselling (turns yearly starts into places)",
            "derived: exits of about 1.4 a year from drop-out, solved debt and completion",
        ),
    }

    def apply(self, model) -> np.ndarray:
        mask = self.area_mask(model)
        places = self.intensity * self.capacity * self.effect["case_years"]
        extra = levers.writable(model, "extra_capacity")
        extra[:, DEBT_COUNSELLING] += places * _population_share(model, self)
        drop = levers.writable(model, "shv_dropout_multiplier")
        drop *= np.where(
            mask, 1.0 - self.effect["dropout_reduction"] * min(self.intensity, 1.0), 1.0
        )
        starts = self.intensity * self.capacity / 12.0 * _population_share(model, self)
        return starts * self.eur_per_participant


class BenefitTakeupOutreach(Intervention):
    key = "benefit_takeup_outreach"
    label_nl = "Aanpak niet-gebruik van bijstand en toeslagen"
    label_en = "Benefit take-up outreach"
    summary = (
        "Simple letters that show the amount, follow-up calls and help with forms for "
        "households entitled to bijstand or rent benefit who do not claim them."
    )
    acts_on = ("finances",)
    target_indicator, direction = "financial_worries_share", "lower"
    group = "entitled households that do not claim"
    evidence = (
        "Bhargava & Manoli 2015 (mailing +0.14, simplification +0.09, showing amounts "
        "+0.08 take-up); Dutch transfer own estimate (research note section 4.4)"
    )
    cost_source = (
        f"own estimate: mailings and materials EUR 25,000 a year plus 0.3 FTE ({FTE_SOURCE})"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.benefit_takeup_outreach.fixed_eur": 25000.0,
            "cost.benefit_takeup_outreach.fte": 0.3,
        },
    )
    EFFECTS = {
        "takeup": _p(
            "takeup",
            0.10,
            0.05,
            0.20,
            "share of targeted non-users a year",
            "Extra share of non-claimers who start claiming each year",
            f"Bhargava & Manoli 2015 ({PRIORS} eff.takeup_outreach_pp)",
        ),
    }

    def apply(self, model) -> np.ndarray:
        mask = self.area_mask(model)
        rate = -np.log1p(-min(self.effect["takeup"] * self.intensity, 0.99))
        levers.writable(model, "takeup_outreach_rate")[:] += mask * rate
        levers.writable(model, "toeslag_outreach_rate")[:] += mask * rate
        return self.overhead_cost(model)


class OutreachSocialWork(Intervention):
    key = "outreach_social_work"
    label_nl = "Outreachend wijkteam"
    label_en = "Outreach social work (district team)"
    summary = (
        "Extra generalist social workers who go out to find residents with hidden, "
        "piling-up problems and take them into care."
    )
    acts_on = ("services", "stress")
    target_indicator, direction = "psych_distress_share", "lower"
    group = "adults with high distress or several problems"
    evidence = (
        "mixed: CPB 2019 (no fall in Wmo use), Verwey-Jonker 2013 (Utrecht buurtteams "
        "cheaper and better), Bouman 2009 RCT (home visits to older people: no effect)"
    )
    cost_source = FTE_SOURCE
    COSTS = cost_params(key, cost_source, {"cost.outreach_social_work.fte": 2.0})
    EFFECTS = {
        "cases_per_fte": _p(
            "cases_per_fte",
            15.0,
            10.0,
            25.0,
            "cases at a time per FTE",
            "Caseload of an outreach social worker",
            "assumption: intensive generalist caseloads",
        ),
        "finding": _p(
            "finding",
            0.3,
            0.1,
            0.6,
            "per person in need per year",
            "Extra rate at which outreach finds people in need who do not ask",
            "assumption: small, given the mixed evidence",
        ),
    }

    def apply(self, model) -> np.ndarray:
        share = _population_share(model, self)
        mask = self.area_mask(model)
        extra = levers.writable(model, "extra_capacity")
        extra[:, SOCIAL_TEAM] += self.intensity * self.fte * self.effect["cases_per_fte"] * share
        outreach = levers.writable(model, "outreach_rate")
        outreach[:, SOCIAL_TEAM] += mask * self.intensity * self.effect["finding"]
        return self.overhead_cost(model)


class MeetingPlace(Intervention):
    key = "meeting_place"
    label_nl = "Ontmoetingsplek en buurtactiviteiten"
    label_en = "Meeting place and community activities"
    summary = (
        "A buurthuis or 'huiskamer' with weekly activities run with residents: more "
        "people take part, and taking part makes new ties."
    )
    acts_on = ("ties",)
    target_indicator, direction = "lonely_share", "lower"
    group = "all adults; participants of activities"
    evidence = (
        "Fokkema & Van Tilburg 2007 (2 of 10 Dutch interventions effective); Masi 2011 "
        "(social access weakest); Stichting de Buurt 2025 (benefits 2.5x costs)"
    )
    cost_source = f"own estimate: rent and activities EUR 40,000 a year plus 0.8 FTE ({FTE_SOURCE})"
    COSTS = cost_params(
        key, cost_source, {"cost.meeting_place.fixed_eur": 40000.0, "cost.meeting_place.fte": 0.8}
    )
    EFFECTS = {
        "participation": _p(
            "participation",
            0.5,
            0.1,
            1.0,
            "relative increase",
            "More residents start taking part in activities",
            "assumption: a new, low-threshold place",
        ),
        "tie_making": _p(
            "tie_making",
            0.5,
            0.0,
            1.0,
            "extra share of tie-making",
            "Participants make new local ties faster",
            "assumption: meeting places create weak and some strong ties",
        ),
        "loneliness_d": _p(
            "loneliness_d",
            -0.05,
            -0.25,
            0.0,
            "Cohen d",
            "Direct effect on participants' loneliness (beyond new ties)",
            f"near zero for generic contact ({PRIORS} "
            "eff.loneliness_contact_interventions_d, 0 to -0.25)",
        ),
    }

    def apply(self, model) -> np.ndarray:
        mask = self.area_mask(model)
        boost = levers.writable(model, "participation_boost")
        boost *= np.where(mask, 1.0 + self.intensity * self.effect["participation"], 1.0)
        res = model.residents
        part = adults_in(model, self, res.participates)
        levers.writable(model, "tie_formation_boost")[part] += (
            self.intensity * self.effect["tie_making"]
        )
        levers.writable(model, "lonely_offset")[part] += (
            min(self.intensity, 1.0) * self.effect["loneliness_d"] * DJG_SD
        )
        return self.overhead_cost(model)


class LonelinessProgramme(Intervention):
    key = "loneliness_programme"
    label_nl = "Eenzaamheidsaanpak met sociaal-cognitieve training"
    label_en = "Targeted loneliness programme (social-cognitive)"
    summary = (
        "Group courses and coaching for lonely residents that work on negative "
        "thoughts about contact and on making contact, for a year."
    )
    acts_on = ("ties", "stress")
    target_indicator, direction = "severely_lonely_share", "lower"
    group = "lonely adults (De Jong Gierveld 3+), the loneliest first"
    evidence = (
        "Masi 2011 (cognitive approaches best in randomised studies); Seewer 2024 "
        "(d 0.57, guided 0.42); Duffner 2024 (d -0.47 in older adults)"
    )
    months_enrolled = 12
    cost_source = f"own estimate EUR 300-1,000 per participant ({PRIORS}; research note section 7)"
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.loneliness_programme.capacity": 60.0,
            "cost.loneliness_programme.eur_per_participant": 650.0,
        },
    )
    EFFECTS = {
        "loneliness_d": _p(
            "loneliness_d",
            -0.4,
            -0.83,
            0.0,
            "Cohen d",
            "Fall in participants' loneliness while enrolled",
            f"lower end of -0.4 to -0.83 (Seewer 2024; {PRIORS} "
            "eff.loneliness_cbt_d), as non-randomised studies overstate effects",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res = model.residents
        eligible = adults_in(model, self, res.lonely >= LONELY)
        enrolled, new = self.enrol(model, eligible, res.lonely[eligible])
        levers.writable(model, "lonely_offset")[enrolled] += self.effect["loneliness_d"] * DJG_SD
        return self.overhead_cost(model) + self.participant_cost(model, new)


class ParticipationBudget(Intervention):
    key = "participation_budget"
    label_nl = "Bewonersbudget (burgerbegroting)"
    label_en = "Residents' participation budget"
    summary = (
        "Residents decide on a yearly budget for their buurt; those who take part feel "
        "more influence, and visible results raise trust a little."
    )
    acts_on = ("neighbourhood", "ties")
    target_indicator, direction = "trust_municipality_share", "higher"
    group = "adults taking part in buurt activities; all adults for visible results"
    evidence = (
        "Ardanaz et al. 2023 (information on a participatory budget 'marginally' "
        "improved ratings of government); DEMOTEC (38% of Dutch willing to take part)"
    )
    cost_source = (
        f"budget EUR 45,000 per wijk a year (Deventer; {PRIORS} cost.wijkbudget) "
        f"plus 0.2 FTE support ({FTE_SOURCE})"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {"cost.participation_budget.fixed_eur": 45000.0, "cost.participation_budget.fte": 0.2},
    )
    EFFECTS = {
        "influence_gain": _p(
            "influence_gain",
            1.0,
            0.0,
            2.0,
            "points (0-10)",
            "More felt influence for residents who take part",
            "assumption: deciding on real money is visible influence",
        ),
        "trust_gain": _p(
            "trust_gain",
            0.1,
            0.0,
            0.3,
            "points (0-10)",
            "Higher trust among all adults from visible results",
            "assumption: a 'marginal' effect (Ardanaz et al. 2023); 0.1 point moves the "
            f"share trusting by about 1-2 pp ({PRIORS} eff.pb_trust_pp: 0 to +5 pp)",
        ),
        "participation": _p(
            "participation",
            0.1,
            0.0,
            0.3,
            "relative increase",
            "More residents take part in buurt activities",
            "assumption",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res = model.residents
        mask = self.area_mask(model)
        scale = min(self.intensity, 1.0)
        everyone = adults_in(model, self, np.ones(res.size, dtype=bool))
        part = adults_in(model, self, res.participates)
        levers.writable(model, "influence_offset")[part] += scale * self.effect["influence_gain"]
        levers.writable(model, "trust_offset")[everyone] += scale * self.effect["trust_gain"]
        boost = levers.writable(model, "participation_boost")
        boost *= np.where(mask, 1.0 + self.intensity * self.effect["participation"], 1.0)
        return self.overhead_cost(model)


class EmploymentGuidance(Intervention):
    key = "employment_guidance"
    label_nl = "Begeleiding naar werk"
    label_en = "Employment guidance"
    summary = (
        "Job coaching and work-first trajectories for unemployed residents, the "
        "longest unemployed first, for a year each."
    )
    acts_on = ("life_events",)
    target_indicator, direction = "unemployment_share", "lower"
    group = "unemployed adults, the longest unemployed first"
    evidence = (
        "Card, Kluve & Weber 2018 (about zero in the short run, more positive after 2-3 "
        "years, larger for long-term unemployed); 2 of 6 Dutch RCTs positive "
        "(SEOR/Regioplan)"
    )
    months_enrolled = 12
    cost_source = "assumption: per-trajectory cost not found; EUR 3,000 a year of coaching"
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.employment_guidance.capacity": 40.0,
            "cost.employment_guidance.eur_per_participant": 3000.0,
        },
    )
    EFFECTS = {
        "job_finding": _p(
            "job_finding",
            0.3,
            0.0,
            0.6,
            "relative increase",
            "Higher job-finding rate of participants",
            f"assumption giving +2-4 pp employment a year ({PRIORS} "
            "eff.reintegration_pp_1yr 0.02, eff.reintegration_pp_3yr 0.04)",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res = model.residents
        eligible = adults_in(model, self, res.work == UNEMPLOYED)
        enrolled, new = self.enrol(model, eligible, res.unemployed_months[eligible])
        levers.writable(model, "job_finding_boost")[enrolled] *= 1.0 + self.effect["job_finding"]
        return self.overhead_cost(model) + self.participant_cost(model, new)


class PositiveHealth(Intervention):
    key = "positive_health"
    label_nl = "Positieve gezondheid: sport, cultuur en leefstijl"
    label_en = "Positive-health programme (sport, culture, lifestyle)"
    summary = (
        "Buurtsport- and cultuurcoaches invite residents in poor health or without "
        "activities to sport, culture and lifestyle groups for a year."
    )
    acts_on = ("stress", "ties")
    target_indicator, direction = "good_health_share", "higher"
    near_zero = True  # effects not measured; 0.05 health points for participants
    group = (
        "adults in fair or poor health (below good), those nearest to good first: "
        "such programmes mostly reach people who can be activated"
    )
    evidence = (
        "buurtsportcoach evaluation: impact not measured (Trouw 2022); qualitative "
        "social binding in vulnerable wijken (HHS); SCP 2011 (little effect of sport "
        "facilities on liveability)"
    )
    cost_source = (
        f"{FTE_SOURCE} for a coach (Rijk pays about EUR 25,000 per FTE, {PRIORS} "
        "cost.buurtsportcoach_rijk_share); EUR 150 activity costs per participant "
        "(assumption)"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.positive_health.fte": 1.0,
            "cost.positive_health.capacity": 80.0,
            "cost.positive_health.eur_per_participant": 150.0,
        },
    )
    EFFECTS = {
        "health_gain": _p(
            "health_gain",
            0.05,
            0.0,
            0.2,
            "points (1-5)",
            "Better self-rated health of participants while enrolled",
            "assumption: effects not measured nationally, so near zero",
        ),
        "participation": _p(
            "participation",
            1.0,
            0.0,
            1.0,
            "share of new participants",
            "Share of new participants who start taking part in buurt activities",
            "assumption: the programme is itself an activity; 1 = all of them",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res = model.residents
        eligible = adults_in(model, self, res.health < GOOD_HEALTH)
        enrolled, new = self.enrol(model, eligible, res.health[eligible])
        levers.writable(model, "health_offset")[enrolled] += self.effect["health_gain"]
        joining = new[: int(round(self.effect["participation"] * new.size))]
        res.participates[joining] = True
        return self.overhead_cost(model) + self.participant_cost(model, new)


class ParentingSupport(Intervention):
    key = "parenting_support"
    label_nl = "Opvoedondersteuning voor alleenstaande ouders"
    label_en = "Parenting support for single parents"
    summary = (
        "Home-based parenting support and practical help for single parents of young "
        "children under strain, for a year."
    )
    acts_on = ("stress",)
    target_indicator, direction = "psych_distress_share", "lower"
    near_zero = True  # 30 families a year among about 4,800 adults; no effect size found
    group = "single parents with children under 12, the most distressed first"
    evidence = "assumption: no effect size in the research notes; small relief assumed"
    months_enrolled = 12
    cost_source = "assumption: EUR 1,500 per family a year of light home-based support"
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.parenting_support.capacity": 30.0,
            "cost.parenting_support.eur_per_participant": 1500.0,
        },
    )
    EFFECTS = {
        "relief": _p(
            "relief",
            0.5,
            0.0,
            1.0,
            "share of parenting stress",
            "Share of the strain of single parenting taken away",
            "assumption",
        ),
        "control_gain": _p(
            "control_gain",
            0.3,
            0.0,
            1.0,
            "points (0-10)",
            "Higher sense of control of participants",
            "assumption",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res = model.residents
        young = model.household_any((res.age < 12) & res.alive)
        mask = (res.role == R_SINGLE_PARENT) & young[np.maximum(res.hh, 0)]
        eligible = adults_in(model, self, mask)
        enrolled, new = self.enrol(model, eligible, res.distress[eligible])
        levers.writable(model, "parenting_relief")[enrolled] += self.effect["relief"]
        levers.writable(model, "control_offset")[enrolled] += self.effect["control_gain"]
        return self.overhead_cost(model) + self.participant_cost(model, new)


class HousingRenovation(Intervention):
    key = "housing_renovation"
    label_nl = "Woningverbetering en openbare ruimte"
    label_en = "Housing renovation and public space"
    summary = (
        "With the corporation: the poorest corporation dwellings are renovated "
        "(warmth, damp, entrance), plus small public-space works; better homes raise "
        "livability and warm homes help health."
    )
    acts_on = ("neighbourhood", "stress")
    target_indicator, direction = "livability_score", "higher"
    group = "corporation dwellings of the lowest quality"
    evidence = (
        "SCP 2011/2013 (restructuring improved liveability; soft measures little); "
        "Cochrane Thomson 2013 and Lazo Green 2024 (warmth improves mental health "
        "and quality of life)"
    )
    cost_source = (
        "assumption: the corporation pays the renovation; the programme pays EUR "
        "3,000 per dwelling (co-funding, tenant support) and EUR 50,000 a year for "
        "public space"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.housing_renovation.fixed_eur": 50000.0,
            "cost.housing_renovation.capacity": 60.0,
            "cost.housing_renovation.eur_per_participant": 3000.0,
        },
    )
    EFFECTS = {
        "quality_gain": _p(
            "quality_gain",
            0.3,
            0.1,
            0.5,
            "quality points (0-1)",
            "Better quality of a renovated dwelling",
            "assumption",
        ),
        "health_gain": _p(
            "health_gain",
            0.05,
            0.0,
            0.2,
            "points (1-5)",
            "Better health of residents of renovated dwellings (warmth)",
            "assumption: direction from Cochrane 2013, small",
        ),
    }

    def reset(self) -> None:
        super().reset()
        self.renovated: set[int] = set()
        self.carry = 0.0

    def apply(self, model) -> np.ndarray:
        dw = model.dwellings
        room = self.intensity * self.capacity / 12.0 + self.carry
        take = int(np.floor(room))
        self.carry = room - take
        nd = dw.size
        cand = np.flatnonzero(
            dw.alive[:nd]
            & (dw.tenure[:nd] == CORPORATION)
            & self.area_mask(model)[np.maximum(dw.area[:nd], 0)]
        )
        cand = cand[~np.isin(cand, list(self.renovated))]
        new = cand[np.lexsort((cand, dw.quality[cand]))[:take]]
        dw.quality[new] = np.minimum(dw.quality[new] + self.effect["quality_gain"], 1.0)
        self.renovated.update(new.tolist())
        res = model.residents
        if self.renovated:
            renovated = np.zeros(nd, dtype=bool)
            renovated[list(self.renovated)] = True
            homes = model.households.dwelling[np.maximum(res.hh, 0)]
            inside = adults_in(model, self, renovated[np.maximum(homes, 0)])
            levers.writable(model, "health_offset")[inside] += self.effect["health_gain"]
        cost = np.bincount(dw.area[new], minlength=len(model.areas)) * self.eur_per_participant
        return self.overhead_cost(model) + cost


class AllocationSocialManagement(Intervention):
    key = "allocation_social_management"
    label_nl = "Toewijzing en sociaal beheer door de corporatie"
    label_en = "Allocation policy and social management by the corporation"
    summary = (
        "The corporation matches part of its new tenants to the buurt (intake talks, "
        "care agreements, spreading) and a social manager tackles nuisance early."
    )
    acts_on = ("mobility", "neighbourhood")
    target_indicator, direction = "nuisance_share", "lower"
    group = "new corporation tenants; the buurt"
    evidence = (
        "RIGO 2018 (resilient corporation buurten screened intake and ran social "
        "management); Aedes 2023 (where concentration fell, nuisance often fell; "
        "association)"
    )
    cost_source = f"one social manager ('sociaal beheerder'), {FTE_SOURCE}"
    COSTS = cost_params(key, cost_source, {"cost.allocation_social_management.fte": 1.0})
    EFFECTS = {
        "screening": _p(
            "screening",
            0.5,
            0.0,
            1.0,
            "share of corporation lettings",
            "Lettings where the least vulnerable applicant of the pool is chosen",
            "assumption: half of lettings matched, within allocation rules",
        ),
        "nuisance_reduction": _p(
            "nuisance_reduction",
            0.02,
            0.0,
            0.05,
            "nuisance share",
            "Less nuisance through early action by a social manager",
            "assumption: small; association only (Aedes 2023)",
        ),
    }

    def apply(self, model) -> np.ndarray:
        mask = self.area_mask(model)
        scale = min(self.intensity, 1.0)
        screening = levers.writable(model, "alloc_screening")
        current = np.where(np.isnan(screening), model.p.alloc.screening, screening)
        screening[:] = np.where(
            mask, np.maximum(current, scale * self.effect["screening"]), screening
        )
        levers.writable(model, "nuisance_offset")[:] -= (
            mask * scale * self.effect["nuisance_reduction"]
        )
        return self.overhead_cost(model)


CATALOGUE: dict[str, type[Intervention]] = {
    cls.key: cls
    for cls in (
        EarlyDebtSignalling,
        DebtCounsellingCapacity,
        BenefitTakeupOutreach,
        OutreachSocialWork,
        MeetingPlace,
        LonelinessProgramme,
        ParticipationBudget,
        EmploymentGuidance,
        PositiveHealth,
        ParentingSupport,
        HousingRenovation,
        AllocationSocialManagement,
    )
}


def cost_parameters() -> tuple[Param, ...]:
    """The unit costs of every intervention, as declared beside each class (for the
    parameter list, the docs and the app; scenario files override them per programme)."""
    return (EUR_PER_FTE, *(p for cls in CATALOGUE.values() for p in cls.COSTS))
