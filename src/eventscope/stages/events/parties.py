"""Whether a word can be a party to an event: a person, group, organisation or
place acting as one, not a thing or an abstraction.

Part of :class:`~eventscope.stages.events.EventStage`, which mixes in
:class:`Parties`; its methods read ``self.lexicon``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .tokens import acronym, bare_name


class Parties:
    """Decides which tokens can act in or undergo an event."""

    lexicon: Lexicon

    def _can_act(self, tok: Token) -> bool:
        """Whether a noun can be the doer of an act: "anarchy overcomes", "the move
        follows condemnation" and "efforts to stamp it out" name no actor.  Names and
        pronouns always can."""
        if tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_:
            return True
        lemma = tok.lemma_.lower()
        words = self.lexicon.words
        return lemma not in words("non_acting_nouns") and lemma not in words("abstract_objects")

    def _party_head(self, tok: Token) -> bool:
        """A word that names a party by itself; the small model leaves some names untyped
        ("met German Chancellor Scholz")."""
        if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or self._party_noun(tok):
            return True
        if tok.ent_type_:
            return False
        if acronym(tok):
            return True  # "the LTTE", which the tagger may call a plural noun
        # a capitalised word inside a sentence is a name even when the tagger calls it a
        # common noun ("ties with Seychelles")
        return tok.is_title and (
            tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start)
        )

    def _party_noun(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lexicon.words("participant_nouns")

    def _party(self, tok: Token) -> bool:
        """Whether a recipient names someone: a person, group, organisation or state.

        "Imposed sanctions", "lifted a restriction", "returned six artifacts" have
        objects that are the content of the act, not its target.
        """
        if self._party_head(tok):
            return True
        if tok.lemma_.lower() in self.lexicon.words("place_nouns"):
            return False  # "arrested on a Turkish beach": where, not whom
        return any(
            c.ent_type_ in {"NORP", "GPE", "ORG"}
            or (c.dep_ == "compound" and (self._party_noun(c) or bare_name(c)))
            for c in tok.lefts
        )  # "Russian embassy", "government positions", "LTTE camps"; not "military aid"
