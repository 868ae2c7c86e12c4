"""``eventscope events``: query a store."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .._types import UNREAL
from ..exports import FORMATS, write
from ..records import Event
from ..store import EventQuery, open_store


@click.command("events")
@click.option("--db", "db_url", required=True, help="Store URL: a file path or sqlite:///path.")
@click.option("--since", help="Events ending on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events starting on or before this date (YYYY-MM-DD).")
@click.option("--country", help="ISO 3166 alpha-2 code of the event location, e.g. SY.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Text that an actor or recipient name contains.")
@click.option("--limit", type=int, help="At most this many events.")
@click.option(
    "--raw", is_flag=True, help="Every stored report on its own, not merged per real-world event."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("table", *FORMATS)),
    default="table",
    show_default=True,
    help="table, jsonl, csv (ACLED view) or geojson.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file."
)
def command(
    db_url: str,
    since: str | None,
    until: str | None,
    country: str | None,
    event_type: str | None,
    actor: str | None,
    limit: int | None,
    raw: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """List stored events, filtered by date range, country, type and actor.

    \b
    Examples:
      eventscope events --db events.db --country SY --type ASSAULT
      eventscope events --db events.db --since 2018-02-01 -f csv -o acled.csv
    """
    query = EventQuery(since, until, country, event_type, actor, limit, merged=not raw)
    with open_store(db_url) as store:
        events = list(store.events(query))
    if fmt == "table":
        _table(events, output)
        return
    if output is None:
        write(events, fmt, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            write(events, fmt, out)


def _table(events: list[Event], output: Path | None) -> None:
    table = Table(title=f"{len(events)} events", show_lines=False)
    columns = ("date", "event", "mode", "actor", "recipient", "location", "killed", "sources")
    for col in (*columns, "evidence"):
        table.add_column(col, overflow="fold")
    for e in events:
        killed = e.size.get("killed")
        table.add_row(
            (e.date.start or "?") + ("" if e.date.precision == "day" else f" ({e.date.precision})"),
            e.event + ("*" if set(e.modality) & UNREAL else ""),
            e.mode or "",
            "; ".join(a.name or a.text for a in e.actor),
            "; ".join(a.name or a.text for a in e.recipient),
            (e.location.name or e.location.text) if e.location else "",
            "" if killed is None else str(killed.min),
            str(max(1, len(e.sources))),
            e.evidence.sentence[:90] + ("…" if len(e.evidence.sentence) > 90 else ""),
        )
    console = Console(width=160) if output is None else Console(file=output.open("w"), width=160)
    console.print(table)
