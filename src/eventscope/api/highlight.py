"""Where the actor, recipient, place, date and trigger sit inside the evidence sentence.

The record keeps each role's surface text and the trigger's article offsets, not
offsets of every role in the sentence, so they are found again here: the trigger by
its offsets, the others by searching the sentence (exact case first, then any case,
preferring whole-word matches).  Overlapping finds keep the earlier, longer one, so
the page can wrap each span in one ``<mark>`` without nesting.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..records import Event


@dataclass(frozen=True)
class Highlight:
    """``sentence[start:end] == text``, playing ``role`` in the event."""

    role: str
    start: int
    end: int
    text: str


def find_text(sentence: str, text: str | None) -> tuple[int, int] | None:
    """Offsets of ``text`` in ``sentence``: whole word and exact case preferred."""
    if not text or not text.strip():
        return None
    needle = text.strip()
    for flags in (0, re.IGNORECASE):
        bounded = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", sentence, flags)
        if bounded:
            return bounded.span()
    loose = re.search(re.escape(needle), sentence, re.IGNORECASE)
    return loose.span() if loose else None


def _trigger(event: Event) -> Highlight | None:
    ev = event.evidence
    start = ev.trigger_start - ev.start
    end = ev.trigger_end - ev.start
    if 0 <= start < end <= len(ev.sentence) and ev.sentence[start:end] == ev.trigger:
        return Highlight("trigger", start, end, ev.trigger)
    found = find_text(ev.sentence, ev.trigger)
    return Highlight("trigger", *found, ev.trigger) if found else None


def _candidates(event: Event) -> list[tuple[str, str | None]]:
    roles: list[tuple[str, str | None]] = [("actor", a.text) for a in event.actor]
    roles += [("recipient", r.text) for r in event.recipient]
    roles.append(("place", event.location.text if event.location else None))
    roles.append(("date", event.date.text))
    roles += [("size", b.text) for b in event.size.values()]
    return roles


def highlights(event: Event) -> list[Highlight]:
    """Non-overlapping role spans in the evidence sentence, in sentence order."""
    sentence = event.evidence.sentence
    found: list[Highlight] = []
    trigger = _trigger(event)
    if trigger:
        found.append(trigger)
    for role, text in _candidates(event):
        span = find_text(sentence, text)
        if span:
            found.append(Highlight(role, span[0], span[1], sentence[span[0] : span[1]]))
    kept: list[Highlight] = []
    for h in sorted(found, key=lambda h: (h.start, -(h.end - h.start))):
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def highlight_dicts(event: Event) -> list[dict[str, object]]:
    return [asdict(h) for h in highlights(event)]
