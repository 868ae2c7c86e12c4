"""Pipeline stages, one spaCy component per module, in data-flow order.

Importing this package registers every factory: ``eventscope_events``,
``eventscope_acled``, ``eventscope_actors``, ``eventscope_places``, ``eventscope_time``,
``eventscope_sizes``.
"""

from __future__ import annotations

from . import acled, actors, events, places, sizes, time

__all__ = ["acled", "actors", "events", "places", "sizes", "time"]
