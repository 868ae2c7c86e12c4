"""Options and helpers shared by several verbs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from ..config import Settings
from ..pipeline import Result, skipped_line
from ..readers import read_inputs
from ..readers.article import Article, Skipped

F = TypeVar("F", bound=Callable[..., Any])


def pipeline_options(fn: F) -> F:
    """--model, --gazetteer, --batch-size, --processes and --max-bytes."""
    options = [
        click.option(
            "--model", default=None, help="spaCy model package (default: best installed)."
        ),
        click.option(
            "--gazetteer",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Gazetteer SQLite file (default: built on first use in the user data dir).",
        ),
        click.option(
            "--batch-size", default=32, show_default=True, help="Docs per nlp.pipe batch."
        ),
        click.option("--processes", default=1, show_default=True, help="Worker processes."),
        click.option(
            "--max-bytes",
            default=2_000_000,
            show_default=True,
            help="Skip articles larger than this many bytes.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def settings_from(
    model: str | None, gazetteer: Path | None, batch_size: int, processes: int, max_bytes: int
) -> Settings:
    return Settings.from_env(
        model=model,
        gazetteer=gazetteer,
        batch_size=batch_size,
        n_process=processes,
        max_bytes=max_bytes,
    )


class SkipCounter:
    """Reports each skipped input as one ``file:line: reason`` line and counts them."""

    def __init__(self, on_skip: Callable[[Skipped], None] | None = None) -> None:
        self.count = 0
        self.on_skip = on_skip

    def articles(self, items: Iterable[Article | Skipped]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Skipped):
                self.report(item)
            else:
                yield item

    def report(self, item: Skipped) -> None:
        self.count += 1
        click.echo(skipped_line(item), err=True)
        if self.on_skip is not None:
            self.on_skip(item)

    def failed(self, result: Result) -> None:
        self.report(Skipped(result.article.origin, result.error or "failed"))


def inputs(paths: tuple[str, ...], max_bytes: int) -> Iterable[Article | Skipped]:
    """Read every input path (``-`` is stdin)."""
    return read_inputs(list(paths) or ["-"], max_bytes=max_bytes)
