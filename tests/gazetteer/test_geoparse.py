"""Resolution rules of the geoparser on a made-up world where only context can decide."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventscope.gazetteer import (
    Admin1Record,
    CountryRecord,
    Gazetteer,
    PlaceRecord,
    Sources,
    build_gazetteer,
)
from eventscope.gazetteer.geoparse import Found, find_places, resolve


def _sources() -> Sources:
    """Famous Athens/Paris abroad, small namesakes in Texas, a continent and its demonym."""
    return Sources(
        countries=[
            CountryRecord("US", "USA", "United States", 39.76, -98.5, "Washington", 3 * 10**8),
            CountryRecord("GR", "GRC", "Greece", 39.0, 22.0, "Athens", 10_000_000),
            CountryRecord("FR", "FRA", "France", 46.0, 2.0, "Paris", 67_000_000),
            CountryRecord("AE", "ARE", "United Arab Emirates", 23.75, 54.5, "Abu Dhabi", 10**7),
        ],
        admin1=[
            Admin1Record("US", "TX", "Texas", 31.2, -99.2),
            Admin1Record("US", "GA", "Georgia", 32.8, -83.5),
            Admin1Record("GR", "35", "Attica", 38.0, 23.7),
            Admin1Record("FR", "11", "Ile-de-France", 48.7, 2.5),
        ],
        places=[
            PlaceRecord(1, "Athens", 37.98, 23.73, "GR", "P", "PPLC", "35", 664_000),
            PlaceRecord(2, "Athens", 32.2, -95.85, "US", "P", "PPL", "TX", 13_000),
            PlaceRecord(3, "Athens", 33.96, -83.38, "US", "P", "PPL", "GA", 127_000),
            PlaceRecord(4, "Paris", 48.85, 2.35, "FR", "P", "PPLC", "11", 2_100_000),
            PlaceRecord(5, "Paris", 33.66, -95.56, "US", "P", "PPL", "TX", 25_000),
            PlaceRecord(6, "Frankston", 32.05, -95.5, "US", "P", "PPL", "TX", 1_200),
            PlaceRecord(7, "Dubai", 25.07, 55.17, "AE", "P", "PPL", None, 3_000_000),
            PlaceRecord(8, "Gainesville", 34.3, -83.82, "US", "P", "PPL", "GA", 180_000),
            PlaceRecord(9, "Europe", 48.69, 9.14, None, "L", "CONT", None, 7 * 10**8),
        ],
        demonyms={"Greek": "GR", "European": "Europe"},
    )


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_gazetteer(tmp_path_factory.mktemp("geoparse") / "g.sqlite", sources=_sources())
    return Gazetteer(Path(path))


def _resolved(nlp: Language, gaz: Gazetteer, text: str, name: str) -> tuple[str | None, str | None]:
    """Resolve every capitalised word run as a given place (recognition is not tested)."""
    doc = nlp(text)
    found: list[Found] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j > i and gaz.candidates(doc[i:j].text):
            found.append(Found(doc[i:j], "gold"))
        i = max(j, i + 1)
    resolve(found, gaz)
    res = next(f.resolution for f in found if f.span.text == name)
    return (res.country_code, res.admin1) if res else (None, None)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # no context: population and feature priors pick the capital
        ("Tourists flocked to Athens last summer.", "Athens", ("GR", "Attica")),
        # an explicit admin1 elsewhere in the article outweighs the capital's prior
        ("Police in Athens arrested two men. Texas troopers helped.", "Athens", ("US", "Texas")),
        # coherence: another unambiguous Texas town tips both Athens and Paris
        ("The fair moved from Athens to Frankston and then Paris.", "Paris", ("US", "Texas")),
        # containment: "X, Georgia" names the state that holds X
        ("A storm hit Athens, Georgia, on Friday.", "Athens", ("US", "Georgia")),
    ],
)
def test_geoparse_context_rules(
    nlp: Language, gaz: Gazetteer, text: str, name: str, expected: tuple[str, str]
) -> None:
    assert _resolved(nlp, gaz, text, name) == expected


def test_geoparse_repeated_name_is_not_its_own_evidence(nlp: Language, gaz: Gazetteer) -> None:
    text = "Athens police said Athens was calm. Athens officials and Frankston officials met."
    assert _resolved(nlp, gaz, text, "Athens") == ("US", "Texas")


def test_geoparse_unknown_name_resolves_through_known_piece(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("He won the Dubai World Cup.")
    span = doc[3:6]
    found = [Found(span, "gold")]
    resolve(found, gaz)
    assert found[0].resolution is not None and found[0].resolution.name == "Dubai"


def test_geoparse_place_inside_organisation_name(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("The Gainesville Police Department arrested a man on Tuesday.")
    texts = [f.span.text for f in find_places(doc, gaz)]
    assert "Gainesville" in texts


@pytest.mark.parametrize(("word", "name"), [("European", "Europe"), ("Greek", "Greece")])
def test_geoparse_demonym_resolves_to_continent_or_country(
    nlp: Language, gaz: Gazetteer, word: str, name: str
) -> None:
    doc = nlp(f"{word} leaders met on Monday.")
    found = [Found(doc[0:1], "demonym")]
    resolve(found, gaz)
    assert found[0].resolution is not None and found[0].resolution.name == name
