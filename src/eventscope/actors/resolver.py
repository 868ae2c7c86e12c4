"""Resolves an actor phrase ("Syrian government forces", "ISIS", "the group") to an actor.

The phrase is scanned left to right for the longest dictionary names and sector words.
Then, in order of how much each tells us:

1. a named actor (group, organisation, person) decides country and sector; a sector
   word only fills in what the name leaves open ("UN peacekeepers");
2. else a country name or demonym gives the country, and a sector word the sector
   ("Syrian army"); a bare country or capital stands for its government ("Moscow said");
3. else a sector word alone gives the sector, and the country is the document's focus
   ("the regime", "government forces");
4. else, inside a document, "the group"/"the militants" refer back to the last named
   armed group.

Nothing is ever dropped: an unknown phrase still comes back as an ActorRef with its
text and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..nlp.mentions import ActorRef
from .codes import ARMED_SECTORS, STATE_SECTORS, acled_inter, decode
from .dictionary import ActorDictionary, AgentWord, NamedActor, load_dictionary
from .text import Token, needs_capitals, tokenize

#: Words after which a phrase stops describing its head ("troops *in* Lebanon").
_CUT_WORDS: frozenset[str] = frozenset(
    {
        "in", "at", "near", "inside", "on", "who", "which", "that", "whose", "after", "during",
        "from", "of", "loyal", "based", "living", "operating", "ordered", "with", "against",
        "to", "under", "across", "around", "outside",
    }
)  # fmt: skip
#: Words that join or determine rather than head a phrase ("Hungarian *and* Romanian").
_LINKING_WORDS: frozenset[str] = frozenset(
    {"and", "or", "nor", "but", "the", "a", "an", "its", "their", "his", "her", "s"}
)
#: Words that turn a state office holder into a former one (PLOVER ELI).
_FORMER: frozenset[str] = frozenset(
    {"former", "ex", "ousted", "deposed", "exiled", "toppled", "overthrown", "onetime", "erstwhile"}
)
#: Definite phrases that point back to the last named armed group.
_ANAPHORS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("group",),
        ("militants",),
        ("militant", "group"),
        ("jihadists",),
        ("jihadist", "group"),
        ("insurgents",),
        ("extremists",),
        ("extremist", "group"),
        ("organisation",),
        ("organization",),
        ("terrorist", "group"),
        ("armed", "group"),
        ("fighters",),
        ("movement",),
        ("rebel", "group"),
    }
)
_MAX_NGRAM = 10
_KIND_PRIORITY = {"group": 0, "org": 1, "person": 2, "country": 3, "surname": 4}

#: Canonical name patterns for actors known only by country and sector (ACLED-like).
_SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "GOV": ("Government of {c}", "Government"),
    "MIL": ("Military Forces of {c}", "Military Forces"),
    "COP": ("Police Forces of {c}", "Police Forces"),
    "SPY": ("Intelligence Services of {c}", "Intelligence Services"),
    "JUD": ("Judiciary of {c}", "Judiciary"),
    "LEG": ("Legislature of {c}", "Legislature"),
    "REB": ("Rebels ({c})", "Rebels"),
    "UAF": ("Unidentified Armed Group ({c})", "Unidentified Armed Group"),
    "PRM": ("Militia ({c})", "Militia"),
    "CRM": ("Criminal Group ({c})", "Criminal Group"),
    "CVL": ("Civilians ({c})", "Civilians"),
    "REF": ("Refugees/IDPs ({c})", "Refugees/IDPs"),
    "JRN": ("Journalists ({c})", "Journalists"),
    "MED": ("Health Workers ({c})", "Health Workers"),
    "EDU": ("Students and Teachers ({c})", "Students and Teachers"),
    "LAB": ("Labour Group ({c})", "Labour Group"),
    "BUS": ("Business ({c})", "Business"),
    "AGR": ("Farmers ({c})", "Farmers"),
    "REL": ("Religious Group ({c})", "Religious Group"),
    "PTY": ("Political Party ({c})", "Political Party"),
    "OPP": ("Political Opposition ({c})", "Political Opposition"),
    "ELI": ("Former Officials ({c})", "Former Officials"),
    "SOC": ("Civil Society ({c})", "Civil Society"),
}
#: Civilians split by what ACLED calls them when the word decides it.
_CIVILIAN_LABELS: dict[int, tuple[str, str]] = {
    6: ("Protesters ({c})", "Protesters"),
    5: ("Rioters ({c})", "Rioters"),
    4: ("Identity Militia ({c})", "Identity Militia"),
}


@dataclass(frozen=True)
class _Match:
    """A dictionary hit covering tokens ``[i, j)``."""

    i: int
    j: int
    actors: tuple[NamedActor, ...] = ()
    agent: AgentWord | None = None


@dataclass
class DocMemory:
    """What a document tells the resolver beyond the phrase itself.

    Attributes:
        country_focus: The document's most mentioned country (ISO3), for phrases
            without a country ("the regime").
        when: The article's date, to pick date-limited codes (office holders).
        names: Names defined in the document ("Syrian Democratic Forces (SDF)").
        armed_groups: ``(start_char, ActorRef)`` of named armed groups, in text order.
    """

    country_focus: str | None = None
    when: date | None = None
    names: dict[tuple[str, ...], NamedActor] = field(default_factory=dict)
    armed_groups: list[tuple[int, ActorRef]] = field(default_factory=list)

    def last_armed_group(self, before: int) -> ActorRef | None:
        """The last named armed group mentioned before character ``before``."""
        found = None
        for start, ref in self.armed_groups:
            if start >= before:
                break
            found = ref
        return found


def slug(*parts: str | None) -> str:
    """Stable lower-case id from parts: ``slug("SYR", "Free Syrian Army")``."""
    text = "-".join(p for p in parts if p)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class ActorResolver:
    """Matches phrases against an :class:`ActorDictionary` (shared, read-only)."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or load_dictionary()

    # -- matching -----------------------------------------------------------------

    def _name_at(self, tokens: list[Token], i: int, memory: DocMemory | None) -> _Match | None:
        """Longest named-actor match starting at token ``i``."""
        limit = min(len(tokens), i + min(self.dictionary.max_name_len, _MAX_NGRAM))
        for j in range(limit, i, -1):
            span = tokens[i:j]
            key = tuple(t.norm for t in span)
            actors: list[NamedActor] = []
            if memory is not None and key in memory.names:
                actors = [memory.names[key]]
            elif key in self.dictionary.names:
                actors = self.dictionary.names[key]
            if not actors or not any(t.cap for t in span):
                continue  # proper names are capitalised; "government" is not one
            if needs_capitals(key) and not all(t.upper for t in span):
                continue
            ordered = sorted(actors, key=lambda a: _KIND_PRIORITY.get(a.kind, 9))
            return _Match(i, j, actors=tuple(ordered))
        return None

    def _agent_at(self, tokens: list[Token], i: int) -> _Match | None:
        """Longest sector-word match starting at token ``i``."""
        limit = min(len(tokens), i + self.dictionary.max_agent_len)
        for j in range(limit, i, -1):
            key = tuple(t.norm for t in tokens[i:j])
            word = self.dictionary.agents.get(key)
            if word is not None:
                return _Match(i, j, agent=word)
        return None

    def scan(self, tokens: list[Token], memory: DocMemory | None = None) -> list[_Match]:
        """Greedy left-to-right scan; names win over sector words at the same token."""
        matches: list[_Match] = []
        i = 0
        while i < len(tokens):
            match = self._name_at(tokens, i, memory) or self._agent_at(tokens, i)
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match.j
        return matches

    def country_of(self, text: str) -> str | None:
        """The country a place name or demonym denotes ("Syrian" -> SYR), if any."""
        for match in self.scan(tokenize(text)):
            for actor in match.actors:
                if actor.kind == "country":
                    return actor.resolved()[0]
        return None

    # -- resolution ---------------------------------------------------------------

    def resolve(
        self,
        text: str,
        *,
        start_char: int = 0,
        country_focus: str | None = None,
        when: date | None = None,
        memory: DocMemory | None = None,
        head: int | None = None,
    ) -> ActorRef:
        """Resolve one actor phrase; offsets are ``start_char`` + the phrase length.

        ``head`` is the character offset, inside ``text``, of the phrase's syntactic head
        when a parser found one.
        """
        return self.resolve_named(
            text,
            start_char=start_char,
            country_focus=country_focus,
            when=when,
            memory=memory,
            head=head,
        )[0]

    def resolve_named(
        self,
        text: str,
        *,
        start_char: int = 0,
        country_focus: str | None = None,
        when: date | None = None,
        memory: DocMemory | None = None,
        head: int | None = None,
    ) -> tuple[ActorRef, bool]:
        """Like :meth:`resolve`, also saying whether a *named* actor decided the result.

        Documents only remember named actors for later "the group" references; a
        generic "rebels" must not become the antecedent.
        """
        if memory is not None:
            country_focus = country_focus or memory.country_focus
            when = when or memory.when
        ref = ActorRef(text=text, start_char=start_char, end_char=start_char + len(text))
        tokens = tokenize(text)
        if memory is not None and _is_anaphor(tokens):
            antecedent = memory.last_armed_group(start_char)
            if antecedent is not None:
                return _copy_identity(ref, antecedent), False
        matches = self.scan(tokens, memory)
        ethnic = self._ethnic_matches(matches, tokens)
        front, tail = self._split_at_head(matches, tokens, head)
        places = self._places(front, ethnic) or self._places(tail, ethnic)
        named = self._named_matches(front, places, when)
        agents = [m for m in front if m.agent is not None]
        agent = agents[-1].agent if agents else None  # English heads come last
        if agent is None and ethnic:
            agent = AgentWord("CVL", 7)  # "ethnic Albanians": a people, country unknown
        if named:
            best = max(named, key=lambda m: (m.j - m.i, -m.i))
            title = agent
            if title is None and best.actors[0].kind in ("person", "surname"):
                title = self._title_in(tokens[best.i : best.j])
            self._fill_named(ref, best.actors[0], places, title, when)
            if ref.sector is None and title is None:
                # A place PETRARCH files as an organisation ("Juba", "Armenia").
                ref.sector = self._place_role([best], tokens).sector
        elif places:
            country = places[0].actors[0].resolved(when)[0]
            self._fill_generic(ref, country, agent or self._place_role(front, tokens))
        elif agent is not None:
            country = _first_country(tail, when) or country_focus
            self._fill_generic(ref, country, agent)
        ref.sector = _PSEUDO_SECTORS.get(ref.sector or "", ref.sector)
        if ref.sector in STATE_SECTORS and _says_former(tokens, front):
            ref.sector = "ELI"  # "ousted President X", "former defence minister"
            ref.actor_id = slug(ref.country or "xxx", ref.name or "", "former")
        ref.acled_inter = _inter(ref, agent if not named else None, country_focus)
        return ref, bool(named)

    def _places(self, matches: list[_Match], ethnic: set[int]) -> list[_Match]:
        """Matches that name a country (or its city or people), minus ethnic labels."""
        return [
            m for m in matches if m.actors and m.actors[0].kind == "country" and id(m) not in ethnic
        ]

    def _ethnic_matches(self, matches: list[_Match], tokens: list[Token]) -> set[int]:
        """Demonyms marked as ethnicity ("ethnic Albanians"): a people, not a state.

        Returned as ``id()`` of the matches, which are otherwise equal-by-value.
        """
        found: set[int] = set()
        for m in matches:
            key = tuple(t.norm for t in tokens[m.i : m.j])
            marked = m.i > 0 and tokens[m.i - 1].norm == "ethnic"
            if key[:1] == ("ethnic",):
                key, marked = key[1:], True
            if marked and m.actors and key in self.dictionary.demonyms:
                found.add(id(m))
        return found

    def _place_role(self, front: list[_Match], tokens: list[Token]) -> AgentWord:
        """The sector a country-only phrase implies, from what kind of place word it is.

        "Palestinians" (a demonym used as a noun) and a city that is acted upon mean
        their people (CVL); a country, or a capital that acts ("Moscow said"), means its
        government.  A country followed by a noun we do not know ("Iraqi towns",
        "British nationals") is about that noun, which is no state organ: CVL.
        """
        civilians = AgentWord("CVL", 7)
        last = max((m for m in front if m.actors), key=lambda m: m.j)
        following = tokens[last.j] if last.j < len(tokens) else None
        if following is not None and following.norm not in _CUT_WORDS | _LINKING_WORDS:
            return AgentWord("GOV") if following.cap else civilians
        key = tuple(t.norm for t in tokens[last.i : last.j])
        if key in self.dictionary.demonyms:
            return civilians
        if key in self.dictionary.cities and key not in self.dictionary.capitals:
            return civilians
        return AgentWord("GOV")

    def _split_at_head(
        self, matches: list[_Match], tokens: list[Token], head: int | None
    ) -> tuple[list[_Match], list[_Match]]:
        """Matches up to the phrase's head, and those in its post-modifiers.

        With a parser's head offset the head region ends at that token ("Doctors *from*
        two American aid groups" -> "Doctors"); without one, at the first preposition or
        relative word outside a matched name ("troops *in* Lebanon").  When nothing
        matched before the boundary the whole phrase counts ("forces in the north of
        Syria" still learns its country from the tail).
        """
        covered = {k for m in matches for k in range(m.i + 1, m.j)}
        end: int | None = None
        if head is not None:
            end = next((k + 1 for k, t in enumerate(tokens) if t.start <= head < t.end), None)
        if end is None:
            end = next(
                (
                    k
                    for k, t in enumerate(tokens)
                    if k > 0 and t.norm in _CUT_WORDS and k not in covered
                ),
                None,
            )
        if end is None:
            return matches, []
        front = [m for m in matches if m.i < end]
        if not front:
            return matches, []
        return front, [m for m in matches if m.i >= end]

    @staticmethod
    def _named_matches(
        matches: list[_Match], places: list[_Match], when: date | None
    ) -> list[_Match]:
        """Named-actor matches worth trusting.

        A bare surname ("Mubarak") is weak evidence: it counts only as the phrase's last
        word and only when no country named in the phrase contradicts it ("King Hassan
        of Morocco" is not a Jordanian Hassan).
        """
        place_countries = {p.actors[0].resolved(when)[0] for p in places}

        def agrees(m: _Match) -> bool:
            country = m.actors[0].resolved(when)[0]
            return not place_countries or country is None or country in place_countries

        named = [m for m in matches if m.actors and m.actors[0].kind != "country"]
        # A person or a one-word name from another country than the phrase names is
        # more likely a namesake than the actor ("King Hassan of Morocco").
        named = [
            m
            for m in named
            if agrees(m) or (m.actors[0].kind in ("org", "group") and m.j - m.i > 1)
        ]
        strong = [m for m in named if m.actors[0].kind != "surname"]
        if strong or not named:
            return strong
        last = max(m.j for m in matches)
        return [m for m in named if m.j == last]

    def _title_in(self, tokens: list[Token]) -> AgentWord | None:
        """A sector word inside a matched name ("PRESIDENT REAGAN" is one PETRARCH name)."""
        found = None
        for i in range(len(tokens)):
            match = self._agent_at(tokens, i)
            if match is not None:
                found = match.agent
        return found

    def _fill_named(
        self,
        ref: ActorRef,
        actor: NamedActor,
        places: list[_Match],
        agent: AgentWord | None,
        when: date | None,
    ) -> None:
        country, sector = actor.resolved(when)
        if country is None and places:
            country = places[0].actors[0].resolved(when)[0]
        if agent is not None and sector in (None, "IGO", "NGO"):
            sector = agent.sector
        elif agent is not None and len(actor.codes) > 1 and agent.sector != sector:
            # "President Mubarak": the title picks the role the person held at the time
            # when the article date is unknown and the latest role differs.
            held = {decode(span.code).sector for span in actor.codes}
            if agent.sector in held:
                sector = agent.sector
        ref.name = actor.name
        ref.country = country
        ref.sector = sector
        ref.actor_id = slug(country or "xxx", actor.name)
        ref.acled_inter = actor.inter

    def _fill_generic(self, ref: ActorRef, country: str | None, agent: AgentWord) -> None:
        label_with, label_without = _SECTOR_LABELS.get(agent.sector, ("{c}", agent.sector))
        if agent.inter in _CIVILIAN_LABELS:
            label_with, label_without = _CIVILIAN_LABELS[agent.inter]
        country_name = self.dictionary.country_name(country)
        ref.name = label_with.format(c=country_name) if country_name else label_without
        ref.country = country
        ref.sector = agent.sector
        kind = {6: "protesters", 5: "rioters", 4: "identity"}.get(agent.inter or 0)
        ref.actor_id = slug(country or "xxx", agent.sector, kind)
        ref.acled_inter = agent.inter


