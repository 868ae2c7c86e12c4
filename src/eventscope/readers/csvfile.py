"""CSV input: a header row naming the columns, then one article per record.

Records may span lines (quoted text with newlines), so an origin names the line a
record starts on.  Lines are decoded one by one so an invalid byte skips only the
record that contains it; the line is still handed to the CSV parser (with the bad
bytes replaced) so that record boundaries after it stay right.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from eventscope.errors import Messages
from eventscope.readers.article import Article, Skipped
from eventscope.readers.rawbytes import RawLine, Utf8Error, decode_utf8, iter_lines
from eventscope.readers.records import draft_from_record, finish, has_text_field

_FIELD_TOO_LARGE = "field larger than field limit"


class _LineFeed:
    """Feeds decoded lines to ``csv.reader`` and remembers what each record cost.

    The caller resets ``bad_offset`` and reads ``consumed`` around each record, which
    tells it the record's size and whether any of its lines held invalid UTF-8.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._lines: Iterator[RawLine] = iter_lines(stream)
        self.consumed = 0
        self.bad_offset: int | None = None

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        self.consumed += raw.size
        try:
            return decode_utf8(raw.data, raw.offset)
        except Utf8Error as err:
            if self.bad_offset is None:
                self.bad_offset = err.offset
            return raw.data.decode("utf-8", errors="replace")


def read_csv(stream: BinaryIO, name: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Yield one result per non-empty record; ``name`` prefixes each ``name:line`` origin."""
    _allow_fields_up_to(max_bytes)
    feed = _LineFeed(stream)
    reader = csv.reader(feed)
    header = _read_header(reader, feed)
    if header is None:
        yield Skipped(f"{name}:1", Messages.E001)
        return
    if isinstance(header, Skipped):
        yield Skipped(f"{name}:{reader.line_num}", header.reason)
        return
    count = 0
    while True:
        start, before = reader.line_num + 1, feed.consumed
        feed.bad_offset = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            count += 1
            yield Skipped(f"{name}:{start}", _csv_error(err, feed.consumed - before, max_bytes))
            continue
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        yield _from_row(header, row, f"{name}:{start}", feed.bad_offset, max_bytes)
    if count == 0:
        yield Skipped(f"{name}:1", Messages.E001)


def _allow_fields_up_to(max_bytes: int) -> None:
    """Raise the csv module's field limit (128 KiB by default) to the article limit.

    The limit is process-wide, so it is only ever raised; a larger field then fails in
    the parser and is reported as too large (E004) without being kept.
    """
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)


def _read_header(reader: Iterator[list[str]], feed: _LineFeed) -> list[str] | Skipped | None:
    """The first non-empty row, as column names; None for a file with no rows."""
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if feed.bad_offset is not None:
            return Skipped("", Messages.E003.format(offset=feed.bad_offset))
        if not has_text_field(row):
            columns = ", ".join(repr(cell) for cell in row)
            return Skipped("", Messages.E011.format(detail=f"no 'text' column in {columns}"))
        return row
    return None


def _csv_error(err: csv.Error, size: int, max_bytes: int) -> str:
    """Explain a parser error; an over-long field is an article that is too large."""
    if _FIELD_TOO_LARGE in str(err):
        return Messages.E004.format(size=size, limit=max_bytes)
    return Messages.E011.format(detail=str(err))


def _from_row(
    header: list[str], row: list[str], origin: str, bad_offset: int | None, max_bytes: int
) -> Article | Skipped:
    """Check one record's shape and encoding, then build its article."""
    if bad_offset is not None:
        return Skipped(origin, Messages.E003.format(offset=bad_offset))
    if len(row) > len(header):
        detail = f"{len(row)} fields but the header has {len(header)}: check the quoting"
        return Skipped(origin, Messages.E011.format(detail=detail))
    draft = draft_from_record(dict(zip(header, row, strict=False)), origin)
    if isinstance(draft, Skipped):
        return draft
    return finish(draft, max_bytes=max_bytes)
