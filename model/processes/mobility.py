"""Process 9, residential mobility and allocation. Households move out at a
base rate; below the livability tipping point those who can (employed, not
vulnerable) leave more often, owners less. Vacant corporation dwellings are
let from an applicant pool whose vulnerable share is a policy lever
(``alloc.screening`` picks the least vulnerable applicant); other dwellings
go to newcomers from the general market. Together with selective leaving
this is the 'vervalspiraal' of the Aedes/Circusvis resilience concept.
Singles are also joined by partners from outside (moving in together).
Newcomers' traits are drawn like the 2021 population's (initial_state)."""

from __future__ import annotations

import numpy as np

from agents.schema import CORPORATION, EMPLOYED, OWNER, R_SINGLE, R_SINGLE_PARENT
from model import initial_state, levers
from model.mathutil import is_any, monthly_prob
from model.param_spec import PRIORS, Param, Prior
from model.processes.process import Process

# Parameters of this mechanism (assembled into the registry by model.params).
PARAMETERS: tuple[Param, ...] = (
    Param(
        "mig.move_out",
        0.06,
        0.04,
        0.10,
        "per household per year",
        "Baseline move-out of households",
        f"derived: Heerlen-Noord analogue ({PRIORS} mig.inflow_rate)",
        prior=Prior("truncnorm", 0.06, 0.015000000000000001),
        calibrate=True,
    ),
    Param(
        "mig.tipping_livability",
        6.5,
        5.5,
        7.0,
        "livability grade (1-10)",
        "Livability below which those who can leave become more likely to move",
        "assumption: RIGO 2011 tipping points lie where livability is still 'positive'",
    ),
    Param(
        "mig.leave_hazard_multiplier_below_tippingpoint",
        1.5,
        1.2,
        2.0,
        "ratio",
        "Move-out multiplier below the tipping point",
        f"{PRIORS} mig.leave_hazard_multiplier_below_tippingpoint (direction: RIGO 2011)",
        prior=Prior("truncnorm", 1.5, 0.2),
    ),
    Param(
        "mig.resourceful_multiplier",
        1.3,
        1.0,
        2.0,
        "ratio",
        "Move-out of employed, non-vulnerable households relative to others",
        "assumption: selective migration (SCP, Permentier et al.: leavers are social risers)",
    ),
    Param(
        "mig.owner_multiplier",
        0.5,
        0.3,
        1.0,
        "ratio",
        "Move-out of owner-occupiers relative to tenants",
        "assumption: owners move less often",
    ),
    Param(
        "mig.newcomer_vulnerable_share",
        0.40,
        0.30,
        0.50,
        "share of corporation newcomers",
        "Vulnerable households among applicants for corporation dwellings",
        f"Aedes 2021 (43% lowest incomes), Heerlen in-movers ({PRIORS})",
        prior=Prior("truncnorm", 0.4, 0.05),
    ),
    Param(
        "mig.newcomer_vulnerable_share_private",
        0.10,
        0.0,
        0.3,
        "share of other newcomers",
        "Vulnerable households among newcomers to private-rent and owner dwellings",
        "assumption",
    ),
    Param(
        "alloc.screening",
        0.0,
        0.0,
        1.0,
        "share of lettings",
        "Corporation lettings where the least vulnerable of the applicant pool is chosen "
        "(policy lever; 0 = first in line)",
        "assumption: baseline letting by waiting time",
        role="policy",
    ),
    Param(
        "alloc.pool_size",
        5.0,
        1.0,
        20.0,
        "applicants",
        "Applicants considered per corporation vacancy",
        "assumption",
    ),
    Param(
        "alloc.vacancy_months",
        2.0,
        1.0,
        6.0,
        "months",
        "Mean time a vacant dwelling stays empty",
        "assumption",
    ),
    Param(
        "demo.partnering",
        0.04,
        0.02,
        0.08,
        "per single adult 20-60 per year",
        "A single adult (or single parent) is joined by a partner from outside the buurt",
        "assumption: balances separations; CBS: many separated people re-partner within years",
    ),
)


