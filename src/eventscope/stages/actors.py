"""The actors stage: resolves every event's actor and recipient spans to actors.

The matching itself lives in :mod:`eventscope.actors`; this stage only gathers what the
whole document says before resolving each span:

- its country focus: the most mentioned country among place and nationality entities
  (ties go to the first mentioned), so "the regime" in a Syria story is Syria's;
- names it defines, "Syrian Democratic Forces (SDF)", so a later "SDF" is the same actor;
- the named armed groups it mentions, in order, so "the group" finds its antecedent;
- the article date, which picks the role a person held at the time.

The places stage runs after this one, so we do not use its output.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors.dictionary import NamedActor
from ..actors.resolver import ActorResolver, DocMemory, is_armed_group
from ..actors.text import key_of
from ..nlp.mentions import ActorRef

#: Entity labels that name places or nationalities (for the country focus).
_PLACE_LABELS: frozenset[str] = frozenset({"GPE", "NORP", "LOC"})
#: Entity labels that say a span names a place (a town the dictionary may lack).
_TOWN_LABELS: frozenset[str] = frozenset({"GPE", "LOC"})
#: Entity labels that may name an armed group.
_GROUP_LABELS: frozenset[str] = frozenset({"ORG", "NORP", "PERSON", "GPE"})
#: "Long Name (ACRONYM)": a name the document defines for itself.
_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]*|of|the|for|and|al|el|de)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|al|el|de))*)"
    r"\s*\(([A-Z][A-Za-z0-9-]{1,9})\)"
)


class ActorStage:
    """Fills ``EventMention.actors`` and ``.recipients`` from their spans.

    Args:
        resolver (ActorResolver | None): Dictionary matcher; ``None`` uses the shipped
            dictionary (loaded once per process).
    """

    def __init__(self, *, resolver: ActorResolver | None = None) -> None:
        self.resolver = resolver or ActorResolver()

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.events or []
        if not events:
            return doc
        memory = self.memory_for(doc)
        for ev in events:
            ev.actors = [self.resolve_span(span, memory) for span in ev.actor_spans]
            ev.recipients = [self.resolve_span(span, memory) for span in ev.recipient_spans]
        return doc

    def resolve_span(self, span: Span, memory: DocMemory) -> ActorRef:
        """One span -> ActorRef, with offsets into the article text.

        The span's syntactic root is its head noun ("Doctors" in "Doctors from American
        aid groups"), which decides the sector better than the last word does; a root
        inside a place entity lets an unknown town resolve to its country.
        """
        head = span.root.idx - span.start_char if len(span) else None
        place = len(span) > 0 and span.root.ent_type_ in _TOWN_LABELS
        return self.resolver.resolve(
            span.text,
            start_char=span.start_char,
            memory=memory,
            head=head,
            place=place,
            acts=acts(span),
        )

    # -- document context ---------------------------------------------------------

    def memory_for(self, doc: Doc) -> DocMemory:
        """Collect focus, date, defined names and armed groups for one document."""
        article = doc._.article
        memory = DocMemory(
            country_focus=self.country_focus(doc),
            when=getattr(article, "published", None),
        )
        self._add_definitions(doc.text, memory)
        self._add_armed_groups(doc, memory)
        return memory

    def country_focus(self, doc: Doc) -> str | None:
        """Most frequent country among place/nationality entities; ties: first seen."""
        counts: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                country = self.resolver.country_of(ent.text)
                if country is not None:
                    counts[country] += 1
        if not counts:
            return None
        return counts.most_common(1)[0][0]

    def _add_definitions(self, text: str, memory: DocMemory) -> None:
        """Register "Long Name (ABC)" so that a later bare "ABC" resolves like the name."""
        for match in _DEFINITION.finditer(text):
            long_form, short = match.group(1), match.group(2)
            long_form = re.sub(r"^(?:the|The)\s+", "", long_form)
            ref, named = self.resolver.resolve_named(long_form, memory=memory)
            key, long_key = key_of(short), key_of(long_form)
            if not key or len(long_key) < 2:
                continue
            if named and ref.name is not None:
                actor = NamedActor(ref.name, "group", (), ref.country, ref.sector, ref.acled_inter)
            else:
                # Unknown to the dictionary, but the document says both names are one actor.
                actor = NamedActor(long_form, "group")
                memory.names.setdefault(long_key, actor)
            memory.names.setdefault(key, actor)

    def _add_armed_groups(self, doc: Doc, memory: DocMemory) -> None:
        """Named armed groups in text order, from entities and the events' own spans."""
        spans: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in _GROUP_LABELS:
                spans.setdefault(ent.start_char, ent)
        for ev in doc._.events or []:
            for span in [*ev.actor_spans, *ev.recipient_spans]:
                spans.setdefault(span.start_char, span)
        if doc.has_annotation("DEP"):
            for chunk in doc.noun_chunks:  # names the NER missed ("Daesh fighters")
                spans.setdefault(chunk.start_char, chunk)
        for start in sorted(spans):
            span = spans[start]
            ref, named = self.resolver.resolve_named(span.text, start_char=start, memory=memory)
            if named and is_armed_group(ref):
                memory.armed_groups.append((start, ref))


@Language.factory(
    "eventscope_actors",
    default_config={},
    assigns=["doc._.events"],
    requires=["doc._.events", "doc.ents"],
)
def make_actor_stage(nlp: Language, name: str) -> ActorStage:
    """Factory for :class:`ActorStage`."""
    return ActorStage()


def acts(span: Span) -> bool:
    """Whether a phrase is the doer of its clause: its subject, a possessor ("Moscow's
    decision") or the object of an agentive "by" ("an admission by Moscow"), read from
    the first of coordinated phrases ("Washington and London said").  A phrase with no
    parse counts as acting, the resolver's default."""
    if not len(span):
        return True
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ("nsubj", "csubj", "poss"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "by"
