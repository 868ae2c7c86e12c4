"""Builds the gazetteer: one SQLite file, written once, read-only afterwards.

Why SQLite: a lookup is one indexed equality query on a normalised key, so a pipeline
process keeps only SQLite's small page cache in memory instead of ~1M names, and several
worker processes share the OS file cache.  The build writes to a temporary file in the
target folder and renames it into place, so a crash never leaves a half-built gazetteer
that later runs would trust.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from .normalize import exact_keys, loose_keys, name_keys, normalize
from .records import Admin1Record, CountryRecord, PlaceRecord, Sources

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
FILENAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE countries(
    iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT, capital TEXT, lat REAL, lon REAL,
    population INTEGER, geonameid INTEGER, place_id INTEGER,
    west REAL, south REAL, east REAL, north REAL);
CREATE TABLE admin1(
    country TEXT, code TEXT, name TEXT, lat REAL, lon REAL, geonameid INTEGER,
    population INTEGER, place_id INTEGER, PRIMARY KEY(country, code));
CREATE TABLE places(
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, feature_class TEXT,
    feature_code TEXT, country TEXT, admin1_code TEXT, admin1_name TEXT,
    population INTEGER, lat REAL, lon REAL, source TEXT, prior REAL);
CREATE TABLE names(key TEXT, place_id INTEGER, is_primary INTEGER, exact INTEGER,
    PRIMARY KEY(key, place_id)) WITHOUT ROWID;
CREATE TABLE demonyms(key TEXT PRIMARY KEY, iso2 TEXT, place_id INTEGER) WITHOUT ROWID;
CREATE TEMP TABLE alt(geonameid INTEGER, key TEXT, exact INTEGER);
"""

# How much a feature type says about being the intended referent, on the log10(pop) scale.
FEATURE_BONUS: dict[str, float] = {
    "CONT": 4.0,
    "PCLI": 4.0,
    "PCLD": 3.0,
    "PCLF": 3.0,
    "PCLS": 3.0,
    "PCLIX": 3.0,
    "TERR": 2.5,
    "PPLC": 1.5,
    "PPLA": 0.8,
    "PPLA2": 0.4,
    "ADM1": -0.3,
    "ADM2": -0.5,
    "RGN": 0.5,
}
CLASS_BONUS: dict[str, float] = {"P": 0.0, "A": 0.0, "L": -0.5, "T": -0.5, "H": -0.5, "S": -1.0}
SUPPLEMENT_FLOOR = 6.5  # curated conflict places outrank same-named hamlets
# A first-level unit whose point lies this close to a city of the same name was geocoded
# to that city ("New York" state at New York City); it is moved to the middle of its
# cities' bounding box, which is where GeoNames (and so the gold corpora) put such units.
NAMESAKE_CITY_KM = 10.0
NAMESAKE_CITY_POPULATION = 10_000  # a geocoder returns a town this size for the name
MIN_CITIES_FOR_BOX = 3


def prior(
    feature_class: str | None, feature_code: str | None, population: int, source: str
) -> float:
    """Context-free score of a place being the one meant: size plus feature type."""
    score = math.log10(1 + max(population or 0, 0))
    score += FEATURE_BONUS.get(feature_code or "", CLASS_BONUS.get(feature_class or "", -1.0))
    if source == "supplement":
        score = max(score, SUPPLEMENT_FLOOR)
    return round(score, 4)


def default_path() -> Path:
    """Where the gazetteer lives by default: the user data dir, versioned by schema."""
    return Path(platformdirs.user_data_dir("eventscope", appauthor=False)) / FILENAME


def ensure_gazetteer(path: Path | str | None = None) -> Path:
    """Return the gazetteer path, building it from installed packages on first use."""
    target = Path(path) if path is not None else default_path()
    if not target.exists():
        log.info("building gazetteer at %s (first use, about a minute)", target)
        build_gazetteer(target)
    return target


