"""Parse customs duty expressions such as ``"6.00 % + 25.00 GBP / 100 kg MAX 6.00 %"``.

The UK Trade Tariff API v2 publishes every measure's duty as one flat string in
``duty_expression.base``. The backend builds that string from the measure's components
(``measure_component``: duty expression id, amount, monetary unit, measurement unit and
qualifier), so the text is regular:

* ad valorem:   ``"6.00 %"`` (rarely with a base: ``"16.50 % / Retail Price"``)
* specific:     ``"<amount> <currency> / <unit>"``, e.g. ``"223.00 GBP / 1000 kg"``, where the unit
  is a measurement unit abbreviation, optionally with its qualifier (``"100 kg/net mas"``)
* code only:    ``"EA"``, ``"EAR"``, ``"ADSZ"``, ``"ADSZR"``, ``"ADFM"``, ``"ADFMR"`` (agricultural
  components, resolved by the Meursing table) and ``"NIHIL"`` (TARIC expression 37, "nothing")
* operators between components: ``"+"``, ``"-"``, ``"MAX"``, ``"MIN"``; the backend glues the
  plus to some codes (``"... MAX 24.20 % +ADSZ"``), so whitespace between tokens is optional.

Amounts are plain ``digits[.digits]``: the backend prints them with a ``.`` decimal point and
no thousands separator, so ``"1,5"`` is ambiguous and refused rather than guessed.

The parser is deliberately strict: a text it does not fully understand raises
:class:`UnparseableDutyExpression` naming the position and token, never a partial result.
Units are checked against the UK measurement unit abbreviations (:data:`KNOWN_UNITS`) because
a free-form unit would let any trailing garbage through as "a unit".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd
import pyarrow as pa

__all__ = [
    "ARROW_SCHEMA",
    "KNOWN_UNITS",
    "DutyComponent",
    "DutyExpression",
    "UnparseableDutyExpression",
    "parse_distinct",
    "parse_duty_expression",
    "to_arrow",
]

# Measurement unit abbreviations (with qualifier where one exists) as the UK tariff prints them
# after "/". Source: the measurement unit abbreviation table of the UK Trade Tariff backend, plus
# "Retail Price" (the base of the tobacco excise ad valorem part). Extend when a new one appears:
# an unknown unit is reported by parse_distinct, not silently accepted.
KNOWN_UNITS: frozenset[str] = frozenset(
    {
        "% vol", "% vol/hl", "ct/l", "100 p/st", "c/k", "10 000 kg/polar", "kg DHS",
        "100 kg", "100 kg/net eda", "100 kg common wheat", "100 kg/br", "100 kg live weight",
        "100 kg/net mas", "100 kg std qual", "100 kg raw sugar", "100 kg/net/%sacchar.",
        "EUR", "gi F/S", "g", "GT", "hl", "100 m", "kg C₅H₁₄ClNO", "tonne KCl",
        "kg", "kg/tot/alc", "kg/net eda", "GKG", "kg/lactic matter", "kg/raw sugar",
        "kg/dry lactic matter", "1000 l", "kg methylamines", "KM", "kg N", "kg H₂O₂", "kg KOH",
        "kg K₂O", "kg P₂O₅", "kg 90% sdt", "kg NaOH", "kg U", "l alc. 100%", "l", "L total alc.",
        "1000 p/st", "1000 pa", "m²", "m³", "1000 m³", "m", "1000 kWh", "p/st", "b/f", "ce/el",
        "pa", "TJ", "1000 kg", "1000 kg/net eda", "1000 kg/biodiesel", "1000 kg/fuel content",
        "1000 kg/bioethanol", "1000 kg/net mas", "1000 kg std qual", "1000 kg/net/%saccha.",
        "Watt", "Retail Price",
    }
)  # fmt: skip

# Codes that stand for a whole component without an amount of their own.
AGRICULTURAL_CODES: tuple[str, ...] = ("EA", "EAR", "ADSZ", "ADSZR", "ADFM", "ADFMR", "NIHIL")

_KIND_TAGS = {"ad_valorem": "AV", "specific": "SP", "agricultural": "AG"}

# Every token pattern is anchored where the cursor stands; the lookaheads stop a pattern from
# matching the first part of a longer word ("EA" inside "EAX", "GBP" inside "GBPX").
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.,])")
_PERCENT = re.compile(r"%")
_SLASH = re.compile(r"/")
_CURRENCY = re.compile(r"(?!MAX|MIN)[A-Z]{3}(?![A-Za-z])")
_OPERATOR = re.compile(r"(?:MAX|MIN)(?![A-Za-z])|[+-]")
_CODE = re.compile(rf"(?:{'|'.join(AGRICULTURAL_CODES)})(?![A-Za-z])")
# Longest first, so "100 kg/net mas" wins over "100 kg"; a unit must end at a word boundary.
_UNIT = re.compile(
    "(?:" + "|".join(re.escape(u) for u in sorted(KNOWN_UNITS, key=len, reverse=True)) + r")(?=$|\s|[+-])"
)


@dataclass(frozen=True)
class DutyComponent:
    """One term of a duty expression, in the order published."""

    kind: str  # "ad_valorem" | "specific" | "agricultural"
    operator: str  # "" for the first component, else "+", "-", "MAX", "MIN"
    rate_pct: float | None  # ad valorem rate in percent
    amount: float | None  # specific amount per unit
    currency: str | None  # ISO 4217 code of a specific amount
    unit: str | None  # measurement unit as published, e.g. "100 kg/net mas"
    code: str | None  # agricultural / code-only component, e.g. "EA", "ADSZ", "NIHIL"


@dataclass(frozen=True)
class DutyExpression:
    """A parsed duty expression plus the headline figures most consumers need."""

    text: str  # the input with whitespace normalised
    structure: str  # e.g. "AV + SP MAX AV"; "" for an empty expression
    components: tuple[DutyComponent, ...]
    ad_valorem_pct: float | None  # first ad valorem component's rate
    specific_amount: float | None  # first specific component's amount ...
    specific_currency: str | None  # ... its currency ...
    specific_unit: str | None  # ... and its unit


class UnparseableDutyExpression(ValueError):
    """Raised for any text that is not entirely a well-formed duty expression.

    ``reason`` says what was expected and what was found where (a 0-based position in the
    whitespace-normalised text, which is also the ``text`` quoted), so that a report of failures
    (see :func:`parse_distinct`) can be acted on without re-running the parser.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot parse duty expression {text!r}: {reason}")


