"""The flat columns of a record that stores and the Spark output index.

One definition, so the SQLite and PostgreSQL rows and the Spark Parquet rows always
agree on names, order and values.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Event


def columns(event: Event) -> dict[str, Any]:
    """Indexed columns in store order (the full record travels beside them as JSON)."""
    loc = event.location
    return {
        "id": event.id,
        "article_id": event.article_id,
        "event": event.event,
        "mode": event.mode,
        "quad": event.quad,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "country_code": loc.country_code if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "actors": " | ".join(a.name or a.text for a in [*event.actor, *event.recipient]),
        "acled_event_type": event.acled.event_type if event.acled else None,
        "confidence": event.confidence,
    }


def record_json(event: Event) -> str:
    """The full record as stored: JSON, non-ASCII kept as is."""
    return json.dumps(event.to_dict(), ensure_ascii=False)
