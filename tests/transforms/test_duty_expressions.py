"""Tests for transforms.duty_expressions.

The table cases in duty_expressions_cases.csv are real published expressions; the `evidence`
column says where each one was seen. Property tests cover the grammar beyond those examples;
they keep no example database, so each run draws afresh instead of depending on local state.
"""

from __future__ import annotations

import csv
import json
import math
import string
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import duty_expressions as de
from transforms.duty_expressions import (
    KNOWN_UNITS,
    DutyComponent,
    DutyExpression,
    UnparseableDutyExpression,
    parse_distinct,
    parse_duty_expression,
    to_arrow,
)

HERE = Path(__file__).resolve().parent
CASES_CSV = HERE / "duty_expressions_cases.csv"
SAMPLES_DIR = HERE.parents[2] / "shared" / "samples" / "uk_trade_tariff"


def _load_cases() -> list[dict[str, str]]:
    with CASES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float_or_none(value: str) -> float | None:
    return float(value) if value != "" else None


def _str_or_none(value: str) -> str | None:
    return value if value != "" else None


CASES = _load_cases()


# --- real expressions ------------------------------------------------------------------------


def test_case_table_is_big_enough_and_sourced() -> None:
    assert len(CASES) >= 25
    assert all(row["evidence"].strip() for row in CASES)
    assert len({row["text"] for row in CASES}) == len(CASES), "duplicate case"


@pytest.mark.parametrize("row", CASES, ids=lambda row: row["text"] or "<empty>")
def test_real_expression(row: dict[str, str]) -> None:
    parsed = parse_duty_expression(row["text"])

    assert parsed.text == row["text"]
    assert parsed.structure == row["structure"]
    assert parsed.ad_valorem_pct == _float_or_none(row["ad_valorem_pct"])
    assert parsed.specific_amount == _float_or_none(row["specific_amount"])
    assert parsed.specific_currency == _str_or_none(row["specific_currency"])
    assert parsed.specific_unit == _str_or_none(row["specific_unit"])
    tags = [part for part in row["structure"].split() if part in {"AV", "SP", "AG"}]
    assert len(parsed.components) == len(tags)


def test_compound_with_agricultural_components() -> None:
    parsed = parse_duty_expression("9.00 % + EA MAX 24.20 % +ADSZ")
    assert parsed.components == (
        DutyComponent("ad_valorem", "", 9.0, None, None, None, None),
        DutyComponent("agricultural", "+", None, None, None, None, "EA"),
        DutyComponent("ad_valorem", "MAX", 24.2, None, None, None, None),
        DutyComponent("agricultural", "+", None, None, None, None, "ADSZ"),
    )


def test_tobacco_excise_with_unit_on_ad_valorem_and_min() -> None:
    parsed = parse_duty_expression(
        "16.50 % / Retail Price + 244.78 GBP / 1000 p/st MIN 320.90 GBP / 1000 p/st"
    )
    assert parsed.components == (
        DutyComponent("ad_valorem", "", 16.5, None, None, "Retail Price", None),
        DutyComponent("specific", "+", None, 244.78, "GBP", "1000 p/st", None),
        DutyComponent("specific", "MIN", None, 320.9, "GBP", "1000 p/st", None),
    )


def test_units_with_qualifiers_are_matched_whole() -> None:
    # "100 kg" is a prefix of "100 kg/net mas" and "100 kg common wheat": the longest must win.
    assert parse_duty_expression("7.80 GBP / 100 kg/net mas").specific_unit == "100 kg/net mas"
    assert parse_duty_expression("1.00 GBP / 100 kg common wheat").specific_unit == "100 kg common wheat"
    assert parse_duty_expression("4.00 % + 7.80 GBP / kg/net eda").specific_unit == "kg/net eda"


def test_minus_operator_and_nihil() -> None:
    # No real UK sample of these was found; the grammar takes them from TARIC's expression list.
    parsed = parse_duty_expression("42.90 EUR / 100 kg - 30.00 %")
    assert parsed.structure == "SP - AV"
    assert parsed.components[1] == DutyComponent("ad_valorem", "-", 30.0, None, None, None, None)
    nihil = parse_duty_expression("NIHIL")
    assert nihil.structure == "AG"
    assert nihil.components[0].code == "NIHIL"


@pytest.mark.parametrize("text", ["", " ", "\t\n  "])
def test_empty_expression_is_not_an_error(text: str) -> None:
    assert parse_duty_expression(text) == DutyExpression("", "", (), None, None, None, None)


