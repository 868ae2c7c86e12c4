"""Byte-level checks shared by every format: binary sniffing, strict UTF-8, bounded lines.

Readers work on bytes rather than text streams so that an invalid byte can be reported
with its exact offset (a text stream would only say "cannot decode") and so that one
over-long line cannot be pulled into memory whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes that plain text never contains (tab, newlines and form feed are fine).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_MAX_CONTROL_RATIO = 0.05
_DRAIN_CHUNK = 1 << 16


def looks_binary(head: bytes) -> bool:
    """True for images, archives, office files… judged from the first bytes only.

    UTF-16 text also contains NUL bytes but is not binary; it is left to the UTF-8
    check so the user is told to re-encode rather than that the file is not text.
    """
    if not head or head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls / len(head) > _MAX_CONTROL_RATIO


class Utf8Error(ValueError):
    """Raised with the absolute byte offset of the first byte that is not UTF-8."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"invalid UTF-8 at byte {offset}")
        self.offset = offset


def decode_utf8(data: bytes, base_offset: int = 0) -> str:
    """Decode strictly, dropping a leading byte-order mark that some editors add.

    Raises:
        Utf8Error: with the offset counted from the start of the file
            (``base_offset`` is where ``data`` starts in it).
    """
    skip = len(_BOM) if data.startswith(_BOM) else 0
    if data.startswith(_UTF16_BOMS):
        raise Utf8Error(base_offset)
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise Utf8Error(base_offset + skip + err.start) from None


@dataclass(frozen=True)
class RawLine:
    """One physical line: its number, where it starts in the file, and its bytes.

    ``size`` is the full length even when ``data`` was cut at the caller's limit,
    so the reader can report how big the line really was without holding it.
    """

    number: int
    offset: int
    data: bytes
    size: int

    @property
    def truncated(self) -> bool:
        """True when the line was longer than the limit and ``data`` holds only its head."""
        return self.size > len(self.data)


def iter_lines(stream: BinaryIO, limit: int | None = None) -> Iterator[RawLine]:
    """Yield physical lines, holding at most ``limit`` bytes of any one line.

    The remainder of an over-long line is read in chunks and discarded, so a 20 MB
    line costs ``limit`` bytes of memory, and the lines after it are still read.
    """
    number = 0
    offset = 0
    while True:
        data = stream.readline(-1 if limit is None else limit + 1)
        if not data:
            return
        number += 1
        size = len(data)
        if limit is not None and size > limit and not data.endswith(b"\n"):
            size += _drain_line(stream)
        yield RawLine(number, offset, data, size)
        offset += size


def _drain_line(stream: BinaryIO) -> int:
    """Skip to the end of the current line; return how many bytes were skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
