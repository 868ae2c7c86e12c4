"""Places stage: recognition, roles, containment and event location on made-up sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventscope.gazetteer import (
    Admin1Record,
    CountryRecord,
    Gazetteer,
    PlaceRecord,
    Sources,
    build_gazetteer,
)
from eventscope.nlp.mentions import EventMention
from eventscope.stages.places import PlaceStage, feature_precision, geoparse_doc


def _sources() -> Sources:
    """A made-up world where context, not size, must pick the right entry."""
    return Sources(
        countries=[
            CountryRecord("SY", "SYR", "Syria", 35.0, 38.0, "Damascus", 17_000_000, 163843),
            CountryRecord("US", "USA", "United States", 39.8, -98.5, "Washington", 3 * 10**8),
            CountryRecord("RU", "RUS", "Russia", 60.0, 100.0, "Moscow", 144_000_000),
            CountryRecord("EG", "EGY", "Egypt", 27.0, 30.0, "Cairo", 98_000_000),
        ],
        admin1=[
            Admin1Record("SY", "01", "Al Hasakah", 36.4, 40.6, None, ("Hasaka",)),
            Admin1Record("SY", "09", "Halab", 36.15, 37.39),
            Admin1Record("SY", "08", "Rif Dimashq", 33.5, 36.6),
        ],
        places=[
            PlaceRecord(10, "Aleppo", 36.20, 37.16, "SY", "P", "PPL", "09", 2_000_000),
            PlaceRecord(11, "Kashkash", 36.70, 40.90, "SY", "P", "PPL", "01", 600),
            PlaceRecord(12, "Kashkash", 31.0, 31.0, "EG", "P", "PPL", None, 90_000),
            PlaceRecord(13, "Tall Sabin", 36.05, 37.15, "SY", "P", "PPL", "09", 700),
            PlaceRecord(14, "Tall Sabin", 30.1, 31.3, "EG", "P", "PPL", None, 50_000),
            PlaceRecord(15, "Washington", 38.90, -77.04, "US", "P", "PPLC", None, 690_000),
            PlaceRecord(16, "Moscow", 55.75, 37.62, "RU", "P", "PPLC", None, 10_000_000),
            PlaceRecord(
                -1, "Eastern Ghouta", 33.55, 36.42, "SY", "L", "RGN", "08", 0, (), "supplement"
            ),
        ],
        demonyms={"Syrian": "SY", "Russian": "RU"},
    )


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_gazetteer(tmp_path_factory.mktemp("places") / "g.sqlite", sources=_sources())


@pytest.fixture(scope="module")
def gaz(gaz_path: Path) -> Gazetteer:
    return Gazetteer(gaz_path)


def _place(doc: Doc, text: str):  # type: ignore[no-untyped-def]
    return next(p for p in doc._.places if p.text == text)


def _event(
    doc: Doc, trigger: str, event: str = "ASSAULT", **spans: tuple[int, int]
) -> EventMention:
    i = next(t.i for t in doc if t.text == trigger)
    return EventMention(
        trigger=doc[i : i + 1],
        sentence=doc[0 : len(doc)],
        event=event,
        actor_spans=[doc[a:b] for a, b in [spans["actor"]]] if "actor" in spans else [],
        recipient_spans=[doc[a:b] for a, b in [spans["recipient"]]] if "recipient" in spans else [],
    )


def _run(nlp: Language, gaz_path: Path, text: str, events: list[tuple] | None = None) -> Doc:  # type: ignore[type-arg]
    doc = nlp(text)
    doc._.events = [_event(doc, *e[:2], **(e[2] if len(e) > 2 else {})) for e in events or []]
    return PlaceStage(gazetteer_path=str(gaz_path))(doc)


def test_places_event_location_eastern_ghouta(nlp: Language, gaz_path: Path) -> None:
    doc = _run(
        nlp,
        gaz_path,
        "Syrian government forces shelled Eastern Ghouta on Monday, killing 12 civilians.",
        [("shelled", "ASSAULT", {"actor": (0, 3), "recipient": (4, 6)})],
    )
    loc = doc._.events[0].location
    assert loc is not None and loc.place.text == "Eastern Ghouta"
    assert loc.precision == 2  # a region inside one province
    assert loc.place.role == "event_location"
    assert doc.text[loc.place.start_char : loc.place.end_char] == "Eastern Ghouta"
    syrian = _place(doc, "Syrian")
    assert syrian.source == "demonym" and syrian.resolution.country_code == "SY"


def test_places_metonymy_for_speaking_capital(nlp: Language, gaz_path: Path) -> None:
    doc = _run(nlp, gaz_path, "Washington said it would impose new sanctions on Moscow.")
    assert _place(doc, "Washington").role == "metonymy"


def test_places_actor_span_place_is_metonymy_and_not_linked(nlp: Language, gaz_path: Path) -> None:
    doc = _run(
        nlp,
        gaz_path,
        "Moscow backs the offensive on Aleppo.",
        [("backs", "SUPPORT", {"actor": (0, 1)})],
    )
    assert _place(doc, "Moscow").role == "metonymy"
    assert doc._.events[0].location.place.text == "Aleppo"


def test_places_comparison_is_never_linked(nlp: Language, gaz_path: Path) -> None:
    doc = _run(
        nlp,
        gaz_path,
        "The bombing left the town looking like Aleppo.",
        [("bombing", "ASSAULT")],
    )
    assert _place(doc, "Aleppo").role == "comparison"
    assert doc._.events[0].location is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clashes broke out in Kashkash in Hasaka province.", "Kashkash"),
        ("Rebels attacked Tall Sabin, a village south of Aleppo, on Friday.", "Tall Sabin"),
        ("Fighting was reported in Tall Sabin, Syria.", "Tall Sabin"),
    ],
)
def test_places_containment_beats_population(
    nlp: Language, gaz: Gazetteer, text: str, name: str
) -> None:
    doc = nlp(text)
    place = next(p for p in geoparse_doc(doc, gaz) if p.text == name)
    assert place.resolution is not None and place.resolution.country_code == "SY"


def test_places_near_lowers_precision(nlp: Language, gaz_path: Path) -> None:
    doc = _run(
        nlp, gaz_path, "Militants attacked a checkpoint near Aleppo.", [("attacked", "ASSAULT")]
    )
    assert doc._.events[0].location.precision == 2


def test_places_falls_back_to_article_main_place(nlp: Language, gaz_path: Path) -> None:
    doc = _run(
        nlp,
        gaz_path,
        "Aleppo was quiet. Residents of Aleppo fear more raids. Gunmen killed two men.",
        [("killed", "ASSAULT")],
    )
    doc._.events[0].sentence = doc[11:16]
    doc._.places = None
    for ev in doc._.events:
        ev.location = None
    PlaceStage(gazetteer_path=str(gaz_path))(doc)
    loc = doc._.events[0].location
    assert loc.place.text == "Aleppo" and loc.precision == 2


def test_places_factory_registers_with_config(nlp: Language, gaz_path: Path) -> None:
    import copy

    pipe = copy.deepcopy(nlp)
    pipe.add_pipe("eventscope_places", config={"gazetteer_path": str(gaz_path)})
    doc = pipe("Protesters gathered in Aleppo.")
    assert [p.text for p in doc._.places] == ["Aleppo"]


@pytest.mark.parametrize(
    ("code", "cls", "admin1", "expected"),
    [("PPL", "P", "x", 1), ("CMPRF", "S", None, 1), ("ADM2", "A", "x", 2), ("ADM1", "A", "x", 3),
     ("PCLI", "A", None, 3), ("RGN", "L", "x", 2), ("RGN", "L", None, 3)],
)  # fmt: skip
def test_places_feature_precision(code: str, cls: str, admin1: str | None, expected: int) -> None:
    from eventscope.nlp.mentions import Resolution

    res = Resolution("x", 1, 0.0, 0.0, "SY", admin1, cls, code)
    assert feature_precision(res) == expected


def test_places_records_carry_offsets_role_and_resolution(nlp: Language, gaz_path: Path) -> None:
    from eventscope.gazetteer.geoparse import place_records

    text = "Moscow backs the offensive on Aleppo."
    doc = _run(nlp, gaz_path, text, [("backs", "SUPPORT", {"actor": (0, 1)})])
    records = place_records(doc)
    assert [(r["text"], r["role"]) for r in records] == [
        ("Moscow", "metonymy"),
        ("Aleppo", "event_location"),
    ]
    aleppo = records[1]
    assert text[aleppo["start"] : aleppo["end"]] == "Aleppo"
    assert aleppo["resolution"]["country_code"] == "SY"
    assert set(aleppo["resolution"]) == {
        "name", "geonameid", "lat", "lon", "country_code", "admin1", "feature_class",
        "approximate",
    }  # fmt: skip
    assert aleppo["resolution"]["approximate"] is False


def test_places_geoparse_function_runs_whole_pipeline(gaz_path: Path) -> None:
    from eventscope.config import Settings
    from eventscope.gazetteer.geoparse import geoparse
    from eventscope.pipeline import Pipeline

    pipe = Pipeline(Settings(gazetteer=gaz_path))
    records = geoparse("Protesters gathered in Aleppo on Friday.", pipeline=pipe)
    assert [r["text"] for r in records] == ["Aleppo"]
    assert records[0]["resolution"]["name"] == "Aleppo"
