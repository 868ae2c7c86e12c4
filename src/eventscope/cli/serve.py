"""``eventscope serve``: the HTTP API and the map page over one store."""

from __future__ import annotations

import os
import secrets

import click

from ..errors import ConfigError, Messages

TOKEN_ENV = "EVENTSCOPE_TOKEN"


def resolve_token(given: str | None) -> tuple[str, bool]:
    """The write token: ``--token``, else ``$EVENTSCOPE_TOKEN``, else a fresh random one.

    Returns the token and whether it was generated (then ``serve`` prints it once,
    since nobody else knows it).
    """
    from ..api.deps import valid_token

    token = given or os.environ.get(TOKEN_ENV)
    if token:
        if not valid_token(token):
            detail = "the token must be 16-200 printable ASCII characters without spaces"
            raise ConfigError(Messages.E090.format(detail=detail))
        return token, False
    return secrets.token_urlsafe(24), True


@click.command("serve")
@click.option("--db", "db_url", required=True, help="Store URL: a file path or sqlite:///path.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    default=None,
    help=f"Bearer token for POST /articles (default: ${TOKEN_ENV}, else a new one is printed).",
)
def command(db_url: str, host: str, port: int, token: str | None) -> None:
    """Serve the API (GET /events, /stats, /export; POST /articles) and the map at /.

    Listens on 127.0.0.1 unless --host says otherwise; the page needs no internet.
    The OpenAPI document is at /openapi.json.

    \b
    Example:
      eventscope serve --db demo.db
      open http://127.0.0.1:8000/
    """
    import uvicorn

    from ..api import create_app

    secret, generated = resolve_token(token)
    app = create_app(db_url, token=secret)
    if generated:
        click.echo(
            f"POST /articles token (shown once; set {TOKEN_ENV} to choose your own): {secret}",
            err=True,
        )
    click.echo(f"Map: http://{host}:{port}/   API document: http://{host}:{port}/openapi.json")
    uvicorn.run(app, host=host, port=port, log_level="info")
