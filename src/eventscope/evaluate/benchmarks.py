"""Imports every benchmark module so that each registers itself."""

from __future__ import annotations

import importlib

# Each module registers with @benchmark; listed here so `evaluate` finds them.
_MODULES = (
    "plover",
    "conflibert",
    "conflibert_ner",
    "case2021",
    "ngec",
    "geo",
    "event_location",
    "time",
    "sizes",
    "actors",
    "dedup",
)

# Named groups, so that one command runs every benchmark of an issue.
GROUPS: dict[str, tuple[str, ...]] = {
    "events": ("plover", "conflibert", "conflibert_ner", "case2021", "ngec"),
    "places": ("geo", "event_location"),
    "when-how-many-who": ("time", "sizes", "actors", "conflibert_ner"),
}

for _name in _MODULES:
    importlib.import_module(f"{__package__}.{_name}")
