"""``eventscope actors``: look actors up and extend the dictionary with your own.

Users code corpora about groups our dictionaries do not know (a local militia, a new
party).  ``actors add`` writes them to a JSONL file in the user data dir that the
resolver reads after the shipped files, so the user's entry wins; ``actors lookup``
shows what any phrase resolves to, which is how one checks an addition.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from ..actors.codes import NONSTATE_COUNTRIES, PLOVER_SECTORS
from ..actors.dictionary import (
    USER_ACTORS_ENV,
    load_dictionary,
    read_user_actors,
    user_actors_path,
)
from ..actors.resolver import ActorResolver
from ..errors import ConfigError, Messages

_FILE_OPTION = click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"User actor file (default: ${USER_ACTORS_ENV} or actors.jsonl in the user data dir).",
)


@click.group("actors")
def command() -> None:
    """Look up actors, or add your own to the dictionary.

    \b
    Examples:
      eventscope actors lookup "Syrian government forces"
      eventscope actors add "Lions of the Valley" --country SYR --sector REB --alias LOV
      eventscope actors lookup LOV
    """


@command.command("add")
@click.argument("name")
@click.option("--country", required=True, help="PLOVER country: ISO3 (SYR) or IGO, NGO, IMG...")
@click.option("--sector", required=True, help="PLOVER sector: GOV, MIL, REB, CVL, ...")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--inter", type=int, default=None, help="ACLED inter code (1-8) if not implied.")
@_FILE_OPTION
def add(
    name: str,
    country: str,
    sector: str,
    aliases: tuple[str, ...],
    inter: int | None,
    file: Path | None,
) -> None:
    """Add (or replace) actor NAME in the user actor file.

    \b
    Example:
      eventscope actors add "Lions of the Valley" --country SYR --sector REB --alias LOV
    """
    row = make_row(name, country, sector, aliases, inter)
    path = file or user_actors_path()
    rows = [r for r in read_user_actors(path) if r["name"] != row["name"]]
    write_rows(path, [*rows, row])
    click.echo(f"added {row['name']!r} to {path}")
    _echo_ref(row["name"], path)


@command.command("lookup")
@click.argument("text")
@click.option("--focus", default=None, help="Country (ISO3) the document is about.")
@_FILE_OPTION
def lookup(text: str, focus: str | None, file: Path | None) -> None:
    """Print what TEXT resolves to, as one JSON object.

    \b
    Example:
      eventscope actors lookup "the regime" --focus SYR
    """
    _echo_ref(text, file, focus=focus)


def make_row(
    name: str, country: str, sector: str, aliases: tuple[str, ...], inter: int | None
) -> dict[str, Any]:
    """A validated user actor row, in the shipped ``groups.jsonl`` format."""
    country, sector = country.strip().upper(), sector.strip().upper()
    known = set(load_dictionary().countries) | NONSTATE_COUNTRIES
    if country not in known:
        choices = ", ".join(sorted(NONSTATE_COUNTRIES))
        raise ConfigError(Messages.E072.format(value=country, choices=choices))
    if sector not in PLOVER_SECTORS:
        choices = ", ".join(sorted(PLOVER_SECTORS))
        raise ConfigError(Messages.E073.format(value=sector, choices=choices))
    if inter is not None and not 1 <= inter <= 8:
        raise ConfigError(Messages.E074.format(value=inter))
    row: dict[str, Any] = {"name": name.strip(), "country": country, "sector": sector}
    if inter is not None:
        row["inter"] = inter
    row["aliases"] = [a.strip() for a in aliases if a.strip()]
    return row


def write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write the user file atomically, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".actors-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _echo_ref(text: str, file: Path | None, *, focus: str | None = None) -> None:
    """Resolve with a dictionary that includes the (possibly just changed) user file."""
    previous = os.environ.get(USER_ACTORS_ENV)
    if file is not None:
        os.environ[USER_ACTORS_ENV] = str(file)
    try:
        load_dictionary.cache_clear()
        ref = ActorResolver(load_dictionary()).resolve(text, country_focus=focus)
    finally:
        if file is not None:  # later lookups in this process must not see that file
            if previous is None:
                os.environ.pop(USER_ACTORS_ENV, None)
            else:
                os.environ[USER_ACTORS_ENV] = previous
            load_dictionary.cache_clear()
    click.echo(json.dumps(asdict(ref), ensure_ascii=False))
