"""The labelled buurt inputs: complete, in range, calibrated to the city figures, and
replaceable by a CBS Kerncijfers export without code changes."""

from __future__ import annotations

import pytest

from core.errors import InputError
from model.inputs import load_inputs
from model.inputs.areas import (
    AREA_INPUT_STATUSES,
    DEFAULT_KEY,
    ENV_AREA_INPUTS,
    FOCUS_AREAS,
    QUANTITIES,
    all_areas,
    area_inputs_csv,
    area_inputs_path,
    load_area_inputs,
    shipped_area_inputs_path,
)
from model.inputs.cbs_import import main as cbs_import
from model.inputs.derive import derive
from model.manifest import data_hashes
from tests.helpers import run_cli

NAZARETH, POTTENBERG = FOCUS_AREAS
SHARES = [q for q, (unit, _, _) in QUANTITIES.items() if unit.startswith("share")]
CITY_TOLERANCE = 0.005  # values are rounded to 3 decimals; the fit itself is exact
HEADER = (
    "ID;WijkenEnBuurten;Gemeentenaam_1;Codering_3;InBezitWoningcorporatie_49;"
    "InBezitOverigeVerhuurders_50;PercentageMeergezinswoning_37;GemiddeldInkomenPerInwoner_78"
)


def city_mean(quantity: str, weight: str) -> float:
    areas = all_areas().values()
    total = sum(getattr(a, weight) for a in areas)
    return sum(a.input(quantity) * getattr(a, weight) for a in areas) / total


def city(quantity: str) -> float:
    return load_area_inputs(shipped_area_inputs_path())[DEFAULT_KEY][quantity][0]


def test_every_buurt_has_every_quantity_with_its_own_labelled_row():
    table = load_area_inputs(shipped_area_inputs_path())
    assert len(all_areas()) == 44
    for code, area in all_areas().items():
        assert set(table[code]) == set(QUANTITIES), code  # no buurt falls back to '*'
        for quantity, (_, status, source) in area.inputs.items():
            assert status in AREA_INPUT_STATUSES, (code, quantity)
            assert len(source) > 10, (code, quantity)


def test_values_are_in_range_and_rent_fits_in_the_stock():
    for code, area in all_areas().items():
        for quantity, (_, low, high) in QUANTITIES.items():
            assert low <= area.input(quantity) <= high, (code, quantity)
        assert area.input("share_corporation") + area.input("share_private_rent") <= 1, code


def test_the_city_means_are_the_city_figures():
    """Dwelling and household shares are weighted by households (the model builds dwellings
    from households), resident shares by residents; city figures are the '*' rows."""
    for quantity in ("share_corporation", "share_private_rent", "vulnerable_share"):
        mean = city_mean(quantity, "households")
        assert mean == pytest.approx(city(quantity), abs=CITY_TOLERANCE), quantity
    assert city("share_corporation") == 0.35
    assert city_mean("income_level", "households") == pytest.approx(1.0, abs=CITY_TOLERANCE)
    assert city_mean("nuisance_share", "population") == pytest.approx(0.205, abs=CITY_TOLERANCE)
    # weighted by residents instead, the corporation share differs by under two points
    assert city_mean("share_corporation", "population") == pytest.approx(0.35, abs=0.02)


def test_focus_buurten_keep_their_values_and_others_differ():
    areas = all_areas()
    assert areas[NAZARETH].input("share_corporation") == 0.60
    assert areas[POTTENBERG].input("share_corporation") == 0.65
    assert areas[NAZARETH].inputs["vulnerable_share"][:2] == (0.30, "assumption")
    corp = sorted(a.input("share_corporation") for a in areas.values())
    assert corp[0] < 0.2 and corp[-1] > 0.6  # the city mix differs between buurten
    assert areas["BU09350204"].input("share_corporation") > 0.6  # Malpertuis
    assert areas["BU09350000"].input("share_private_rent") > 0.4  # Binnenstad


def test_shipped_file_is_the_derivation_output():
    """Edit the '*' or focus rows, then run python -m model.inputs.derive."""
    path = shipped_area_inputs_path()
    assert area_inputs_csv(derive(load_area_inputs(path))) == path.read_text(encoding="utf-8")


