"""What every route shares: the app state, a store per worker thread, filters, auth.

SQLite connections may not cross threads and FastAPI runs plain ``def`` routes in a
thread pool, so each worker thread opens its own store once and keeps it.  WAL mode
lets those readers run while ``POST /articles`` writes.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request

from .._types import PLOVER_EVENTS
from ..errors import Messages
from ..pipeline import Pipeline
from ..store import EventQuery, open_store
from .errors import ApiError

# Size limits for every input; the OpenAPI document shows them too.
MAX_TEXT_QUERY = 200
MAX_ACTOR = 100
MAX_PAGE = 5000
MAX_OFFSET = 10_000_000
MAX_BODY_BYTES = 8_000_000
MAX_ARTICLES = 100


@dataclass
class AppState:
    """Configuration and shared objects of one running app.

    Attributes:
        db_url (str): The store every request reads and ``POST /articles`` writes.
        token (str | None): Bearer token for writes; ``None`` refuses every write.
        pipeline (Pipeline | None): Used for ingestion; built on the first write when
            not given, so a read-only server never loads the spaCy model.
    """

    db_url: str
    token: str | None = None
    pipeline: Pipeline | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)
    _opened: list[Any] = field(default_factory=list)

    def store(self) -> Any:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_url)
            self._local.store = store
            self._opened.append(store)
        return store

    def get_pipeline(self) -> Pipeline:
        if self.pipeline is None:
            self.pipeline = Pipeline()
        return self.pipeline

    def close(self) -> None:
        """Close every store opened by any thread (at shutdown)."""
        for store in self._opened:
            # sqlite3 refuses to close another thread's connection; the process exit
            # closes those, and WAL keeps the file consistent either way.
            with contextlib.suppress(Exception):
                store.close()
        self._opened.clear()


def state(request: Request) -> AppState:
    return request.app.state.eventscope


StateDep = Annotated[AppState, Depends(state)]

_DATE = r"^\d{4}-\d{2}-\d{2}$"
_MODE = r"^[A-Za-z_ -]{1,40}$"


def parse_day(name: str, value: str | None) -> str | None:
    """Check a YYYY-MM-DD value is a real date (pattern alone lets 2019-02-30 in)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, "E092", Messages.E092.format(name=name, value=value)) from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four finite numbers inside the globe."""
    if value is None:
        return None
    problem = ApiError(400, "E091", Messages.E091.format(value=value))
    parts = value.split(",")
    if len(parts) != 4:
        raise problem
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise problem from None
    inside = -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90
    if not inside:  # also rejects NaN, which fails every comparison
        raise problem
    return (min_lon, min_lat, max_lon, max_lat)


def parse_type(value: str | None) -> str | None:
    if value is None:
        return None
    upper = value.upper()
    if upper not in PLOVER_EVENTS:
        detail = f"unknown event type {value!r}: choose one of {', '.join(PLOVER_EVENTS)}"
        raise ApiError(400, "E090", Messages.E090.format(detail=detail))
    return upper


def event_filters(
    since: Annotated[
        str | None,
        Query(description="Events ending on or after this day.", pattern=_DATE, max_length=10),
    ] = None,
    until: Annotated[
        str | None,
        Query(description="Events starting on or before this day.", pattern=_DATE, max_length=10),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            description="min_lon,min_lat,max_lon,max_lat (WGS84 degrees).",
            max_length=120,
            examples=["30,-20,32,-16"],
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(description="ISO 3166 alpha-2 code of the location.", pattern=r"^[A-Za-z]{2}$"),
    ] = None,
    type: Annotated[
        str | None, Query(description="PLOVER event type, e.g. ASSAULT.", max_length=20)
    ] = None,
    mode: Annotated[
        str | None, Query(description="PLOVER mode, e.g. arrest.", pattern=_MODE)
    ] = None,
    actor: Annotated[
        str | None,
        Query(description="Text an actor or recipient name contains.", max_length=MAX_ACTOR),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Words that must all occur in the evidence sentence or the title.",
            max_length=MAX_TEXT_QUERY,
        ),
    ] = None,
) -> EventQuery:
    """The filters shared by /events, /stats and /export, checked and normalised."""
    since_day, until_day = parse_day("since", since), parse_day("until", until)
    if since_day and until_day and since_day > until_day:
        raise ApiError(400, "E093", Messages.E093.format(since=since_day, until=until_day))
    return EventQuery(
        since=since_day,
        until=until_day,
        country=country.upper() if country else None,
        event=parse_type(type),
        actor=actor.strip() or None if actor else None,
        bbox=parse_bbox(bbox),
        mode=mode.lower() if mode else None,
        text=q.strip() or None if q else None,
    )


FiltersDep = Annotated[EventQuery, Depends(event_filters)]


def require_token(
    app_state: StateDep,
    authorization: Annotated[str | None, Header(max_length=500)] = None,
) -> None:
    """Writes need ``Authorization: Bearer <token>``; compared in constant time."""
    expected = app_state.token
    scheme, _, given = (authorization or "").partition(" ")
    ok = (
        expected is not None
        and scheme.lower() == "bearer"
        and secrets.compare_digest(given.strip().encode(), expected.encode())
    )
    if not ok:
        raise ApiError(401, "E095", Messages.E095, headers={"WWW-Authenticate": "Bearer"})


_TOKEN_OK = re.compile(r"^[\x21-\x7e]{16,200}$")


def valid_token(token: str) -> bool:
    """Tokens are 16–200 printable ASCII characters without spaces."""
    return bool(_TOKEN_OK.match(token))
