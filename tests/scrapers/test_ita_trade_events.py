"""The ITA Trade Events spider on real API examples (samples/) and on the replay recordings, clock frozen."""

from __future__ import annotations

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

from scrapers.items import TradeFairItem
from scrapers.middlewares import recorded_index
from scrapers.registry import get_source
from scrapers.spiders.ita_trade_events import ItaTradeEventsSpider, absolute_url

SAMPLES = Path(__file__).parent / "samples" / "ita_trade_events"
SEARCH = "https://api.trade.gov/v2/trade_events/search"
ITA = "U.S. Department of Commerce, International Trade Administration"

KEY_ENV = get_source("ita_trade_events").params["key_env"]


def crawler_spider(replay: bool = True) -> ItaTradeEventsSpider:
    """A spider bound to a crawler (settings + stats), as in a real crawl."""
    return ItaTradeEventsSpider.from_crawler(get_crawler(ItaTradeEventsSpider, {"REPLAY": replay}))


def parse(body: bytes, url: str, spider: ItaTradeEventsSpider | None = None, status: int = 200) -> list[Any]:
    response = TextResponse(url=url, body=body, status=status, request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((spider or ItaTradeEventsSpider()).parse(response))


def items(out: list[Any]) -> dict[str, TradeFairItem]:
    return {item.record_id: item for item in out if isinstance(item, TradeFairItem)}


def requests(out: list[Any]) -> list[Request]:
    return [r for r in out if isinstance(r, Request)]


def stats(spider: ItaTradeEventsSpider) -> dict[str, Any]:
    return spider.crawler.stats.get_stats()


@pytest.fixture
def capture() -> tuple[list[Any], ItaTradeEventsSpider]:
    """The verbatim 2016 response (first page of 47 results), parsed by a spider with stats."""
    spider = crawler_spider()
    out = parse((SAMPLES / "trade_event_response_2016.json").read_bytes(), f"{SEARCH}?size=10&offset=0", spider)
    return out, spider


@pytest.fixture
def recorded() -> dict[str, TradeFairItem]:
    """Every item of the replay recordings, by record_id."""
    found: dict[str, TradeFairItem] = {}
    for url, path in recorded_index("ita_trade_events").items():
        found |= items(parse(path.read_bytes(), url))
    return found


# --- the real 2016 capture ---------------------------------------------------------------------

def test_real_page_gives_every_result_and_asks_for_the_next(capture: tuple[list[Any], Any]) -> None:
    out, _ = capture
    assert len(items(out)) == 10
    assert [r.url for r in requests(out)] == [f"{SEARCH}?size=10&offset=10"]


def test_real_ita_result_field_by_field(capture: tuple[list[Any], Any]) -> None:
    japan = items(capture[0])["ITA:36506"]
    assert (japan.name, japan.start, japan.end, japan.all_day, japan.timezone) == (
        "SelectUSA Japan Roadshow 2016", "2016-02-01", "2016-02-05", True, None)
    assert (japan.event_type, japan.status, japan.organiser) == ("Trade Promotion Event", None, ITA)
    assert (japan.venue, japan.address, japan.city, japan.region, japan.country) == (
        "Nikkei Conference Room", None, "Tokyo", None, "JP")
    assert japan.sectors == ["Accounting Services", "Aircraft/Aircraft Parts", "Automobile/Light Truck/Vans",
                             "Advanced Ceramics", "Environmental Technologies"]
    assert japan.url == "http://www.buyusa.gov/japan/investinamerica/selectusaroadshow/index.asp"
    assert japan.description.startswith("SelectUSA Japan Roadshow 2016 will be held Feb. 1-5, 2016 in Tokyo")
    assert (japan.source, japan.source_url, japan.fetched_at) == (
        "ita_trade_events", f"{SEARCH}?size=10&offset=0", "2026-11-28T12:00:00+00:00")
    assert len(japan.content_hash) == 64


def test_real_trade_mission_webinar_and_fair(capture: tuple[list[Any], Any]) -> None:
    by_id = items(capture[0])
    mission = by_id["ITA:36223"]
    assert (mission.event_type, mission.venue, mission.city, mission.country, mission.url) == (
        "Trade Mission", "hotel", "New Delhi", "IN", None)
    webinar = by_id["ITA:36426"]
    assert (webinar.event_type, webinar.venue, webinar.city, webinar.country, webinar.sectors) == (
        "Seminar-Webinar", "Your Computer", "Your Computer", "CL", [])
    fair = by_id["ITA:36004"]
    assert (fair.name, fair.event_type, fair.city, fair.venue) == (
        "Expomanufactura 2016 (TFC Event)", "Trade Fair", "Monterrey", "Cintermex Exhibition Center")
    assert "EXPO MANUFACTURAâ„¢" in fair.description  # published mojibake is kept as published


def test_real_sba_result_keeps_local_times_but_not_a_windows_zone(capture: tuple[list[Any], Any]) -> None:
    out, spider = capture
    sba = items(out)["SBA:c89d11d381806180e18de475d38b7ea715b369c5"]
    assert (sba.start, sba.end, sba.all_day, sba.timezone) == ("2016-02-03T10:00", "2016-02-03T12:00", False, None)
    assert (sba.venue, sba.address, sba.city, sba.region, sba.country) == (
        "U.S. Small Business Administration", "10 S. Howard Street Suite 6220", "Baltimore", "MD", "US")
    assert sba.organiser == "U.S. Small Business Administration"
    assert sba.url is None
    assert sba.description.endswith('To register, click the "learn more" link above.')
    assert stats(spider)["unmapped/event/time_zone"] == 3  # the three SBA results' "… Standard Time"


def test_real_page_counts_unmapped_fields(capture: tuple[list[Any], Any]) -> None:
    counted = stats(capture[1])
    assert counted["unmapped/event/contacts"] == 10
    assert counted["unmapped/event/cost"] == 10
    assert counted["unmapped/event/registration_title"] == 7  # ITA only; SBA has none
    assert counted["unmapped/envelope/aggregations"] == 1
    assert "unmapped/venue/address" not in counted


def test_real_v2_results_scheme_less_url_and_regions() -> None:
    results = json.loads((SAMPLES / "v2_ita_results.json").read_text(encoding="utf-8"))
    page = {"total": len(results), "offset": 0, "results": results}  # the fixture is the results array only
    spider = crawler_spider()
    by_id = items(parse(json.dumps(page).encode(), f"{SEARCH}?size=10&offset=0", spider))
    workboat = by_id["ITA:34436"]
    assert workboat.url == "https://www.workboatshow.com"
    assert (workboat.city, workboat.region, workboat.country) == ("New Orleans, Louisiana", "LA", "US")
    booth = by_id["ITA:17816"]
    assert (booth.name, booth.event_type, booth.start, booth.end) == (
        "CS Booth at Israel Medical Device Design & Manufacturing Industry (MDDMI)",
        "Post Initiated Event-Under 5k", "2020-10-08", "2020-10-08")
    assert (booth.venue, booth.city, booth.country) == ("International Convention Center, Haifa, Israel",
                                                        "Tel Aviv", "IL")
    assert by_id["ITA:34568"].city == "São Paulo"
    assert stats(spider)["unmapped/event/world_regions"] == 4


# --- the replay recordings -----------------------------------------------------------------------

def test_replayed_crawl_follows_every_page() -> None:
    """From the spider's first request, every follow-up is recorded, and every recording is reached."""
    index = recorded_index("ita_trade_events")
    spider = crawler_spider(replay=True)

    async def first() -> Request:
        return await anext(aiter(spider.start()))

    pending, seen, total = [asyncio.run(first())], [], 0
    assert pending[0].headers.get("Api-Key") is None  # replay needs no key
    while pending:
        request = pending.pop()
        assert request.url in index, f"not recorded: {request.url}"
        seen.append(request.url)
        out = parse(index[request.url].read_bytes(), request.url)
        total += len(items(out))
        pending += requests(out)
    assert sorted(seen) == sorted(index) and total == 13


def test_recordings_hold_the_shared_fairs(recorded: dict[str, TradeFairItem]) -> None:
    fairs = {item.name: (item.start, item.end, item.city, item.country, item.event_type)
             for item in recorded.values()}
    assert fairs["Hannover Messe 2027"] == ("2027-04-12", "2027-04-16", "Hanover", "DE", "Trade Fair")
    assert fairs["MEDICA 2027"] == ("2027-11-15", "2027-11-18", "Düsseldorf", "DE", "Trade Fair")
    assert fairs["Gulfood 2027"] == ("2027-02-15", "2027-02-19", "Dubai", "AE", "Trade Fair")
    assert fairs["CES 2027"] == ("2027-01-06", "2027-01-09", "Las Vegas", "US", "International Buyer Program")
    assert fairs["Arab Health 2027"] == ("2027-01-25", "2027-01-28", "Dubai", "AE", "Trade Fair")
    assert recorded["ITA:74230"].url == "https://www.ces.tech"  # published as "www.ces.tech"
    assert recorded["ITA:74230"].region == "NV"


def test_compamed_is_its_own_record_beside_medica(recorded: dict[str, TradeFairItem]) -> None:
    medica, compamed = recorded["ITA:74512"], recorded["ITA:74513"]
    assert compamed.name == "COMPAMED 2027"
    assert (compamed.start, compamed.end, compamed.city, compamed.venue) == (
        medica.start, medica.end, medica.city, medica.venue)


def test_unique_events_and_the_postponed_mission(recorded: dict[str, TradeFairItem]) -> None:
    types = sorted(item.event_type or "-" for item in recorded.values())
    assert types.count("Trade Mission") == 3 and "Seminar-Webinar" in types
    kenya = recorded["ITA:74390"]
    assert kenya.name.endswith(" - POSTPONED") and kenya.description.startswith("POSTPONED:")
    assert kenya.status is None  # the API has no status field; the marker stays in the published text
    webinar = recorded["ITA:74518"]
    assert (webinar.venue, webinar.city, webinar.region, webinar.country) == ("Your Computer", "Washington", "DC", "US")


def test_ustda_result_without_start_and_with_two_venues() -> None:
    spider = crawler_spider()
    url = f"{SEARCH}?size=10&offset=10"
    out = parse(recorded_index("ita_trade_events")[url].read_bytes(), url, spider)
    assert requests(out) == []  # offset 10 + 3 results = total 13: the last page
    ustda = next(item for item in items(out).values() if item.record_id.startswith("USTDA:"))
    assert (ustda.start, ustda.end, ustda.event_type) == (None, "2027-03-26", None)  # staging quarantines it
    assert (ustda.venue, ustda.city, ustda.region, ustda.country) == ("Washington, DC", "Washington", "DC", "US")
    assert "U.S. suppliers" in ustda.description and "&nbsp;" not in ustda.description
    assert ustda.sectors == ["Electricity Transmission & Distribution"]
    assert ustda.organiser == "U.S. Trade and Development Agency"
    assert stats(spider)["unmapped/event/additional_venues"] == 1


# --- keys, errors and edge cases ---------------------------------------------------------------

def first_request(spider: ItaTradeEventsSpider) -> Request:
    async def first() -> Request:
        return await anext(aiter(spider.start()))
    return asyncio.run(first())


def test_live_crawl_without_a_key_fails_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv("AIRFLOW_CONN_ITA_TRADE_API", raising=False)
    handlers = logging.getLogger().handlers[:]
    with pytest.raises(CloseSpider) as closed:
        first_request(crawler_spider(replay=False))
    assert closed.value.reason == (
        "ita_trade_events: no API key: set TRADEPOINT_ITA_API_KEY or the Airflow Connection ita_trade_api")
    assert logging.getLogger().handlers == handlers  # Airflow's import must not take over the crawl's logging


def test_live_key_from_env_goes_in_the_header_not_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "k-env-123")
    request = first_request(crawler_spider(replay=False))
    assert request.headers.get("Api-Key") == b"k-env-123"
    assert request.url == f"{SEARCH}?size=10&offset=0"
    assert "k-env-123" not in request.url


