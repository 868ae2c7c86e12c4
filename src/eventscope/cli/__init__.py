"""The ``eventscope`` command line: one module per verb, each a thin wrapper."""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import EventscopeError

# Exit statuses, documented in README: 0 all inputs used, 3 some inputs skipped.
EXIT_SKIPPED = 3
_VERBS = (
    "extract",
    "places",
    "ingest",
    "events",
    "evaluate",
    "train",
    "gazetteer",
    "actors",
    "serve",
    "spark",
)


class _Group(click.Group):
    """Turns eventscope errors into one line (tracebacks only with --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EventscopeError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(package_name="eventscope")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """eventscope: dated news reports in, geocoded and dated event data out.

    \b
    Examples:
      eventscope extract report.txt --format csv
      eventscope ingest samples/ --db events.db
      eventscope events --db events.db --country SY --format table
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for _verb in _VERBS:
    _module = importlib.import_module(f"{__name__}.{_verb}")
    main.add_command(_module.command)
    if hasattr(_module, "load_command"):  # `spark-load` lives beside `spark`
        main.add_command(_module.load_command)
