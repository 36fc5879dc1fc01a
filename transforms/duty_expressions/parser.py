"""The one parser for UK/XI (EU), EU TARIC, US HTS and WITS duty expressions.

Grammar and forms: docs/duty_expressions.md. A hand-written scanner over the whitespace-normalised
text: every token is a regular expression anchored at the cursor, so an error can always say what
was expected at which position and what stood there.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from .model import KIND_TAGS, DutyComponent, DutyExpression, SpecialRate, UnparseableDutyExpression
from .units import (
    AGRICULTURAL_CODES,
    KNOWN_UNITS,
    PER_DEGREE_QUALIFIER,
    TARIC_UNIT_CODES,
    TARIC_UNIT_QUALIFIERS,
    US_AD_VALOREM_QUALIFIERS,
    US_EACH,
    US_SPECIFIC_QUALIFIERS,
    US_UNITS,
)

SOURCES: tuple[str | None, ...] = (None, "wits")


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that "100 kg/net mas" wins over "100 kg" and "pf. liter" over "liter"."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# Every token pattern is anchored where the cursor stands; the lookaheads stop a pattern from
# matching the first part of a longer word ("EA" inside "EAX", "GBP" inside "GBPX").
# Amounts: digits[.digits]; TARIC extracts group thousands ("1,554.300"), which is unambiguous only
# with the decimal point after the groups, so a lone decimal comma ("1,5") is still refused.
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])|\d+(?:\.\d+)?(?![\d.,])")
_FRACTION = re.compile(r"(\d+) (\d+)/(\d+)(?= ?%)")  # US "33 1/3%"
_PERCENT = re.compile(r"%")
_SLASH = re.compile(r"/")
_CENT = re.compile(r"¢")
_DOLLAR = re.compile(r"\$")
_FREE = re.compile(r"Free(?![A-Za-z])")
_CURRENCY = re.compile(r"(?!MAX|MIN)[A-Z]{3}(?![A-Za-z])")
_OPERATOR = re.compile(r"(?:MAX|MIN)(?![A-Za-z])|[+-]|(?:but not less than|less|or)(?= )")
_WHICHEVER = re.compile(r",? ?whichever is (?:the )?(higher|greater|lower|lesser|less)(?![A-Za-z])")
_CODE = re.compile(_alternation(AGRICULTURAL_CODES) + r"(?![A-Za-z])")
_UNIT = re.compile(_alternation(KNOWN_UNITS) + r"(?=$|[\s+,-])")
_TARIC_UNIT = re.compile(
    _alternation(TARIC_UNIT_CODES)
    + r"(?: ["
    + "".join(sorted(TARIC_UNIT_QUALIFIERS))
    + r"](?=$|[\s+,-]))?(?=$|[\s+,-])"
)
_US_UNIT = re.compile(_alternation(US_UNITS) + r"(?=$|[\s+,)])")
_EACH = re.compile(re.escape(US_EACH) + r"(?![A-Za-z])")
_US_SPECIFIC_QUALIFIER = re.compile(_alternation((*US_SPECIFIC_QUALIFIERS, PER_DEGREE_QUALIFIER)) + r"(?![A-Za-z])")
_US_AD_VALOREM_QUALIFIER = re.compile(_alternation(US_AD_VALOREM_QUALIFIERS) + r"(?![A-Za-z])")
_WITS_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# US chapter 99: a duty stacked on the duty of the line the goods are classified in. Only "+" (or the
# one published "plus") follows it, and the texts of one revision end with a period.
BASE_WORDS = "The duty provided in the applicable subheading"
_BASE = re.compile(re.escape(BASE_WORDS) + r"(?![A-Za-z])")
_BASE_PLUS = re.compile(r"(?:\+|plus)(?= )")
_FINAL_PERIOD = re.compile(r"\.$")
_FREE_COMPONENT = DutyComponent("free", "", 0.0, None, None, None, None)

# Published texts that are not a rate by themselves. Matched at the start of the text; each is
# refused with its own reason instead of being guessed at.
_PROSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"The rate applicable to "),
        "a rate defined by another article's rate (US 'The rate applicable to ...')",
    ),
    (re.compile(r"See \d"), "a cross-reference to another heading ('See ...'), not a rate"),
    (re.compile(r"Cond: "), "a TARIC conditional duty ('Cond: ...'): one rate per condition, not one expression"),
    (re.compile(r"Free, "), "a conditional free rate (e.g. US 'Free, under bond')"),
    (re.compile(r"No change$"), "US chapter 99 'No change': the underlying subheading's rate applies"),
)


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

    def take_match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        self._skip_blanks()
        match = pattern.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()
        return match

    def take(self, pattern: re.Pattern[str]) -> str | None:
        match = self.take_match(pattern)
        return None if match is None else match.group()

    def error(self, expected: str, at: int | None = None) -> UnparseableDutyExpression:
        """Build the error for the current position (or `at`): what was expected, what is there."""
        if at is None:
            self._skip_blanks()
            at = self.pos
        rest = self.text[at:]
        found = f"{rest[:20]!r}" if rest else "the end of the text"
        reason = f"expected {expected} at position {at}, found {found}"
        if re.match(r"\d*,\d", rest):
            reason += " (decimal commas are not accepted; amounts use '.')"
        elif rest.startswith("("):
            reason += " (program codes in parentheses belong to a US 'special' column: use parse_us_special)"
        return UnparseableDutyExpression(self.text, reason)


def _normalise(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, NBSP) to one space and trim."""
    return " ".join(text.split())


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))


