"""The UK Trade Tariff spider on real API responses (../shared/samples) and the replay recordings, clock frozen.

Two tariffs: GB (`/api/v2/`) and Northern Ireland (`/xi/api/v2/`, reporter XI: EU measures, EUR duties).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import CommodityItem, PartnerGroupItem, TariffMeasureItem
from scrapers.middlewares import recorded_index, replayed_response
from scrapers.registry import get_source
from scrapers.spiders.uk_trade_tariff import UkTradeTariffSpider

API = "https://www.trade-tariff.service.gov.uk/api/v2/"
XI_API = "https://www.trade-tariff.service.gov.uk/xi/api/v2/"
RECORDED = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "uk_trade_tariff"


def parse(path: Path, url: str) -> list:
    response = TextResponse(url=url, body=path.read_bytes(), request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list(UkTradeTariffSpider().parse(response))


@pytest.fixture
def rice(uk_samples: Path) -> list:
    return parse(uk_samples / "gb_commodities_api_v2_response_1006101000.json", API + "commodities/1006101000")


def measures(items: list) -> dict[str, TariffMeasureItem]:
    return {item.measure_sid: item for item in items if isinstance(item, TariffMeasureItem)}


def spider(**kwargs: Any) -> UkTradeTariffSpider:
    return UkTradeTariffSpider.from_crawler(get_crawler(UkTradeTariffSpider, {"REPLAY": True}), **kwargs)


def start_urls(**kwargs: Any) -> list[str]:
    crawl = spider(**kwargs)

    async def first() -> list[Request]:
        return [request async for request in crawl.start()]

    return [request.url for request in asyncio.run(first())]


@pytest.fixture
def ni_rice(uk_samples: Path) -> list:
    return parse(uk_samples / "ni_commodities_api_v2_response_1006101000.json", XI_API + "commodities/1006101000")


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


def test_measure_conditions_as_published(rice: list) -> None:
    by_sid = measures(rice)
    proof, without = by_sid["20117721"].conditions  # the preference's proof of origin, and the row without it
    assert proof == {
        "condition_code": "Q", "condition": "Q: Presentation of an endorsed certificate/licence",
        "document_code": "U088",
        "requirement": "Proofs of origin: Origin declaration stating European Union origin, in the context of "
                       "the Canada-European Union Comprehensive Economic and Trade Agreement (CETA)",
        "action": "Apply the mentioned duty", "duty_expression": None}
    assert (without["document_code"], without["requirement"], without["action"]) == (
        None, None, "Measure not applicable")
    assert [c["document_code"] for c in by_sid["20087857"].conditions] == ["N851", None]  # phytosanitary
    assert by_sid["20001374"].conditions == []  # the MFN rate has none


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


def test_northern_ireland_response_is_reported_as_xi(ni_rice: list) -> None:
    items = list(measures(ni_rice).values())
    assert items and {item.reporter for item in items} == {"XI"}
    assert len(items) == 46
    [line] = [item for item in ni_rice if isinstance(item, CommodityItem)]
    assert (line.reporter, line.national_code, line.description, line.goods_nomenclature_sid, line.parent_sid) == (
        "XI", "1006101000", "For sowing", "31829", None)


def test_northern_ireland_measures_field_by_field(ni_rice: list) -> None:
    by_sid = measures(ni_rice)
    mfn = by_sid["2057879"]  # the EU's third-country duty: 7.70 % (GB: 6.00 %)
    assert (mfn.reporter, mfn.national_code, mfn.measure_type, mfn.measure_type_description) == (
        "XI", "1006101000", "103", "Third country duty")
    assert (mfn.partner, mfn.partner_name, mfn.duty_text, mfn.excluded_partners) == ("1011", "ERGA OMNES", "7.70 %", [])
    assert (mfn.valid_from, mfn.valid_to) == ("2000-07-01T00:00:00.000Z", None)
    assert mfn.legal_acts == ["R9922040", "R8726580"]
    assert mfn.source_url == XI_API + "commodities/1006101000"
    singapore = by_sid["3860102"]  # EU-Singapore, staged: end date in the XI form (midnight)
    assert (singapore.measure_type, singapore.partner, singapore.partner_name, singapore.duty_text) == (
        "142", "SG", "Singapore", "1.90 %")
    assert (singapore.valid_from, singapore.valid_to) == ("2021-11-21T00:00:00.000Z", "2022-11-20T00:00:00.000Z")
    vat = by_sid["-593372"]  # XI VAT is its own measure type, without an additional code
    assert (vat.measure_type, vat.measure_type_description, vat.duty_text, vat.additional_code) == (
        "VTZ", "VAT zero rate", "0.00 %", None)
    assert by_sid["2865973"].measure_type_description == "Customs Union Duty"  # San Marino, type 106
    assert by_sid["3822130"].partner_name == "United Kingdom (excluding Northern Ireland)"
    cariforum = by_sid["3165873"]
    assert (cariforum.partner, cariforum.excluded_partners, cariforum.legal_acts) == ("1033", ["HT"], ["D0808050"])
    assert by_sid["3697449"].footnotes == ["TM904"]
    gmo = by_sid["3475156"]  # a control: no duty
    assert (gmo.measure_type, gmo.duty_text, gmo.excluded_partners) == ("713", "", ["CN"])
    assert by_sid["3900377"].valid_to == "2022-05-24T00:00:00.000Z"
    assert by_sid["2920811"].legal_acts == ["D0209790"]
    assert {item.duty_text for item in by_sid.values()} == {"0.00 %", "7.70 %", "1.90 %", ""}


def test_northern_ireland_partner_groups_with_their_members(ni_rice: list) -> None:
    groups = {item.group_id: item for item in ni_rice if isinstance(item, PartnerGroupItem)}
    assert sorted(groups) == ["1006", "1011", "1032", "1033", "1034", "1035", "2005", "2200"]
    assert {item.reporter for item in groups.values()} == {"XI"}
    erga_omnes = groups["1011"]  # EU tariff: the EU and GB are members, EU member states are not
    assert erga_omnes.group_name == "ERGA OMNES" and len(erga_omnes.members) == 218
    assert {"EU", "GB", "CN", "US"} <= set(erga_omnes.members) and "FR" not in erga_omnes.members
    assert (groups["1006"].group_name, groups["1006"].members) == ("EU-Canada agreement: re-imported goods", ["EU"])
    assert groups["1032"].members == ["CI", "KE"]
    assert len(groups["1033"].members) == 15 and "HT" in groups["1033"].members
    assert groups["2005"].group_name.startswith("GSP-EBA") and len(groups["2005"].members) == 47
    assert groups["2200"].members == ["CR", "GT", "HN", "NI", "PA", "SV"]


def test_saved_xi_file_is_xi_by_its_meta(uk_samples: Path, tmp_path: Path) -> None:
    """`tradepoint parse uk_trade_tariff FILE`: no tariff URL, so the document's meta says which tariff it is."""
    saved = tmp_path / "ni.json"
    saved.write_bytes((uk_samples / "ni_commodities_api_v2_response_1006101000.json").read_bytes())
    out = parse(saved, saved.as_uri())
    assert {item.reporter for item in out if isinstance(item, TariffMeasureItem | CommodityItem)} == {"XI"}
    gb = parse(uk_samples / "gb_commodities_api_v2_response_1006101000.json",
               (uk_samples / "gb_commodities_api_v2_response_1006101000.json").as_uri())
    assert {item.reporter for item in gb if isinstance(item, TariffMeasureItem)} == {"GB"}


