"""Places stage: geoparses the article and gives each event a location.

``doc._.places`` gets every place mention (character offsets into ``doc.text``) with a
role and a gazetteer resolution; each :class:`EventMention` gets ``location``.

Roles, because not every place named is where something happened:

- ``metonymy``: the place stands for its government or people ("Washington said",
  "Moscow backs"), i.e. it is the subject of a speech/agent verb or lies in an event's
  actor span (or recipient span, except for events whose object can be the place itself,
  like "shelled Eastern Ghouta").
- ``comparison``: a metaphor or comparison ("like Aleppo", "another Srebrenica").
- ``event_location``: linked to an event below.
- ``other``: anything else.

Event location, most reliable evidence first (precision follows ACLED's geo_precision):

1. a place in the trigger's own syntactic subtree (its object or prepositional phrase);
2. else a place elsewhere in the event's sentence;
   in both, the most specific place wins (then the nearest to the trigger), with
   precision 1 for populated places, camps and facilities, 2 for districts, valleys,
   mountains, rivers, regions inside one province and anything "near"/"south of" a
   place, 3 for provinces, countries, seas and larger regions;
3. else the article's main place (its most mentioned resolved place), one precision step
   coarser than its feature type (a city -> 2, anything else -> 3), because nothing ties
   the event to it except the article.

Comparison, metonymy and demonym mentions are never linked.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, ensure_gazetteer
from ..gazetteer.geoparse import DIRECTIONS, NEAR_WORDS, Found, find_places
from ..nlp.extensions import get_list
from ..nlp.mentions import EventLocation, EventMention, PlaceMention, Resolution

_AGENT_VERB_TEXT = (
    "say tell announce claim deny accuse condemn back support warn urge demand reject "
    "threaten sanction impose respond insist agree sign call veto vow pledge expel retaliate "
    "welcome criticize criticise blame recognize recognise propose offer refuse confirm report "
    "state declare order send deploy push seek want ask plan decide dismiss express "
    "oppose approve allow ban summon protest negotiate argue believe hope fear acknowledge"
)
AGENT_VERBS = frozenset(_AGENT_VERB_TEXT.split())
# Events whose object can be the place where they happen ("shelled Eastern Ghouta").
LOCATIVE_OBJECT_EVENTS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST"})
COMPARISON_BEFORE: tuple[tuple[str, ...], ...] = (
    ("like",),
    ("unlike",),
    ("another",),
    ("as", "in"),
    ("compared", "with"),
    ("compared", "to"),
    ("comparison", "with"),
    ("comparison", "to"),
    ("reminiscent", "of"),
    ("akin", "to"),
    ("similar", "to"),
    ("a", "la"),
    ("à", "la"),
    ("a", "new"),
    ("a", "second"),
    ("the", "next"),
)
COARSE_CODES = ("ADM1", "PCL", "CONT", "TERR")
COARSE_REGION_CLASSES = frozenset({"RGN", "SEA", "GULF", "OCN"})


# --- roles ------------------------------------------------------------------------------


def _is_comparison(span: Span) -> bool:
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    for pattern in COMPARISON_BEFORE:
        if tuple(before[-len(pattern) :]) == pattern:
            return True
    after = doc[span.end : span.end + 3]
    if len(after) and after[0].text in {"-style", "-like"}:
        return True
    if len(after) >= 2 and after[0].text == "-" and after[1].lower_ in {"style", "like"}:
        return True
    # "the Aleppo of the region": a place used as a type of thing
    return (
        span.start > 0
        and doc[span.start - 1].lower_ == "the"
        and len(after) >= 2
        and after[0].lower_ == "of"
        and after[1].lower_ in {"the", "its", "their", "this"}
    )


def _is_agent_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in AGENT_VERBS


def _inside(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)


def _role(f: Found, events: list[EventMention]) -> str:
    span = f.span
    if _is_comparison(span):
        return "comparison"
    if _is_agent_subject(span):
        return "metonymy"
    for ev in events:
        if _inside(span, ev.actor_spans):
            return "metonymy"
        if ev.event not in LOCATIVE_OBJECT_EVENTS and _inside(span, ev.recipient_spans):
            return "metonymy"
    return "other"


# --- event location ---------------------------------------------------------------------


def feature_precision(res: Resolution) -> int:
    """ACLED-style precision of a resolved place: 1 town/site, 2 district, 3 province+."""
    code = res.feature_code or ""
    if code.startswith(COARSE_CODES):
        return 3
    if code in COARSE_REGION_CLASSES:
        # a region inside one province (Eastern Ghouta) is district-sized; Darfur is not
        return 2 if res.admin1 else 3
    if res.feature_class in {"P", "S"}:
        return 1
    return 2


def _is_near(span: Span) -> bool:
    """ "near X", "south of X", "outskirts of X": the event is around X, not in it."""
    doc = span.doc
    prev = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    if prev and prev[-1] in NEAR_WORDS:
        return True
    return (
        len(prev) >= 2 and prev[-1] == "of" and (prev[-2] in DIRECTIONS or prev[-2] in NEAR_WORDS)
    )


def _precision(f: Found) -> int:
    assert f.resolution is not None
    base = feature_precision(f.resolution)
    return max(base, 2) if _is_near(f.span) else base


def _pick(options: list[tuple[Found, int]], trigger: Span) -> tuple[Found, int] | None:
    if not options:
        return None
    return min(options, key=lambda o: (o[1], abs(o[0].span.start - trigger.start)))


def _main_place(linkable: list[Found]) -> Found | None:
    # places only approximated through the article's area are not themselves its main place
    counts = Counter(f.resolution.geonameid for f in linkable if f.resolution and not f.inferred)
    if not counts:
        return None
    best = max(counts.values())
    return next(f for f in linkable if f.resolution and counts[f.resolution.geonameid] == best)


def link_event(ev: EventMention, linkable: list[Found]) -> tuple[Found, int] | None:
    """The event's location and precision, or None when the article names no place."""
    subtree = {t.i for t in ev.trigger.root.subtree}
    in_sentence = [
        f for f in linkable if ev.sentence.start <= f.span.start and f.span.end <= ev.sentence.end
    ]
    local = [(f, _precision(f)) for f in in_sentence if f.span.root.i in subtree]
    chosen = _pick(local, ev.trigger) or _pick(
        [(f, _precision(f)) for f in in_sentence], ev.trigger
    )
    if chosen is not None:
        return chosen
    main = _main_place(linkable)
    if main is None or main.resolution is None:
        return None
    return main, min(3, feature_precision(main.resolution) + 1)


