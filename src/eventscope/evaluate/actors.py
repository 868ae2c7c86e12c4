"""Actor benchmark: resolve each PLOVER gold actor text, score its country and sector.

Gold: ``events/plover/PLOVER_GSR_CAMEO.txt`` (PLOVER v0.5 gold-standard records).  Each
record's ``source``/``target`` lists hold ``actorText``, a country ``code`` and
sometimes a ``sector``.  We resolve the bare ``actorText`` with :func:`resolve_actor`;
the only context given is the record sentence's country focus (the country its words
name most), the same signal the actors stage uses for a whole document.

Scoring choices, all stated in the result's ``details``:

- country accuracy over every actor with a gold code;
- sector accuracy over actors with a 3-letter gold sector (the first three letters of
  codes like ``CVLalb``; ``***`` and missing sectors are skipped);
- combined accuracy over actors that have both;
- the v0.5 gold codes the UN and the EU as ``IGO``, so our ``UNO``/``EUR`` count as
  ``IGO`` for this comparison.  Gold typos (``JAP``, ``ITL``, ``CIV``) are kept as is.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actors.resolver import ActorResolver
from ..actors.text import tokenize
from ..errors import EvaluationError, Messages
from .base import BenchmarkResult, benchmark, classification_report, require

GOLD = Path("events") / "plover" / "PLOVER_GSR_CAMEO.txt"
_V05_COUNTRY = {"UNO": "IGO", "EUR": "IGO"}
_NONE = "-"


@dataclass(frozen=True)
class GoldActor:
    """One gold actor mention and its sentence."""

    record: str
    text: str
    country: str | None
    sector: str | None
    sentence: str


def load_gold(path: Path, limit: int | None = None) -> list[GoldActor]:
    """Every source/target actor of the gold records (first ``limit`` records)."""
    try:
        records = json.loads(require(path).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise EvaluationError(Messages.E005.format(detail=exc)) from exc
    records = [r for r in records if isinstance(r, dict) and r.get("event") != "DOCUMENT"]
    actors: list[GoldActor] = []
    for record in records[:limit] if limit else records:
        for role in ("source", "target"):
            for item in record.get(role) or []:
                if isinstance(item, dict) and item.get("actorText"):
                    actors.append(_gold_actor(record, item))
    return actors


def _gold_actor(record: dict[str, Any], item: dict[str, Any]) -> GoldActor:
    sector = str(item.get("sector") or "")[:3].upper()
    return GoldActor(
        record=str(record.get("id")),
        text=str(item["actorText"]),
        country=item.get("code") or None,
        sector=sector if sector.isalpha() else None,
        sentence=str(record.get("text") or ""),
    )


def sentence_focus(resolver: ActorResolver, sentence: str) -> str | None:
    """The country a sentence names most often (first one on ties)."""
    counts: Counter[str] = Counter()
    for match in resolver.scan(tokenize(sentence)):
        for actor in match.actors[:1]:
            if actor.kind == "country" and actor.resolved()[0]:
                counts[str(actor.resolved()[0])] += 1
    return counts.most_common(1)[0][0] if counts else None


@benchmark("actors", help="Actor country/sector resolution on PLOVER gold actor texts")
def run_actors(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    """Resolve every gold actor text and score country, sector and both."""
    gold = load_gold(Path(data_dir) / GOLD, limit)
    resolver = ActorResolver()
    country_pairs: list[tuple[str, str]] = []
    sector_pairs: list[tuple[str, str]] = []
    both_ok: list[bool] = []
    misses: list[dict[str, str | None]] = []
    for actor in gold:
        ref = resolver.resolve(actor.text, country_focus=sentence_focus(resolver, actor.sentence))
        country = _V05_COUNTRY.get(ref.country or "", ref.country)
        if actor.country:
            country_pairs.append((actor.country, country or _NONE))
        if actor.sector:
            sector_pairs.append((actor.sector, ref.sector or _NONE))
        if actor.country and actor.sector:
            both_ok.append(actor.country == country and actor.sector == ref.sector)
        if (actor.country and actor.country != country) or (
            actor.sector and actor.sector != ref.sector
        ):
            misses.append(
                {
                    "text": actor.text,
                    "gold": f"{actor.country} {actor.sector}",
                    "pred": f"{country} {ref.sector}",
                }
            )
    per_class, confusion, sector_summary = classification_report(
        [g for g, _ in sector_pairs], [p for _, p in sector_pairs]
    )
    metrics = {
        "country_accuracy": _accuracy(country_pairs),
        "sector_accuracy": sector_summary["accuracy"],
        "sector_macro_f1": sector_summary["macro_f1"],
        "combined_accuracy": sum(both_ok) / len(both_ok) if both_ok else 0.0,
        "n_country": float(len(country_pairs)),
        "n_sector": float(len(sector_pairs)),
        "n_combined": float(len(both_ok)),
    }
    return BenchmarkResult(
        name="actors",
        metrics=metrics,
        per_class=per_class,
        confusion=confusion,
        details={
            "gold": str(GOLD),
            "actors": len(gold),
            "notes": "UNO/EUR scored as IGO (v0.5 gold); sector = first 3 letters of gold",
            "misses": misses[:200],
        },
    )


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
