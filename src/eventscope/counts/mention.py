"""One count found in a sentence, with what decided its category."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .._types import SizeCategory
from ..nlp.mentions import SizeValue


@dataclass
class SizeMention:
    """A count found in a sentence.

    Attributes:
        category (SizeCategory): killed, injured, arrested, displaced or participants.
        value (SizeValue): Bounds, text and character offsets.
        anchor (Token): The token that gave the category (to attach it to an event).
        total (bool): True for running totals ("bringing the death toll to 300").
        part (bool): True when the count says only that these people were among a
            category's victims ("a girl was among those killed"): a floor that a count of
            the whole group, when the sentence has one, replaces.
        noun (Token | None): The counted noun, when the count has one ("people").
    """

    category: SizeCategory
    value: SizeValue
    anchor: Token
    total: bool = False
    part: bool = False
    noun: Token | None = None


__all__ = ["SizeMention"]
