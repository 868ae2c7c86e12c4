"""The event trigger lexicon (data/events/triggers.jsonl) and its filters, as lookups.

Kept as data so that users and later coders can extend triggers without code changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry (see the file's ``_meta`` for field meanings)."""

    lemma: str
    pos: str
    event: str | None
    mode: str | None
    acled: str | None
    role: str | None = None
    objects: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    prep: str | None = None
    weight: float = 0.8
    territory: bool = False
    modifier_only: bool = False
    swap_roles: bool = False  # "X hosted Y": PLOVER's visit has the visitor as actor


def _entry(raw: dict[str, Any]) -> Trigger:
    def fs(key: str) -> frozenset[str] | None:
        return frozenset(raw[key]) if raw.get(key) else None

    return Trigger(
        lemma=raw["lemma"],
        pos=raw["pos"],
        event=raw.get("event"),
        mode=raw.get("mode"),
        acled=raw.get("acled"),
        role=raw.get("role"),
        objects=fs("objects"),
        subjects=fs("subjects"),
        prep=raw.get("prep"),
        weight=float(raw.get("weight", 0.8)),
        territory=bool(raw.get("territory", False)),
        modifier_only=bool(raw.get("modifier_only", False)),
        swap_roles=bool(raw.get("swap_roles", False)),
    )


class Lexicon:
    """Trigger entries indexed by (lemma, coarse POS); several entries may share a key."""

    def __init__(self, entries: list[Trigger], filters: dict[str, list[str]]) -> None:
        self.entries: dict[tuple[str, str], list[Trigger]] = {}
        for entry in entries:
            self.entries.setdefault((entry.lemma, entry.pos), []).append(entry)
        # Last words of every key: a cheap test that rules out most tokens at once.
        self.heads = frozenset(lemma.split()[-1] for lemma, _ in self.entries)
        self.filters = {
            k: frozenset(v) for k, v in filters.items() if k != "_meta" and isinstance(v, list)
        }
        # Per-event tables (event -> words), e.g. the prepositions that mark a recipient.
        self.tables = {
            k: {event: frozenset(words) for event, words in v.items()}
            for k, v in filters.items()
            if k != "_meta" and isinstance(v, dict) and _all_lists(v)
        }
        # Per-event maps (event -> {key: value}), e.g. a threat's content -> its mode.
        self.maps: dict[str, dict[str, dict[str, str]]] = {
            k: v
            for k, v in filters.items()
            if k != "_meta" and isinstance(v, dict) and not _all_lists(v)
        }

    def words(self, name: str) -> frozenset[str]:
        """A named word list from filters.json."""
        return self.filters.get(name, frozenset())

    def table(self, name: str, key: str) -> frozenset[str]:
        """Words for ``key`` in a per-event table from filters.json."""
        return self.tables.get(name, {}).get(key, frozenset())

    def mapping(self, name: str, key: str) -> dict[str, str]:
        """The map for ``key`` in a per-event map from filters.json."""
        return self.maps.get(name, {}).get(key, {})

    def candidates(self, token: Token) -> list[Trigger]:
        """Entries that could fire on ``token``, multi-word keys first."""
        lemma = token.lemma_.lower()
        if lemma not in self.heads and token.lower_ not in self.heads:
            return []
        pos = _coarse_pos(token)
        if pos is None:
            return []
        keys = []
        if pos == "NOUN":
            mods = [c.lemma_.lower() for c in token.lefts if c.dep_ in {"compound", "amod"}]
            keys.extend(f"{m} {lemma}" for m in mods)
            keys.append(token.lower_)
        keys.append(lemma)
        out: list[Trigger] = []
        for key in keys:
            out.extend(self.entries.get((key, pos), []))
        return out


def _all_lists(table: dict[str, Any]) -> bool:
    return all(isinstance(v, list) for v in table.values())


def _coarse_pos(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
        return "VERB"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "NOUN"
    return None


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = resources.files("eventscope.data.events").joinpath(name).read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [row for row in rows if "_meta" not in row]


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    filters = json.loads(
        resources.files("eventscope.data.events").joinpath("filters.json").read_text("utf-8")
    )
    # Our own lexicon first; the CAMEO-derived one only fills gaps (lower weights).
    rows = _read_jsonl("triggers.jsonl") + _read_jsonl("cameo_verbs.jsonl")
    return Lexicon([_entry(row) for row in rows], filters)
