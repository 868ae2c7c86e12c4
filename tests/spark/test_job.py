"""Tests for spark/job.py in local mode: same records as one machine, exactly once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope import Settings
from eventscope.errors import ConfigError
from eventscope.spark import JobOptions, input_format, run_job

from .corpus import articles, write_csv, write_parquet

ds = pytest.importorskip("pyarrow.dataset")


def _table(output: Path, name: str) -> list[dict[str, object]]:
    return (
        ds.dataset(str(output / name), format="parquet", partitioning="hive").to_table().to_pylist()
    )


def _run(spark: object, source: Path, output: Path, **kw: object) -> dict[str, object]:
    summary = run_job(spark, JobOptions(inputs=(str(source),), output=str(output), **kw))
    events = _table(output, "events")
    return {
        "summary": summary,
        "events": events,
        "records": sorted(str(e["record"]) for e in events),
        "articles": sorted(str(a["article_id"]) for a in _table(output, "articles")),
        "reasons": sorted(str(s["reason"]) for s in _table(output, "skipped")),
    }


@pytest.fixture(scope="module")
def jsonl_run(spark, jsonl_input, tmp_path_factory) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return _run(spark, jsonl_input, tmp_path_factory.mktemp("out") / "jsonl", partition_by="day")


def test_job_records_match_single_machine_byte_for_byte(jsonl_run, single_machine) -> None:  # type: ignore[no-untyped-def]
    assert jsonl_run["records"], "the corpus must produce events"
    assert jsonl_run["records"] == single_machine["records"]
    assert jsonl_run["articles"] == single_machine["articles"]


def test_job_skips_corrupt_rows_with_reasons(jsonl_run, single_machine) -> None:  # type: ignore[no-untyped-def]
    assert jsonl_run["reasons"] == single_machine["reasons"]
    assert {r[:6] for r in jsonl_run["reasons"]} == {"[E005]", "[E006]", "[E008]"}


def test_job_partitions_events_by_date_and_country(jsonl_run) -> None:  # type: ignore[no-untyped-def]
    for row in jsonl_run["events"]:
        record = json.loads(str(row["record"]))
        location = record["location"] or {}
        assert row["event_date"] == (record["date"]["start"] or "unknown")
        assert row["country"] == (location.get("country_code") or "unknown")
    assert len({(r["event_date"], r["country"]) for r in jsonl_run["events"]}) > 3


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_job_reads_csv_and_parquet_like_jsonl(spark, tmp_path, fmt, jsonl_run) -> None:  # type: ignore[no-untyped-def]
    rows = articles()
    source = (write_csv if fmt == "csv" else write_parquet)(tmp_path / f"in.{fmt}", rows)
    got = _run(spark, source, tmp_path / "out", partition_by="day")
    assert got["records"] == jsonl_run["records"]
    assert got["reasons"] == []


def test_job_injected_failure_gives_output_exactly_once(  # type: ignore[no-untyped-def]
    spark, jsonl_input, tmp_path, single_machine
) -> None:
    marker = tmp_path / "marker"
    marker.mkdir()
    output = tmp_path / "out"
    output.mkdir()
    (output / "events").mkdir()
    (output / "events" / "stale.parquet").write_bytes(b"left by an earlier run")
    got = _run(spark, jsonl_input, output, fail_partition=1, fail_marker=str(marker))
    assert list(marker.iterdir()), "the injected failure did not happen"
    ids = [e["id"] for e in got["events"]]
    assert len(ids) == len(set(ids))
    assert got["records"] == single_machine["records"]
    assert not (output / "events" / "stale.parquet").exists()


@pytest.mark.parametrize(
    ("paths", "requested", "expected"),
    [
        (["a.jsonl"], "auto", "jsonl"),
        (["s3a://b/x.CSV"], "auto", "csv"),
        (["d/part.parquet/"], "auto", "parquet"),
        (["folder"], "csv", "csv"),
    ],
)
def test_input_format_from_suffix_or_request(paths, requested, expected) -> None:  # type: ignore[no-untyped-def]
    assert input_format(paths, requested) == expected


@pytest.mark.parametrize(("paths", "requested"), [(["folder"], "auto"), (["a.txt"], "xml")])
def test_input_format_refuses_unknown(paths, requested) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=r"E08[26]"):
        input_format(paths, requested)


def test_job_settings_reach_executors(spark, jsonl_input, tmp_path, jsonl_run) -> None:  # type: ignore[no-untyped-def]
    """Tiny batches give the same records: batching is a setting, not a result."""
    got = _run(
        spark,
        jsonl_input,
        tmp_path / "out",
        settings=Settings(batch_size=2),
        partition_by="day",
        partitions=3,
        flush_rows=5,
    )
    assert got["records"] == jsonl_run["records"]