# --- several reporters in one run ---------------------------------------------------------------------------


def test_one_run_starts_every_reporter_of_the_registry() -> None:
    reporters = get_source("uk_trade_tariff").params["reporters"]
    assert reporters == {"GB": ["01", "10", "18", "22"], "XI": ["10"]}
    assert start_urls() == [API + "chapters/01", API + "chapters/10", API + "chapters/18", API + "chapters/22",
                            XI_API + "chapters/10"]


@pytest.mark.parametrize(("kwargs", "urls"), [
    ({"reporter": "XI", "chapters": "10"}, [XI_API + "chapters/10"]),
    ({"reporter": "xi"}, [XI_API + "chapters/10"]),
    ({"reporter": "GB", "chapters": "1,22"}, [API + "chapters/01", API + "chapters/22"]),
    ({"chapters": "10"}, [API + "chapters/10", XI_API + "chapters/10"]),
    ({"reporter": "XI", "all": "1"}, [XI_API + "sections"]),
])
def test_spider_arguments_choose_reporters_and_chapters(kwargs: dict[str, str], urls: list[str]) -> None:
    assert start_urls(**kwargs) == urls


def test_unknown_reporter_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="reporter must be one of"):
        spider(reporter="FR")


def test_requests_follow_the_tariff_of_their_document() -> None:
    recorded = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "uk_trade_tariff"
    out = parse(recorded / "xi_chapters_10.json", XI_API + "chapters/10")
    assert [r.url for r in out] == [XI_API + "headings/1001", XI_API + "headings/1006", XI_API + "headings/1008"]


