"""Process 2, household finances: income (wages, WW, pensions, bijstand,
rent benefit) minus rent, energy and living costs gives a monthly margin;
savings move towards the household's habitual level for that margin and are
hit by unexpected expenses; a negative buffer means payment arrears, which
can turn into problematic debt. Entitled households may not claim bijstand.
"""

from __future__ import annotations

import numpy as np

from agents.organisation import DEBT_COUNSELLING
from agents.schema import (
    CORPORATION,
    COUPLE,
    COUPLE_KIDS,
    EMPLOYED,
    OTHER,
    OWNER,
    PRIVATE_RENT,
    RETIRED,
    STUDENT,
    UNEMPLOYED,
)
from model import levers
from model.inputs import history
from model.mathutil import is_any, monthly_prob, relax, stationary_sd
from model.param_spec import PRIORS, Param, Prior
from model.processes.process import Process
from model.scales import LOW_CONTROL

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "history.flat",
        0.0,
        0.0,
        1.0,
        "switch (0 or 1)",
        "1 = ignore the dated history (all price and wage indices 1, no one-off payments): "
        "the stationary model in June-2021 euros; 0 = run through the history since 2021",
        "assumption: model switch, 0 by default (the baseline runs through the 2022 price "
        "shock and the raises since); 1 is the stationarity check "
        "(experiments/stationarity.py); the history is "
        "model/inputs/data/history.csv ($VEERKRACHT_HISTORY)",
        role="fixed",
    ),
    Param(
        "fin.bijstand_norm_single",
        1074.73,
        1000.0,
        1200.0,
        "EUR per month",
        "Bijstand norm for a single adult (also single parents)",
        "Rijksoverheid normbedragen Participatiewet, 1 July 2021",
        role="fixed",
    ),
    Param(
        "fin.bijstand_norm_couple",
        1535.33,
        1400.0,
        1700.0,
        "EUR per month",
        "Bijstand norm for a couple",
        "Rijksoverheid normbedragen Participatiewet, 1 July 2021",
        role="fixed",
    ),
    Param(
        "fin.ww_replacement",
        0.70,
        0.65,
        0.75,
        "share of last wage",
        "Unemployment benefit (WW) as share of the wage",
        "UWV: 75% for 2 months, then 70%",
        role="fixed",
    ),
    Param(
        "fin.ww_months",
        12.0,
        3.0,
        24.0,
        "months",
        "Duration of WW before falling back on bijstand",
        "assumption: legal range 3-24 months, short work histories in deprived areas",
    ),
    Param(
        "fin.rent_corporation",
        560.0,
        480.0,
        650.0,
        "EUR per month",
        "Rent of a corporation dwelling",
        "derived: Maastricht corporation mean EUR 502 (2015, De Limburger) plus about 2% a year",
    ),
    Param(
        "fin.rent_private",
        800.0,
        650.0,
        1000.0,
        "EUR per month",
        "Private rent",
        "assumption",
    ),
    Param(
        "fin.housing_cost_owner",
        850.0,
        600.0,
        1100.0,
        "EUR per month",
        "Mortgage and owner costs",
        "assumption",
    ),
    Param(
        "fin.energy_cost",
        150.0,
        100.0,
        250.0,
        "EUR per month",
        "Energy bill of a household (2021 prices)",
        "assumption: about EUR 1,800 a year",
    ),
    Param(
        "fin.energy_price_index",
        1.0,
        0.5,
        3.0,
        "ratio to 2021",
        "Multiplier on energy costs (shocks change it)",
        "assumption: 1 = June-2021 prices",
        role="fixed",
    ),
    Param(
        "fin.basic_cost_adult",
        800.0,
        600.0,
        1000.0,
        "EUR per month",
        "Basic living costs of the first adult",
        "assumption: Nibud reference budgets, order of magnitude",
    ),
    Param(
        "fin.basic_cost_extra_adult",
        400.0,
        300.0,
        500.0,
        "EUR per month",
        "Basic living costs of each further adult",
        "assumption: Nibud order of magnitude",
    ),
    Param(
        "fin.basic_cost_child",
        300.0,
        200.0,
        400.0,
        "EUR per month",
        "Basic living costs per child",
        "assumption: Nibud order of magnitude",
    ),
    Param(
        "fin.huurtoeslag",
        200.0,
        100.0,
        300.0,
        "EUR per month",
        "Rent benefit of a low-income tenant",
        "assumption: typical huurtoeslag amount",
    ),
    Param(
        "fin.huurtoeslag_income_limit",
        2000.0,
        1600.0,
        2500.0,
        "EUR per month",
        "Income below which tenants are entitled to rent benefit",
        "assumption",
    ),
    Param(
        "fin.min_wage_reach",
        1.5,
        1.0,
        2.0,
        "times the net minimum wage (fin.bijstand_norm_couple)",
        "Wage up to which wages follow the minimum wage when it rises faster than the CAO "
        "wages: fully at or below the minimum, fading linearly to the CAO index at this "
        "multiple",
        "assumption: wages at the statutory minimum rise with it by law (WML +10.15% on 1 "
        "January 2023), wages just above it are compressed toward it; the net minimum wage "
        "equals the couple norm (Participatiewet: 100% of the net minimum wage)",
    ),
    Param(
        "takeup.bijstand_rate",
        1.5,
        0.5,
        3.0,
        "per entitled household per year",
        "Rate at which newly entitled households that do claim start claiming bijstand",
        "assumption: a few months from entitlement to the first payment",
    ),
    Param(
        "takeup.hidden_claim_rate",
        0.05,
        0.0,
        0.3,
        "per entitled non-claiming household per year",
        "Rate at which non-claimers (persistent within an entitlement spell) "
        "start claiming without outreach",
        "assumption: non-take-up is persistent "
        "(Inspectie SZW 2021: more often young, self-employed, small entitlements)",
        calibrate=True,
    ),
    Param(
        "takeup.nontakeup_new_spell",
        0.55,
        0.41,
        0.7,
        "share of newly entitled households",
        "Share of households starting an entitlement spell that are non-claimers for that spell",
        "calibrated to stationarity: at 0.55 the non-take-up stock among the entitled "
        "(init.nontakeup_bijstand at the start) changes by +0.005 in ten baseline years with "
        "takeup.hidden_claim_rate = 0.05 (6 seeds; -0.03 at 0.41, the value if all spells "
        "were alike; +0.02 at 0.70; "
        "experiments/stationarity.py). Above the stock's third because short spells and small "
        "entitlements are claimed less often (Inspectie SZW 2021)",
    ),
    Param(
        "fin.adjust_rate",
        0.10,
        0.03,
        0.3,
        "per month",
        "Speed at which savings return to the household's habitual level",
        "assumption",
    ),
    Param(
        "fin.margin_to_buffer",
        3.0,
        1.0,
        6.0,
        "months of margin",
        "Change of the habitual buffer per EUR change of the monthly margin",
        "assumption",
    ),
    Param(
        "fin.buffer_noise_eur",
        80.0,
        0.0,
        200.0,
        "EUR per month (sd)",
        "Month-to-month noise in savings",
        "assumption",
    ),
    Param(
        "fin.worry_buffer_months",
        1.0,
        0.5,
        2.0,
        "months of fixed costs",
        "Savings below which a household finds it hard to make ends meet",
        "assumption",
    ),
    Param(
        "debt.onset_given_arrears",
        0.20,
        0.1,
        0.5,
        "per household in arrears (not yet in debt) per year",
        "Arrears turning into problematic debt",
        "derived: balances the expected onsets and exits of the June-2021 state in the focus "
        "buurten (15% of households in arrears without debt, 13% in debt leaving at debt.exit "
        "plus counselling; mean of 10 seeds 0.200; experiments/stationarity.py); "
        f"equals about 0.04 per non-debt household ({PRIORS} event.debt_onset_hh 0.01-0.04)",
        prior=Prior("truncnorm", 0.22, 0.1),
        calibrate=True,
    ),
    Param(
        "debt.exit",
        0.20,
        0.10,
        0.30,
        "per debt household per year",
        "Exit from problematic debt without professional help",
        f"derived from CBS stock stability ({PRIORS} event.debt_exit_hh)",
        prior=Prior("truncnorm", 0.2, 0.049999999999999996),
        calibrate=True,
    ),
    Param(
        "debt.risk_multiplier",
        1.5,
        1.0,
        2.5,
        "ratio",
        "Debt onset multiplier for LVB or low sense of control (doenvermogen)",
        "assumption: direction from WRR 2017 'Weten is nog geen doen'",
    ),
    Param(
        "svc.shv_exit",
        0.6,
        0.2,
        1.2,
        "per household in debt counselling per year",
        "Extra exit from problematic debt while in counselling",
        "derived/assumption: NVVK 40% "
        "arrangements agreed, 64% completed; part of exits are repayment plans",
    ),
)


