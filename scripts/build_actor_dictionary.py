"""Build eventscope's actor dictionary from the PETRARCH2 Phoenix dictionaries (MIT).

Usage::

    python scripts/build_actor_dictionary.py \\
        --petrarch /path/to/shared/data/dictionaries/petrarch2 \\
        [--ngec-agents /path/to/shared/data/events/ngec/PLOVER_agents.txt] \\
        [--out src/eventscope/data/actors]

Writes ``petrarch_actors.jsonl.gz`` (named actors: countries with their cities and
demonyms, people, IGOs/NGOs, armed groups) and ``petrarch_agents.jsonl`` (sector words),
and, with ``--ngec-agents``, ``ngec_agents.jsonl`` (NGEC's PLOVER-coded sector words),
each starting with a ``{"_meta": ...}`` line that carries the source, date and the MIT
attribution the licence asks for.  We read the TABARI/PETRARCH ``.actors`` format:

- a primary name line, optionally followed by ``+synonym`` lines;
- codes in brackets on the primary line or on following indented lines, optionally
  limited to a date range (``[SYRGOV >000717]``, ``[SYRELI 830101-000101]``);
- consecutive primary lines without codes share every code line that follows them.

The NGEC ``PLOVER_agents.txt`` file is the CAMEO agents file recoded to PLOVER sectors
(PLOVER ``MED`` is health and ``JRN`` media, unlike CAMEO); its header carries the same
MIT licence (Copyright (c) 2014 Open Event Data Alliance), which we repeat.  Its rows
are written with their code as is; :func:`eventscope.actors.codes.plover_agent_sector`
reads them at load time.  Rows coded ``JNK``/``NON`` (weather, weekdays, "the West") are
dropped here: they name no actor.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventscope.actors.codes import decode

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
NGEC_ATTRIBUTION = (
    "Derived from NGEC's PLOVER_agents.txt (github.com/ahalterman/NGEC), the CAMEO agents "
    "file recoded to PLOVER sectors; Copyright (c) 2014 Open Event Data Alliance, MIT "
    "License; CAMEO dictionaries by the Computational Event Data System Project "
    "(eventdata.parusanalytics.com)."
)
#: NGEC codes that mark a word as no actor at all.
_NGEC_SKIP = ("~JNK", "~NON")
ATTRIBUTION = (
    "Derived from the PETRARCH2 Phoenix dictionaries (github.com/openeventdata/petrarch2), "
    "Copyright (c) 2014 Open Event Data Alliance, MIT License; CAMEO dictionaries by the "
    "Computational Event Data System Project (eventdata.parusanalytics.com)."
)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(
    r"^(?:(?P<from>\d{6,8})-(?P<to>\d{6,8})|>(?P<after>\d{6,8})|<(?P<before>\d{6,8}))$"
)


@dataclass
class Entry:
    """One actor: its names and its (possibly date-limited) codes."""

    names: list[str]
    codes: list[list[str | None]] = field(default_factory=list)
    kind: str = "org"
    source: str = ""


def parse_date(text: str) -> str | None:
    """TABARI dates are YYMMDD (two-digit years pivot at 30) or YYYYMMDD."""
    try:
        if len(text) == 6:
            yy = int(text[:2])
            year = 1900 + yy if yy >= 30 else 2000 + yy
            return date(year, int(text[2:4]), int(text[4:6])).isoformat()
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return None
    return None


def parse_codes(text: str) -> list[list[str | None]]:
    """Every ``[CODE range]`` on a line as ``[code, start, end]`` (ISO dates or None)."""
    out: list[list[str | None]] = []
    for inner in _CODE.findall(text):
        parts = inner.split()
        if not parts or not re.fullmatch(r"[A-Z~]{3,}", parts[0]) or parts[0] == "---":
            continue
        start = end = None
        if len(parts) > 1:
            m = _DATE_RANGE.match(parts[1])
            if m is None:
                continue  # malformed range: safer to skip than to apply it always
            start = parse_date(m.group("from") or m.group("after") or "") if m else None
            end = parse_date(m.group("to") or m.group("before") or "") if m else None
        out.append([parts[0], start, end])
    return out


def clean_name(raw: str) -> str:
    """``+FREE_SYRIAN_ARMY_`` -> ``FREE SYRIAN ARMY``."""
    return " ".join(raw.strip().lstrip("+").replace("_", " ").split())


def _country_only(code: str) -> bool:
    """Whether a CAMEO code names a country (or a territory of one) and no sector."""
    if re.fullmatch(r"[A-Z]{3}", code):
        return True
    return bool(re.fullmatch(r"[A-Z]{6}", code)) and decode(code).sector is None


def parse_actor_file(path: Path) -> list[Entry]:
    """Read one TABARI ``.actors`` file into entries (see the module docstring)."""
    entries: list[Entry] = []
    pending: list[Entry] = []
    #: The entries the last code line went to, while code lines follow one another: a
    #: block of date ranges belongs to every name that shares it, not just the last.
    coded: list[Entry] = []

    def flush() -> None:
        entries.extend(e for e in pending if e.codes)
        pending.clear()

    text = path.read_bytes().decode("utf-8", errors="replace")
    for line in text.splitlines():
        body, _, comment = line.partition("#")
        stripped = body.strip()
        if not stripped:
            continue
        if stripped.startswith("["):
            if not coded:
                # More ranges for the last entry, or the shared codes of code-less names.
                coded = [pending[-1]] if pending and pending[-1].codes else list(pending)
                _share_kind(coded)
            for entry in coded:
                entry.codes.extend(parse_codes(stripped))
            continue
        coded = []
        codes = parse_codes(stripped)
        names_part = _CODE.sub(" ", stripped)
        if stripped.startswith("+"):
            if pending:
                for alias in names_part.split("+"):
                    if clean_name(alias):
                        pending[-1].names.append(clean_name(alias))
                pending[-1].codes.extend(codes)
            continue
        if pending and pending[-1].codes:
            flush()
        kind = "person" if "CountryInfo" in comment else "org"
        name = clean_name(names_part)
        if name:
            pending.append(Entry([name], codes, kind, path.name.split(".")[1]))
    flush()
    for entry in entries:
        # A country block (cities, demonyms) in the countries file: codes that name only a
        # country, possibly date-limited ones for a territory whose state changed
        # (Kosovo: YUGKSV before 1992, FRYKSV, ..., KSV since 2008).
        bare = all(_country_only(str(c[0])) for c in entry.codes)
        if bare and entry.kind == "org" and path.name == ACTOR_FILES[0]:
            entry.kind = "country"
        entry.names = list(dict.fromkeys(n for name in entry.names for n in split_name(name)))
    return entries


def _share_kind(entries: list[Entry]) -> None:
    """Names that share one block of codes are one actor: if the first line marks a
    person (a ``CountryInfo`` ruler), the alias lines after it are that person too."""
    if any(e.kind == "person" for e in entries):
        for entry in entries:
            entry.kind = "person"


def split_name(name: str) -> list[str]:
    """``IRISH REPUBLICAN ARMY (IRA)`` -> the long form and the acronym, as two names.

    PETRARCH writes some names with their acronym in brackets, which no text matches as
    is.  Only a bracketed word made of the long form's initials counts as an acronym;
    other brackets (``CONGO (KINSHASA)``, ``NATIONAL FRONT (GREECE)``) stay part of the
    name, and an unclosed one (``STANKO TODOROV (ACTING``) is dropped.
    """
    unclosed = re.fullmatch(r"(.*?)\s*\([^)]*", name)
    if unclosed and ")" not in name:
        return [unclosed.group(1).strip()] if unclosed.group(1).strip() else [name]
    match = re.fullmatch(r"(.*?)\s*\(\s*([A-Z]{2,8})\s*\)", name)
    if not match:
        return [name]
    long_form, short = match.group(1).strip(), match.group(2)
    initials = "".join(w[0] for w in re.split(r"[\s-]+", long_form) if w)
    it = iter(initials)
    if len(short) >= 3 and all(letter in it for letter in short):
        return [long_form, short]
    return [name]


def parse_agents(path: Path) -> list[dict[str, str]]:
    """Sector words from the agents file, with ``!SET!`` substitutions and ``{plurals}``."""
    sets: dict[str, list[str]] = {}
    rows: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.partition("#")[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            name, _, values = body.partition("=")
            sets[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        codes = _CODE.findall(body)
        if not codes or not codes[0].strip().startswith("~"):
            continue
        words_part = _CODE.sub(" ", body)
        plurals = re.findall(r"\{([^}]*)\}", words_part)
        words_part = re.sub(r"\{[^}]*\}", " ", words_part).strip()
        variants = [words_part]
        for set_name, values in sets.items():
            if set_name in words_part:
                variants = [v.replace(set_name, value) for v in variants for value in values]
        variants += [p for p in plurals if p.strip()]
        for variant in variants:
            word = clean_name(variant)
            if word:
                rows.append({"w": word, "c": codes[0].strip().split()[0]})
    return rows


def write_outputs(out: Path, actors: list[Entry], agents: list[dict[str, str]]) -> None:
    """Write the gzip JSONL actors file and the JSONL agents file with meta headers."""
    out.mkdir(parents=True, exist_ok=True)
    today = date.today().isoformat()
    meta = {
        "source": "openeventdata/petrarch2 Phoenix dictionaries",
        "files": list(ACTOR_FILES),
        "license": "MIT",
        "attribution": ATTRIBUTION,
        "built": today,
        "builder": "scripts/build_actor_dictionary.py",
        "format": "names: PETRARCH names (underscores as spaces); codes: [CAMEO code, "
        "valid from, valid to] (ISO dates or null); kind: country|person|org",
    }
    # mtime=0 keeps the gzip bytes identical between rebuilds of the same input.
    raw = gzip.GzipFile(out / "petrarch_actors.jsonl.gz", "wb", mtime=0)
    with io.TextIOWrapper(raw, encoding="utf-8") as fh:
        fh.write(json.dumps({"_meta": meta | {"entries": len(actors)}}) + "\n")
        for e in actors:
            row = {"names": e.names, "codes": e.codes, "kind": e.kind, "src": e.source}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    agent_meta = meta | {"files": [AGENT_FILE], "entries": len(agents)}
    agent_meta["format"] = "w: agent words; c: CAMEO agent code (~SECTOR)"
    with (out / "petrarch_agents.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"_meta": agent_meta}) + "\n")
        for row in agents:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_ngec_agents(out: Path, rows: list[dict[str, str]]) -> int:
    """Write NGEC's PLOVER-coded agent words (minus no-actor rows); returns the count."""
    kept = [r for r in rows if not r["c"].upper().startswith(_NGEC_SKIP)]
    kept = list({(r["w"], r["c"]): r for r in kept}.values())
    meta = {
        "source": "ahalterman/NGEC PLOVER_agents.txt",
        "license": "MIT",
        "attribution": NGEC_ATTRIBUTION,
        "built": date.today().isoformat(),
        "builder": "scripts/build_actor_dictionary.py",
        "format": "w: agent words; c: PLOVER agent code (~SECTOR, PLOVER sector names: "
        "MED health, JRN media)",
        "entries": len(kept),
    }
    with (out / "ngec_agents.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"_meta": meta}) + "\n")
        for row in kept:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--petrarch", type=Path, required=True, help="petrarch2 folder")
    parser.add_argument("--ngec-agents", type=Path, help="NGEC PLOVER_agents.txt (optional)")
    default_out = Path(__file__).resolve().parents[1] / "src/eventscope/data/actors"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    actors: list[Entry] = []
    for name in ACTOR_FILES:
        actors.extend(parse_actor_file(args.petrarch / name))
    agents = parse_agents(args.petrarch / AGENT_FILE)
    write_outputs(args.out, actors, agents)
    for name in ("petrarch_actors.jsonl.gz", "petrarch_agents.jsonl"):
        size = (args.out / name).stat().st_size
        print(f"wrote {args.out / name} ({size / 1024:.0f} KiB)")
    print(f"{len(actors)} actor entries, {len(agents)} agent words")
    if args.ngec_agents:
        count = write_ngec_agents(args.out, parse_agents(args.ngec_agents))
        print(f"wrote {args.out / 'ngec_agents.jsonl'} ({count} PLOVER agent words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
