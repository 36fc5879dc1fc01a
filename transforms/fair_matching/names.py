"""Fair names as compared: name_key, the known aliases and renames, and the other readings of a name.

Sources write one fair's name differently (case, year, ordinal, "Messe" or "Fair", a tagline, an
acronym in parentheses, a former name). This module turns a published name into the key the rules
compare: edition and phase words, filler words, month names, the generic word for "fair" in several
languages and :data:`KNOWN_ALIASES`, vectorised over all distinct names of a run; and lists a name's
variants (without the parenthesis, the parenthesis alone, the part before a subtitle).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from transforms.fair_matching.fold import _fold_array, _memoised

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


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))