FLAT = {s: (1.0 if kind == "index" else 0.0) for s, (kind, _, _) in history.SERIES.items()}


def dated(m) -> dict[str, float]:
    """The history's values (indices, payments) for the month being simulated,
    ``m.month + 1`` (at the start, month 1 = July 2021, where every index is 1 and no
    payment is made); all ones and no payments if ``history.flat``."""
    if m.p.history.flat:
        return FLAT
    cached = m.__dict__.get("_dated")
    if cached is not None and cached[0] == m.month:
        return cached[1]  # read a few hundred times a month; the file is read once per month
    arrays = history.monthly()
    month = min(m.month + 1, len(arrays["cpi"]) - 1)  # after the last month the values hold
    values = {s: float(a[month]) for s, a in arrays.items()}
    m._dated = (m.month, values)
    return values


def earnings(m, idx: np.ndarray) -> np.ndarray:
    """Net monthly earnings of residents ``idx`` (wage, student income, pension, WW):
    wages and WW follow the wage index, pensions the benefits index."""
    p, res, h = m.p, m.residents, dated(m)
    work, wage = res.work[idx], res.wage[idx].astype(np.float64)
    on_ww = (work == UNEMPLOYED) & (res.unemployed_months[idx] < p.fin.ww_months)
    wages = wage_index(m, wage)
    factor = np.where(is_any(work, (EMPLOYED, STUDENT)), wages, 0.0)
    factor = np.where(work == RETIRED, h["benefits"], factor)
    factor = np.where(on_ww, p.fin.ww_replacement * wages, factor)
    return wage * factor


