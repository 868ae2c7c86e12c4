"""Actor resolution: phrases -> canonical actors with PLOVER country/sector and ACLED inter.

``resolve_actor`` is the pure entry point; the actors stage (``stages/actors.py``) adds
document context through :class:`DocMemory`.
"""

from __future__ import annotations

from .dictionary import ActorDictionary, load_dictionary
from .resolver import ActorResolver, DocMemory, resolve_actor

__all__ = ["ActorDictionary", "ActorResolver", "DocMemory", "load_dictionary", "resolve_actor"]
