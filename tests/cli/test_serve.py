"""``eventscope serve``: where the write token comes from, and its help text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eventscope.cli.serve import TOKEN_ENV, command, resolve_token
from eventscope.errors import ConfigError


@pytest.mark.parametrize(
    ("given", "env", "expected", "generated"),
    [
        ("given-token-123456789", "env-token-123456789", "given-token-123456789", False),
        (None, "env-token-123456789", "env-token-123456789", False),
    ],
)
def test_serve_token_precedence(
    monkeypatch: pytest.MonkeyPatch, given: str | None, env: str, expected: str, generated: bool
) -> None:
    monkeypatch.setenv(TOKEN_ENV, env)
    assert resolve_token(given) == (expected, generated)


def test_serve_token_generated_when_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    first, made = resolve_token(None)
    assert made and len(first) >= 30 and resolve_token(None)[0] != first


@pytest.mark.parametrize("bad", ["short", "has spaces in the token!!", "x" * 201])
def test_serve_token_rejects_weak_or_odd_tokens(bad: str) -> None:
    with pytest.raises(ConfigError, match="E090"):
        resolve_token(bad)


def test_serve_help_names_defaults() -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--token" in result.output