def _parse_uk_unit(cursor: _Cursor) -> str:
    """A unit follows a "/"; it must be one of KNOWN_UNITS."""
    unit = cursor.take(_UNIT)
    if unit is None:
        raise cursor.error("a known measurement unit")
    return unit


def _ad_valorem(cursor: _Cursor, operator: str, rate: float) -> DutyComponent:
    """After "<rate> %": an optional "/ <unit>" (UK "16.50 % / Retail Price"), an optional US qualifier."""
    unit = _parse_uk_unit(cursor) if cursor.take(_SLASH) is not None else None
    qualifier = cursor.take(_US_AD_VALOREM_QUALIFIER)
    return DutyComponent("ad_valorem", operator, rate, None, None, unit, None, qualifier)


def _us_specific(cursor: _Cursor, operator: str, dollars: Decimal) -> DutyComponent:
    """After a US amount ("2.2¢", "$1.035"): "/<unit>" or "each", then an optional qualifier."""
    if cursor.take(_SLASH) is not None:
        unit = cursor.take(_US_UNIT)
        if unit is None:
            raise cursor.error("a known US unit (" + ", ".join(sorted(US_UNITS)) + ")")
    elif cursor.take(_EACH) is not None:
        unit = US_EACH
    else:
        raise cursor.error("'/<unit>' or 'each' after a US amount")
    cursor.at_end()  # skips the blanks, so that `start` is where a qualifier would begin
    start = cursor.pos
    qualifier = cursor.take(_US_SPECIFIC_QUALIFIER)
    if qualifier == PER_DEGREE_QUALIFIER and operator != "less":
        raise cursor.error("the end of the component (a per-degree amount follows 'less')", at=start)
    return DutyComponent("specific", operator, None, float(dollars), "USD", unit, None, qualifier)


def _parse_component(cursor: _Cursor, operator: str) -> DutyComponent:
    """component := CODE | AMOUNT "%" | AMOUNT CURRENCY ("/" UNIT | TARIC_UNIT) | US_AMOUNT US_PER"""
    code = cursor.take(_CODE)
    if code is not None:
        return DutyComponent("agricultural", operator, None, None, None, None, code)
    if cursor.take(_DOLLAR) is not None:
        number = cursor.take(_NUMBER)
        if number is None:
            raise cursor.error("an amount after '$'")
        return _us_specific(cursor, operator, _decimal(number))
    fraction = cursor.take_match(_FRACTION)
    if fraction is not None:
        whole, numerator, denominator = fraction.groups()
        if int(denominator) == 0:
            raise cursor.error("a fraction with a non-zero denominator", at=fraction.start())
        cursor.take(_PERCENT)  # the lookahead guarantees it
        return _ad_valorem(cursor, operator, float(int(whole) + Fraction(int(numerator), int(denominator))))
    number = cursor.take(_NUMBER)
    if number is None:
        raise cursor.error("an amount or a component code (" + ", ".join(AGRICULTURAL_CODES) + ")")
    value = _decimal(number)
    if cursor.take(_PERCENT) is not None:
        return _ad_valorem(cursor, operator, float(value))
    if cursor.take(_CENT) is not None:
        return _us_specific(cursor, operator, value / 100)
    currency = cursor.take(_CURRENCY)
    if currency is None:
        raise cursor.error(f"'%' or a currency code after the amount {number}")
    if cursor.take(_SLASH) is not None:
        unit = _parse_uk_unit(cursor)
    else:
        unit = cursor.take(_TARIC_UNIT)
        if unit is None:
            raise cursor.error(f"'/ <unit>' after {number} {currency} (or a TARIC unit code such as DTN)")
    return DutyComponent("specific", operator, None, float(value), currency, unit, None)


