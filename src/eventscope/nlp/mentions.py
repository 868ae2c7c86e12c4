"""What the pipeline stages write onto a Doc.

Each stage owns some fields: the events stage creates :class:`EventMention` objects with
their actor/recipient spans; the actors stage fills ``actors``/``recipients``; the places
stage fills ``doc._.places`` and ``location``; the time stage fills ``date``; the sizes
stage fills ``size``.  Spans stay spaCy ``Span`` objects while the Doc lives; records/
turns everything into plain, typed values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span

from .._types import DatePrecision, PlaceRole


@dataclass
class ActorRef:
    """A resolved actor mention.

    Attributes:
        text (str): Surface text in the article.
        start_char, end_char (int): Offsets into the article text.
        name (str | None): Canonical name ("Syrian government").
        country (str | None): PLOVER country: ISO3, or IGO/UNO/NGO/IMG.
        sector (str | None): PLOVER sector code (GOV, MIL, REB, CVL, …).
        acled_inter (int | None): ACLED inter code 1–8.
        actor_id (str | None): Stable id of the canonical actor.
    """

    text: str
    start_char: int
    end_char: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    acled_inter: int | None = None
    actor_id: str | None = None


@dataclass(frozen=True)
class Resolution:
    """A gazetteer entry a place mention resolved to."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    feature_class: str | None
    feature_code: str | None = None
    population: int = 0
    #: True when the name is not in the gazetteer and the point is that of the place
    #: containing it (or the article's area): right district, not the exact spot.
    approximate: bool = False


@dataclass
class PlaceMention:
    """One place mention, with its role and (maybe) its resolution."""

    text: str
    start_char: int
    end_char: int
    role: PlaceRole = "other"
    resolution: Resolution | None = None
    source: str = "ner"  # ner, gazetteer, pattern, demonym


@dataclass
class EventLocation:
    """Where an event happened; precision follows ACLED's geo_precision (1 best, 3 worst)."""

    place: PlaceMention
    precision: int


@dataclass
class DateValue:
    """An event's date as an ISO interval with a precision.

    ``from_publication`` marks dates that fell back to the publication date because the
    event's own text gives none.
    """

    start: date | None
    end: date | None
    precision: DatePrecision
    text: str | None = None
    from_publication: bool = False


@dataclass
class SizeValue:
    """A count with bounds; ``min``/``max`` are equal for exact numbers."""

    min: int | None
    max: int | None
    text: str
    start_char: int = -1
    end_char: int = -1


@dataclass
class EventMention:
    """One coded event mention.

    Attributes:
        trigger (Span): The word(s) that express the event.
        sentence (Span): The evidence sentence.
        event (str): PLOVER v0.8 event type.
        mode (str | None): PLOVER mode ("air", "arrest", "demo", …).
        context (list[str]): PLOVER contexts supported by the text.
        acled_event_type, acled_sub_event_type (str | None): ACLED taxonomy.
        modality (list[str]): negated, hypothetical, future, historical.
        actor_spans, recipient_spans (list[Span]): Syntactic roles.
        confidence (float): 0–1, how sure the coder is.
    """

    trigger: Span
    sentence: Span
    event: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    modality: list[str] = field(default_factory=list)
    actor_spans: list[Span] = field(default_factory=list)
    recipient_spans: list[Span] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    location: EventLocation | None = None
    date: DateValue | None = None
    size: dict[str, SizeValue] = field(default_factory=dict)
    confidence: float = 0.5
