"""Plain records the gazetteer builder consumes.

Every source (PyPI packages, GeoNames dumps, our own supplement, a test's tiny fixture)
is turned into these records first, so the builder has one input shape and tests can
inject a handful of records instead of building from 200,000 cities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class CountryRecord:
    """One country; ``lat``/``lon`` is a representative centroid."""

    iso2: str
    iso3: str
    name: str
    lat: float
    lon: float
    capital: str | None = None
    population: int = 0
    geonameid: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Admin1Record:
    """A first-level subdivision; ``code`` is the GeoNames admin1 code ("09", "CA")."""

    country: str
    code: str
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class PlaceRecord:
    """Any other named place (city, district, camp, region, mountain range …)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None
    feature_class: str
    feature_code: str
    admin1_code: str | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()
    source: str = "geonames"


@dataclass
class Sources:
    """Everything one build reads; each field may be any iterable (streamed once).

    ``extra_names`` are (geonameid, alternate name) pairs joined to places already
    inserted, so a GeoNames alternate-names dump streams through without being held
    in memory.
    """

    countries: Iterable[CountryRecord] = field(default_factory=list)
    admin1: Iterable[Admin1Record] = field(default_factory=list)
    places: Iterable[PlaceRecord] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)
    country_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    admin1_aliases: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    extra_names: Iterable[tuple[int, str]] = field(default_factory=list)
    description: dict[str, str] = field(default_factory=dict)
