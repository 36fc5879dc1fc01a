"""HS codes mentioned in notice text, cut to HS precision and validated against the nomenclature."""

from __future__ import annotations

import re

from transforms.notice_tagging.nomenclature import is_valid

# A code written with dots: 7209.15 / 7209.15.0000 / 7209.15.00.00 / 8708.29.50.60. Distinctive enough to
# be taken anywhere, unless it reads as money or a measure (checked in _dotted).
_DOTTED = re.compile(
    r"(?<![\w.,$€£/-])(\d{4})\.(\d{2})((?:\.\d{2,4}){0,2})"
    r"(?!\w|\.\d|,\d|\s?(?:%|per ?cent|kg|mm|cm|t\b|tonnes?|USD|EUR))"
)
# The EU/UK way of writing an 8- or 10-digit code: "7306 30 77", "8708 70 10 15" (also "ex 8708 70 10").
_SPACED = re.compile(r"(?<![\w.,/-])(?:ex\s+)?\d{4} \d{2} \d{2}(?: \d{2})?(?!\w|\.\d|,\d| ?%)")
# A cue that says the following numbers are tariff codes, then the codes it introduces.
_CUE = (
    r"(?:HTSUS|HTS(?:US)?\s+(?:subheadings?|headings?|numbers?|items?|codes?|categor(?:y|ies))|HTS|"
    r"HS(?:\s+codes?|\s+subheadings?|\s+headings?)?|CN(?:\s+codes?)?|TARIC(?:\s+codes?)?|commodity\s+codes?|"
    r"tariff\s+(?:items?|lines?|numbers?|headings?|codes?|subheadings?)|subheadings?|headings?|"
    r"statistical\s+reporting\s+numbers?)"
)
_CODE = r"(?:ex\s*)?\d{4}(?:[ .]?\d{2})?(?:[ .]?\d{2,4}){0,2}"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|through|to|and/or)\s+|\s*;\s*|\s*/\s*)"
_CUED = re.compile(rf"(?<![\w-]){_CUE}\s*(?:Nos?\.?\s*|numbers?\s+)?(?P<codes>{_CODE}(?:{_SEP}{_CODE})*)(?![\w-])",
                   re.IGNORECASE)
_CHAPTER = re.compile(
    r"\b[Cc]hapters?\s+(?P<codes>\d{1,2}(?:(?:\s*,\s*|\s+(?:and|or|to|through)\s+)\d{1,2})*)\b(?!\.\d)"
)
_TARIFF_CONTEXT = re.compile(r"HTS|Harmoni[sz]ed|tariff|\bHS\b|\bCN\b|Combined Nomenclature|customs|dut(?:y|ies)|"
                             r"goods|products|commodit|export|import|originat",
                             re.IGNORECASE)


def _normalise(token: str) -> str | None:
    """Digits of one written code, cut to the HS international precision (2/4/6 digits)."""
    digits = re.sub(r"\D", "", re.sub(r"^ex\s*", "", token.strip(), flags=re.IGNORECASE))
    if len(digits) in (4, 6):
        return digits
    if len(digits) in (8, 10, 12) or len(digits) > 6:
        return digits[:6]
    return None


def _dotted_codes(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _DOTTED.finditer(text):
        code = _normalise(match.group(0))
        if code:
            found.append((match.start(), code))
    return found


def _spaced_codes(text: str) -> list[tuple[int, str]]:
    return [(m.start(), code) for m in _SPACED.finditer(text) if (code := _normalise(m.group(0)))]


def _cued_codes(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _CUED.finditer(text):
        codes = match.group("codes")
        offset = match.start("codes")
        for token in re.finditer(_CODE, codes, re.IGNORECASE):
            code = _normalise(token.group(0))
            if code:
                found.append((offset + token.start(), code))
    return found


def _chapter_codes(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _CHAPTER.finditer(text):
        window = text[max(0, match.start() - 80): match.end() + 80]
        if not _TARIFF_CONTEXT.search(window):
            continue  # "Chapter 3 of the Regulation" is not an HS chapter
        for number in re.findall(r"\d{1,2}", match.group("codes")):
            found.append((match.start("codes"), f"{int(number):02d}"))
    return found


def extract_hs_codes(text: str | None) -> list[str]:
    """HS codes mentioned in ``text``, in order of first mention, without duplicates.

    Codes are digit strings at the precision written, cut to the HS international precision: chapters
    ("Chapter 72" -> "72"), headings ("heading 8708" -> "8708"), subheadings ("HS 0406.90" -> "040690");
    national 8-10 digit codes (HTSUS, CN, TARIC) become their 6-digit subheading. Only codes written in
    a tariff-code form (dotted, or after a cue such as "subheading", "HTSUS", "CN code") are read, and
    each must exist in the HS nomenclature; dates, docket and case numbers, page numbers, quantities and
    years are not codes.
    """
    if not text:
        return []
    candidates = sorted(_dotted_codes(text) + _spaced_codes(text) + _cued_codes(text) + _chapter_codes(text))
    result: list[str] = []
    for _, code in candidates:
        if code not in result and is_valid(code):
            result.append(code)
    return result


def hs_code(value: str | None) -> str | None:
    """One code a source lists (``"0406.90"``, ``"7209.15.0000"``, ``"7306 30 77"``, ``"8708"``) as a digit
    string cut to 2/4/6 digits, or None when it is not an HS code of the nomenclature."""
    if value is None:
        return None
    written = re.sub(r"^ex\s*", "", value.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{2}(?:[ .]?\d{2}){0,4}", written):
        return None
    digits = re.sub(r"\D", "", written)
    code = digits if len(digits) in (2, 4, 6) else digits[:6] if len(digits) > 6 else None
    return code if code and is_valid(code) else None
