"""Finds place mentions in a parsed Doc and resolves them against the gazetteer.

Recognition combines four signals because the small spaCy model alone misses many
places (it tags "Aleppo" NORP and "Kakuma" PERSON):

1. spaCy GPE/LOC/FAC entities;
2. demonyms ("Syrian forces" -> Syria);
3. context patterns ("the village of X", "X camp", "X province", "south of X", "near X")
   that make even an unknown capitalised name a place;
4. a gazetteer matcher for capitalised proper-noun n-grams, kept only when the name is
   prominent enough (see ``MIN_PRIOR``) that a chance match is unlikely.

Resolution (``resolve.py``) then chooses an entry for each mention.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.mentions import PlaceMention
from .found import DIRECTIONS, NEAR_WORDS, PLACE_NOUNS, STOP_NAMES, SUFFIX_NOUNS, Found
from .lookup import Gazetteer
from .normalize import normalize
from .resolve import resolve

__all__ = [
    "DIRECTIONS", "NEAR_WORDS", "Found", "find_places", "geoparse", "place_record",
    "place_records", "recognize", "resolve",
]  # fmt: skip

NE_PLACE = frozenset({"GPE", "LOC", "FAC"})
NE_NEVER = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "into", "across"})
MIN_PRIOR_SINGLE = 5.0  # gazetteer-only single token: ~100k people, an admin1 or a country
MIN_PRIOR_MULTI = 4.0  # multi-token names are rarer by chance
MIN_PRIOR_ENTITY = 6.5  # an ORG/PERSON entity re-read as a place must be very prominent
MIN_PRIOR_EMBEDDED = 5.0  # a place opening an organisation's name ("Ohio State Police")
# A person's name that starts like a place starts with a first name ("Madison Smith").
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
MIN_PRIOR_ACRONYM = 8.0  # an all-capitals token ("PA", "SWAT") must be a country-sized name


# --- recognition ------------------------------------------------------------------------


def _strip_determiner(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def _is_name_token(tok: Token) -> bool:
    text = tok.text
    return (
        (tok.tag_ in {"NNP", "NNPS"} or (text[:1].isupper() and not tok.is_sent_start))
        and text[:1].isupper()
        and text.lower() not in STOP_NAMES
    )


def _name_run_before(doc: Doc, end: int) -> Span | None:
    start = end
    while start > 0 and _is_name_token(doc[start - 1]):
        start -= 1
    return doc[start:end] if start < end else None


def _name_run_after(doc: Doc, start: int) -> Span | None:
    end = start
    while end < len(doc) and (
        _is_name_token(doc[end])
        or (end > start and doc[end].lower_ in {"al", "el", "de", "-"} and end + 1 < len(doc))
    ):
        end += 1
    while end > start and not _is_name_token(doc[end - 1]):
        end -= 1
    return doc[start:end] if start < end else None


ORG_WORDS = frozenset(
    {"fire", "police", "school", "water", "health", "sheriff", "court", "department", "park",
     "library", "hospital", "board", "community", "college", "university", "church"}
)  # fmt: skip


def _has_org_word(run: Span) -> bool:
    """Names like "Rapides Parish Fire District" are organisations, not places."""
    return any(t.lower_ in ORG_WORDS for t in run)


def _is_appositive_noun(doc: Doc, tok: Token) -> bool:
    """True for the noun of ", a village" / ", the town" right after a name."""
    return (
        tok.lower_ in {"village", "town", "city", "district", "neighbourhood", "neighborhood"}
        and tok.i >= 3
        and doc[tok.i - 1].lower_ in {"a", "the"}
        and doc[tok.i - 2].text == ","
    )


def _pattern_places(doc: Doc) -> list[Found]:
    """Names made places by their context, whatever the NER or gazetteer says."""
    found: list[Found] = []
    for tok in doc:
        low = tok.lower_
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        # "<Name> camp", "<Name> province"
        if (
            low in SUFFIX_NOUNS
            and tok.i > 0
            and (tok.is_lower or tok.i + 1 == len(doc) or not doc[tok.i + 1].text[:1].isupper())
        ):
            run = _name_run_before(doc, tok.i)
            if run is not None and len(run) <= 3 and not _has_org_word(run):
                found.append(Found(doc[run.start : tok.i + 1], "pattern", PLACE_NOUNS[low]))
        # "the village of <Name>", "south of <Name>", "outskirts of <Name>"
        if (
            nxt is not None
            and nxt.lower_ == "of"
            and (low in PLACE_NOUNS or low in DIRECTIONS or low in NEAR_WORDS)
        ):
            run = _name_run_after(doc, tok.i + 2)
            if run is not None:
                kind = PLACE_NOUNS.get(low)
                found.append(Found(run, "pattern", kind))
        # "near <Name>", "outside <Name>"
        if low in {"near", "outside"} and nxt is not None:
            run = _name_run_after(doc, tok.i + 1)
            if run is not None:
                found.append(Found(run, "pattern"))
        # "<Name>, a village ..." (appositive place noun)
        if _is_appositive_noun(doc, tok):
            run = _name_run_before(doc, tok.i - 2)
            if run is not None:
                found.append(Found(run, "pattern", PLACE_NOUNS[low]))
    return found


def _entity_threshold(ent: Span) -> float:
    """How prominent a place name must be to overrule the NER label it got.

    The small model often tags places ORG, PERSON, NORP or even LANGUAGE; after a
    locative preposition ("in Aleppo") or as NORP, an ordinary city is enough, otherwise
    only very prominent names (capitals, big cities, countries) are re-read as places.
    """
    prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if ent.label_ == "NORP" or prev in LOCATIVE_PREPS:
        return MIN_PRIOR_SINGLE
    return MIN_PRIOR_ENTITY


def _entity_places(doc: Doc, gaz: Gazetteer) -> list[Found]:
    found: list[Found] = []
    for ent in doc.ents:
        span = _strip_determiner(ent)
        if ent.label_ in NE_PLACE:
            found.append(Found(span, "ner"))
        elif ent.label_ == "NORP" and gaz.is_demonym(span.text):
            found.append(Found(span, "demonym"))
        elif ent.label_ not in NE_NEVER and span.text.lower() not in STOP_NAMES:
            prior = gaz.known([span.text]).get(normalize(span.text), -99.0)
            if prior >= _entity_threshold(ent):
                found.append(Found(span, "gazetteer"))
            elif ent.label_ in EMBEDDING_LABELS:
                found += _embedded_places(span, gaz)
    return found


def _embedded_places(ent: Span, gaz: Gazetteer) -> list[Found]:
    """Places named inside an organisation's name.

    "Gainesville Police Department" and "University of Texas" name a place as part
    of the organisation; geoparsing corpora count those toponyms.  Only the name's
    opening words or the words after its "of" are tried, and only prominent names.
    """
    starts = [ent.start] + [t.i + 1 for t in ent if t.lower_ == "of" and t.i + 1 < ent.end]
    found: list[Found] = []
    for start in starts:
        end = start
        while end < ent.end and _is_name_token(ent.doc[end]) and end - start < 4:
            end += 1
        for stop in range(end, start, -1):
            if stop - start == ent.end - ent.start:
                continue  # the whole entity was already tried
            gram = ent.doc[start:stop]
            if gaz.known([gram.text]).get(normalize(gram.text), -99.0) >= MIN_PRIOR_EMBEDDED:
                found.append(Found(gram, "gazetteer"))
                break
    return found


def _ngram_places(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Found]:
    """Capitalised n-grams (up to 4 tokens) the gazetteer knows, outside other entities."""
    blocked = set(taken)
    for ent in doc.ents:
        if ent.label_ not in NE_PLACE:
            blocked.update(range(ent.start, ent.end))
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        if i not in blocked and _is_name_token(doc[i]):
            j = i
            while j < len(doc) and j not in blocked and _is_name_token(doc[j]):
                j += 1
            runs.append(doc[i:j])
            i = j
        else:
            i += 1
    grams = [
        run[a:b]
        for run in runs
        for a in range(len(run))
        for b in range(a + 1, min(len(run), a + 4) + 1)
    ]
    known = gaz.known([g.text for g in grams])
    found: list[Found] = []
    for run in runs:
        a = 0
        while a < len(run):
            for b in range(min(len(run), a + 4), a, -1):
                gram = run[a:b]
                need = MIN_PRIOR_SINGLE if len(gram) == 1 else MIN_PRIOR_MULTI
                if gram.text.isupper():
                    need = max(need, MIN_PRIOR_ACRONYM)
                if known.get(normalize(gram.text), -99.0) >= need:
                    found.append(Found(gram, "gazetteer"))
                    a = b - 1
                    break
            a += 1
    return found


_SOURCE_RANK = {"gold": -1, "pattern": 0, "ner": 1, "demonym": 2, "gazetteer": 3}


def _merge(found: list[Found]) -> list[Found]:
    """Keep non-overlapping spans: longest first, then the more reliable source."""
    ordered = sorted(found, key=lambda f: (-(f.span.end - f.span.start), _SOURCE_RANK[f.source]))
    used: set[int] = set()
    kept: list[Found] = []
    for f in ordered:
        tokens = set(range(f.span.start, f.span.end))
        if tokens & used:
            continue
        used |= tokens
        kept.append(f)
    return sorted(kept, key=lambda f: f.span.start)


def recognize(doc: Doc, gaz: Gazetteer) -> list[Found]:
    """Every place mention in ``doc`` (unresolved)."""
    found = _pattern_places(doc) + _entity_places(doc, gaz)
    taken = {i for f in found for i in range(f.span.start, f.span.end)}
    found += _ngram_places(doc, gaz, taken)
    return _merge(found)


def find_places(doc: Doc, gaz: Gazetteer) -> list[Found]:
    """Recognise and resolve every place mention in ``doc``."""
    found = recognize(doc, gaz)
    resolve(found, gaz)
    return found


# --- the geoparser as a tool of its own --------------------------------------------------

RESOLUTION_FIELDS = (
    "name", "geonameid", "lat", "lon", "country_code", "admin1", "feature_class", "approximate",
)  # fmt: skip


def place_record(article_id: str, mention: PlaceMention) -> dict[str, Any]:
    """One place mention as the JSON object ``eventscope places`` prints."""
    res = mention.resolution
    return {
        "article_id": article_id,
        "text": mention.text,
        "start": mention.start_char,
        "end": mention.end_char,
        "role": mention.role,
        "resolution": None if res is None else {k: getattr(res, k) for k in RESOLUTION_FIELDS},
    }


def place_records(doc: Doc) -> list[dict[str, Any]]:
    """Records for every place the pipeline found in ``doc`` (in text order)."""
    article = getattr(doc._, "article", None)
    article_id = article.id if article is not None else ""
    places = getattr(doc._, "places", None) or []
    ordered = sorted(places, key=lambda m: (m.start_char, m.end_char))
    return [place_record(article_id, m) for m in ordered]


@lru_cache(maxsize=1)
def _default_pipeline() -> Any:
    from ..pipeline import Pipeline  # late: the pipeline imports the places stage

    return Pipeline()


def geoparse(
    text: str, *, published: str | date | None = None, pipeline: Any = None
) -> list[dict[str, Any]]:
    """Every place mention in ``text`` with its role and resolution.

    The whole pipeline runs, because a place's role (``event_location``, ``metonymy``,
    ``comparison``, ``other``) depends on the events found around it.

    Example::

        >>> from eventscope import geoparse
        >>> [p["resolution"]["country_code"] for p in geoparse("Rebels shelled Aleppo.")]
        ['SY']
    """
    from ..readers.article import Article, text_id

    pipe = pipeline or _default_pipeline()
    pub = date.fromisoformat(published) if isinstance(published, str) else published
    article = Article(id=text_id(text), text=text, published=pub)
    doc = pipe.nlp.make_doc(text)
    doc._.article = article
    doc._.warnings = []
    return place_records(pipe.nlp(doc))
