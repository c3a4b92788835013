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
from agents.schema import CORPORATION, NO_SERVICE, OWNER, R_SINGLE_PARENT, UNEMPLOYED
from model import levers
from model.params import Param
from model.scales import GOOD_HEALTH, HIGH_DISTRESS, LONELY
from scenarios.base import EUR_PER_FTE, Enrolment, Intervention, cost_params

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
    group = (
        "households whose payment arrears began in the last three months (the signal "
        "flow, about 4 per 1,000 residents a month), the deepest arrears first"
    )
    evidence = (
        "Divosa monitor 2023 (4.0 signals per 1,000 residents a month; 1 in 5 reaches the "
        "resident, 35% of those reached accept help); Verwey-Jonker (about 80% contact by "
        "phone or visit); Movisie (Vroeg Eropaf, more than 2 euro return per euro)"
    )
    months_enrolled = 6
    signal_months = 3  # a signal waits at most this long for a first contact
    cost_source = (
        f"{FTE_SOURCE}; capacity of about 250 contacted households per FTE a year "
        "is an own estimate ('a few hundred contacts', research note section 7)"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {"cost.early_debt_signalling.fte": 1.0, "cost.early_debt_signalling.capacity": 250.0},
    )
    DESIGN = {
        "reach": "monitoring",
        "accept": "monitoring",
        "prevention": "expert estimate",
        "eviction_reduction": "associational",
    }
    EFFECTS = {
        "reach": _p(
            "reach",
            0.35,
            0.2,
            0.8,
            "share of contacted households reached",
            "Households actually reached by phone or home visit",
            "Divosa average 1 in 5, Amsterdam by phone about 0.8; 0.35 is the centre for a "
            f"good approach ({PRIORS} svc.vs_reach_rate 0.2-0.8, centre 0.35)",
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
            0.3,
            0.0,
            0.6,
            "share of evictions",
            "Fewer evictions of helped tenants in arrears",
            "association: evictions fell 50-60% as early contact spread "
            "(Aedes 2018-2022); not causal, so about half of it",
        ),
    }

    def reset(self) -> None:
        super().reset()
        # households in arrears now: serials (sorted) and the month their arrears began
        self.spell_serials = np.empty(0, dtype=np.int64)
        self.spell_since = np.empty(0, dtype=np.int64)
        self.contacted = np.empty(0, dtype=np.int64)  # serials followed up (once a spell)
        self.started = False
        self.signals = 0  # signals received (households whose arrears began)
        self.contacts = 0  # households contacted
        self.carry = 0.0
        self.help_carry = 0.0

    def apply(self, model) -> np.ndarray:
        """Signals are households whose arrears began (the statutory flow); up to the
        capacity of them are contacted within three months, deepest arrears first; of
        those contacted, reach x accept get six months of early help."""
        res, hh = model.residents, model.households
        nh, month = hh.size, model.month + 1
        contact = model.first_adult()
        in_care = model.household_any(res.service == DEBT_COUNSELLING)
        in_arrears = hh.alive[:nh] & (hh.buffer[:nh] < 0) & ~in_care & (contact >= 0)
        homes = np.flatnonzero(in_arrears)
        homes = homes[self.in_target_areas(model, contact[homes])]
        serials = hh.serial[homes].astype(np.int64)
        # a spell already under way keeps its start; the first month's are not signals
        found = np.zeros(serials.size, dtype=bool)
        before = np.zeros(serials.size, dtype=np.int64)
        if self.spell_serials.size:
            at = np.minimum(
                np.searchsorted(self.spell_serials, serials), self.spell_serials.size - 1
            )
            found, before = self.spell_serials[at] == serials, self.spell_since[at]
        since = np.where(found, before, month if self.started else -1)
        self.started = True
        self.signals += int((since == month).sum())
        order = np.argsort(serials)  # spells that ended are forgotten: a new spell, a new signal
        self.spell_serials, self.spell_since = serials[order], since[order]
        self.contacted = self.contacted[np.isin(self.contacted, serials)]
        fresh = (since >= month - self.signal_months + 1) & ~np.isin(serials, self.contacted)
        pool = homes[fresh]
        room = self.intensity * self.capacity / 12.0 + self.carry
        take = int(np.floor(room))
        self.carry = room - take
        order = np.lexsort((pool, hh.buffer[pool]))  # deepest arrears first, then by slot
        reached = pool[order[:take]]
        self.contacted = np.concatenate([self.contacted, hh.serial[reached].astype(np.int64)])
        self.contacts += reached.size
        current = self.enrolment.current(res, month)
        room = reached.size * self.effect["reach"] * self.effect["accept"] + self.help_carry
        helped = int(np.floor(room))
        self.help_carry = room - helped
        new = contact[reached[:helped]]
        self.enrolment.admit(res, new, month + self.months_enrolled)
        enrolled = self.enrolment.current(res, month)
        self.eligible = np.union1d(contact[pool], current)
        self.reached = enrolled
        homes_helped = self.reached_households = res.hh[enrolled]
        levers.writable(model, "debt_onset_multiplier")[homes_helped] *= (
            1.0 - self.effect["prevention"]
        )
        levers.writable(model, "eviction_multiplier")[homes_helped] *= (
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
    DESIGN = {"dropout_reduction": "quasi-experimental", "case_years": "monitoring"}
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
        "households entitled to bijstand or rent benefit who do not claim them. Each "
        "household is approached once; a share of them starts claiming in that month."
    )
    acts_on = ("finances",)
    target_indicator, direction = "financial_worries_share", "lower"
    group = (
        "entitled households that do not claim bijstand or rent benefit, each approached "
        "once (those who are not yet approached: the stock at the start, then newcomers)"
    )
    evidence = (
        "Bhargava & Manoli 2015 (a one-off mailing: +0.14 take-up, simplification +0.09, "
        "showing amounts +0.08); Dutch transfer own estimate (research note section 4.4)"
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
    DESIGN = {"takeup": "RCT"}
    EFFECTS = {
        "takeup": _p(
            "takeup",
            0.10,
            0.05,
            0.20,
            "share of approached non-claimers, once",
            "Share of approached non-claimers who start claiming (a one-off response)",
            f"Bhargava & Manoli 2015 ({PRIORS} eff.takeup_outreach_pp)",
        ),
    }

    def reset(self) -> None:
        super().reset()
        self.approached: set[int] = set()  # household serials approached (once each)

    def apply(self, model) -> np.ndarray:
        """Approach every entitled non-claimer in the buurten once; in that month a share
        ``takeup`` of them starts claiming (a one-off prompt, not a lasting hazard)."""
        hh = model.households
        nh = hh.size
        contact = model.first_adult()
        renter = model.dwellings.tenure[np.maximum(hh.dwelling[:nh], 0)] != OWNER
        no_rent_benefit = (
            renter & ~hh.toeslag[:nh] & (hh.income[:nh] < model.p.fin.huurtoeslag_income_limit)
        )
        no_bijstand = hh.entitled[:nh] & ~hh.claims[:nh]
        eligible = hh.alive[:nh] & (contact >= 0) & (no_bijstand | no_rent_benefit)
        homes = np.flatnonzero(eligible)
        homes = homes[self.in_target_areas(model, contact[homes])]
        fresh = ~np.isin(hh.serial[homes], np.fromiter(self.approached, dtype=np.int64))
        self.eligible = contact[homes]
        new = homes[fresh]
        self.approached.update(hh.serial[new].tolist())
        self.reached, self.reached_households = contact[new], new
        chance = min(self.effect["takeup"] * self.intensity, 1.0)
        levers.writable(model, "takeup_prompt")[new[no_bijstand[new]]] = chance
        levers.writable(model, "toeslag_prompt")[new[no_rent_benefit[new]]] = chance
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
    DESIGN = {"cases_per_fte": "expert estimate", "finding": "expert estimate"}
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
        "A buurthuis or 'huiskamer' with weekly activities run with residents, one per "
        "buurt served: it draws a number of regular visitors a year, the most isolated "
        "first; visitors take part in buurt activities and make local ties a little faster."
    )
    acts_on = ("ties",)
    target_indicator, direction = "lonely_share", "lower"
    # 60 visitors a year per buurt among about 2,400 adults, d = -0.1: too small to show
    # in the buurt's loneliness share (12 paired runs of 10 years: +0.002, -0.002 to +0.005)
    near_zero = True
    per_buurt = True
    group = (
        "adults who do not yet take part in activities, the loneliest first, up to the "
        "place's regular visitors (capacity per buurt)"
    )
    evidence = (
        "Fokkema & Van Tilburg 2007 (2 of 10 Dutch contact interventions effective); Masi "
        "2011 (social access weakest); Stichting de Buurt 2025 (benefits 2.5x costs)"
    )
    cost_source = (
        f"own estimate per buurt served: rent and activities EUR 40,000 a year plus 0.8 FTE "
        f"({FTE_SOURCE})"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.meeting_place.fixed_eur": 40000.0,
            "cost.meeting_place.fte": 0.8,
            "cost.meeting_place.capacity": 60.0,
        },
    )
    DESIGN = {"tie_making": "no evidence", "loneliness_d": "meta-analysis"}
    EFFECTS = {
        "tie_making": _p(
            "tie_making",
            0.25,
            0.0,
            0.5,
            "extra share of tie-making",
            "Visitors make new local ties faster while they come",
            "assumption: meeting places create weak and some strong ties; no Dutch "
            "effect size found, so half the range",
        ),
        "loneliness_d": _p(
            "loneliness_d",
            -0.1,
            -0.25,
            0.0,
            "Cohen d",
            "Direct effect on visitors' loneliness (beyond new ties), while they come",
            f"generic contact interventions ({PRIORS} "
            "eff.loneliness_contact_interventions_d, centre -0.1, 0 to -0.25)",
        ),
    }

    def apply(self, model) -> np.ndarray:
        """Take on this month's new regular visitors (capacity per buurt / 12) among adults
        who do not take part yet, the loneliest first; they take part for a year."""
        res = model.residents
        eligible = adults_in(model, self, ~res.participates)
        enrolled, new = self.enrol(model, eligible, res.lonely[eligible])
        res.participates[new] = True
        levers.writable(model, "tie_formation_boost")[enrolled] += (
            self.intensity * self.effect["tie_making"]
        )
        levers.writable(model, "lonely_offset")[enrolled] += (
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
    DESIGN = {"loneliness_d": "meta-analysis"}
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
        "Residents decide on a yearly budget for their buurt, one budget per buurt served. "
        "Those who take part in deciding feel more influence for a year; trust follows "
        "from felt influence, as it does for every resident."
    )
    acts_on = ("neighbourhood", "ties")
    target_indicator, direction = "trust_municipality_share", "higher"
    per_buurt = True
    group = (
        "adults who take part in deciding on the budget (capacity per buurt), those with "
        "the least felt influence first"
    )
    evidence = (
        "Ardanaz et al. 2023 (information on a participatory budget 'marginally' "
        "improved ratings of government; eff.pb_trust_pp 0 to +5 pp); DEMOTEC (38% of "
        "Dutch willing to take part)"
    )
    cost_source = (
        f"per buurt served: budget EUR 45,000 a year (Deventer, per wijk; {PRIORS} "
        f"cost.wijkbudget) plus 0.2 FTE support ({FTE_SOURCE})"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {
            "cost.participation_budget.fixed_eur": 45000.0,
            "cost.participation_budget.fte": 0.2,
            "cost.participation_budget.capacity": 100.0,
        },
    )
    DESIGN = {"influence_gain": "no evidence"}
    EFFECTS = {
        "influence_gain": _p(
            "influence_gain",
            1.0,
            0.0,
            2.0,
            "points (0-10)",
            "More felt influence for residents who take part in deciding, for a year",
            "assumption: deciding on real money is visible influence; the trust effect "
            "follows through trust.influence_effect",
        ),
    }

    def apply(self, model) -> np.ndarray:
        """Take on this month's deciders (capacity per buurt / 12), those with the least
        felt influence first; they take part in buurt activities while they decide."""
        res = model.residents
        eligible = adults_in(model, self, np.ones(res.size, dtype=bool))
        enrolled, new = self.enrol(model, eligible, -res.influence[eligible])
        res.participates[new] = True
        levers.writable(model, "influence_offset")[enrolled] += (
            min(self.intensity, 1.0) * self.effect["influence_gain"]
        )
        return self.overhead_cost(model)


