"""The optional header of plain-text articles."""

from __future__ import annotations

from datetime import date

import pytest

from eventscope.readers.article import Skipped
from eventscope.readers.plaintext import draft_from_text
from eventscope.readers.records import Draft


@pytest.mark.parametrize(
    ("text", "published", "title", "body"),
    [
        ("date 2018-05-20\nPolice fired.", date(2018, 5, 20), None, "Police fired."),
        ("DATE: 2018-05-20\n\nPolice fired.", date(2018, 5, 20), None, "Police fired."),
        ("Date:2018-05-20T10:00Z\nPolice fired.", date(2018, 5, 20), None, "Police fired."),
        ("title: Clashes\ndate: 2018-05-20\n\nPolice.", date(2018, 5, 20), "Clashes", "Police."),
        ("Date palms burned.\nPolice fired.", None, None, "Date palms burned.\nPolice fired."),
        ("Title IX was cut.", None, None, "Title IX was cut."),
        ("Police fired.\ndate: 2018-05-20", None, None, "Police fired.\ndate: 2018-05-20"),
        (
            "date 2018-05-20\nClashes in Nairobi\n\nPolice.",
            date(2018, 5, 20),
            "Clashes in Nairobi",
            "Police.",
        ),
        (
            "date 2018-05-20\nPolice fired.\n\nThree hurt.",
            date(2018, 5, 20),
            None,
            "Police fired.\n\nThree hurt.",
        ),
        (
            "date 2018-05-20\nClashes in Nairobi\nPolice.",
            date(2018, 5, 20),
            None,
            "Clashes in Nairobi\nPolice.",
        ),
        ("date 2018-05-20\nClashes in Nairobi\n\n", date(2018, 5, 20), None, "Clashes in Nairobi"),
        ("Clashes in Nairobi\n\nPolice.", None, None, "Clashes in Nairobi\n\nPolice."),
        (
            "date: 2018-05-20\ntitle: Set\nOther line\n\nPolice.",
            date(2018, 5, 20),
            "Set",
            "Other line\n\nPolice.",
        ),
    ],
)
def test_plaintext_reads_header_only_at_top(
    text: str, published: date | None, title: str | None, body: str
) -> None:
    draft = draft_from_text(text, "f.txt:1", "f")
    assert isinstance(draft, Draft)
    assert (draft.published, draft.title, draft.text.strip()) == (published, title, body)


@pytest.mark.parametrize(("value", "code"), [("2019-02-30", "E006"), ("last week", "E012")])
def test_plaintext_bad_header_date_skips_article(value: str, code: str) -> None:
    result = draft_from_text(f"date: {value}\nPolice fired.", "f.txt:1", "f")
    assert isinstance(result, Skipped)
    assert result.reason.startswith(f"[{code}]")
    assert result.origin == "f.txt:1"
