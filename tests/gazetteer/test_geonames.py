"""GeoNames dump loader on tiny files written in the dumps' tab-separated format."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.gazetteer import Gazetteer, build_gazetteer
from eventscope.gazetteer.geonames import read_alternate_names, read_places


def _row(gid: int, name: str, lat: float, lon: float, fcls: str, fcode: str, cc: str,
         adm1: str, pop: int, alts: str = "") -> str:  # fmt: skip
    cols = [str(gid), name, name, alts, str(lat), str(lon), fcls, fcode, cc, "", adm1,
            "", "", "", str(pop), "", "", "Asia/Damascus", "2024-01-01"]  # fmt: skip
    return "\t".join(cols)


@pytest.fixture
def dump_dir(tmp_path: Path) -> Path:
    rows = [
        _row(900001, "Qaryat Test", 36.1, 37.2, "P", "PPL", "SY", "09", 800, "Qaryet Test"),
        _row(900002, "Wadi Test", 35.0, 36.5, "T", "VAL", "SY", "11", 0),
        _row(900003, "Some Hill", 35.1, 36.6, "T", "HLL", "SY", "11", 0),  # not kept
        _row(900004, "Homs Town", 34.7, 36.7, "P", "PPL", "SY", "11", 5000),
    ]
    (tmp_path / "cities500.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "admin1CodesASCII.txt").write_text(
        "SY.09\tAleppo\tAleppo\t170062\nSY.11\tHoms\tHoms\t169575\n", encoding="utf-8"
    )
    alternates = [
        "1\t900001\ten\tTest Village\t1\t\t\t\t\t",
        "2\t900001\tlink\thttps://example.org/x\t\t\t\t\t\t",
        "3\t900001\ten\tOld Test\t\t\t\t1\t\t",  # historic: dropped
        "4\t169575\ten\tHoms Governorate\t\t\t\t\t\t",
    ]
    (tmp_path / "alternateNamesV2.txt").write_text("\n".join(alternates) + "\n", encoding="utf-8")
    return tmp_path


def test_read_places_keeps_populated_and_listed_features(dump_dir: Path) -> None:
    names = [p.name for p in read_places(dump_dir / "cities500.txt", inline_aliases=True)]
    assert names == ["Qaryat Test", "Wadi Test", "Homs Town"]


def test_read_alternate_names_skips_links_and_history(dump_dir: Path) -> None:
    pairs = list(read_alternate_names(dump_dir / "alternateNamesV2.txt"))
    assert pairs == [(900001, "Test Village"), (169575, "Homs Governorate")]


@pytest.mark.parametrize(
    ("name", "code", "admin1"),
    [
        ("Test Village", "PPL", "Aleppo"),
        ("Qaryat Test", "PPL", "Aleppo"),
        ("Wadi Test", "VAL", "Homs"),
        ("Homs Governorate", "ADM1", "Homs"),
    ],
)
def test_build_from_dumps_resolves_names(
    dump_dir: Path, tmp_path: Path, name: str, code: str, admin1: str
) -> None:
    gaz = Gazetteer(build_gazetteer(tmp_path / "dump.sqlite", geonames_dir=dump_dir))
    best = gaz.lookup(name)[0]
    assert (best.feature_code, best.admin1, best.country_code) == (code, admin1, "SY")


def test_malformed_dump_row_raises_e051(tmp_path: Path) -> None:
    (tmp_path / "cities500.txt").write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="E051"):
        list(read_places(tmp_path / "cities500.txt", inline_aliases=False))


def test_missing_places_file_raises_e055(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E055"):
        build_gazetteer(tmp_path / "x.sqlite", geonames_dir=tmp_path)