def _sample_duty_objects() -> tuple[dict[str, str], dict[str, list[dict]]]:
    """duty_expression bases and measure_component attributes from the API samples, by measure id."""
    bases: dict[str, str] = {}
    components: dict[str, list[dict]] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            attributes = node.get("attributes")
            if node.get("type") == "duty_expression" and attributes:
                bases[node["id"].removesuffix("-duty_expression")] = attributes["base"]
            if node.get("type") == "measure_component" and attributes:
                measure_id = node["id"].rsplit("-", 1)[0]
                components.setdefault(measure_id, []).append(attributes)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(SAMPLES_DIR.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return bases, components


@pytest.mark.skipif(not SAMPLES_DIR.is_dir(), reason="shared/samples not present")
def test_every_sample_base_parses_and_matches_its_components() -> None:
    bases, components = _sample_duty_objects()
    assert bases, "no duty expressions found in the samples"
    checked = 0
    for measure_id, base in bases.items():
        if base == "p/st":  # supplementary unit measure: no duty to parse
            with pytest.raises(UnparseableDutyExpression):
                parse_duty_expression(base)
            continue
        parsed = parse_duty_expression(base)
        published = components.get(measure_id)
        if published is None:  # the sample did not include this measure's components
            continue
        for attributes, component in zip(published, parsed.components, strict=True):
            checked += 1
            assert attributes["duty_expression_id"] == "01"
            expected_currency = attributes["monetary_unit_code"]
            if expected_currency is None:
                assert component.rate_pct == pytest.approx(attributes["duty_amount"])
            else:
                assert component.amount == pytest.approx(attributes["duty_amount"])
                assert component.currency == expected_currency
    assert checked > 0


# --- failures --------------------------------------------------------------------------------

FAILURES = [
    ("p/st", "supplementary unit"),
    ("abc", "expected an amount or a component code"),
    ("12 %%", "expected an operator (+, -, MAX, MIN) or the end of the text at position 4, found '%'"),
    ("12.5", "expected '%' or a currency code after the amount 12.5 at position 4, found the end"),
    ("1,5 %", "decimal commas are not accepted"),
    ("12 GBP", "expected '/ <unit>' after 12 GBP"),
    ("12 GBP / banana", "expected a known measurement unit at position 9, found 'banana'"),
    ("12 GBP / kg/xyz", "expected a known measurement unit"),
    ("12 % +", "found the end of the text"),
    ("+ 12 %", "at position 0"),
    ("MAX 5 %", "at position 0"),
    ("12 % 5 %", "expected an operator"),
    ("12 max 5 %", "expected '%' or a currency code after the amount 12 at position 3"),
    ("12 MAX 5 %", "expected '%' or a currency code"),
    ("12.5.3 %", "expected an amount"),
    ("£34.00 / 100 kg", "found '£34.00 / 100 kg'"),  # the API's verbose_duty, not base
    ("30.900 EUR DTN", "expected '/ <unit>' after 30.900 EUR"),  # TARIC's own print, not the UK API's
    ("0.00 % + EAX", "expected an amount or a component code"),
    (
        "24.77 GBP / % vol/hl - £1.00 / for each litre of pure alcohol, multiplied by the SPR discount",
        "at position 23",
    ),
]


@pytest.mark.parametrize(("text", "fragment"), FAILURES, ids=[text for text, _ in FAILURES])
def test_unparseable(text: str, fragment: str) -> None:
    with pytest.raises(UnparseableDutyExpression) as caught:
        parse_duty_expression(text)
    message = str(caught.value)
    assert repr(text) in message
    assert fragment in message
    assert caught.value.text == text
    assert caught.value.reason in message


def test_unparseable_is_a_value_error() -> None:
    assert issubclass(UnparseableDutyExpression, ValueError)


def test_non_string_is_unparseable() -> None:
    with pytest.raises(UnparseableDutyExpression, match="expected a string, got int"):
        parse_duty_expression(12)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------


@st.composite
def amounts(draw: st.DrawFn) -> str:
    """Amounts as the backend prints them: digits with 0-4 decimals, no thousands separator."""
    places = draw(st.integers(min_value=0, max_value=4))
    digits = str(draw(st.integers(min_value=0, max_value=10**7))).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}" if places else digits


currencies = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3).filter(
    lambda code: code not in {"MAX", "MIN"}
)
units = st.sampled_from(sorted(KNOWN_UNITS))
operators = st.sampled_from(["+", "-", "MAX", "MIN"])


@st.composite
def components(draw: st.DrawFn, operator: str) -> tuple[str, DutyComponent]:
    """One component rendered as published, with the component it must parse back to."""
    kind = draw(st.sampled_from(["ad_valorem", "specific", "agricultural"]))
    prefix = f"{operator} " if operator else ""
    if kind == "agricultural":
        code = draw(st.sampled_from(de.AGRICULTURAL_CODES))
        glued = operator == "+" and draw(st.booleans())  # the API prints "+ADSZ"
        text = f"+{code}" if glued else prefix + code
        return text, DutyComponent(kind, operator, None, None, None, None, code)
    amount = draw(amounts())
    if kind == "ad_valorem":
        unit = draw(st.none() | units)
        text = prefix + amount + draw(st.sampled_from([" %", "%"])) + (f" / {unit}" if unit else "")
        return text, DutyComponent(kind, operator, float(amount), None, None, unit, None)
    currency, unit = draw(currencies), draw(units)
    text = f"{prefix}{amount} {currency} / {unit}"
    return text, DutyComponent(kind, operator, None, float(amount), currency, unit, None)


