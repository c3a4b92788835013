"""ResilienceModel: Nazareth, Pottenberg (or any Maastricht buurten) as a Mesa model.

State lives in column tables (``residents``, ``households``, ``dwellings``,
``nbh``); the eleven monthly processes in ``model/processes`` update them with
vectorised NumPy; Resident, Household, Organisation and Neighbourhood are
registered Mesa agents for selection, grouping, inspection and drawing.
All randomness comes from ``model.rng``: each process draws from its own
child generator spawned from it, so a change in one process does not shift
the random numbers of another (common random numbers across scenarios).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import mesa
import numpy as np

from agents import Columns, Household, Neighbourhood, Organisation, Resident
from agents.labels import code_label
from agents.neighbourhood import NEIGHBOURHOOD_SCHEMA
from agents.organisation import CASE_KINDS, ORGANISATION_KINDS
from agents.schema import (
    COUPLE,
    COUPLE_KIDS,
    DWELLING_SCHEMA,
    HOUSEHOLD_SCHEMA,
    NO_SERVICE,
    OTHER,
    R_CHILD,
    R_OTHER,
    R_PARENT,
    R_PARTNER,
    R_SINGLE,
    R_SINGLE_PARENT,
    RESIDENT_SCHEMA,
    SINGLE,
    SINGLE_PARENT,
    UNEMPLOYED,
)
from model import initial_state, levers, timeline, views
from model.indicators import IndicatorRecorder
from model.inputs import Inputs, load_inputs
from model.inputs.areas import resolve_areas
from model.mathutil import in_slots, is_any
from model.network import TieNetwork
from model.param_spec import typed
from model.params import check_reads, resolve
from model.processes import PROCESSES, START_ORDER, housing, services, stress
from model.scales import HIGH_DISTRESS, POOR_HEALTH, SEVERELY_LONELY

# Who enters and leaves each buurt, in persons (``flows``) and households (``hh_flows``).
# The only exits from the city are death and leaving Maastricht; ``to_rest_of_city`` leaves
# the simulation for a buurt that is not simulated (none in a run of the whole city).
PERSON_IN = ("born", "arrived", "moved_in")
PERSON_OUT = ("died", "left_city", "to_rest_of_city", "moved_out")
HOUSEHOLD_IN = ("formed", "arrived", "moved_in")
HOUSEHOLD_OUT = ("dissolved", "left_city", "to_rest_of_city", "moved_out")
EXITS = ("died", "left_city", "to_rest_of_city")


@dataclass(frozen=True)
class TemplateIndex:
    """A buurt's 2021 households as templates for newcomers, sorted once: members by
    household, household sizes, and the cumulative weights of choosing each."""

    order: np.ndarray
    sorted_hh: np.ndarray
    sizes: np.ndarray
    cdf: np.ndarray

    @classmethod
    def of(cls, pop, weights: np.ndarray) -> TemplateIndex:
        order = np.argsort(pop.person_hh, kind="stable")
        cdf = np.asarray(weights, dtype=np.float64).cumsum()
        cdf /= cdf[-1]
        return cls(
            order=order,
            sorted_hh=pop.person_hh[order],
            sizes=np.bincount(pop.person_hh, minlength=pop.hh_kind.size),
            cdf=cdf,
        )

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Template households chosen with the weights: what
        ``rng.choice(len(weights), size, p=weights)`` returns, without checking and
        summing the weights at every call (the same draws from the stream)."""
        return self.cdf.searchsorted(rng.random(size), side="right").astype(np.int64)


