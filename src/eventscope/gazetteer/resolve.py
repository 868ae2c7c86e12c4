"""Resolution: which gazetteer entry each recognised place means.

Each candidate entry is scored by, in order of weight: an explicit container in the
text ("Kashkash in Hasaka", "Aleppo, Syria"), the document's country focus, agreement
with the other places' first-level units, nearness to the other places' towns, then the
gazetteer's population/feature prior.  Names the gazetteer lacks resolve through a
known piece of them, else are placed at their container or the article's area.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Span

from ..nlp.mentions import Resolution
from .found import DIRECTIONS, PLACE_NOUNS, STOP_NAMES, SUFFIX_NOUNS, Found
from .lookup import Candidate, Gazetteer, distance_km
from .normalize import normalize

# Tokens allowed between a place and the place that contains it ("X, a village south of Y").
LINK_WORDS = (
    frozenset({",", "in", "of", "a", "an", "the", "-", "(", "province", "district", "region",
               "near", "outside", "northern", "southern", "eastern", "western", "central",
               "rural", "countryside", "outskirts", "to", "on"})
    | DIRECTIONS
    | frozenset(PLACE_NOUNS)
)  # fmt: skip
MIN_PRIOR_PIECE = 5.0  # a known piece of an unknown name ("Dubai" in "Dubai World Cup")
# Leading nouns that make the next word a place's name, not its head ("Mount Sinjar").
LEADING_PLACE_NOUNS = frozenset(
    {"mount", "mt", "lake", "camp", "fort", "port", "cape", "isle", "river", "gulf", "bay"}
)
# Words that narrow a place without naming another one ("Southern Europe").
AREA_MODIFIERS = DIRECTIONS | frozenset(
    {"northern", "southern", "eastern", "western", "central", "upper", "lower", "greater",
     "inner", "outer", "north-eastern", "north-western", "south-eastern", "south-western"}
)  # fmt: skip
MIN_PRIOR_HEAD = 8.0  # ... or of its head word ("Germany" in "Nazi Germany", not "Airport")

W_CONTAINER_COUNTRY = 6.0
W_CONTAINER_ADMIN1 = 4.0
W_CONTAINER_NEAR = 3.0
W_FOCUS = 4.0
W_ADMIN1_COHERENCE = 6.0
W_KIND = 2.0
W_NAMESAKE_UNIT = 0.5  # between a province and its namesake town, the town (more specific)
W_PROXIMITY = 2.0  # a candidate next to another mentioned town ("New York" among boroughs)
PROXIMITY_KM = 250.0
SUPRANATIONAL_CLASSES = frozenset({"L", "H", "T"})  # regions, water bodies, mountain ranges
COHERENCE_TEMPERATURE = 0.5  # how sharply a name's prior concentrates its vote
COHERENCE_ROUNDS = 2
DEMONYM_WEIGHT = 0.5  # "Syrian" hints at the country less than a named place does
W_DATELINE = 2.0  # a dateline names the town a report was filed from, not its state
DATELINE_MARKS = frozenset("—–-(")  # what follows a dateline's place: "(AP) —", "— "


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
    if not cands:
        return _piece_candidates(f, gaz)
    return _prefer_namesake_towns(cands)


def _prefer_namesake_towns(cands: list[Candidate]) -> list[Candidate]:
    """Demote a first-level unit a little when a town of the same name lies inside it.

    A bare "Menaka" names the town, as news writes "Menaka region" for the unit, but the
    unit's prior (the sum of its towns' populations) is always the larger.  The penalty
    only settles near ties: a state far bigger than its namesake city keeps the name,
    and "X province" still finds the unit through its place noun.
    """
    towns = {
        (c.resolution.country_code, c.resolution.admin1)
        for c in cands
        if c.resolution.feature_class == "P"
    }
    return [
        Candidate(c.resolution, c.prior - W_NAMESAKE_UNIT, c.primary)
        if c.resolution.feature_code == "ADM1"
        and (c.resolution.country_code, c.resolution.admin1) in towns
        else c
        for c in cands
    ]


def _name_words(span: Span) -> list[str]:
    """The words of a name, hyphenated tokens split ("U.S.-led" -> "U.S.", "led")."""
    words: list[str] = []
    for tok in span:
        parts = [p for p in tok.text.split("-") if p] if "-" in tok.text[1:-1] else []
        words.extend(parts or [tok.text])
    return words


def _head_index(words: list[str]) -> int:
    """Position of a name's head word.

    The head says what kind of thing the name is: the word before its first "of" (the
    "Bank" of Mexico), a leading place noun ("Mount" Sinjar, "Camp" Bastion), else its
    last word (Dulles International "Airport", U.S.-"led").  The place a name refers to,
    if any, is among its other words.
    """
    lowered = [w.lower() for w in words]
    if "of" in lowered[1:]:
        return lowered.index("of", 1) - 1
    if lowered[0] in LEADING_PLACE_NOUNS:
        return 0
    return len(words) - 1


def _demonym_candidates(text: str, gaz: Gazetteer) -> list[Candidate]:
    """A nationality word inside a name ("Russian Embassy", "European Commission")."""
    if not gaz.is_demonym(text):
        return []
    res = gaz.demonym_resolution(text)
    if res is None:
        return []
    # the lowest prior a piece may have: a place named in the same name is more specific
    return [Candidate(res, MIN_PRIOR_PIECE, True)]


def _piece_candidates(f: Found, gaz: Gazetteer) -> list[Candidate]:
    """Candidates of the most prominent known piece of a name.

    A name that is a compass or size word plus a place ("Southern Europe", "Greater
    Cairo") is that place.  Otherwise longer pieces are tried first, and among pieces of
    one length the one with the most prominent entry wins ("Bank of Mexico" -> Mexico,
    not the town of Bank); a piece must start and end with a capital.  A piece holding
    the head word must be country-sized ("Nazi Germany"), since a head like "Airport"
    or "Bend" is also the name of some town.
    """
    words = _name_words(f.span)
    if len(words) < 2:
        return []
    head = _head_index(words)
    if all(w.lower() in AREA_MODIFIERS for i, w in enumerate(words) if i != head):
        found = gaz.candidates(words[head])
        if found:
            f.lookup_text = words[head]
            return found
    best: list[Candidate] = []
    for size in range(len(words) - 1, 0, -1):
        for a in range(len(words) - size + 1):
            piece = words[a : a + size]
            text = " ".join(piece)
            if not (piece[0][:1].isupper() and piece[-1][:1].isupper()):
                continue
            if text.lower() in STOP_NAMES:
                continue
            found = _demonym_candidates(text, gaz) or gaz.candidates(text)
            need = MIN_PRIOR_HEAD if a <= head < a + size else MIN_PRIOR_PIECE
            better = not best or (found and found[0].prior > best[0].prior)
            if found and found[0].prior >= need and better:
                best, f.lookup_text = found, text
        if best:
            return best
    return best


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
    """Link each place to a following place that contains it ("X, Y", "X in Y").

    "X, Y" is also how a list starts: in "Mexico, the US and Canada" the US does not
    contain Mexico.  A comma-only link is therefore dropped when Y goes on into a list.
    """
    after: list[Found | None] = [*found[1:], None, None, None]
    for i, a in enumerate(found):
        b, c, d = after[i : i + 3]
        if b is None or a.source == "demonym" or b.source == "demonym":
            continue
        gap = a.span.doc[a.span.end : b.span.start]
        if len(gap) == 0 or len(gap) > 8 or a.span.sent != b.span.sent:
            continue
        if not all(t.lower_ in LINK_WORDS for t in gap):
            continue
        by_word = any(t.lower_ in {"in", "of", "near", "outside"} for t in gap)
        by_comma = any(t.text == "," for t in gap) and not _continues_list(b, c, d)
        if by_word or by_comma:
            a.container = b


LIST_JOINERS = frozenset({",", "and", "or", "&", "the"})


def _gap(a: Found, b: Found) -> list[str]:
    return [t.lower_ for t in a.span.doc[a.span.end : b.span.start]]


def _continues_list(b: Found, c: Found | None, d: Found | None) -> bool:
    """Whether ``b`` goes on into a list (", and the" up to the next place ``c``).

    When ``c`` is itself followed by ", d" the two are read as another "town, state"
    pair ("Athens, Georgia, and Austin, Texas"), not as list items.
    """
    if c is None or c.span.sent != b.span.sent:
        return False
    gap = _gap(b, c)
    if not (0 < len(gap) <= 3 and set(gap) <= LIST_JOINERS and set(gap) & {",", "and", "or", "&"}):
        return False
    return d is None or d.span.sent != c.span.sent or _gap(c, d) != [","]


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

    countries: dict[str, defaultdict[str, float]] = field(default_factory=dict)
    admins: dict[str, defaultdict[tuple[str, str], float]] = field(default_factory=dict)
    anchors: list[tuple[str, Resolution]] = field(default_factory=list)  # other groups' towns

    def nearness(self, group: str, res: Resolution) -> float:
        """1 at or around another group's town, falling to 0 at ``PROXIMITY_KM`` from all.

        A country or first-level unit that contains such a town counts as at it: its
        point says nothing about how close its territory is.
        """
        code = res.feature_code or ""
        towns = [a for g, a in self.anchors if g != group]
        if code.startswith("PCL"):
            return float(any(a.country_code == res.country_code for a in towns))
        if code == "ADM1" and any(
            (a.country_code, a.admin1) == (res.country_code, res.admin1) for a in towns
        ):
            return 1.0
        if res.country_code is None or code.startswith(_NOT_AN_AREA) or code == "RGN":
            return 0.0
        span = PROXIMITY_KM / 111.0  # degrees of latitude: a cheap test before the real one
        near = min(
            (
                distance_km(res.lat, res.lon, a.lat, a.lon)
                for a in towns
                if abs(a.lat - res.lat) < span
            ),
            default=PROXIMITY_KM,
        )
        return max(0.0, 1.0 - near / PROXIMITY_KM)

    def add(self, group: str, res: Resolution, weight: float) -> None:
        if not res.country_code:
            return
        self.countries.setdefault(group, defaultdict(float))[res.country_code] += weight
        if res.admin1:
            key = (res.country_code, res.admin1)
            self.admins.setdefault(group, defaultdict(float))[key] += weight

    def strongest(self, group: str) -> float:
        """Support of the best-supported country, from every group but ``group``."""
        totals: defaultdict[str, float] = defaultdict(float)
        for g, c in self.countries.items():
            if g != group:
                for code, weight in c.items():
                    totals[code] += weight
        return max(totals.values(), default=0.0)

    def others(self, group: str, res: Resolution) -> tuple[float, float]:
        """Country and admin1 support for ``res`` from every group but its own."""
        if not res.country_code:
            return 0.0, 0.0
        country = sum(c.get(res.country_code, 0.0) for g, c in self.countries.items() if g != group)
        admin = 0.0
        if res.admin1:
            key = (res.country_code, res.admin1)
            admin = sum(a.get(key, 0.0) for g, a in self.admins.items() if g != group)
        return country, admin


def _saturate(value: float) -> float:
    """0 -> 0, 1 -> 0.5, many -> 1: the first piece of evidence counts most."""
    return value / (value + 1.0)


def _context(group: str, res: Resolution, support: _Support) -> float:
    """What the other places say for a candidate: country focus, admin1, nearness."""
    country, admin = support.others(group, res)
    if res.country_code is None and res.feature_class in SUPRANATIONAL_CLASSES:
        # a sea, continent or region spanning countries fits whatever country the
        # article is about; without this any same-named town there outvotes it
        country = support.strongest(group)
    return (
        W_FOCUS * _saturate(country)
        + W_ADMIN1_COHERENCE * _saturate(admin)
        + W_PROXIMITY * support.nearness(group, res)
    )


def _is_dateline(span: Span) -> bool:
    """Whether a place opens the report as a wire dateline ("NEW YORK (AP) —").

    Only what comes first counts, and only in the two shapes wires use: the name in
    capitals ("WASHINGTON —", "LONDON The Latest") or followed by a dash or the
    agency's parenthesis ("Hanoi (VNA) –").  A headline that starts with a place
    ("Alexandria woman charged", "U.S. urges") is neither.
    """
    doc = span.doc
    if any(not tok.is_space and tok.text != "(" for tok in doc[: span.start]):
        return False
    letters = sum(ch.isalpha() for ch in span.text)
    shouted = letters >= 3 and span.text.isupper() and "." not in span.text
    after = doc[span.end : span.end + 3].text.lstrip(" )")
    return shouted or after[:1] in DATELINE_MARKS


def _own_bonus(f: Found, res: Resolution) -> float:
    """What the mention's own wording says for a candidate: its place noun, its dateline."""
    bonus = W_KIND if f.kind and _kind_matches(f.kind, res) else 0.0
    if f.dateline and res.feature_class == "P":
        bonus += W_DATELINE
    return bonus


def _score(f: Found, cand: Candidate, context: float) -> float:
    res = cand.resolution
    score = cand.prior + context + _own_bonus(f, res)
    score += _container_bonus(res, f.container.resolution if f.container else None)
    return score


def _support(
    found: list[Found], scored: dict[int, list[float]], groups: dict[int, str]
) -> _Support:
    """Spread each group's belief over its candidates' countries and admin1 units.

    A group is counted once however often its name recurs; a demonym or an unambiguous
    name gives its whole weight to one country, an ambiguous one spreads it.
    """
    support = _Support()
    seen: set[str] = set()
    for f in found:
        group = groups[id(f)]
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
        res = f.resolution
        if res is not None and (res.feature_class in {"P", "S"} or res.feature_code == "ADM2"):
            support.anchors.append((group, res))
    return support


def resolve(found: list[Found], gaz: Gazetteer) -> None:
    """Choose an entry for each mention: priors first, then with document context."""
    scored: dict[int, list[float]] = {}
    for f in found:
        if f.source == "demonym":
            f.resolution = gaz.demonym_resolution(f.span.text)
            continue
        f.dateline = _is_dateline(f.span)
        f.candidates = _candidates(f, gaz)
        if f.candidates:
            scored[id(f)] = [c.prior + _own_bonus(f, c.resolution) for c in f.candidates]
            f.resolution = f.candidates[
                max(range(len(f.candidates)), key=scored[id(f)].__getitem__)
            ].resolution
    _find_containers(found)
    groups = {id(f): _group_key(f) for f in found}
    for _ in range(COHERENCE_ROUNDS):  # each round sees the previous round's beliefs
        support = _support(found, scored, groups)
        # mentions of one name share their candidates, so their context is computed once
        context: dict[tuple[str, int], float] = {}
        for f in found:
            if not f.candidates:
                continue
            group = groups[id(f)]
            for i, c in enumerate(f.candidates):
                if (group, i) not in context:
                    context[(group, i)] = _context(group, c.resolution, support)
            scored[id(f)] = [_score(f, c, context[(group, i)]) for i, c in enumerate(f.candidates)]
            best = max(range(len(f.candidates)), key=scored[id(f)].__getitem__)
            f.resolution = f.candidates[best].resolution
    _keep_unit_names(found)
    _share_settled_sense(found, groups)
    _place_unknown(found)


def _keep_unit_names(found: list[Found]) -> None:
    """A bare state or province name means that unit, not a namesake town in another one.

    "Florida" in a story that also names New York is the state, not Florida, New York:
    writers name a small town after a state only with its container ("Florida, N.Y."),
    which this leaves alone.  Coherence with the other places is strong enough to pull
    any other name to the article's state, so first-level names are held back here; a
    namesake town inside the unit itself keeps the name ("Menaka" the town), as does a
    town in another country the article is about.
    """
    for f in found:
        res = f.resolution
        if res is None or f.container is not None or f.dateline or not f.candidates:
            continue
        top = max(f.candidates, key=lambda c: c.prior).resolution
        if (
            res.feature_class == "P"
            and top.feature_code == "ADM1"
            and top.country_code == res.country_code
            and top.admin1 != res.admin1
        ):
            f.resolution = top


def _share_settled_sense(found: list[Found], groups: dict[int, str]) -> None:
    """One sense per discourse: "Parkland, Florida" once settles every later "Parkland".

    Mentions that name their container carry the strongest evidence an article gives,
    and a dateline says which town the report comes from ("NEW YORK (AP) —" then "New
    York police"); the other mentions of the same name take that reading.  A name given
    two different readings ("Paris, Texas" and "Paris, France") is left mention by
    mention.
    """
    senses: dict[str, set[Resolution]] = defaultdict(set)
    for f in found:
        if f.resolution is None or not f.candidates:
            continue
        container = f.container.resolution if f.container else None
        settled = container is not None and _container_bonus(f.resolution, container) > 0
        if settled or (f.dateline and f.resolution.feature_class == "P"):
            senses[groups[id(f)]].add(f.resolution)
    for f in found:
        sense = senses.get(groups[id(f)], set())
        if f.container is None and len(sense) == 1:
            f.resolution = next(iter(sense))


# Nouns of features that lie within a town's surroundings ("Catawba River", "Royal Street").
LOCAL_FEATURE_NOUNS = frozenset(
    {"river", "creek", "lake", "pond", "reservoir", "dam", "canal", "bay", "beach", "harbor",
     "harbour", "island", "islands", "point", "cape", "delta", "valley", "hill", "hills",
     "mountain", "mountains", "park", "street", "st", "avenue", "ave", "road", "rd", "lane",
     "boulevard", "square", "bridge", "trail", "highway"}
)  # fmt: skip
# Feature codes too large to stand for "somewhere around here".
_NOT_AN_AREA = ("PCL", "CONT", "TERR", "OCN", "SEA", "ZN")


def _area_key(res: Resolution) -> tuple[str, float, float]:
    return res.name, round(res.lat, 4), round(res.lon, 4)


def _article_area(found: list[Found]) -> Resolution | None:
    """Where the article's unknown places most likely are.

    The article's country is the one its places and demonyms name most often; the area
    is that country's most-named town or city, else its most-named district or
    province, else the country itself.  A street, venue or hamlet no gazetteer holds is
    almost always in the town the article is about; a first-mentioned place breaks ties.
    """
    known = [f for f in found if f.resolution is not None and not f.inferred]
    countries = Counter(f.resolution.country_code for f in known if f.resolution)
    countries.pop(None, None)
    country = countries.most_common(1)[0][0] if countries else None
    tiers: list[Counter[tuple[str, float, float]]] = [Counter(), Counter(), Counter()]
    by_key: dict[tuple[str, float, float], Resolution] = {}
    for f in known:
        res = f.resolution
        if res is None or res.country_code != country:
            continue
        code = res.feature_code or ""
        if f.source == "demonym" or code.startswith(_NOT_AN_AREA):
            tier = 2 if code.startswith("PCL") else -1
        else:
            tier = 0 if res.feature_class == "P" else 1
        if tier >= 0:
            key = _area_key(res)
            tiers[tier][key] += 1
            by_key.setdefault(key, res)
    for counts in tiers:
        if counts:
            return by_key[counts.most_common(1)[0][0]]
    return None


def _is_large_region(span: Span) -> bool:
    """A LOC name with no local feature noun that the gazetteer lacks (a region).

    Such a region is not inside the article's town, whereas "Catawba River", "Lake
    Harriet" or "Fire Island" usually are near it.
    """
    return span.root.ent_type_ == "LOC" and not any(t.lower_ in LOCAL_FEATURE_NOUNS for t in span)


def _place_unknown(found: list[Found]) -> None:
    """Give a name the gazetteer lacks the position of its container or the article's area.

    "Royal Street", "Barclays Center" or an unlisted hamlet is somewhere in the place
    that contains it ("X, Idlib", "X in Idlib") or, failing that, in the town the
    article is about.  The resolution keeps that place's name and coordinates but no
    GeoNames id or feature type, so it reads as an approximate (district-level) position.
    """
    area: Resolution | None = None
    area_done = False
    for f in found:
        if f.resolution is not None or f.source == "demonym" or _is_large_region(f.span):
            continue
        base = f.container.resolution if f.container and not f.container.inferred else None
        if base is None:
            if not area_done:
                area, area_done = _article_area(found), True
            base = area
        if base is None:
            continue
        f.resolution = Resolution(
            name=base.name,
            geonameid=None,
            lat=base.lat,
            lon=base.lon,
            country_code=base.country_code,
            admin1=base.admin1,
            feature_class=None,
            feature_code=None,
            approximate=True,
        )
        f.inferred = True
