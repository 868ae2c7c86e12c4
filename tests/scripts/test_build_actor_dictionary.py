"""Tests for ``scripts/build_actor_dictionary.py``: the TABARI ``.actors`` reader.

The script is not part of the package, so it is loaded from its path; the dictionary
text below is written here in PETRARCH's format, with invented names.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parents[2] / "scripts" / "build_actor_dictionary.py"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_actor_dictionary", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


ACTORS = """\
JOHN_EXAMPLE_  # CountryInfo.txt
J._EXAMPLE
PRESIDENT_EXAMPLE
\t[XYZELI 500101-900101]
\t[XYZGOV 900101-991231]
\t[XYZELI]
JANE_SAMPLE_ [XYZGOV >20100101]
+MINISTER_SAMPLE
\t[XYZELI 20050101-20091231]
NATIONAL_FREEDOM_FRONT_(NFF) [XYZREB]
"""


def test_reader_gives_every_shared_name_every_code(builder: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    entries = {e.names[0]: e for e in builder.parse_actor_file(path)}
    roles = [["XYZELI", "1950-01-01", "1990-01-01"], ["XYZGOV", "1990-01-01", "1999-12-31"]]
    roles.append(["XYZELI", None, None])
    # Three names share one block of three code lines: each gets all three.
    for name in ("JOHN EXAMPLE", "J. EXAMPLE", "PRESIDENT EXAMPLE"):
        assert entries[name].codes == roles
        assert entries[name].kind == "person"  # the block's first line marks a ruler
    # Codes on the name line and on a following line belong to that entry alone.
    sample = entries["JANE SAMPLE"]
    assert sample.names == ["JANE SAMPLE", "MINISTER SAMPLE"]
    assert sample.codes == [["XYZGOV", "2010-01-01", None], ["XYZELI", "2005-01-01", "2009-12-31"]]
    assert sample.kind == "org"
    assert entries["NATIONAL FREEDOM FRONT"].names == ["NATIONAL FREEDOM FRONT", "NFF"]


def test_reader_parses_two_and_four_digit_years(builder: ModuleType) -> None:
    assert builder.parse_date("991231") == "1999-12-31"
    assert builder.parse_date("290101") == "2029-01-01"
    assert builder.parse_date("20100101") == "2010-01-01"
    assert builder.parse_date("991331") is None