def build_gazetteer(
    path: Path | str,
    *,
    geonames_dir: Path | str | None = None,
    sources: Sources | None = None,
) -> Path:
    """Build the gazetteer at ``path`` atomically.

    Args:
        path: Target SQLite file; replaced if it exists.
        geonames_dir: Folder with GeoNames dumps (allCountries.txt or cities500.txt,
            alternateNamesV2.txt, admin1CodesASCII.txt); used instead of the packages'
            city lists when given.
        sources: Injected records (tests); overrides both of the above.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if sources is None:
        if geonames_dir is not None:
            from .geonames import geonames_sources

            sources = geonames_sources(Path(geonames_dir))
        else:
            from .sources import package_sources

            sources = package_sources()
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            _write(conn, sources)
        finally:
            conn.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


# A key stored twice for one place keeps its best flags: primary over alias, exact over loose.
_INSERT_NAME = (
    "INSERT INTO names VALUES (?,?,?,?) ON CONFLICT(key, place_id) DO UPDATE SET"
    " is_primary = max(is_primary, excluded.is_primary), exact = max(exact, excluded.exact)"
)


class _Writer:
    """Inserts records and their name keys, remembering admin1 names for places."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.admin1_names: dict[tuple[str, str], str] = {}

    def place(self, rec: PlaceRecord, extra_aliases: Iterable[str] = ()) -> int:
        admin1_name = None
        if rec.country and rec.admin1_code:
            admin1_name = self.admin1_names.get((rec.country, rec.admin1_code))
        cur = self.conn.execute(
            "INSERT INTO places(geonameid, name, feature_class, feature_code, country,"
            " admin1_code, admin1_name, population, lat, lon, source, prior)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rec.geonameid,
                rec.name,
                rec.feature_class,
                rec.feature_code,
                rec.country,
                rec.admin1_code,
                admin1_name,
                rec.population,
                rec.lat,
                rec.lon,
                rec.source,
                prior(rec.feature_class, rec.feature_code, rec.population, rec.source),
            ),
        )
        place_id = int(cur.lastrowid or 0)
        self.names(place_id, rec.name, (*rec.aliases, *extra_aliases))
        return place_id

    def names(self, place_id: int, primary: str, aliases: Iterable[str]) -> None:
        named = [(primary, 1)] + [(alias, 0) for alias in aliases]
        rows = [(k, place_id, is_primary, 1) for n, is_primary in named for k in exact_keys(n)]
        rows += [(k, place_id, is_primary, 0) for n, is_primary in named for k in loose_keys(n)]
        self.conn.executemany(_INSERT_NAME, rows)


def _write(conn: sqlite3.Connection, sources: Sources) -> None:
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    writer = _Writer(conn)
    n_countries = _write_countries(writer, sources.countries, sources.country_aliases)
    n_admin1 = _write_admin1(writer, sources.admin1, sources.admin1_aliases)
    n_places = sum(1 for rec in sources.places if writer.place(rec))
    _write_extra_names(conn, sources.extra_names)
    conn.execute("CREATE INDEX places_country ON places(country, admin1_code)")
    _fill_aggregates(conn)
    _recentre_namesake_admin1(conn)
    _write_demonyms(conn, sources.demonyms)
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sources": json.dumps(sources.description, sort_keys=True),
        "counts": json.dumps({"countries": n_countries, "admin1": n_admin1, "places": n_places}),
    }
    conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()


def _write_countries(
    writer: _Writer, countries: Iterable[CountryRecord], extra: dict[str, tuple[str, ...]]
) -> int:
    count = 0
    for c in countries:
        place_id = writer.place(
            PlaceRecord(
                geonameid=c.geonameid or 0,
                name=c.name,
                lat=c.lat,
                lon=c.lon,
                country=c.iso2,
                feature_class="A",
                feature_code="PCLI",
                population=c.population,
                aliases=c.aliases,
                source="country",
            ),
            extra_aliases=extra.get(c.iso2, ()),
        )
        writer.conn.execute(
            "INSERT OR REPLACE INTO countries(iso2, iso3, name, capital, lat, lon, population,"
            " geonameid, place_id) VALUES (?,?,?,?,?,?,?,?,?)",
            (c.iso2, c.iso3, c.name, c.capital, c.lat, c.lon, c.population, c.geonameid, place_id),
        )
        count += 1
    return count


