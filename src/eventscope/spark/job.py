"""Driver side of the Spark job: read articles, code them on executors, write Parquet.

Layout of the output directory::

    OUT/events/event_date=2019-01/country=ZW/part-*.parquet   one row per event
    OUT/articles/part-*.parquet                               one row per coded article
    OUT/skipped/part-*.parquet                                origin and reason

Exactly once: event ids are deterministic (a hash of the article and the event), and
every table is written with Spark's commit protocol in ``overwrite`` mode, so the files
of a failed or speculative task attempt never become visible and a re-run replaces the
previous run's output instead of adding to it.  Coded rows are persisted so the three
tables come from one pass over the articles.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import ConfigError, Messages
from ..readers.records import FIELD_ALIASES, has_text_field
from .rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    LINE_COLUMN,
    ORIGIN_COLUMN,
    OUTPUT_DDL,
    PARTITION_BY,
    SKIPPED_COLUMNS,
)
from .worker import WorkerConfig, code_batches

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
WRITE_MODES = ("overwrite", "error")
TABLES = ("events", "articles", "skipped")


@dataclass(frozen=True)
class JobOptions:
    """One Spark run.

    Attributes:
        inputs: Paths or globs Spark can read (local, ``hdfs://``, ``s3a://``…).
        output: Output directory (same kinds of path).
        input_format: ``auto`` (from the first path's suffix), ``jsonl``, ``csv`` or
            ``parquet``.
        settings: Model, gazetteer, batch sizes and limits, exactly as on one machine.
        partition_by: ``month`` or ``day`` for the event-date partition column.
        partitions: Input partitions (tasks); ``None`` means at least two per core.
        mode: ``overwrite`` (replace earlier output) or ``error`` (refuse if present).
        ship_gazetteer: Send the driver's gazetteer file to executors (``addFile``).
        flush_rows: Output rows per Arrow batch returned by executors.
        fail_partition, fail_marker: Failure injection for tests (see :class:`WorkerConfig`).
    """

    inputs: tuple[str, ...]
    output: str
    input_format: str = "auto"
    settings: Settings = field(default_factory=Settings)
    partition_by: str = "month"
    partitions: int | None = None
    mode: str = "overwrite"
    ship_gazetteer: bool = True
    flush_rows: int = 512
    fail_partition: int | None = None
    fail_marker: str | None = None


@dataclass(frozen=True)
class JobSummary:
    """Row counts of the three tables written."""

    articles: int
    events: int
    skipped: int


LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"


def spark_session(master: str | None = None, app_name: str = "eventscope") -> SparkSession:
    """Get or create the session; under ``spark-submit`` the master comes from there.

    A session started here (not by ``spark-submit``, which sets the gateway port) runs
    its Python workers on this interpreter, so they see the same installed packages
    (model included) as the driver; under ``spark-submit`` its own settings decide.
    """
    SparkSession = _pyspark_sql().SparkSession
    if "PYSPARK_GATEWAY_PORT" not in os.environ:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # In local mode the driver JVM does the executors' work for minutes, not days:
        # its quick C1 compiler costs far less CPU than full JIT (measured: Spark's CPU
        # overhead against one process fell from +23.7% to +9.1%; docs/spark.md).
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
    return builder.getOrCreate()


def run_job(spark: SparkSession, options: JobOptions) -> JobSummary:
    """Code every input article and write the events, articles and skipped tables."""
    from pyspark import StorageLevel

    _check_choice("partitioning", options.partition_by, tuple(PARTITION_BY))
    _check_choice("write mode", options.mode, WRITE_MODES)
    config = WorkerConfig(
        settings=options.settings,
        gazetteer_name=_ship_gazetteer(spark, options),
        partition_by=options.partition_by,
        flush_rows=options.flush_rows,
        fail_partition=options.fail_partition,
        fail_marker=options.fail_marker,
    )
    articles = _spread(spark, read_articles(spark, options), options.partitions)
    coded = articles.mapInArrow(lambda batches: code_batches(batches, config), OUTPUT_DDL)
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table, kind, columns in (
            ("events", "event", EVENT_COLUMNS),
            ("articles", "article", ARTICLE_COLUMNS),
            ("skipped", "skipped", SKIPPED_COLUMNS),
        ):
            writer = coded.where(coded.kind == kind).select(*columns).write.mode(options.mode)
            if table == "events":
                writer = writer.partitionBy("event_date", "country")
            writer.parquet(_join(options.output, table))
        counts = {row["kind"]: row["count"] for row in coded.groupBy("kind").count().collect()}
    finally:
        coded.unpersist()
    return JobSummary(*(counts.get(kind, 0) for kind in ("article", "event", "skipped")))


def read_articles(spark: SparkSession, options: JobOptions) -> DataFrame:
    """Input rows for the executors: the raw JSONL line, or CSV/Parquet columns as text."""
    functions = _pyspark_sql().functions
    fmt = input_format(options.inputs, options.input_format)
    paths = list(options.inputs)
    if fmt == "jsonl":
        df = spark.read.text(paths)
        df = df.where(functions.trim(df.value) != "")
        return df.select(
            functions.col("_metadata.file_path").alias(ORIGIN_COLUMN),
            df.value.alias(LINE_COLUMN),
        )
    if fmt == "csv":
        df = spark.read.options(
            header=True, multiLine=True, escape='"', mode="PERMISSIVE", inferSchema=False
        ).csv(paths)
    else:
        df = spark.read.parquet(*paths)
    if not has_text_field(df.columns):
        raise ConfigError(Messages.E081.format(path=paths[0], columns=", ".join(df.columns)))
    known = {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    fields = [c for c in df.columns if c.strip().lower() in known]
    return df.select(
        functions.col("_metadata.file_path").alias(ORIGIN_COLUMN),
        *[df[c].cast("string").alias(c) for c in fields],
    )


def input_format(paths: Sequence[str], requested: str = "auto") -> str:
    """The input format: as requested, else from the first path's suffix."""
    if requested != "auto":
        _check_choice("input format", requested, tuple(sorted(set(FORMATS.values()))))
        return requested
    first = paths[0].rstrip("/")
    for suffix, fmt in FORMATS.items():
        if first.lower().endswith(suffix):
            return fmt
    raise ConfigError(Messages.E082.format(path=first))


def _spread(spark: SparkSession, df: DataFrame, partitions: int | None) -> DataFrame:
    """Enough tasks to keep every core busy; hash-partitioned so retries see the same rows.

    A hash of the row's own content (not round-robin) decides its partition, so a
    recomputed partition holds exactly the rows the first attempt held.
    """
    target = partitions or 2 * spark.sparkContext.defaultParallelism
    if partitions is None and df.rdd.getNumPartitions() >= target:
        return df
    return df.repartition(target, *df.columns)


def _ship_gazetteer(spark: SparkSession, options: JobOptions) -> str | None:
    """Send the gazetteer file with the job; executors then open their local copy."""
    if not options.ship_gazetteer:
        return None
    from ..gazetteer import ensure_gazetteer

    path = ensure_gazetteer(options.settings.gazetteer)
    spark.sparkContext.addFile(str(path))
    return Path(path).name


def _join(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}"


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(Messages.E086.format(name=name, value=value, choices=", ".join(choices)))


def _pyspark_sql():  # type: ignore[no-untyped-def]
    """``pyspark.sql``, or a clear message when the optional extra is missing."""
    try:
        import pyspark.sql
        import pyspark.sql.functions
    except ImportError as exc:
        raise ConfigError(Messages.E080) from exc
    return pyspark.sql
