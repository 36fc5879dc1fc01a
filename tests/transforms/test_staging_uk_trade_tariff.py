"""Staging models of uk_trade_tariff: given landing rows → expected staged rows (in-memory DuckDB)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import commodity, measure
from tradepoint.offline_parse import write_landing
from tradepoint.pipeline import stage_into
from warehouse.database import connect_work

BATCH = "staging.int_uk_trade_tariff__tariff_rows"
LINES = "staging.stg_uk_trade_tariff__commodities"
PINNED_HASH = 14419097506829738511  # DuckDB 1.5.6


def staged(tmp_path: Path, items: list[dict[str, Any]], table: str = BATCH) -> list[dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    write_landing(items, tmp_path)
    with connect_work(":memory:") as con:
        stage_into(con, "uk_trade_tariff", str(tmp_path))
        cursor = con.execute(f"select * from {table} order by row_id")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.parametrize(("measure_type", "regime"), [
    ("103", "mfn"), ("105", "mfn"), ("142", "preferential"), ("143", "preferential_quota"),
    ("122", "other"), ("305", "other")])
def test_measure_type_maps_to_regime(tmp_path: Path, measure_type: str, regime: str) -> None:
    [row] = staged(tmp_path, [commodity(), measure(measure_type=measure_type)])
    assert row["regime"] == regime


def test_typed_row_with_parsed_compound_duty(tmp_path: Path) -> None:
    [row] = staged(tmp_path, [commodity(), measure(
        duty_text="12.00 % + 94.00 GBP / 1000 kg", partner="SG", partner_name="Singapore", measure_type="142",
        valid_to="2026-12-31T23:59:59.000Z")])
    assert row["hs6"] == "100610"
    assert row["commodity_found"] is True
    assert (row["partner"], row["partner_type"]) == ("SG", "country")
    assert (row["duty_structure"], row["ad_valorem_pct"], row["specific_amount"], row["specific_currency"],
            row["specific_unit"]) == ("AV + SP", None, 94.0, "GBP", "1000 kg")
    assert str(row["valid_from"]) == "2021-01-01" and str(row["valid_to"]) == "2026-12-31"
    assert row["duty_parse_error"] is None and row["date_error"] is False


@pytest.mark.parametrize(("partner", "kind"), [("1011", "all"), ("2005", "group"), ("FR", "country"), ("XC", "other")])
def test_partner_types(tmp_path: Path, partner: str, kind: str) -> None:
    [row] = staged(tmp_path, [commodity(), measure(partner=partner)])
    assert row["partner_type"] == kind


def test_bad_values_are_flagged_not_guessed(tmp_path: Path) -> None:
    rows = staged(tmp_path, [commodity(), measure(measure_sid="1", duty_text="12 bananas"),
                             measure(measure_sid="2", valid_to="31/12/2026"),
                             measure(measure_sid="3", national_code="9999999999")])
    by_sid = {row["measure_sid"]: row for row in rows}
    assert isinstance(by_sid["1"]["duty_parse_error"], str) and by_sid["1"]["duty_parse_error"]
    assert by_sid["2"]["date_error"] is True and by_sid["2"]["valid_to"] is None
    assert by_sid["3"]["commodity_found"] is False


def test_line_seen_in_heading_tree_and_commodity_document_is_one_row(tmp_path: Path) -> None:
    lines = staged(tmp_path, [commodity(declarable=None, description="For sowing (tree)"), commodity(),
                              measure()], table=LINES)
    assert [(line["national_code"], line["description"], line["declarable"]) for line in lines] == [
        ("1006101000", "For sowing", True)]


def test_row_hash_ignores_fetch_metadata(tmp_path: Path) -> None:
    first = staged(tmp_path / "a", [commodity(), measure()])[0]["row_hash"]
    again = staged(tmp_path / "b", [commodity(fetched_at="2027-01-01T00:00:00+00:00"),
                                    measure(fetched_at="2027-01-01T00:00:00+00:00", content_hash="f" * 64)])
    changed = staged(tmp_path / "c", [commodity(), measure(duty_text="7.00 %")])
    assert again[0]["row_hash"] == first
    assert changed[0]["row_hash"] != first


def test_line_hash_ignores_fetch_metadata_and_follows_the_description(tmp_path: Path) -> None:
    first = staged(tmp_path / "a", [commodity(), measure()], table=LINES)[0]["row_hash"]
    again = staged(tmp_path / "b", [commodity(fetched_at="2027-01-01T00:00:00+00:00"), measure()],
                   table=LINES)
    renamed = staged(tmp_path / "c", [commodity(description="For sowing, husked"), measure()], table=LINES)
    assert again[0]["row_hash"] == first
    assert renamed[0]["row_hash"] != first


def test_row_hash_function_is_stable() -> None:
    """The row hash is DuckDB's 64-bit hash(): fast, but DuckDB's own. This pins its value on a fixed
    row, so a DuckDB upgrade that changes it fails here instead of re-versioning every core row on
    the next load (see docs/performance.md)."""
    with connect_work(":memory:") as con:
        value = con.execute("select hash('GB', '1006101000', '80', 12.5, date '2021-01-01', ['a', 'b'], null)"
                            ).fetchone()[0]
    assert value == PINNED_HASH


def test_staged_measures_keep_the_landing_order(tmp_path: Path) -> None:
    """Staging reads the code maps, countries and published groups as constants, not through joins: a join
    lets DuckDB write rows in another order (here: rows whose partner matched no country moved within each
    vector), and the crawl order is what keeps core's row groups, and the lookup's scans, narrow."""
    partners = ["1011", "FR", "2005", "XC", "CN"]
    items = [commodity()] + [measure(measure_sid=str(n), partner=partners[n % len(partners)]) for n in range(4_096)]
    landing = tmp_path / "landing"
    landing.mkdir()
    write_landing(items, landing)
    con = connect_work(tmp_path / "work.duckdb")
    try:
        stage_into(con, "uk_trade_tariff", str(landing))
        staged_order = [row[0] for row in con.execute(
            "select measure_sid from staging.stg_uk_trade_tariff__measures order by rowid").fetchall()]
    finally:
        con.close()
    assert staged_order == [str(n) for n in range(4_096)]