def _write_admin1(
    writer: _Writer, admin1: Iterable[Admin1Record], extra: dict[tuple[str, str], tuple[str, ...]]
) -> int:
    count = 0
    for a in admin1:
        writer.admin1_names[(a.country, a.code)] = a.name
        place_id = writer.place(
            PlaceRecord(
                geonameid=a.geonameid or 0,
                name=a.name,
                lat=a.lat if a.lat is not None else math.nan,
                lon=a.lon if a.lon is not None else math.nan,
                country=a.country,
                feature_class="A",
                feature_code="ADM1",
                admin1_code=a.code,
                aliases=a.aliases,
                source="admin1",
            ),
            extra_aliases=extra.get((a.country, a.code), ()),
        )
        writer.conn.execute(
            "INSERT OR REPLACE INTO admin1(country, code, name, lat, lon, geonameid, place_id)"
            " VALUES (?,?,?,?,?,?,?)",
            (a.country, a.code, a.name, a.lat, a.lon, a.geonameid, place_id),
        )
        count += 1
    return count


def _batched_alt(pairs: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, int]]:
    for geonameid, alias in pairs:
        for key in exact_keys(alias):
            yield geonameid, key, 1
        for key in loose_keys(alias):
            yield geonameid, key, 0


def _write_extra_names(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Join streamed (geonameid, alias) pairs onto inserted places by geonameid."""
    conn.executemany("INSERT INTO alt VALUES (?,?,?)", _batched_alt(pairs))
    conn.execute("CREATE INDEX places_geonameid ON places(geonameid)")
    conn.execute(
        "INSERT INTO names SELECT a.key, p.id, 0, a.exact FROM alt a"
        " JOIN places p ON p.geonameid = a.geonameid WHERE true"
        " ON CONFLICT(key, place_id) DO UPDATE SET exact = max(exact, excluded.exact)"
    )
    conn.execute("DROP TABLE alt")


def _fill_aggregates(conn: sqlite3.Connection) -> None:
    """Centroids, populations and bounding boxes derived from the cities.

    NaN centroids are stored as NULL by SQLite, so ``lat IS NULL`` finds them.
    """
    conn.executescript(
        """
        CREATE TEMP TABLE agg1 AS SELECT country, admin1_code, avg(lat) AS lat, avg(lon) AS lon,
            sum(population) AS pop FROM places WHERE feature_class = 'P'
            GROUP BY country, admin1_code;
        CREATE TEMP TABLE aggc AS SELECT country, avg(lat) AS lat, avg(lon) AS lon,
            min(lon) AS west, min(lat) AS south, max(lon) AS east, max(lat) AS north
            FROM places WHERE feature_class = 'P' GROUP BY country;
        UPDATE admin1 SET
            population = coalesce((SELECT pop FROM agg1 g WHERE g.country = admin1.country
                AND g.admin1_code = admin1.code), 0),
            lat = coalesce(lat, (SELECT g.lat FROM agg1 g WHERE g.country = admin1.country
                AND g.admin1_code = admin1.code)),
            lon = coalesce(lon, (SELECT g.lon FROM agg1 g WHERE g.country = admin1.country
                AND g.admin1_code = admin1.code));
        UPDATE countries SET
            lat = coalesce(lat, (SELECT g.lat FROM aggc g WHERE g.country = countries.iso2)),
            lon = coalesce(lon, (SELECT g.lon FROM aggc g WHERE g.country = countries.iso2)),
            west = (SELECT g.west FROM aggc g WHERE g.country = countries.iso2),
            south = (SELECT g.south FROM aggc g WHERE g.country = countries.iso2),
            east = (SELECT g.east FROM aggc g WHERE g.country = countries.iso2),
            north = (SELECT g.north FROM aggc g WHERE g.country = countries.iso2);
        UPDATE places SET population = (SELECT a.population FROM admin1 a
                WHERE a.place_id = places.id),
            lat = (SELECT a.lat FROM admin1 a WHERE a.place_id = places.id),
            lon = (SELECT a.lon FROM admin1 a WHERE a.place_id = places.id)
            WHERE feature_code = 'ADM1' AND source = 'admin1';
        UPDATE places SET
            lat = (SELECT c.lat FROM countries c WHERE c.place_id = places.id),
            lon = (SELECT c.lon FROM countries c WHERE c.place_id = places.id)
            WHERE source = 'country';
        DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE lat IS NULL);
        DELETE FROM places WHERE lat IS NULL;
        DROP TABLE agg1; DROP TABLE aggc;
        """
    )
    conn.create_function("prior", 4, prior, deterministic=True)
    conn.execute(
        "UPDATE places SET prior = prior(feature_class, feature_code, population, source)"
        " WHERE source IN ('admin1', 'country')"
    )


def _namesake_city_near(
    conn: sqlite3.Connection, place_id: int, name: str, country: str, lat: float, lon: float
) -> bool:
    """True when a town sharing a name key with the unit lies at the unit's point."""
    box = NAMESAKE_CITY_KM / 111.0
    cities = conn.execute(
        "SELECT id, name, lat, lon FROM places WHERE country = ? AND feature_class = 'P'"
        " AND population >= ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        (country, NAMESAKE_CITY_POPULATION, lat - box, lat + box, lon - 2 * box, lon + 2 * box),
    ).fetchall()
    unit_keys = sorted(name_keys(name))
    for city_id, city_name, clat, clon in cities:
        if _haversine(lat, lon, clat, clon) > NAMESAKE_CITY_KM:
            continue
        pairs = [(k, city_id) for k in unit_keys] + [(k, place_id) for k in name_keys(city_name)]
        for key, pid in pairs:
            if conn.execute(
                "SELECT 1 FROM names WHERE key = ? AND place_id = ?", (key, pid)
            ).fetchone():
                return True
    return False


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _recentre_namesake_admin1(conn: sqlite3.Connection) -> None:
    """Move first-level units that sit on their namesake city to their cities' box middle.

    Geocoders asked for "New York" or "Córdoba" return the city, so some sources give
    the state or province the city's coordinates, often at the unit's edge and hundreds
    of kilometres from where GeoNames and other geoparsers place the unit.  The middle
    of the bounding box of the unit's own cities is close to that representative point.
    """
    units = conn.execute(
        "SELECT country, code, name, lat, lon, place_id FROM admin1 WHERE lat IS NOT NULL"
    ).fetchall()
    for country, code, name, lat, lon, place_id in units:
        if not _namesake_city_near(conn, place_id, name, country, lat, lon):
            continue
        south, north, west, east, n = conn.execute(
            "SELECT min(lat), max(lat), min(lon), max(lon), count(*) FROM places"
            " WHERE country = ? AND admin1_code = ? AND feature_class = 'P'",
            (country, code),
        ).fetchone()
        if n < MIN_CITIES_FOR_BOX or east - west > 180:
            continue  # too few cities to say where the unit lies, or across the antimeridian
        mid = ((south + north) / 2, (west + east) / 2)
        conn.execute(
            "UPDATE admin1 SET lat = ?, lon = ? WHERE country = ? AND code = ?",
            (*mid, country, code),
        )
        conn.execute("UPDATE places SET lat = ?, lon = ? WHERE id = ?", (*mid, place_id))


