"""Read-only access to a built gazetteer.

Lookups are indexed SQLite queries; nothing is loaded into memory beyond SQLite's page
cache and a small LRU of recent answers, so a pipeline process stays light and many
processes can share one file.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Messages
from ..nlp.mentions import Resolution
from .build import SCHEMA_VERSION
from .normalize import loose, normalize

_PLACE_COLUMNS = (
    "p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1_name, p.feature_class,"
    " p.feature_code, p.population, p.prior"
)
PRIMARY_NAME_BONUS = 1.0  # "Aleppo" is the city's own name but only an alias of the province
# A loose (transliteration-tolerant) match needs this many letters: "Raqa" -> Raqqa is a
# spelling, "SA" -> Saa or "Ala" -> Alla a coincidence.
LOOSE_MIN_LETTERS = 4


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry for a name, with its context-free score."""

    resolution: Resolution
    prior: float
    primary: bool


@dataclass(frozen=True)
class Country:
    """A row of the countries table."""

    iso2: str
    iso3: str
    name: str
    capital: str | None
    lat: float
    lon: float
    population: int
    bbox: tuple[float, float, float, float] | None  # west, south, east, north


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


distance_km = _haversine_km


class Gazetteer:
    """A built gazetteer file opened read-only.

    Example::

        gaz = Gazetteer(ensure_gazetteer())
        gaz.lookup("Aleppo")[0].country_code   # 'SY'
        gaz.demonym("Afghan")                  # 'AF'
    """

    def __init__(self, path: Path | str, *, cache_size: int = 8192) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise ConfigError(Messages.E050.format(path=self.path))
        self._cache_size = cache_size
        self._connect()
        found = self._scalar("SELECT value FROM meta WHERE key = 'schema_version'", ())
        if found != str(SCHEMA_VERSION):
            self._conn.close()
            raise ConfigError(
                Messages.E052.format(path=self.path, found=found, expected=SCHEMA_VERSION)
            )

    def _connect(self) -> None:
        """(Re)open the read-only connection; also used after fork/unpickling in workers."""
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        self._pid = os.getpid()
        self._conn_obj = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._candidates = lru_cache(maxsize=self._cache_size)(self._query_candidates)

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a forked worker must not share the parent's handle
            self._connect()
        return self._conn_obj

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "cache_size": self._cache_size}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.path = Path(str(state["path"]))
        self._cache_size = int(state["cache_size"])  # type: ignore[call-overload]
        self._connect()

    def _scalar(self, sql: str, args: tuple[object, ...]) -> str | None:
        try:
            with self._lock:
                row = self._conn.execute(sql, args).fetchone()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                Messages.E052.format(path=self.path, found="unreadable", expected=SCHEMA_VERSION)
            ) from exc
        return None if row is None else row[0]

    def close(self) -> None:
        """Close the connection (the object is unusable afterwards)."""
        self._conn.close()

    # --- names --------------------------------------------------------------------------

    def _query_candidates(self, key: str, limit: int) -> tuple[tuple[Candidate, bool], ...]:
        """(candidate, exact) pairs for a key, exact spellings first, then by prior."""
        sql = (
            f"SELECT {_PLACE_COLUMNS}, n.is_primary, n.exact FROM names n JOIN places p"
            " ON p.id = n.place_id WHERE n.key = ? ORDER BY n.exact DESC,"
            f" p.prior + n.is_primary * {PRIMARY_NAME_BONUS} DESC, p.population DESC LIMIT ?"
        )
        with self._lock:
            rows = self._conn.execute(sql, (key, limit)).fetchall()
        return tuple(
            (
                Candidate(
                    resolution=_resolution(r),
                    prior=r[9] + (PRIMARY_NAME_BONUS if r[10] else 0.0),
                    primary=bool(r[10]),
                ),
                bool(r[11]),
            )
            for r in rows
        )

    def candidates(self, name: str, *, limit: int = 25) -> list[Candidate]:
        """Entries whose name or alternate name is ``name``, best prior first.

        Entries spelled exactly so (up to case, accents and punctuation) win; only when
        there are none do transliteration-tolerant matches count ("Raqa" -> Raqqa), and
        only for names long enough that such a match is not a coincidence.
        """
        key = normalize(name)
        if key.startswith("the "):
            key = key[4:]
        if not key:
            return []
        found = self._candidates(key, limit)
        exact = [c for c, is_exact in found if is_exact]
        if exact:
            return exact
        if _letters(key) < LOOSE_MIN_LETTERS:
            return []
        if not found and loose(key) != key:
            found = self._candidates(loose(key), limit)
        return [c for c, _ in found]

    def lookup(self, name: str, *, limit: int = 10) -> list[Resolution]:
        """Resolutions for ``name``, ranked by feature type and population."""
        return [c.resolution for c in self.candidates(name, limit=limit)]

    def known(self, names: list[str]) -> dict[str, float]:
        """Normalised key -> best prior, for those of ``names`` the gazetteer knows.

        One query for a whole document's candidate n-grams keeps matching cheap.
        """
        exact = {normalize(n) for n in names} - {""}
        variants = {
            loose(k): k for k in exact if loose(k) != k and _letters(k) >= LOOSE_MIN_LETTERS
        }
        keys = sorted(exact | set(variants))
        out: dict[str, float] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT n.key, max(p.prior) FROM names n JOIN places p ON p.id = n.place_id"
                f" WHERE n.key IN ({marks}) AND (n.exact = 1 OR length(replace(n.key, ' ', ''))"
                f" >= {LOOSE_MIN_LETTERS}) GROUP BY n.key"
            )
            with self._lock:
                out.update(dict(self._conn.execute(sql, chunk).fetchall()))
        for variant, key in variants.items():  # report a loose hit under the asked key
            if variant in out and key not in out:
                out[key] = out[variant]
        return {k: v for k, v in out.items() if k in exact}

    # --- countries and demonyms -----------------------------------------------------------

    def _country(self, column: str, code: str) -> Country | None:
        sql = (
            "SELECT iso2, iso3, name, capital, lat, lon, population, west, south, east, north"
            f" FROM countries WHERE {column} = ?"
        )
        with self._lock:
            row = self._conn.execute(sql, (code.upper(),)).fetchone()
        if row is None:
            return None
        bbox = None if row[7] is None else (row[7], row[8], row[9], row[10])
        return Country(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or 0, bbox)

    def country_by_iso2(self, iso2: str) -> Country | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._country("iso2", iso2)

    def country_by_iso3(self, iso3: str) -> Country | None:
        """The country with this ISO 3166-1 alpha-3 code."""
        return self._country("iso3", iso3)

    def country_name(self, iso2: str) -> str | None:
        """English short name of a country ("Syria")."""
        country = self.country_by_iso2(iso2)
        return country.name if country else None

    def iso3(self, iso2: str) -> str | None:
        """ISO3 code for an ISO2 code ("SY" -> "SYR")."""
        country = self.country_by_iso2(iso2)
        return country.iso3 if country else None

    def country_resolution(self, iso2: str) -> Resolution | None:
        """The country itself as a Resolution (used for demonyms)."""
        country = self.country_by_iso2(iso2)
        if country is None:
            return None
        gid = self._scalar(
            "SELECT p.geonameid FROM countries c JOIN places p ON p.id = c.place_id"
            " WHERE c.iso2 = ?",
            (country.iso2,),
        )
        return Resolution(
            name=country.name,
            geonameid=int(gid) if gid else None,
            lat=country.lat,
            lon=country.lon,
            country_code=country.iso2,
            admin1=None,
            feature_class="A",
            feature_code="PCLI",
            population=country.population,
        )

    def demonym(self, word: str) -> str | None:
        """ISO2 of the country a demonym refers to ("Syrian" -> "SY"), else None."""
        value = self._scalar("SELECT iso2 FROM demonyms WHERE key = ?", (normalize(word),))
        return None if value is None else str(value)

    def is_demonym(self, word: str) -> bool:
        """True for a country's or a continent's demonym ("Syrian", "European")."""
        key = normalize(word)
        return self._scalar("SELECT 1 FROM demonyms WHERE key = ?", (key,)) is not None

    def demonym_resolution(self, word: str) -> Resolution | None:
        """The country or continent a demonym refers to, as a Resolution."""
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM demonyms d JOIN places p ON p.id = d.place_id"
            " WHERE d.key = ?"
        )
        with self._lock:
            r = self._conn.execute(sql, (normalize(word),)).fetchone()
        if r is None:
            return None
        return _resolution(r)

    def meta(self) -> dict[str, str]:
        """Build metadata (schema version, build time, sources, counts)."""
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())


def _letters(key: str) -> int:
    return len(key.replace(" ", ""))


def _resolution(r: tuple[Any, ...]) -> Resolution:
    """A Resolution from the first nine columns every place query selects."""
    return Resolution(
        name=r[0],
        geonameid=r[1],
        lat=r[2],
        lon=r[3],
        country_code=r[4],
        admin1=r[5],
        feature_class=r[6],
        feature_code=r[7],
        population=r[8] or 0,
    )