@pytest.fixture(scope="module")
def replayed() -> tuple[list[str], list[Any]]:
    """The whole default crawl, served from the recordings: URLs requested, items yielded."""
    crawl = spider()

    async def first() -> list[Request]:
        return [request async for request in crawl.start()]

    queue, served, items = asyncio.run(first()), [], []
    while queue:
        request = queue.pop(0)
        served.append(request.url)
        with freeze_time("2026-11-28T12:00:00Z"):
            for out in crawl.parse(replayed_response("uk_trade_tariff", request)):
                (queue if isinstance(out, Request) else items).append(out)
    return served, items


def test_replayed_crawl_covers_both_tariffs_and_only_the_recordings(replayed: tuple[list[str], list[Any]]) -> None:
    served, items = replayed
    assert len(served) == len(set(served))
    assert set(served) <= set(recorded_index("uk_trade_tariff"))
    assert sum(url.startswith(XI_API) for url in served) == 21  # chapter 10, 3 headings, 17 commodities
    assert {item.reporter for item in items} == {"GB", "XI"}


def test_replayed_xi_items_are_eu_measures_in_eur(replayed: tuple[list[str], list[Any]]) -> None:
    _, items = replayed
    xi = [item for item in items if item.reporter == "XI"]
    assert all(item.source_url.startswith(XI_API) for item in xi)
    lines = {item.national_code for item in xi if isinstance(item, CommodityItem) and item.declarable}
    assert len(lines) == 17 and {code[:2] for code in lines} == {"10"}
    by_line = {}
    for item in xi:
        if isinstance(item, TariffMeasureItem) and item.measure_type == "103":
            by_line[item.national_code] = item.duty_text
    assert by_line["1006101000"] == "7.70 %" and by_line["1006103000"] == "211.00 EUR / 1000 kg"
    assert by_line["1001990000"] == "95.00 EUR / 1000 kg" and by_line["1008300000"] == "0.00 %"
    assert sum("EUR" in text for text in by_line.values()) == 14
    assert not any("GBP" in item.duty_text for item in xi if isinstance(item, TariffMeasureItem))
    singapore = {item.national_code: item.duty_text for item in xi
                 if isinstance(item, TariffMeasureItem) and item.partner == "SG"}
    assert singapore["1006101000"] == "1.90 %" and singapore["1006103000"] == "52.70 EUR / 1000 kg"
    groups = {item.group_id for item in xi if isinstance(item, PartnerGroupItem)}
    assert {"1011", "1033", "2005"} <= groups


def test_xi_recording_follows_the_real_format_but_is_constructed(uk_samples: Path) -> None:
    """The project's XI 1006101000 recording has the real answer's shapes, not its data (PROVENANCE.md)."""
    real = json.loads((uk_samples / "ni_commodities_api_v2_response_1006101000.json").read_text(encoding="utf-8"))
    recorded = json.loads((RECORDED / "xi_commodities_1006101000.json").read_text(encoding="utf-8"))
    assert recorded != real
    real_measures = [o for o in real["included"] if o["type"] == "measure"]
    ours = [o for o in recorded["included"] if o["type"] == "measure"]
    assert not any(o in real_measures for o in ours)
    constructed = ("measure", "measure_condition", "measure_component", "duty_expression")
    real_ids = {(o["type"], o["id"]) for o in real["included"] if o["type"] in constructed}
    assert not real_ids & {(o["type"], o["id"]) for o in recorded["included"]}
    # same format: data keys, measure attribute keys and meta
    assert recorded["data"]["attributes"].keys() == real["data"]["attributes"].keys()
    assert recorded["data"]["meta"].keys() == real["data"]["meta"].keys()
    assert {tuple(o["attributes"]) for o in ours} == {tuple(o["attributes"]) for o in real_measures}
    assert {o["meta"]["duty_calculator"]["source"] for o in ours} == {"xi"}


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
