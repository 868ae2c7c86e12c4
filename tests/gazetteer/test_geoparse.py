"""Resolution rules of the geoparser on a made-up world where only context can decide."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Span

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
            CountryRecord("MX", "MEX", "Mexico", 23.0, -102.0, "Mexico City", 126_000_000),
        ],
        admin1=[
            Admin1Record("US", "TX", "Texas", 31.2, -99.2),
            Admin1Record("US", "GA", "Georgia", 32.8, -83.5),
            Admin1Record("GR", "35", "Attica", 38.0, 23.7),
            Admin1Record("FR", "11", "Ile-de-France", 48.7, 2.5),
            Admin1Record("GR", "42", "Larisa", 39.6, 22.4),
            Admin1Record("US", "NY", "New York", 42.9, -75.5),
            Admin1Record("US", "FL", "Florida", 28.6, -82.4),
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
            # towns named like the head words of organisations and facilities
            PlaceRecord(10, "Bank", 22.6, 75.8, "US", "P", "PPL", "TX", 200_000),
            PlaceRecord(11, "Airport", 21.3, -157.9, "US", "P", "PPL", "GA", 300_000),
            # a region and its namesake town, of similar prominence
            PlaceRecord(14, "Larisa", 39.64, 22.42, "GR", "P", "PPL", "42", 20_000),
            PlaceRecord(15, "Tyrnavos", 39.74, 22.29, "GR", "P", "PPL", "42", 25_000),
            # two namesakes in one state: only distance to the other towns tells them apart
            PlaceRecord(12, "Springfield", 29.0, -98.0, "US", "P", "PPL", "TX", 50_000),
            PlaceRecord(13, "Springfield", 32.2, -95.6, "US", "P", "PPL", "TX", 20_000),
            # a Texas town named like a country
            PlaceRecord(16, "Mexico", 31.5, -96.0, "US", "P", "PPL", "TX", 11_000),
            # a state more populous than its namesake city, and a village named like a state
            PlaceRecord(
                17,
                "New York City",
                40.71,
                -74.0,
                "US",
                "P",
                "PPL",
                "NY",
                8_000_000,
                aliases=("New York",),
            ),
            PlaceRecord(18, "Buffalo", 42.89, -78.88, "US", "P", "PPL", "NY", 30_000_000),
            PlaceRecord(19, "Florida", 41.33, -74.36, "US", "P", "PPL", "NY", 2_800),
            PlaceRecord(20, "Miami", 25.77, -80.19, "US", "P", "PPL", "FL", 6_000_000),
        ],
        demonyms={"Greek": "GR", "European": "Europe"},
    )


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_gazetteer(tmp_path_factory.mktemp("geoparse") / "g.sqlite", sources=_sources())
    return Gazetteer(Path(path))


def _capitalised(nlp: Language, gaz: Gazetteer, text: str) -> list[Found]:
    """Every capitalised word run the gazetteer knows, as a given place."""
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
    return found


def _resolved(nlp: Language, gaz: Gazetteer, text: str, name: str) -> tuple[str | None, str | None]:
    """Resolve every capitalised word run as a given place (recognition is not tested)."""
    found = _capitalised(nlp, gaz, text)
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


def _found_names(nlp: Language, gaz: Gazetteer, text: str, names: list[str]) -> list[Found]:
    """Found mentions for the given names (first occurrence of each, in text order)."""
    doc = nlp(text)
    found = []
    for name in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        assert span is not None
        found.append(Found(span, "gold"))
    return sorted(found, key=lambda f: f.span.start)


@pytest.mark.parametrize(
    ("text", "names", "unknown", "area"),
    [
        # an explicit container places the unknown street
        (
            "Fans filled Rue Lepic in Paris, France, on Sunday.",
            ["Rue Lepic", "Paris", "France"],
            "Rue Lepic",
            "Paris",
        ),
        # no container: the article's town, even when its state is named more often
        (
            "Texas troopers closed Mill Lane. The fair in Frankston was moved. Texas agreed.",
            ["Texas", "Mill Lane", "Frankston"],
            "Mill Lane",
            "Frankston",
        ),
        # no town at all: the article's province
        (
            "Floods cut Old Ferry Road across Texas.",
            ["Old Ferry Road", "Texas"],
            "Old Ferry Road",
            "Texas",
        ),
    ],
)
def test_geoparse_unknown_name_placed_in_container_or_article_area(
    nlp: Language, gaz: Gazetteer, text: str, names: list[str], unknown: str, area: str
) -> None:
    found = _found_names(nlp, gaz, text, names)
    resolve(found, gaz)
    f = next(f for f in found if f.span.text == unknown)
    assert f.inferred and f.resolution is not None
    assert f.resolution.name == area and f.resolution.approximate
    assert f.resolution.geonameid is None and f.resolution.feature_class is None
    known = next(f for f in found if f.span.text == area)
    assert known.resolution is not None and not known.resolution.approximate


def test_geoparse_unknown_name_alone_stays_unresolved(nlp: Language, gaz: Gazetteer) -> None:
    found = _found_names(nlp, gaz, "Crowds gathered on Mill Lane.", ["Mill Lane"])
    resolve(found, gaz)
    assert found[0].resolution is None and not found[0].inferred


def test_geoparse_country_is_area_of_last_resort(nlp: Language, gaz: Gazetteer) -> None:
    found = _found_names(nlp, gaz, "Greek police raided Mill Lane.", ["Greek", "Mill Lane"])
    found[0].source = "demonym"
    resolve(found, gaz)
    assert found[1].resolution is not None and found[1].resolution.name == "Greece"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("He joined the Bank of Mexico in May.", "Bank of Mexico", "Mexico"),  # not Bank
        ("Talks at the European Commission ended.", "European Commission", "Europe"),
        ("A Greek-led force arrived.", "Greek-led", "Greece"),  # hyphenated compound
        ("Heat hit Southern Europe again.", "Southern Europe", "Europe"),  # compass word
        ("Flights left Dulles International Airport.", "Dulles International Airport", None),
        ("Films about Ancient Greece sell.", "Ancient Greece", "Greece"),  # country-sized head
        ("Staff at Greek Embassy Athens left.", "Greek Embassy Athens", "Athens"),  # place first
    ],
)
def test_geoparse_unknown_name_resolves_through_piece_not_head(
    nlp: Language, gaz: Gazetteer, text: str, name: str, expected: str | None
) -> None:
    found = _found_names(nlp, gaz, text, [name])
    resolve(found, gaz)
    res = found[0].resolution
    assert (res.name if res else None) == expected


def test_geoparse_unknown_large_region_is_not_put_in_the_town(
    nlp: Language, gaz: Gazetteer
) -> None:
    doc = nlp("Floods hit Scandinavia, Frankston and the Catawba River.")
    doc.ents = [Span(doc, 2, 3, "LOC"), Span(doc, 4, 5, "GPE"), Span(doc, 7, 9, "LOC")]
    found = [Found(doc[2:3], "gold"), Found(doc[4:5], "gold"), Found(doc[7:9], "gold")]
    resolve(found, gaz)
    region, _, river = (f.resolution for f in found)
    assert region is None  # no local feature noun: a region, not a place in the town
    assert river is not None and river.name == "Frankston"


def test_geoparse_namesake_next_to_other_towns_wins(nlp: Language, gaz: Gazetteer) -> None:
    text = "Storms hit Frankston on Monday. Springfield closed its schools."
    found = _found_names(nlp, gaz, text, ["Frankston", "Springfield"])
    resolve(found, gaz)
    res = found[1].resolution
    assert res is not None and res.lat == pytest.approx(32.2)  # 20 km away, not 400 km


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Gunmen attacked a convoy near Larisa on Friday.", "Larisa", "PPL"),
        ("Floods hit Larisa region on Friday.", "Larisa region", "ADM1"),
    ],
)
def test_geoparse_bare_name_is_the_town_not_its_namesake_region(
    nlp: Language, gaz: Gazetteer, text: str, name: str, code: str
) -> None:
    found = _found_names(nlp, gaz, text, [name])
    resolve(found, gaz)
    res = found[0].resolution
    assert res is not None and res.feature_code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X, Y" starting a list is not "town, state": the US does not contain Mexico
        ("Frankston traders said trade between Mexico, the United States and Greece grew.", "MX"),
        ("Frankston traders said trade between Mexico, the United States, and Greece grew.", "MX"),
        # ... while a real container still decides
        ("A storm hit Mexico, Texas, on Friday.", "US"),
    ],
)
def test_geoparse_list_is_not_a_container(
    nlp: Language, gaz: Gazetteer, text: str, expected: str
) -> None:
    assert _resolved(nlp, gaz, text, "Mexico")[0] == expected


def test_geoparse_list_of_town_state_pairs_keeps_containers(nlp: Language, gaz: Gazetteer) -> None:
    text = "Teams from Athens, Georgia, and Springfield, Texas, met."
    assert _resolved(nlp, gaz, text, "Athens") == ("US", "Georgia")


def test_geoparse_one_sense_per_discourse_after_a_container(nlp: Language, gaz: Gazetteer) -> None:
    """Once an article writes "Athens, Georgia", its other bare "Athens" are that one."""
    text = (
        "The fair opened in Athens, Georgia. Teams came from Frankston, Paris and "
        "Springfield. Athens officials thanked them."
    )
    found = _capitalised(nlp, gaz, text)
    resolve(found, gaz)
    athens = [f.resolution for f in found if f.span.text == "Athens"]
    assert len(athens) == 2
    assert all(r is not None and (r.country_code, r.admin1) == ("US", "Georgia") for r in athens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEW YORK (AP) — Fire crews worked through the night.", True),
        ("(NEW YORK) — Fire crews worked through the night.", True),
        ("PARIS police said the fire was out.", True),
        ("Dubai (WAM) – Fire crews worked through the night.", True),
        ("Athens woman charged after a fire.", False),  # a headline, not a dateline
        ("Mexico urges calm after the fire.", False),
        ("Fire crews from NEW YORK worked through the night.", False),  # not first
    ],
)
def test_geoparse_dateline_is_recognised(
    nlp: Language, gaz: Gazetteer, text: str, expected: bool
) -> None:
    first = _capitalised(nlp, gaz, text)[0]
    resolve([first], gaz)
    assert first.dateline is expected


def test_geoparse_dateline_names_the_city_and_settles_the_name(
    nlp: Language, gaz: Gazetteer
) -> None:
    """A bare "New York" is the (larger) state, but a dateline is where a report was filed."""
    assert _resolved(nlp, gaz, "Officials in New York said the fire was out.", "New York") == (
        "US",
        "New York",
    )
    found = _capitalised(nlp, gaz, "NEW YORK (AP) — A fire broke out. New York officials said.")
    resolve(found, gaz)
    assert [f.resolution.feature_code for f in found if f.resolution] == ["PPL", "PPL"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare state name is the state, though the story is about another state
        ("Officials in Buffalo and New York said Florida sent help.", ("ADM1", "Florida")),
        # ... and a namesake village only when the text names its container
        ("Officials in Buffalo said Florida, New York, sent help.", ("PPL", "New York")),
    ],
)
def test_geoparse_bare_state_name_is_not_a_village_of_another_state(
    nlp: Language, gaz: Gazetteer, text: str, expected: tuple[str, str]
) -> None:
    found = _capitalised(nlp, gaz, text)
    resolve(found, gaz)
    res = next(f.resolution for f in found if f.span.text == "Florida")
    assert res is not None and (res.feature_code, res.admin1) == expected
