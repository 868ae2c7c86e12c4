"""Imports every benchmark module so that each registers itself."""

from __future__ import annotations

import importlib
import importlib.util

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
)

for _name in _MODULES:
    if importlib.util.find_spec(f"{__package__}.{_name}") is not None:
        importlib.import_module(f"{__package__}.{_name}")
