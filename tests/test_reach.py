"""Interventions act only through the people they reach (evidence audit).

No intervention writes a buurt indicator: buurt-wide levers are only capacities and
rates of services that people in need then use; person and household levers change
only for the residents the programme reached in that month, and those are among the
eligible. Early debt signalling contacts no more households than the signal flow.
"""

from __future__ import annotations

import numpy as np
import pytest

from model import levers
from model.resilience_model import ResilienceModel
from scenarios import CATALOGUE, Scenario

# Buurt-wide levers an intervention may set: capacities and rates of services (the
# indicator then follows from who uses them), and the corporation's letting policy.
SERVICE_LEVERS = {"extra_capacity", "outreach_rate", "shv_dropout_multiplier", "alloc_screening"}
MONTHS = 30  # the programmes start in 2022-01 (month 7): 23 months with the programme


def test_no_lever_shifts_a_buurt_indicator():
    area_offsets = [
        name
        for name, (scope, _, _) in levers.LEVERS.items()
        if scope in ("area", "service") and name.endswith("_offset")
    ]
    assert area_offsets == []
    assert "trust_offset" not in levers.LEVERS  # trust follows from influence and help


def _changed(model, name: str) -> np.ndarray:
    value = model.levers[name]
    if not isinstance(value, np.ndarray):
        return np.empty(0, dtype=np.int64)
    return np.flatnonzero(value != levers.LEVERS[name][1])


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_levers_change_only_for_those_reached(key):
    programme = CATALOGUE[key](start="2022-01")
    scenario = Scenario(name=key, label_nl=key, label_en=key, interventions={key: programme})
    model = ResilienceModel(rng=4, policy=scenario)
    reached_any = 0
    for _ in range(MONTHS):
        model.run_months(1)
        reached = programme.reached
        assert np.isin(reached, programme.eligible).all(), "reached someone not eligible"
        reached_any += reached.size
        homes = programme.reached_households
        for name, (scope, _, _) in levers.LEVERS.items():
            changed = _changed(model, name)
            if not changed.size:
                continue
            if scope == "resident":
                assert np.isin(changed, reached).all(), name
            elif scope == "household":
                assert np.isin(changed, homes).all(), name
            else:
                assert name in SERVICE_LEVERS, f"{key} sets the buurt-wide lever {name}"
    if key not in ("debt_counselling_capacity", "outreach_social_work"):  # act via services
        assert reached_any > 0


def test_signalling_contacts_no_more_than_the_signal_flow():
    # debt-first's old 750 contacts a year were about 2.8 times the signal flow: now the
    # contacts are capped by the signals (arrears that began) whatever the capacity
    programme = CATALOGUE["early_debt_signalling"](start="2022-01", capacity=5000, fte=20)
    scenario = Scenario(name="s", label_nl="s", label_en="s", interventions={"s": programme})
    model = ResilienceModel(rng=4, policy=scenario)
    model.run_months(MONTHS)
    assert 0 < programme.contacts <= programme.signals
    # the statutory flow is about 4 signals per 1,000 residents a month (Divosa 2023);
    # the focus buurten have more arrears than the country: between 2 and 12 per 1,000
    residents = model.residents.alive[: model.residents.size].sum()
    per_1000 = 1000 * programme.signals / (MONTHS - 7) / residents
    assert 2.0 < per_1000 < 12.0, per_1000


def test_takeup_outreach_is_one_off():
    programme = CATALOGUE["benefit_takeup_outreach"](start="2022-01")
    scenario = Scenario(name="b", label_nl="b", label_en="b", interventions={"b": programme})
    model = ResilienceModel(rng=4, policy=scenario)
    seen: set[int] = set()
    for _ in range(MONTHS):
        model.run_months(1)
        hh = model.households
        serials = set(hh.serial[model.residents.hh[programme.reached]].tolist())
        assert not serials & seen, "a household was approached twice"
        seen |= serials
    assert seen


def test_every_effect_states_its_evidence_design_and_the_doc_is_current():
    from scenarios.base import DESIGNS
    from scenarios.evidence import DOC, evidence_markdown

    for key, cls in CATALOGUE.items():
        assert set(cls.DESIGN) == set(cls.EFFECTS), key
        assert set(cls.DESIGN.values()) <= set(DESIGNS), key
        for p in cls.EFFECTS.values():
            assert p.low <= p.default <= p.high, (key, p.name)
    assert DOC.read_text(encoding="utf-8") == evidence_markdown(), (
        "docs/interventions.md is out of date: run python -m scenarios.evidence"
    )
