"""The iCalendar feeds spider on the replay recordings and on verbatim real feeds, clock frozen."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import TradeFairItem
from scrapers.middlewares import recorded_index
from scrapers.spiders.ical_feeds import IcalFeedsSpider

NOW = "2026-11-28T12:00:00Z"
RECORDED = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "ical_feeds"
SAMPLES = Path(__file__).resolve().parent / "samples" / "ical_feeds"
ORANGE_CITY = "https://orangecity.biz/events/list/?ical=1"
AMI = "https://www.annamariaislandchamber.org/events/?ical=1&tribe_display=list"
FABLAB = ("http://blog.fablab-cottbus.de/?plugin=all-in-one-event-calendar&controller=ai1ec_exporter_controller"
          "&action=export_events&no_html=true")
ELSEWHERE = "https://calendar.example.org/feed.ics"


def new_spider(lookback_days: int | None = None) -> IcalFeedsSpider:
    """A spider wired to a crawler, so that its stats can be read."""
    spider = IcalFeedsSpider.from_crawler(get_crawler(IcalFeedsSpider))
    if lookback_days is not None:
        spider.lookback_days = lookback_days
    return spider


def run(spider: IcalFeedsSpider, body: bytes, url: str, meta: dict | None = None) -> list:
    request = Request(url, meta=meta or {})
    with freeze_time(NOW):
        return list(spider.parse(TextResponse(url=url, body=body, request=request)))


def parse(path: Path, url: str, spider: IcalFeedsSpider | None = None) -> dict[str, TradeFairItem]:
    """Items of a recorded or sample file, by record_id."""
    out = run(spider or new_spider(), path.read_bytes(), url)
    return {item.record_id: item for item in out if isinstance(item, TradeFairItem)}


def ics(*events: str, header: str = "") -> bytes:
    """A minimal calendar around VEVENT bodies, CRLF as the RFC requires."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *header.split("\n"),
             *(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT" for event in events), "END:VCALENDAR"]
    return "\r\n".join(line for block in lines if block for line in block.split("\n")).encode() + b"\r\n"


def stats(spider: IcalFeedsSpider) -> dict:
    return spider.crawler.stats.get_stats()


# --- The replay recordings -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def orange_city() -> dict[str, TradeFairItem]:
    return parse(RECORDED / "orangecity_chamber.ics", ORANGE_CITY)


@pytest.fixture(scope="module")
def ami() -> dict[str, TradeFairItem]:
    return parse(RECORDED / "ami_chamber.ics", AMI)


@pytest.fixture(scope="module")
def fablab() -> dict[str, TradeFairItem]:
    return parse(RECORDED / "fablab_cottbus.ics", FABLAB)


def test_all_day_fair_field_by_field(orange_city: dict[str, TradeFairItem]) -> None:
    gulfood = orange_city["46240-1802649600-1803081599@orangecity.biz"]
    assert (gulfood.name, gulfood.start, gulfood.end, gulfood.all_day, gulfood.timezone) == (
        "Gulfood 2027", "2027-02-15", "2027-02-19", True, None)  # DTEND 20270220 is exclusive
    assert gulfood.venue == "Dubai World Trade Centre, Sheikh Zayed Road, Dubai, United Arab Emirates"
    assert (gulfood.city, gulfood.country, gulfood.address) == (None, None, None)  # LOCATION is not split
    assert gulfood.sectors == ["International Trade Shows", "Food and Beverage"]
    assert gulfood.url == "https://orangecity.biz/event/gulfood-2027/"
    assert gulfood.description.startswith("The world's largest annual food and beverage trade show.")
    assert (gulfood.updated, gulfood.sequence, gulfood.status) == ("2026-11-03T12:09:50+00:00", None, None)
    assert (gulfood.feed, gulfood.source, gulfood.source_url) == ("orangecity_chamber", "ical_feeds", ORANGE_CITY)
    assert gulfood.fetched_at == "2026-11-28T12:00:00+00:00" and len(gulfood.content_hash) == 64


def test_escaped_commas_in_summary_and_location_are_unescaped(orange_city: dict[str, TradeFairItem]) -> None:
    canton = orange_city["46333-1807747200-1808179199@orangecity.biz"]
    assert canton.name == "China Import and Export Fair (Canton Fair), 141st Session – Phase 1"
    assert canton.venue == "China Import and Export Fair Complex, 380 Yuejiang Zhong Road, Guangzhou, China"
    assert (canton.start, canton.end) == ("2027-04-15", "2027-04-19")


def test_tzid_time_stays_local_with_its_zone_and_organiser_cn(orange_city: dict[str, TradeFairItem]) -> None:
    expo = orange_city["46301-1804755600-1804777200@orangecity.biz"]
    assert (expo.start, expo.end, expo.timezone, expo.all_day) == (
        "2027-03-11T09:00:00", "2027-03-11T15:00:00", "America/Chicago", False)
    assert expo.organiser == "Orange CIty Chamber"  # CN as published, typo included


def test_past_event_skipped_and_recent_fair_kept_by_lookback() -> None:
    spider = new_spider()
    names = {item.name for item in parse(RECORDED / "orangecity_chamber.ics", ORANGE_CITY, spider).values()}
    assert "Export Compliance Breakfast" not in names  # 2026-06-17, before the horizon start 2026-09-29
    assert "SIAL Paris 2026" in names  # ended 2026-10-21, inside the 60-day lookback
    assert stats(spider)["ical_feeds/skipped_past"] == 1


def test_without_lookback_the_horizon_starts_today() -> None:
    spider = new_spider(lookback_days=0)
    names = {item.name for item in parse(RECORDED / "orangecity_chamber.ics", ORANGE_CITY, spider).values()}
    assert "SIAL Paris 2026" not in names
    assert stats(spider)["ical_feeds/skipped_past"] == 2


def test_tricky_fresh_produce_forum_is_a_record_of_its_own(ami: dict[str, TradeFairItem]) -> None:
    fruit = ami["20840-1801612800-1801871999@www.annamariaislandchamber.org"]
    forum = ami["20841-1801645200-1801846800@www.annamariaislandchamber.org"]
    assert (fruit.name, fruit.start, fruit.end, fruit.all_day) == ("FRUIT LOGISTICA 2027", "2027-02-03",
                                                                   "2027-02-05", True)
    assert (forum.name, forum.start, forum.end, forum.timezone) == (
        "Fresh Produce Forum 2027", "2027-02-03T09:00:00", "2027-02-05T17:00:00", "Europe/Berlin")
    assert forum.venue == fruit.venue == "Messe Berlin, Messedamm 22, Berlin, 14055, Germany"
    assert forum.sectors == ["Conferences"]


def test_yearly_fair_expanded_in_horizon_with_its_cancelled_edition(fablab: dict[str, TradeFairItem]) -> None:
    uid = "ai1ec-2315@blog.fablab-cottbus.de"
    editions = {key: item for key, item in fablab.items() if key.startswith(uid)}
    assert sorted(editions) == [f"{uid}/2027-06-13", f"{uid}/2028-06-13", f"{uid}/2029-06-13"]
    cancelled = editions[f"{uid}/2027-06-13"]
    assert (cancelled.status, cancelled.sequence, cancelled.start, cancelled.end) == (
        "CANCELLED", 1, "2027-06-13", "2027-06-14")
    assert cancelled.description == "Der Makertag 2027 fällt aus: die Halle wird saniert. 2028 geht es weiter."
    assert editions[f"{uid}/2028-06-13"].status is None
    assert editions[f"{uid}/2028-06-13"].name == "Lausitzer Makertag"


def test_floating_time_takes_the_calendars_x_wr_timezone(fablab: dict[str, TradeFairItem]) -> None:
    course = fablab["ai1ec-2321@blog.fablab-cottbus.de"]
    assert (course.start, course.end, course.timezone) == ("2027-01-16T14:00:00", "2027-01-16T17:00:00",
                                                           "Europe/Berlin")
    assert course.description == "Wir löten einen Blinker. Material wird gestellt; bitte anmelden."


def test_utc_time_keeps_its_offset_despite_x_wr_timezone(fablab: dict[str, TradeFairItem]) -> None:
    online = fablab["ai1ec-2330@blog.fablab-cottbus.de"]
    assert (online.start, online.end, online.timezone) == ("2027-01-20T17:00:00+00:00", "2027-01-20T18:00:00+00:00",
                                                           None)


def test_duplicate_uid_keeps_the_highest_sequence() -> None:
    spider = new_spider()
    items = parse(RECORDED / "fablab_cottbus.ics", FABLAB, spider)
    meeting = items["ai1ec-2336@blog.fablab-cottbus.de"]
    assert (meeting.start, meeting.sequence) == ("2027-03-13T17:00:00", 1)
    assert meeting.description.endswith("Neuer Termin: 13. März!")
    assert stats(spider)["ical_feeds/superseded_revisions"] == 1
    assert stats(spider)["unmapped/vevent/GEO"] == 6  # GEO is not mapped, but reported
    assert stats(spider)["unmapped/vcalendar/X-FROM-URL"] == 1


def test_replayed_crawl_reads_every_feed_and_covers_the_shared_fairs() -> None:
    spider = new_spider()
    index = recorded_index("ical_feeds")

    async def start_urls() -> list[str]:
        return [request.url async for request in spider.start()]

    urls = asyncio.run(start_urls())
    assert sorted(urls) == sorted(index) == sorted([ORANGE_CITY, AMI, FABLAB])
    out = [item for url in urls for item in run(spider, index[url].read_bytes(), url)]
    assert not [item for item in out if isinstance(item, Request)]  # every page is short: no next page
    items = [item for item in out if isinstance(item, TradeFairItem)]
    names = {item.name for item in items}
    assert {"Anuga 2027", "Gulfood 2027", "SIAL Paris 2026", "FRUIT LOGISTICA 2027", "Fresh Produce Forum 2027",
            "China Import and Export Fair (Canton Fair), 141st Session – Phase 1"} <= names
    assert len(items) == 15 and len({item.record_id for item in items}) == 15
    assert {item.feed for item in items} == {"orangecity_chamber", "ami_chamber", "fablab_cottbus"}


def tec_page(n_events: int) -> bytes:
    events = [f"DTSTART;VALUE=DATE:20270{1 + n % 9}01\nUID:{n}-1-2@orangecity.biz\nSUMMARY:Event {n}"
              for n in range(n_events)]
    return ics(*events)


def test_full_events_calendar_page_is_followed_by_the_next_page() -> None:
    spider = new_spider()
    out = run(spider, tec_page(30), ORANGE_CITY, meta={"feed": "orangecity_chamber", "page": 1})
    follow = [item for item in out if isinstance(item, Request)]
    assert [(r.url, r.meta["page"], r.meta["feed"]) for r in follow] == [
        ("https://orangecity.biz/events/list/page/2/?ical=1", 2, "orangecity_chamber")]
    last = run(spider, tec_page(29), "https://orangecity.biz/events/list/page/2/?ical=1",
               meta={"feed": "orangecity_chamber", "page": 2})
    assert not [item for item in last if isinstance(item, Request)]
    assert {item.feed for item in last} == {"orangecity_chamber"}


# --- Verbatim real feeds (tests/scrapers/samples/ical_feeds/PROVENANCE.md) -------------------------------------

def test_real_all_in_one_event_calendar_feed() -> None:
    spider = new_spider()
    items = parse(SAMPLES / "fablab_cottbus.ics", FABLAB, spider)
    uid = "ai1ec-1887@blog.fablab-cottbus.de"  # Repair Café, RRULE:FREQ=MONTHLY;BYDAY=1SA since 2018-01-06
    assert sorted(items)[:3] == [f"{uid}/2026-10-03", f"{uid}/2026-11-07", f"{uid}/2026-12-05"]
    assert len(items) == 38  # first Saturdays from October 2026 to November 2029
    cafe = items[f"{uid}/2026-12-05"]
    assert (cafe.name, cafe.start, cafe.end, cafe.timezone) == (
        "Repair Café", "2026-12-05T14:00:00", "2026-12-05T17:00:00", "Europe/Berlin")
    assert cafe.venue == "FabLab Cottbus @ Walther-Pauer-Straße 5, 03044 Cottbus, Deutschland"
    assert cafe.url == "http://blog.fablab-cottbus.de/Veranstaltung/repair-cafe-2/"
    assert (cafe.sectors, cafe.sequence, cafe.feed) == ([], 0, "fablab_cottbus")
    assert cafe.description.startswith("Dein Handy ist kaputt, der Staubsauger streikt")
    assert stats(spider)["ical_feeds/skipped_past"] == 27
    assert stats(spider)["unmapped/vevent/X-ALT-DESC"] == 28


def test_real_cancelled_occurrence_of_a_thunderbird_series_is_kept() -> None:
    items = parse(SAMPLES / "issue_18_cancel_status.ics", ELSEWHERE, new_spider(lookback_days=3000))
    uid = "b65c2b5b-b785-4edc-9560-e0379036d1f2"
    assert sorted(items) == [f"{uid}/2020-01-28", f"{uid}/2020-01-29", f"{uid}/2020-01-30"]
    cancelled = items[f"{uid}/2020-01-29"]
    assert (cancelled.status, cancelled.sequence, cancelled.start, cancelled.timezone) == (
        "CANCELLED", 2, "2020-01-29T22:00:00", "Europe/Berlin")
    assert (cancelled.updated, cancelled.venue, cancelled.description) == ("2020-02-06T21:08:26+00:00", None, None)
    assert items[f"{uid}/2020-01-30"].status is None
    assert items[f"{uid}/2020-01-30"].feed is None  # not a registered feed, and no X-WR-CALNAME


def test_real_all_day_event_with_dtend_equal_to_dtstart_ends_on_its_day() -> None:
    items = parse(SAMPLES / "example.ics", ELSEWHERE, new_spider(lookback_days=3000))
    new_year = items["636a0cc1dbd5a1667894465@icalendar"]
    assert (new_year.start, new_year.end, new_year.all_day, new_year.status) == (
        "2022-01-01", "2022-01-01", True, "CONFIRMED")
    assert new_year.feed == "Holidays"  # X-WR-CALNAME names a feed outside the registry
    assert items["636a0cc1dbfd91667894465@icalendar"].venue == "Russia"


def test_real_floating_time_with_x_wr_timezone() -> None:
    event = parse(SAMPLES / "issue_86_x_wr_timezone_without_time_zone_in_dt.ics", ELSEWHERE,
                  new_spider(lookback_days=3000))["match_1025179"]
    assert (event.start, event.end, event.timezone) == ("2021-09-16T21:00:00", "2021-09-16T22:45:00",
                                                        "Europe/Brussels")


def test_real_google_utc_times_are_not_moved_into_x_wr_timezone() -> None:
    items = parse(SAMPLES / "x_wr_timezone_simple_events_issue_59.ics", ELSEWHERE, new_spider(lookback_days=3000))
    noon = items["3bc4jff97631or97ntnk75n4se@google.com"]
    assert (noon.start, noon.end, noon.timezone) == ("2021-12-22T17:00:00+00:00", "2021-12-22T18:00:00+00:00", None)
    assert (noon.sequence, noon.status, noon.venue, noon.description) == (2, "CONFIRMED", None, None)


def test_real_categories_with_escaped_commas() -> None:
    event = parse(SAMPLES / "issue_127_categories_with_commas.ics", ELSEWHERE,
                  new_spider(lookback_days=5000))["issue-127-test@example.com"]
    assert event.sectors == ["Meeting, John", "Work, Sarah", "Project"]


def test_real_broken_dtstart_is_yielded_with_the_date_as_written() -> None:
    event = parse(SAMPLES / "broken_dtstart.ics", ELSEWHERE)["test-123"]
    assert (event.start, event.end, event.date_text, event.name) == (None, None, "INVALID-DATE", "")


# --- Edge cases on small calendars ----------------------------------------------------------------------------

def one(body: bytes, spider: IcalFeedsSpider | None = None) -> TradeFairItem:
    [item] = [item for item in run(spider or new_spider(), body, ELSEWHERE) if isinstance(item, TradeFairItem)]
    return item


def test_all_day_without_dtend_lasts_one_day() -> None:
    assert (one(ics("UID:a\nDTSTART;VALUE=DATE:20270301\nSUMMARY:A")).end) == "2027-03-01"


def test_all_day_duration_ends_on_the_last_day() -> None:
    event = one(ics("UID:a\nDTSTART;VALUE=DATE:20270301\nDURATION:P3D\nSUMMARY:A"))
    assert (event.start, event.end) == ("2027-03-01", "2027-03-03")


def test_tzid_utc_as_the_events_calendar_writes_it_stays_local() -> None:
    event = one(ics("UID:a\nDTSTART;TZID=UTC:20270705T073000\nDTEND;TZID=UTC:20270705T120000\nSUMMARY:A"))
    assert (event.start, event.end, event.timezone) == ("2027-07-05T07:30:00", "2027-07-05T12:00:00", "UTC")


def test_floating_time_without_x_wr_timezone_has_no_zone() -> None:
    event = one(ics("UID:a\nDTSTART:20270115T090000\nDTEND:20270115T170000\nSUMMARY:A"))
    assert (event.start, event.timezone) == ("2027-01-15T09:00:00", None)


def test_organiser_without_cn_is_its_address() -> None:
    event = one(ics("UID:a\nDTSTART;VALUE=DATE:20270301\nORGANIZER:mailto:fairs@example.org\nSUMMARY:A"))
    assert event.organiser == "fairs@example.org"


def test_same_sequence_later_last_modified_wins() -> None:
    body = ics("UID:a\nDTSTART;VALUE=DATE:20270301\nSEQUENCE:2\nLAST-MODIFIED:20261101T100000Z\nSUMMARY:New",
               "UID:a\nDTSTART;VALUE=DATE:20270201\nSEQUENCE:2\nLAST-MODIFIED:20261001T100000Z\nSUMMARY:Old")
    event = one(body)
    assert (event.name, event.start, event.updated) == ("New", "2027-03-01", "2026-11-01T10:00:00+00:00")


def test_event_without_uid_is_logged_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    spider = new_spider()
    out = run(spider, ics("DTSTART;VALUE=DATE:20270301\nSUMMARY:No id"), ELSEWHERE)
    assert out == []
    assert stats(spider)["invalid/no_uid"] == 1
    assert "VEVENT 'No id' has no UID" in caplog.text


def test_event_after_the_horizon_is_counted() -> None:
    spider = new_spider()
    assert run(spider, ics("UID:a\nDTSTART;VALUE=DATE:20350301\nSUMMARY:Far"), ELSEWHERE) == []
    assert stats(spider)["ical_feeds/skipped_after_horizon"] == 1


def test_not_a_calendar_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"ical_feeds: https://calendar\.example\.org/feed\.ics: not an iCalendar"):
        run(new_spider(), b"<!DOCTYPE html><html><body>Events</body></html>", ELSEWHERE)


def test_unexpandable_series_is_logged_and_counted_and_the_rest_kept(caplog: pytest.LogCaptureFixture) -> None:
    spider = new_spider()
    body = ics("UID:bad-rule\nDTSTART;VALUE=DATE:20270301\nRRULE:FREQ=FOO\nSUMMARY:Bad rule",
               "UID:bad-end\nDTSTART;VALUE=DATE:20270301\nDTEND:garbage\nSUMMARY:Bad end",
               "UID:good\nDTSTART;VALUE=DATE:20270301\nSUMMARY:Good")
    assert [item.record_id for item in run(spider, body, ELSEWHERE)] == ["good"]
    assert stats(spider)["invalid/unexpandable_series"] == 2
    assert "UID bad-rule cannot be expanded" in caplog.text


def test_page_following_stops_at_the_page_cap(caplog: pytest.LogCaptureFixture) -> None:
    out = run(new_spider(), tec_page(30), "https://orangecity.biz/events/list/page/50/?ical=1",
              meta={"feed": "orangecity_chamber", "page": 50})
    assert not [item for item in out if isinstance(item, Request)]
    assert "orangecity_chamber: stopped after 50 pages" in caplog.text
