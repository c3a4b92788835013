"""One simulated survey series for one parameter set: what ABC compares with the targets."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np

from calibration.emulator import survey
from calibration.plan import Plan, target_key
from model.timeline import survey_month


def seed_for(values: Mapping[str, float], base_seed: int) -> int:
    """A seed fixed by the parameter values: the same parameter set always gives
    the same simulated survey, on any worker and in any order."""
    text = repr(sorted((k, float(v).hex()) for k, v in values.items()))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    entropy = int.from_bytes(digest, "little")
    state = np.random.SeedSequence([base_seed, entropy]).generate_state(2, np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1])) & ((1 << 63) - 1)


def simulate_surveys(
    values: Mapping[str, float], plan: Plan, seed: int, keys: set[str] | None = None
) -> dict[str, float]:
    """Run the model from June 2021 and emulate every survey wave of the plan.

    Returns the simulated estimate per target key (``area|indicator|year``),
    limited to ``keys`` (default: every target of the plan)."""
    from model.resilience_model import ResilienceModel

    wanted = set(plan.targets["key"]) if keys is None else keys
    model = ResilienceModel(params=dict(values), rng=seed, inputs=plan.inputs)
    out: dict[str, float] = {}
    for year in plan.years:
        model.run_months(survey_month(year) - model.month)
        estimates = survey(model, plan.design(year), year)
        for row in estimates.itertuples():
            key = target_key(row.area, row.indicator, row.year)
            if key in wanted:
                out[key] = float(row.value)
    missing = wanted - set(out)
    for key in missing:  # a buurt emptied of respondents: no estimate, worst distance
        out[key] = float("nan")
    return out


class SurveyModel:
    """The picklable model pyabc calls: parameter set in, simulated fit targets out."""

    def __init__(self, plan: Plan, base_seed: int) -> None:
        self.plan = plan
        self.base_seed = base_seed
        self.keys = set(plan.rows("fit")["key"])

    def __call__(self, pars) -> dict[str, float]:
        values = {name: float(pars[name]) for name in self.plan.parameters}
        result = simulate_surveys(values, self.plan, seed_for(values, self.base_seed), self.keys)
        return {k: (v if np.isfinite(v) else 1e6) for k, v in result.items()}
