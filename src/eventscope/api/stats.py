"""``GET /stats``: counts by day, event type and country for the timeline and filters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from .deps import FiltersDep, StateDep

router = APIRouter(tags=["stats"])


class Stats(BaseModel):
    """``by_day`` is ``[[day, n], ...]`` in date order; the others map value to count."""

    total: int
    by_day: list[tuple[str, int]]
    by_type: dict[str, int]
    by_country: dict[str, int]


@router.get(
    "/stats",
    response_model=None,
    responses={200: {"model": Stats}},
    summary="Counts of matching events by start day, type and country",
)
def get_stats(app_state: StateDep, query: FiltersDep) -> dict[str, Any]:
    result = app_state.store().stats(query)
    return {"total": sum(result["by_type"].values()), **result}