# --- entry points -----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _open(path: str | None) -> Gazetteer:
    return Gazetteer(ensure_gazetteer(path))


def _geoparse(
    doc: Doc, gazetteer: Gazetteer, events: list[EventMention]
) -> tuple[list[Found], list[PlaceMention]]:
    found = find_places(doc, gazetteer)
    mentions = []
    for f in found:
        mention = f.mention()
        mention.role = _role(f, events)  # type: ignore[assignment]
        mentions.append(mention)
    return found, mentions


def geoparse_doc(doc: Doc, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Every place mention in ``doc`` with role and resolution; needs no events.

    Example::

        doc = nlp("Rebels shelled Khan Tuman, a village south of Aleppo.")
        [(p.text, p.resolution.country_code) for p in geoparse_doc(doc)]
    """
    events = list(getattr(doc._, "events", None) or [])
    return _geoparse(doc, gazetteer or _open(None), events)[1]


class PlaceStage:
    """Writes ``doc._.places`` and each event's ``location``."""

    def __init__(self, *, gazetteer_path: str | None = None) -> None:
        self.gazetteer = _open(str(Path(gazetteer_path)) if gazetteer_path else None)

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventMention] = get_list(doc, "events")
        found, mentions = _geoparse(doc, self.gazetteer, events)
        places = get_list(doc, "places")
        places.extend(mentions)
        linkable = [
            (f, m)
            for f, m in zip(found, mentions, strict=True)
            if f.resolution is not None and f.source != "demonym" and m.role == "other"
        ]
        by_found = {id(f): m for f, m in linkable}
        for ev in events:
            chosen = link_event(ev, [f for f, _ in linkable])
            if chosen is None:
                continue
            mention = by_found[id(chosen[0])]
            mention.role = "event_location"
            ev.location = EventLocation(place=mention, precision=chosen[1])
        return doc


@Language.factory(
    "eventscope_places",
    default_config={"gazetteer_path": None},
    assigns=["doc._.places"],
    requires=["doc._.events"],
)
def make_places(nlp: Language, name: str, gazetteer_path: str | None) -> PlaceStage:
    """spaCy factory; ``gazetteer_path`` None builds/uses the default gazetteer."""
    return PlaceStage(gazetteer_path=gazetteer_path)


__all__: list[Any] = ["PlaceStage", "feature_precision", "geoparse_doc", "link_event"]
