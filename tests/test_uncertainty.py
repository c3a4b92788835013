"""What we do not know: draws of parameters and effects, and how summaries separate
the spread they add from chance within the model (issue 'Decisions under uncertainty')."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import InputError
from experiments.summary import p_better, spread
from experiments.uncertainty import Uncertainty, apply_effects, effect_params


# ---------------------------------------------------------------------- the draws
def test_draws_are_reproducible_and_do_not_depend_on_how_many_are_taken():
    u = Uncertainty("all", 2)
    first = u.parameters(7, 3, frozenset())
    assert first == Uncertainty("all", 5).parameters(7, 3, frozenset())
    assert first != u.parameters(7, 4, frozenset())
    assert first != u.parameters(8, 3, frozenset())
    assert u.effects(7, 3) == Uncertainty("effects", 1).effects(7, 3)  # own stream


def test_replicates_share_a_draw_in_blocks_of_seeds_per_draw():
    u = Uncertainty("all", 3)
    assert [u.draw_of(r) for r in range(7)] == [0, 0, 0, 1, 1, 1, 2]
    assert [Uncertainty("none", 3).draw_of(r) for r in range(3)] == [0, 1, 2]


def test_the_record_counts_what_is_drawn():
    from model.params import MODEL_PARAMETERS, PARAMS

    record = Uncertainty("all").record()
    uncertain = [n for n in MODEL_PARAMETERS if PARAMS[n].role == "uncertain"]
    assert record["parameters_drawn"] == len(uncertain) > 100
    assert record["effects_drawn"] == len(effect_params()) > 20
    assert Uncertainty("effects").record()["parameters_drawn"] == 0


def test_switching_a_source_off_draws_nothing_of_it():
    assert Uncertainty("effects").parameters(7, 0, frozenset()) == {}
    assert Uncertainty("parameters").effects(7, 0) == {}
    assert Uncertainty("none").effects(7, 0) == {} == Uncertainty("none").parameters(7, 0, set())


def test_drawn_values_lie_in_their_ranges_and_centre_on_the_evidence():
    from model.params import PARAMS

    u = Uncertainty("all", 1)
    draws = [u.parameters(11, i, frozenset()) for i in range(200)]
    effects = [u.effects(11, i) for i in range(200)]
    for name in ("stress.w_debt", "net.tie_dissolution_rate"):
        p = PARAMS[name]
        values = np.array([d[name] for d in draws])
        assert p.low <= values.min() and values.max() <= p.high
    params = effect_params()
    for name, p in list(params.items())[:10]:
        values = np.array([e[name] for e in effects])
        assert p.low <= values.min() and values.max() <= p.high
        # a triangular prior peaked at the default: its mean is (low + mode + high) / 3;
        # 200 draws put the sample mean within 4 standard errors of it
        mean = (p.low + p.default + p.high) / 3
        sd = np.sqrt(
            (p.low**2 + p.default**2 + p.high**2 - p.low * p.default - p.low * p.high
             - p.default * p.high) / 18
        )  # fmt: skip
        assert abs(values.mean() - mean) < 4 * sd / np.sqrt(200) + 1e-12


def test_parameters_given_elsewhere_are_not_drawn():
    drawn = Uncertainty("parameters").parameters(7, 0, frozenset({"stress.w_debt"}))
    assert "stress.w_debt" not in drawn and "net.tie_dissolution_rate" in drawn


def test_bad_settings_are_one_line_errors():
    with pytest.raises(InputError, match="--uncertainty 'some'"):
        Uncertainty("some")
    with pytest.raises(InputError, match="--seeds-per-draw"):
        Uncertainty("all", 0)


def test_effects_set_by_the_scenario_file_are_not_drawn():
    from scenarios.interventions import CATALOGUE

    chosen = CATALOGUE["early_debt_signalling"](start="2024-01", reach=0.5)
    scenario = type("S", (), {"interventions": {"signals": chosen}})()
    apply_effects(
        scenario, {"early_debt_signalling.reach": 0.7, "early_debt_signalling.accept": 0.38}
    )
    assert chosen.effect["reach"] == 0.5  # the file's choice
    assert chosen.effect["accept"] == 0.38  # drawn


# ---------------------------------------------------------------------- the summaries
def _nested(rng, draws: int, seeds: int, sd_param: float, sd_chance: float):
    effect = 1.0 + sd_param * rng.standard_normal(draws)
    d = np.repeat(effect, seeds) + sd_chance * rng.standard_normal(draws * seeds)
    return d[:, None], np.repeat(np.arange(draws), seeds)


def test_spread_splits_chance_from_what_we_do_not_know():
    """Known truth: sd 0.5 between draws, 0.3 within. With 400 draws of 2 seeds the
    estimates are within 15% of it (their relative standard errors are about 5%)."""
    d, draws = _nested(np.random.default_rng(1), 400, 2, 0.5, 0.3)
    sp = spread(d, draws, uncertain=True)
    assert sp.sd_chance[0] == pytest.approx(0.3, rel=0.15)
    assert sp.sd_uncertainty[0] == pytest.approx(0.5, rel=0.15)


def test_the_range_does_not_narrow_with_more_runs_but_the_monte_carlo_interval_does():
    widths, mc = [], []
    for draws in (10, 40, 160):
        d, groups = _nested(np.random.default_rng(draws), draws, 2, 0.5, 0.3)
        sp = spread(d, groups, uncertain=True)
        widths.append(float(sp.high[0] - sp.low[0]))
        mc.append(float(sp.mc_high[0] - sp.mc_low[0]))
    # the 5-95% range of N(1, 0.58) is 1.9 wide whatever the number of runs
    assert all(1.3 < w < 2.6 for w in widths)
    assert mc[2] < mc[1] < mc[0] and mc[2] < 0.25 * widths[2]


def test_without_uncertainty_all_spread_is_chance():
    d = np.random.default_rng(2).standard_normal((30, 1))
    sp = spread(d, None, uncertain=False)
    assert sp.sd_uncertainty[0] == 0.0
    assert sp.sd_chance[0] == pytest.approx(d.std(ddof=1))


def test_a_scenario_against_itself_is_better_half_of_the_time():
    assert p_better(np.zeros((20, 3)), "lower_better").tolist() == [0.5, 0.5, 0.5]
    d = np.array([[-1.0], [1.0], [-2.0], [0.0]])
    assert p_better(d, "lower_better")[0] == pytest.approx(0.625)
    assert np.isnan(p_better(d, "neutral")[0])


# ---------------------------------------------------------------------- a comparison
@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """Baseline, debt-first and an identical copy of it under another name: 2 draws of
    parameters and effects, one seed each, 4 years of the focus buurten (6 runs)."""
    import copy

    from experiments.ensemble import build_ensemble, read_summary, run_ensemble
    from scenarios.loader import load_scenario

    first = load_scenario("debt-first")
    twin = copy.deepcopy(first)
    twin.name = "debt-first-twin"
    out = tmp_path_factory.mktemp("uncertain") / "cmp"
    ens = build_ensemble(
        [first, twin], replicates=2, out=out, years=4, uncertainty=Uncertainty("all", 1)
    )
    run_ensemble(ens, workers=1)
    return ens, {
        name: read_summary(out, name) for name in ("summary.csv", "pairs.csv", "choice.csv")
    }


def test_every_scenario_of_a_replicate_gets_the_same_draw(compared):
    ens, _ = compared
    specs = ens.specs()
    by_rep: dict[int, list] = {}
    for spec in specs:
        by_rep.setdefault(spec.replicate, []).append(spec)
    assert len(by_rep) == 2
    for same in by_rep.values():
        assert len({json_key(s.overrides) for s in same}) == 1
        assert len({json_key(s.effects) for s in same}) == 1
        assert len(same[0].effects) > 20 and len(same[0].overrides) > 100
    assert json_key(by_rep[0][0].effects) != json_key(by_rep[1][0].effects)
    assert specs[0].meta["draw"] == 0 and specs[-1].meta["draw"] == 1


def json_key(values: dict) -> str:
    import json

    return json.dumps(values, sort_keys=True)


def test_a_scenario_against_its_identical_twin_is_better_half_of_the_time(compared):
    _, frames = compared
    pairs = frames["pairs.csv"]
    twins = pairs[(pairs["scenario"] == "debt-first") & (pairs["versus"] == "debt-first-twin")]
    assert len(twins) > 0
    assert (twins["diff_mean"] == 0).all() and (twins["p_better"] == 0.5).all()


def test_choice_probabilities_sum_to_one_and_regret_is_not_negative(compared):
    _, frames = compared
    choice = frames["choice.csv"]
    keys = ["horizon_years", "area", "indicator"]
    assert np.allclose(choice.groupby(keys)["p_best"].sum(), 1.0)
    assert (choice["expected_regret"] >= 0).all()
    # the twins are equally good in every replicate, so equally likely to be the best
    wide = choice.pivot_table(index=keys, columns="scenario", values="p_best")
    assert np.allclose(wide["debt-first"], wide["debt-first-twin"])


def test_summary_states_the_draws_and_both_intervals(compared):
    _, frames = compared
    s = frames["summary.csv"]
    row = s[(s["scenario"] == "debt-first") & (s["area"] == "focus")].iloc[0]
    assert row["n_replicates"] == 2 and row["n_draws"] == 2
    for column in ("diff_low", "diff_high", "sd_chance", "sd_uncertainty", "p_better"):
        assert column in s.columns
    # one seed per draw: chance and uncertainty cannot be told apart, so both are empty
    assert np.isnan(row["sd_chance"]) and np.isnan(row["sd_uncertainty"])


def test_replicates_needed_with_and_without_common_random_numbers():
    """Synthetic cubes: the baseline varies by replicate with sd 0.02 (a share), the
    portfolio is the baseline lowered by 0.01 plus its own noise of sd 0.005. Paired, the
    difference has sd 0.005: (1.645 * 0.005 / 0.005)^2 = 2.7, so 3 replicates for +/- half a
    percentage point; unpaired sd is sqrt(2 * 0.02^2 + 0.005^2) = 0.0287, so 90."""
    from experiments.summary import Cube, replicates_rows

    rng = np.random.default_rng(4)
    n, months = 4000, 20
    names = ["low_resilience_share"]
    keys = ["people", "focus", "total"]
    level = 0.3 + 0.02 * rng.standard_normal((n, 1, 1, 1)) * np.ones((n, months, 3, 1))
    port = level - 0.01 + 0.005 * rng.standard_normal((n, 1, 1, 1))
    scenario = type("S", (), {"label_en": "", "label_nl": "", "kind": "portfolio"})()
    cubes = {
        "baseline": Cube(scenario, list(range(n)), level, names),
        "p": Cube(scenario, list(range(n)), port, names),
    }
    rows = replicates_rows(cubes, "baseline", 0, 1, keys, precision=0.5, indicators=names)
    row = rows[(rows["area"] == "people")].iloc[0]
    assert row["precision"] == pytest.approx(0.005)
    assert row["replicates_paired"] == 3
    assert 80 <= row["replicates_unpaired"] <= 100  # sd estimated from 4,000 replicates
