"""The Events Calendar REST spider on verbatim real event objects and on the replay recordings, clock frozen."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import TradeFairItem
from scrapers.middlewares import recorded_index, replayed_response
from scrapers.spiders.wp_events_calendar import WpEventsCalendarSpider, event_dates, iana_zone, utc_offset

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples" / "wp_events_calendar"
RECORDED = REPO / "scrapers" / "recorded" / "wp_events_calendar"
CALGARY = "https://calgarychamber.com/wp-json/tribe/events/v1/events?per_page=10&start_date=now"
WINNIPEG = "https://www.winnipeg-chamber.com/wp-json/tribe/events/v1/events?per_page=10&start_date=now"


def spider() -> WpEventsCalendarSpider:
    return WpEventsCalendarSpider.from_crawler(get_crawler(WpEventsCalendarSpider))


def parse(body: bytes, url: str, crawl: WpEventsCalendarSpider | None = None) -> list[Any]:
    response = TextResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((crawl or spider()).parse(response))


def archive(*events: Any, **envelope: Any) -> bytes:
    """An archive envelope (Archive_Event::get) around event objects; the envelope itself is built here."""
    return json.dumps({"events": list(events), "rest_url": "https://x.test/wp-json/tribe/events/v1/events/",
                       "total": len(events), "total_pages": 1, **envelope}).encode()


def sample(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def items(out: list[Any]) -> list[TradeFairItem]:
    return [item for item in out if isinstance(item, TradeFairItem)]


@pytest.fixture(scope="module")
def recorded() -> dict[str, TradeFairItem]:
    """Every item of every recorded page, by record_id."""
    found: dict[str, TradeFairItem] = {}
    for url, path in recorded_index("wp_events_calendar").items():
        found.update({item.record_id: item for item in items(parse(path.read_bytes(), url))})
    return found


def by_name(recorded: dict[str, TradeFairItem], name: str) -> TradeFairItem:
    return next(item for item in recorded.values() if item.name == name)


# --- verbatim real event objects ------------------------------------------------------------------

def test_real_2026_archive_item_with_manual_utc_offset() -> None:
    url = "https://musicasturiana.com/wp-json/tribe/events/v1/events?per_page=50&status=publish"
    [item] = items(parse(archive(sample("musicasturiana_event_49295.json")), url))
    assert item.record_id == "musicasturiana.com?id=49295"
    assert item.name == "María Trubia y Pau Santirso en Santu Adrianu"
    # "UTC+0" is a manual offset, not an IANA zone: it goes into the ISO value, timezone stays empty
    assert (item.start, item.end, item.timezone, item.all_day) == (
        "2026-06-07T12:00:00+00:00", "2026-06-07T13:00:00+00:00", None, False)
    assert (item.venue, item.postal_code, item.city, item.address, item.country) == (
        "Santo Adriano", "33115", None, None, None)
    assert item.organiser is None and item.status is None
    assert item.sectors == ["Folk / Celta / Tradicional"]
    assert item.url == "https://musicasturiana.com/evento/maria-trubia-y-pau-santirso-en-santo-adriano/"
    assert item.description.startswith("María Trubia y Pau Santirso, con destacaes trayectories")
    assert "Una iniciativa qu\u2019axunta tradición" in item.description and "<p>" not in item.description
    assert item.updated == "2026-05-15T09:30:40+00:00"
    assert item.feed == "musicasturiana.com"  # not a configured site: the host names the feed
    assert (item.source, item.source_url, item.fetched_at) == ("wp_events_calendar", url, "2026-11-28T12:00:00+00:00")


def test_real_event_with_full_venue_organizer_tags_and_json_ld() -> None:
    url = "https://atlbyday.com/wp-json/tribe/events/v1/events"
    [item] = items(parse(archive(sample("atlbyday_event_6178.json")), url))
    assert (item.record_id, item.name) == ("atlbyday.com?id=6178", "Atlanta Braves vs. Miami Marlins")
    assert (item.start, item.end) == ("2018-07-31T19:30:00+00:00", "2067-02-26T00:00:00+00:00")
    assert (item.venue, item.address, item.city, item.region, item.postal_code, item.country) == (
        "SunTrust Park", "755 Battery Avenue Southeast", "Atlanta", "GA", "30339", "United States")
    assert item.organiser == "MLB"
    assert item.sectors[:3] == ["Sports", "atlanta activities", "atlanta events"] and len(item.sectors) == 12
    assert item.status is None  # post status "tribe-ignored" is not an event status; json_ld has no eventStatus
    assert item.description is None  # "" published


def test_unmapped_fields_of_the_real_objects_are_counted() -> None:
    crawl = spider()
    body = archive(sample("atlbyday_event_6178.json"), x_debug="1")  # a key the envelope does not have
    parse(body, "https://atlbyday.com/wp-json/tribe/events/v1/events", crawl)
    stats = crawl.crawler.stats.get_stats()
    for field in ("unmapped/event/cost", "unmapped/event/website", "unmapped/event/status",
                  "unmapped/venue/geo_lat", "unmapped/organizer/website", "unmapped/term/slug",
                  "unmapped/json_ld/offers", "unmapped/archive/x_debug"):
        assert stats.get(field), field
    assert "unmapped/event/title" not in stats and "unmapped/venue/city" not in stats


# --- the replay recordings ------------------------------------------------------------------------

def test_shared_fairs_assigned_to_wp(recorded: dict[str, TradeFairItem]) -> None:
    expected = {
        "HANNOVER MESSE 2027": ("2027-04-12", "2027-04-16", "Hannover", "Germany", "calgary_chamber"),
        "MEDICA 2027": ("2027-11-15", "2027-11-18", "Düsseldorf", "Germany", "calgary_chamber"),
        "Anuga 2027": ("2027-10-09", "2027-10-13", "Köln", "Germany", "winnipeg_chamber"),
        "Automechanika Frankfurt 2026": ("2026-09-08", "2026-09-12", "Frankfurt am Main", "Germany",
                                         "winnipeg_chamber"),
        "FRUIT LOGISTICA 2027": ("2027-02-03", "2027-02-05", "Berlin", "Germany", "winnipeg_chamber"),
    }
    for name, values in expected.items():
        fair = by_name(recorded, name)
        assert (fair.start, fair.end, fair.city, fair.country, fair.feed) == values, name
        assert fair.all_day is True


def test_all_day_fair_field_by_field(recorded: dict[str, TradeFairItem]) -> None:
    fair = recorded["calgarychamber.com?id=31510"]
    assert fair.name == "HANNOVER MESSE 2027"
    assert (fair.start, fair.end, fair.all_day, fair.timezone) == ("2027-04-12", "2027-04-16", True, "America/Edmonton")
    assert (fair.venue, fair.address, fair.city, fair.region, fair.postal_code, fair.country) == (
        "Hannover Exhibition Grounds (Messegelände)", "Messegelände", "Hannover", "Niedersachsen", "30521", "Germany")
    assert fair.organiser == "Deutsche Messe AG"  # first of two organizers
    assert fair.sectors == ["Trade Shows & Exhibitions", "Germany", "Industrial Technology"]
    assert fair.url == "https://calgarychamber.com/event/hannover-messe-2027/"
    assert fair.description.startswith("The world\u2019s leading trade fair for industrial technology")
    assert fair.updated == "2026-07-21T14:45:03+00:00"
    assert fair.status is None  # this site attaches no JSON-LD to archive items: status unknown
    assert fair.source_url == CALGARY


def test_tricky_anuga_foodtec_is_its_own_record(recorded: dict[str, TradeFairItem]) -> None:
    foodtec, anuga = by_name(recorded, "Anuga FoodTec 2027"), by_name(recorded, "Anuga 2027")
    assert foodtec.record_id != anuga.record_id
    assert (foodtec.start, foodtec.end, foodtec.city, foodtec.venue) == (
        "2027-03-23", "2027-03-26", "Köln", "Koelnmesse")
    assert foodtec.sectors == ["Trade Shows", "Food Processing", "Germany"]


def test_timed_seminar_stays_local_with_its_zone(recorded: dict[str, TradeFairItem]) -> None:
    seminar = recorded["www.winnipeg-chamber.com?id=10025"]
    assert seminar.name == "Exporting 101: Finding Your First International Customer"
    assert (seminar.start, seminar.end, seminar.timezone, seminar.all_day) == (
        "2026-09-24T08:30:00", "2026-09-24T11:30:00", "America/Winnipeg", False)
    assert seminar.status == "https://schema.org/EventScheduled"
    assert seminar.sectors == ["Seminars & Workshops", "International Trade"]
    assert seminar.description == ("A practical half-day workshop for first-time exporters: choosing a market, "
                                   "finding buyers, pricing with Incoterms® and getting paid.")


def test_cancelled_and_postponed_come_from_the_json_ld_event_status(recorded: dict[str, TradeFairItem]) -> None:
    cancelled = by_name(recorded, "CETA Market Access Breakfast")
    assert cancelled.status == "https://schema.org/EventCancelled"
    assert cancelled.description.startswith("This event has been cancelled.")
    postponed = by_name(recorded, "Webinar: Incoterms® 2020 for Manitoba Exporters")
    assert postponed.status == "https://schema.org/EventPostponed"


def test_online_event_with_venue_as_empty_array(recorded: dict[str, TradeFairItem]) -> None:
    webinar = recorded["calgarychamber.com?id=31620"]
    assert webinar.name == "Webinar: Navigating U.S. Tariffs & Customs for Alberta Exporters"
    assert (webinar.venue, webinar.address, webinar.city, webinar.region, webinar.country) == (None,) * 5
    assert (webinar.start, webinar.end, webinar.timezone) == ("2026-09-16T12:00:00", "2026-09-16T13:00:00",
                                                              "America/Edmonton")
    assert webinar.organiser == "Calgary Chamber of Commerce"


def test_html_entities_in_titles_are_decoded(recorded: dict[str, TradeFairItem]) -> None:
    names = {item.name for item in recorded.values()}
    assert "Export Essentials Seminar – Selling into the EU under CETA" in names  # &#8211;
    assert "Trade Delegation to Mexico – Manitoba Manufacturers" in names
    assert "Trade Mission to Japan & South Korea" in names  # &amp;
    assert not any("&#" in name or "&amp;" in name for name in names)


def test_trade_delegation(recorded: dict[str, TradeFairItem]) -> None:
    delegation = recorded["www.winnipeg-chamber.com?id=9952"]
    assert (delegation.start, delegation.end, delegation.timezone) == ("2027-03-08", "2027-03-11",
                                                                       "America/Mexico_City")
    assert (delegation.city, delegation.region, delegation.country) == ("Mexico City", None, "Mexico")
    assert delegation.sectors == ["Trade Missions", "International Trade", "Mexico", "CUSMA"]


def test_recordings_cover_the_brief(recorded: dict[str, TradeFairItem]) -> None:
    assert len(recorded) == 17
    assert {item.feed for item in recorded.values()} == {"calgary_chamber", "winnipeg_chamber"}
    assert all(item.record_id.split("?id=")[0] in {"calgarychamber.com", "www.winnipeg-chamber.com"}
               for item in recorded.values())


def test_replayed_crawl_follows_next_rest_url_through_the_index() -> None:
    """Start requests, then every follow-up, served from index.json; every recorded page is reached."""
    crawl = spider()

    async def first_requests() -> list[Request]:
        return [request async for request in crawl.start()]

    queue, served, found = asyncio.run(first_requests()), [], []
    assert [request.url for request in queue] == [CALGARY, WINNIPEG]
    while queue:
        request = queue.pop(0)
        served.append(request.url)
        with freeze_time("2026-11-28T12:00:00Z"):
            out = list(crawl.parse(replayed_response("wp_events_calendar", request)))
        queue += [follow for follow in out if isinstance(follow, Request)]
        found += items(out)
    assert sorted(served) == sorted(recorded_index("wp_events_calendar"))
    assert len(found) == 17 and len({item.record_id for item in found}) == 17


def test_last_page_has_no_next_and_points_back() -> None:
    url = next(url for url in recorded_index("wp_events_calendar") if "page=2" in url)
    page = json.loads((RECORDED / "winnipeg_chamber_page2.json").read_text(encoding="utf-8"))
    assert "next_rest_url" not in page and page["previous_rest_url"] in url
    assert [item.name for item in items(parse(json.dumps(page).encode(), url))] == [
        "Anuga 2027", "Trade Mission to Japan & South Korea"]
    assert not [out for out in parse(json.dumps(page).encode(), url) if isinstance(out, Request)]


# --- edge cases -----------------------------------------------------------------------------------

def event(**fields: Any) -> dict[str, Any]:
    return {"id": 7, "global_id": "x.test?id=7", "title": "Expo", "url": "https://x.test/event/expo/",
            "all_day": False, "start_date": "2027-03-12 09:00:00", "end_date": "2027-03-14 18:00:00",
            "utc_start_date": "2027-03-12 08:00:00", "utc_end_date": "2027-03-14 17:00:00",
            "timezone": "Europe/Berlin", "venue": [], "organizer": [], "categories": [], "tags": [], **fields}


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, ("2027-03-12T09:00:00", "2027-03-14T18:00:00", "Europe/Berlin")),
    ({"timezone": "UTC+2"}, ("2027-03-12T09:00:00+02:00", "2027-03-14T18:00:00+02:00", None)),
    ({"timezone": "UTC-3:30"}, ("2027-03-12T09:00:00-03:30", "2027-03-14T18:00:00-03:30", None)),
    ({"timezone": "UTC+5.5"}, ("2027-03-12T09:00:00+05:30", "2027-03-14T18:00:00+05:30", None)),
    ({"timezone": "UTC"}, ("2027-03-12T09:00:00", "2027-03-14T18:00:00", "UTC")),
    ({"timezone": ""}, ("2027-03-12T08:00:00+00:00", "2027-03-14T17:00:00+00:00", None)),  # UTC fields
    ({"all_day": True, "start_date": "2027-03-12 00:00:00", "end_date": "2027-03-14 23:59:59"},
     ("2027-03-12", "2027-03-14", "Europe/Berlin")),
    # a site with a 06:00 end-of-day cutoff stores all-day events from 06:00 to 05:59:59 the next day
    ({"all_day": True, "start_date": "2027-03-12 06:00:00", "end_date": "2027-03-15 05:59:59"},
     ("2027-03-12", "2027-03-14", "Europe/Berlin")),
    ({"start_date": "0000-00-00 00:00:00", "end_date": None}, (None, None, "Europe/Berlin")),
])
def test_event_dates(fields: dict[str, Any], expected: tuple[str | None, ...]) -> None:
    assert event_dates(event(**fields)) == expected


def test_zone_helpers() -> None:
    assert [iana_zone(name) for name in ("Europe/Berlin", "UTC+0", "CEST", "", None)] == [
        "Europe/Berlin", None, None, None, None]
    assert [utc_offset(name) for name in ("UTC+0", "UTC-9:30", "UTC+12.75", "Europe/Berlin")] == [
        "+00:00", "-09:30", "+12:45", None]


def test_broken_records_are_kept_or_counted() -> None:
    crawl = spider()
    out = items(parse(archive("not an event", event(id=None, global_id=None), event(title="", start_date="soon")),
                      "https://x.test/wp-json/tribe/events/v1/events", crawl))
    assert [(item.record_id, item.name, item.start) for item in out] == [("x.test?id=7", "", None)]
    stats = crawl.crawler.stats.get_stats()
    assert stats["invalid/not_an_object"] == 1 and stats["invalid/no_id"] == 1


def test_missing_global_id_falls_back_to_host_and_id() -> None:
    [item] = items(parse(archive(event(global_id=None)), "https://x.test/wp-json/tribe/events/v1/events"))
    assert item.record_id == "x.test?id=7"


def test_further_organizers_are_counted() -> None:
    crawl = spider()
    organizers = [{"id": 1, "organizer": "Koelnmesse GmbH"}, {"id": 2, "organizer": "GermanFOOD"}]
    [item] = items(parse(archive(event(organizer=organizers)), "https://x.test/e", crawl))
    assert item.organiser == "Koelnmesse GmbH"
    assert crawl.crawler.stats.get_value("unmapped/event/further_organizers") == 1


def test_page_past_the_end_ends_quietly() -> None:
    body = json.dumps({"code": "event-archive-page-not-found",
                       "message": "The requested event archive page does not exist", "data": {"status": 404}})
    assert parse(body.encode(), "https://x.test/wp-json/tribe/events/v1/events/?page=3") == []


def test_follow_up_requests_accept_the_end_of_pages_404() -> None:
    [follow] = [out for out in parse(archive(next_rest_url="https://x.test/wp-json/tribe/events/v1/events/?page=2"),
                                     "https://x.test/wp-json/tribe/events/v1/events") if isinstance(out, Request)]
    assert follow.url == "https://x.test/wp-json/tribe/events/v1/events/?page=2"
    assert follow.meta["handle_httpstatus_list"] == [404]


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>maintenance</html>", "response is not JSON"),
    (b'{"code": "rest_no_route", "message": "No route", "data": {"status": 404}}', "WordPress error 'rest_no_route'"),
    (b'[{"id": 1}]', "not an events archive page"),
])
def test_bad_document_is_a_clear_error(body: bytes, message: str) -> None:
    url = "https://calgarychamber.com/wp-json/tribe/events/v1/events?per_page=10&start_date=now"
    with pytest.raises(ValueError, match=rf"wp_events_calendar: {re.escape(url)}: .*{re.escape(message)}"):
        parse(body, url)


def test_sites_argument_selects_configured_sites() -> None:
    assert [site["name"] for site in WpEventsCalendarSpider(sites="winnipeg_chamber").sites] == ["winnipeg_chamber"]
    with pytest.raises(ValueError, match="unknown site"):
        WpEventsCalendarSpider(sites="nowhere")
