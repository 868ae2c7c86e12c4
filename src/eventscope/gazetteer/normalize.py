"""Turns place names into lookup keys.

News spells the same place many ways ("Deir ez-Zor", "Deir Ez Zor", "Dayr az Zawr"); the
gazetteer stores every spelling it knows under one normalised key, and the text side
normalises the same way, so that a lookup is a single indexed equality test.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "´": "'"})
_SEPARATORS = re.compile(r"[\-‐‑–—_/,]+")
_SPACES = re.compile(r"\s+")
# Arabic-style articles that sources write with or without ("Al-Hasakah" / "Hasakah").
_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ")


def normalize(name: str) -> str:
    """Lowercase, strip accents and punctuation variants, collapse spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = text.translate(_APOSTROPHES).replace("'", "")
    text = _SEPARATORS.sub(" ", text).replace(".", "")
    return _SPACES.sub(" ", text).strip()


_ARTICLE_ANYWHERE = re.compile(r"(?:^| )(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez) ")
_DOUBLED = re.compile(r"([a-z])\1+")


def loose(key: str) -> str:
    """A transliteration-tolerant form of a normalised key.

    Names from Arabic and Persian reach English news in many romanisations: "Maarat
    al-Numan", "Ma'arrat an-Nu'man", "Maarrat al Numan".  Unifying the assimilated
    article (an-/ar-/ad-… → al) and collapsing doubled letters maps those to one key.
    It is tried only when the exact key finds nothing, so ordinary names are unaffected.
    """
    text = _ARTICLE_ANYWHERE.sub(lambda m: m.group(0).replace(m.group(0).strip(), "al"), key)
    return _DOUBLED.sub(r"\1", text)


def exact_keys(name: str) -> set[str]:
    """A name's normal form plus its article/saint variants ("Al-Hasakah" -> "hasakah")."""
    key = normalize(name)
    if not key:
        return set()
    keys = {key}
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.add(key[len(article) :])
    if key.startswith("saint "):
        keys.add("st " + key[6:])
    elif key.startswith("st "):
        keys.add("saint " + key[3:])
    return keys


def loose_keys(name: str) -> set[str]:
    """The transliteration-tolerant keys of a name that are not already exact keys."""
    keys = exact_keys(name)
    return {loose(k) for k in keys} - keys


def name_keys(name: str) -> set[str]:
    """Every key a name is stored under: exact keys plus their loose forms.

    Storing variants at build time keeps lookups to one equality test at run time; the
    loose ones are flagged, so that an exact spelling wins over a loose coincidence.
    """
    return exact_keys(name) | loose_keys(name)


def is_latin(name: str) -> bool:
    """True for names written in Latin script (the only ones English news uses)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)
