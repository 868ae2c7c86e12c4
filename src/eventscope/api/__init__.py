"""The HTTP API and the map page: one FastAPI app over one event store.

``create_app(db_url)`` builds it; ``eventscope serve`` runs it with uvicorn on
127.0.0.1.  Routes live one module per resource (events, stats, export, articles);
shared checks and the single JSON error shape live in :mod:`.deps` and
:mod:`.errors`.  The page at ``/`` and its assets (vendored, no CDN) come from
:mod:`eventscope.web`, so it all works with no internet connection.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..errors import Messages
from ..pipeline import Pipeline
from . import articles, errors, events, export, stats
from .deps import MAX_BODY_BYTES, AppState
from .errors import BodyTooLarge, error_body


def web_root() -> Path:
    """Folder of the page and its vendored assets inside the installed package."""
    return Path(str(resources.files("eventscope") / "web"))


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before any parsing.

    Checks ``Content-Length`` up front and counts streamed (chunked) bodies too, so
    a client cannot bypass the limit by omitting the header.
    """

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send, declared.decode("latin-1"))
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(f"more than {seen}", self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, send: Any, size: str) -> None:
        body = error_body(413, "E096", Messages.E096.format(size=size, limit=self.limit))
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def create_app(
    db_url: str, *, token: str | None = None, pipeline: Pipeline | None = None
) -> FastAPI:
    """The app over the store at ``db_url``.

    Args:
        db_url: A store URL, as for ``eventscope events --db``.
        token: Bearer token that ``POST /articles`` requires; ``None`` disables writes.
        pipeline: Pipeline used for ingestion; built on first write when ``None``.
    """
    state = AppState(db_url=db_url, token=token, pipeline=pipeline)
    state.store()  # open (and migrate) once now, so a bad URL fails at start-up

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="eventscope",
        summary="Coded political and conflict events, with the sentences behind them.",
        version=_version(),
        docs_url=None,  # Swagger UI would load its scripts from a CDN; the JSON is enough
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.eventscope = state
    errors.install(app)
    for module in (events, stats, export, articles):
        app.include_router(module.router)
    root = web_root()
    app.mount("/static", StaticFiles(directory=root), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html")

    app.add_middleware(BodyLimit)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventscope")
    except PackageNotFoundError:
        return "0"


__all__ = ["create_app", "web_root"]
