"""HTML main-text extraction and page metadata."""

from __future__ import annotations

from datetime import date

import pytest

from eventscope.readers.htmlpage import decode_html, draft_from_html
from eventscope.readers.rawbytes import Utf8Error

STORY = "Police fired tear gas at protesters in Nairobi."
FURNITURE = """
<script>var story = "Rebels seized the capital";</script>
<style>p { color: red }</style>
<nav><a href="/">Home</a> <a href="/world">World news</a></nav>
<header>Breaking: markets fall</header>
<div role="navigation">Sections menu</div>
<form>Subscribe to our newsletter</form>
<footer>Copyright Example News</footer>
"""


def page(body: str, head: str = "") -> str:
    """A page with the usual furniture around ``body``."""
    return f"<html><head>{head}</head><body>{FURNITURE}{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        f"<article><h1>Clashes</h1><p>{STORY}<aside>Related: floods</aside></article>",
        f"<main><p>{STORY}</p></main><div><p>Most read: floods</p></div>",
        f"<div class='story'><p>{STORY}</p></div><div>Share this</div>",
        f"<div>{STORY}</div>",
    ],
    ids=["article", "main", "paragraphs", "bare-text"],
)
def test_htmlpage_keeps_only_main_text(body: str) -> None:
    draft = draft_from_html(page(body), "p.html:1", "p")
    assert draft.text == STORY


def test_htmlpage_prefers_largest_article_and_joins_paragraphs() -> None:
    body = (
        "<article><p>Teaser for another story.</p></article>"
        f"<article><p>{STORY}</p><p>Three people were hurt.</p></article>"
    )
    draft = draft_from_html(page(body), "p.html:1", "p")
    assert draft.text == f"{STORY}\n\nThree people were hurt."


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ('<meta property="og:title" content="OG title"><title>T | Site</title>', "", "OG title"),
        ("<title>T | Site</title>", "<article><h1>Headline</h1></article>", "Headline"),
        ("<title>\n  T | Site </title>", "", "T | Site"),
    ],
)
def test_htmlpage_title_precedence(head: str, body: str, title: str) -> None:
    draft = draft_from_html(page(body + f"<p>{STORY}</p>", head), "p.html:1", "p")
    assert draft.title == title
    assert draft.text == STORY


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        (
            '<meta property="article:published_time" content="2018-05-20T08:00:00+03:00">',
            "",
            date(2018, 5, 20),
        ),
        ('<meta name="date" content="2018-05-21">', "", date(2018, 5, 21)),
        ("", '<time datetime="2018-05-22">Tuesday</time>', date(2018, 5, 22)),
        ("", "", None),
    ],
)
def test_htmlpage_published_from_meta_or_time(head: str, body: str, published: date | None) -> None:
    draft = draft_from_html(page(f"<p>{STORY} {body}</p>", head), "p.html:1", "p")
    assert draft.published == published


def test_htmlpage_bad_page_date_is_a_warning() -> None:
    head = '<meta name="date" content="2019-02-30"><meta name="dc.date" content="2019-03-01">'
    draft = draft_from_html(page(f"<p>{STORY}</p>", head), "p.html:1", "p")
    assert draft.published == date(2019, 3, 1)
    assert any("E006" in warning for warning in draft.warnings)


def test_htmlpage_decodes_declared_charset() -> None:
    markup = '<meta charset="iso-8859-1"><p>Caf\xe9 attacked</p>'.encode("latin-1")
    assert "Café attacked" in decode_html(markup)


def test_htmlpage_undeclared_bad_bytes_report_offset() -> None:
    with pytest.raises(Utf8Error) as caught:
        decode_html(b"<p>ok \xff</p>")
    assert caught.value.offset == 6
