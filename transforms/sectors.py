"""A source's own sector labels ("Medical Eq.", "Food & Beverage", "Lebensmittel") mapped to Trade
Point's controlled vocabulary (transforms/sectors.yaml), once per distinct label."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).with_name("sectors.yaml")


def word_pattern(word: str) -> str:
    """A vocabulary word as a regular expression: whole (plural allowed), or a word start if it ends in *."""
    if word.endswith("*"):
        return r"\b" + re.escape(word[:-1])
    return r"\b" + re.escape(word) + r"(?:s|es)?\b"


@cache
def vocabulary() -> dict[str, re.Pattern[str]]:
    """sector → one pattern matching any of its words."""
    raw = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {sector: re.compile("|".join(word_pattern(word) for word in words), re.IGNORECASE)
            for sector, words in raw.items()}


def sectors_for(label: str) -> list[str]:
    """Every controlled sector the label names, in vocabulary order ([] when none)."""
    return [sector for sector, pattern in vocabulary().items() if pattern.search(label)]
