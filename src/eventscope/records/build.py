"""Turns a processed Doc into typed :class:`Event` records (pure functions)."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .._types import QUAD
from ..nlp.mentions import ActorRef, DateValue, EventMention
from .acled import acled_type, acled_view
from .model import Actor, Bounds, Event, EventDate, Evidence, Location, Source

NO_DATE_WARNING = "no publication date: relative dates are unresolved (precision unknown)"


def records_from_doc(doc: Doc) -> list[Event]:
    """Every event mention on ``doc`` as a record, in text order."""
    article = doc._.article
    article_id = article.id if article is not None else _hash(doc.text)[:16]
    meta = _article_meta(doc)
    warnings = list(doc._.warnings or [])
    if article is not None and article.published is None and NO_DATE_WARNING not in warnings:
        warnings.append(NO_DATE_WARNING)
    return [_record(m, article_id, meta, warnings) for m in (doc._.events or [])]


def event_id(article_id: str, mention: EventMention) -> str:
    """Stable id from the article and the trigger position, so re-runs are idempotent."""
    key = f"{article_id}\x1f{mention.trigger.start_char}\x1f{mention.event}"
    return "ev_" + _hash(key)[:16]


def _record(
    m: EventMention, article_id: str, meta: dict[str, str | None], warnings: list[str]
) -> Event:
    actors = [_actor(a) for a in m.actors] or [Actor(text=s.text) for s in m.actor_spans]
    recipients = [_actor(a) for a in m.recipients] or [
        Actor(text=s.text) for s in m.recipient_spans
    ]
    location = _location(m)
    date = _date(m.date)
    size = {k: Bounds(v.min, v.max, v.text) for k, v in m.size.items()}
    evidence = Evidence(
        sentence=m.sentence.text,
        start=m.sentence.start_char,
        end=m.sentence.end_char,
        trigger=m.trigger.text,
        trigger_start=m.trigger.start_char,
        trigger_end=m.trigger.end_char,
    )
    two_sided = m.acled_event_type == "Battles" and not recipients
    view = acled_view(
        event_type=acled_type(m.acled_event_type, m.acled_sub_event_type, actors, recipients),
        modality=m.modality,
        actors=actors,
        recipients=recipients,
        two_sided=two_sided,
        location=location,
        date=date,
        size=size,
        notes=m.sentence.text,
        source=meta.get("source"),
    )
    eid = event_id(article_id, m)
    own = Source(
        article_id=article_id,
        event_id=eid,
        sentence=evidence.sentence,
        start=evidence.start,
        end=evidence.end,
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        published=meta.get("published"),
    )
    return Event(
        id=eid,
        article_id=article_id,
        event=m.event,
        mode=m.mode,
        context=list(m.context),
        quad=QUAD[m.event],
        actor=actors,
        recipient=recipients,
        location=location,
        date=date,
        size=size,
        modality=list(m.modality),
        confidence=m.confidence,
        evidence=evidence,
        acled=view,
        article=meta,
        warnings=list(warnings),
        sources=[own],
    )


def _actor(ref: ActorRef) -> Actor:
    return Actor(
        text=ref.text,
        name=ref.name,
        country=ref.country,
        sector=ref.sector,
        acled_inter=ref.acled_inter,
        id=ref.actor_id,
    )


def _location(m: EventMention) -> Location | None:
    if m.location is None:
        return None
    place, res = m.location.place, m.location.place.resolution
    return Location(
        text=place.text,
        name=res.name if res else None,
        geonameid=res.geonameid if res else None,
        lat=res.lat if res else None,
        lon=res.lon if res else None,
        country_code=res.country_code if res else None,
        admin1=res.admin1 if res else None,
        feature_class=res.feature_class if res else None,
        precision=m.location.precision,
    )


def _date(value: DateValue | None) -> EventDate:
    if value is None:
        return EventDate(start=None, end=None, precision="unknown")
    return EventDate(
        start=value.start.isoformat() if value.start else None,
        end=value.end.isoformat() if value.end else None,
        precision=value.precision,
        text=value.text,
        from_publication=value.from_publication,
    )


def _article_meta(doc: Doc) -> dict[str, str | None]:
    article = doc._.article
    if article is None:
        return {}
    return {
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
    }


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