def _plural_keys(word: str) -> set[str]:
    key = normalize(word)
    keys = {key}
    if not key.endswith(("ese", "ss", "sh", "ch", "s", "i", "men")):
        keys.add(key + "s")
    elif key.endswith("i"):
        keys.add(key + "s")  # Iraqis, Pakistanis
    return keys


def _demonym_target(conn: sqlite3.Connection, value: str) -> tuple[str | None, int | None]:
    """(iso2, place id) a demonym points at.

    ``value`` is a country code ("SY"), a first-level unit and its country ("England,
    GB": the Welsh, Scots and English are not just British), or a continent's name.
    """
    if len(value) == 2 and value.isupper():
        row = conn.execute("SELECT place_id FROM countries WHERE iso2 = ?", (value,)).fetchone()
        return value, row[0] if row else None
    if ", " in value:
        name, iso2 = value.rsplit(", ", 1)
        row = conn.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?"
            " AND p.country = ? AND p.feature_code = 'ADM1' ORDER BY p.prior DESC",
            (normalize(name), iso2),
        ).fetchone()
        return (iso2, row[0]) if row else (None, None)
    row = conn.execute(
        "SELECT id FROM places WHERE name = ? AND feature_class = 'L' ORDER BY prior DESC",
        (value,),
    ).fetchone()
    return None, row[0] if row else None


def _write_demonyms(conn: sqlite3.Connection, demonyms: dict[str, str]) -> None:
    rows = []
    for word, value in demonyms.items():
        iso2, place_id = _demonym_target(conn, value)
        if iso2 is None and place_id is None:
            continue
        rows += [(key, iso2, place_id) for key in _plural_keys(word)]
    conn.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?,?)", rows)