class _Cursor:
    """A position in the normalised text; each ``take`` skips blanks, then tries one token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _skip_blanks(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def at_end(self) -> bool:
        self._skip_blanks()
        return self.pos == len(self.text)

    def take(self, pattern: re.Pattern[str]) -> str | None:
        self._skip_blanks()
        match = pattern.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return match.group()

    def error(self, expected: str) -> UnparseableDutyExpression:
        """Build the error for the current position: what was expected, what is there."""
        self._skip_blanks()
        rest = self.text[self.pos :]
        found = f"{rest[:20]!r}" if rest else "the end of the text"
        reason = f"expected {expected} at position {self.pos}, found {found}"
        if re.match(r"\d*,\d", rest):
            reason += " (decimal commas are not accepted; amounts use '.')"
        return UnparseableDutyExpression(self.text, reason)


def _normalise(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, NBSP) to one space and trim."""
    return " ".join(text.split())


def _parse_unit(cursor: _Cursor) -> str:
    """A unit follows a "/"; it must be one of KNOWN_UNITS."""
    unit = cursor.take(_UNIT)
    if unit is None:
        raise cursor.error("a known measurement unit")
    return unit


def _parse_component(cursor: _Cursor, operator: str) -> DutyComponent:
    """component := CODE | NUMBER "%" ["/" UNIT] | NUMBER CURRENCY "/" UNIT"""
    code = cursor.take(_CODE)
    if code is not None:
        return DutyComponent("agricultural", operator, None, None, None, None, code)
    number = cursor.take(_NUMBER)
    if number is None:
        raise cursor.error("an amount or a component code (" + ", ".join(AGRICULTURAL_CODES) + ")")
    if cursor.take(_PERCENT) is not None:
        unit = _parse_unit(cursor) if cursor.take(_SLASH) is not None else None
        return DutyComponent("ad_valorem", operator, float(number), None, None, unit, None)
    currency = cursor.take(_CURRENCY)
    if currency is None:
        raise cursor.error(f"'%' or a currency code after the amount {number}")
    if cursor.take(_SLASH) is None:
        raise cursor.error(f"'/ <unit>' after {number} {currency}")
    unit = _parse_unit(cursor)
    return DutyComponent("specific", operator, None, float(number), currency, unit, None)


