"""CAMEO actor codes -> PLOVER country and sector, and PLOVER sector -> ACLED inter code.

PETRARCH's dictionaries code actors with concatenated 3-letter CAMEO elements
(``SYRGOVMIL``, ``IGOUNOREFHCR``).  PLOVER keeps only two of those ideas -- a country
(or one of seven international non-state codes) and a primary sector -- and renames a
few sectors (CAMEO's ``MED`` media became ``JRN``, ``HLH`` health became ``MED``).
This module is the single place that translation lives, so the dictionary builder and
the resolver cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

#: PLOVER's international non-state "country" codes (manual, table of non-state actors).
NONSTATE_COUNTRIES: frozenset[str] = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

#: Old or non-ISO CAMEO country codes -> the PLOVER/ISO code of the successor state.
_COUNTRY_FIXES: dict[str, str] = {
    "USR": "RUS",
    "SUN": "RUS",
    "DDR": "DEU",
    "FRG": "DEU",
    "YUG": "SRB",
    "FRY": "SRB",
    "CSK": "CZE",
    "KSV": "KOS",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
}

#: CAMEO region codes: PLOVER gives regional constructs no country.
_REGIONS: frozenset[str] = frozenset(
    {
        "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
        "MEA", "NAF", "NMR", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "INT", "KKL",
        "KNT", "KRJ", "ANG", "BAH", "FRN",
    }
)  # fmt: skip

#: CAMEO sector element -> PLOVER sector.  Religion/ethnicity elements are only used
#: when nothing more specific is present (handled in :func:`plover_sector`).
_SECTOR_MAP: dict[str, str] = {
    "GOV": "GOV",
    "MIL": "MIL",
    "REB": "REB",
    "INS": "REB",
    "SEP": "REB",
    "OPP": "OPP",
    "PTY": "PTY",
    "COP": "COP",
    "JUD": "JUD",
    "SPY": "SPY",
    "LEG": "LEG",
    "BUS": "BUS",
    "CRM": "CRM",
    "CVL": "CVL",
    "PPL": "CVL",
    "SET": "CVL",
    "EDU": "EDU",
    "ELI": "ELI",
    "HLH": "MED",
    "MED": "JRN",
    "REF": "REF",
    "LAB": "LAB",
    "AGR": "AGR",
    "UAF": "UAF",
    "HRI": "SOC",
    "ENV": "SOC",
    "DEV": "SOC",
    "NGO": "SOC",
    "PRM": "PRM",
    "UNK": "UNK",
}
_RELIGION: frozenset[str] = frozenset(
    {"REL", "MUS", "CHR", "JEW", "BUD", "HIN", "SIK", "CTH", "PRO", "SHI", "SUN", "MOS", "TAO"}
)

#: Every PLOVER v0.8 sector code (manual, "Sector Codes" table).
PLOVER_SECTORS: frozenset[str] = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
        "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL",
        "SOC",
    }
)  # fmt: skip

#: PLOVER sectors that are state organs: ACLED inter 1 at home, 8 abroad.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
#: Sectors that name an armed non-state actor, for "the group" back-references.
ARMED_SECTORS: frozenset[str] = frozenset({"REB", "UAF", "PRM", "CRM"})

#: Default ACLED inter code per PLOVER sector (ACLED codebook's actor types).
_SECTOR_INTER: dict[str, int] = {
    "GOV": 1,
    "MIL": 1,
    "COP": 1,
    "JUD": 1,
    "LEG": 1,
    "SPY": 1,
    "REB": 2,
    "PRM": 3,
    "UAF": 3,
    "CRM": 3,
    "CVL": 7,
    "REF": 7,
    "JRN": 7,
    "MED": 7,
    "EDU": 7,
    "LAB": 7,
    "AGR": 7,
    "BUS": 7,
    "REL": 7,
    "SOC": 7,
    "ELI": 7,
    "OPP": 7,
    "PTY": 7,
    "NGO": 7,
}


@dataclass(frozen=True)
class DecodedCode:
    """A CAMEO code split into what PLOVER keeps."""

    country: str | None
    sector: str | None


def plover_country(element: str) -> str | None:
    """Map the leading CAMEO element to a PLOVER country code (None for regions)."""
    element = _COUNTRY_FIXES.get(element, element)
    if element in _REGIONS or element in _SECTOR_MAP or element in _RELIGION:
        return None
    return element


def plover_sector(elements: list[str]) -> str | None:
    """First CAMEO element that maps to a PLOVER sector; religion only as a last resort."""
    for element in elements:
        if element in _SECTOR_MAP:
            return _SECTOR_MAP[element]
    if any(element in _RELIGION for element in elements):
        return "REL"
    return None


def decode(code: str) -> DecodedCode:
    """Split a CAMEO code (``SYRGOV``, ``IGOUNOREFHCR``, ``~COP``) into country and sector.

    International codes keep the UN and EU as their own PLOVER "countries"; other IGOs
    stay ``IGO``.  A transnational militarized group (``IMG``) is a rebel actor in PLOVER
    terms, and a bare IGO/NGO gets the matching pseudo-sector so that callers always
    see some sector for an organisation.
    """
    code = code.strip().upper().lstrip("~")
    elements = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if not elements:
        return DecodedCode(None, None)
    head, rest = elements[0], elements[1:]
    if head == "IGO":
        body = "UNO" if "UNO" in rest else ("EUR" if "EEC" in rest else "IGO")
        return DecodedCode(body, plover_sector(rest) or "IGO")
    if head == "NGO":
        return DecodedCode("NGO", plover_sector(rest) or "NGO")
    if head == "IMG":
        return DecodedCode("IMG", "REB")
    if head in ("MNC", "ISM"):
        return DecodedCode(head, plover_sector(rest) or ("BUS" if head == "MNC" else "SOC"))
    country = plover_country(head)
    if country is None:
        return DecodedCode(None, plover_sector(elements))
    if rest[:2] == ["GOV", "LEG"]:
        # CAMEO files legislators and legislatures under government (USAGOVLEG);
        # PLOVER gives them their own sector.  GOVJUD stays GOV: it is mostly
        # justice ministers, who are the executive.
        return DecodedCode(country, "LEG")
    return DecodedCode(country, plover_sector(rest))


def plover_agent_sector(code: str) -> str | None:
    """Sector of an agent code that already uses PLOVER names (NGEC ``PLOVER_agents.txt``).

    Unlike CAMEO, ``MED`` is health and ``JRN`` media here.  The first element that is a
    PLOVER sector decides (``~GOVMIL`` -> GOV), except that the generic ``UNK`` and
    ``CVL`` give way to a more specific element after them (``~UNKOPP`` -> OPP,
    ``~CVLOPP`` "dissident" -> OPP, as the PLOVER manual defines OPP as "opposition
    parties, individuals, anti-government activists"); religion codes mean REL, ``NGO``
    civil society.  ``IGO`` (a kind of organisation, not a role), ``JNK``/``NON`` (no
    actor) and a bare ``UNK`` give None.
    """
    code = code.strip().upper().lstrip("~")
    elements = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if elements[:1] == ["CVL"] and len(elements) > 1:
        elements = elements[1:]
    for element in elements:
        if element in ("JNK", "NON", "IGO"):
            return None
        if element == "UNK":
            continue
        if element == "NGO":
            return "SOC"
        if element in PLOVER_SECTORS:
            return element
        if element in _RELIGION:
            return "REL"
    return None


def acled_inter(
    country: str | None, sector: str | None, *, country_focus: str | None = None
) -> int | None:
    """ACLED inter code (1-8) implied by a PLOVER country and sector.

    International organisations and state organs acting outside the document's focus
    country are "external/other forces" (8); a transnational armed group is a rebel
    group (2); everything unarmed defaults to civilians (7).
    """
    if country in ("IGO", "UNO", "EUR", "MNC"):
        return 8
    if country == "IMG":
        return 2
    if sector is None:
        return None
    inter = _SECTOR_INTER.get(sector)
    if (
        inter == 1
        and country_focus is not None
        and country is not None
        and country != country_focus
    ):
        return 8
    return inter