def test_live_key_from_the_airflow_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv("AIRFLOW_CONN_ITA_TRADE_API", json.dumps({"conn_type": "http", "password": "k-conn-9"}))
    assert first_request(crawler_spider(replay=False)).headers.get("Api-Key") == b"k-conn-9"


def test_api_error_body_is_a_clear_error() -> None:
    body = b'{"error":"Unauthorized - Please get a new key at https://api.trade.gov"}'
    with pytest.raises(ValueError, match=r"ita_trade_events: .*offset=0: HTTP 401: Unauthorized"):
        parse(body, f"{SEARCH}?size=10&offset=0", status=401)


@pytest.mark.parametrize("body, message", [
    (b"<html>maintenance</html>", "response is not JSON"),
    (b'{"data": []}', "not a trade-events search page"),
])
def test_not_a_search_page_is_a_clear_error(body: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(body, f"{SEARCH}?size=10&offset=0")


def test_result_without_id_is_counted_not_yielded() -> None:
    spider = crawler_spider()
    page = {"total": 2, "offset": 0, "results": [{"event_name": "No id"}, {"id": "1", "source": "ITA"}]}
    out = parse(json.dumps(page).encode(), f"{SEARCH}?size=10&offset=0", spider)
    assert list(items(out)) == ["ITA:1"] and items(out)["ITA:1"].name == ""
    assert stats(spider)["invalid/no_id"] == 1


def test_empty_page_before_total_stops_paging() -> None:
    page = {"total": 25, "offset": 20, "results": []}
    assert parse(json.dumps(page).encode(), f"{SEARCH}?size=10&offset=20") == []


@pytest.mark.parametrize("published, expected", [
    ("www.workboatshow.com", "https://www.workboatshow.com"),
    ("//example.org/fair", "https://example.org/fair"),
    ("http://otexa.trade.gov", "http://otexa.trade.gov"),
    ("  ", None),
    (None, None),
])
def test_absolute_url(published: str | None, expected: str | None) -> None:
    assert absolute_url(published) == expected