def _is_anaphor(tokens: list[Token]) -> bool:
    """ "the group", "the militants": definite and nothing else."""
    if len(tokens) < 2 or tokens[0].norm != "the":
        return False
    return tuple(t.norm for t in tokens[1:]) in _ANAPHORS


#: Pseudo-sectors the dictionary uses for an organisation without a role; PLOVER has no
#: IGO/NGO sector, so an intergovernmental body acts as a governing one and an NGO as
#: civil society.
_PSEUDO_SECTORS: dict[str, str] = {"IGO": "GOV", "NGO": "SOC"}


def _first_country(matches: list[_Match], when: date | None) -> str | None:
    """The first country any match in ``matches`` resolves to ("president *of Armenia*")."""
    for m in matches:
        for actor in m.actors[:1]:
            country = actor.resolved(when)[0]
            if country is not None:
                return country
    return None


def _says_former(tokens: list[Token], front: list[_Match]) -> bool:
    """Whether a "former"-like word stands before the phrase's head."""
    end = max((m.j for m in front), default=len(tokens))
    return any(t.norm in _FORMER for t in tokens[:end])


def _copy_identity(ref: ActorRef, source: ActorRef) -> ActorRef:
    """``ref`` with ``source``'s resolution but its own text and offsets."""
    ref.name, ref.country, ref.sector = source.name, source.country, source.sector
    ref.acled_inter, ref.actor_id = source.acled_inter, source.actor_id
    return ref


def _inter(ref: ActorRef, agent: AgentWord | None, country_focus: str | None) -> int | None:
    """ACLED inter: an explicit code (group or word) first, else from the sector.

    State forces outside the focus country become external forces (8) either way.
    """
    explicit = ref.acled_inter if ref.acled_inter is not None else None
    if explicit is None and agent is not None:
        explicit = agent.inter
    derived = acled_inter(ref.country, ref.sector, country_focus=country_focus)
    inter = explicit if explicit is not None else derived
    if inter == 1 and derived == 8:
        return 8
    return inter


def is_armed_group(ref: ActorRef) -> bool:
    """Whether an actor is armed and non-state, i.e. can be "the group" later on."""
    return ref.sector in ARMED_SECTORS or ref.country == "IMG"


_DEFAULT: ActorResolver | None = None


def resolve_actor(
    text: str,
    *,
    country_focus: str | None = None,
    when: date | None = None,
    start_char: int = 0,
) -> ActorRef:
    """Resolve one actor phrase with the shipped dictionary (pure: no document state).

    >>> resolve_actor("Syrian regime").country
    'SYR'
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = ActorResolver()
    return _DEFAULT.resolve(text, start_char=start_char, country_focus=country_focus, when=when)
