"""One JSON error shape for every failed request, and the handlers that produce it.

Every 4xx and 5xx body is ``{"error": {"code", "message", "status", "details"}}`` so
a client needs one parser; ``code`` is an eventscope message code (E09x) that the
docs list.  Validation problems found by FastAPI become 422 with each bad field in
``details``; nothing a client sends should reach the catch-all 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import EventscopeError, Messages

log = logging.getLogger(__name__)


class ApiError(EventscopeError):
    """A request the API refuses, with its HTTP status and message code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}


class BodyTooLarge(HTTPException):
    """Raised while a streamed body is read past the limit.

    An ``HTTPException`` so that FastAPI passes it through its body parsing
    untouched instead of reporting a generic 400.
    """

    def __init__(self, size: int | str, limit: int) -> None:
        super().__init__(413, Messages.E096.format(size=size, limit=limit))


def error_body(status: int, code: str, message: str, details: list[Any] | None = None) -> dict:
    """The one error document the API sends."""
    return {"error": {"code": code, "message": message, "status": status, "details": details or []}}


def error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(
        error_body(exc.status, exc.code, exc.message, exc.details),
        status_code=exc.status,
        headers=exc.headers,
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into :func:`error_body`."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [_field_problem(err) for err in exc.errors()]
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details[:5])
        return error_response(ApiError(422, "E090", Messages.E090.format(detail=summary), details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, BodyTooLarge):
            return error_response(ApiError(413, "E096", str(exc.detail)))
        message = Messages.E097.format(
            method=request.method, path=request.url.path, detail=exc.detail
        )
        response = error_response(ApiError(exc.status_code, "E097", message))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        kind = type(exc).__name__
        return error_response(ApiError(500, "E098", Messages.E098.format(kind=kind)))


def _field_problem(err: dict[str, Any]) -> dict[str, str]:
    """``{"field": "query.limit", "problem": "..."}`` from one pydantic error."""
    where = ".".join(str(part) for part in err.get("loc", ()))
    return {"field": where, "problem": str(err.get("msg", "invalid value"))}
