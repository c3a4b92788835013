"""The dated history input: validation, step functions, and its effect on arrears."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import InputError
from model import timeline
from model.inputs import history

HEADER = "series,date,value,unit,status,source\n"
GOOD = "cpi,2021-06,1,index,published,https://opendata.cbs.nl\n"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("prices,2022-01,1.1,index,approximate,x\n", "series"),
        ("cpi,2022-13,1.1,index,approximate,x\n", "date"),
        ("cpi,Jan 2022,1.1,index,approximate,x\n", "date"),
        ("cpi,2022-01,ten,index,approximate,x\n", "value"),
    ],
)
def test_bad_rows_are_one_line_naming_file_and_field(tmp_path, row, field):
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD + row, encoding="utf-8")
    with pytest.raises(InputError) as info:
        history.load_history(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: row 3: {field}: ")
    assert "(allowed: " in message


def test_minimum_wage_jumps_in_january_2023():
    wml = history.monthly()["minimum_wage"]
    jan = timeline.month_index("2023-01")
    assert wml[0] == 1.0
    assert wml[jan] / wml[jan - 1] == pytest.approx(1.1015, abs=1e-3)
    assert wml[-1] == wml[timeline.month_index("2025-07")]  # holds after the last date


def test_indices_are_one_at_the_start_and_month_one():
    for series, (kind, _, _) in history.SERIES.items():
        expected = 1.0 if kind == "index" else 0.0
        assert history.monthly()[series][:2].tolist() == [expected, expected], series


def test_environment_variable_points_at_another_file(tmp_path, monkeypatch):
    path = tmp_path / "other.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    monkeypatch.setenv(history.ENV_HISTORY, str(path))
    assert history.history_path() == path
    assert np.all(history.monthly()["cpi"] == 1.0)


def _share(result, date: str, indicator: str) -> float:
    table = result.table
    month = np.array([str(x)[:7] for x in table["month"].to_pylist()])
    hit = (
        (month == date)
        & (np.array(table["area"].to_pylist()) == "total")
        & (np.array(table["indicator"].to_pylist()) == indicator)
    )
    return float(table["value"].to_numpy()[hit][0])


def test_price_shock_without_compensation_raises_arrears_at_the_end_of_2022(tmp_path, monkeypatch):
    """Paired runs (focus areas, 3 seeds, 24 months): the 2022 price shock without the
    energietoeslag and the tariff compensation raises payment arrears in 2022-12 over
    the stationary model. (With the compensation, arrears in 2022-12 are lower than
    stationary: the payments land exactly then; see the report in the commit.)"""
    from experiments.run import simulate

    shipped = history.history_path().read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [r for r in shipped if not r.startswith(("energy_allowance,", "tariff_compensation,"))]
    path = tmp_path / "no_compensation.csv"
    path.write_text("".join(kept), encoding="utf-8")
    monkeypatch.setenv(history.ENV_HISTORY, str(path))
    shock, flat = [], []
    for seed in (1, 2, 3):
        for value, out in ((0, shock), (1, flat)):
            run = simulate(years=2, seed=seed, params={"history.flat": value})
            out.append(_share(run, "2022-12", "payment_arrears_share"))
    assert np.mean(shock) > np.mean(flat)
