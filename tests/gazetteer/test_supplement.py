"""Sanity of our curated data files against the real (package-built) gazetteer."""

from __future__ import annotations

import pytest

from eventscope.gazetteer import Gazetteer, distance_km, ensure_gazetteer
from eventscope.gazetteer.sources import demonym_records, supplement_records

PLACES, COUNTRY_ALIASES, ADMIN1_ALIASES = supplement_records()
MARGIN_DEG = 1.5  # country boxes come from city extents, so allow a little slack


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    """The default gazetteer, built once into the user data dir (about 15 s)."""
    return Gazetteer(ensure_gazetteer())


@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_supplement_coordinates_fall_inside_their_country(full: Gazetteer, place) -> None:  # type: ignore[no-untyped-def]
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    if place.country is None:
        return
    country = full.country_by_iso2(place.country)
    assert country is not None, place.country
    if country.bbox is not None:
        west, south, east, north = country.bbox
        assert south - MARGIN_DEG <= place.lat <= north + MARGIN_DEG
        assert west - MARGIN_DEG <= place.lon <= east + MARGIN_DEG
    else:
        assert distance_km(place.lat, place.lon, country.lat, country.lon) < 1500


def test_supplement_entries_are_found_by_name(full: Gazetteer) -> None:
    missing = [p.name for p in PLACES if not full.lookup(p.name)]
    assert missing == []


def test_demonyms_point_at_known_countries(full: Gazetteer) -> None:
    unknown = sorted({word for word in demonym_records() if full.demonym_resolution(word) is None})
    assert unknown == []
    assert len(demonym_records()) > 180


@pytest.mark.parametrize(
    ("word", "name", "code"),
    [
        ("European", "Europe", "CONT"),
        ("Africans", "Africa", "CONT"),
        ("Syrian", "Syria", "PCLI"),
        # peoples of first-level units: the Welsh are in Wales, not at Britain's centre
        ("Welsh", "Wales", "ADM1"),
        ("Scots", "Scotland", "ADM1"),
    ],
)
def test_demonyms_resolve_to_continents_and_countries(
    full: Gazetteer, word: str, name: str, code: str
) -> None:
    res = full.demonym_resolution(word)
    assert res is not None and (res.name, res.feature_code) == (name, code)


@pytest.mark.parametrize(("iso2", "lat", "lon"), [("US", 39.76, -98.5), ("JP", 35.69, 139.75)])
def test_countries_sit_at_their_geonames_point(
    full: Gazetteer, iso2: str, lat: float, lon: float
) -> None:
    res = full.country_resolution(iso2)
    assert res is not None and distance_km(res.lat, res.lon, lat, lon) < 5


def test_alias_rows_point_at_known_codes(full: Gazetteer) -> None:
    assert all(full.country_name(iso2) for iso2 in COUNTRY_ALIASES)
    assert full.lookup("Calif.")[0].admin1 == "California"
    assert full.lookup("Idlib province")[0].feature_code == "ADM1"
