"""The typed event record: the only thing the store, the exports and the API see.

A record is PLOVER-style (v0.8 event, mode, context, quad, actor and recipient lists,
location, date, sizes) and carries its evidence sentence and an ACLED view.  Every
field is plain data, so records pickle, serialise to JSON and round-trip through
:meth:`Event.from_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """An actor or recipient: surface text plus its canonical identity."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    acled_inter: int | None = None
    id: str | None = None


@dataclass(frozen=True)
class Location:
    """Where the event happened.  ``precision`` is ACLED's geo_precision (1 best, 3 worst)."""

    text: str
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    feature_class: str | None
    precision: int


@dataclass(frozen=True)
class EventDate:
    """ISO 8601 interval.  ``precision`` is day, week, month, year or unknown."""

    start: str | None
    end: str | None
    precision: str
    text: str | None = None
    from_publication: bool = False


@dataclass(frozen=True)
class Bounds:
    """A count as lower and upper bound; ``None`` means unbounded or unknown."""

    min: int | None
    max: int | None
    text: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence that backs the record, with character offsets into the article."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True)
class AcledView:
    """The record seen as one row of an ACLED-style table."""

    event_date: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    inter1: int | None
    actor2: str | None
    inter2: int | None
    interaction: int | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    notes: str
    source: str | None


ACLED_COLUMNS: tuple[str, ...] = tuple(AcledView.__dataclass_fields__)


@dataclass(frozen=True)
class Source:
    """One report of an event: which article said it, and in which sentence.

    A record coded from one sentence has one source; deduplication merges reports of
    the same real-world event into one record listing every source.
    """

    article_id: str
    event_id: str
    sentence: str
    start: int
    end: int
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Event:
    """One coded event.

    Attributes:
        id (str): Deterministic: the same article always gives the same ids.
        article_id (str): The input article's id.
        event (str): PLOVER v0.8 event type; ``mode`` and ``context`` refine it.
        quad (int): PLOVER quad class 1–4.
        actor, recipient (list[Actor]): Compound actors are lists.
        location (Location | None), date (EventDate), size (dict[str, Bounds]).
        modality (list[str]): negated, hypothetical, future, historical, reported.
        confidence (float): 0–1.
        evidence (Evidence): The sentence the event was coded from.
        acled (AcledView | None): ACLED view; ``None`` for events ACLED does not code
            (verbal events) and for negated, hypothetical or future ones.
        article (dict): title, url, source and published date of the article.
        warnings (list[str]): Notes about this record (e.g. no publication date).
        sources (list[Source]): Every report of this event (one until deduplicated).
    """

    id: str
    article_id: str
    event: str
    mode: str | None
    context: list[str]
    quad: int
    actor: list[Actor]
    recipient: list[Actor]
    location: Location | None
    date: EventDate
    size: dict[str, Bounds]
    modality: list[str]
    confidence: float
    evidence: Evidence
    acled: AcledView | None
    article: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict in field order.

        The same value as ``dataclasses.asdict`` (a test pins that), several times
        faster: records hold only plain values, so nothing needs deep-copying, and every
        stored, exported or loaded event goes through here.
        """
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild a record from :meth:`to_dict` output (e.g. a stored JSON row)."""
        loc = data.get("location")
        acled = data.get("acled")
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            event=data["event"],
            mode=data.get("mode"),
            context=list(data.get("context", [])),
            quad=int(data["quad"]),
            actor=[Actor(**a) for a in data.get("actor", [])],
            recipient=[Actor(**a) for a in data.get("recipient", [])],
            location=Location(**loc) if loc else None,
            date=EventDate(**data["date"]),
            size={k: Bounds(**v) for k, v in data.get("size", {}).items()},
            modality=list(data.get("modality", [])),
            confidence=float(data["confidence"]),
            evidence=Evidence(**data["evidence"]),
            acled=AcledView(**acled) if acled else None,
            article=dict(data.get("article", {})),
            warnings=list(data.get("warnings", [])),
            sources=[Source(**x) for x in data.get("sources", [])],
        )


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for records made of dataclasses, lists, tuples, dicts and
    JSON scalars, without its per-value deep copy."""
    if is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