def move_out_rate(m) -> np.ndarray:
    p, hh, dw = m.p, m.households, m.dwellings
    nh = hh.size
    area = np.maximum(hh.area[:nh], 0)
    below = m.nbh.livability[area] < p.mig.tipping_livability
    employed = m.household_any(m.residents.work == EMPLOYED)
    resourceful = employed & ~hh.vulnerable[:nh]
    owner = dw.tenure[np.maximum(hh.dwelling[:nh], 0)] == OWNER
    rate = (
        p.mig.move_out
        * np.where(below & resourceful, p.mig.leave_hazard_multiplier_below_tippingpoint, 1.0)
        * np.where(resourceful, p.mig.resourceful_multiplier, 1.0)
        * np.where(owner, p.mig.owner_multiplier, 1.0)
    )
    return rate / m.move_out_norm


def newcomer_vulnerable(m, tenure: np.ndarray, area: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Whether the household chosen for each vacancy is vulnerable.

    Corporation lettings draw ``alloc.pool_size`` applicants, each vulnerable
    with the applicant-pool share; with screening the least vulnerable wins,
    otherwise the first in line."""
    p = m.p
    share_corp = p.mig.newcomer_vulnerable_share
    pool = max(int(round(p.alloc.pool_size)), 1)
    screening = levers.at(m, "alloc_screening", area)
    screening = np.where(np.isnan(screening), p.alloc.screening, screening)
    screened = u[1] < screening
    p_corp = np.where(screened, share_corp**pool, share_corp)
    prob = np.where(tenure == CORPORATION, p_corp, p.mig.newcomer_vulnerable_share_private)
    return u[0] < prob


def _move_out(m, u: np.ndarray) -> None:
    hh = m.households
    nh = hh.size
    leave = np.flatnonzero(hh.alive[:nh] & (u < monthly_prob(move_out_rate(m))))
    m.remove_households(leave, "moved_out")


def _let_vacancies(m, u: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    dw = m.dwellings
    nd = dw.size
    vacant = dw.alive[:nd] & (dw.occupant[:nd] < 0)
    let = np.flatnonzero(vacant & (u[0] < monthly_prob(12.0 / m.p.alloc.vacancy_months)))
    vulnerable = newcomer_vulnerable(m, dw.tenure[let], dw.area[let], u[1:, let])
    return m.add_newcomers(let, vulnerable, rng)


def _partnering(m, u: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Singles and single parents aged 20-60 are joined by a partner from outside."""
    res = m.residents
    n = res.size
    age = res.age[:n]
    single = (
        res.alive[:n] & is_any(res.role[:n], (R_SINGLE, R_SINGLE_PARENT)) & (age >= 20) & (age < 60)
    )
    found = np.flatnonzero(single & (u < monthly_prob(m.p.demo.partnering)))
    partners = m.add_partners(found, rng)
    m.refresh_households(np.unique(res.hh[found]))
    return partners


def step(m) -> None:
    rng = m.streams["mobility"]
    u_hh = rng.random(m.households.size)
    u_dw = rng.random((3, m.dwellings.size))
    _move_out(m, u_hh)
    hs, rs = _let_vacancies(m, u_dw, rng)
    u_res = rng.random(m.residents.size)
    partners = _partnering(m, u_res, rng)
    initial_state.init_arrivals(m, hs, rs, partners, rng)


def setup(m) -> None:
    m.move_out_norm = 1.0


def init(m) -> None:
    """Normalise move-out so the 2021 mean equals mig.move_out; seed the moves log."""
    rate = move_out_rate(m)
    alive = m.households.alive[: m.households.size]
    m.move_out_norm = float(rate[alive].mean() / m.p.mig.move_out)
    n_hh = np.bincount(m.households.area[m.households.active()], minlength=len(m.areas))
    m.move_log[:] = np.round(n_hh * m.p.mig.move_out / 12.0).astype(np.int64)


PROCESS = Process("mobility", PARAMETERS, step, setup=setup, init=init)
