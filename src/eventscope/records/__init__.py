"""Doc -> typed event records, and the ACLED view of them."""

from __future__ import annotations

from .build import records_from_doc
from .model import (
    ACLED_COLUMNS,
    AcledView,
    Actor,
    Bounds,
    Event,
    EventDate,
    Evidence,
    Location,
    Source,
)

__all__ = [
    "ACLED_COLUMNS",
    "AcledView",
    "Actor",
    "Bounds",
    "Event",
    "EventDate",
    "Evidence",
    "Location",
    "Source",
    "records_from_doc",
]
