"""One local-mode SparkSession for every Spark test, and the shared generated corpus.

``local[2,4]`` runs two executor threads (two Python workers) and lets a task fail up
to four times, which the failure-injection test needs (plain ``local[2]`` never retries).
Without PySpark or Java the tests are skipped on a developer's machine but fail in CI
(``CI`` set), where ``.ci/run`` installs both.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscope import Pipeline, Settings
from eventscope.readers import read_inputs
from eventscope.readers.article import Skipped

from .corpus import articles, write_jsonl


def _require(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"{why}: CI must run the Spark tests")
        pytest.skip(why)


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _require(False, "pyspark is not installed (pip install -e '.[spark]')")
    _require(shutil.which("java") is not None, "java is not installed")
    from eventscope.spark import spark_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = spark_session("local[2,4]", app_name="eventscope-tests")
    session.conf.set("spark.sql.shuffle.partitions", "4")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spark-corpus")


@pytest.fixture(scope="session")
def jsonl_input(corpus_dir: Path) -> Path:
    return write_jsonl(corpus_dir / "articles.jsonl", articles())


@pytest.fixture(scope="session")
def single_machine(jsonl_input: Path) -> dict[str, object]:
    """The reference: the same JSONL coded by the single-machine pipeline in this run."""
    items = list(read_inputs([jsonl_input]))
    good = [a for a in items if not isinstance(a, Skipped)]
    results = list(Pipeline(Settings()).process(good))
    return {
        "records": sorted(
            json.dumps(e.to_dict(), ensure_ascii=False) for r in results for e in r.events
        ),
        "articles": sorted(r.article.id for r in results if r.ok),
        "reasons": sorted(
            [s.reason for s in items if isinstance(s, Skipped)]
            + [r.error for r in results if not r.ok]
        ),
    }
