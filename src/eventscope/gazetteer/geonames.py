"""Reads full GeoNames dumps (https://download.geonames.org/export/dump/) when a user has them.

The packaged build covers places with 500+ inhabitants.  A user who downloads
``allCountries.txt`` (or ``cities500.txt``), ``alternateNamesV2.txt`` and
``admin1CodesASCII.txt`` can build a much richer gazetteer offline with
``eventscope gazetteer build --geonames-dir DIR``.  Files are streamed line by line, so
even allCountries (12M rows) never sits in memory.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from ..errors import ConfigError, Messages
from .normalize import is_latin
from .records import Admin1Record, PlaceRecord, Sources
from .sources import (
    demonym_records,
    package_continents,
    package_countries,
    supplement_records,
)

PLACES_FILES = ("allCountries.txt", "cities500.txt", "cities1000.txt", "cities5000.txt")
ALT_FILES = ("alternateNamesV2.txt", "alternateNames.txt")

# Non-populated features worth keeping: the kinds of place conflict news locates events at.
KEEP_CODES: frozenset[str] = frozenset(
    {
        "ADM2", "RGN", "AREA", "PRK", "RESV", "MT", "MTS", "VAL", "PASS", "ISL", "PEN",
        "DSRT", "PLAT", "STM", "LK", "SEA", "GULF", "BAY", "STRT", "CMP", "CMPRF", "AIRP",
        "AIRB", "AIRF", "PSTB", "MILB", "DAM", "NPP", "PRT", "BDG",
    }
)  # fmt: skip
# isolanguage values in alternateNames that are codes or links, not names.
PSEUDO_LANGUAGES: frozenset[str] = frozenset(
    {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid"}
)


def _rows(path: Path, min_columns: int) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows with their line numbers; malformed rows raise E051."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < min_columns:
                raise ConfigError(
                    Messages.E051.format(
                        path=path,
                        line=number,
                        detail=f"{len(cols)} columns, {min_columns} expected",
                    )
                )
            yield number, cols


def read_admin1(path: Path) -> list[Admin1Record]:
    """admin1CodesASCII.txt: ``CC.CODE<TAB>name<TAB>ascii name<TAB>geonameid``."""
    out = []
    for _, cols in _rows(path, 4):
        country, _, code = cols[0].partition(".")
        out.append(
            Admin1Record(
                country=country,
                code=code,
                name=cols[1],
                geonameid=int(cols[3]) if cols[3].isdigit() else None,
                aliases=(cols[2],) if cols[2] != cols[1] else (),
            )
        )
    return out


def _inline_aliases(name: str, cell: str) -> tuple[str, ...]:
    keep = [
        a
        for a in cell.split(",")
        if a and a != name and is_latin(a) and not a.islower() and not (a.isupper() and len(a) <= 4)
    ]
    return tuple(dict.fromkeys(keep))


def read_places(path: Path, *, inline_aliases: bool) -> Iterator[PlaceRecord]:
    """Populated places and KEEP_CODES features from a GeoNames main-table file."""
    for number, cols in _rows(path, 19):
        fclass, fcode = cols[6], cols[7]
        if fclass != "P" and fcode not in KEEP_CODES:
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
            geonameid = int(cols[0])
            population = int(cols[14] or 0)
        except ValueError as exc:
            raise ConfigError(Messages.E051.format(path=path, line=number, detail=exc)) from exc
        if math.isnan(lat) or math.isnan(lon):
            continue
        yield PlaceRecord(
            geonameid=geonameid,
            name=cols[1],
            lat=lat,
            lon=lon,
            country=cols[8] or None,
            feature_class=fclass,
            feature_code=fcode,
            admin1_code=cols[10] or None,
            population=population,
            aliases=_inline_aliases(cols[1], cols[3]) if inline_aliases else (),
        )


def read_alternate_names(path: Path) -> Iterator[tuple[int, str]]:
    """(geonameid, name) pairs from alternateNamesV2.txt, minus codes, links and history."""
    for number, cols in _rows(path, 4):
        language = cols[2]
        historic = len(cols) > 7 and cols[7] == "1"
        name = cols[3]
        if language in PSEUDO_LANGUAGES or historic or not is_latin(name) or name.islower():
            continue
        try:
            yield int(cols[1]), name
        except ValueError as exc:
            raise ConfigError(Messages.E051.format(path=path, line=number, detail=exc)) from exc


def geonames_sources(folder: Path) -> Sources:
    """Sources for a build from GeoNames dumps plus the packages' countries and our data."""
    places_file = next((folder / n for n in PLACES_FILES if (folder / n).exists()), None)
    if places_file is None:
        raise ConfigError(Messages.E055.format(path=folder))
    alt_file = next((folder / n for n in ALT_FILES if (folder / n).exists()), None)
    admin1_file = folder / "admin1CodesASCII.txt"
    admin1 = read_admin1(admin1_file) if admin1_file.exists() else []
    supplement, country_aliases, admin1_aliases = supplement_records()

    def places() -> Iterator[PlaceRecord]:
        yield from package_continents()
        yield from supplement
        yield from read_places(places_file, inline_aliases=alt_file is None)

    return Sources(
        countries=package_countries(),
        admin1=admin1,
        places=places(),
        demonyms=demonym_records(),
        country_aliases=country_aliases,
        admin1_aliases=admin1_aliases,
        extra_names=read_alternate_names(alt_file) if alt_file else [],
        description={
            "places": f"GeoNames dump {places_file.name}",
            "alternate_names": alt_file.name if alt_file else "inline column",
            "supplement": "eventscope data/gazetteer/supplement.jsonl",
        },
    )
