"""The WTO ePing spider on a verbatim consumer example (samples/) and on the replay recordings, clock frozen."""

from __future__ import annotations

import ast
import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.exceptions import CloseSpider
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import MarketNoticeItem
from scrapers.middlewares import recorded_index
from scrapers.registry import get_source
from scrapers.spiders.wto_eping import WtoEpingSpider, amended, symbols

SAMPLES = Path(__file__).parent / "samples" / "wto_eping"
SEARCH = "https://api.wto.org/eping/notifications/search"
PAGE_1 = f"{SEARCH}?language=1&distributionDateFrom=2026-10-28&page=1&pageSize=10"
PAGE_2 = f"{SEARCH}?language=1&distributionDateFrom=2026-10-28&page=2&pageSize=10"

KEY_ENV = get_source("wto_eping").params["key_env"]


def crawler_spider(replay: bool = True) -> WtoEpingSpider:
    """A spider bound to a crawler (settings + stats), as in a real crawl."""
    return WtoEpingSpider.from_crawler(get_crawler(WtoEpingSpider, {"REPLAY": replay}))


def parse(body: bytes, url: str, spider: WtoEpingSpider | None = None, status: int = 200) -> list[Any]:
    response = TextResponse(url=url, body=body, status=status, request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((spider or WtoEpingSpider()).parse(response))


def page(notifications: list[Any], total: int | None = None, current: int = 1) -> bytes:
    body = {"currentPage": current, "pageSize": 10, "totalCount": len(notifications) if total is None else total,
            "items": notifications}
    return json.dumps(body).encode()


def items(out: list[Any]) -> dict[str, MarketNoticeItem]:
    return {item.notice_id: item for item in out if isinstance(item, MarketNoticeItem)}


def requests(out: list[Any]) -> list[Request]:
    return [r for r in out if isinstance(r, Request)]


def stats(spider: WtoEpingSpider) -> dict[str, Any]:
    return spider.crawler.stats.get_stats()


def first_request(spider: WtoEpingSpider) -> Request:
    async def first() -> Request:
        return await anext(aiter(spider.start()))
    return asyncio.run(first())


@pytest.fixture
def recorded() -> dict[str, MarketNoticeItem]:
    """Every item of the replay recordings, by notice_id."""
    found: dict[str, MarketNoticeItem] = {}
    for url, path in recorded_index("wto_eping").items():
        found |= items(parse(path.read_bytes(), url))
    return found


# --- the verbatim consumer example ------------------------------------------------------------

def verbatim_items() -> dict[str, dict[str, Any]]:
    """ITEM_HS and ITEM_KW exactly as the public test file writes them (Python literals)."""
    source = (SAMPLES / "tradepulse_items.py.txt").read_text(encoding="utf-8")
    tree = ast.parse(source)
    return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)}


def test_verbatim_sps_item_with_hs_tag_field_by_field() -> None:
    spider = crawler_spider()
    sample = verbatim_items()
    out = parse(page([sample["ITEM_HS"], sample["ITEM_KW"]]), PAGE_1, spider)
    kor = items(out)["G/SPS/N/KOR/1"]  # the padded symbol " G/SPS/N/KOR/1", stripped
    assert (kor.document_type, kor.published, kor.comment_deadline) == (
        "SPS", "2026-07-02T00:00:00+00:00", "2026-09-01T00:00:00+00:00")
    assert (kor.issuer, kor.issuer_country, kor.hs_codes, kor.amends) == ("Korea, Republic of", None, ["030617"], None)
    # no titlePlain: the title as published
    assert kor.title == '<p style="margin:2px">Amendments to Standards for Frozen Shrimps</p>'
    assert kor.summary == "<p>New maximum residue limits for antibiotics in imported frozen shrimps and prawns.</p>"
    assert (kor.language, kor.url, kor.labels, kor.countries) == ("en", None, [], [])
    assert stats(spider)["unmapped/notification/productsFreeText"] == 2
    assert requests(out) == []  # totalCount 2 on one page


def test_verbatim_item_without_symbol_keeps_its_id_and_no_deadline() -> None:
    grenada = items(parse(page([verbatim_items()["ITEM_KW"]]), PAGE_1))["52218"]  # no documentSymbol: the API id
    assert (grenada.document_type, grenada.issuer, grenada.hs_codes, grenada.comment_deadline) == (
        "TBT", "Grenada", [], None)
    assert (grenada.title, grenada.published, grenada.amends) == (
        "<p>Rice – Specification</p>", "2025-09-18T00:00:00+00:00", None)


