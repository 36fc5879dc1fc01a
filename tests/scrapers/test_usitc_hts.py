"""The USITC HTS spider on the official per-revision JSON (first rows, verbatim) and on the recorded
exports (real rows, see scrapers/recorded/usitc_hts/README.md); then its staging models."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem
from scrapers.middlewares import recorded_index
from scrapers.spiders.usitc_hts import UsitcHtsSpider, export_range, export_url
from tests.factories import commodity, measure, stage_rows

REPO = Path(__file__).resolve().parents[2]
RECORDED = REPO / "scrapers" / "recorded" / "usitc_hts"
OFFICIAL_HEAD = Path(__file__).parent / "samples" / "usitc_hts" / "hts_2026_revision_5_json_head.json"
OFFICIAL_URL = "https://www.usitc.gov/sites/default/files/tata/hts/hts_2026_revision_5_json.json"


def spider(**kwargs: Any) -> UsitcHtsSpider:
    """A spider wired to a crawler, so that its stats can be read."""
    return UsitcHtsSpider.from_crawler(get_crawler(UsitcHtsSpider, {"REPLAY": True}), **kwargs)


def parse(body: bytes, url: str, crawl: UsitcHtsSpider | None = None, meta: dict[str, Any] | None = None) -> list:
    response = TextResponse(url=url, body=body, encoding="utf-8", request=Request(url, meta=meta or {}))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((crawl or spider()).parse(response))


def recorded(start: str, end: str, crawl: UsitcHtsSpider | None = None) -> list:
    url = export_url(start, end)
    return parse(recorded_index("usitc_hts")[url].read_bytes(), url, crawl)


def lines(items: list) -> dict[str, CommodityItem]:
    return {item.goods_nomenclature_sid: item for item in items if isinstance(item, CommodityItem)}


def measures(items: list) -> dict[str, TariffMeasureItem]:
    return {item.measure_sid: item for item in items if isinstance(item, TariffMeasureItem)}


def groups(items: list) -> dict[str, PartnerGroupItem]:
    return {item.group_id: item for item in items if isinstance(item, PartnerGroupItem)}


@pytest.fixture(scope="module")
def milk() -> list:
    return recorded("0401", "0402")


# --- the official file ------------------------------------------------------------------------------------

def test_official_revision_file_hierarchy_and_inheritance() -> None:
    items = parse(OFFICIAL_HEAD.read_bytes(), OFFICIAL_URL)
    found = lines(items)
    assert list(found) == ["0101.21.00", "0101.21.00.10", "0101.21.00.20", "0101.29.00"]  # heading 0101: parent only
    rate_line, males = found["0101.21.00"], found["0101.21.00.10"]
    assert (rate_line.national_code, rate_line.number_indents, rate_line.parent_sid, rate_line.declarable) == (
        "01012100", 2, "0101", False)
    assert (males.reporter, males.national_code, males.producline_suffix, males.description, males.parent_sid,
            males.number_indents, males.declarable, males.leaf) == (
        "US", "0101210010", "80", "Males", "0101.21.00", 3, True, True)
    assert males.source_url == OFFICIAL_URL and males.fetched_at == "2026-11-28T12:00:00+00:00"
    # the 10-digit lines inherit the rates of their 8-digit line; 0101.29.00 (its statistical lines cut
    # off in this excerpt) is itself declarable here
    by_sid = measures(items)
    general = by_sid["0101.21.00.10:general:ALL"]
    assert (general.measure_type, general.partner, general.duty_text, general.valid_from, general.valid_to) == (
        "general", "ALL", "Free", "2026-02-25", None)
    assert general.footnotes == ["See 9903.88.15."]
    assert by_sid["0101.21.00.10:other:COLUMN2"].duty_text == "Free"
    assert by_sid["0101.29.00:other:COLUMN2"].duty_text == "20%"
    assert not [m for m in by_sid.values() if m.measure_type == "special"]  # special column empty
    assert sorted({m.national_code for m in by_sid.values()}) == ["0101210010", "0101210020", "01012900"]


def test_units_are_kept_per_line_and_unmapped_keys_reported() -> None:
    crawl = spider()
    found = lines(parse(OFFICIAL_HEAD.read_bytes(), OFFICIAL_URL, crawl))
    assert {sid: line.units for sid, line in found.items()} == {
        "0101.21.00": [], "0101.21.00.10": ["No."], "0101.21.00.20": ["No."], "0101.29.00": []}
    stats = crawl.crawler.stats.get_stats()
    assert "unmapped/row/units" not in stats
    assert "unmapped/row/addiitionalDuties" not in stats  # null everywhere: nothing lost
    assert "unmapped/row/description" not in stats


# --- recorded exports: hierarchy ---------------------------------------------------------------------------

def test_lines_under_headers_hang_on_the_nearest_numbered_line() -> None:
    items = recorded("0101", "0104")
    found = lines(items)
    steers = found["0102.29.40.62"]  # under "Weighing 320 kg or more each:" > "For immediate slaughter:"
    assert (steers.national_code, steers.number_indents, steers.parent_sid, steers.description) == (
        "0102294062", 6, "0102.29.40", "Steers")
    assert found["0102.29"].declarable is False and found["0102.29"].national_code == "010229"
    assert found["0102.90.00.00"].declarable is True and found["0102.90.00.00"].parent_sid == "0102"
    assert not [sid for sid in found if len(sid) == 4]  # headings only as parents
    by_sid = measures(items)
    assert by_sid["0102.29.40.62:general:ALL"].duty_text == "1¢/kg"  # inherited from 0102.29.40
    assert by_sid["0102.29.40.62:other:COLUMN2"].duty_text == "5.5¢/kg"
    assert by_sid["0104.20.00.00:general:ALL"].duty_text == "68¢/head"
    assert by_sid["0104.20.00.00:other:COLUMN2"].duty_text == "$3/head"
    assert not [sid for sid in by_sid if sid.startswith("0102.29.40:")]  # not declarable: no measures


def test_header_before_the_first_heading_and_numbered_parents() -> None:
    found = lines(recorded("2901", "2901"))
    assert found["2901.10.10.00"].parent_sid == "2901.10"
    assert found["2901.29.10.10"].parent_sid == "2901.29.10"
    assert found["2901.29.10.10"].description == "Linear \u03b1-olefins (C6-C30), unmixed"


# --- special programs --------------------------------------------------------------------------------------

def test_special_text_expands_to_one_measure_per_program(milk: list) -> None:
    by_sid = measures(milk)
    specials = {m.measure_sid.split(":")[-1]: m for m in by_sid.values()
                if m.national_code == "0101300000" or m.measure_sid.startswith("0401.10.00.00:special:")}
    assert sorted(specials) == sorted(["A+", "AU", "BH", "CL", "CO", "D", "E", "IL", "JO", "KR", "MA", "OM", "P", "PA",
                                       "PE", "S", "SG"])
    gsp = specials["A+"]
    assert (gsp.partner, gsp.additional_code, gsp.duty_text, gsp.partner_name) == (
        "A", "+", "Free", "Generalized System of Preferences (GSP)")
    assert gsp.measure_type_description == ("Column 1 special rate of duty (A+: Only imports from least-developed "
                                            "beneficiary developing countries are eligible for GSP)")
    australia = specials["AU"]
    assert (australia.partner, australia.additional_code, australia.partner_name, australia.footnotes) == (
        "AU", None, "United States-Australia Free Trade Agreement", [])


def test_several_groups_with_their_own_rates_and_cross_references(milk: list) -> None:
    by_sid = measures(milk)
    special = {m.measure_sid.split(":")[-1]: m for m in by_sid.values()
               if m.measure_sid.startswith("0401.40.25.00:special:")}
    # "Free (BH,CL,CO,JO,KR,MA,OM,PE,SG) 7.7¢/liter (P) 10.2¢/liter (PA) See 9822.04.05 (AU)
    #  See 9823.01.01-9823.01.07 (S+) See 9915.04.01-9915.04.03 (P+)"
    assert len(special) == 14
    assert {code for code, m in special.items() if m.duty_text == "Free"} == {
        "BH", "CL", "CO", "JO", "KR", "MA", "OM", "PE", "SG"}
    assert (special["P"].duty_text, special["PA"].duty_text) == ("7.7¢/liter", "10.2¢/liter")
    assert (special["AU"].duty_text, special["AU"].footnotes) == (
        "", ["See subheadings 9904.04.01-9904.04.08.", "See 9822.04.05 (AU)"])
    usmca_plus, cafta_plus = special["S+"], special["P+"]
    assert (usmca_plus.partner, usmca_plus.additional_code, usmca_plus.duty_text) == ("S", "+", "")
    assert usmca_plus.footnotes[-1] == "See 9823.01.01-9823.01.07 (S+)"
    assert (cafta_plus.partner, cafta_plus.additional_code) == ("P", "+")
    assert special["P"].measure_sid != cafta_plus.measure_sid  # P and P+ on one line stay two measures


def test_compound_and_specific_rates_as_published(milk: list) -> None:
    by_sid = measures(milk)
    assert by_sid["0402.29.50.00:general:ALL"].duty_text == "$1.104/kg + 14.9%"
    assert by_sid["0402.29.50.00:special:P"].duty_text == "11¢/kg + 1.4%"
    assert by_sid["0402.29.50.00:special:CO"].footnotes[-1] == "See 9918.04.60, 9918.04.61 (CO)"
    assert by_sid["0402.10.50.00:special:KR"].duty_text == "11.5¢/kg"  # "11.5¢/kg (CO,KR,PA)"
    assert by_sid["0401.10.00.00:general:ALL"].duty_text == "0.34¢/liter"
    assert by_sid["0402.29.05.00:general:ALL"].duty_text == "17.5%"


def test_partner_groups_come_from_the_registry(milk: list) -> None:
    found = groups(milk)
    assert found["COLUMN2"].members == ["CU", "KP", "RU", "BY"]
    assert found["P"].members == ["CR", "DO", "SV", "GT", "HN", "NI"]
    assert found["S"].members == ["CA", "MX"] and found["A"].members == []
    assert all(group.reporter == "US" for group in found.values())
    assert "S+" not in found and "P+" not in found  # modifiers stay on the measures


def test_programs_open_to_every_column1_country_list_all_but_column2() -> None:
    crawl = spider()
    base = {"source": "usitc_hts", "source_url": OFFICIAL_URL, "fetched_at": "2026-11-28T12:00:00+00:00",
            "content_hash": "0" * 64, "reporter": "US"}
    found = {group.group_id: group for group in crawl.partner_groups({"K": None, "L": None, "C": None}, False, base)}
    pharma = found["K"].members
    assert len(pharma) == 249 - 4 and {"CN", "JP", "DE", "AU"} <= set(pharma)
    assert not {"CU", "KP", "RU", "BY"} & set(pharma)  # column 2: no normal trade relations
    assert found["L"].members == pharma
    assert found["C"].members == []  # civil aircraft: no origin condition in its note, no list guessed


# --- column 2 and chapter 99 -------------------------------------------------------------------------------

def test_column2_rates_and_their_own_chapter99_footnote() -> None:
    by_sid = measures(recorded("2901", "2901"))
    other = by_sid["2901.10.10.00:other:COLUMN2"]
    assert (other.measure_type, other.partner, other.duty_text, other.footnotes) == (
        "other", "COLUMN2", "Free", ["See 9903.90.08."])
    assert by_sid["2901.10.10.00:general:ALL"].footnotes == ["See 9903.88.03."]
    on_all = by_sid["2901.10.10.00:additional:ALL:9903.88.03"]
    on_column2 = by_sid["2901.10.10.00:additional:COLUMN2:9903.90.08"]
    assert (on_all.partner, on_all.additional_code, on_all.duty_text, on_all.footnotes) == (
        "ALL", "9903.88.03", "", ["See 9903.88.03."])
    assert (on_column2.partner, on_column2.additional_code) == ("COLUMN2", "9903.90.08")
    assert "2901.10.30.00:additional:COLUMN2:9903.90.08" not in by_sid


def chapter99_spider(**kwargs: Any) -> UsitcHtsSpider:
    """A spider that has read the recorded chapter 99 ranges, as a crawl does before the chapters."""
    crawl = spider(**kwargs)
    for start, end in crawl.chapter99:
        assert recorded(start, end, crawl) == []  # chapter 99 lines are read for their rates, not yielded
    return crawl


def test_chapter99_lines_in_the_crawl_give_the_additional_rate_and_origin() -> None:
    crawl = chapter99_spider()
    eggs = measures(recorded("0407", "0410", crawl))
    linked = eggs["0407.19.00.00:additional:ALL:9903.88.03"]  # the id keeps the column's partner
    assert (linked.partner, linked.partner_name, linked.duty_text) == (
        "CN", "China", "The duty provided in the applicable subheading + 25%")
    assert linked.footnotes[0] == "See 9903.88.03."
    assert linked.footnotes[1].startswith("9903.88.03: Except as provided in headings 9903.88.13")
    list_4a = eggs["0407.11.00.00:additional:ALL:9903.88.15"]
    assert (list_4a.partner, list_4a.duty_text) == ("CN", "The duty provided in the applicable subheading + 7.5%")
    russia = measures(recorded("2901", "2901", crawl))["2901.10.10.00:additional:COLUMN2:9903.90.08"]
    assert (russia.partner, russia.partner_name, russia.duty_text) == ("RU", "Russian Federation", "35%")
    assert "usitc_hts/chapter99_origin_not_read" not in crawl.crawler.stats.get_stats()


def test_a_chapter99_line_naming_no_single_country_keeps_the_columns_partner() -> None:
    crawl = spider()
    description = "Articles the product of France or Germany:"
    assert crawl.origin_of("9903.89.60", description) is None
    assert crawl.crawler.stats.get_stats()["usitc_hts/chapter99_origin_not_read"] == 1


def test_chapter99_ranges_are_requested_before_the_chapters() -> None:
    crawl = spider(chapters="0407-0410", chapter99="9903.88.01-9903.88.19")

    async def first_requests() -> list[Request]:
        return [request async for request in crawl.start()]

    [request99] = asyncio.run(first_requests())
    assert request99.url == export_url("9903.88.01", "9903.88.19") and request99.meta["chapter99"]
    body = recorded_index("usitc_hts")[request99.url].read_bytes()
    follow = parse(body, request99.url, crawl, meta=request99.meta)
    assert [request.url for request in follow] == [export_url("0407", "0410")]


# --- the replay as a whole ---------------------------------------------------------------------------------

def replay_items() -> list:
    """Every item of the recorded replay, read by one spider in crawl order (chapter 99 first)."""
    crawl = chapter99_spider()
    return [item for start, end in crawl.chapters for item in recorded(start, end, crawl)]


def test_start_requests_and_their_follow_ups_are_exactly_the_recordings() -> None:
    crawl = spider()

    async def urls() -> list[str]:
        return [request.url async for request in crawl.start()]

    first = asyncio.run(urls())
    assert first == [export_url(start, end) for start, end in crawl.chapter99]
    chapters = [export_url(start, end) for start, end in crawl.chapters]
    assert sorted(first + chapters) == sorted(recorded_index("usitc_hts"))


def test_every_recording_parses_to_unique_complete_measures() -> None:
    items = replay_items()
    by_sid = measures(items)
    assert len(by_sid) == sum(isinstance(item, TariffMeasureItem) for item in items)  # measure ids unique
    declarable = {c.national_code for c in lines(items).values() if c.declarable}
    assert {m.national_code for m in by_sid.values() if m.measure_type == "general"} == declarable
    assert {m.measure_type for m in by_sid.values()} == {"general", "special", "other", "additional"}
    assert all(m.valid_from == "2026-02-25" for m in by_sid.values())
    assert (len(lines(items)), len(declarable), len(by_sid)) == (149, 124, 1858)
    additional = [m for m in by_sid.values() if m.measure_type == "additional"]
    assert additional and all(m.duty_text and m.partner in {"CN", "RU"} for m in additional)


@pytest.mark.parametrize(("entry", "expected"), [
    ("04", ("0401", "0499")), ("0401-0402", ("0401", "0402")), ("2901", ("2901", "2901")),
    ("9903.88-9903.89", ("9903.88", "9903.89"))])
def test_range_forms(entry: str, expected: tuple[str, str]) -> None:
    assert export_range(entry) == expected


def test_bad_range_and_bad_document_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="not a chapter"):
        export_range("four")
    with pytest.raises(ValueError, match="expected a JSON array of HTS rows"):
        parse(b'{"error": "not found"}', export_url("0401", "0402"))
    with pytest.raises(ValueError, match="not a JSON document"):
        parse(b"<html>maintenance</html>", export_url("0401", "0402"))


# --- staging -----------------------------------------------------------------------------------------------

def us_measure(**overrides: Any) -> dict[str, Any]:
    return measure(**{"source": "usitc_hts", "reporter": "US", "national_code": "0401100000",
                      "measure_sid": "0401.10.00.00:general:ALL", "measure_type": "general",
                      "measure_type_description": "Column 1 general rate of duty", "partner": "ALL",
                      "partner_name": "Column 1 general (normal trade relations)", "duty_text": "6.4%",
                      "valid_from": "2026-02-25"} | overrides)


def us_commodity(**overrides: Any) -> dict[str, Any]:
    return commodity(**{"source": "usitc_hts", "reporter": "US", "national_code": "0401100000",
                        "goods_nomenclature_sid": "0401.10.00.00", "parent_sid": "0401"} | overrides)


BATCH = "staging.int_usitc_hts__tariff_rows"


@pytest.mark.parametrize(("measure_type", "partner", "regime", "partner_type"), [
    ("general", "ALL", "mfn", "all"), ("special", "AU", "preferential", "group"),
    ("special", "A", "preferential", "group"), ("other", "COLUMN2", "non_mfn", "group"),
    ("additional", "ALL", "additional", "all"), ("additional", "CN", "additional", "country"),
    ("additional", "COLUMN2", "additional", "group")])
def test_regimes_and_partner_types(tmp_path: Path, measure_type: str, partner: str, regime: str,
                                   partner_type: str) -> None:
    group = {"item_type": "partner_group", "source": "usitc_hts", "reporter": "US", "group_id": "COLUMN2",
             "group_name": "Column 2", "members": ["CU", "KP", "RU", "BY"], "source_url": "https://example.test",
             "fetched_at": "2026-11-28T12:00:00+00:00", "content_hash": "0" * 64}
    [row] = stage_rows(tmp_path, "usitc_hts", [us_commodity(), group, us_measure(
        measure_type=measure_type, partner=partner, measure_sid=f"x:{measure_type}:{partner}")], BATCH)
    assert (row["regime"], row["partner_type"]) == (regime, partner_type)


def test_staged_rows_typed_and_parsed(tmp_path: Path) -> None:
    rows = stage_rows(tmp_path, "usitc_hts", [
        us_commodity(), us_commodity(national_code="04021000", goods_nomenclature_sid="0402.10.00", declarable=False,
                                     leaf=False),
        us_measure(measure_sid="a", duty_text="4.4¢/kg + 10%"),
        us_measure(measure_sid="b", measure_type="additional", duty_text="", additional_code="9903.88.15"),
        us_measure(measure_sid="c", national_code="04021000")], BATCH)
    by_sid = {row["measure_sid"]: row for row in rows}
    compound = by_sid["a"]
    assert (compound["hs6"], compound["commodity_found"], str(compound["valid_from"])) == ("040110", True, "2026-02-25")
    assert (compound["duty_structure"], compound["specific_amount"], compound["specific_currency"]) == (
        "SP + AV", 0.044, "USD")
    assert by_sid["b"]["is_duty"] is False and by_sid["b"]["duty_parse_error"] is None
    assert (by_sid["c"]["national_code"], by_sid["c"]["hs6"], by_sid["c"]["commodity_found"]) == (
        "04021000", "040210", True)


def test_recorded_replay_stages_with_only_unread_units_failing(tmp_path: Path) -> None:
    items = [asdict(item) for item in replay_items()]
    rows = stage_rows(tmp_path, "usitc_hts", items, BATCH)
    assert len(rows) == 1858 and all(row["commodity_found"] for row in rows)
    failing = {row["duty_text"] for row in rows if row["duty_parse_error"]}
    assert failing <= {"2.8¢/doz.", "10¢/doz.", "$3/head", "68¢/head"}  # until the parser reads doz. and head
    lines_staged = stage_rows(tmp_path / "lines", "usitc_hts", items, "staging.stg_usitc_hts__commodities")
    assert len(lines_staged) == 149
    assert {row["national_code"] for row in lines_staged if len(row["national_code"]) == 6} >= {"010190", "040120"}
    units = {row["national_code"]: row["units"] for row in lines_staged}
    assert (units["0401100000"], units["0401202000"], units["040120"]) == (["liters", "kg"], ["liters", "kg cmsc"], [])
