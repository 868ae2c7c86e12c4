"""Tests for ``eventscope actors``: adding a user's own actor and looking actors up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli.actors import command


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _last_json(output: str) -> dict[str, object]:
    return json.loads(output.strip().splitlines()[-1])


def test_actors_add_writes_user_file_and_resolves(runner: CliRunner, tmp_path: Path) -> None:
    user_file = tmp_path / "actors.jsonl"
    args = ["add", "Lions of the Valley", "--country", "syr", "--sector", "reb",
            "--alias", "LOTV", "--file", str(user_file)]  # fmt: skip
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in user_file.read_text().splitlines()]
    assert rows == [
        {"name": "Lions of the Valley", "country": "SYR", "sector": "REB", "aliases": ["LOTV"]}
    ]
    lookup = runner.invoke(command, ["lookup", "LOTV", "--file", str(user_file)])
    ref = _last_json(lookup.output)
    assert (ref["name"], ref["country"], ref["sector"], ref["acled_inter"]) == (
        "Lions of the Valley", "SYR", "REB", 2,
    )  # fmt: skip


def test_actors_add_replaces_same_name(runner: CliRunner, tmp_path: Path) -> None:
    user_file = tmp_path / "actors.jsonl"
    for sector in ("REB", "PRM"):
        args = ["add", "Valley Guards", "--country", "IRQ", "--sector", sector,
                "--file", str(user_file)]  # fmt: skip
        assert runner.invoke(command, args).exit_code == 0
    rows = [json.loads(line) for line in user_file.read_text().splitlines()]
    assert [(r["name"], r["sector"]) for r in rows] == [("Valley Guards", "PRM")]


def test_actors_user_file_wins_over_shipped_entry(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_file = tmp_path / "actors.jsonl"
    monkeypatch.setenv("EVENTSCOPE_USER_ACTORS", str(user_file))
    args = ["add", "Hezbollah", "--country", "LBN", "--sector", "PTY", "--inter", "7"]
    assert runner.invoke(command, args).exit_code == 0
    ref = _last_json(runner.invoke(command, ["lookup", "Hezbollah"]).output)
    assert (ref["sector"], ref["acled_inter"]) == ("PTY", 7)


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [("--country", "XYZ", "E072"), ("--sector", "FOO", "E073"), ("--inter", "9", "E074")],
)
def test_actors_add_rejects_bad_codes(
    runner: CliRunner, tmp_path: Path, option: str, value: str, code: str
) -> None:
    values = {"--country": "SYR", "--sector": "REB", "--inter": "2"} | {option: value}
    args = ["add", "Somebody", "--file", str(tmp_path / "a.jsonl")]
    for key, val in values.items():
        args += [key, val]
    result = runner.invoke(command, args)
    assert result.exit_code != 0
    assert code in str(result.exception)
    assert not (tmp_path / "a.jsonl").exists()


def test_actors_malformed_user_file_names_line(runner: CliRunner, tmp_path: Path) -> None:
    user_file = tmp_path / "actors.jsonl"
    user_file.write_text('{"name": "Fine", "country": "SYR", "sector": "REB"}\n{oops\n')
    result = runner.invoke(command, ["lookup", "Fine", "--file", str(user_file)])
    assert result.exit_code != 0
    assert "E071" in str(result.exception) and ":2:" in str(result.exception)


@pytest.mark.parametrize(
    ("text", "focus", "country", "sector"),
    [("the regime", "SYR", "SYR", "GOV"), ("Daesh", None, "IMG", "REB")],
)
def test_actors_lookup_prints_resolution(
    runner: CliRunner, tmp_path: Path, text: str, focus: str | None, country: str, sector: str
) -> None:
    args = ["lookup", text, "--file", str(tmp_path / "none.jsonl")]
    if focus:
        args += ["--focus", focus]
    ref = _last_json(runner.invoke(command, args).output)
    assert (ref["text"], ref["country"], ref["sector"]) == (text, country, sector)
