"""Executor side of the Spark job: one pipeline per Python worker process, many partitions.

Loading spaCy and opening the gazetteer take seconds, coding one article milliseconds,
so the :class:`~eventscope.Pipeline` is cached in a module global and reused by every
task that the (reused) Python worker runs.  Inside a task, articles stream through the
same ``Pipeline.process`` as on one machine, batched by ``Settings.batch_size`` and
``batch_chars``; output leaves in Arrow record batches of ``flush_rows`` rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import Messages, StageError
from ..pipeline import Pipeline
from ..readers.article import Article, Skipped
from .rows import OUTPUT_COLUMNS, article_from_row, rows_for_result, skipped_row

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class WorkerConfig:
    """What every task needs; pickled into the closure Spark ships to executors.

    Attributes:
        settings (Settings): Model, batch sizes and limits, as on one machine.
        gazetteer_name (str | None): File name of the gazetteer shipped with
            ``SparkContext.addFile``; ``None`` lets each executor use its own default.
        partition_by (str): ``month`` or ``day``: the event-date partition granularity.
        flush_rows (int): Output rows per Arrow batch handed back to Spark.
        fail_partition (int | None): Failure injection for tests: that partition's first
            attempt raises after handing over its first output batch.
        fail_marker (str | None): Folder where an injected failure leaves a file, so a
            test can tell that the failure really happened.
    """

    settings: Settings
    gazetteer_name: str | None = None
    partition_by: str = "month"
    flush_rows: int = 512
    fail_partition: int | None = None
    fail_marker: str | None = None


_CACHED: tuple[str, Pipeline] | None = None


def worker_pipeline(config: WorkerConfig) -> Pipeline:
    """The process-wide pipeline for ``config``, built (model + gazetteer) on first use."""
    global _CACHED
    settings = replace(config.settings, n_process=1)  # Spark provides the parallelism
    if config.gazetteer_name is not None:
        settings = replace(settings, gazetteer=shipped_file(config.gazetteer_name))
    key = repr(settings)
    if _CACHED is None or _CACHED[0] != key:
        pipe = Pipeline(settings)
        _ = pipe.nlp
        _CACHED = (key, pipe)
    return _CACHED[1]


def shipped_file(name: str) -> Path:
    """Local path of a file shipped with ``addFile`` (falls back to the name itself)."""
    try:
        from pyspark import SparkFiles

        path = Path(SparkFiles.get(name))
    except Exception:  # outside a Spark task (e.g. unit tests): use the name as a path
        path = Path(name)
    return path if path.exists() else Path(name)


def code_batches(
    batches: Iterable[pa.RecordBatch], config: WorkerConfig
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: input rows in, event/article/skipped rows out."""
    import pyarrow as pa

    schema = output_schema()
    fail = _should_fail(config)
    for rows in code_rows(_input_rows(batches), config):
        yield pa.RecordBatch.from_pylist(rows, schema=schema)
        if fail:
            _leave_marker(config)
            raise StageError(Messages.E085.format(pid=os.getpid()))


def code_rows(
    rows: Iterable[dict[str, Any]], config: WorkerConfig
) -> Iterator[list[dict[str, Any]]]:
    """Output rows in chunks of about ``flush_rows``; the core of :func:`code_batches`."""
    pipe = worker_pipeline(config)
    skipped: list[dict[str, Any]] = []

    def articles() -> Iterator[Article]:
        for row in rows:
            item = article_from_row(row, max_bytes=pipe.settings.max_bytes)
            if isinstance(item, Skipped):
                skipped.append(skipped_row(item.origin, item.reason))
            else:
                yield item

    out: list[dict[str, Any]] = []
    for result in pipe.process(articles()):
        out.extend(rows_for_result(result, config.partition_by))
        if len(out) + len(skipped) >= config.flush_rows:
            out.extend(skipped)
            skipped.clear()
            yield out
            out = []
    out.extend(skipped)
    if out:
        yield out


def output_schema() -> pa.Schema:
    """The Arrow schema matching :data:`~eventscope.spark.rows.OUTPUT_DDL`."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int32(), "double": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in OUTPUT_COLUMNS])


def _input_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()


def _leave_marker(config: WorkerConfig) -> None:
    if config.fail_marker is not None:
        marker = Path(config.fail_marker) / f"failed-partition-{config.fail_partition}"
        marker.write_text(str(os.getpid()), encoding="utf-8")


def _should_fail(config: WorkerConfig) -> bool:
    """True on the first attempt of the partition chosen for failure injection."""
    if config.fail_partition is None:
        return False
    from pyspark import TaskContext

    ctx = TaskContext.get()
    return (
        ctx is not None and ctx.partitionId() == config.fail_partition and ctx.attemptNumber() == 0
    )


__all__ = ["WorkerConfig", "code_batches", "code_rows", "output_schema", "worker_pipeline"]
