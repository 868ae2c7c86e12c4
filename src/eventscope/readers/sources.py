"""Where articles come from: named files, directories and standard input.

:func:`read_inputs` is the one entry point.  It never raises for bad input: every
problem becomes a :class:`Skipped` with a coded one-line reason, and the rest of the
batch is still read.  Results come lazily, so a large batch is never held in memory.

Rules worth knowing (also in the user docs):

* A file named explicitly must have a supported suffix, else it is reported (E009).
  Inside a directory, files with other suffixes and hidden files/folders are ignored
  silently, because directories usually hold other files (README, .DS_Store…).
* Directories are read recursively in sorted order, so ids and outputs are stable.
* A ``.txt`` or ``.html`` file is one article whose id is the file's name without its
  suffix (inside a directory: its path relative to that directory, e.g. ``2018/story``),
  so ids are readable and stable when the text is edited.  JSONL/CSV records keep their
  own ``id`` or get :func:`text_id`; text from standard input gets :func:`text_id`.
* ``-`` means standard input: JSON Lines if it starts with ``{`` (an array if ``[``),
  else one plain-text article.
* Origins are ``path:line`` (``<stdin>:line``); problems with the file as a whole use
  line 1, and a file that cannot be opened or has an unsupported suffix uses the path.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from eventscope.errors import Messages
from eventscope.readers.article import Article, Skipped
from eventscope.readers.csvfile import read_csv
from eventscope.readers.htmlpage import decode_html, draft_from_html
from eventscope.readers.jsonlines import read_json_document, read_jsonl
from eventscope.readers.plaintext import draft_from_text
from eventscope.readers.rawbytes import SNIFF_BYTES, Utf8Error, decode_utf8, looks_binary
from eventscope.readers.records import Draft, finish

Result = Article | Skipped

DEFAULT_MAX_BYTES = 2_000_000
STDIN_NAME = "<stdin>"
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
# Markup, scripts and styles typically outweigh a page's text several times over, so an
# HTML file may be this many times ``max_bytes`` before it is refused unread.
HTML_SIZE_FACTOR = 5
_DRAIN_CHUNK = 1 << 20


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Result]:
    """Yield an Article or a Skipped for every article found in ``paths``, in order.

    Args:
        paths: files, directories, or ``-`` for standard input.
        max_bytes: the largest article text (UTF-8 bytes) accepted; larger ones get E004.
        stdin: the stream ``-`` reads (default ``sys.stdin``); tests pass a StringIO.
    """
    if isinstance(paths, str | Path):  # a lone path is a common slip; iterating it reads chars
        paths = [paths]
    for item in paths:
        if str(item) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
        else:
            yield from _read_path(Path(item), max_bytes)


def _read_path(path: Path, max_bytes: int) -> Iterator[Result]:
    """Dispatch a command-line path: directory, supported file, or a reported problem."""
    if path.is_dir():
        for file, article_id in _walk(path):
            yield from _read_file(file, SUFFIXES[file.suffix.lower()], article_id, max_bytes)
    elif not path.exists():
        yield Skipped(str(path), Messages.E010.format(path=path, detail="no such file"))
    elif path.suffix.lower() not in SUFFIXES:
        yield Skipped(str(path), Messages.E009.format(path=path))
    else:
        yield from _read_file(path, SUFFIXES[path.suffix.lower()], path.stem, max_bytes)


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Supported, non-hidden files under ``root``, sorted by relative path, with text ids.

    Sorting whole relative paths (not folder by folder) gives the order ``find | sort``
    would, which is what users expect when they look for an article in the output.
    """
    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            file = Path(folder, name)
            if not name.startswith(".") and file.suffix.lower() in SUFFIXES:
                found.append((file.relative_to(root).parts, file))
    for parts, file in sorted(found):
        yield file, Path(*parts).with_suffix("").as_posix()


