"""The HS nomenclature (chapters, headings, subheadings) as reference data, and code validation.

Data: ``transforms/reference/hs_nomenclature.csv``, transcribed from the public dataset
``datasets/harmonized-system`` (UN Comtrade, ODC-PDDL); see transforms/reference/README.md for its
provenance and coverage. Every chapter is listed. Headings and subheadings are listed for the heading
ranges in :data:`FULL_RANGES`; inside them a code is valid only if it is listed. Outside them a heading or
subheading can only be checked at chapter level (documented as a limit in docs/tagging.md).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

NOMENCLATURE_CSV = Path(__file__).resolve().parent.parent / "reference" / "hs_nomenclature.csv"

# Heading ranges (inclusive) whose headings and subheadings are all in the CSV.
FULL_RANGES: tuple[tuple[str, str], ...] = (("0101", "4403"), ("7101", "8211"))


@cache
def nomenclature() -> frozenset[str]:
    """Every code (2, 4 and 6 digits) of the reference table."""
    with NOMENCLATURE_CSV.open(newline="", encoding="utf-8") as handle:
        return frozenset(row["hscode"] for row in csv.DictReader(handle))


def fully_covered(heading: str) -> bool:
    """Whether the reference table lists every heading and subheading of this 4-digit heading's range."""
    return any(low <= heading <= high for low, high in FULL_RANGES)


def is_valid(code: str) -> bool:
    """Whether a 2-, 4- or 6-digit code exists in the HS nomenclature (chapter-level check only where
    the table does not list the headings, see :data:`FULL_RANGES`)."""
    if len(code) not in (2, 4, 6) or not code.isdigit():
        return False
    codes = nomenclature()
    if code[:2] not in codes:
        return False
    if len(code) == 2:
        return True
    if fully_covered(code[:4]):
        return code in codes
    return True
