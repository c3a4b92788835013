"""Process 9, residential mobility: who wants to move, and whether within the city.
Households move at a base rate; below the livability tipping point those who
can (employed, not vulnerable) leave more often, owners less. A share of the
movers leaves Maastricht; the others join the city's housing market
(``housing``: the corporation queue or the private market) and keep their home
until they get another. Young adults leaving home and partners after a
separation do the same as persons. With the allocation in ``housing`` this
is the 'vervalspiraal' of the Aedes/Circusvis resilience concept. Singles are
also joined by partners from outside (moving in together); their traits are
drawn like the 2021 population's (initial_state)."""

from __future__ import annotations

import numpy as np

from agents.schema import EMPLOYED, OWNER, R_SINGLE, R_SINGLE_PARENT
from model import initial_state
from model.mathutil import is_any, monthly_prob
from model.param_spec import PRIORS, Param, Prior
from model.processes import housing
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
        "mig.young_multiplier",
        3.0,
        2.0,
        5.0,
        "ratio",
        "Moving of households whose adults are under 35 on average, relative to 35-64",
        "assumption: the shape of CBS moving rates by age (people in their twenties move "
        "several times as often as people in mid-life); newcomers are drawn alike",
    ),
    Param(
        "mig.old_multiplier",
        0.5,
        0.3,
        0.8,
        "ratio",
        "Moving of households whose adults are 65 or older on average, relative to 35-64",
        "assumption: the shape of CBS moving rates by age",
    ),
    Param(
        "mig.leave_city_share",
        0.4,
        0.25,
        0.55,
        "share of moving households",
        "Moving households that leave Maastricht; the others move within the city",
        "assumption: most moves of a city's households stay within it; CBS StatLine "
        "'verhuisde personen' would give the Maastricht figure",
    ),
    Param(
        "mig.starter_leave_city",
        0.5,
        0.3,
        0.7,
        "share of young adults leaving home and of partners after a separation",
        "Those forming a household of their own who do so outside Maastricht",
        "assumption: many young adults leave for study or work elsewhere",
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


def age_multiplier(p, adult_age: np.ndarray) -> np.ndarray:
    """Relative moving rate of a household by the mean age of its adults."""
    return np.where(
        adult_age < 35, p.mig.young_multiplier, np.where(adult_age >= 65, p.mig.old_multiplier, 1.0)
    )


def newcomer_weights(m, pop) -> np.ndarray:
    """Weights of a buurt's 2021 households as templates for newcomers: those who move
    in resemble those who move (by age), so migration does not age or rejuvenate it."""
    adult = pop.person_age >= 18
    n = pop.hh_kind.size
    total = np.bincount(pop.person_hh, weights=pop.person_age * adult, minlength=n)
    count = np.bincount(pop.person_hh, weights=adult, minlength=n)
    w = age_multiplier(m.p, total / np.maximum(count, 1))
    return w / w.sum()


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
        * age_multiplier(p, m.household_mean(m.residents.age, adults_only=True))
    )
    return rate / m.move_out_norm


def _move_out(m, u: np.ndarray) -> None:
    """Households decide to move: some leave the city, the others look for a home in
    it (``housing``); those already looking do not decide again."""
    hh = m.households
    nh = hh.size
    looking = housing.searching_households(m)
    movers = np.flatnonzero(hh.alive[:nh] & ~looking & (u[0, :nh] < monthly_prob(move_out_rate(m))))
    leave = u[1, movers] < m.p.mig.leave_city_share
    m.remove_households(movers[leave], "left_city")
    housing.register_households(m, movers[~leave])


def leave_or_search(m, rs: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Residents forming a household of their own: some leave the city (returned,
    already removed), the others search a home in it and stay where they are meanwhile."""
    leave = u < m.p.mig.starter_leave_city
    gone = rs[leave]
    hh_of = np.unique(m.residents.hh[gone])
    m.remove_residents(gone, "left_city")
    m.refresh_households(hh_of)
    housing.register_people(m, rs[~leave])
    return gone


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
    _move_out(m, rng.random((2, m.households.size)))
    u_res = rng.random(m.residents.size)
    partners = _partnering(m, u_res, rng)
    empty = np.empty(0, dtype=np.int64)
    initial_state.init_arrivals(m, empty, empty, partners, rng)


def setup(m) -> None:
    m.move_out_norm = 1.0


def init(m) -> None:
    """Normalise move-out so the 2021 mean equals mig.move_out; seed the moves log."""
    m.template_weights = [newcomer_weights(m, pop) for pop in m.templates]
    rate = move_out_rate(m)
    alive = m.households.alive[: m.households.size]
    m.move_out_norm = float(rate[alive].mean() / m.p.mig.move_out)
    n_hh = np.bincount(m.households.area[m.households.active()], minlength=len(m.areas))
    m.move_log[:] = np.round(n_hh * m.p.mig.move_out / 12.0).astype(np.int64)


PROCESS = Process("mobility", PARAMETERS, step, setup=setup, init=init)
