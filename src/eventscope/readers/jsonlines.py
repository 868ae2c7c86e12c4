"""JSON Lines input (one article object per line), plus whole-document ``.json`` files.

JSONL is read line by line from bytes so a malformed, non-UTF-8 or huge line costs one
Skipped entry and the lines after it are still read.  A ``.json`` file may instead hold
one JSON array of article objects, or a single (pretty-printed) object; those are parsed
whole, since JSON has no line to resynchronise on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from eventscope.errors import Messages
from eventscope.readers.article import Article, Skipped
from eventscope.readers.rawbytes import Utf8Error, decode_utf8, iter_lines
from eventscope.readers.records import draft_from_record, finish, has_text_field

# JSON escapes (\u00e9, \n, \") make a line longer than the text it carries, so the line
# limit leaves room for them; the text itself is then held to ``max_bytes`` exactly.
_ESCAPE_ALLOWANCE = 2
_METADATA_ALLOWANCE = 64 * 1024


def line_limit(max_bytes: int) -> int:
    """The most bytes of one JSONL line held in memory before it is declared too large."""
    return _ESCAPE_ALLOWANCE * max_bytes + _METADATA_ALLOWANCE


def read_jsonl(stream: BinaryIO, name: str, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Yield one result per non-blank line; ``name`` prefixes each ``name:line`` origin."""
    seen = False
    for raw in iter_lines(stream, line_limit(max_bytes)):
        origin = f"{name}:{raw.number}"
        if raw.truncated:
            seen = True
            yield Skipped(origin, Messages.E004.format(size=raw.size, limit=max_bytes))
            continue
        try:
            line = decode_utf8(raw.data, raw.offset).strip()
        except Utf8Error as err:
            seen = True
            yield Skipped(origin, Messages.E003.format(offset=err.offset))
            continue
        if line:
            seen = True
            yield _from_json_text(line, origin, max_bytes)
    if not seen:
        yield Skipped(f"{name}:1", Messages.E001)


def _from_json_text(line: str, origin: str, max_bytes: int) -> Article | Skipped:
    """Parse one line; report the column of a syntax error so it can be found."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        return Skipped(origin, Messages.E005.format(detail=f"{err.msg} at column {err.colno}"))
    return from_json_value(value, origin, max_bytes=max_bytes)


def from_json_value(value: object, origin: str, *, max_bytes: int) -> Article | Skipped:
    """Validate one decoded JSON value as an article record."""
    if not isinstance(value, dict):
        kind = type(value).__name__
        return Skipped(origin, Messages.E005.format(detail=f"expected an object, got {kind}"))
    if not has_text_field(value):
        return Skipped(origin, Messages.E005.format(detail="the object has no 'text' field"))
    draft = draft_from_record(value, origin)
    if isinstance(draft, Skipped):
        return draft
    return finish(draft, max_bytes=max_bytes)


def read_json_document(
    stream: BinaryIO, name: str, *, max_bytes: int
) -> Iterator[Article | Skipped]:
    """Read a ``.json`` file: an array of objects, one object, or else JSON Lines."""
    data = stream.read()
    try:
        text = decode_utf8(data)
    except Utf8Error as err:
        yield Skipped(f"{name}:1", Messages.E003.format(offset=err.offset))
        return
    body = text.lstrip()
    if body.startswith("["):
        yield from _read_array(text, name, max_bytes)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        yield from read_jsonl(io.BytesIO(data), name, max_bytes=max_bytes)
        return
    yield from_json_value(
        value, f"{name}:{_line_of(text, len(text) - len(body))}", max_bytes=max_bytes
    )


def _read_array(text: str, name: str, max_bytes: int) -> Iterator[Article | Skipped]:
    """Yield each element of a top-level array with the line it starts on.

    Elements are decoded one at a time so that those before a syntax error are kept.
    """
    decoder = json.JSONDecoder()
    position = _skip_space(text, text.index("[") + 1)
    line, counted_to = 1, 0
    count = 0
    while position < len(text) and text[position] != "]":
        line += text.count("\n", counted_to, position)
        counted_to = position
        origin = f"{name}:{line}"
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as err:
            detail = f"{err.msg} at line {err.lineno} column {err.colno}"
            yield Skipped(origin, Messages.E005.format(detail=detail))
            return
        count += 1
        yield from_json_value(value, origin, max_bytes=max_bytes)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
    if count == 0:
        yield Skipped(f"{name}:1", Messages.E001)


def _skip_space(text: str, position: int) -> int:
    """Index of the next non-whitespace character at or after ``position``."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _line_of(text: str, position: int) -> int:
    """1-based line number of ``position``, for origins."""
    return text.count("\n", 0, position) + 1
