"""The docs cover every error code and every CLI verb."""

from __future__ import annotations

import re
from pathlib import Path

from eventscope.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_docs_list_every_error_code() -> None:
    source = (ROOT / "src/eventscope/errors.py").read_text()
    codes = set(re.findall(r"^\s+(E\d{3}) = ", source, re.M))
    documented = set(re.findall(r"\| (E\d{3}) \|", (ROOT / "docs/exceptions.md").read_text()))
    assert codes == documented


def test_docs_readme_mentions_every_cli_verb() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [verb for verb in main.commands if f"eventscope {verb}" not in readme]
    assert not missing
