"""ISO 3166-1 countries as a reference table, from pycountry (the ISO data, kept up to date)."""

from __future__ import annotations

import pyarrow as pa
import pycountry


def countries_table() -> pa.Table:
    """alpha_2, alpha_3, numeric and name of every ISO 3166-1 country."""
    rows = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    return pa.table({
        "alpha_2": [c.alpha_2 for c in rows],
        "alpha_3": [c.alpha_3 for c in rows],
        "numeric": [c.numeric for c in rows],
        "name": [c.name for c in rows],
    })


# Names sources write that ISO 3166 does not list as a name of the country (endonyms, short forms).
# pycountry knows codes, names, official and common names; these fill the gap, documented here.
ALIASES = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB",
    "deutschland": "DE", "allemagne": "DE", "alemania": "DE", "germania": "DE",
    "france": "FR", "frankreich": "FR", "españa": "ES", "spanien": "ES", "italia": "IT", "italien": "IT",
    "österreich": "AT", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "nederland": "NL",
    "niederlande": "NL", "holland": "NL", "polska": "PL", "polen": "PL", "türkiye": "TR", "turkey": "TR",
    "uae": "AE", "u.a.e.": "AE", "emirates": "AE", "russia": "RU", "south korea": "KR",
    "vietnam": "VN", "china": "CN", "prc": "CN", "hong kong": "HK", "taiwan": "TW", "iran": "IR",
    "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI", "côte d'ivoire": "CI",
    # The European Union issues notices as one member (WTO) and one market: ISO 3166 reserves "EU" for it.
    "eu": "EU", "european union": "EU", "european communities": "EU",
}


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of a country as sources write it (code, English name or a listed alias);
    None when it cannot be identified for certain (no fuzzy guessing: the record is quarantined)."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    alias = ALIASES.get(text.casefold())
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None