# --- the replay recordings ---------------------------------------------------------------------

def test_replayed_crawl_follows_every_page() -> None:
    """From the spider's first request, every follow-up is recorded, and every recording is reached."""
    index = recorded_index("wto_eping")
    spider = crawler_spider(replay=True)
    pending, seen, total = [first_request(spider)], [], 0
    assert pending[0].url == PAGE_1  # recorded_on 2026-11-27 minus lookback_days 30
    assert pending[0].headers.get("Ocp-Apim-Subscription-Key") is None  # replay needs no key
    while pending:
        request = pending.pop()
        assert request.url in index, f"not recorded: {request.url}"
        seen.append(request.url)
        out = parse(index[request.url].read_bytes(), request.url)
        total += len(items(out))
        pending += requests(out)
    assert sorted(seen) == sorted(index) == [PAGE_1, PAGE_2] and total == 14


def test_recordings_hold_sps_and_tbt_of_several_members(recorded: dict[str, MarketNoticeItem]) -> None:
    assert {item.document_type for item in recorded.values()} == {"SPS", "TBT"}
    assert {item.issuer for item in recorded.values()} >= {
        "European Union", "United States of America", "China", "Brazil", "Kenya", "Japan"}
    assert sum(1 for item in recorded.values() if item.hs_codes) == 13
    assert sum(1 for item in recorded.values() if item.comment_deadline) == 11


def test_regular_tbt_notification_field_by_field(recorded: dict[str, MarketNoticeItem]) -> None:
    eu = recorded["G/TBT/N/EU/1201"]
    assert (eu.document_type, eu.published, eu.comment_deadline, eu.effective) == (
        "TBT", "2026-11-24T00:00:00+00:00", "2027-01-23T00:00:00+00:00", None)
    assert (eu.issuer, eu.hs_codes, eu.language, eu.amends) == ("European Union", ["950300", "950490"], "en", None)
    assert eu.labels == ["Regular notification", "Protection of human health or safety",
                         "Consumer information, labelling"]
    assert eu.title.startswith("Draft Commission Implementing Regulation laying down rules")
    assert eu.url == "https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/G/TBTN26/EU1201.pdf"
    assert eu.source_url == PAGE_1 and eu.fetched_at == "2026-11-28T12:00:00+00:00"


def test_html_description_stays_as_published(recorded: dict[str, MarketNoticeItem]) -> None:
    summary = recorded["G/TBT/N/EU/1201"].summary
    assert summary.startswith("<p>The draft Implementing Regulation sets out:</p><ul><li>")
    assert "warnings &amp; age labelling" in summary and "subheading 9503.00 and 9504.90" in summary


def test_sps_keywords_become_labels(recorded: dict[str, MarketNoticeItem]) -> None:
    usa = recorded["G/SPS/N/USA/3512"]
    assert (usa.document_type, usa.issuer, usa.hs_codes) == ("SPS", "United States of America", ["080810", "0805"])
    assert usa.labels == ["Regular notification", "Food safety", "Pesticides", "Maximum residue limits (MRLs)"]


@pytest.mark.parametrize(("notice_id", "label", "base"), [
    ("G/TBT/N/EU/1150/Add.1", "Addendum", "G/TBT/N/EU/1150"),
    ("G/TBT/N/USA/2205/Corr.1", "Corrigendum", "G/TBT/N/USA/2205"),
    ("G/SPS/N/CHN/1350/Rev.1", "Revision", "G/SPS/N/CHN/1350"),
])
def test_follow_up_documents_amend_the_base_symbol(recorded: dict[str, MarketNoticeItem], notice_id: str,
                                                   label: str, base: str) -> None:
    item = recorded[notice_id]
    assert (item.amends, item.labels[0]) == (base, label)


def test_addendum_without_deadline_with_entry_into_force(recorded: dict[str, MarketNoticeItem]) -> None:
    add = recorded["G/TBT/N/EU/1150/Add.1"]
    assert (add.comment_deadline, add.effective) == (None, "2027-02-18T00:00:00+00:00")


def test_joint_notification_takes_the_first_symbol_and_counts_the_others() -> None:
    spider = crawler_spider()
    out = items(parse(recorded_index("wto_eping")[PAGE_1].read_bytes(), PAGE_1, spider))
    joint = out["G/TBT/N/BDI/601"]
    assert (joint.issuer, joint.hs_codes, joint.amends) == ("Kenya", ["271210"], None)
    assert stats(spider)["unmapped/notification/additional_symbols"] == 4


