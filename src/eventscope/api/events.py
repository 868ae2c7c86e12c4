"""``GET /events`` (filtered, paginated) and ``GET /events/{id}`` (one event in full)."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from ..dedup.cluster import own_source
from ..errors import Messages
from ..records import Event
from .deps import MAX_OFFSET, MAX_PAGE, FiltersDep, StateDep
from .errors import ApiError
from .highlight import highlight_dicts

router = APIRouter(tags=["events"])


class EventPage(BaseModel):
    """One page of events; ``total`` counts every match, not just this page."""

    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class EventDetail(BaseModel):
    """A full record plus its highlighted roles and its sources."""

    event: dict[str, Any]
    highlights: list[dict[str, Any]]
    sources: list[dict[str, Any]]


def summary(event: Event) -> dict[str, Any]:
    """The few fields the map and the list need, to keep big pages small."""
    loc = event.location
    return {
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "date": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "country": loc.country_code if loc else None,
        "place": (loc.name or loc.text) if loc else None,
        "actor": [a.name or a.text for a in event.actor],
        "recipient": [r.name or r.text for r in event.recipient],
        "title": event.article.get("title"),
        "sentence": event.evidence.sentence[:240],
    }


def sources(event: Event) -> list[dict[str, Any]]:
    """Every article and sentence behind the event (one for a single report)."""
    return [asdict(s) for s in event.sources or [own_source(event)]]


@router.get(
    "/events",
    response_model=None,
    responses={200: {"model": EventPage}},
    summary="Events matching the filters, one page at a time",
)
def list_events(
    app_state: StateDep,
    query: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")] = 0,
    view: Annotated[
        Literal["full", "summary"],
        Query(description="full: whole records; summary: map and list fields only."),
    ] = "full",
) -> dict[str, Any]:
    """Ordered by date then id; undated events come last."""
    store = app_state.store()
    page = list(store.events(replace(query, limit=limit, offset=offset)))
    total = store.count(query) if len(page) == limit or offset else len(page)
    shape = summary if view == "summary" else Event.to_dict
    return {"total": total, "limit": limit, "offset": offset, "events": [shape(e) for e in page]}


@router.get(
    "/events/{event_id}",
    response_model=None,
    responses={200: {"model": EventDetail}, 404: {"description": "No such event (E094)."}},
    summary="One event with every source sentence and highlighted roles",
)
def get_event(
    app_state: StateDep,
    event_id: Annotated[str, Path(min_length=1, max_length=200)],
) -> dict[str, Any]:
    event = app_state.store().get(event_id)
    if event is None:
        raise ApiError(404, "E094", Messages.E094.format(event_id=event_id))
    return {
        "event": event.to_dict(),
        "highlights": highlight_dicts(event),
        "sources": sources(event),
    }
