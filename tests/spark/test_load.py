"""Tests for spark/load.py and cli/spark.py: Spark output into the SQLite store, idempotently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli import main
from eventscope.cli.spark import command as spark_command
from eventscope.cli.spark import load_command
from eventscope.errors import ConfigError
from eventscope.spark import load
from eventscope.store import EventQuery, SQLiteStore, open_store

pytest.importorskip("pyarrow.dataset")


@pytest.fixture(scope="module")
def cli_output(spark, jsonl_input, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """`eventscope spark` run through its click command (the session already exists)."""
    output = tmp_path_factory.mktemp("cli") / "out"
    result = CliRunner().invoke(spark_command, [str(jsonl_input), "--output", str(output)])
    assert result.exit_code == 3, result.output  # three corrupt rows were skipped
    assert "skipped" in result.output
    return output


# Every stored report on its own, where the store can merge reports of one event.
REPORTS = EventQuery(**({"merged": False} if "merged" in EventQuery.__dataclass_fields__ else {}))


def _stored(url: str | Path, query: EventQuery = REPORTS) -> list[str]:
    with open_store(str(url)) as store:
        return sorted(json.dumps(e.to_dict(), ensure_ascii=False) for e in store.events(query))


def test_load_sqlite_twice_changes_nothing(cli_output, tmp_path, single_machine) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "events.db"
    first = load(cli_output, str(db))
    once = _stored(db)
    second = load(cli_output, f"sqlite:///{db}")
    assert (first.articles, first.unchanged) == (len(single_machine["articles"]), 0)
    assert (second.articles, second.unchanged) == (0, first.articles)
    assert _stored(db) == once == single_machine["records"]
    with SQLiteStore(str(db)) as store:
        assert store.counts() == {
            "articles": len(single_machine["articles"]),
            "events": len(once),
            "skipped": 3,
        }


def test_load_then_events_verb_lists_them(cli_output, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "events.db"
    loaded = CliRunner().invoke(load_command, [str(cli_output), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    listed = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    ids = [json.loads(line)["id"] for line in listed.output.splitlines() if line.startswith("{")]
    assert ids and len(ids) == len(set(ids))


def test_load_matches_ingest_of_the_same_articles(cli_output, jsonl_input, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Loaded output reads back exactly like a local ingest (merged reads included)."""
    loaded, ingested = tmp_path / "loaded.db", tmp_path / "ingested.db"
    load(cli_output, str(loaded))
    result = CliRunner().invoke(main, ["ingest", str(jsonl_input), "--db", str(ingested)])
    assert result.exit_code == 3, result.output  # the three corrupt rows
    assert _stored(loaded) == _stored(ingested)
    assert _stored(loaded, EventQuery()) == _stored(ingested, EventQuery())


def test_load_refuses_other_folders(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=r"E083"):
        load(tmp_path, str(tmp_path / "x.db"))


@pytest.mark.skipif(
    not os.environ.get("EVENTSCOPE_TEST_PG_URL"),
    reason="EVENTSCOPE_TEST_PG_URL not set (CI starts a server with scripts/start-postgres.sh)",
)
def test_load_postgres_twice_changes_nothing(cli_output, single_machine) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = os.environ["EVENTSCOPE_TEST_PG_URL"]
    with psycopg.connect(url, autocommit=True) as conn:  # start from an empty schema
        for table in ("events", "skipped", "articles", "schema_migrations"):
            conn.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    load(cli_output, url)
    second = load(cli_output, url)
    assert second.articles == 0
    assert set(single_machine["records"]) <= set(_stored(url))
