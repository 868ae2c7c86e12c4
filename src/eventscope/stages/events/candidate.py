"""The working record of one trigger candidate while a sentence is coded."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..lexicon import Trigger

#: An entry's object words per (part of speech, particle), for one token.
Seen = dict[tuple[str, str | None], set[str]]


@dataclass
class Candidate:
    """A trigger word, the lexicon entry it fits, and what the stage learns about it.

    Structure rules mark merged candidates ``dropped`` rather than deleting them, so
    that later rules can still see what a word was; roles are token heads until the
    mention is written, when they become phrases.
    """

    token: Token
    trigger: Trigger
    mode: str | None
    acled: str | None
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    modality: set[str] = field(default_factory=set)
    dropped: bool = False
    context: list[str] = field(default_factory=list)
    extra_recipients: list[Token] = field(default_factory=list)
