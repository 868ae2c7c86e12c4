"""Gazetteer build and lookups on tiny synthetic sources."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.gazetteer import Gazetteer, build_gazetteer, default_path, name_keys, normalize

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