class EmploymentGuidance(Intervention):
    key = "employment_guidance"
    label_nl = "Begeleiding naar werk"
    label_en = "Employment guidance"
    summary = (
        "Job coaching and work-first trajectories for unemployed residents, the "
        "longest unemployed first, for a year each. Little effect while enrolled "
        "(lock-in), more in the two years after, as the meta-analyses find."
    )
    acts_on = ("life_events",)
    target_indicator, direction = "unemployment_share", "lower"
    # 40 trajectories a year, +4 pp employment after three years: about 2 residents more
    # in work, below the seed spread of the unemployment share (12 paired runs of 10
    # years: +0.001, -0.001 to +0.003)
    near_zero = True
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
    DESIGN = {
        "job_finding": "meta-analysis",
        "job_finding_after": "meta-analysis",
        "months_after": "meta-analysis",
    }
    EFFECTS = {
        "job_finding": _p(
            "job_finding",
            0.05,
            0.0,
            0.2,
            "relative increase",
            "Higher job-finding rate of participants while enrolled (lock-in keeps it small)",
            f"Card, Kluve & Weber 2018: about zero in the short run ({PRIORS} "
            "eff.reintegration_pp_1yr 0.02, 0 to 0.05)",
        ),
        "job_finding_after": _p(
            "job_finding_after",
            0.3,
            0.1,
            0.6,
            "relative increase",
            "Higher job-finding rate of former participants still unemployed, after the year",
            f"Card, Kluve & Weber 2018: more positive after 2-3 years; sized to give about "
            f"+4 pp employment after three years ({PRIORS} eff.reintegration_pp_3yr 0.04, "
            "0.02-0.08)",
        ),
        "months_after": _p(
            "months_after",
            24.0,
            12.0,
            36.0,
            "months",
            "How long the effect lasts after the trajectory ends",
            "Card, Kluve & Weber 2018 (effects measured up to 2-3 years after); assumption "
            "that it then ends",
        ),
    }

    def reset(self) -> None:
        super().reset()
        self.alumni = Enrolment()  # former participants in their after-programme months

    def apply(self, model) -> np.ndarray:
        res, month = model.residents, model.month + 1
        eligible = adults_in(model, self, res.work == UNEMPLOYED)
        e = self.enrolment
        finished = (e.until <= month) & (res.serial[e.slots] == e.serials)
        done = e.slots[finished]
        enrolled, new = self.enrol(model, eligible, res.unemployed_months[eligible])
        if done.size:
            self.alumni.admit(res, done, month + int(round(self.effect["months_after"])))
        alumni = self.alumni.current(res, month)
        alumni = alumni[~np.isin(alumni, enrolled)]
        self.reached = np.union1d(enrolled, alumni)
        self.eligible = np.union1d(self.eligible, alumni)
        boost = levers.writable(model, "job_finding_boost")
        boost[enrolled] *= 1.0 + self.intensity * self.effect["job_finding"]
        boost[alumni] *= 1.0 + min(self.intensity, 1.0) * self.effect["job_finding_after"]
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
    DESIGN = {"health_gain": "no evidence", "participation": "expert estimate"}
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
    DESIGN = {"relief": "no evidence", "control_gain": "no evidence"}
    EFFECTS = {
        "relief": _p(
            "relief",
            0.25,
            0.0,
            0.5,
            "share of parenting stress",
            "Share of the strain of single parenting taken away while enrolled",
            "no evidence: no effect size in the research notes, so a conservative quarter",
        ),
        "control_gain": _p(
            "control_gain",
            0.0,
            0.0,
            0.5,
            "points (0-10)",
            "Higher sense of control of participants",
            "no evidence: 0 by default, the range for the uncertainty analysis",
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
        "(insulation, damp, entrance), plus small public-space works; better homes raise "
        "livability, insulated homes have lower energy bills, and warmer homes help "
        "the health and mental health of those who live in them."
    )
    acts_on = ("neighbourhood", "finances", "stress")
    target_indicator, direction = "livability_score", "higher"
    group = "corporation dwellings of the lowest quality and the residents who live in them"
    evidence = (
        "SCP 2011/2013 (restructuring improved liveability; soft measures little); "
        "Cochrane Thomson 2013 and Lazo Green 2024 (warmth and energy improvements "
        "improve mental health and quality of life; physical health varies)"
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
    DESIGN = {
        "quality_gain": "expert estimate",
        "energy_saving": "expert estimate",
        "distress_relief": "meta-analysis",
        "health_gain": "meta-analysis",
    }
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
        "energy_saving": _p(
            "energy_saving",
            0.2,
            0.1,
            0.35,
            "share of the energy bill",
            "Lower energy bills of households in a renovated dwelling",
            "assumption: insulating the poorest homes; Thomson 2013 reports lower energy "
            "costs and more warmth, no Dutch figure found",
        ),
        "distress_relief": _p(
            "distress_relief",
            0.5,
            0.0,
            1.5,
            "K10 points",
            "Lower distress of adults in a renovated dwelling (warmth, less damp)",
            "Thomson 2013 and Lazo Green 2024: mental health improves (direction "
            "consistent, size small); assumption on the size",
        ),
        "health_gain": _p(
            "health_gain",
            0.05,
            0.0,
            0.2,
            "points (1-5)",
            "Better health of residents of renovated dwellings (warmth)",
            "Thomson 2013: physical health effects vary; small",
        ),
    }

    def reset(self) -> None:
        super().reset()
        self.renovated: set[int] = set()
        self.carry = 0.0

    def apply(self, model) -> np.ndarray:
        dw, hh = model.dwellings, model.households
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
        self.reached = np.empty(0, dtype=np.int64)
        if self.renovated:
            renovated = np.zeros(nd, dtype=bool)
            renovated[list(self.renovated)] = True
            nh = hh.size
            home_renovated = hh.alive[:nh] & renovated[np.maximum(hh.dwelling[:nh], 0)]
            home_renovated &= hh.dwelling[:nh] >= 0
            levers.writable(model, "household_energy_multiplier")[home_renovated] *= (
                1.0 - self.effect["energy_saving"]
            )
            inside = adults_in(model, self, home_renovated[np.maximum(res.hh, 0)] & (res.hh >= 0))
            tenure = dw.tenure[np.maximum(hh.dwelling[np.maximum(res.hh, 0)], 0)]
            self.eligible = adults_in(model, self, (tenure == CORPORATION) & (res.hh >= 0))
            self.reached = inside
            self.reached_households = np.flatnonzero(home_renovated)
            levers.writable(model, "health_offset")[inside] += self.effect["health_gain"]
            levers.writable(model, "distress_offset")[inside] -= self.effect["distress_relief"]
        cost = np.bincount(dw.area[new], minlength=len(model.areas)) * self.eur_per_participant
        return self.overhead_cost(model) + cost


class SocialManagement(Intervention):
    key = "social_management"
    label_nl = "Sociaal beheer door de corporatie"
    label_en = "Social management by the corporation"
    summary = (
        "A social manager ('sociaal beheerder') of the corporation visits tenants behind "
        "whom problems pile up (untreated distress, debt without help) and gets them to "
        "the district team or debt counselling; nuisance follows from fewer unresolved "
        "problems. Screening at letting is a separate letting policy (the scenario's "
        "'allocation' block)."
    )
    acts_on = ("services", "neighbourhood")
    target_indicator, direction = "nuisance_share", "lower"
    group = (
        "corporation tenants with unresolved problems (high distress without care, or "
        "problematic debt without counselling), the most distressed first"
    )
    evidence = (
        "RIGO 2018 (resilient corporation buurten ran social management); Aedes 2023 "
        "(where problems were tackled, nuisance often fell; association only)"
    )
    months_enrolled = 6
    cost_source = (
        f"one social manager ('sociaal beheerder'), {FTE_SOURCE}; 40 households a year per "
        "FTE is an assumption (intensive visits)"
    )
    COSTS = cost_params(
        key,
        cost_source,
        {"cost.social_management.fte": 1.0, "cost.social_management.capacity": 40.0},
    )
    DESIGN = {"accept": "expert estimate"}
    EFFECTS = {
        "accept": _p(
            "accept",
            0.35,
            0.2,
            0.6,
            "share of visited tenants",
            "Visited tenants who accept a referral to care or debt counselling",
            "assumption: as the acceptance of help after an early debt signal "
            f"({PRIORS} svc.vs_accept_rate 0.33-0.39), widened",
        ),
    }

    def apply(self, model) -> np.ndarray:
        res, hh, dw = model.residents, model.households, model.dwellings
        n = res.size
        home = hh.dwelling[np.maximum(res.hh[:n], 0)]
        corporation = (res.hh[:n] >= 0) & (dw.tenure[np.maximum(home, 0)] == CORPORATION)
        untreated = (res.distress[:n] >= HIGH_DISTRESS) & (res.service[:n] == NO_SERVICE)
        counselled = model.household_any(res.service == DEBT_COUNSELLING)
        debt = hh.debt[np.maximum(res.hh[:n], 0)] & ~counselled[np.maximum(res.hh[:n], 0)]
        free = (res.waiting[:n] == NO_SERVICE) & (res.service[:n] == NO_SERVICE)
        mask = np.zeros(res.size, dtype=bool)
        mask[:n] = corporation & (untreated | debt) & free
        eligible = adults_in(model, self, mask)
        enrolled, new = self.enrol(
            model, eligible, res.distress[eligible], share=self.effect["accept"]
        )
        in_debt = debt[new]
        res.waiting[new] = np.where(in_debt, DEBT_COUNSELLING, SOCIAL_TEAM)
        res.wait_since[new] = model.month
        self.reached = new
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
        SocialManagement,
    )
}


def cost_parameters() -> tuple[Param, ...]:
    """The unit costs of every intervention, as declared beside each class (for the
    parameter list, the docs and the app; scenario files override them per programme)."""
    return (EUR_PER_FTE, *(p for cls in CATALOGUE.values() for p in cls.COSTS))