# ----------------------------------------------------------------- replacing the file
def kwb(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "kwb.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


GOOD = (
    "1;Maastricht;Maastricht;GM0935;36;20;55;30,0",
    "2;Wijk 04 Oost;Maastricht;WK093504;40;15;50;.",
    f"3;Nazareth;Maastricht;{NAZARETH};72;9;41;21,0",
    "4;Binnenstad;Maastricht;BU09350000;8;62;.;36,0",
)


def test_converter_round_trips_a_cbs_export_and_load_inputs_uses_it(tmp_path, capsys):
    out = tmp_path / "area_inputs.csv"
    cbs_import([str(kwb(tmp_path, *GOOD)), "-o", str(out), "--year", "2024"])
    table = load_area_inputs(out)
    value, status, source = table[NAZARETH]["share_corporation"]
    assert (value, status) == (0.72, "published")
    assert source.startswith("CBS 85984NED 2024: inbezitwoningcorporatie_49")
    assert table[NAZARETH]["income_level"][:2] == (0.7, "derived")  # 21.0 / 30.0
    assert table["BU09350000"]["share_private_rent"][0] == 0.62
    assert table["BU09350000"]["share_flats"][1] == "estimate"  # '.' keeps the shipped row
    assert table[POTTENBERG] == load_area_inputs(shipped_area_inputs_path())[POTTENBERG]

    replaced = load_inputs([NAZARETH], area_inputs=out)
    assert replaced.areas[0].input("share_corporation") == 0.72
    assert replaced.area_inputs_file == str(out)
    shipped = load_inputs([NAZARETH])
    assert shipped.areas[0].input("share_corporation") == 0.60
    assert replaced.digest() != shipped.digest()
    assert data_hashes(replaced)["area_inputs.csv"] != data_hashes(shipped)["area_inputs.csv"]


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            HEADER.replace(";InBezitOverigeVerhuurders_50", ""),
            f"3;Nazareth;Maastricht;{NAZARETH};72;41;21",
            "row 1: columns: no column for share_private_rent (allowed: a CBS variable named",
        ),
        (HEADER, "3;Elders;Heerlen;BU09170000;72;9;41;21", "row 2: codering_3: unknown buurt code"),
        (
            HEADER,
            f"{GOOD[0]}\n3;Nazareth;Maastricht;{NAZARETH};120;9;41;21",
            "row 3: inbezitwoningcorporatie_49: '120' is out of range (allowed: 0 to 100",
        ),
        (
            HEADER,
            f"{GOOD[0]}\n3;Nazareth;Maastricht;{NAZARETH};72;40;41;.",
            "row 3: share_corporation + share_private_rent: 0.72 + 0.4 (allowed: at most 1",
        ),
        (HEADER, f"3;Nazareth;Maastricht;{NAZARETH};72;9;41;21", "no GM0935 row"),
    ],
)
def test_converter_rejects_bad_exports_without_writing(tmp_path, capsys, header, row, message):
    out = tmp_path / "area_inputs.csv"
    with pytest.raises(SystemExit) as exit_info:
        cbs_import([str(kwb(tmp_path, row, header=header)), "-o", str(out)])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "kwb.csv" in error and message in error, error
    assert "allowed" in error
    assert not out.exists()


def test_a_bad_replacement_file_is_refused(tmp_path):
    text = shipped_area_inputs_path().read_text(encoding="utf-8")
    bad = tmp_path / "a.csv"
    bad.write_text(
        text.replace(f"{NAZARETH},share_corporation,0.6,", f"{NAZARETH},share_corporation,1.6,")
    )
    with pytest.raises(InputError, match=r"a.csv: row \d+: value: 1.6 for share_corporation"):
        load_inputs([NAZARETH], area_inputs=bad)
    bad.write_text(text.replace("*,share_corporation,", "BU00000000,share_corporation,"))
    with pytest.raises(InputError, match="area: unknown buurt 'BU00000000'"):
        load_area_inputs(bad)


def test_environment_variable_names_the_file(tmp_path):
    assert area_inputs_path({}) == shipped_area_inputs_path()
    assert area_inputs_path({ENV_AREA_INPUTS: str(tmp_path / "x.csv")}) == tmp_path / "x.csv"


def test_run_with_broken_veerkracht_area_inputs_fails_cleanly(tmp_path):
    bad = tmp_path / "a.csv"
    bad.write_text("area,quantity,value\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("run", "--years", "1", "--out", str(out), VEERKRACHT_AREA_INPUTS=str(bad))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "a.csv: row 1: columns: missing status, source" in proc.stderr
    assert not out.exists()