def test_emergency_notification_lists_affected_countries(recorded: dict[str, MarketNoticeItem]) -> None:
    ken = recorded["G/SPS/N/KEN/320"]
    assert ken.countries == ["Ethiopia", "Uganda", "United Republic of Tanzania"]
    assert (ken.labels[0], ken.comment_deadline, ken.effective) == (
        "Emergency notification", None, "2026-11-01T00:00:00+00:00")


def test_missing_distribution_date_and_missing_title_are_still_yielded(recorded: dict[str, MarketNoticeItem]) -> None:
    assert recorded["G/TBT/N/BRA/1580"].published is None  # staging quarantines it
    assert recorded["G/TBT/N/USA/2210"].title == ""
    assert recorded["G/TBT/N/USA/2210"].summary.startswith("<p>Federal Motor Vehicle Safety Standards")


def test_url_falls_back_to_the_first_notified_document_link() -> None:
    item = {"id": 1, "documentSymbol": "G/SPS/N/CHN/1350/Rev.1", "notifiedDocumentLink":
            "https://members.wto.org/a_x.pdf\r\nhttps://members.wto.org/b_x.pdf"}
    assert items(parse(page([item]), PAGE_1))["G/SPS/N/CHN/1350/Rev.1"].url == "https://members.wto.org/a_x.pdf"


# --- keys, errors and edge cases ---------------------------------------------------------------

def test_live_crawl_without_a_key_fails_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv("AIRFLOW_CONN_WTO_API", raising=False)
    handlers = logging.getLogger().handlers[:]
    with pytest.raises(CloseSpider) as closed:
        first_request(crawler_spider(replay=False))
    assert closed.value.reason == "wto_eping: no API key: set TRADEPOINT_WTO_API_KEY or the Airflow Connection wto_api"
    assert logging.getLogger().handlers == handlers


def test_live_key_goes_in_the_subscription_header_not_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "k-env-123")
    with freeze_time("2026-12-15T08:00:00Z"):
        request = first_request(crawler_spider(replay=False))
    assert request.headers.get("Ocp-Apim-Subscription-Key") == b"k-env-123"
    assert request.url == f"{SEARCH}?language=1&distributionDateFrom=2026-11-15&page=1&pageSize=10"



def test_api_error_body_is_a_clear_error() -> None:
    body = b'{ "statusCode": 401, "message": "Access denied due to missing subscription key." }'
    with pytest.raises(ValueError, match=r"wto_eping: .*page=1.*HTTP 401: Access denied due to missing"):
        parse(body, PAGE_1, status=401)


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>maintenance</html>", "response is not JSON"),
    (b'{"results": []}', "not an ePing search page"),
])
def test_not_a_search_page_is_a_clear_error(body: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=f"wto_eping: {SEARCH}.*{message}"):
        parse(body, PAGE_1)


def test_notification_without_symbol_or_id_is_counted_not_yielded() -> None:
    spider = crawler_spider()
    out = parse(page([{"area": "TBT", "title": "<p>x</p>"}]), PAGE_1, spider)
    assert items(out) == {} and stats(spider)["invalid/no_symbol"] == 1


def test_empty_page_before_total_stops_paging() -> None:
    assert requests(parse(page([], total=30, current=2), PAGE_2)) == []


def test_next_page_keeps_the_window() -> None:
    out = parse(page([{"id": n, "documentSymbol": f"G/TBT/N/EU/{n}"} for n in range(10)], total=25), PAGE_1)
    assert [r.url for r in requests(out)] == [PAGE_2]


@pytest.mark.parametrize(("symbol", "base"), [
    ("G/TBT/N/EU/1150/Add.1", "G/TBT/N/EU/1150"),
    ("G/TBT/N/EU/1150/Rev.1/Add.2", "G/TBT/N/EU/1150/Rev.1"),
    ("G/SPS/N/JPN/1427/Corr.1", "G/SPS/N/JPN/1427"),
    ("G/SPS/N/USA/3456/Suppl.1", "G/SPS/N/USA/3456"),
    ("G/TBT/N/EU/1234", None),
    (None, None),
])
def test_amended(symbol: str | None, base: str | None) -> None:
    assert amended(symbol) == base


def test_symbols_split_a_joint_notification() -> None:
    assert symbols(" G/TBT/N/BDI/189/Add.2, G/TBT/N/KEN/1170/Add.2") == ["G/TBT/N/BDI/189/Add.2",
                                                                        "G/TBT/N/KEN/1170/Add.2"]
