"""Cities as compared: city_key, the fairground places table, and removing the city from a fair's name.

Sources give one city in several languages ("Köln", "Cologne") or give the fairground's town
("Villepinte") as the city, and some put the city into the fair's name ("SIAL Paris"). This module
resolves a published place to one key (:data:`PLACE_ALIASES` first, then the GeoNames index) and
collects each city's names as they read inside a name key, so the city can be stripped from names
and compared on its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from transforms.fair_matching.fold import _fold
from transforms.fair_matching.gazetteer import _CODE_NAME, _gazetteer, _lookup
from transforms.fair_matching.names import _name_keys_raw

# Places sources give as "the city" that GeoNames does not list as a name of the city where the fair is:
# fairgrounds and the towns they stand in. (folded place, ISO-2 country) -> the city, as GeoNames names it.
# Applied before GeoNames, and only when the record's country is that one or unknown.
PLACE_ALIASES: dict[tuple[str, str], str] = {
    ("paris nord villepinte", "FR"): "Paris",  # Parc des Expositions de Paris-Nord Villepinte (SIAL, Maison&Objet)
    ("villepinte", "FR"): "Paris",
    ("paris le bourget", "FR"): "Paris",  # Paris Air Show
    ("le bourget", "FR"): "Paris",
    ("rho", "IT"): "Milan",  # Fiera Milano Rho (Salone del Mobile, EICMA)
    ("fiera milano rho", "IT"): "Milan",
    ("fiera milano", "IT"): "Milan",
    ("greater noida", "IN"): "Delhi",  # India Expo Mart, listed as "Delhi NCR" or "New Delhi" by others
    ("noida", "IN"): "Delhi",
    ("delhi ncr", "IN"): "Delhi",
    ("new delhi", "IN"): "Delhi",  # GeoNames keeps New Delhi apart from Delhi; fair sources use both
    ("paradise", "US"): "Las Vegas",  # the Las Vegas Convention Center lies in Paradise, NV
    ("chek lap kok", "HK"): "Hong Kong",  # AsiaWorld-Expo
    ("wan chai", "HK"): "Hong Kong",  # HKCEC
    ("pazhou", "CN"): "Guangzhou",  # Canton Fair Complex
    ("pudong", "CN"): "Shanghai",
    ("hongqiao", "CN"): "Shanghai",  # National Exhibition and Convention Center
    ("messe dusseldorf", "DE"): "Düsseldorf",
    ("messe frankfurt", "DE"): "Frankfurt am Main",
    ("messe munchen", "DE"): "Munich",
}

_PLACE_SPLIT = re.compile(r"[()/,;]|\s[-\u2013\u2014|]\s")


def _place_candidates(city: str, folded: str) -> list[str]:
    """The folded place as a whole, then its parts: "Villepinte (Paris)" -> "villepinte", "paris"."""
    candidates = [folded]
    for part in _PLACE_SPLIT.split(city):
        part_folded = _fold([part])[0]
        if part_folded and part_folded not in candidates:
            candidates.append(part_folded)
    return candidates


@lru_cache(maxsize=65536)
def _resolve_city(city: str, country: str | None) -> tuple[str, int | None]:
    """(city_key, GeoNames row or None) of one place as published."""
    folded = _fold([city])[0] or ""
    if not folded:
        return "", None
    for candidate in _place_candidates(city, folded):
        for (place, place_country), target in PLACE_ALIASES.items():
            if place == candidate and country in (None, place_country):
                row = _lookup(_fold([target])[0] or "", place_country)
                if row is not None:
                    return _gazetteer().key[row], row
        row = _lookup(candidate, country)
        if row is not None:
            return _gazetteer().key[row], row
    return folded, None


def city_key(city: str | None, country: str | None = None) -> str | None:
    """The city as compared: one key for the names of a city in any language, None when unknown.

    "Köln" and "Cologne" are both "koln", "Hannover" and "Hanover" both "hannover",
    "Frankfurt" and "Frankfurt am Main" both "frankfurt am main", "Paris-Nord Villepinte" is "paris".
    The key is the folded GeoNames name of the city the place resolves to (fairground places first,
    :data:`PLACE_ALIASES`); a place GeoNames does not know is compared folded as it is. ``country``
    (ISO-2), when given, restricts the lookup to that country ("Paris", "US" is Paris, Texas).
    """
    if city is None or pd.isna(city) or not str(city).strip():
        return None
    key = _resolve_city(str(city), country or None)[0]
    return key or None


@dataclass(frozen=True)
class _CityNames:
    """The names of one city as they read inside a name key, to find the city in a fair's name."""

    names: frozenset[str]
    longest: int  # words in the longest name


def _city_name_sets(places: Iterable[tuple[str, str | None]]) -> dict[str, _CityNames]:
    """city_key -> its names: GeoNames' names of the city, each place as published and its parts, and the
    fairground places that lead to it, normalised like fair names ("Frankfurt am Main" -> "frankfurt main").
    One vectorised normalisation for all cities of a run."""
    raw: dict[str, set[str]] = defaultdict(set)
    for city, country in places:
        key, row = _resolve_city(city, country)
        if not key:
            continue
        raw[key].update((key, city, *_PLACE_SPLIT.split(city)))
        if row is not None:
            record = _gazetteer().cities[row]
            raw[key].update(n for n in (record["name"], *record["alternatenames"]) if not _CODE_NAME.match(n))
    for (place, place_country), target in PLACE_ALIASES.items():
        key = _resolve_city(target, place_country)[0]
        if key in raw:
            raw[key].add(place)
    every = sorted({name for names in raw.values() for name in names if name})
    normalised = dict(zip(every, _name_keys_raw(every), strict=True))
    out = {}
    for key, names in raw.items():
        keys = frozenset(normalised[n] for n in names if n and normalised[n])
        out[key] = _CityNames(keys, max((len(k.split()) for k in keys), default=0))
    return out


def _strip_city(key: str, city: _CityNames | None) -> str:
    """The name key without the city's names ("automechanika frankfurt" -> "automechanika").

    Sources add or drop the city in a fair's name ("SIAL Paris", "SIAL"); the city is compared on
    its own anyway. Longest names first, whole words; a key that would become empty stays whole.
    """
    if not key or city is None or not city.longest:
        return key
    words = key.split()
    kept, i = [], 0
    while i < len(words):
        for size in range(min(city.longest, len(words) - i), 0, -1):
            if (words[i] if size == 1 else " ".join(words[i:i + size])) in city.names:
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    return " ".join(kept) or key
