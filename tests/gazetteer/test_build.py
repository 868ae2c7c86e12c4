"""Gazetteer build and lookups on tiny synthetic sources."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.gazetteer import (
    Admin1Record,
    CountryRecord,
    Gazetteer,
    PlaceRecord,
    Sources,
    build_gazetteer,
    default_path,
    name_keys,
    normalize,
)

from .conftest import tiny_sources


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Ḩalab", "halab"),
        ("U.S.", "us"),
        ("Za’atari", "zaatari"),
    ],
)
def test_normalize_folds_variants(name: str, expected: str) -> None:
    assert normalize(name) == expected


def test_name_keys_add_article_and_saint_variants() -> None:
    assert name_keys("Al-Hasakah") == {"al hasakah", "hasakah"}
    assert "saint louis" in name_keys("St. Louis")


@pytest.mark.parametrize(
    ("name", "country", "code"),
    [
        ("Aleppo", "SY", "PPL"),
        ("Kashkash", "EG", "PPL"),  # bigger place wins without context
        ("U.S.", "US", "PCLI"),
        ("Tex.", "US", "ADM1"),
        ("Ghouta", "SY", "RGN"),
        ("Halab City", "SY", "PPL"),  # extra (streamed) alternate name
    ],
)
def test_lookup_ranks_by_prior(tiny: Gazetteer, name: str, country: str, code: str) -> None:
    best = tiny.lookup(name)[0]
    assert (best.country_code, best.feature_code) == (country, code)


def test_lookup_fills_admin1_name(tiny: Gazetteer) -> None:
    kashkash = next(r for r in tiny.lookup("Kashkash") if r.country_code == "SY")
    assert kashkash.admin1 == "Al Hasakah"


def test_lookup_unknown_name_is_empty(tiny: Gazetteer) -> None:
    assert tiny.lookup("Nowhereville") == []


@pytest.mark.parametrize(("word", "iso2"), [("Syrian", "SY"), ("Syrians", "SY"), ("Martian", None)])
def test_demonym_maps_to_iso2(tiny: Gazetteer, word: str, iso2: str | None) -> None:
    assert tiny.demonym(word) == iso2


def test_country_accessors(tiny: Gazetteer) -> None:
    assert tiny.iso3("SY") == "SYR"
    assert tiny.country_name("US") == "United States"
    syria = tiny.country_by_iso3("SYR")
    assert syria is not None and syria.capital == "Damascus"
    assert syria.bbox is not None and syria.bbox[1] <= 36.2 <= syria.bbox[3]


def test_build_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    build_gazetteer(target, sources=tiny_sources())
    build_gazetteer(target, sources=tiny_sources())  # rebuild replaces in place
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_open_rejects_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E050"):
        Gazetteer(tmp_path / "missing.sqlite")
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE meta(key TEXT, value TEXT)").connection.commit()
    with pytest.raises(ConfigError, match="E052"):
        Gazetteer(foreign)


def test_gazetteer_is_read_only(tiny: Gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError):
        tiny._conn.execute("DELETE FROM names")


def test_default_path_is_versioned() -> None:
    assert default_path().name.startswith("gazetteer-v")


def test_gazetteer_survives_pickling_for_worker_processes(tiny: Gazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(tiny))
    assert copy.lookup("Aleppo") == tiny.lookup("Aleppo")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maarat al-Numan", "Ma'arrat an-Nu'man"),
        ("Deir ez-Zor", "Deir al Zor"),
        ("Tall Abyad", "Tal Abyad"),
    ],
)
def test_build_loose_keys_unify_romanisations(a: str, b: str) -> None:
    from eventscope.gazetteer.normalize import loose, normalize

    assert loose(normalize(a)) == loose(normalize(b))


def test_build_loose_key_only_folds_doubled_letters_and_articles() -> None:
    from eventscope.gazetteer.normalize import loose, normalize

    assert loose(normalize("Aleppo")) == "alepo"
    assert loose(normalize("Kabul")) == "kabul"


def _namesake_sources() -> Sources:
    """A state geocoded to its namesake city, one placed properly, one with too few cities."""
    return Sources(
        countries=[
            CountryRecord("US", "USA", "United States", 39.76, -98.5, "Washington", 3 * 10**8)
        ],
        admin1=[
            Admin1Record("US", "NY", "New York", 40.71, -74.01),  # New York City's point
            Admin1Record("US", "TX", "Texas", 31.2, -99.2),
            Admin1Record("US", "DE", "Dover", 39.16, -75.52),  # one city: left alone
        ],
        places=[
            PlaceRecord(1, "New York City", 40.71, -74.01, "US", "P", "PPL", "NY", 8_000_000,
                        ("New York",)),
            PlaceRecord(2, "Buffalo", 42.89, -78.88, "US", "P", "PPL", "NY", 270_000),
            PlaceRecord(3, "Plattsburgh", 44.70, -73.45, "US", "P", "PPL", "NY", 20_000),
            PlaceRecord(4, "Houston", 29.76, -95.37, "US", "P", "PPL", "TX", 2_300_000),
            PlaceRecord(5, "El Paso", 31.76, -106.49, "US", "P", "PPL", "TX", 680_000),
            PlaceRecord(6, "Texas", 31.2, -99.2, "US", "P", "PPL", "TX", 50),
            PlaceRecord(7, "Dover", 39.16, -75.52, "US", "P", "PPLA", "DE", 38_000),
        ],
    )  # fmt: skip


def test_build_recentres_admin1_sitting_on_its_namesake_city(tmp_path: Path) -> None:
    gaz = Gazetteer(build_gazetteer(tmp_path / "g.sqlite", sources=_namesake_sources()))
    state = next(r for r in gaz.lookup("New York") if r.feature_code == "ADM1")
    assert (state.lat, state.lon) == pytest.approx(((40.71 + 44.70) / 2, (-78.88 - 73.45) / 2))
    # a namesake hamlet at a state's true centre, or a state with one city, does not move it
    texas = next(r for r in gaz.lookup("Texas") if r.feature_code == "ADM1")
    assert (texas.lat, texas.lon) == pytest.approx((31.2, -99.2))
    dover = next(r for r in gaz.lookup("Dover") if r.feature_code == "ADM1")
    assert (dover.lat, dover.lon) == pytest.approx((39.16, -75.52))


def _spelling_sources() -> Sources:
    """Transliteration variants: doubled letters and assimilated articles."""
    return Sources(
        countries=[CountryRecord("SY", "SYR", "Syria", 35.0, 38.0, "Damascus", 17_000_000)],
        places=[
            PlaceRecord(1, "Hamah", 35.13, 36.75, "SY", "P", "PPLA", None, 700_000, ("Hama",)),
            PlaceRecord(2, "El Hamma", 33.89, 9.80, "TN", "P", "PPL", None, 5_000_000),
            PlaceRecord(3, "Raqqa", 35.95, 39.01, "SY", "P", "PPLA", None, 500_000),
            PlaceRecord(4, "Saa", 4.37, 11.45, "CM", "P", "PPL", None, 20_000),
        ],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hama", "Hamah"),  # an exact alias beats a bigger place that matches only loosely
        ("Raqa", "Raqqa"),  # no exact entry: the loose spelling still finds it
        ("SA", None),  # too short for a loose match to mean anything
    ],
)
def test_lookup_prefers_exact_spellings(tmp_path: Path, name: str, expected: str | None) -> None:
    gaz = Gazetteer(build_gazetteer(tmp_path / "g.sqlite", sources=_spelling_sources()))
    found = gaz.lookup(name)
    assert (found[0].name if found else None) == expected
    if expected is None:
        assert name.lower() not in gaz.known([name])
