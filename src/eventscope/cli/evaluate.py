"""``eventscope evaluate``: run a benchmark on gold data and keep the result."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import EvaluationError, Messages
from ..evaluate import BenchmarkResult, registry


@click.command("evaluate")
@click.argument("bench")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Folder laid out like the project's shared data (events/…, geo/…).",
)
@click.option("--limit", type=int, default=None, help="Use only the first N gold items.")
@click.option(
    "--results",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("benchmarks/results"),
    show_default=True,
    help="Where to write the JSON result.",
)
def command(bench: str, data_dir: Path, limit: int | None, results: Path) -> None:
    """Score eventscope on benchmark BENCH with gold data from --data.

    \b
    Examples:
      eventscope evaluate plover --data ../shared/data
      eventscope evaluate geo --data ../shared/data --limit 50
      eventscope evaluate events --data ../shared/data   # every event-coding benchmark
      eventscope evaluate all --data ../shared/data
    Use `eventscope evaluate list` to see every benchmark and group.
    """
    benches = registry()
    from ..evaluate.benchmarks import GROUPS

    if bench == "list":
        for name, (_, help_text) in benches.items():
            click.echo(f"{name:16} {help_text}")
        for group, members in GROUPS.items():
            click.echo(f"{group:16} group: {', '.join(members)}")
        click.echo(f"{'all':16} every benchmark")
        return
    names = list(benches) if bench == "all" else list(GROUPS.get(bench, (bench,)))
    for name in names:
        if name not in benches:
            raise EvaluationError(Messages.E041.format(name=name, choices=", ".join(benches)))
    results.mkdir(parents=True, exist_ok=True)
    for name in names:
        fn, _ = benches[name]
        result: BenchmarkResult = fn(data_dir, limit=limit)
        _print(result)
        _save(result, results, limit)


def _save(result: BenchmarkResult, results: Path, limit: int | None) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    path = results / f"{result.name}-{stamp}.json"
    payload = json.loads(result.to_json())
    payload["limit"] = limit
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    click.echo(f"wrote {path}", err=True)


def _print(result: BenchmarkResult) -> None:
    console = Console(width=140)
    head = Table(title=f"{result.name}: headline")
    head.add_column("metric")
    head.add_column("value", justify="right")
    for key, value in result.metrics.items():
        head.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(head)
    if result.per_class:
        table = Table(title="per class")
        for col in ("class", "precision", "recall", "f1", "support"):
            table.add_column(col, justify="right" if col != "class" else "left")
        for label, row in result.per_class.items():
            table.add_row(
                label,
                *(f"{row.get(k, 0):.3f}" for k in ("precision", "recall", "f1")),
                str(int(row.get("support", 0))),
            )
        console.print(table)
    if result.confusion:
        labels = sorted({*result.confusion, *(p for r in result.confusion.values() for p in r)})
        table = Table(title="confusion (rows gold, columns predicted)")
        table.add_column("gold")
        for label in labels:
            table.add_column(label[:8], justify="right")
        for gold in labels:
            row = result.confusion.get(gold, {})
            table.add_row(gold, *(str(row.get(p, "")) for p in labels))
        console.print(table)
