"""marts.tariff_rates and marts.tariff_lookup(...): given staged rows, loaded as a run loads them, the
exporter's question gets the expected answer (general rate, preferences open to the origin, best rate,
margin, the rate in force on a date)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import commodity, measure, partner_group
from tradepoint.pipeline import merge_batch
from warehouse.publish import define_marts

MFN = measure(measure_sid="1", duty_text="6.00 %")
GSP = measure(measure_sid="2", measure_type="142", partner="2005", partner_name="GSP – Least Developed Countries",
              duty_text="0.00 %")
CANADA = measure(measure_sid="3", measure_type="142", partner="CA", partner_name="Canada", duty_text="2.00 %")
CANADA_QUOTA = measure(measure_sid="4", measure_type="143", partner="CA", partner_name="Canada",
                       duty_text="0.00 %", order_number="051234")


def load(con, stage_batch, items, run_id: str, source: str = "uk_trade_tariff") -> None:
    stage_batch(con, items, source)
    batch = f"staging.int_{source}__tariff_rows"
    merge_batch(con, source, run_id, batch=batch, seen=batch)
    define_marts(con)


def lookup(con, hs_code: str, origin: str, on: str = "2026-11-28", market: str = "gb") -> list[dict]:
    cursor = con.execute("select * from marts.tariff_lookup($market, $code, $origin, $on)",
                         {"market": market, "code": hs_code, "origin": origin, "on": on})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def loaded(work, stage_batch):
    load(work, stage_batch, [commodity(), partner_group(), MFN, GSP, CANADA, CANADA_QUOTA], "r1")
    return work


def test_a_group_preference_reaches_its_members(loaded) -> None:
    [row] = lookup(loaded, "1006", "bd")
    assert (row["market"], row["national_code"], row["origin"], row["on_date"]) == (
        "GB", "1006101000", "BD", date(2026, 11, 28))
    assert (row["general_regime"], row["general_duty"], row["general_pct"]) == ("mfn", "6.00 %", 6.0)
    assert [(p["partner"], p["agreement"], p["duty_text"]) for p in row["preferences"]] == [
        ("2005", "GSP – Least Developed Countries", "0.00 %")]
    assert (row["best_regime"], row["best_agreement"], row["best_pct"], row["margin_of_preference_pct"]) == (
        "preferential", "GSP – Least Developed Countries", 0.0, 6.0)


def test_quota_rates_are_listed_but_not_the_best(loaded) -> None:
    [row] = lookup(loaded, "10", "CA")
    assert sorted((p["regime"], p["duty_text"], p["order_number"]) for p in row["preferences"]) == [
        ("preferential", "2.00 %", None), ("preferential_quota", "0.00 %", "051234")]
    assert (row["best_duty"], row["best_pct"], row["margin_of_preference_pct"]) == ("2.00 %", 2.0, 4.0)


def test_an_origin_without_preferences_gets_the_general_rate(loaded) -> None:
    [row] = lookup(loaded, "1006.10.10.00", "JP")
    assert row["preferences"] == [] and row["best_regime"] == "mfn"
    assert (row["best_pct"], row["margin_of_preference_pct"]) == (6.0, 0.0)


@pytest.mark.parametrize("code", ["10", "1006", "100610", "10061010", "1006101000", "1006.10"])
def test_any_hs_level_finds_the_line(loaded, code: str) -> None:
    assert [row["national_code"] for row in lookup(loaded, code, "BD")] == ["1006101000"]


def test_other_codes_and_markets_find_nothing(loaded) -> None:
    assert lookup(loaded, "1007", "BD") == []
    assert loaded.execute("select count(*) from marts.tariff_lookup('US', '1006', 'BD', current_date)"
                          ).fetchone() == (0,)


def test_an_excluded_country_does_not_get_the_group_rate(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), partner_group(), MFN, GSP | {"excluded_partners": ["KH"]}], "r1")
    assert lookup(work, "1006", "BD")[0]["best_pct"] == 0.0
    assert lookup(work, "1006", "KH")[0]["preferences"] == []


def test_the_rate_in_force_on_a_date(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), MFN], "r1")
    load(work, stage_batch, [commodity(), MFN | {"duty_text": "4.00 %", "valid_from": "2026-07-01"}], "r2")
    assert [r["general_duty"] for r in lookup(work, "1006", "JP", "2026-03-01")] == ["6.00 %"]
    assert [r["general_duty"] for r in lookup(work, "1006", "JP", "2026-08-01")] == ["4.00 %"]
    assert lookup(work, "1006", "JP", "2020-12-31") == []  # before the first rate's valid_from
    history = work.execute("select duty_text, in_force_from, in_force_to, is_current from marts.tariff_rates "
                           "order by in_force_from").fetchall()
    assert history == [("6.00 %", date(2021, 1, 1), date(2026, 6, 30), False),
                       ("4.00 %", date(2026, 7, 1), None, True)]


def test_a_group_without_published_members_is_shown_not_expanded(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), MFN, GSP], "r1")  # no partner_group item for 2005
    rows = work.execute("select partner, origin from marts.tariff_rates order by partner").fetchall()
    assert rows == [("1011", "*"), ("2005", None)]
    assert lookup(work, "1006", "BD")[0]["preferences"] == []


def test_a_rate_the_source_stopped_listing_ends_the_day_before(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), MFN, GSP], "r1")
    load(work, stage_batch, [commodity(), MFN], "r2")  # the line was crawled again, without the GSP rate
    today = work.execute("select current_date").fetchone()[0]
    [(in_force_to, is_current)] = work.execute(
        "select distinct in_force_to, is_current from marts.tariff_rates where partner = '2005'").fetchall()
    assert (in_force_to, is_current) == (today - timedelta(days=1), False)
    assert lookup(work, "1006", "BD", str(today))[0]["preferences"] == []


def test_a_country_leaving_a_group_loses_its_rate_from_the_crawl_that_saw_it(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), MFN, GSP, partner_group(fetched_at="2026-11-01T06:00:00+00:00")], "r1")
    load(work, stage_batch, [commodity(), MFN, GSP, partner_group(fetched_at="2026-11-02T06:00:00+00:00")], "r2")
    load(work, stage_batch, [commodity(), MFN, GSP,  # Bangladesh graduates: the group is published without it
                             partner_group(members=["KH"], fetched_at="2026-11-20T06:00:00+00:00")], "r3")
    versions = work.execute("select member_countries, members_from, members_to, loaded_run_id, superseded_run_id "
                            "from core.partner_group_memberships order by loaded_run_id").fetchall()
    assert versions == [(["BD", "KH"], None, date(2026, 11, 19), "r1", "r3"),  # r2 saw the same: no version
                        (["KH"], date(2026, 11, 20), None, "r3", None)]

    def gsp(origin: str, on: str) -> list[str]:
        return [p["partner"] for p in lookup(work, "1006", origin, on)[0]["preferences"]]

    assert gsp("BD", "2026-11-19") == ["2005"] and gsp("BD", "2026-11-20") == []
    assert gsp("BD", "2024-05-01") == ["2005"]  # the first version holds since before it was seen
    assert gsp("KH", "2026-11-19") == ["2005"] and gsp("KH", "2026-11-28") == ["2005"]
    rows = work.execute("select origin, in_force_from, in_force_to from marts.tariff_rates where partner = '2005' "
                        "order by origin, in_force_from").fetchall()
    assert rows == [("BD", date(2021, 1, 1), date(2026, 11, 19)), ("KH", date(2021, 1, 1), date(2026, 11, 19)),
                    ("KH", date(2026, 11, 20), None)]


US_LINE = {"source": "usitc_hts", "reporter": "US", "national_code": "0407110000", "valid_from": "2026-02-25"}


def test_us_chapter99_duty_reaches_the_origin_its_line_names_with_what_it_adds(work, stage_batch) -> None:
    line = commodity(**{k: v for k, v in US_LINE.items() if k != "valid_from"}, goods_nomenclature_sid="0407.11.00.00",
                     parent_sid="0407", units=["doz."])
    general = measure(**US_LINE, measure_sid="0407.11.00.00:general:ALL", measure_type="general", partner="ALL",
                      partner_name="Column 1 general (normal trade relations)", duty_text="2.8¢/doz.")
    section301 = measure(**US_LINE, measure_sid="0407.11.00.00:additional:ALL:9903.88.15", measure_type="additional",
                         partner="CN", partner_name="China", additional_code="9903.88.15",
                         duty_text="The duty provided in the applicable subheading + 7.5%")
    load(work, stage_batch, [line, general, section301], "r1", source="usitc_hts")
    [china] = lookup(work, "0407", "CN", market="us")
    assert (china["general_duty"], china["units"]) == ("2.8¢/doz.", ["doz."])
    assert [(d["partner"], d["duty_structure"], d["ad_valorem_pct"], d["additional_code"])
            for d in china["additional_duties"]] == [("CN", "BASE + AV", 7.5, "9903.88.15")]
    assert china["best_duty"] == "2.8¢/doz."  # an additional duty is on top of the rate, never the best
    [japan] = lookup(work, "0407", "JP", market="us")
    assert japan["additional_duties"] == [] and japan["units"] == ["doz."]


PROOF = {"condition_code": "Q", "condition": "Q: Presentation of an endorsed certificate/licence",
         "document_code": "U088", "requirement": "Proofs of origin: Origin declaration stating European Union origin",
         "action": "Apply the mentioned duty", "duty_expression": None}


def test_a_preference_lists_the_proof_of_origin_it_requires(work, stage_batch) -> None:
    load(work, stage_batch, [commodity(), MFN, CANADA | {"conditions": [PROOF]}], "r1")
    [row] = lookup(work, "1006", "CA")
    assert [(p["partner"], p["conditions"]) for p in row["preferences"]] == [("CA", [PROOF])]
    assert lookup(work, "1006", "JP")[0]["preferences"] == []
    # another requirement is another version of the measure (the old one closed, never overwritten)
    load(work, stage_batch, [commodity(), MFN, CANADA | {"conditions": [PROOF | {"document_code": "U090"}]}], "r2")
    versions = work.execute("select [c.document_code for c in conditions], superseded_run_id from core.tariff_measures "
                            "where partner = 'CA' order by loaded_run_id").fetchall()
    assert versions == [(["U088"], "r2"), (["U090"], None)]
    assert [p["conditions"][0]["document_code"] for p in lookup(work, "1006", "CA")[0]["preferences"]] == ["U090"]


def test_a_work_database_from_before_in_force_to_gets_it_for_its_closed_versions(tmp_path, stage_batch) -> None:
    from warehouse.database import connect_work

    path = tmp_path / "old.duckdb"
    con = connect_work(path)
    load(con, stage_batch, [commodity(), MFN], "r1")
    load(con, stage_batch, [commodity(), MFN | {"duty_text": "4.00 %", "valid_from": "2026-07-01"}], "r2")
    expected = con.execute("select duty_text, in_force_to from core.tariff_measures order by duty_text").fetchall()
    con.execute("alter table core.tariff_measures drop column in_force_to")  # as created before the column
    con.close()
    con = connect_work(path)
    try:
        assert con.execute("select duty_text, in_force_to from core.tariff_measures order by duty_text"
                           ).fetchall() == expected == [("4.00 %", None), ("6.00 %", date(2026, 6, 30))]
    finally:
        con.close()