def _structure(components: Iterable[DutyComponent]) -> str:
    """The expression's shape with figures removed, e.g. "AV + SP MAX AV"."""
    parts: list[str] = []
    for component in components:
        if component.operator:
            parts.append(component.operator)
        parts.append(_KIND_TAGS[component.kind])
    return " ".join(parts)


def _first(components: Iterable[DutyComponent], kind: str) -> DutyComponent | None:
    return next((c for c in components if c.kind == kind), None)


def parse_duty_expression(text: str) -> DutyExpression:
    """Parse one duty expression; raise UnparseableDutyExpression unless all of it is understood.

    An empty (or all-blank) text is valid: non-duty measures publish an empty expression.
    """
    if not isinstance(text, str):
        raise UnparseableDutyExpression(repr(text), f"expected a string, got {type(text).__name__}")
    normalised = _normalise(text)
    if normalised in KNOWN_UNITS:
        # Supplementary unit measures publish just their unit ("p/st"): a quantity, not a duty.
        raise UnparseableDutyExpression(normalised, "a bare measurement unit (supplementary unit), no duty")
    components: list[DutyComponent] = []
    cursor = _Cursor(normalised)
    if not cursor.at_end():
        components.append(_parse_component(cursor, ""))
    while not cursor.at_end():
        operator = cursor.take(_OPERATOR)
        if operator is None:
            raise cursor.error("an operator (+, -, MAX, MIN) or the end of the text")
        components.append(_parse_component(cursor, operator))
    ad_valorem = _first(components, "ad_valorem")
    specific = _first(components, "specific")
    return DutyExpression(
        text=normalised,
        structure=_structure(components),
        components=tuple(components),
        ad_valorem_pct=ad_valorem.rate_pct if ad_valorem else None,
        specific_amount=specific.amount if specific else None,
        specific_currency=specific.currency if specific else None,
        specific_unit=specific.unit if specific else None,
    )


def _is_null(value: object) -> bool:
    """None, NaN and pandas.NA all mean "no expression" in a column coming from pandas/Arrow."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-likes: not a null scalar
        return False


def parse_distinct(texts: Iterable[str | None]) -> tuple[list[DutyExpression], dict[str, str]]:
    """Parse each distinct non-null text once; never raise for a bad text.

    A tariff has hundreds of thousands of measures but only a few thousand distinct duty
    strings, so parsing the distinct ones and joining back on ``duty_text`` is far cheaper.
    Texts are made distinct after whitespace normalisation (the form kept in
    ``DutyExpression.text``), so the result joins without duplicate keys. Returns the parsed
    expressions in first-seen order and ``{normalised text: reason}`` for the failures.
    """
    parsed: list[DutyExpression] = []
    failures: dict[str, str] = {}
    seen: set[str] = set()
    for value in texts:
        if _is_null(value):
            continue
        key = _normalise(value) if isinstance(value, str) else repr(value)
        if key in seen:
            continue
        seen.add(key)
        try:
            parsed.append(parse_duty_expression(value))
        except UnparseableDutyExpression as exc:
            failures[key] = exc.reason
    return parsed, failures


ARROW_SCHEMA = pa.schema(
    [
        ("duty_text", pa.string()),
        ("duty_structure", pa.string()),
        ("ad_valorem_pct", pa.float64()),
        ("specific_amount", pa.float64()),
        ("specific_currency", pa.string()),
        ("specific_unit", pa.string()),
        ("components_json", pa.string()),
    ]
)


def to_arrow(parsed: list[DutyExpression]) -> pa.Table:
    """One row per expression, with a fixed schema so that an empty batch still has its types.

    Components go into one JSON column: their number varies per row, and the warehouse can
    unnest it (DuckDB ``json``) only where it needs the detail.
    """
    columns = {
        "duty_text": [e.text for e in parsed],
        "duty_structure": [e.structure for e in parsed],
        "ad_valorem_pct": [e.ad_valorem_pct for e in parsed],
        "specific_amount": [e.specific_amount for e in parsed],
        "specific_currency": [e.specific_currency for e in parsed],
        "specific_unit": [e.specific_unit for e in parsed],
        "components_json": [
            json.dumps([asdict(c) for c in e.components], ensure_ascii=False) for e in parsed
        ],
    }
    return pa.Table.from_pydict(columns, schema=ARROW_SCHEMA)