def _parse_components(cursor: _Cursor) -> list[DutyComponent]:
    """chain (("or" chain)* ", whichever is higher|lower")? where chain := component (OP component)*"""
    components = [_parse_component(cursor, "")]
    alternatives: list[int] = []  # indexes of the components that open an alternative
    in_scale = False  # after "less ... for each degree": "but not less than" may follow
    while not cursor.at_end():
        start = cursor.pos
        whichever = cursor.take(_WHICHEVER)
        if whichever is not None:
            if not alternatives:
                raise cursor.error("an operator; 'whichever is ...' needs an 'or' alternative before it", at=start)
            higher = whichever.rsplit(" ", 1)[-1] in {"higher", "greater"}
            for index in alternatives:
                components[index] = replace(components[index], operator="OR_HIGHER" if higher else "OR_LOWER")
            if not cursor.at_end():
                raise cursor.error("the end of the text after 'whichever is ...'")
            return components
        token = cursor.take(_OPERATOR)
        if token is None:
            raise cursor.error("an operator (+, -, MAX, MIN) or the end of the text")
        if token == "but not less than" and not in_scale:
            raise cursor.error("'less <amount> for each degree ...' before 'but not less than'", at=start)
        operator = {"less": "-", "but not less than": "MIN", "or": "OR"}.get(token, token)
        component = _parse_component(cursor, "less" if token == "less" else operator)
        if token == "less":
            if component.qualifier != PER_DEGREE_QUALIFIER:
                raise cursor.error(f"'{PER_DEGREE_QUALIFIER}' after the amount that follows 'less'")
            component = replace(component, operator="-")
            in_scale = True
        if token == "or":
            alternatives.append(len(components))
        components.append(component)
    if alternatives:
        raise cursor.error("', whichever is higher' (or lower) after the alternatives")
    return components


def _stacked(cursor: _Cursor) -> list[DutyComponent]:
    """After the base words: nothing, or "+ <components>", and an optional final period."""
    base = DutyComponent("base", "", None, None, None, None, BASE_WORDS)
    end = len(cursor.text) - 1 if _FINAL_PERIOD.search(cursor.text) else len(cursor.text)
    stacked = _Cursor(cursor.text[:end])
    stacked.pos = cursor.pos
    try:
        if stacked.at_end():
            return [base]
        if stacked.take(_BASE_PLUS) is None:
            raise stacked.error(f"'+' after '{BASE_WORDS}'")
        added = _parse_components(stacked)
    except UnparseableDutyExpression as exc:  # name the text as published, final period included
        raise UnparseableDutyExpression(cursor.text, exc.reason) from exc
    return [base, replace(added[0], operator="+"), *added[1:]]


def _expression(text: str, components: list[DutyComponent]) -> DutyExpression:
    parts: list[str] = []
    for component in components:
        if component.operator:
            parts.append(component.operator)
        parts.append(KIND_TAGS[component.kind])
    if components and components[0].kind == "base":
        # the headline figures of a stacked duty are those of what it adds (a bare base adds nothing: Free)
        added = [replace(components[1], operator=""), *components[2:]] if components[1:] else [_FREE_COMPONENT]
        return replace(_expression(text, added), structure=" ".join(parts), components=tuple(components))
    purely_ad_valorem = len(components) == 1 and components[0].kind in {"ad_valorem", "free"}
    specific = next((c for c in components if c.kind == "specific"), None)
    return DutyExpression(
        text=text,
        structure=" ".join(parts),
        components=tuple(components),
        ad_valorem_pct=components[0].rate_pct if purely_ad_valorem else None,
        specific_amount=specific.amount if specific else None,
        specific_currency=specific.currency if specific else None,
        specific_unit=specific.unit if specific else None,
    )


