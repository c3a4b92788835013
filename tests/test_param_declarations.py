"""Parameters are declared beside their mechanisms, with role and prior; the model reads
them typed, and calibration takes its fitted set and priors from the registry."""

from __future__ import annotations

import inspect
import sys
from types import SimpleNamespace

import pytest
from scipy import stats

import calibration.emulator as emulator
import model.params as registry
from calibration.abc_smc import prior
from calibration.plan import FITTED
from core.errors import InputError
from model import initial_state
from model.inputs import geometry, synthesis
from model.param_spec import ROLES, typed
from model.processes import PROCESSES
from model.resilience_model import ResilienceModel
from scenarios.interventions import CATALOGUE, cost_parameters

ALL = [*registry.REGISTRY, *cost_parameters()]
DECLARING = [
    synthesis,
    geometry,
    initial_state,
    emulator,
    *(sys.modules[p.step.__module__] for p in PROCESSES),
]


@pytest.mark.parametrize("param", ALL, ids=lambda p: p.name)
def test_parameter_has_unit_source_role_and_a_prior_inside_its_range(param):
    assert param.unit.strip() and param.source.strip() and param.description.strip()
    assert param.role in ROLES
    if param.role == "uncertain":
        assert param.prior is not None
        assert param.low <= param.center <= param.high
        kind, args = param.scipy_prior()
        assert getattr(stats, kind).pdf(param.center, *args) > 0


@pytest.mark.parametrize("module", DECLARING, ids=lambda m: m.__name__)
def test_each_name_is_written_out_where_it_is_declared(module):
    source = inspect.getsource(module)
    missing = [p.name for p in module.PARAMETERS if f'"{p.name}"' not in source]
    assert not missing
    assert all(p.name in registry.PARAMS for p in module.PARAMETERS)


@pytest.mark.parametrize("cls", CATALOGUE.values(), ids=lambda c: c.key)
def test_cost_parameters_are_written_out_beside_their_intervention(cls):
    source = inspect.getsource(cls)
    for p in cls.COSTS:
        assert f'"{p.name}"' in source
        assert getattr(cls, p.name.rsplit(".", 1)[1]) == p.default


def test_every_declaration_is_read_by_the_model():
    read = {name for name, _ in registry._model_reads()}
    survey = {p.name for p in emulator.PARAMETERS}
    assert set(registry.PARAMS) - survey == read


def test_typed_values_are_the_resolved_floats_and_read_only():
    values = registry.resolve({"stress.w_debt": 1.25})
    p = typed(values)
    assert p.stress.w_debt == 1.25 and type(p.stress.w_debt) is float
    assert p.nbh.adjust == registry.PARAMS["nbh.adjust"].default
    with pytest.raises(AttributeError, match="did you mean w_debt"):
        _ = p.stress.w_dbet
    with pytest.raises(AttributeError):
        p.stress.w_debt = 2.0


def test_typed_reads_are_found_in_source():
    text = "x = m.p.stress.w_debt + p.nbh.adjust * self.p.mig.move_out; np.sum; q.p"
    assert registry.typed_reads(text) == {"stress.w_debt", "nbh.adjust", "mig.move_out"}


def test_an_unknown_typed_name_fails_at_model_construction(monkeypatch):
    reads = registry._model_reads() | {("stress.w_dbet", "model.processes.stress")}
    monkeypatch.setattr(registry, "_model_reads", lambda: reads)
    with pytest.raises(InputError, match=r"stress\.w_dbet \(in model\.processes\.stress\)"):
        ResilienceModel(areas="nazareth", rng=1)


def test_unknown_override_fails_at_model_construction():
    with pytest.raises(InputError, match="unknown parameter"):
        ResilienceModel(areas="nazareth", params={"stress.w_dbet": 1.0}, rng=1)


def test_calibration_fits_the_parameters_marked_in_the_registry():
    assert tuple(p.name for p in registry.REGISTRY if p.calibrate) == FITTED
    assert set(FITTED) == {
        "debt.onset_given_arrears",
        "debt.exit",
        "takeup.hidden_claim_rate",
        "exit.bijstand_to_job",
        "event.job_loss",
        "event.expense_shock",
        "trust.helped_gain",
        "trust.adjust",
        "mig.move_out",
        "net.tie_dissolution_rate",
    }


def test_abc_prior_is_each_parameters_registry_prior():
    pytest.importorskip("pyabc")
    dist = prior(SimpleNamespace(parameters=FITTED))
    for name in FITTED:
        p = registry.PARAMS[name]
        kind, args = p.scipy_prior()
        for x in (p.low, p.center, p.high):
            assert dist[name].pdf(x) == pytest.approx(getattr(stats, kind).pdf(x, *args))
        assert dist[name].pdf(p.low - 1e-6) == 0 and dist[name].pdf(p.high + 1e-6) == 0
