"""The fast paths of the monthly loop give exactly what the plain NumPy formulation
they replaced gives (issue 'Speed': a faster kernel is tested against its formula)."""

from __future__ import annotations

import numpy as np
import pytest

from model.mathutil import member


@pytest.mark.parametrize("seed", range(5))
def test_member_is_np_isin(seed):
    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 2**40, size=rng.integers(0, 3000))
    values = np.concatenate(
        [rng.choice(pool, 200) if pool.size else [], rng.integers(0, 2**40, 300)]
    )
    values = rng.permutation(values.astype(np.int64))
    assert np.array_equal(member(values, pool), np.isin(values, pool))


def test_member_edges():
    assert member(np.array([], dtype=np.int64), np.array([1, 2])).shape == (0,)
    assert not member(np.array([5]), np.array([], dtype=np.int64)).any()
    assert member(np.array([0, 3, 9]), np.array([9, 9, 0])).tolist() == [True, False, True]


def test_household_any_is_the_bincount_formula():
    from model.resilience_model import ResilienceModel

    m = ResilienceModel(rng=3)
    m.run_months(3)
    res, nh = m.residents, m.households.size
    idx = res.active()
    for column in (res.lvb, res.age < 12, res.work == 1, (res.age >= 18) & (res.health < 5)):
        expected = np.bincount(res.hh[idx], weights=column[idx], minlength=nh)[:nh] > 0
        assert np.array_equal(m.household_any(column), expected)


def test_role_age_table_is_deterministic_so_it_may_be_kept():
    """The kept table is what a fresh fit gives (the fit draws no random numbers)."""
    from model.inputs.areas import resolve_areas
    from model.inputs.synthesis import _role_age_table, household_counts, role_counts

    for area in resolve_areas("all")[:6]:
        roles = role_counts(area, household_counts(area, 0.25, 0.1))
        key = (tuple(int(r) for r in roles), tuple(area.age_shares))
        first = _role_age_table.__wrapped__(*key)
        assert np.array_equal(first, _role_age_table.__wrapped__(*key))
        assert first.sum() == roles.sum()
        assert np.array_equal(first.sum(axis=1), roles)


@pytest.mark.parametrize("seed", range(4))
def test_template_draw_is_rng_choice(seed):
    """Newcomers' template households: the same draws as rng.choice(p=weights) and the
    stream left in the same state."""
    from types import SimpleNamespace

    from model.resilience_model import TemplateIndex

    rng = np.random.default_rng(seed)
    weights = rng.random(int(rng.integers(1, 400))) ** 3
    weights /= weights.sum()
    pop = SimpleNamespace(person_hh=np.repeat(np.arange(weights.size), 2), hh_kind=weights)
    index = TemplateIndex.of(pop, weights)
    a, b = np.random.default_rng(100 + seed), np.random.default_rng(100 + seed)
    for size in (0, 1, 7, 300):
        assert np.array_equal(index.draw(size, a), b.choice(weights.size, size=size, p=weights))
    assert a.random() == b.random()


@pytest.mark.parametrize("seed", range(3))
def test_support_of_a_few_is_the_support_of_all_read_at_them(seed):
    """Arrivals' support from the capacities of their ties and household members only
    equals the full formula (everyone's capacity) read at them, bit for bit."""
    from model.processes import support
    from model.resilience_model import ResilienceModel

    m = ResilienceModel(rng=seed)
    m.run_months(2)
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(m.residents.active(), 60, replace=False))
    full = support.support_from(m, support.capacity_to_help(m), idx)
    assert np.array_equal(support.support_of(m, idx), full)
    assert np.array_equal(support.capacity_to_help(m, idx), support.capacity_to_help(m)[idx])