class ResilienceModel(mesa.Model):
    """Monthly model of resident and buurt resilience.

    Args:
        areas: CBS codes or names ("nazareth", "BU09350203"), a comma-separated
            string, or "all"; default the two focus buurten.
        params: overrides of the parameter registry (``model.params``).
        inputs: what the model starts from (``model.inputs.load_inputs``); default the
            shipped data for ``areas``. Give either ``areas`` or ``inputs``.
        rng: seed (int) for Mesa's ``rng``; same seed, same results.
        policy: a scenario whose ``apply(model)`` sets the levers every month and
            returns the month's cost per intervention and buurt; None = baseline.
    """

    def __init__(
        self,
        areas: str | Sequence[str] | None = None,
        params: Mapping[str, float] | None = None,
        rng: int | None = None,
        policy=None,
        inputs: Inputs | None = None,
    ) -> None:
        super().__init__(rng=rng)
        if inputs is None:
            inputs = load_inputs(areas)
        elif areas is not None and tuple(a.code for a in resolve_areas(areas)) != inputs.codes:
            raise ValueError("give the buurten either as areas or in inputs, not both")
        self.inputs = inputs
        self.policy = policy  # a scenario (scenarios.Scenario) or None for the baseline
        if hasattr(policy, "reset"):
            policy.reset()
        self.month_costs: dict[str, np.ndarray] = {}
        self.areas = list(inputs.areas)
        self.param_values = resolve(params)  # by name, for manifests and records
        check_reads(self.param_values)
        self.p = typed(self.param_values)  # typed reads: m.p.stress.w_debt
        self.month = 0
        names = [process.name for process in PROCESSES] + ["init"]
        self.streams = dict(zip(names, self.rng.spawn(len(names)), strict=True))
        self.levers = levers.neutral()
        n_people = sum(a.population for a in self.areas)
        n_hh = sum(a.households for a in self.areas)
        self.residents = Columns(RESIDENT_SCHEMA, int(n_people * 1.1))
        self.households = Columns(HOUSEHOLD_SCHEMA, int(n_hh * 1.1))
        self.dwellings = Columns(DWELLING_SCHEMA, int(n_hh * 1.1))
        self.nbh = Columns(NEIGHBOURHOOD_SCHEMA, len(self.areas))
        self.nbh.add(len(self.areas))
        self.network = TieNetwork()
        self.templates: list = []
        self.alignment: dict[int, dict[str, float]] = {}
        k = len(self.areas)
        self.flows = {f: np.zeros(k, dtype=np.int64) for f in PERSON_IN + PERSON_OUT}
        self.hh_flows = {f: np.zeros(k, dtype=np.int64) for f in HOUSEHOLD_IN + HOUSEHOLD_OUT}
        self.moves = np.zeros((k, k), dtype=np.int64)  # persons from buurt i to buurt j
        # left the city since the programme start: per buurt, and of the people followed
        self.left_city: list = [np.zeros(k, dtype=np.int64), 0]
        self.hh_moves = np.zeros((k, k), dtype=np.int64)  # households, same
        self.move_log = np.zeros((12, len(self.areas)), dtype=np.int64)
        self.noise_sd: dict[str, float] = {}
        self.transient_sd: dict[str, float] = {}
        self.view_rows = views.Rows([a.code for a in self.areas])
        for process in PROCESSES:
            process.setup(self)

        initial_state.build(self)
        self.flows_initial = np.bincount(
            self.residents.area[self.residents.active()], minlength=len(self.areas)
        )
        self.hh_flows_initial = np.bincount(
            self.households.area[self.households.active()], minlength=len(self.areas)
        )
        for process in START_ORDER:
            process.init(self)
        # Resident and household agents are made when asked for (see "Mesa agents").
        self._res_agents: dict[int, Resident] = {}
        self._hh_agents: dict[int, Household] = {}
        self.neighbourhoods = [Neighbourhood(self, i) for i in range(len(self.areas))]
        self.organisations = [
            Organisation(self, kind, ai, int(self.capacity[ai, kind]) if kind in CASE_KINDS else 0)
            for ai in range(len(self.areas))
            for kind in range(len(ORGANISATION_KINDS))
        ]
        self.case_organisations = [o for o in self.organisations if o.takes_cases]
        services.report(self)
        self.recorder = IndicatorRecorder(self)
        self.recorder.record()

    # ------------------------------------------------------------------ time
    def step(self) -> None:
        """One month: the eleven processes in order, then agents and indicators."""
        lap = self._lap
        self.move_log[self.month % 12] = 0
        self.levers = levers.neutral()
        self.month_costs = self.policy.apply(self) if self.policy is not None else {}
        lap("policy")
        for process in PROCESSES:
            process.step(self)
            lap(process.name)
        self.month += 1
        if self.month == views.PROGRAMME_MONTH:
            views.mark_cohort(self)
        self.refresh_tie_counts()
        services.report(self)
        lap("tie counts, caseload report")
        self.recorder.record()
        lap("indicators")

    _lap = staticmethod(lambda part: None)  # a step's parts untimed, unless time_parts()

    def time_parts(self) -> dict[str, float]:
        """From now on, add the wall seconds of each part of a month (policy, every
        process, indicators) to the returned dict; for the benchmark's profile, which
        must show where a month goes without a profiler's own overhead."""
        seconds: dict[str, float] = {}
        clock = time.perf_counter
        last = [clock()]

        def lap(part: str) -> None:
            now = clock()
            seconds[part] = seconds.get(part, 0.0) + now - last[0]
            last[0] = now

        def step_timed(step=self.step) -> None:
            last[0] = clock()
            step()

        self._lap = lap
        self.step = step_timed
        return seconds

    def refresh_tie_counts(self) -> None:
        """Ties of people who left are gone; keep everyone's count in step."""
        n = self.residents.size
        self.residents.ties[:n] = self.network.degree(n)

    def run_months(self, months: int, progress=None) -> None:
        for _ in range(months):
            self.step()
            if progress is not None:
                progress()

    @property
    def date(self) -> str:
        """Current month as YYYY-MM."""
        return timeline.month_label(self.month)

    # ------------------------------------------------------------------ household helpers
    def household_any(self, column: np.ndarray) -> np.ndarray:
        """Per household slot: does any living member have ``column`` true (a flag per
        resident slot; a number counts as true when above zero)?"""
        res, nh = self.residents, self.households.size
        n = res.size
        flag = column[:n] if column.dtype == np.bool_ else column[:n] > 0
        out = np.zeros(nh, dtype=bool)
        out[res.hh[:n][flag & res.alive[:n]]] = True
        return out

    def household_mean(self, column: np.ndarray, adults_only: bool = False) -> np.ndarray:
        res, nh = self.residents, self.households.size
        idx = res.active()
        if adults_only:
            idx = idx[res.age[idx] >= 18]
        total = np.bincount(res.hh[idx], weights=column[idx], minlength=nh)[:nh]
        count = np.bincount(res.hh[idx], minlength=nh)[:nh]
        return np.where(count > 0, total / np.maximum(count, 1), 0.0)

    def first_adult(self) -> np.ndarray:
        """Per household slot, the slot of its first adult member (-1 if none)."""
        res, nh = self.residents, self.households.size
        idx = res.active()
        idx = idx[res.age[idx] >= 18]
        first = np.full(nh, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, res.hh[idx], idx)
        return np.where(first == np.iinfo(np.int64).max, -1, first)

    def refresh_households(self, hh_slots: np.ndarray) -> None:
        """Recompute kind and roles after people joined or left; households left
        without adults dissolve (their children move to family elsewhere)."""
        hh_slots = np.unique(hh_slots)
        hh_slots = hh_slots[self.households.alive[hh_slots]]
        if hh_slots.size == 0:
            return
        res, hh = self.residents, self.households
        selected = np.zeros(hh.size, dtype=bool)
        selected[hh_slots] = True
        n = res.size
        idx = np.flatnonzero(res.alive[:n] & selected[np.maximum(res.hh[:n], 0)])
        nh = hh.size
        adult_role = is_any(
            res.role[idx], (R_PARTNER, R_PARENT, R_SINGLE, R_SINGLE_PARENT, R_OTHER)
        )
        partners = np.bincount(
            res.hh[idx], weights=is_any(res.role[idx], (R_PARTNER, R_PARENT)), minlength=nh
        )
        heads = np.bincount(res.hh[idx], weights=adult_role, minlength=nh)
        kids = np.bincount(res.hh[idx], weights=res.role[idx] == R_CHILD, minlength=nh)
        members = np.bincount(res.hh[idx], minlength=nh)
        orphaned = hh_slots[(heads[hh_slots] == 0) & (members[hh_slots] > 0)]
        empty = hh_slots[members[hh_slots] == 0]
        np.add.at(self.hh_flows["dissolved"], self.households.area[empty], 1)
        self._vacate(empty)
        # children left without an adult go to family, taken to live outside the city
        self.remove_households(orphaned, "left_city")
        for h in (empty, orphaned):
            hh_slots = np.setdiff1d(hh_slots, h)
        couple = partners[hh_slots] >= 2
        with_kids = kids[hh_slots] > 0
        other = (heads[hh_slots] >= 2) & ~couple
        kind = np.where(
            couple,
            np.where(with_kids, COUPLE_KIDS, COUPLE),
            np.where(other, OTHER, np.where(with_kids, SINGLE_PARENT, SINGLE)),
        )
        hh.kind[hh_slots] = kind
        kind_of = np.full(nh, -1)
        kind_of[hh_slots] = kind
        k = kind_of[res.hh[idx]]
        adult = adult_role & (k >= 0)
        role = res.role[idx]
        role = np.where(adult & (k == COUPLE), R_PARTNER, role)
        role = np.where(adult & (k == COUPLE_KIDS), R_PARENT, role)
        role = np.where(adult & (k == SINGLE), R_SINGLE, role)
        role = np.where(adult & (k == SINGLE_PARENT), R_SINGLE_PARENT, role)
        res.role[idx] = role

    # ------------------------------------------------------------------ entries and exits
    def remove_residents(self, slots: np.ndarray, cause: str) -> None:
        """People leave the model: they died, left the city or (a run of some buurten)
        moved to a buurt not simulated. A close tie with someone who moved lives on as
        a tie outside the simulation (it may then lapse like other ties); a death ends it."""
        slots = np.asarray(slots, dtype=np.int64)
        if slots.size == 0:
            return
        if cause not in EXITS:
            raise ValueError(f"unknown exit {cause!r}; exits are {EXITS}")
        np.add.at(self.flows[cause], self.residents.area[slots], 1)
        if cause == "left_city" and self.month >= views.PROGRAMME_MONTH:
            np.add.at(self.left_city[0], self.residents.area[slots], 1)
            self.left_city[1] += int(self.residents.cohort[slots].sum())
        stayers = self.network.drop_people(slots)
        if cause != "died":
            np.add.at(self.residents.ext_ties, stayers, 1)
        self.residents.remove(slots)
        self.refresh_tie_counts()

    def remove_households(self, hh_slots: np.ndarray, cause: str) -> None:
        """Whole households leave the city (or the simulation); their dwellings fall vacant."""
        hh_slots = np.asarray(hh_slots, dtype=np.int64)
        if hh_slots.size == 0:
            return
        res = self.residents
        idx = res.active()
        members = idx[in_slots(res.hh[idx], hh_slots)]
        self.remove_residents(members, cause)
        np.add.at(self.hh_flows[cause], self.households.area[hh_slots], 1)
        np.add.at(self.move_log[self.month % 12], self.households.area[hh_slots], 1)
        self._vacate(hh_slots)

    def _vacate(self, hh_slots: np.ndarray) -> None:
        """Households that no longer exist here: their dwellings fall vacant."""
        if hh_slots.size == 0:
            return
        housing.note_departures(self, hh_slots)
        dw = self.households.dwelling[hh_slots]
        self.dwellings.occupant[dw] = -1
        self.dwellings.vacant_since[dw] = self.month
        self.households.remove(hh_slots)

    def relocate_households(self, hh_slots: np.ndarray, dwellings: np.ndarray) -> None:
        """Households move to other dwellings in the simulated city, with their members,
        ties and histories; the old dwellings fall vacant."""
        hh_slots = np.asarray(hh_slots, dtype=np.int64)
        if hh_slots.size == 0:
            return
        hh, dw, res = self.households, self.dwellings, self.residents
        old_dw = hh.dwelling[hh_slots].astype(np.int64)
        old_area = hh.area[hh_slots].astype(np.int64)
        new_area = dw.area[dwellings].astype(np.int64)
        np.add.at(self.move_log[self.month % 12], old_area, 1)
        dw.occupant[old_dw] = -1
        dw.vacant_since[old_dw] = self.month
        dw.occupant[dwellings] = hh_slots
        hh.dwelling[hh_slots] = dwellings
        hh.moved_in[hh_slots] = self.month
        self._count_moves(self.hh_moves, self.hh_flows, old_area, new_area)
        hh.area[hh_slots] = new_area
        idx = res.active()
        members = idx[in_slots(res.hh[idx], hh_slots)]
        area_of = np.zeros(hh.size, dtype=np.int64)
        area_of[hh_slots] = new_area
        self._count_moves(self.moves, self.flows, res.area[members], area_of[res.hh[members]])
        res.area[members] = area_of[res.hh[members]]

    def move_people(self, slots: np.ndarray, hh_slots: np.ndarray) -> None:
        """Residents join other households (already placed), wherever they are."""
        res = self.residents
        new_area = self.households.area[hh_slots]
        self._count_moves(self.moves, self.flows, res.area[slots], new_area)
        res.hh[slots] = hh_slots
        res.area[slots] = new_area

    @staticmethod
    def _count_moves(matrix: np.ndarray, flows: dict, old: np.ndarray, new: np.ndarray) -> None:
        old, new = np.asarray(old, np.int64), np.asarray(new, np.int64)
        np.add.at(matrix, (old, new), 1)
        across = old != new
        np.add.at(flows["moved_out"], old[across], 1)
        np.add.at(flows["moved_in"], new[across], 1)

    def add_newcomers(
        self, dwellings: np.ndarray, vulnerable: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """Let vacant dwellings to households from outside (the city, or the simulation),
        modelled on the buurt's own 2021 households (composition and ages, give or take
        three years). Returns
        the new household and resident slots; their traits are drawn by
        ``initial_state.init_arrivals``."""
        dw = self.dwellings
        area = dw.area[dwellings].astype(np.int64)
        template = np.zeros(dwellings.size, dtype=np.int64)
        for ai in np.unique(area):
            sel = area == ai
            template[sel] = self._template_index(ai).draw(int(sel.sum()), rng)
        hs = self.households.add(
            dwellings.size,
            area=area,
            dwelling=dwellings,
            vulnerable=vulnerable,
            moved_in=self.month,
        )
        members, owner = [], []
        for ai in np.unique(area):
            pop, sel = self.templates[ai], np.flatnonzero(area == ai)
            self.households.kind[hs[sel]] = pop.hh_kind[template[sel]]
            self.households.background[hs[sel]] = pop.hh_background[template[sel]]
            index = self._template_index(ai)
            order = index.order
            starts = np.searchsorted(index.sorted_hh, template[sel])
            sizes = index.sizes[template[sel]]
            offsets = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            members.append((ai, order[np.repeat(starts, sizes) + offsets]))
            owner.append(np.repeat(hs[sel], sizes))
        rs_parts = []
        for (ai, persons), hh_of in zip(members, owner, strict=True):
            pop = self.templates[ai]
            ages = np.clip(pop.person_age[persons] + rng.uniform(-3, 3, persons.size), 0, 100)
            rs_parts.append(
                self.residents.add(
                    persons.size,
                    area=ai,
                    hh=hh_of,
                    age=ages,
                    role=pop.person_role[persons],
                    female=pop.person_female[persons],
                    background=pop.person_background[persons],
                )
            )
            np.add.at(self.flows["arrived"], ai, persons.size)
        np.add.at(self.hh_flows["arrived"], area, 1)
        dw.occupant[dwellings] = hs
        rs = np.concatenate(rs_parts) if rs_parts else np.empty(0, dtype=np.int64)
        return hs, rs

    def _template_index(self, ai: int) -> TemplateIndex:
        """The buurt's template households sorted once (the templates do not change)."""
        cache = self.__dict__.setdefault("_template_indices", {})
        weights = self.template_weights[ai]
        if ai not in cache or cache[ai][0] is not weights:
            cache[ai] = (weights, TemplateIndex.of(self.templates[ai], weights))
        return cache[ai][1]

    def add_babies(self, mothers: np.ndarray, rng: np.random.Generator) -> None:
        res = self.residents
        rs = res.add(
            mothers.size,
            area=res.area[mothers],
            hh=res.hh[mothers],
            age=0.0,
            role=R_CHILD,
            female=rng.random(mothers.size) < 0.49,
            background=res.background[mothers],
        )
        for name in ("distress", "control", "health", "lonely", "trust", "influence"):
            getattr(res, name)[rs] = getattr(res, name)[mothers]
            getattr(res, f"{name}_base")[rs] = getattr(res, name)[mothers]
        res.health[rs] = res.health_base[rs] = 4.0
        initial_state.tie_traits(self, rs, rng)
        np.add.at(self.flows["born"], res.area[rs], 1)

    def add_partners(self, singles: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A partner from outside the buurt moves in with each given single
        (structure only; traits by ``initial_state.init_arrivals``)."""
        res = self.residents
        rs = res.add(
            singles.size,
            area=res.area[singles],
            hh=res.hh[singles],
            age=np.clip(res.age[singles] + rng.normal(0, 3, singles.size), 18, 90),
            role=np.where(res.role[singles] == R_SINGLE, R_PARTNER, R_PARENT),
            female=~res.female[singles],
            background=res.background[singles],
        )
        np.add.at(self.flows["arrived"], res.area[rs], 1)
        return rs

    def draw_wages(self, slots: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return initial_state.draw_wages(self, slots, rng)

    def pension_per_person(self, slots: np.ndarray) -> np.ndarray:
        return initial_state.pension_per_person(self, slots)

    def moves_out_last_year(self) -> np.ndarray:
        return self.move_log.sum(axis=0).astype(float)

    # ------------------------------------------------------------------ Mesa agents
    # The monthly loop works on the columns alone. A resident's or household's Mesa agent
    # is made when it is asked for (inspection, or the AgentSet API through ``agents`` and
    # ``agents_by_type``), so thousands of agents are not re-synced every month.
    @property
    def agents(self):
        self.sync_agents()
        return super().agents

    @property
    def agents_by_type(self):
        self.sync_agents()
        return super().agents_by_type

    def sync_agents(self) -> None:
        """One agent per living resident and household: detach the agents of people and
        households that left (their slot may hold someone else now), add the missing."""
        for table, agents, cls in (
            (self.residents, self._res_agents, Resident),
            (self.households, self._hh_agents, Household),
        ):
            if agents:
                slots = np.fromiter(agents, dtype=np.int64, count=len(agents))
                serials = np.fromiter(
                    (a.serial for a in agents.values()), dtype=np.int64, count=len(agents)
                )
                gone = ~table.alive[slots] | (table.serial[slots] != serials)
                for s in slots[gone].tolist():
                    agents.pop(s).detach()
            live = table.active()
            known = np.fromiter(agents, dtype=np.int64, count=len(agents))
            for s in live[~np.isin(live, known)].tolist():
                agents[s] = cls(self, s)

    def _agent(self, table, agents: dict, cls: type, slot: int):
        slot = int(slot)
        agent = agents.get(slot)
        if agent is not None and agent.present:
            return agent
        if agent is not None:
            agents.pop(slot).detach()
        if not (0 <= slot < table.size and table.alive[slot]):
            raise KeyError(f"no living {cls.__name__.lower()} in slot {slot}")
        agents[slot] = agent = cls(self, slot)
        return agent

    def resident_agent(self, slot: int) -> Resident:
        return self._agent(self.residents, self._res_agents, Resident, slot)

    def household_agent(self, slot: int) -> Household:
        return self._agent(self.households, self._hh_agents, Household, slot)

    def problems_of(self, slots: np.ndarray, lang: str = "en") -> list[list[str]]:
        """Plain-language problem lists for residents (for inspection), in ``lang``
        (labels of agents.labels)."""
        res, hh = self.residents, self.households
        h = res.hh[slots]
        checks = (
            ("problematic_debt", hh.debt[h]),
            ("payment_arrears", hh.arrears[h] & ~hh.debt[h]),
            ("unemployed", res.work[slots] == UNEMPLOYED),
            ("poor_health", res.health[slots] < POOR_HEALTH),
            ("high_distress", res.distress[slots] >= HIGH_DISTRESS),
            ("severely_lonely", res.lonely[slots] >= SEVERELY_LONELY),
            ("waiting_for_help", res.waiting[slots] != NO_SERVICE),
        )
        words = {code: code_label("problem", code, lang) for code, _ in checks}
        return [[words[code] for code, flag in checks if flag[i]] for i in range(len(slots))]

    @property
    def stress_load(self) -> np.ndarray:
        return stress.stress_load(self)