@st.composite
def expressions(draw: st.DrawFn) -> tuple[str, tuple[DutyComponent, ...]]:
    ops = ["", *draw(st.lists(operators, max_size=5))]
    rendered = [draw(components(op)) for op in ops]
    return " ".join(text for text, _ in rendered), tuple(component for _, component in rendered)


@settings(max_examples=300, database=None)
@given(expressions())
def test_well_formed_expressions_round_trip(case: tuple[str, tuple[DutyComponent, ...]]) -> None:
    text, expected = case
    parsed = parse_duty_expression(text)
    assert parsed.components == expected
    first_av = next((c for c in expected if c.kind == "ad_valorem"), None)
    first_sp = next((c for c in expected if c.kind == "specific"), None)
    assert parsed.ad_valorem_pct == (first_av.rate_pct if first_av else None)
    assert parsed.specific_amount == (first_sp.amount if first_sp else None)
    assert parsed.specific_unit == (first_sp.unit if first_sp else None)
    assert parsed.structure.count(" ") == 2 * (len(expected) - 1)


blank_runs = st.text(alphabet=" \t\n\r\u00a0", min_size=1, max_size=4)
real_texts = st.sampled_from([row["text"] for row in CASES])


@settings(database=None)
@given(st.one_of(real_texts, expressions().map(lambda case: case[0])), st.data())
def test_parsing_is_whitespace_insensitive(text: str, data: st.DataObject) -> None:
    pieces = text.split(" ")
    noisy = data.draw(blank_runs | st.just(""))
    for piece in pieces:
        noisy += piece + data.draw(blank_runs)
    assert parse_duty_expression(noisy) == parse_duty_expression(text)


any_value = st.one_of(
    st.none(),
    st.just(math.nan),
    st.just(pd.NA),
    st.integers(),
    st.text(max_size=30),
    real_texts,
    expressions().map(lambda case: case[0]),
    st.sampled_from([text for text, _ in FAILURES]),
)


@settings(max_examples=200, database=None)
@given(st.lists(any_value, max_size=30))
def test_parse_distinct_parses_each_distinct_text_once_and_never_raises(values: list[object]) -> None:
    with mock.patch.object(de, "parse_duty_expression", wraps=de.parse_duty_expression) as spy:
        parsed, failures = parse_distinct(values)

    non_null = [
        v for v in values if not (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)))
    ]
    distinct = {" ".join(v.split()) if isinstance(v, str) else repr(v) for v in non_null}
    assert spy.call_count == len(distinct)
    assert {p.text for p in parsed} | set(failures) == distinct
    assert not {p.text for p in parsed} & set(failures)
    assert len(parsed) == len({p.text for p in parsed})
    assert all(isinstance(reason, str) and reason for reason in failures.values())


@settings(database=None)
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_unparseable(text: str) -> None:
    try:
        parsed = parse_duty_expression(text)
    except UnparseableDutyExpression:
        return
    assert parsed.text == " ".join(text.split())


def test_parse_distinct_reports_reasons_by_normalised_text() -> None:
    parsed, failures = parse_distinct(["6.00 %", " 6.00  % ", None, "p/st", "", "12.5", math.nan])
    assert [p.text for p in parsed] == ["6.00 %", ""]
    assert set(failures) == {"p/st", "12.5"}
    assert "currency code" in failures["12.5"]


# --- Arrow -----------------------------------------------------------------------------------


def test_to_arrow_column_types_and_values() -> None:
    parsed, _ = parse_distinct(row["text"] for row in CASES)
    table = to_arrow(parsed)

    assert table.schema == pa.schema(
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
    assert table.num_rows == len(CASES)
    rows = {row["duty_text"]: row for row in table.to_pylist()}
    compound = rows["6.00 % + 25.00 GBP / 100 kg MAX 6.00 %"]
    assert compound["duty_structure"] == "AV + SP MAX AV"
    assert compound["ad_valorem_pct"] == 6.0
    assert compound["specific_amount"] == 25.0
    assert json.loads(compound["components_json"])[1] == {
        "kind": "specific",
        "operator": "+",
        "rate_pct": None,
        "amount": 25.0,
        "currency": "GBP",
        "unit": "100 kg",
        "code": None,
    }
    assert json.loads(rows[""]["components_json"]) == []
    assert json.loads(rows["0.30 GBP / 100 kg/net/%sacchar."]["components_json"])[0]["unit"] == (
        "100 kg/net/%sacchar."
    )


def test_to_arrow_of_nothing_keeps_the_schema() -> None:
    table = to_arrow([])
    assert table.num_rows == 0
    assert table.schema.field("ad_valorem_pct").type == pa.float64()
    assert table.schema.field("components_json").type == pa.string()
