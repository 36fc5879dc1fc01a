"""The schema.org Event spider on verbatim schema.org / extruct examples and on the recorded organiser pages."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import TradeFairItem
from scrapers.middlewares import replayed_response
from scrapers.spiders.schema_org_events import SchemaOrgEventsSpider, Site, html_tree

SAMPLES = Path(__file__).parent / "samples" / "schema_org_events"
RECORDED = Path(__file__).resolve().parents[2] / "scrapers" / "recorded" / "schema_org_events"
INDEX = json.loads((RECORDED / "index.json").read_text(encoding="utf-8"))
PAGE = "https://example.org/page.html"
VAM = "http://www.vam.ac.uk/whatson/event/5150/shoes-pleasure-and-pain-696789408/"


def new_spider(**kwargs: Any) -> SchemaOrgEventsSpider:
    return SchemaOrgEventsSpider.from_crawler(get_crawler(SchemaOrgEventsSpider), **kwargs)


def parse(body: bytes, url: str, spider: SchemaOrgEventsSpider | None = None) -> list[Any]:
    spider = spider or new_spider()
    response = TextResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    with freeze_time("2026-11-28T12:00:00Z"):
        return list(spider.parse(response))


def sample(name: str, url: str = PAGE, spider: SchemaOrgEventsSpider | None = None) -> list[Any]:
    return parse((SAMPLES / name).read_bytes(), url, spider)


def recorded(url: str, spider: SchemaOrgEventsSpider | None = None) -> list[Any]:
    return parse((RECORDED / INDEX[url.rstrip("/")]).read_bytes(), url, spider)


def events(out: list[Any]) -> list[TradeFairItem]:
    return [item for item in out if isinstance(item, TradeFairItem)]


def links(out: list[Any]) -> list[str]:
    return [request.url for request in out if isinstance(request, Request)]


def stats(spider: SchemaOrgEventsSpider) -> dict[str, Any]:
    return spider.crawler.stats.get_stats()


# --- verbatim examples ---------------------------------------------------------------------------------

@pytest.mark.parametrize("syntax", ["microdata", "rdfa", "jsonld"])
def test_schema_org_exhibition_event_reads_the_same_in_every_syntax(syntax: str) -> None:
    spider = new_spider()
    [event] = events(sample(f"schemaorg_exhibitionevent_{syntax}.html", spider=spider))
    assert (event.name, event.start, event.end, event.all_day) == (
        "Shoes: Pleasure and Pain", "2015-06-13", "2016-01-31", True)  # RDFa: the <time datetime>, not its text
    assert (event.event_type, event.venue, event.city, event.status) == (
        "ExhibitionEvent", "Victoria and Albert Museum", None, None)
    assert event.url == VAM
    assert event.record_id == VAM + "#Shoes: Pleasure and Pain"
    assert event.description.startswith("Explore the transformative power of footwear")
    assert (event.source, event.source_url) == ("schema_org_events", PAGE)
    assert event.fetched_at == "2026-11-28T12:00:00+00:00"
    assert event.feed is None  # example.org is none of the configured sites
    assert stats(spider)["unmapped/Event/offers"] == 1


@pytest.mark.parametrize("syntax", ["microdata", "rdfa", "jsonld"])
def test_cancelled_event_with_place_and_postal_address(syntax: str) -> None:
    [event] = events(sample(f"schemaorg_eg0171_cancelled_{syntax}.html"))
    assert (event.name, event.start, event.end, event.all_day) == (
        "CANCELLED - Typhoon with Radiation City", "2013-09-14T21:30", None, False)
    assert event.status == "https://schema.org/EventCancelled"
    assert (event.venue, event.address, event.city, event.region, event.postal_code, event.country) == (
        "The Hi-Dive", "7 S. Broadway", "Denver", "CO", "80209", None)
    assert (event.url, event.record_id) == (PAGE, PAGE + "#CANCELLED - Typhoon with Radiation City")


@pytest.mark.parametrize("syntax", ["microdata", "rdfa"])
def test_rescheduled_event_has_its_new_start_and_counts_the_previous_one(syntax: str) -> None:
    spider = new_spider()
    [event] = events(sample(f"schemaorg_eg0172_rescheduled_{syntax}.html", spider=spider))
    assert (event.name, event.start, event.status) == (
        "Typhoon with Radiation City", "2013-10-12T22:00", "https://schema.org/EventRescheduled")
    assert stats(spider)["unmapped/Event/previousStartDate"] == 1


def test_graph_without_an_event_node_gives_nothing() -> None:
    assert sample("schemaorg_eg0172_graph_jsonld.html") == []


def test_top_level_array_of_another_event_type_is_counted_not_mapped() -> None:
    spider = new_spider()
    assert sample("schemaorg_eg0201_array_jsonld.html", spider=spider) == []
    assert stats(spider)["skipped_type/MusicEvent"] == 2


def test_one_name_on_two_dates_gets_two_record_ids() -> None:
    out = events(sample("schemaorg_eg0201_array_jsonld.html", spider=new_spider(event_types="MusicEvent")))
    assert [(e.record_id, e.venue, e.address) for e in out] == [
        (PAGE + "#B.B. King@2014-04-12T19:30", "Lupo's Heartbreak Hotel", "79 Washington St., Providence, RI"),
        (PAGE + "#B.B. King@2014-04-13T20:00", "Lynn Auditorium", "Lynn, MA, 01901"),
    ]


def test_sub_event_is_its_own_record() -> None:
    out = events(sample("schemaorg_eg0191_subevent_jsonld.html", spider=new_spider(event_types="SportsEvent")))
    assert [(e.record_id, e.name, e.event_type) for e in out] == [
        (PAGE + "#2013 World Series", "2013 World Series", "SportsEvent"),
        ("http://mlb.com/ws2013g1", "2013 World Series - Game 1", "SportsEvent"),
    ]


def test_extruct_microdata_sample_with_relative_urls() -> None:
    spider = new_spider()
    [event] = events(sample("extruct_Event.001.html", "http://www.example.com/", spider))
    assert event.name == "Miami Heat at Philadelphia 76ers - Game 3 (Home Game 1)"
    assert (event.start, event.event_type, event.city, event.region, event.venue) == (
        "2016-04-21T20:00", "Event", "Philadelphia", "PA", None)
    assert event.url == "http://www.example.com/nba-miami-philidelphia-game3.html"
    assert stats(spider)["unmapped/Place/url"] == 1


def test_broken_json_ld_block_is_logged_and_the_other_blocks_kept(caplog: pytest.LogCaptureFixture) -> None:
    spider = new_spider()
    body = (SAMPLES / "extruct_JSONLD_mixed_valid_invalid.html").read_bytes()
    tree = html_tree(TextResponse(url=PAGE, body=body, encoding="utf-8"))
    with caplog.at_level(logging.WARNING):
        nodes = spider.jsonld_nodes(tree, PAGE)
    assert [(node["@type"], node.get("name")) for node in nodes] == [
        ("Product", "A valid product, before the broken script"), ("Offer", None)]
    assert f"{PAGE}: JSON-LD block 2 skipped: Expecting ',' delimiter" in caplog.text
    assert stats(spider)["invalid/json_ld_block"] == 1


def test_the_same_event_in_two_syntaxes_of_one_page_is_yielded_once() -> None:
    spider = new_spider()
    body = b"".join((SAMPLES / f"schemaorg_exhibitionevent_{s}.html").read_bytes() for s in ("jsonld", "microdata"))
    assert len(events(parse(body, PAGE, spider))) == 1
    assert stats(spider)["duplicate/microdata"] == 1


def test_dates_that_are_not_iso_and_a_missing_name() -> None:
    body = (b'<div itemscope itemtype="https://schema.org/BusinessEvent">'
            b'<span itemprop="startDate">12 April 2027</span><span itemprop="endDate">16 April 2027</span></div>')
    [event] = events(parse(body, PAGE))
    assert (event.name, event.start, event.end, event.all_day) == ("", None, None, None)
    assert event.date_text == "12 April 2027 – 16 April 2027"
    assert event.record_id == PAGE + "#"


def test_a_response_that_is_not_html_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"schema_org_events: https://example.org/page.html: not an HTML page"):
        parse(b"", PAGE)


def test_a_bad_site_entry_fails_fast() -> None:
    with pytest.raises(ValueError, match=r"site 'x': missing \['publisher', 'start_url', 'terms_url'\]"):
        Site.from_params({"name": "x", "follow": "a"})


# --- recorded organiser pages ------------------------------------------------------------------------

def test_listing_follows_link_rel_next_and_the_configured_event_links_only() -> None:
    out = recorded("https://www.messe.de/en/events/")
    assert events(out) == []
    assert links(out) == ["https://www.messe.de/en/events/?page=2", "https://www.hannovermesse.de/en/",
                          "https://www.ligna.de/en/"]
    assert links(recorded("https://www.messe.de/en/events/?page=2")) == ["https://www.agritechnica.com/en/"]


def test_listing_with_a_rel_next_and_one_with_a_configured_next_anchor() -> None:
    assert links(recorded("https://www.messe-duesseldorf.com/en/Trade_fairs")) == [
        "https://www.medica-tradefair.com/", "https://www.boot.de/en/",
        "https://www.messe-duesseldorf.com/en/Trade_fairs?page=2"]
    assert links(recorded("https://www.messefrankfurt.com/frankfurt/en/trade-fairs-events.html")) == [
        "https://automechanika.messefrankfurt.com/frankfurt/en.html",
        "https://www.messefrankfurt.com/frankfurt/en/trade-fairs-events.html?page=2"]


def test_a_followed_link_to_another_host_is_dropped() -> None:
    assert links(recorded("https://www.worldhealthexpo.com/events")) == ["https://www.worldhealthexpo.com/dubai"]


def test_medica_graph_resolves_references_and_keeps_the_previous_edition_apart() -> None:
    medica_2027, medica_2026 = events(recorded("https://www.medica-tradefair.com/"))
    assert medica_2027.record_id == "https://www.medica-tradefair.com/#/schema/Event/medica-2027"
    assert (medica_2027.name, medica_2027.start, medica_2027.end) == ("MEDICA 2027", "2027-11-15", "2027-11-18")
    assert (medica_2027.venue, medica_2027.address, medica_2027.postal_code, medica_2027.city, medica_2027.country) == (
        "Messe Düsseldorf", "Stockumer Kirchstraße 61", "40474", "Düsseldorf", "DE")
    assert (medica_2027.organiser, medica_2027.feed) == ("Messe Düsseldorf GmbH", "messe_duesseldorf")
    assert medica_2027.sectors == ["medical devices", "healthcare", "laboratory technology", "diagnostics",
                                   "digital health"]
    assert medica_2026.record_id == "https://www.medica-tradefair.com/#/schema/Event/medica-2026"
    assert (medica_2026.name, medica_2026.start, medica_2026.end, medica_2026.city) == (
        "MEDICA 2026", "2026-11-16", "2026-11-19", "Düsseldorf")


def test_hannover_messe_in_rdfa() -> None:
    [fair] = events(recorded("https://www.hannovermesse.de/en/"))
    assert (fair.record_id, fair.name, fair.start, fair.end) == (
        "https://www.hannovermesse.de/en/#event", "HANNOVER MESSE 2027", "2027-04-12", "2027-04-16")
    assert (fair.venue, fair.address, fair.postal_code, fair.city, fair.country) == (
        "Exhibition Grounds Hannover", "Messegelände", "30521", "Hannover", "DE")
    assert (fair.status, fair.event_type, fair.organiser) == (
        "https://schema.org/EventScheduled", "ExhibitionEvent", "Deutsche Messe AG")
    assert fair.sectors == ["Automation", "Motion & Drives", "Digital Ecosystems", "Energy Solutions",
                            "Engineered Parts & Solutions"]
    assert fair.feed == "deutsche_messe"


def test_postponed_event_keeps_its_original_dates() -> None:
    spider = new_spider()
    [ligna] = events(recorded("https://www.ligna.de/en/", spider))
    assert (ligna.name, ligna.status, ligna.start, ligna.end) == (
        "LIGNA 2027", "https://schema.org/EventPostponed", "2027-05-10", "2027-05-14")
    assert ligna.description == ("LIGNA 2027 has been postponed. New dates will be announced shortly.\n"
                                 "Tools & machines for the woodworking and wood processing industries.")
    assert ligna.record_id == "https://www.ligna.de/en/#LIGNA 2027"
    assert stats(spider)["unmapped/Event/previousStartDate"] == 1


def test_rescheduled_event_with_a_bare_status_keeps_its_record_id() -> None:
    [boot] = events(recorded("https://www.boot.de/en/"))
    assert (boot.name, boot.status, boot.start, boot.end) == (
        "boot Düsseldorf 2027", "EventRescheduled", "2027-01-23", "2027-01-31")
    assert boot.record_id == "https://www.boot.de/en/#boot Düsseldorf 2027"  # no date in it
    assert (boot.organiser, boot.sectors) == ("Messe Düsseldorf GmbH", ["boats", "yachts", "water sports", "diving"])


def test_rdfa_blank_node_gets_a_stable_record_id() -> None:
    first, again = (events(recorded("https://www.drupa.com/")) for _ in range(2))
    assert first[0].record_id == again[0].record_id == "https://www.drupa.com/#drupa 2028"
    assert (first[0].start, first[0].end, first[0].venue, first[0].organiser) == (
        "2028-05-09", "2028-05-19", "Messe Düsseldorf", "Messe Düsseldorf GmbH")


def test_ces_times_with_offset_and_its_sub_event() -> None:
    ces, unveiled = events(recorded("https://www.ces.tech/"))
    assert (ces.record_id, ces.name, ces.start, ces.end, ces.all_day) == (
        "https://www.ces.tech/#ces-2027", "CES 2027", "2027-01-06T09:00-08:00", "2027-01-09T16:00-08:00", False)
    assert (ces.venue, ces.city, ces.region, ces.postal_code, ces.country) == (
        "Las Vegas Convention Center", "Las Vegas", "NV", "89109", "US")
    assert (unveiled.name, unveiled.start, unveiled.venue, unveiled.organiser) == (
        "CES Unveiled Las Vegas", "2027-01-04T17:00-08:00", "Mandalay Bay Convention Center", None)
    assert unveiled.url == "https://www.ces.tech/events/ces-unveiled-las-vegas/"
    assert unveiled.record_id == "https://www.ces.tech/events/ces-unveiled-las-vegas/#CES Unveiled Las Vegas"


def test_type_list_and_country_object() -> None:
    [sial] = events(recorded("https://www.sialparis.com/en"))
    assert (sial.name, sial.event_type, sial.start, sial.end) == (
        "SIAL Paris 2026", "ExhibitionEvent, BusinessEvent", "2026-10-17", "2026-10-21")
    assert (sial.venue, sial.city, sial.region, sial.postal_code, sial.country) == (
        "Paris Nord Villepinte", "Villepinte", "Île-de-France", "95970", "France")
    assert sial.description == "SIAL Paris, the world's largest food innovation exhibition."


def test_broken_block_on_an_organiser_page_leaves_its_other_markup(caplog: pytest.LogCaptureFixture) -> None:
    spider = new_spider()
    with caplog.at_level(logging.WARNING):
        phase_2, phase_1 = events(recorded("https://www.cantonfair.org.cn/en-US", spider))
    assert "https://www.cantonfair.org.cn/en-US: JSON-LD block 1 skipped: Expecting ',' delimiter" in caplog.text
    assert stats(spider)["invalid/json_ld_block"] == 1
    assert (phase_1.name, phase_1.start, phase_1.end, phase_1.city, phase_1.country) == (
        "141st China Import and Export Fair (Canton Fair) Phase 1", "2027-04-15", "2027-04-19", "Guangzhou", "CN")
    assert phase_1.url == "https://www.cantonfair.org.cn/en-US/phase1"  # from the microdata
    assert (phase_2.name, phase_2.start, phase_2.end) == (
        "141st China Import and Export Fair (Canton Fair) Phase 2", "2027-04-23", "2027-04-27")


def test_location_list_with_a_virtual_location_and_attendance_mode() -> None:
    spider = new_spider()
    [whx] = events(recorded("https://www.worldhealthexpo.com/dubai", spider))
    assert (whx.name, whx.start, whx.end) == ("WHX Dubai 2027", "2027-01-25T10:00+04:00", "2027-01-28T17:00+04:00")
    assert (whx.venue, whx.address, whx.city, whx.country, whx.organiser) == (
        "Dubai World Trade Centre", "Sheikh Zayed Road, Trade Centre 2", "Dubai", "AE", "Informa Markets")
    counted = stats(spider)
    assert counted["unmapped/VirtualLocation/url"] == 1
    assert counted["unmapped/Event/eventAttendanceMode"] == counted["unmapped/Event/alternateName"] == 1


def test_microdata_about_things_are_sectors() -> None:
    [fair] = events(recorded("https://automechanika.messefrankfurt.com/frankfurt/en.html"))
    assert (fair.name, fair.start, fair.end, fair.city, fair.country) == (
        "Automechanika Frankfurt 2026", "2026-09-08", "2026-09-12", "Frankfurt am Main", "Germany")
    assert (fair.sectors, fair.organiser) == (["Automotive", "Aftermarket"], "Messe Frankfurt Exhibition GmbH")


# --- the replayed crawl --------------------------------------------------------------------------------

def replayed_crawl(spider: SchemaOrgEventsSpider) -> tuple[list[TradeFairItem], set[str]]:
    """Start requests, then every follow-up, each served from the recordings as the replay serves it."""

    async def start_urls() -> list[str]:
        return [request.url async for request in spider.start()]

    queue, fetched, items = asyncio.run(start_urls()), set(), []
    while queue:
        url = queue.pop(0)
        if url in fetched:
            continue
        fetched.add(url)
        with freeze_time("2026-11-28T12:00:00Z"):
            out = list(spider.parse(replayed_response("schema_org_events", Request(url))))
        items += events(out)
        queue += links(out)
    return items, fetched


def test_replayed_crawl_reaches_every_recorded_page_and_every_event() -> None:
    items, fetched = replayed_crawl(new_spider())
    assert {url.rstrip("/") for url in fetched} == set(INDEX)
    assert len(items) == 15
    assert len({item.record_id for item in items}) == 15
    assert {item.feed for item in items} == {
        "deutsche_messe", "messe_duesseldorf", "messe_frankfurt", "ces", "sial_paris", "canton_fair",
        "world_health_expo"}
    assert {"HANNOVER MESSE 2027", "MEDICA 2027", "MEDICA 2026", "CES 2027", "SIAL Paris 2026", "WHX Dubai 2027",
            "Automechanika Frankfurt 2026", "141st China Import and Export Fair (Canton Fair) Phase 1"} <= {
        item.name for item in items}
    assert sorted(item.status for item in items if item.status and "Scheduled" not in item.status) == [
        "EventRescheduled", "https://schema.org/EventPostponed"]