def _read_file(path: Path, kind: str, article_id: str, max_bytes: int) -> Iterator[Result]:
    """Open one file, run the checks every format shares, then its format's reader."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            head = stream.read(SNIFF_BYTES)
            stream.seek(0)
            problem = _whole_file_problem(head, size, kind, max_bytes)
            if problem is not None:
                yield Skipped(f"{name}:1", problem)
                return
            yield from _read_format(stream, kind, name, article_id, max_bytes)
    except OSError as err:
        detail = err.strerror or str(err)
        yield Skipped(name, Messages.E010.format(path=path, detail=detail))


def _whole_file_problem(head: bytes, size: int, kind: str, max_bytes: int) -> str | None:
    """The reason to refuse a file before reading it fully, if any.

    The size check comes first so a huge single article is never read into memory;
    JSONL/CSV files may be large, since their limit applies to each record.
    """
    if size == 0:
        return Messages.E001
    if kind == "text" and size > max_bytes:
        return Messages.E004.format(size=size, limit=max_bytes)
    if kind == "html" and size > HTML_SIZE_FACTOR * max_bytes:
        return Messages.E004.format(size=size, limit=HTML_SIZE_FACTOR * max_bytes)
    if looks_binary(head):
        return Messages.E002
    return None


def _read_format(
    stream: BinaryIO, kind: str, name: str, article_id: str | None, max_bytes: int
) -> Iterator[Result]:
    """Hand an opened, sniffed stream to the reader for its format."""
    if kind == "jsonl":
        yield from read_jsonl(stream, name, max_bytes=max_bytes)
    elif kind == "json":
        yield from read_json_document(stream, name, max_bytes=max_bytes)
    elif kind == "csv":
        yield from read_csv(stream, name, max_bytes=max_bytes)
    else:
        yield _single_article(stream.read(), kind, f"{name}:1", article_id, max_bytes)


def _single_article(
    data: bytes, kind: str, origin: str, article_id: str | None, max_bytes: int
) -> Result:
    """Decode and parse a whole-file article (plain text or HTML)."""
    try:
        text = decode_html(data) if kind == "html" else decode_utf8(data)
    except Utf8Error as err:
        return Skipped(origin, Messages.E003.format(offset=err.offset))
    if not text.strip():
        return Skipped(origin, Messages.E001)
    draft: Draft | Skipped
    if kind == "html":
        draft = draft_from_html(text, origin, article_id)
    else:
        draft = draft_from_text(text, origin, article_id)
    if isinstance(draft, Skipped):
        return draft
    return finish(draft, max_bytes=max_bytes)


def _read_stdin(stdin: TextIO, max_bytes: int) -> Iterator[Result]:
    """Sniff standard input's format from its first bytes and read it."""
    stream = _binary(stdin)
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if not head:
        yield Skipped(f"{STDIN_NAME}:1", Messages.E001)
    elif looks_binary(head):
        yield Skipped(f"{STDIN_NAME}:1", Messages.E002)
    elif first == b"{":
        yield from read_jsonl(stream, STDIN_NAME, max_bytes=max_bytes)
    elif first == b"[":
        yield from read_json_document(stream, STDIN_NAME, max_bytes=max_bytes)
    else:
        yield _stdin_text(stream, max_bytes)


def _stdin_text(stream: BinaryIO, max_bytes: int) -> Result:
    """Read a plain-text article from stdin, holding no more than ``max_bytes`` + 1."""
    data = stream.read(max_bytes + 1)
    origin = f"{STDIN_NAME}:1"
    if len(data) > max_bytes:
        size = len(data) + _drain(stream)
        return Skipped(origin, Messages.E004.format(size=size, limit=max_bytes))
    return _single_article(data, "text", origin, None, max_bytes)


def _drain(stream: BinaryIO) -> int:
    """Read and discard the rest of a stream, returning its length."""
    total = 0
    while chunk := stream.read(_DRAIN_CHUNK):
        total += len(chunk)
    return total


def _binary(stdin: TextIO) -> io.BufferedReader:
    """The bytes behind a text stream, so input is checked exactly as files are.

    A real ``sys.stdin`` exposes them as ``.buffer``; an in-memory StringIO has none,
    so its text is re-encoded (lone surrogates then show up as invalid UTF-8).
    """
    buffer = getattr(stdin, "buffer", None)
    if isinstance(buffer, io.BufferedReader):
        return buffer
    data = stdin.read().encode("utf-8", errors="surrogateescape")
    return io.BufferedReader(io.BytesIO(data))
