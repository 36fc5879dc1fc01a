"""Countries named in notice text, as ISO 3166-1 alpha-2 codes.

Names come from pycountry (ISO names, official names, common names, plus the forms with the
"X, Republic of" inversion turned round), the aliases of :mod:`transforms.countries`, and the small
table :data:`TEXT_ALIASES` below. Matching is on whole words, longest name first, and a match must start
with a capital letter (so "guinea fowls" and "turkeys" are not countries). Bare codes are never read from
text: a two-letter token ("US", "IN", "CA") is too often a word or an abbreviation.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from transforms.countries import ALIASES

# Forms sources write that neither pycountry nor transforms.countries.ALIASES lists.
TEXT_ALIASES: dict[str, str] = {
    "republic of korea": "KR", "korea": "KR", "north korea": "KP", "dprk": "KP",
    "people's republic of china": "CN", "mainland china": "CN", "chinese taipei": "TW",
    "viet nam": "VN", "russian federation": "RU", "republic of türkiye": "TR", "republic of turkey": "TR",
    "burma": "MM", "laos": "LA", "macedonia": "MK", "swaziland": "SZ", "cape verde": "CV",
    "democratic republic of the congo": "CD", "republic of the congo": "CG", "brunei": "BN",
    "kingdom of saudi arabia": "SA", "ksa": "SA", "republic of india": "IN",
    "united mexican states": "MX", "federative republic of brazil": "BR", "kyrgyz republic": "KG",
    "slovak republic": "SK", "netherlands": "NL",
    "east timor": "TL", "vatican": "VA", "micronesia": "FM", "bolivia": "BO",
}
# Adjectives, for notices that name a country only that way ("Chinese exporters"). Kept short: only
# adjectives that are not also common words in trade text.
ADJECTIVES: dict[str, str] = {
    "chinese": "CN", "korean": "KR", "south korean": "KR", "north korean": "KP", "vietnamese": "VN",
    "japanese": "JP", "taiwanese": "TW", "indonesian": "ID", "malaysian": "MY", "thai": "TH",
    "turkish": "TR", "brazilian": "BR", "mexican": "MX", "canadian": "CA", "ukrainian": "UA",
    "russian": "RU", "german": "DE", "italian": "IT", "egyptian": "EG", "south african": "ZA",
    "argentine": "AR", "argentinian": "AR", "australian": "AU", "belarusian": "BY", "pakistani": "PK",
    "omani": "OM", "saudi": "SA", "emirati": "AE", "moroccan": "MA", "peruvian": "PE", "chilean": "CL",
}
# Not countries from this source's point of view: generic uses and institution names that contain a country
# name. They are blanked out before matching.
_NOT_MENTIONS = re.compile(
    r"(?:Office of the )?United States Trade Representative|U\.S\. Trade Representative|"
    r"(?:United States|U\.S\.) (?:International Trade Commission|Customs and Border Protection|Customs Service|"
    r"Court of International Trade|Department of [A-Z][a-z]+|Court of Appeals[\w ]*)|"
    r"Harmoni[sz]ed Tariff Schedule of the United States|"
    r"(?:Latin|North|South|Central) America|American Samoa|New (?:Mexico|Jersey|Guinea)|Indian Ocean|"
    r"Russian roulette|German silver|Turkish delight|Thai chili|U\.S\.-Mexico-Canada Agreement|"
    r"UK Global Tariff|UK [Tt]ariff|UK Trade Remedies Authority|European Union",
)
_COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries) - {"EU"}
# Aliases of transforms.countries that are too ambiguous in running text.
_SKIPPED_ALIASES = {"america", "england", "scotland", "wales", "northern ireland", "holland", "emirates"}


def _name_forms(country) -> set[str]:
    forms = set()
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if not value:
            continue
        forms.add(value)
        if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
            head, tail = value.split(", ", 1)
            forms.add(f"{tail} {head}")
    return {form.casefold() for form in forms}


@cache
def _index() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for form in _name_forms(country):
            names.setdefault(form, country.alpha_2)
    for alias, code in ALIASES.items():
        if alias not in _SKIPPED_ALIASES and len(alias) > 2:
            names.setdefault(alias, code)
    names.update(TEXT_ALIASES)
    names.update(ADJECTIVES)
    names["uk"] = "GB"  # two letters, but only ever the United Kingdom when capitalised
    alternatives = sorted(names, key=len, reverse=True)
    pattern = "|".join(re.escape(name) for name in alternatives)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE), names


def extract_countries(text: str | None) -> list[str]:
    """ISO-2 codes of the countries named in ``text``, in order of first mention, without duplicates."""
    if not text:
        return []
    pattern, names = _index()
    text = _NOT_MENTIONS.sub(lambda m: " " * len(m.group(0)), text)
    result: list[str] = []
    for match in pattern.finditer(text):
        written = match.group(0)
        if not written[0].isupper():
            continue
        if written.casefold() == "uk" and written != "UK":
            continue
        code = names[written.casefold()]
        if code not in _COUNTRY_CODES:
            continue  # e.g. "EU": a union, not an ISO 3166-1 country
        if code not in result:
            result.append(code)
    return result
