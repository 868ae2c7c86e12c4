"""Offline gazetteer: a SQLite file built from installed packages (or GeoNames dumps).

Example::

    from eventscope.gazetteer import Gazetteer, ensure_gazetteer
    gaz = Gazetteer(ensure_gazetteer())   # builds once into the user data dir
    gaz.lookup("Eastern Ghouta")[0]
"""

from __future__ import annotations

from .build import build_gazetteer, default_path, ensure_gazetteer
from .lookup import Candidate, Country, Gazetteer, distance_km
from .normalize import name_keys, normalize
from .records import Admin1Record, CountryRecord, PlaceRecord, Sources

__all__ = [
    "Admin1Record",
    "Candidate",
    "Country",
    "CountryRecord",
    "Gazetteer",
    "PlaceRecord",
    "Sources",
    "build_gazetteer",
    "default_path",
    "distance_km",
    "ensure_gazetteer",
    "name_keys",
    "normalize",
]
