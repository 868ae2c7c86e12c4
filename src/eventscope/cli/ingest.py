"""``eventscope ingest``: code inputs into a store, idempotently and resumably."""

from __future__ import annotations

import sys
import time

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..pipeline import Pipeline
from ..readers.article import Article
from ..store import open_store
from . import EXIT_SKIPPED
from ._common import SkipCounter, inputs, pipeline_options, settings_from


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", required=True, help="Store URL: a file path or sqlite:///path.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@pipeline_options
def command(paths: tuple[str, ...], db_url: str, silent: bool, **opts: object) -> None:
    """Code PATHS into the store at --db.

    Articles already stored with the same content are skipped, so running it twice
    adds nothing, and a run that was killed continues where it stopped. Each article
    is written in its own transaction.

    \b
    Example:
      eventscope ingest samples/ --db events.db
    """
    settings = settings_from(**opts)  # type: ignore[arg-type]
    with open_store(db_url) as store:
        skips = SkipCounter(on_skip=store.add_skipped)
        seen = {"new": 0, "known": 0, "events": 0}

        def fresh(articles: object) -> object:
            for article in articles:  # type: ignore[attr-defined]
                if store.has_article(article):
                    seen["known"] += 1
                    continue
                yield article

        pipe = Pipeline(settings)
        stream = fresh(skips.articles(inputs(paths, settings.max_bytes)))
        show = not silent and "-" not in paths and sys.stderr.isatty()
        start = time.perf_counter()
        with _progress(show) as progress:
            task = progress.add_task("ingest", total=None, rate="")
            for result in pipe.process(stream):  # type: ignore[arg-type]
                if result.ok:
                    store.add(result.article, result.events)
                    seen["new"] += 1
                    seen["events"] += len(result.events)
                else:
                    skips.failed(result)
                rate = seen["new"] / max(time.perf_counter() - start, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")
        elapsed = time.perf_counter() - start
        totals = store.counts()
    click.echo(
        f"ingested {seen['new']} new article(s) with {seen['events']} event(s), "
        f"{seen['known']} already stored, {skips.count} skipped in {elapsed:.1f}s; "
        f"store holds {totals['articles']} articles and {totals['events']} events",
        err=True,
    )
    if skips.count:
        sys.exit(EXIT_SKIPPED)


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        disable=not show,
        transient=False,
    )


__all__ = ["Article", "command"]
