"""Sentence starts at line breaks, set before the parser runs.

News files put the headline and each paragraph on their own lines, often without
final punctuation.  Left to itself the parser glues a headline onto the first
sentence ("… pound Eastern Ghouta Syrian forces bombarded …"), which corrupts both
the evidence sentence and the roles.  The parser keeps preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentencizer:
    """Marks the first token after a line break as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if prev.is_space and "\n" in prev.text and not token.is_space:
                token.is_sent_start = True
        return doc


@Language.factory("eventscope_paragraphs", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreakSentencizer:
    """Factory for :class:`LineBreakSentencizer`."""
    return LineBreakSentencizer()
