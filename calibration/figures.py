"""Calibration figures: posterior marginals, and observed versus simulated targets."""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROLE_COLOURS = {"fit": "#1b6ca8", "holdout": "#d1495b", "start": "#7a7a7a"}


def posterior_marginals(
    posterior: pd.DataFrame,
    parameters: tuple[str, ...],
    truth: Mapping[str, float] | None = None,
):
    """One weighted histogram per parameter over its whole prior range."""
    from scipy import stats

    from model.params import PARAMS

    cols = 3
    rows = math.ceil(len(parameters) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 2.6 * rows), squeeze=False)
    weights = posterior["weight"].to_numpy(dtype=float)
    for ax, name in zip(axes.flat, parameters, strict=False):
        p = PARAMS[name]
        bins = np.linspace(p.low, p.high, 16)
        ax.hist(posterior[name], bins=bins, weights=weights, color="#1b6ca8", alpha=0.8)
        kind, args = p.scipy_prior()
        x = np.linspace(p.low, p.high, 61)
        mass = getattr(stats, kind).pdf(x, *args) * (p.high - p.low) / 15  # per bin
        ax.plot(x, mass, color="#999999", lw=1, ls=":", label="prior")
        ax.axvline(p.default, color="#333333", lw=1, ls="--", label="default")
        if truth and name in truth:
            ax.axvline(truth[name], color="#d1495b", lw=2, label="true value")
        ax.set_xlim(p.low, p.high)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(p.unit, fontsize=7)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(parameters) :]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7, loc="upper right")
    fig.suptitle("Posterior of the fitted parameters (weighted last ABC-SMC generation)")
    fig.tight_layout()
    return fig


def observed_vs_simulated(table: pd.DataFrame):
    """Each target: observed value (dot) and simulated 90% interval (bar), by role."""
    frame = table.copy()
    frame["label"] = (
        frame["area_name"].fillna(frame["area"])
        + " · "
        + frame["indicator"]
        + " · "
        + frame["year"].astype(str)
    )
    fig, ax = plt.subplots(figsize=(10, 0.22 * len(frame) + 1.5))
    y = np.arange(len(frame))[::-1]
    for role, colour in ROLE_COLOURS.items():
        sel = (frame["role"] == role).to_numpy()
        if not sel.any():
            continue
        lo = frame.loc[sel, "sim_p05"].to_numpy(dtype=float)
        hi = frame.loc[sel, "sim_p95"].to_numpy(dtype=float)
        obs = frame.loc[sel, "observed"].to_numpy(dtype=float)
        scale = np.where(np.abs(obs) > 1.5, 0.1, 1.0)  # scores 0-10 drawn on the share axis
        ax.hlines(y[sel], lo * scale, hi * scale, color=colour, lw=4, alpha=0.45, label=role)
        ax.plot(obs * scale, y[sel], "o", color=colour, ms=4)
    ax.set_yticks(y, frame["label"], fontsize=6)
    ax.set_xlabel("share (scores 0-10 divided by 10)")
    ax.set_title("Observed targets (dots) and simulated 90% intervals (bars)")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig
