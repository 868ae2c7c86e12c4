"""The grammar of actor phrases: closed word classes and small pure helpers.

The resolver (:mod:`eventscope.actors.resolver`) matches a phrase against the dictionary;
this module holds what it knows about English noun phrases independently of any
dictionary entry: where a phrase stops describing its head ("troops *in* Lebanon"),
which words link rather than head ("Hungarian *and* Romanian"), which make an office
former ("ousted"), sponsor ("US-*backed*") or stance ("*pro*-Iranian") words, the
definite back-references ("the group"), and the canonical names of generic actors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..nlp.mentions import ActorRef
from .dictionary import AgentWord, NamedActor
from .text import Token

#: Words after which a phrase stops describing its head ("troops *in* Lebanon").
CUT_WORDS: frozenset[str] = frozenset(
    {
        "in", "at", "near", "inside", "on", "who", "which", "that", "whose", "after", "during",
        "from", "of", "loyal", "based", "living", "operating", "ordered", "with", "against",
        "to", "under", "across", "around", "outside",
    }
)  # fmt: skip
#: Words that join or determine rather than head a phrase ("Hungarian *and* Romanian").
LINKING_WORDS: frozenset[str] = frozenset(
    {"and", "or", "nor", "but", "the", "a", "an", "its", "their", "his", "her", "s"}
)
#: Words that turn a state office holder into a former one (PLOVER ELI).
FORMER: frozenset[str] = frozenset(
    {"former", "ex", "ousted", "deposed", "exiled", "toppled", "overthrown", "onetime", "erstwhile"}
)
#: Words after a country that make it a sponsor, not the actor's own ("US-*backed* rebels").
PATRON_AFTER: frozenset[str] = frozenset(
    {
        "backed", "sponsored", "supported", "funded", "financed", "armed", "trained",
        "allied", "aligned", "linked", "inspired", "friendly", "leaning", "oriented",
    }
)  # fmt: skip
#: Prefixes before a country that make it a stance, not the actor's own ("*pro*-Iranian").
STANCE_BEFORE: frozenset[str] = frozenset({"pro", "anti"})
#: Definite phrases that point back to the last named armed group.
ANAPHORS: frozenset[tuple[str, ...]] = frozenset(
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
#: Canonical name patterns for actors known only by country and sector (ACLED-like).
SECTOR_LABELS: dict[str, tuple[str, str]] = {
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
CIVILIAN_LABELS: dict[int, tuple[str, str]] = {
    6: ("Protesters ({c})", "Protesters"),
    5: ("Rioters ({c})", "Rioters"),
    4: ("Identity Militia ({c})", "Identity Militia"),
}


@dataclass(frozen=True)
class Match:
    """A dictionary hit covering tokens ``[i, j)``."""

    i: int
    j: int
    actors: tuple[NamedActor, ...] = ()
    agent: AgentWord | None = None


def is_anaphor(tokens: list[Token]) -> bool:
    """ "the group", "the militants": definite and nothing else."""
    if len(tokens) < 2 or tokens[0].norm != "the":
        return False
    return tuple(t.norm for t in tokens[1:]) in ANAPHORS


#: Pseudo-sectors the dictionary uses for an organisation without a role; PLOVER has no
#: IGO/NGO sector, so an intergovernmental body acts as a governing one and an NGO as
#: civil society.
PSEUDO_SECTORS: dict[str, str] = {"IGO": "GOV", "NGO": "SOC"}


def is_country(match: Match) -> bool:
    return bool(match.actors) and match.actors[0].kind == "country"


def stances(matches: list[Match], tokens: list[Token]) -> set[int]:
    """Country matches that name a sponsor or a stance: "US-backed", "pro-Iranian".

    Returned as ``id()`` of the matches, like the ethnic labels: such a country is not
    the actor's own ("US-backed rebels" in Syria are Syrian rebels).
    """
    found: set[int] = set()
    for m in matches:
        if not m.actors or m.actors[0].kind != "country":
            continue
        after = tokens[m.j].norm if m.j < len(tokens) else ""
        before = tokens[m.i - 1].norm if m.i > 0 else ""
        if after in PATRON_AFTER or before in STANCE_BEFORE:
            found.add(id(m))
    return found


def first_country(matches: list[Match], when: date | None) -> str | None:
    """The first country any match in ``matches`` resolves to ("president *of Armenia*")."""
    for m in matches:
        for actor in m.actors[:1]:
            country = actor.resolved(when)[0]
            if country is not None:
                return country
    return None


def says_former(tokens: list[Token], front: list[Match]) -> bool:
    """Whether a "former"-like word stands before the phrase's head."""
    end = max((m.j for m in front), default=len(tokens))
    return any(t.norm in FORMER for t in tokens[:end])


def copy_identity(ref: ActorRef, source: ActorRef) -> ActorRef:
    """``ref`` with ``source``'s resolution but its own text and offsets."""
    ref.name, ref.country, ref.sector = source.name, source.country, source.sector
    ref.acled_inter, ref.actor_id = source.acled_inter, source.actor_id
    return ref