def wage_index(m, wage: np.ndarray) -> np.ndarray | float:
    """Index of 2021 wages ``wage`` (EUR a month) in the month simulated: the CAO wages,
    except that low wages follow the minimum wage where it rose faster (without this,
    earners at the minimum fell below the bijstand norms, which follow the minimum wage,
    and bijstand rose by about 3.5 points from 2023)."""
    h = dated(m)
    gap = h["minimum_wage"] - h["wages"]
    if gap <= 0:
        return h["wages"]
    minimum = m.p.fin.bijstand_norm_couple  # the net minimum wage of June 2021
    reach = m.p.fin.min_wage_reach
    follow = np.clip((reach * minimum - wage) / max((reach - 1.0) * minimum, 1e-9), 0.0, 1.0)
    return h["wages"] + gap * follow


def member_sums(m, idx: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Per household slot: earnings, adults, children (<18) and working-age adults
    (not students), summed over residents ``idx`` (default: everyone alive)."""
    res, nh = m.residents, m.households.size
    idx = res.active() if idx is None else idx
    hh, age = res.hh[idx], res.age[idx]
    working = (age >= 18) & (age < m.p.demo.retirement_age) & (res.work[idx] != STUDENT)
    return {
        "earned": np.bincount(hh, weights=earnings(m, idx), minlength=nh)[:nh],
        "adults": np.bincount(hh, weights=age >= 18, minlength=nh)[:nh],
        "children": np.bincount(hh, weights=age < 18, minlength=nh)[:nh],
        "working": np.bincount(hh, weights=working, minlength=nh)[:nh],
    }


def bijstand_norm(m, hs: np.ndarray | slice | None = None) -> np.ndarray:
    p, hh = m.p, m.households
    hs = slice(0, hh.size) if hs is None else hs
    couple = is_any(hh.kind[hs], (COUPLE, COUPLE_KIDS, OTHER))
    norm = np.where(couple, p.fin.bijstand_norm_couple, p.fin.bijstand_norm_single)
    return norm * dated(m)["benefits"]


def update_entitlement(m, sums: dict[str, np.ndarray], hs) -> None:
    """Bijstand entitlement: working-age household earning below the norm."""
    hh = m.households
    entitled = (
        hh.alive[hs] & (sums["working"][hs] > 0) & (sums["earned"][hs] < bijstand_norm(m, hs))
    )
    hh.claims[hs] &= entitled
    hh.entitled[hs] = entitled


def budget(
    m, sums: dict[str, np.ndarray] | None = None, hs: np.ndarray | slice | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Monthly income and fixed costs (EUR) of households ``hs`` (default all slots),
    from member sums (default: computed over everyone, updating entitlement)."""
    p, hh, dw, h = m.p, m.households, m.dwellings, dated(m)
    hs = slice(0, hh.size) if hs is None else hs
    if sums is None:
        sums = member_sums(m)
        update_entitlement(m, sums, hs)
    earned = sums["earned"][hs]
    bijstand = np.where(
        hh.entitled[hs] & hh.claims[hs], np.maximum(bijstand_norm(m, hs) - earned, 0.0), 0.0
    )
    tenure = dw.tenure[np.maximum(hh.dwelling[hs], 0)]
    rent = np.select(
        [tenure == CORPORATION, tenure == PRIVATE_RENT, tenure == OWNER],
        [p.fin.rent_corporation, p.fin.rent_private, p.fin.housing_cost_owner],
    )
    income = earned + bijstand
    # rent benefit and its income limit follow the benefits index (assumption)
    renter_low = (tenure != OWNER) & (income < p.fin.huurtoeslag_income_limit * h["benefits"])
    income = income + np.where(renter_low & hh.toeslag[hs], p.fin.huurtoeslag * h["benefits"], 0.0)
    living = (
        p.fin.basic_cost_adult
        + p.fin.basic_cost_extra_adult * np.maximum(sums["adults"][hs] - 1, 0)
        + p.fin.basic_cost_child * sums["children"][hs]
    ) * h["cpi"]
    area = np.maximum(hh.area[hs], 0)
    energy = (
        p.fin.energy_cost
        * p.fin.energy_price_index
        * h["energy"]
        * levers.at(m, "energy_cost_multiplier", area)
        * levers.at(m, "household_energy_multiplier", hs)
    )
    if h["tariff_compensation"]:  # the 2022 tegemoetkoming lowers the energy bill
        energy = np.maximum(energy - h["tariff_compensation"], 0.0)
    return income, rent + energy + living


def redraw_claimant(m, u: np.ndarray) -> None:
    """Households outside entitlement draw whether they would claim in their next spell:
    non-take-up is persistent within a spell, and each new spell brings new non-claimers,
    so the non-take-up stock does not drain through hidden claims."""
    hh = m.households
    nh = hh.size
    out = ~hh.entitled[:nh]
    hh.claimant[:nh] = np.where(out, u >= m.p.takeup.nontakeup_new_spell, hh.claimant[:nh])


def claim_bijstand(m, u: np.ndarray) -> None:
    """Entitled households start claiming: claimants within months (faster with
    more sense of control), persistent non-claimers rarely (outreach raises it)."""
    p, hh, res = m.p, m.households, m.residents
    nh = hh.size
    control = m.household_mean(res.control, adults_only=True)
    rate = np.where(
        hh.claimant[:nh],
        p.takeup.bijstand_rate * np.exp(p.help.control_effect * (control - 5.0)),
        p.takeup.hidden_claim_rate,
    )
    # an approach by take-up outreach is a one-off prompt in its month (a lever)
    prompt = levers.at(m, "takeup_prompt", slice(0, nh))
    chance = monthly_prob(rate)
    chance = np.where(prompt > 0, 1.0 - (1.0 - chance) * (1.0 - prompt), chance)
    start = hh.alive[:nh] & hh.entitled[:nh] & ~hh.claims[:nh] & (u < chance)
    hh.claims[:nh] |= start


def claim_rent_benefit(m, u: np.ndarray) -> None:
    """Households approached by outreach start claiming rent benefit (a one-off
    prompt in the month they are approached)."""
    hh = m.households
    nh = hh.size
    hh.toeslag[:nh] |= hh.alive[:nh] & (u < levers.at(m, "toeslag_prompt", slice(0, nh)))


def update_debt(m, u_on: np.ndarray, u_off: np.ndarray) -> None:
    p, hh, res = m.p, m.households, m.residents
    nh = hh.size
    alive = hh.alive[:nh]
    weak = m.household_any(res.lvb) | (
        m.household_mean(res.control, adults_only=True) < LOW_CONTROL
    )
    onset = (
        p.debt.onset_given_arrears
        * np.where(weak, p.debt.risk_multiplier, 1.0)
        * levers.at(m, "debt_onset_multiplier", slice(0, nh))
    )
    new = alive & ~hh.debt[:nh] & (hh.buffer[:nh] < 0) & (u_on < monthly_prob(onset))
    counselled = m.household_any(res.service == DEBT_COUNSELLING)
    exit_rate = p.debt.exit + np.where(counselled, p.svc.shv_exit, 0.0)
    solved = alive & hh.debt[:nh] & (u_off < monthly_prob(exit_rate))
    hh.debt[:nh] = (hh.debt[:nh] | new) & ~solved
    hh.debt_months[:nh] = np.where(hh.debt[:nh], hh.debt_months[:nh] + 1, 0)
    # a solved debt clears the arrears it came from (assumption: payment plan)
    hh.buffer[:nh] = np.where(solved, np.maximum(hh.buffer[:nh], 0.0), hh.buffer[:nh])


def update_flags(m, costs: np.ndarray, hs: np.ndarray | slice | None = None) -> None:
    """Payment arrears and money worries of households ``hs`` (default all)."""
    hh = m.households
    hs = slice(0, hh.size) if hs is None else hs
    hh.arrears[hs] = hh.alive[hs] & ((hh.buffer[hs] < 0) | hh.debt[hs])
    hh.worry[hs] = hh.alive[hs] & (
        (hh.buffer[hs] < m.p.fin.worry_buffer_months * costs) | hh.debt[hs]
    )


def pay_energy_allowance(m, income: np.ndarray) -> None:
    """The one-off energietoeslag of the month goes into the savings of households with
    an income up to 120% of their social minimum (the bijstand norm)."""
    amount = dated(m)["energy_allowance"]
    if not amount:
        return
    hh = m.households
    nh = hh.size
    eligible = hh.alive[:nh] & (income <= 1.2 * bijstand_norm(m, slice(0, nh)))
    hh.buffer[:nh] = np.where(eligible, hh.buffer[:nh] + amount, hh.buffer[:nh])


def step(m) -> None:
    p, hh, rng = m.p, m.households, m.streams["finances"]
    nh = hh.size
    u = rng.random((5, nh))
    sums = member_sums(m)
    redraw_claimant(m, u[4])
    update_entitlement(m, sums, slice(0, nh))
    claim_bijstand(m, u[0])
    claim_rent_benefit(m, u[3])
    income, costs = budget(m, sums)
    hh.income[:nh], hh.costs[:nh] = income, costs
    target = hh.buffer_base[:nh] + p.fin.margin_to_buffer * (income - costs - hh.margin_ref[:nh])
    new = relax(
        hh.buffer[:nh].astype(np.float64),
        target,
        p.fin.adjust_rate,
        p.fin.buffer_noise_eur,
        rng,
    )
    hh.buffer[:nh] = np.where(hh.alive[:nh], new, 0.0)
    pay_energy_allowance(m, income)
    update_debt(m, u[1], u[2])
    update_flags(m, costs)


def setup(m) -> None:
    """Spread of the buffers' transient part (drawn for the 2021 households)."""
    m.transient_sd["buffer"] = stationary_sd(m.p.fin.adjust_rate, m.p.fin.buffer_noise_eur)


PROCESS = Process("finances", PARAMETERS, step, setup=setup)
