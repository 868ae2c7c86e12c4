"""End-to-end tests of the CLI verbs: extract, ingest, events; bad input never stops a batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli import EXIT_SKIPPED, main

GOOD = (
    "Police arrested 12 opposition activists in Harare on Thursday, witnesses said. "
    "The main opposition party accused the government of silencing its critics."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _write_batch(folder: Path) -> None:
    """One valid article per format, plus one of each kind of bad input."""
    folder.mkdir()
    (folder / "good.txt").write_text(f"date 2019-01-18\n{GOOD}\n")
    lines = [
        json.dumps({"id": "keep-me", "text": GOOD, "published": "2019-01-18"}),
        "{not json",
        json.dumps({"id": "bad-date", "text": GOOD, "published": "2019-02-30"}),
        json.dumps(
            {
                "id": "fr",
                "text": "La police a arrêté douze militants de l'opposition à "
                "Harare jeudi, selon des témoins qui étaient présents sur la place centrale "
                "de la ville ce jour-là avec leurs familles.",
            }
        ),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00" * 100)
    (folder / "latin1.txt").write_bytes("date 2019-01-18\nCaf\xe9 bombed".encode("latin-1"))
    (folder / "huge.txt").write_text("date 2019-01-18\n" + "word " * 4_200_000)


def test_cli_extract_jsonl_keeps_given_id_and_reports_skips(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _write_batch(tmp_path / "in")
    result = runner.invoke(main, ["extract", str(tmp_path / "in")])
    assert result.exit_code == EXIT_SKIPPED
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = {r["article_id"] for r in records}
    assert {"keep-me", "good"} <= ids
    errors = result.stderr.splitlines()
    for code in ("E001", "E002", "E003", "E004", "E005", "E006", "E007"):
        assert any(code in line for line in errors), f"{code} not reported: {errors}"
    assert all(":" in line.split(" ")[0] for line in errors if "[E" in line)


def test_cli_extract_csv_is_the_acled_view(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.txt"
    src.write_text(f"date 2019-01-18\n{GOOD}\n")
    result = runner.invoke(main, ["extract", str(src), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["event_type"] == "Strategic developments"
    assert rows[0]["sub_event_type"] == "Arrests"
    assert rows[0]["event_date"] == "2019-01-17"
    assert rows[0]["country"] == "Zimbabwe"


def test_cli_extract_reads_stdin(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["extract", "-"], input=GOOD)
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    assert record["date"]["precision"] == "unknown"
    assert any("no publication date" in w for w in record["warnings"])


def test_cli_ingest_is_idempotent_and_queryable(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _write_batch(tmp_path / "in")
    db = str(tmp_path / "e.db")
    first = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--silent"])
    assert first.exit_code == EXIT_SKIPPED
    listed = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    n_events = len(listed.stdout.splitlines())
    assert n_events >= 2
    again = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--silent"])
    assert "0 new article(s)" in again.stderr
    relisted = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert len(relisted.stdout.splitlines()) == n_events
    coerce = runner.invoke(main, ["events", "--db", db, "--type", "COERCE", "--format", "jsonl"])
    assert all(json.loads(x)["event"] == "COERCE" for x in coerce.stdout.splitlines())
    assert coerce.stdout.strip()


def test_cli_ingest_resumes_after_an_interrupted_run(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(f"date 2019-01-1{i}\nArticle {i}. {GOOD}\n")
    db = str(tmp_path / "e.db")
    # Simulate a run killed after the first article: ingest only that file.
    runner.invoke(main, ["ingest", str(folder / "r0.txt"), "--db", db, "--silent"])
    result = runner.invoke(main, ["ingest", str(folder), "--db", db, "--silent"])
    assert "2 new article(s)" in result.stderr
    assert "1 already stored" in result.stderr


def test_cli_every_command_has_help(runner) -> None:  # type: ignore[no-untyped-def]
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help


def test_cli_evaluate_reports_missing_gold_data(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["evaluate", "plover", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "E040" in result.stderr
