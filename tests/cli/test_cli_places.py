"""``eventscope places``: JSON lines of place mentions for the same inputs as extract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli.places import command
from eventscope.gazetteer import CountryRecord, PlaceRecord, Sources, build_gazetteer


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = Sources(
        countries=[CountryRecord("SY", "SYR", "Syria", 35.0, 38.0, "Damascus", 17_000_000)],
        places=[PlaceRecord(10, "Aleppo", 36.2, 37.16, "SY", "P", "PPL", None, 2_000_000)],
        demonyms={"Syrian": "SY"},
    )
    return build_gazetteer(tmp_path_factory.mktemp("cli") / "g.sqlite", sources=sources)


@pytest.mark.parametrize("use_stdin", [False, True])
def test_places_cli_prints_one_record_per_mention(
    tmp_path: Path, gaz_path: Path, use_stdin: bool
) -> None:
    text = "Syrian troops shelled Aleppo on Monday."
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    args = ["-" if use_stdin else str(source), "--gazetteer", str(gaz_path)]
    result = CliRunner().invoke(command, args, input=text if use_stdin else None)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == ["Syrian", "Aleppo"]
    aleppo = records[1]
    assert text[aleppo["start"] : aleppo["end"]] == "Aleppo"
    assert aleppo["role"] == "event_location"
    assert aleppo["resolution"]["lat"] == pytest.approx(36.2)
    assert len({r["article_id"] for r in records}) == 1


def test_places_cli_unresolved_mention_has_null_resolution(tmp_path: Path, gaz_path: Path) -> None:
    source = tmp_path / "camp.txt"
    source.write_text("Families fled to the village of Zorbatiya.", encoding="utf-8")
    result = CliRunner().invoke(command, [str(source), "--gazetteer", str(gaz_path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and records[0]["text"] == "Zorbatiya" and records[0]["resolution"] is None


def test_places_cli_reports_skipped_input(tmp_path: Path, gaz_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    result = CliRunner().invoke(command, [missing, "--gazetteer", str(gaz_path)])
    assert result.exit_code == 3
