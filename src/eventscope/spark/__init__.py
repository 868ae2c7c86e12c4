"""Run eventscope on Apache Spark: the same pipeline, on as many executors as you have.

Example::

    from eventscope import Settings
    from eventscope.spark import JobOptions, load, run_job, spark_session

    spark = spark_session("local[2]")
    summary = run_job(spark, JobOptions(inputs=("articles.jsonl",), output="out"))
    load("out", "events.db")   # or postgresql://…; then `eventscope events --db events.db`

PySpark is an optional extra (``pip install 'eventscope[spark]'``); importing this
package does not import it, so the loader works without Spark or Java.  See
``docs/spark.md`` for cluster use.
"""

from __future__ import annotations

from .job import JobOptions, JobSummary, input_format, read_articles, run_job, spark_session
from .load import LoadSummary, load
from .worker import WorkerConfig

__all__ = [
    "JobOptions",
    "JobSummary",
    "LoadSummary",
    "WorkerConfig",
    "input_format",
    "load",
    "read_articles",
    "run_job",
    "spark_session",
]
