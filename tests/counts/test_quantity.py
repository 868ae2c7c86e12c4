"""Quantity phrases: bounds of the forms the first case set did not hold."""

from __future__ import annotations

import pytest

from eventscope.counts import QUANTITY_RE, parse_quantity


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("a handful", (2, 9)),
        ("a handful of", (2, 9)),
        ("upward of 300", (301, None)),
        ("two dozen", (24, 24)),
        ("more than two dozen", (25, None)),
        ("another 15", (15, 15)),
        ("from 40 to 60", (40, 60)),
        ("ninety-nine", (99, 99)),
        ("one thousand two hundred", (1200, 1200)),
    ],
)
def test_quantity_bounds(text: str, bounds: tuple[int | None, int | None]) -> None:
    assert parse_quantity(text) == bounds


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Gunmen killed a handful of guards.", "a handful of"),
        ("Upward of 300 people were evacuated.", "Upward of 300"),
    ],
)
def test_quantity_found_in_text(sentence: str, phrase: str) -> None:
    match = QUANTITY_RE.search(sentence)
    assert match is not None and match.group(0) == phrase
