"""Finds place mentions in a parsed Doc and resolves them against the gazetteer.

Recognition combines four signals because the small spaCy model alone misses many
places (it tags "Aleppo" NORP and "Kakuma" PERSON):

1. spaCy GPE/LOC/FAC entities;
2. demonyms ("Syrian forces" -> Syria);
3. context patterns ("the village of X", "X camp", "X province", "south of X", "near X")
   that make even an unknown capitalised name a place;
4. a gazetteer matcher for capitalised proper-noun n-grams, kept only when the name is
   prominent enough (see ``MIN_PRIOR``) that a chance match is unlikely.

Resolution scores each candidate entry by, in order of weight: an explicit container in
the text ("Kashkash in Hasaka", "Aleppo, Syria"), the document's country focus, agreement
with the other places' first-level units, then the gazetteer's population/feature prior.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.mentions import PlaceMention, Resolution
from .lookup import Candidate, Gazetteer, distance_km
from .normalize import normalize

# Nouns that name a kind of place; "<Name> camp" / "the town of <Name>" make <Name> a place.
PLACE_NOUNS: dict[str, str] = {
    "village": "P", "town": "P", "city": "P", "hamlet": "P", "neighbourhood": "P",
    "neighborhood": "P", "suburb": "P", "district": "A2", "county": "A2", "parish": "A2",
    "municipality": "A2", "province": "A1", "governorate": "A1", "state": "A1",
    "region": "L", "camp": "S", "valley": "T", "mountains": "T", "area": "L",
}  # fmt: skip
SUFFIX_NOUNS = frozenset(
    {"camp", "province", "governorate", "district", "county", "parish", "valley", "mountains",
     "region", "municipality"}
)  # fmt: skip
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "nearby", "close"})
# Tokens allowed between a place and the place that contains it ("X, a village south of Y").
LINK_WORDS = (
    frozenset({",", "in", "of", "a", "an", "the", "-", "(", "province", "district", "region",
               "near", "outside", "northern", "southern", "eastern", "western", "central",
               "rural", "countryside", "outskirts", "to", "on"})
    | DIRECTIONS
    | frozenset(PLACE_NOUNS)
)  # fmt: skip
NE_PLACE = frozenset({"GPE", "LOC", "FAC"})
NE_NEVER = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "outside", "into", "across"})
# Capitalised words that are gazetteer names somewhere but almost never places in news.
STOP_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "president", "minister", "police", "army",
        "government", "god", "mr", "mrs", "ms", "dr", "sir", "saint", "st", "new", "old",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "republic", "kingdom", "city", "state", "island", "islands", "university",
        "college", "church", "school", "hospital", "street", "road", "avenue", "market",
        "union", "council", "court", "party", "house", "hall", "centre", "center", "media",
        "news", "times", "post", "press", "today", "reuters", "ap", "afp", "bbc", "cnn",
        "chairman", "general", "colonel", "captain", "major", "governor", "mayor", "king",
        "queen", "prince", "said", "says", "but", "and", "the", "of", "by", "for",
        "no", "man", "miss", "act", "do", "metro", "lake", "northwest", "northeast",
        "southwest", "southeast",
    }
)  # fmt: skip

MIN_PRIOR_SINGLE = 5.0  # gazetteer-only single token: ~100k people, an admin1 or a country
MIN_PRIOR_MULTI = 4.0  # multi-token names are rarer by chance
MIN_PRIOR_ENTITY = 6.5  # an ORG/PERSON entity re-read as a place must be very prominent
MIN_PRIOR_EMBEDDED = 5.0  # a place opening an organisation's name ("Ohio State Police")
# A person's name that starts like a place starts with a first name ("Madison Smith").
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
MIN_PRIOR_ACRONYM = 8.0  # an all-capitals token ("PA", "SWAT") must be a country-sized name
MIN_PRIOR_PIECE = 5.0  # a known piece of an unknown name ("Dubai" in "Dubai World Cup")

W_CONTAINER_COUNTRY = 6.0
W_CONTAINER_ADMIN1 = 4.0
W_CONTAINER_NEAR = 3.0
W_FOCUS = 4.0
W_ADMIN1_COHERENCE = 6.0
W_KIND = 2.0
COHERENCE_TEMPERATURE = 0.5  # how sharply a name's prior concentrates its vote
COHERENCE_ROUNDS = 2
DEMONYM_WEIGHT = 0.5  # "Syrian" hints at the country less than a named place does


@dataclass
class Found:
    """A recognised place with the tokens it covers and its candidate entries."""

    span: Span
    source: str
    kind: str | None = None  # expected feature family from a place noun (P, A1, A2, S, T, L)
    lookup_text: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    resolution: Resolution | None = None
    container: Found | None = None

    def mention(self) -> PlaceMention:
        return PlaceMention(
            text=self.span.text,
            start_char=self.span.start_char,
            end_char=self.span.end_char,
            resolution=self.resolution,
            source=self.source,
        )


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


# --- resolution -------------------------------------------------------------------------


def _sub_spans(span: Span) -> list[Span]:
    """Shorter capitalised pieces of a name, longest first, left to right."""
    out = []
    for size in range(len(span) - 1, 0, -1):
        for a in range(len(span) - size + 1):
            piece = span[a : a + size]
            if piece[0].text[:1].isupper() and piece[-1].text[:1].isupper():
                out.append(piece)
    return out


def _candidates(f: Found, gaz: Gazetteer) -> list[Candidate]:
    """Entries for the full text, else without its place noun, else for a known piece.

    The last step resolves names the gazetteer lacks through the place inside them
    ("Dubai World Cup" -> Dubai, "Colorado State University" -> Colorado), but only
    pieces prominent enough that a chance match is unlikely.
    """
    f.lookup_text = f.span.text
    cands = gaz.candidates(f.span.text)
    last = f.span[-1].lower_
    if last in SUFFIX_NOUNS and len(f.span) > 1:
        f.kind = PLACE_NOUNS[last]
        if not cands:
            f.lookup_text = f.span[:-1].text
            cands = gaz.candidates(f.lookup_text)
    if not cands and len(f.span) > 1:
        for piece in _sub_spans(f.span):
            if piece.text.lower() in STOP_NAMES:
                continue
            found = gaz.candidates(piece.text)
            if found and found[0].prior >= MIN_PRIOR_PIECE:
                f.lookup_text = piece.text
                return found
    return cands


def _kind_matches(kind: str | None, res: Resolution) -> bool:
    code, cls = res.feature_code or "", res.feature_class or ""
    return {
        "P": cls == "P",
        "A1": code == "ADM1",
        "A2": code.startswith("ADM") and code != "ADM1",
        "S": cls == "S",
        "T": cls == "T",
        "L": cls in {"L", "A"},
    }.get(kind or "", False)


def _find_containers(found: list[Found]) -> None:
    """Link each place to a following place that contains it ("X, Y", "X in Y")."""
    for a, b in itertools.pairwise(found):
        if a.source == "demonym" or b.source == "demonym":
            continue
        gap = a.span.doc[a.span.end : b.span.start]
        if len(gap) == 0 or len(gap) > 8 or a.span.sent != b.span.sent:
            continue
        if all(t.lower_ in LINK_WORDS for t in gap) and any(
            t.text == "," or t.lower_ in {"in", "of", "near", "outside"} for t in gap
        ):
            a.container = b


def _container_bonus(cand: Resolution, container: Resolution | None) -> float:
    if container is None or cand.country_code is None:
        return 0.0
    if cand.country_code != container.country_code:
        return 0.0
    code = container.feature_code or ""
    if code.startswith("PCL"):
        return W_CONTAINER_COUNTRY
    bonus = W_CONTAINER_COUNTRY / 2
    if container.admin1 and cand.admin1 == container.admin1:
        bonus += W_CONTAINER_ADMIN1
    if code != "ADM1" and distance_km(cand.lat, cand.lon, container.lat, container.lon) < 150:
        bonus += W_CONTAINER_NEAR
    return bonus


def _group_key(f: Found) -> str:
    """Mentions of the same name form one group: repeating a name is not more evidence."""
    return normalize(f.lookup_text or f.span.text)


def _distribution(scores: list[float]) -> list[float]:
    """Softmax over candidate scores (log10 scale), softened by ``COHERENCE_TEMPERATURE``."""
    top = max(scores)
    weights = [10 ** ((s - top) * COHERENCE_TEMPERATURE) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


@dataclass
class _Support:
    """How strongly each group points at each country and first-level unit."""

    countries: dict[str, Counter[str]] = field(default_factory=dict)
    admins: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    def add(self, group: str, res: Resolution, weight: float) -> None:
        if not res.country_code:
            return
        self.countries.setdefault(group, Counter())[res.country_code] += weight
        if res.admin1:
            self.admins.setdefault(group, Counter())[(res.country_code, res.admin1)] += weight

    def others(self, group: str, res: Resolution) -> tuple[float, float]:
        """Country and admin1 support for ``res`` from every group but its own."""
        if not res.country_code:
            return 0.0, 0.0
        country = sum(c[res.country_code] for g, c in self.countries.items() if g != group)
        admin = 0.0
        if res.admin1:
            key = (res.country_code, res.admin1)
            admin = sum(a[key] for g, a in self.admins.items() if g != group)
        return country, admin


def _saturate(value: float) -> float:
    """0 -> 0, 1 -> 0.5, many -> 1: the first piece of evidence counts most."""
    return value / (value + 1.0)


def _score(f: Found, cand: Candidate, support: _Support) -> float:
    res = cand.resolution
    score = cand.prior
    score += _container_bonus(res, f.container.resolution if f.container else None)
    country, admin = support.others(_group_key(f), res)
    if not (res.feature_code or "").startswith("PCL"):
        score += W_FOCUS * _saturate(country)
    score += W_ADMIN1_COHERENCE * _saturate(admin)
    if f.kind and _kind_matches(f.kind, res):
        score += W_KIND
    return score


def _support(found: list[Found], scored: dict[int, list[float]]) -> _Support:
    """Spread each group's belief over its candidates' countries and admin1 units.

    A group is counted once however often its name recurs; a demonym or an unambiguous
    name gives its whole weight to one country, an ambiguous one spreads it.
    """
    support = _Support()
    seen: set[str] = set()
    for f in found:
        group = _group_key(f)
        if group in seen:
            continue
        seen.add(group)
        if f.source == "demonym" or not f.candidates:
            if f.resolution is not None:
                support.add(group, f.resolution, DEMONYM_WEIGHT if f.source == "demonym" else 1.0)
            continue
        probs = _distribution(scored[id(f)])
        for cand, prob in zip(f.candidates, probs, strict=True):
            support.add(group, cand.resolution, prob)
    return support


def resolve(found: list[Found], gaz: Gazetteer) -> None:
    """Choose an entry for each mention: priors first, then with document context."""
    scored: dict[int, list[float]] = {}
    for f in found:
        if f.source == "demonym":
            f.resolution = gaz.demonym_resolution(f.span.text)
            continue
        f.candidates = _candidates(f, gaz)
        if f.candidates:
            scored[id(f)] = [
                c.prior + (W_KIND if _kind_matches(f.kind, c.resolution) else 0)
                for c in f.candidates
            ]
            f.resolution = f.candidates[
                max(range(len(f.candidates)), key=scored[id(f)].__getitem__)
            ].resolution
    _find_containers(found)
    for _ in range(COHERENCE_ROUNDS):  # each round sees the previous round's beliefs
        support = _support(found, scored)
        for f in found:
            if f.candidates:
                scored[id(f)] = [_score(f, c, support) for c in f.candidates]
                best = max(range(len(f.candidates)), key=scored[id(f)].__getitem__)
                f.resolution = f.candidates[best].resolution


def find_places(doc: Doc, gaz: Gazetteer) -> list[Found]:
    """Recognise and resolve every place mention in ``doc``."""
    found = recognize(doc, gaz)
    resolve(found, gaz)
    return found


# --- the geoparser as a tool of its own --------------------------------------------------

RESOLUTION_FIELDS = ("name", "geonameid", "lat", "lon", "country_code", "admin1", "feature_class")


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
