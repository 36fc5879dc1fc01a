"""The USITC HTS spider on the official per-revision JSON (first rows, verbatim) and on the recorded
exports (real rows, see scrapers/recorded/usitc_hts/README.md); then its staging models."""

from __future__ import annotations

import asyncio
import json
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


def test_units_and_the_misspelt_key_are_reported_as_unmapped() -> None:
    crawl = spider()
    parse(OFFICIAL_HEAD.read_bytes(), OFFICIAL_URL, crawl)
    stats = crawl.crawler.stats.get_stats()
    assert stats["unmapped/row/units"] == 2  # the two rows with units ["No."]
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


# A chapter 99 line in the export's row format. Values from the published 9903.88.03 (htshub.com/us-hs/
# chapter/99-101: description and rate; footnote as on every chapter 99 line, cf. axiom-corpus 9903.85.02);
# the row itself is constructed, not a capture.
ROW_9903_88_03 = {
    "htsno": "9903.88.03", "indent": "1",
    "description": "Except as provided in headings 9903.88.13, 9903.88.18, 9903.88.33, 9903.88.34, 9903.88.35, "
                   "9903.88.36, 9903.88.37, 9903.88.38, 9903.88.40, 9903.88.41, 9903.88.43, 9903.88.45, 9903.88.46, "
                   "9903.88.48, 9903.88.56, 9903.88.64, 9903.88.66, 9903.88.67, 9903.88.68, or 9903.88.69, articles "
                   "the product of China, as provided for in U.S. note 20(e) to this subchapter and as provided for "
                   "in the subheadings enumerated in U.S. note 20(f)",
    "superior": None, "units": [], "general": "The duty provided in the applicable subheading + 25%",
    "special": "", "other": "",
    "footnotes": [{"columns": ["stat", "units"], "marker": "1", "value": " See chapter 99 statistical note 1. ",
                   "type": "footnote"}],
    "quotaQuantity": None, "additionalDuties": None, "addiitionalDuties": None,
}


def test_chapter99_line_in_the_crawl_gives_the_additional_rate() -> None:
    crawl = spider()
    url99 = export_url("9903.88", "9903.89")
    out99 = parse(json.dumps([ROW_9903_88_03]).encode(), url99, crawl)
    assert out99 == []  # chapter 99 lines are read for their rates, not yielded
    eggs = measures(recorded("0407", "0410", crawl))
    linked = eggs["0407.19.00.00:additional:ALL:9903.88.03"]
    assert linked.duty_text == "The duty provided in the applicable subheading + 25%"
    assert linked.footnotes[0] == "See 9903.88.03."
    assert linked.footnotes[1].startswith("9903.88.03: Except as provided in headings 9903.88.13")
    unlinked = eggs["0407.11.00.00:additional:ALL:9903.88.15"]  # 9903.88.15 not in the crawl
    assert (unlinked.duty_text, unlinked.additional_code) == ("", "9903.88.15")


def test_chapter99_ranges_are_requested_before_the_chapters() -> None:
    crawl = spider(chapters="0407-0410", chapter99="9903.88-9903.89")

    async def first_requests() -> list[Request]:
        return [request async for request in crawl.start()]

    [request99] = asyncio.run(first_requests())
    assert request99.url == export_url("9903.88", "9903.89") and request99.meta["chapter99"]
    follow = parse(json.dumps([ROW_9903_88_03]).encode(), request99.url, crawl, meta=request99.meta)
    assert [request.url for request in follow] == [export_url("0407", "0410")]


# --- the replay as a whole ---------------------------------------------------------------------------------

def test_start_requests_are_exactly_the_recordings() -> None:
    crawl = spider()

    async def urls() -> list[str]:
        return [request.url async for request in crawl.start()]

    assert asyncio.run(urls()) == list(recorded_index("usitc_hts"))


def test_every_recording_parses_to_unique_complete_measures() -> None:
    items = [item for url, path in recorded_index("usitc_hts").items() for item in parse(path.read_bytes(), url)]
    by_sid = measures(items)
    assert len(by_sid) == sum(isinstance(item, TariffMeasureItem) for item in items)  # measure ids unique
    declarable = {c.national_code for c in lines(items).values() if c.declarable}
    assert {m.national_code for m in by_sid.values() if m.measure_type == "general"} == declarable
    assert {m.measure_type for m in by_sid.values()} == {"general", "special", "other", "additional"}
    assert all(m.valid_from == "2026-02-25" for m in by_sid.values())
    assert (len(lines(items)), len(declarable), len(by_sid)) == (149, 124, 1858)


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
    items = [asdict(item) for url, path in recorded_index("usitc_hts").items()
             for item in parse(path.read_bytes(), url)]
    rows = stage_rows(tmp_path, "usitc_hts", items, BATCH)
    assert len(rows) == 1858 and all(row["commodity_found"] for row in rows)
    failing = {row["duty_text"] for row in rows if row["duty_parse_error"]}
    assert failing <= {"2.8¢/doz.", "10¢/doz.", "$3/head", "68¢/head"}  # until the parser reads doz. and head
    lines_staged = stage_rows(tmp_path / "lines", "usitc_hts", items, "staging.stg_usitc_hts__commodities")
    assert len(lines_staged) == 149
    assert {row["national_code"] for row in lines_staged if len(row["national_code"]) == 6} >= {"010190", "040120"}
