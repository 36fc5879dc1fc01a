"""City names as sources write them, cleaned: no postal codes, no trailing country, one spacing.

Only cleaning, no translation: "Köln" stays "Köln" and "Cologne" stays "Cologne" (the dedup compares
cities through `transforms.fair_matching.city_key`, which knows both).
"""

from __future__ import annotations

import re

POSTAL_CODE = re.compile(r"^\s*(?:[A-Z]{1,2}-)?\d{4,6}\s+|\s+\d{4,6}\s*$")


def clean_city(value: str | None) -> str | None:
    """The city alone: "30521 Hannover" -> "Hannover", "Dubai, UAE" -> "Dubai", "LAS VEGAS" -> "Las Vegas"."""
    if value is None:
        return None
    text = POSTAL_CODE.sub("", " ".join(value.split()))
    city = text.split(",")[0].strip()  # "Dubai, UAE", "National Harbor, MD": the city comes first
    if city.isupper() and len(city) > 3:
        city = city.title()
    return city or None
