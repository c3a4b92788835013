"""Seeds of replicates: one rule, shared by ensembles, the app and the calibration check."""

from __future__ import annotations

import numpy as np

SEED_RULE = (
    "seed of replicate r = first 63 bits of numpy.random.SeedSequence([BASE, r])"
    ".generate_state(2, uint32); the same for every scenario (common random numbers)"
)


def replicate_seed(base: int, replicate: int) -> int:
    """Seed of replicate ``replicate`` (the same for every scenario)."""
    hi, lo = np.random.SeedSequence([int(base), int(replicate)]).generate_state(2, np.uint32)
    return ((int(hi) << 32) | int(lo)) >> 1
