"""``eventscope extract``: code files and print records."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..exports import FORMATS, write
from ..pipeline import Pipeline
from . import EXIT_SKIPPED
from ._common import SkipCounter, inputs, pipeline_options, settings_from


@click.command("extract")
@click.argument("files", nargs=-1)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl (PLOVER-style records), csv (ACLED view) or geojson.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of stdout.",
)
@pipeline_options
def command(files: tuple[str, ...], fmt: str, output: Path | None, **opts: object) -> None:
    """Extract events from FILES (.txt, .jsonl, .csv, .html, directories; - for stdin).

    Skipped inputs are reported on stderr as `file:line: reason`; the exit status
    is 3 when anything was skipped.

    \b
    Examples:
      eventscope extract report.txt
      eventscope extract articles.jsonl -f csv -o events.csv
      cat report.txt | eventscope extract -
    """
    settings = settings_from(**opts)  # type: ignore[arg-type]
    skips = SkipCounter()
    pipe = Pipeline(settings)

    def events():  # type: ignore[no-untyped-def]
        for result in pipe.process(skips.articles(inputs(files, settings.max_bytes))):
            if result.ok:
                yield from result.events
            else:
                skips.failed(result)

    if output is None:
        write(events(), fmt, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            write(events(), fmt, out)
    if skips.count:
        sys.exit(EXIT_SKIPPED)
