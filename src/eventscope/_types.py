"""Type aliases shared across the package, kept in one place."""

from __future__ import annotations

from typing import Literal

PloverEvent = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlaceRole = Literal["event_location", "metonymy", "comparison", "other"]
SizeCategory = Literal["killed", "injured", "arrested", "displaced", "participants"]
Modality = Literal["negated", "hypothetical", "future", "historical", "reported"]
# Modalities of events that did not (or not yet) happen: ACLED does not code them.
UNREAL: frozenset[str] = frozenset({"negated", "hypothetical", "future"})

SIZE_CATEGORIES: tuple[SizeCategory, ...] = (
    "killed",
    "injured",
    "arrested",
    "displaced",
    "participants",
)

# PLOVER v0.8 quad classes (manual, table "Quad categories in PLOVER").
QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "SANCTION": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
PLOVER_EVENTS: tuple[str, ...] = tuple(QUAD)