def _single_precision(value: float) -> float:
    """The shortest decimal with the same single-precision value: 10.8000001907349 -> 10.8."""
    packed = struct.pack("<f", value)
    for digits in range(1, 10):
        candidate = float(f"{struct.unpack('<f', packed)[0]:.{digits}g}")
        if struct.pack("<f", candidate) == packed:
            return candidate
    return value  # pragma: no cover - 9 significant digits always round-trip a float32


def _wits(text: str, value: float) -> DutyExpression:
    if not value >= 0 or value > 1e6:  # also NaN
        raise UnparseableDutyExpression(text, f"expected a WITS rate (a percentage >= 0), got {text}")
    component = DutyComponent("ad_valorem", "", _single_precision(value), None, None, None, None)
    return _expression(text, [component])


def parse_duty_expression(text: str | float, *, source: str | None = None) -> DutyExpression:
    """Parse one duty expression; raise UnparseableDutyExpression unless all of it is understood.

    An empty (or all-blank) text is valid: non-duty measures publish an empty expression.
    ``source="wits"`` also accepts a bare number (a WITS/TRAINS simple ad valorem rate, published
    as a single-precision float without "%"): it is read as percent, at the shortest decimal with
    the same single-precision value (10.8000001907349 -> 10.8). Elsewhere a bare number is refused.
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; expected one of {SOURCES}")
    if source == "wits" and isinstance(text, int | float) and not isinstance(text, bool):
        return _wits(repr(text), float(text))
    if not isinstance(text, str):
        raise UnparseableDutyExpression(repr(text), f"expected a string, got {type(text).__name__}")
    normalised = _normalise(text)
    if normalised in KNOWN_UNITS:
        # Supplementary unit measures publish just their unit ("p/st"): a quantity, not a duty.
        raise UnparseableDutyExpression(normalised, "a bare measurement unit (supplementary unit), no duty")
    for pattern, what in _PROSE:
        if pattern.match(normalised):
            raise UnparseableDutyExpression(normalised, f"at position 0: {what}; such texts are not guessed")
    if source == "wits" and _WITS_NUMBER.fullmatch(normalised):
        return _wits(normalised, float(normalised))
    cursor = _Cursor(normalised)
    if cursor.at_end():
        return _expression(normalised, [])
    if cursor.take(_BASE) is not None:
        return _expression(normalised, _stacked(cursor))
    if cursor.take(_FREE) is not None:
        if not cursor.at_end():
            raise cursor.error("the end of the text after 'Free'")
        return _expression(normalised, [_FREE_COMPONENT])
    return _expression(normalised, _parse_components(cursor))


_PROGRAM = r"[A-Z]{1,2}[+*]?"
_SPECIAL_GROUP = re.compile(rf" ?(?P<rate>[^()]+?) ?\((?P<programs>{_PROGRAM}(?: ?, ?{_PROGRAM})*)\)")


def parse_us_special(text: str) -> tuple[SpecialRate, ...]:
    """Split a US HTS "special" column into its groups, each parsed: ``rate (PROGRAM,...)`` ...

    ``"Free (A+,AU,BH) 10.5¢/pf. liter (JO) See 9822.04.25 (AU)"`` gives three groups; a
    "See ..." group keeps its reference instead of a rate. An empty column gives no group. Raises
    UnparseableDutyExpression (for the whole column) if any part is not understood.
    """
    normalised = _normalise(text)
    groups: list[SpecialRate] = []
    pos = 0
    while pos < len(normalised):
        match = _SPECIAL_GROUP.match(normalised, pos)
        if match is None:
            found = repr(normalised[pos : pos + 20])
            raise UnparseableDutyExpression(
                normalised, f"expected '<rate> (<program codes>)' at position {pos}, found {found}"
            )
        programs = tuple(code.strip() for code in match["programs"].split(","))
        rate = match["rate"]
        if rate.startswith("See "):
            groups.append(SpecialRate(programs, None, rate))
        else:
            try:
                expression = parse_duty_expression(rate)
            except UnparseableDutyExpression as exc:
                reason = f"in the rate for ({','.join(programs)}) at position {match.start('rate')}: {exc.reason}"
                raise UnparseableDutyExpression(normalised, reason) from exc
            groups.append(SpecialRate(programs, expression, None))
        pos = match.end()
    return tuple(groups)
