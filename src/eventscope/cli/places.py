"""``eventscope places``: the geoparser on its own, one JSON object per place mention."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from ..gazetteer.geoparse import place_records
from ..pipeline import Pipeline
from ..readers.article import Article
from . import EXIT_SKIPPED
from ._common import SkipCounter, inputs, pipeline_options, settings_from


def _records(pipe: Pipeline, articles: Iterator[Article]) -> Iterator[dict[str, Any]]:
    """Place records article by article, in batches bounded like ``extract``'s."""
    for batch in pipe.batches(articles):
        docs = []
        for article in batch:
            doc = pipe.nlp.make_doc(article.text)
            doc._.article = article
            doc._.warnings = list(article.warnings)
            docs.append(doc)
        for doc in pipe.nlp.pipe(docs, batch_size=len(docs)):
            yield from place_records(doc)


def _write(records: Iterator[dict[str, Any]], out: IO[str]) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


@click.command("places")
@click.argument("files", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of stdout.",
)
@pipeline_options
def command(files: tuple[str, ...], output: Path | None, **opts: object) -> None:
    """List every place mention in FILES as JSON lines (same inputs as `extract`).

    Each line has article_id, text, start and end (character offsets into the article
    text), role (event_location, metonymy, comparison or other) and resolution (name,
    geonameid, lat, lon, country_code, admin1, feature_class; null when unresolved).

    \b
    Examples:
      eventscope places report.txt
      eventscope places articles.jsonl -o places.jsonl
      echo "Rebels shelled Aleppo." | eventscope places -
    """
    settings = settings_from(**opts)  # type: ignore[arg-type]
    skips = SkipCounter()
    pipe = Pipeline(settings)
    records = _records(pipe, skips.articles(inputs(files, settings.max_bytes)))
    if output is None:
        _write(records, sys.stdout)
    else:
        with output.open("w", encoding="utf-8") as out:
            _write(records, out)
    if skips.count:
        sys.exit(EXIT_SKIPPED)
