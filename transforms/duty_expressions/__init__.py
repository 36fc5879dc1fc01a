"""Parse customs duty expressions of the UK/XI, EU TARIC and US HTS tariffs and WITS rates.

One parser, :func:`parse_duty_expression`, reads every form these sources publish; the grammar,
each form with a real example, and the representation choices are in docs/duty_expressions.md.

* UK Trade Tariff API v2 (GB, and XI where EU duties in EUR apply): ``"6.00 %"``,
  ``"223.00 GBP / 1000 kg"``, ``"9.10 % + 45.10 EUR / 100 kg MAX 18.90 % + 16.50 EUR / 100 kg"``,
  ``"9.00 % + EA MAX 24.20 % +ADSZ"``: parsed exactly as before.
* EU TARIC extracts: ``"10.200 % + 93.100 EUR DTN"``, ``"0.075 EUR ASV X"`` (unit codes without "/").
* US HTS ``general``/``special``/``other`` columns: ``"Free"``, ``"6.8%"``, ``"33 1/3%"``,
  ``"2.2¢/kg"``, ``"$1.32/pf. liter"``, ``"0.9¢ each + 15.8%"``, ``"3.7¢/kg on drained weight"``,
  the sugar scale ``"1.4606¢/kg less 0.020668¢/kg for each degree under 100 degrees ... but not less
  than 0.943854¢/kg"``; a special column splits into its groups with :func:`parse_us_special`.
* WITS/TRAINS simple ad valorem rates (bare numbers): ``parse_duty_expression(6.8, source="wits")``.

Representation: US amounts are in dollars with currency "USD" (``2.2¢/kg`` -> amount 0.022, the
published text stays in ``text``); ``Free`` is one component of kind "free" (structure "FREE",
``ad_valorem_pct`` 0.0); "X or Y, whichever is higher" joins the alternatives with operator
"OR_HIGHER" ("... lower" with "OR_LOWER"). ``ad_valorem_pct`` is set only when the expression is
purely ad valorem (one ad valorem component, or Free); ``specific_*`` come from the first
specific component.

The parser is deliberately strict: a text it does not fully understand raises
:class:`UnparseableDutyExpression` naming the position and the reason, never a partial result;
prose rates ("The rate applicable to ...", "Cond: ...") are refused with their own reason. Units
are closed lists (:mod:`transforms.duty_expressions.units`). :func:`duty_amount` evaluates an
expression for a consignment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

import pandas as pd
import pyarrow as pa

from .amount import DutyAmountError, duty_amount, in_currency
from .model import DutyComponent, DutyExpression, SpecialRate, UnparseableDutyExpression
from .parser import SOURCES, _normalise, parse_duty_expression, parse_us_special
from .units import AGRICULTURAL_CODES, KNOWN_UNITS, TARIC_UNIT_CODES, US_UNITS

__all__ = [
    "AGRICULTURAL_CODES",
    "ARROW_SCHEMA",
    "KNOWN_UNITS",
    "SOURCES",
    "TARIC_UNIT_CODES",
    "US_UNITS",
    "DutyAmountError",
    "DutyComponent",
    "DutyExpression",
    "SpecialRate",
    "UnparseableDutyExpression",
    "duty_amount",
    "in_currency",
    "parse_distinct",
    "parse_duty_expression",
    "parse_us_special",
    "to_arrow",
]


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


def parse_distinct(
    texts: Iterable[str | float | None], *, source: str | None = None
) -> tuple[list[DutyExpression], dict[str, str]]:
    """Parse each distinct non-null text once; never raise for a bad text.

    A tariff has hundreds of thousands of measures but only a few thousand distinct duty
    strings, so parsing the distinct ones and joining back on ``duty_text`` is far cheaper.
    Texts are made distinct after whitespace normalisation (the form kept in
    ``DutyExpression.text``), so the result joins without duplicate keys. Returns the parsed
    expressions in first-seen order and ``{normalised text: reason}`` for the failures.
    ``source`` is passed on to :func:`parse_duty_expression` ("wits" for WITS rates).
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
            parsed.append(parse_duty_expression(value, source=source))  # type: ignore[arg-type]
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
        "components_json": [json.dumps([asdict(c) for c in e.components], ensure_ascii=False) for e in parsed],
    }
    return pa.Table.from_pydict(columns, schema=ARROW_SCHEMA)
