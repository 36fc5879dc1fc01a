"""The Atom/RSS feed spider on the recorded feeds and a verbatim European Commission RSS item, clock frozen."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from freezegun import freeze_time
from scrapy import Request
from scrapy.http import TextResponse

from scrapers.items import MarketNoticeItem
from scrapers.spiders.atom_feeds import AtomFeedsSpider

REPO = Path(__file__).resolve().parents[2]
RECORDED = REPO / "scrapers" / "recorded" / "atom_feeds"
SAMPLES = Path(__file__).resolve().parent / "samples" / "atom_feeds"
INDEX = json.loads((RECORDED / "index.json").read_text(encoding="utf-8"))
FILE_URLS = {name: url for url, name in INDEX.items()}


def parse_body(body: bytes, url: str, feed: str | None = None, spider: AtomFeedsSpider | None = None) -> list:
    request = Request(url, meta={"feed": feed} if feed else {})
    response = TextResponse(url=url, body=body, request=request)
    with freeze_time("2026-11-28T12:00:00Z"):
        return list((spider or AtomFeedsSpider()).parse(response))


def recorded(name: str) -> list[MarketNoticeItem]:
    url = FILE_URLS[name]
    feed = next(f["name"] for f in AtomFeedsSpider().feeds if Request(f["url"]).url == url)
    return [i for i in parse_body((RECORDED / name).read_bytes(), url, feed) if isinstance(i, MarketNoticeItem)]


def test_verbatim_european_commission_rss_item() -> None:
    """ec.europa.eu/news/eu_explained/news_en.rss (stored copy): RSS 2.0, CDATA split in pieces, no guid."""
    url = "http://ec.europa.eu/news/eu_explained/news_en.rss"
    (item,) = parse_body((SAMPLES / "ec_news_eu_explained_first_item.rss").read_bytes(), url)
    assert item.notice_id == "http://ec.europa.eu/news/eu_explained/120504_en.htm"  # no guid: the link
    assert item.title == "Get closer to Europe – on Europe Day"
    assert (item.document_type, item.labels) == ("EU Institutions", ["EU Institutions"])
    assert (item.published, item.updated) == ("2012-05-04T00:00:00+02:00", None)
    assert item.url == "http://ec.europa.eu/news/eu_explained/120504_en.htm"
    assert item.summary is not None and item.summary.startswith('<table cellpadding="0"')
    assert "Europe Day celebrates the EU\u2019s achievements" in item.summary
    assert "/news/eu_explained/120504_en.htm" in item.summary  # HTML kept as published: staging cleans it
    assert (item.feed, item.issuer, item.language) == ("news feed - EU explained", None, None)
    assert (item.source_url, item.fetched_at) == (url, "2026-11-28T12:00:00+00:00")


def test_gov_uk_organisation_feed_field_by_field() -> None:
    items = recorded("gov_uk_trade_remedies.atom")
    assert len(items) == 6
    first = items[0]
    path = "https://www.gov.uk/government/publications/notice-of-initiation-steel-fasteners-from-the-peoples-republic-of-china"
    assert first.notice_id == path  # GOV.UK's id is "<url>#<updated>": the url alone stays the same on updates
    assert first.url == path
    assert first.title.startswith("Notice: Notice of initiation: expiry review of anti-dumping measures")
    assert "commodity codes 7318 12 90, 7318 14 91 and 7318 15" in first.summary
    assert "People's Republic of China" in first.summary
    assert (first.published, first.updated) == (None, "2026-11-26T09:30:02+00:00")  # GOV.UK: no <published>
    assert (first.document_type, first.labels) == ("Notice", ["Notice"])
    assert (first.issuer, first.issuer_country, first.language, first.feed) == (
        "Trade Remedies Authority", "GB", "en-GB", "gov_uk_trade_remedies")
    assert [i.document_type for i in items] == ["Notice", "Notice", "News story", "Notice", "Correspondence",
                                                "Press release"]
    assert "CN code 7306 30 77" in items[1].summary


def test_gov_uk_finder_feed_tag_ids_and_cut_summaries() -> None:
    items = recorded("gov_uk_trade_notices.atom")
    assert len(items) == 6
    exporters = items[0]
    assert exporters.notice_id == (
        "tag:www.gov.uk,2005:/government/publications/notice-to-exporters-2026-21-russia-sanctions-licensing")
    assert exporters.title.startswith("Notice to exporters 2026/21: Russia sanctions")
    assert exporters.summary.endswith("…")  # cut short by GOV.UK: kept as published
    assert (exporters.document_type, exporters.labels, exporters.published) == (None, [], None)
    assert (exporters.updated, exporters.language, exporters.issuer_country) == (
        "2026-11-27T15:20:11+00:00", "en-US", "GB")
    sps = next(i for i in items if "(SPS)" in i.title)
    assert "HS 0201" in sps.summary and "HS 0406" in sps.summary
    assert "commodity code 7318 15" in items[2].summary


def test_eu_rss_feed_dates_html_and_guid() -> None:
    items = recorded("eu_dg_trade_news.xml")
    assert len(items) == 5
    kegs = items[0]
    assert kegs.notice_id == "4125 at https://policy.trade.ec.europa.eu"
    assert kegs.url == "https://policy.trade.ec.europa.eu/news/eu-acts-against-dumped-kegs-china-2026-11-26_en"
    assert (kegs.published, kegs.updated) == ("2026-11-26T10:30:00+00:00", None)
    assert kegs.summary.startswith("<p>Today, the Commission imposed definitive anti-dumping duties")
    assert (kegs.issuer, kegs.issuer_country, kegs.language, kegs.feed) == (
        "European Commission, Directorate-General for Trade", "EU", "en", "eu_dg_trade_news")
    tubes = items[2]
    assert "<strong>CN code 7306 30 77</strong>" in tubes.summary
    assert 'href="/help-exporters-and-importers/' in tubes.summary  # relative link inside HTML kept as published


def test_recordings_hold_enough_notices_with_stable_ids() -> None:
    first = [i.notice_id for name in INDEX.values() for i in recorded(name)]
    again = [i.notice_id for name in INDEX.values() for i in recorded(name)]
    assert len(first) == 17 and len(set(first)) == 17
    assert first == again


ATOM_WITH_BASE = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-GB" xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.gov.uk/government/">
  <title>Relative links</title>
  <link rel="next" href="feed.atom?page=2"/>
  <entry>
    <id>tag:www.gov.uk,2005:/government/news/a</id>
    <updated>2026-11-20T09:30:00Z</updated>
    <link rel="alternate" type="text/html" href="news/a"/>
    <title>A</title>
    <category term="Notice"/><category term="Trade remedies"/>
  </entry>
  <entry>
    <title>Neither id nor link</title>
  </entry>
  <entry xml:base="https://www.gov.uk/guidance/">
    <link rel="alternate" href="importing-goods"/>
    <title>No id: the link is the id</title>
    <author><name>Border and Protocol Delivery Group</name></author>
  </entry>
</feed>
"""
RSS_RELATIVE = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><language>fr</language>
<item><title>B</title><link>/news/b_fr</link><pubDate>Thu, 19 Nov 2026 09:15:00 +0100</pubDate></item>
</channel></rss>"""


def test_relative_links_resolve_against_xml_base_and_the_feed_url() -> None:
    out = parse_body(ATOM_WITH_BASE, "https://example.org/feeds/x.atom")
    items = [i for i in out if isinstance(i, MarketNoticeItem)]
    assert [i.url for i in items] == ["https://www.gov.uk/government/news/a", "https://www.gov.uk/guidance/importing-goods"]
    assert items[0].updated == "2026-11-20T09:30:00+00:00"
    assert (items[0].document_type, items[0].labels) == ("Notice", ["Notice", "Trade remedies"])
    assert items[1].notice_id == "https://www.gov.uk/guidance/importing-goods"
    assert items[1].issuer == "Border and Protocol Delivery Group"  # no registry publisher: the entry author
    (rss,) = parse_body(RSS_RELATIVE, "https://policy.trade.ec.europa.eu/node/2/rss_fr")
    assert rss.url == "https://policy.trade.ec.europa.eu/news/b_fr"
    assert (rss.published, rss.language) == ("2026-11-19T09:15:00+01:00", "fr")


def test_entry_without_id_and_link_is_logged_and_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    spider = AtomFeedsSpider()
    counted: list[str] = []
    monkeypatch.setattr(spider, "count", counted.append)
    out = parse_body(ATOM_WITH_BASE, "https://example.org/feeds/x.atom", spider=spider)
    assert [i.title for i in out if isinstance(i, MarketNoticeItem)] == ["A", "No id: the link is the id"]
    assert counted == ["invalid/no_id"]


def test_next_page_link_is_followed() -> None:
    out = parse_body(ATOM_WITH_BASE, "https://example.org/feeds/x.atom", feed="gov_uk_trade_notices")
    (follow,) = [r for r in out if isinstance(r, Request)]
    assert follow.url == "https://www.gov.uk/government/feed.atom?page=2"
    assert follow.meta == {"feed": "gov_uk_trade_notices", "page": 2}


def test_replayed_crawl_requests_every_feed_and_nothing_else() -> None:
    async def starts() -> list[Request]:
        return [r async for r in AtomFeedsSpider().start()]

    requested = [r.url for r in asyncio.run(starts())]
    assert sorted(requested) == sorted(INDEX)
    for url, name in INDEX.items():
        assert not [r for r in parse_body((RECORDED / name).read_bytes(), url) if isinstance(r, Request)]


def test_not_a_feed_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"atom_feeds: https://www.gov.uk/x.atom: unreadable feed"):
        parse_body(b"<html><body>Service unavailable</body></html>", "https://www.gov.uk/x.atom")


def test_an_id_made_of_the_link_and_the_update_time_gives_way_to_the_link() -> None:
    from scrapers.spiders.atom_feeds import stable_id

    url = "https://www.gov.uk/government/publications/x"
    assert stable_id(f"{url}#2026-11-26T09:30:02+00:00", url, "2026-11-26T09:30:02+00:00") == url
    assert stable_id("tag:www.gov.uk,2005:/government/news/x", url, "2026-11-26T09:30:02+00:00") == (
        "tag:www.gov.uk,2005:/government/news/x")
    assert stable_id(f"{url}#section-2", url, "2026-11-26T09:30:02+00:00") == f"{url}#section-2"
