"""HTML pages: keep the article's own text, drop menus, scripts and page furniture.

A saved news page is mostly navigation, related links and boilerplate; coding that
would invent events from headlines of other stories.  With only the standard library
parser we use the structure pages declare:

* content inside script/style/nav/header/footer/aside/form (and ARIA roles meaning
  the same) is dropped;
* if the page has ``<article>`` (or else ``<main>``) only text inside it is kept,
  choosing the ``<article>`` with the most text when there are several;
* otherwise the ``<p>`` paragraphs are kept, and only a page without any falls back
  to all remaining text.

The ``<h1>`` headline is kept out of the body (it restates the lead paragraph, and
coding both would count one event twice) and serves as the title when there is no
``og:title``; ``<title>``, which often carries the site name, comes last.  The date
comes from ``article:published_time``, other date metas, else the first ``<time datetime>``.
Metadata in a page is scraped, not declared by the user, so a bad date there becomes
a warning, not a skipped article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from eventscope.errors import InputError
from eventscope.readers.dates import parse_published
from eventscope.readers.rawbytes import Utf8Error, decode_utf8
from eventscope.readers.records import Draft

DROPPED = frozenset(
    [
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "canvas",
        "figcaption",
    ]
)
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "br",
        "hr",
        "figure",
        "address",
    ]
)
_VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
        "param",
    ]
)
_CLOSES_P = _BLOCKS - {"br"}
_DATE_METAS = (
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dcterms.date",
    "datepublished",
    "sailthru.date",
)
_SPACE = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_SCAN_BYTES = 4096


@dataclass
class _Block:
    """A run of text between block boundaries, with where it sits in the page."""

    text: str
    article: int | None
    in_main: bool
    in_paragraph: bool
    is_headline: bool


@dataclass(frozen=True)
class _Open:
    """An open element: its tag, whether it or an ancestor is dropped, its <article>."""

    tag: str
    dropped: bool
    article: int | None


@dataclass
class _Page:
    """What the parser collected: text blocks and metadata candidates."""

    blocks: list[_Block] = field(default_factory=list)
    metas: dict[str, str] = field(default_factory=dict)
    title: str = ""
    times: list[str] = field(default_factory=list)
    articles: int = 0


class _Extractor(HTMLParser):
    """Streams the page once, tracking open elements to know what each text belongs to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._stack: list[_Open] = []
        self._buffer: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element; block elements end the current text run."""
        values = {name.lower(): value or "" for name, value in attrs}
        self._collect_metadata(tag, values)
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        if tag in _CLOSES_P and self._stack and self._stack[-1].tag == "p":
            self._stack.pop()  # HTML lets a new block end an open <p>
        dropped = tag in DROPPED or values.get("role", "").lower() in _DROPPED_ROLES
        dropped = dropped or "hidden" in values or values.get("aria-hidden") == "true"
        article = self._stack[-1].article if self._stack else None
        if tag == "article":
            self.page.articles += 1
            article = self.page.articles
        self._stack.append(_Open(tag, dropped or self._dropped(), article))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element of this name; stray end tags are ignored."""
        if tag in _BLOCKS:
            self._flush()
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].tag == tag:
                del self._stack[index:]
                break
        self._in_title = False

    def handle_data(self, data: str) -> None:
        """Keep text unless it sits inside a dropped element."""
        if self._in_title:
            self.page.title += data
        elif not self._dropped():
            self._buffer.append(data)

    def close(self) -> None:
        """Flush the last text run after the parser has seen everything."""
        super().close()
        self._flush()

    def _dropped(self) -> bool:
        """True inside a dropped element; each entry already includes its ancestors."""
        return bool(self._stack) and self._stack[-1].dropped

    def _collect_metadata(self, tag: str, values: dict[str, str]) -> None:
        """Remember meta tags and time stamps; which one wins is decided at the end."""
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and "content" in values:
                self.page.metas.setdefault(key.lower(), values["content"].strip())
        elif tag == "time" and values.get("datetime"):
            self.page.times.append(values["datetime"].strip())

    def _flush(self) -> None:
        """End the current run of text and record where it was."""
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if not text:
            return
        tags = {entry.tag for entry in self._stack}
        self.page.blocks.append(
            _Block(
                text=text,
                article=self._stack[-1].article if self._stack else None,
                in_main="main" in tags,
                in_paragraph="p" in tags,
                is_headline="h1" in tags,
            )
        )


def draft_from_html(markup: str, origin: str, article_id: str | None) -> Draft:
    """Extract main text and metadata from a page."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    page = parser.page
    published, warnings = _published(page)
    headlines = [block.text for block in page.blocks if block.is_headline]
    title = page.metas.get("og:title") or next(iter(headlines), None) or page.title
    return Draft(
        text="\n\n".join(block.text for block in _main_blocks(page.blocks)),
        origin=origin,
        id=article_id,
        title=_SPACE.sub(" ", title).strip() or None,
        published=published,
        url=page.metas.get("og:url") or None,
        source=page.metas.get("og:site_name") or None,
        warnings=warnings,
    )


def _main_blocks(blocks: list[_Block]) -> list[_Block]:
    """Pick the body blocks of the story, by the precedence in the module doc.

    Headlines are not body; a container holding nothing but a headline is passed over
    so a page that wraps only its headline in ``<article>`` still yields its text.
    """
    body = [block for block in blocks if not block.is_headline]
    sizes: dict[int, int] = {}
    for block in body:
        if block.article is not None:
            sizes[block.article] = sizes.get(block.article, 0) + len(block.text)
    if sizes:
        biggest = max(sizes, key=lambda number: sizes[number])
        return [block for block in body if block.article == biggest]
    in_main = [block for block in body if block.in_main]
    if in_main:
        return in_main
    paragraphs = [block for block in body if block.in_paragraph]
    return paragraphs or body


def _published(page: _Page) -> tuple[date | None, tuple[str, ...]]:
    """The first candidate date that parses; unparsable candidates become warnings."""
    candidates = [page.metas[key] for key in _DATE_METAS if page.metas.get(key)]
    candidates += page.times[:1]
    warnings: list[str] = []
    for candidate in candidates:
        try:
            value = parse_published(candidate)
        except InputError as err:
            warnings.append(f"ignored page date: {err}")
            continue
        if value is not None:
            return value, tuple(warnings)
    return None, tuple(warnings)


def decode_html(data: bytes) -> str:
    """Decode as UTF-8, or as the charset the page declares when UTF-8 fails.

    Older pages are often Latin-1 or Windows-1252 and say so in a ``<meta charset>``;
    honouring that is cheap.  Undeclared non-UTF-8 bytes are still an error (E003).
    """
    try:
        return decode_utf8(data)
    except Utf8Error:
        match = _CHARSET.search(data[:_CHARSET_SCAN_BYTES])
        if match is None:
            raise
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise Utf8Error(_first_bad_byte(data)) from None


def _first_bad_byte(data: bytes) -> int:
    """Offset of the first byte that is not UTF-8, for the error message."""
    try:
        decode_utf8(data)
    except Utf8Error as err:
        return err.offset
    return 0
