"""``eventscope gazetteer`` commands on a tiny injected gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventscope.cli.gazetteer import command


def test_cli_gazetteer_lookup_prints_json_lines(tiny_path: Path) -> None:
    result = CliRunner().invoke(
        command, ["lookup", "Kashkash", "--limit", "2", "--path", str(tiny_path)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["country_code"] for r in rows] == ["EG", "SY"]


def test_cli_gazetteer_help_lists_subcommands() -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert "build" in result.output and "lookup" in result.output
