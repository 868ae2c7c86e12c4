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
    unknown = sorted({iso2 for iso2 in demonym_records().values() if not full.country_name(iso2)})
    assert unknown == []
    assert len(demonym_records()) > 180


def test_alias_rows_point_at_known_codes(full: Gazetteer) -> None:
    assert all(full.country_name(iso2) for iso2 in COUNTRY_ALIASES)
    assert full.lookup("Calif.")[0].admin1 == "California"
    assert full.lookup("Idlib province")[0].feature_code == "ADM1"
