"""``eventscope spark`` and ``eventscope spark-load``: code on a Spark cluster, load a store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import EXIT_SKIPPED


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", required=True, help="Output directory (any path Spark writes).")
@click.option(
    "--format",
    "input_format",
    type=click.Choice(("auto", "jsonl", "csv", "parquet")),
    default="auto",
    show_default=True,
    help="Input format; auto uses the first input's suffix.",
)
@click.option("--master", default=None, help="Spark master (default: spark-submit's, or local[*]).")
@click.option(
    "--partition-by",
    type=click.Choice(("month", "day")),
    default="month",
    show_default=True,
    help="Granularity of the event-date partition.",
)
@click.option("--partitions", type=int, default=None, help="Input tasks (default: 2 per core).")
@click.option(
    "--mode",
    type=click.Choice(("overwrite", "error")),
    default="overwrite",
    show_default=True,
    help="Replace earlier output, or refuse to run if it exists.",
)
@click.option("--model", default=None, help="spaCy model package (default: best installed).")
@click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Gazetteer file shipped to executors (default: the user data dir's, built if missing).",
)
@click.option("--batch-size", default=32, show_default=True, help="Docs per nlp.pipe batch.")
@click.option(
    "--batch-chars", default=40_000, show_default=True, help="Characters per batch, at most."
)
@click.option("--max-bytes", default=2_000_000, show_default=True, help="Skip larger articles.")
@click.option(
    "--db", "db_url", default=None, help="Also load the output into this store (see spark-load)."
)
@click.option("--inject-failure", type=int, default=None, hidden=True)
def command(
    inputs: tuple[str, ...],
    output: str,
    input_format: str,
    master: str | None,
    partition_by: str,
    partitions: int | None,
    mode: str,
    model: str | None,
    gazetteer: Path | None,
    batch_size: int,
    batch_chars: int,
    max_bytes: int,
    db_url: str | None,
    inject_failure: int | None,
) -> None:
    """Code INPUTS (JSONL, CSV or Parquet; local, HDFS or S3 paths) on Spark.

    Writes OUTPUT/events (Parquet, partitioned by event_date and country),
    OUTPUT/articles and OUTPUT/skipped (origin and reason). Records are identical
    to `eventscope extract` on the same articles. Run it under spark-submit on a
    cluster (see docs/spark.md) or directly for local mode.

    \b
    Examples:
      eventscope spark articles.jsonl --output out/ --master 'local[2]'
      eventscope spark 's3a://bucket/feed/2024-05-01/*.parquet' -o s3a://bucket/coded/2024-05-01
      eventscope spark-load out/ --db events.db
    """
    from ..config import Settings
    from ..spark import JobOptions, run_job, spark_session

    settings = Settings.from_env(
        model=model,
        gazetteer=gazetteer,
        batch_size=batch_size,
        batch_chars=batch_chars,
        max_bytes=max_bytes,
    )
    options = JobOptions(
        inputs=inputs,
        output=output,
        input_format=input_format,
        settings=settings,
        partition_by=partition_by,
        partitions=partitions,
        mode=mode,
        fail_partition=inject_failure,
    )
    spark = spark_session(master)
    summary = run_job(spark, options)
    click.echo(
        f"coded {summary.articles} article(s) into {summary.events} event(s), "
        f"{summary.skipped} skipped; wrote {output}",
        err=True,
    )
    if db_url:
        _load(output, db_url)
    if summary.skipped:
        sys.exit(EXIT_SKIPPED)


@click.command("spark-load")
@click.argument("output", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--db",
    "db_url",
    required=True,
    help="Store URL: a file path, sqlite:///path or postgresql://user@host/db.",
)
def load_command(output: Path, db_url: str) -> None:
    """Load a Spark job's OUTPUT directory into a store, idempotently.

    Articles go through the store exactly as with `ingest`: each replaces the stored
    article with the same id and all its events, in its own transaction, and one
    already stored unchanged is skipped, so loading twice changes nothing.

    \b
    Example:
      eventscope spark-load out/ --db events.db && eventscope events --db events.db
    """
    _load(str(output), db_url)


def _load(output: str, db_url: str) -> None:
    from ..spark import load

    summary = load(output, db_url)
    click.echo(
        f"loaded {summary.articles} article(s) with {summary.events} event(s), "
        f"{summary.unchanged} already stored, {summary.skipped} skipped input(s) into {db_url}",
        err=True,
    )
