"""read_inputs end to end: every format, and bad input that never stops the batch."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventscope.readers import NO_DATE_WARNING, Article, Skipped, read_inputs, text_id

from .conftest import ARABIC, ENGLISH, FRENCH, split

TWENTY_MB = 20_000_000


def read(
    *paths: str | Path, max_bytes: int = 2_000_000, stdin: io.StringIO | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read everything and split the results."""
    return split(list(read_inputs(paths, max_bytes=max_bytes, stdin=stdin)))


def write_good(folder: Path) -> Path:
    """A valid article placed next to each bad input, which must still come back."""
    path = folder / "good.txt"
    path.write_text(f"date: 2018-05-20\n{ENGLISH}\n", encoding="utf-8")
    return path


def twenty_mb_of_words() -> bytes:
    """Exactly 20 MB of plain English-looking text, built fast."""
    return (b"the police said " * (TWENTY_MB // 16 + 1))[:TWENTY_MB]


BAD_TXT: list[tuple[str, bytes, str, str]] = [
    ("empty", b"", "E001", ""),
    ("blank", b"  \n\n\t\n", "E001", ""),
    ("nul-bytes", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E002", ""),
    ("control-chars", bytes(range(1, 9)) * 50 + b"text", "E002", ""),
    ("invalid-utf8", b"Police fired \xff tear gas", "E003", "byte 13"),
    ("bom-then-invalid", b"\xef\xbb\xbfAB\xc3(", "E003", "byte 5"),
    ("utf16", ENGLISH.encode("utf-16"), "E003", "byte 0"),
    ("french", FRENCH.encode(), "E007", "French"),
    ("arabic", ARABIC.encode(), "E007", "Arabic script"),
    ("impossible-date", f"date: 2019-02-30\n{ENGLISH}".encode(), "E006", "2019-02-30"),
    ("header-only", b"date: 2018-05-20\n\n", "E008", ""),
]


@pytest.mark.parametrize(
    ("content", "code", "detail"),
    [case[1:] for case in BAD_TXT],
    ids=[case[0] for case in BAD_TXT],
)
def test_sources_bad_text_file_is_skipped_and_batch_goes_on(
    tmp_path: Path, content: bytes, code: str, detail: str
) -> None:
    good = write_good(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    articles, skipped = read(bad, good)
    assert [item.origin for item in skipped] == [f"{bad}:1"]
    assert skipped[0].reason.startswith(f"[{code}]")
    assert detail in skipped[0].reason
    assert [article.id for article in articles] == ["good"]


def test_sources_twenty_mb_text_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(twenty_mb_of_words())
    good = write_good(tmp_path)
    articles, skipped = read(big, good)
    assert skipped == [
        Skipped(
            f"{big}:1",
            f"[E004] article too large ({TWENTY_MB} bytes, limit 2000000): "
            "split it or raise --max-bytes",
        )
    ]
    assert [article.id for article in articles] == ["good"]


@pytest.mark.parametrize(
    ("name", "code"), [("report.pdf", "E009"), ("missing.txt", "E010"), ("missing", "E010")]
)
def test_sources_unreadable_named_paths_are_reported(tmp_path: Path, name: str, code: str) -> None:
    if name.endswith(".pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    articles, skipped = read(tmp_path / name, write_good(tmp_path))
    assert [(item.origin, item.reason[:6]) for item in skipped] == [
        (str(tmp_path / name), f"[{code}]")
    ]
    assert len(articles) == 1


def test_sources_text_file_uses_stem_id_and_header(tmp_path: Path) -> None:
    path = tmp_path / "nairobi-protest.txt"
    path.write_text(f"Date: 2018-05-20\nTitle: Clashes in Nairobi\n\n{ENGLISH}\r\n", "utf-8")
    (article,) = read_inputs([path])
    assert article == Article(
        id="nairobi-protest",
        text=ENGLISH,
        published=date(2018, 5, 20),
        title="Clashes in Nairobi",
        origin=f"{path}:1",
    )


def test_sources_text_without_date_warns(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(ENGLISH, "utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.published is None
    assert article.warnings == (NO_DATE_WARNING,)


def jsonl_line(**fields: object) -> bytes:
    """One JSONL record as bytes."""
    return json.dumps(fields).encode() + b"\n"


def test_sources_jsonl_bad_lines_are_skipped_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        jsonl_line(id="first", text=ENGLISH, published="2018-05-20T10:00:00Z"),
        b'{"id": "broken", "text": "unterminated\n',
        b'{"text": "bad byte \xff here"}\n',
        jsonl_line(text=ENGLISH, published="2019-02-30"),
        jsonl_line(text="   "),
        jsonl_line(title="no text at all"),
        b"\n",
        b'["not", "an", "object"]\n',
        jsonl_line(text=FRENCH),
        jsonl_line(text=twenty_mb_of_words().decode()),
        jsonl_line(text=ENGLISH, date="2018-05-21", source="Example News"),
    ]
    path.write_bytes(b"".join(lines))
    articles, skipped = read(path)
    offset = sum(len(line) for line in lines[:2]) + len(b'{"text": "bad byte ')
    assert [(item.origin, item.reason[:6]) for item in skipped] == [
        (f"{path}:2", "[E005]"),
        (f"{path}:3", "[E003]"),
        (f"{path}:4", "[E006]"),
        (f"{path}:5", "[E008]"),
        (f"{path}:6", "[E005]"),
        (f"{path}:8", "[E005]"),
        (f"{path}:9", "[E007]"),
        (f"{path}:10", "[E004]"),
    ]
    assert f"byte {offset}" in skipped[1].reason
    assert "column" in skipped[0].reason
    assert [(a.id, a.published, a.origin) for a in articles] == [
        ("first", date(2018, 5, 20), f"{path}:1"),
        (text_id(ENGLISH), date(2018, 5, 21), f"{path}:11"),
    ]
    assert articles[1].source == "Example News"


def test_sources_jsonl_text_over_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "small-limit.jsonl"
    path.write_bytes(jsonl_line(text=ENGLISH * 20) + jsonl_line(text=ENGLISH))
    articles, skipped = read(path, max_bytes=1000)
    assert [item.reason[:6] for item in skipped] == ["[E004]"]
    assert f"({len(ENGLISH * 20)} bytes, limit 1000)" in skipped[0].reason
    assert [a.origin for a in articles] == [f"{path}:2"]


@pytest.mark.parametrize("numeric_id", [False, True])
def test_sources_jsonl_keeps_given_id(tmp_path: Path, numeric_id: bool) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_bytes(jsonl_line(id=42 if numeric_id else "42", text=ENGLISH))
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.id == "42"


def test_sources_json_array_gives_element_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    records = [{"id": "a", "text": ENGLISH}, {"id": "b", "text": ""}, {"id": "c", "text": ENGLISH}]
    path.write_text(json.dumps(records, indent=2), "utf-8")
    articles, skipped = read(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert [(s.origin, s.reason[:6]) for s in skipped] == [(f"{path}:6", "[E008]")]
    assert articles[1].origin == f"{path}:10"


def test_sources_json_single_pretty_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "solo", "text": ENGLISH}, indent=2), "utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.id, article.origin) == ("solo", f"{path}:1")


def test_sources_csv_records_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    rows = [
        b"id,title,text,published,url\r\n",
        f'one,Clashes,"{ENGLISH}\nSecond line.",2018-05-20,http://x.test/1\r\n'.encode(),
        b"two,,,2018-05-20,\r\n",
        f'three,,"{ENGLISH}",2018-13-01,\r\n'.encode(),
        b'four,,"bad \xff byte",2018-05-20,\r\n',
        f'five,,"{ENGLISH}",2018-05-20,,extra\r\n'.encode(),
        b"\r\n",
        f'"",,"{ENGLISH}",20 May 2018,\r\n'.encode(),
    ]
    path.write_bytes(b"".join(rows))
    articles, skipped = read(path)
    assert [(s.origin, s.reason[:6]) for s in skipped] == [
        (f"{path}:4", "[E008]"),
        (f"{path}:5", "[E006]"),
        (f"{path}:6", "[E003]"),
        (f"{path}:7", "[E011]"),
    ]
    offset = sum(len(row) for row in rows[:4]) + len(b'four,,"bad ')
    assert f"byte {offset}" in skipped[2].reason
    first, last = articles
    assert (first.id, first.title, first.url, first.origin) == (
        "one",
        "Clashes",
        "http://x.test/1",
        f"{path}:2",
    )
    assert first.text == f"{ENGLISH}\nSecond line."
    assert (last.id, last.published, last.origin) == (
        text_id(ENGLISH),
        date(2018, 5, 20),
        f"{path}:9",
    )


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"id,body_text\n1,hello\n", "E011", 1),
        (b"\n\nid,title\n1,hello\n", "E011", 3),
        (b"id,text\n", "E001", 1),
        (b"\n \n", "E001", 1),
    ],
    ids=["no-text-column", "no-text-column-after-blanks", "header-only", "blank"],
)
def test_sources_csv_unusable_file_is_one_skip(
    tmp_path: Path, content: bytes, code: str, line: int
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    articles, skipped = read(path, write_good(tmp_path))
    assert [(s.origin, s.reason[:6]) for s in skipped] == [(f"{path}:{line}", f"[{code}]")]
    assert len(articles) == 1


def test_sources_csv_oversized_field_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    huge = "word " * 2000
    path.write_text(f'id,text\nbig,"{huge}"\nok,"{ENGLISH}"\n', "utf-8")
    articles, skipped = read(path, max_bytes=5000)
    assert [(s.origin, s.reason[:6]) for s in skipped] == [(f"{path}:2", "[E004]")]
    assert [a.id for a in articles] == ["ok"]


def test_sources_html_file(tmp_path: Path) -> None:
    path = tmp_path / "story.htm"
    path.write_text(
        "<html><head><title>Site</title>"
        '<meta property="article:published_time" content="2018-05-20T08:00:00Z"></head>'
        "<body><nav>Home World Sport</nav><script>track()</script>"
        f"<article><h1>Clashes</h1><p>{ENGLISH}</p></article><footer>(c)</footer></body></html>",
        "utf-8",
    )
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.id, article.text, article.title) == ("story", ENGLISH, "Clashes")
    assert article.published == date(2018, 5, 20)


def test_sources_directory_is_recursive_sorted_and_skips_others(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "story.txt").write_text(ENGLISH, "utf-8")
    (tmp_path / "a" / "story.TXT").write_text(ENGLISH, "utf-8")
    (tmp_path / "a" / "notes.md").write_text("# not an input", "utf-8")
    (tmp_path / ".git" / "x.txt").write_text(ENGLISH, "utf-8")
    (tmp_path / ".hidden.txt").write_text(ENGLISH, "utf-8")
    (tmp_path / "c.jsonl").write_bytes(jsonl_line(id="j", text=ENGLISH))
    articles, skipped = read(tmp_path)
    assert skipped == []
    assert [a.id for a in articles] == ["a/story", "b/story", "j"]
    assert articles[0].origin == f"{tmp_path / 'a' / 'story.TXT'}:1"


@pytest.mark.parametrize(
    ("stdin_text", "ids", "codes"),
    [
        (
            json.dumps({"id": "s1", "text": ENGLISH}) + "\nnot json\n",
            ["s1"],
            [("<stdin>:2", "[E005]")],
        ),
        (f"date: 2018-05-20\n{ENGLISH}", [text_id(ENGLISH)], []),
        (json.dumps([{"id": "s2", "text": ENGLISH}]), ["s2"], []),
        ("", [], [("<stdin>:1", "[E001]")]),
        ("\x00\x01\x02binary", [], [("<stdin>:1", "[E002]")]),
    ],
    ids=["jsonl", "text", "json-array", "empty", "binary"],
)
def test_sources_stdin_is_sniffed(
    stdin_text: str, ids: list[str], codes: list[tuple[str, str]]
) -> None:
    articles, skipped = read("-", stdin=io.StringIO(stdin_text))
    assert [a.id for a in articles] == ids
    assert [(s.origin, s.reason[:6]) for s in skipped] == codes
    assert all(a.origin.startswith("<stdin>:") for a in articles)


def test_sources_stdin_text_over_limit(tmp_path: Path) -> None:
    articles, skipped = read("-", stdin=io.StringIO(ENGLISH * 10), max_bytes=500)
    assert articles == []
    assert skipped[0].reason.startswith(f"[E004] article too large ({len(ENGLISH) * 10} bytes")


def test_sources_single_path_argument_is_not_split_into_characters(tmp_path: Path) -> None:
    good = write_good(tmp_path)
    assert [item.origin for item in read_inputs(str(good))] == [f"{good}:1"]
