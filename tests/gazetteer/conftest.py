"""Tiny synthetic gazetteer sources for the gazetteer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.gazetteer import (
    Admin1Record,
    CountryRecord,
    Gazetteer,
    PlaceRecord,
    Sources,
    build_gazetteer,
)


def tiny_sources() -> Sources:
    """A made-up world: enough ambiguity to test ranking and context, nothing more."""
    countries = [
        CountryRecord("SY", "SYR", "Syria", 35.0, 38.0, "Damascus", 17_000_000, 163843),
        CountryRecord(
            "US", "USA", "United States", 39.8, -98.5, "Washington", 327_000_000, 6252001
        ),
        CountryRecord("EG", "EGY", "Egypt", 27.0, 30.0, "Cairo", 98_000_000, 357994),
    ]
    admin1 = [
        Admin1Record("SY", "01", "Al Hasakah", 36.4, 40.6, 173813, ("Hasaka", "Hasakah")),
        Admin1Record("SY", "09", "Halab", 36.15, 37.39, 170062, ("Aleppo province",)),
        Admin1Record("US", "DC", "District of Columbia", 38.9, -77.0, 4138106),
        Admin1Record("US", "TX", "Texas", 31.2, -99.2, 4736286),
    ]
    places = [
        PlaceRecord(170063, "Aleppo", 36.20, 37.16, "SY", "P", "PPL", "09", 2_000_000),
        PlaceRecord(170000, "Damascus", 33.51, 36.29, "SY", "P", "PPLC", None, 1_500_000),
        PlaceRecord(1, "Kashkash", 36.70, 40.90, "SY", "P", "PPL", "01", 600),
        PlaceRecord(2, "Kashkash", 31.0, 31.0, "EG", "P", "PPL", None, 90_000),
        PlaceRecord(3, "Tall Sabin", 36.05, 37.15, "SY", "P", "PPL", "09", 700),
        PlaceRecord(4, "Tall Sabin", 30.1, 31.3, "EG", "P", "PPL", None, 50_000),
        PlaceRecord(4140963, "Washington", 38.90, -77.04, "US", "P", "PPLC", "DC", 690_000),
        PlaceRecord(5, "Paris", 33.66, -95.56, "US", "P", "PPL", "TX", 25_000),
        PlaceRecord(6, "Moscow", 55.75, 37.62, None, "P", "PPLC", None, 10_000_000),
        PlaceRecord(
            -1, "Eastern Ghouta", 33.55, 36.42, "SY", "L", "RGN", None, 0,
            ("Ghouta",), "supplement",
        ),
    ]  # fmt: skip
    return Sources(
        countries=countries,
        admin1=admin1,
        places=places,
        demonyms={"Syrian": "SY", "American": "US", "Egyptian": "EG"},
        country_aliases={"US": ("U.S.", "America")},
        admin1_aliases={("US", "TX"): ("Tex.",)},
        extra_names=[(170063, "Halab City")],
        description={"test": "tiny"},
    )


@pytest.fixture(scope="session")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer built once from ``tiny_sources``."""
    return build_gazetteer(tmp_path_factory.mktemp("gaz") / "tiny.sqlite", sources=tiny_sources())


@pytest.fixture(scope="session")
def tiny(tiny_path: Path) -> Gazetteer:
    return Gazetteer(tiny_path)
