"""``eventscope gazetteer``: build and query the offline gazetteer."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import click

from ..gazetteer import Gazetteer, build_gazetteer, default_path, ensure_gazetteer


@click.group("gazetteer")
def command() -> None:
    """Build or query the offline gazetteer (one SQLite file).

    \b
    Examples:
      eventscope gazetteer build
      eventscope gazetteer build --geonames-dir ~/geonames --path big.sqlite
      eventscope gazetteer lookup "Eastern Ghouta" --limit 3
    """


@command.command("build")
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the gazetteer (default: the versioned file in the user data dir).",
)
@click.option(
    "--geonames-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder with GeoNames dumps (allCountries.txt or cities500.txt, "
    "alternateNamesV2.txt, admin1CodesASCII.txt) to build from instead of the packages.",
)
def build(path: Path | None, geonames_dir: Path | None) -> None:
    """Build (or rebuild) the gazetteer, atomically.

    \b
    Example:
      eventscope gazetteer build --path /tmp/gazetteer.sqlite
    """
    target = path or default_path()
    started = time.perf_counter()
    build_gazetteer(target, geonames_dir=geonames_dir)
    size_mb = target.stat().st_size / 1e6
    click.echo(f"built {target} ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s")


@command.command("lookup")
@click.argument("name")
@click.option("--limit", type=int, default=5, show_default=True, help="At most N candidates.")
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Gazetteer file to query (default: the user data dir one, built on first use).",
)
def lookup(name: str, limit: int, path: Path | None) -> None:
    """Print the candidate entries for NAME, best first, one JSON object per line.

    \b
    Example:
      eventscope gazetteer lookup Aleppo --limit 2
    """
    gaz = Gazetteer(ensure_gazetteer(path))
    for resolution in gaz.lookup(name, limit=limit):
        click.echo(json.dumps(asdict(resolution), ensure_ascii=False))
