"""The UK Trade Tariff spider on real API responses (../shared/samples), clock frozen."""

from __future__ import annotations

from pathlib import Path

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse

from scrapers.items import CommodityItem, TariffMeasureItem
from scrapers.spiders.uk_trade_tariff import UkTradeTariffSpider

API = "https://www.trade-tariff.service.gov.uk/api/v2/"


def parse(path: Path, url: str) -> list:
    response = TextResponse(url=url, body=path.read_bytes(), request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list(UkTradeTariffSpider().parse(response))


@pytest.fixture
def rice(uk_samples: Path) -> list:
    return parse(uk_samples / "gb_commodities_api_v2_response_1006101000.json", API + "commodities/1006101000")


def measures(items: list) -> dict[str, TariffMeasureItem]:
    return {item.measure_sid: item for item in items if isinstance(item, TariffMeasureItem)}


def test_commodity_document_gives_the_line_and_every_import_measure(rice: list) -> None:
    lines = [item for item in rice if isinstance(item, CommodityItem)]
    assert [(c.national_code, c.producline_suffix, c.description, c.declarable) for c in lines] == [
        ("1006101000", "80", "For sowing", True)]
    assert len(measures(rice)) == 41


def test_mfn_measure_field_by_field(rice: list) -> None:
    mfn = measures(rice)["20001374"]
    assert (mfn.reporter, mfn.national_code, mfn.measure_type, mfn.partner, mfn.partner_name) == (
        "GB", "1006101000", "103", "1011", "ERGA OMNES")
    assert mfn.measure_type_description == "Third country duty"
    assert mfn.duty_text == "6.00 %"
    assert (mfn.valid_from, mfn.valid_to) == ("2021-01-01T00:00:00.000Z", None)
    assert mfn.source_url == API + "commodities/1006101000"
    assert mfn.fetched_at == "2026-11-28T12:00:00+00:00"
    assert len(mfn.content_hash) == 64


def test_preference_quota_and_vat_measures(rice: list) -> None:
    by_sid = measures(rice)
    singapore = by_sid["20104756"]
    assert (singapore.measure_type, singapore.partner, singapore.partner_name, singapore.duty_text) == (
        "142", "SG", "Singapore", "3.80 %")
    quota = by_sid["20125161"]
    assert (quota.measure_type, quota.order_number, quota.duty_text) == ("122", "050083", "15.00 %")
    assert quota.valid_to == "2021-12-31T23:59:59.000Z"
    assert "DE" in quota.excluded_partners and len(quota.excluded_partners) == 28
    vat = by_sid["-1009507299"]
    assert (vat.measure_type, vat.additional_code, vat.duty_text) == ("305", "VATZ", "0.00 %")
    assert by_sid["20117721"].legal_acts == ["C2100006"]
    assert by_sid["20087857"].duty_text == ""  # a control measure, no duty


def test_heading_document_lists_the_tree_and_follows_declarable_leaves(uk_samples: Path) -> None:
    out = parse(uk_samples / "gb_headings_api_v2_response_1103.json", API + "headings/1103")
    lines = [item for item in out if isinstance(item, CommodityItem)]
    requests = [item.url for item in out if isinstance(item, Request)]
    assert len(lines) == 23
    groats = next(c for c in lines if c.goods_nomenclature_sid == "31959")
    assert (groats.national_code, groats.producline_suffix, groats.leaf) == ("1103110000", "10", False)
    durum = next(c for c in lines if c.goods_nomenclature_sid == "31962")
    assert (durum.national_code, durum.description, durum.parent_sid, durum.number_indents) == (
        "1103111000", "Durum wheat", "31960", 3)
    assert API + "commodities/1103111000" in requests
    assert API + "commodities/1103110000" not in requests  # not a leaf
    assert len(requests) == sum(1 for c in lines if c.leaf and c.producline_suffix == "80")


def test_commodities_endpoint_answering_with_a_heading(uk_samples: Path) -> None:
    out = parse(uk_samples / "gb_commodities_api_v2_response_0101000000.json", API + "commodities/0101000000")
    codes = {item.national_code for item in out if isinstance(item, CommodityItem)}
    assert {"0101210000", "0101291000", "0101300000", "0101900000"} <= codes
    assert API + "commodities/0101210000" in [r.url for r in out if isinstance(r, Request)]


def test_chapter_document_follows_its_headings(uk_samples: Path) -> None:
    out = parse(uk_samples / "gb_commodities_api_v2_response_6300000000.json", API + "chapters/63")
    assert [r.url for r in out] == [API + "headings/6301", API + "headings/6308", API + "headings/6309"]


def test_northern_ireland_response_is_reported_as_xi(uk_samples: Path) -> None:
    out = parse(uk_samples / "ni_commodities_api_v2_response_1006101000.json",
                "https://www.trade-tariff.service.gov.uk/xi/api/v2/commodities/1006101000")
    items = list(measures(out).values())
    assert items and {item.reporter for item in items} == {"XI"}
    assert len(items) == 46


def test_not_a_tariff_document_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"data": {"type": "quota", "id": "1"}}')
    with pytest.raises(ValueError, match="unexpected document type 'quota'"):
        parse(bad, API + "quotas/1")


def test_section_list_and_section_documents_lead_to_chapters() -> None:
    recorded = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "uk_trade_tariff"
    sections = parse(recorded / "sections.json", API + "sections")
    assert [r.url for r in sections][:2] == [API + "sections/1", API + "sections/2"] and len(sections) == 21
    chapters = parse(recorded / "sections_2.json", API + "sections/2")
    assert API + "chapters/10" in [r.url for r in chapters]
