"""The light English check: clear foreign text is named, English and short text pass."""

from __future__ import annotations

import pytest

from eventscope.readers.language import non_english_language

from .conftest import ARABIC, ENGLISH, FRENCH

SPANISH = (
    "La policía lanzó gases lacrimógenos contra cientos de manifestantes en Nairobi el "
    "martes después de que intentaran marchar hacia el parlamento, según testigos. Al "
    "menos tres personas resultaron heridas y veinte fueron detenidas."
)
GERMAN = (
    "Die Polizei hat am Dienstag in Nairobi Tränengas gegen Hunderte von Demonstranten "
    "eingesetzt, nachdem sie versucht hatten, zum Parlament zu marschieren, sagten Zeugen. "
    "Mindestens drei Menschen wurden verletzt und zwanzig festgenommen."
)
RUSSIAN = (
    "Полиция применила слезоточивый газ против сотен демонстрантов в Найроби во вторник "
    "после того как они попытались пройти к парламенту"
)
CHINESE = "警方周二在内罗毕向数百名抗议者发射催泪瓦斯，此前他们试图游行前往议会。"
TERSE_ENGLISH = (
    "Nigerian troops killed 12 Boko Haram fighters near Maiduguri Sunday. Army spokesman "
    "Col. Sani Usman confirmed the raid. Residents reported heavy gunfire overnight. Two "
    "soldiers wounded. Local officials demanded more reinforcements immediately."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FRENCH, "French"),
        (SPANISH, "Spanish"),
        (GERMAN, "German"),
        (ARABIC, "Arabic script"),
        (RUSSIAN, "Cyrillic script"),
        (CHINESE, "Chinese characters (CJK)"),
    ],
)
def test_language_names_clearly_foreign_text(text: str, language: str) -> None:
    assert non_english_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        TERSE_ENGLISH,
        "Protesters clash with police in Paris",
        "La police a dispersé des manifestants.",  # too short to judge: let it through
        ENGLISH + " Protesters chanted «الشعب يريد» outside the embassy.",
    ],
)
def test_language_accepts_english_and_short_text(text: str) -> None:
    assert non_english_language(text) is None
