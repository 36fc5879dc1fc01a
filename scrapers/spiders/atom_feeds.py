"""Atom and RSS feeds of trade authorities (GOV.UK, European Commission DG Trade): one generic spider.

The registry's `params.feeds` lists the feeds ({name, url, publisher, licence, terms_url, issuer_country}); each
is one Atom 1.0 or RSS 2.0 document, read with feedparser (which also resolves `xml:base` and relative links).
A feed that links a `rel="next"` page (RFC 5005 paging) is followed page by page; GOV.UK and Drupal feeds
have no such link, so one request per feed is the whole crawl.

Mapping (the formats' own encodings only; titles and summaries stay as published, HTML included):
- notice_id: the Atom `id` / RSS `guid`, else the entry's link. Finder feeds write
  `tag:www.gov.uk,2005:<path>`, Drupal `<nid> at <site>`: kept as written. GOV.UK organisation feeds write
  `<url>#<updated>` (alphagov/collections `feed_entry_presenter.rb`): an id that is the entry's own link plus
  its update time changes with every update, so the link alone is the id — an updated page then becomes a
  new version of its notice, not a second notice;
- published / updated: Atom RFC 3339 stamps as written, RSS RFC 822 `pubDate` as ISO 8601 with its offset;
  GOV.UK entries have no `published`: it stays None, `updated` is kept;
- document_type: the first category term; labels: every category term;
- issuer: the feed's publisher (registry), else the entry's author; issuer_country from the registry;
- language: the entry's `xml:lang`, else the feed's language;
- url: the entry's alternate link, made absolute against `xml:base` or the feed URL.
An entry with neither id nor link cannot become a notice: it is logged and counted (`invalid/no_id`). Every other
entry key is counted as unmapped (stats `unmapped/entry/<key>`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import struct_time
from typing import Any

import feedparser
import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import MarketNoticeItem

# Entry keys mapped into the item, including feedparser's derived companions of mapped elements.
ENTRY_FIELDS = frozenset({
    "id", "guidislink", "link", "links", "title", "title_detail", "summary", "summary_detail", "published",
    "published_parsed", "updated", "updated_parsed", "tags", "author", "author_detail", "authors",
})
MAX_PAGES = 50  # a feed whose next link loops must not be followed forever



def stable_id(entry_id: str | None, url: str | None, updated: str | None) -> str | None:
    """The entry's id, or its link when the id is only that link plus the update time (`<url>#<updated>`)."""
    if entry_id and url and updated and entry_id == f"{url}#{updated}":
        return url
    return entry_id

class AtomFeedsSpider(TradePointSpider):
    """Reads every configured Atom/RSS feed into market notices."""

    name = "atom_feeds"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feeds: list[dict[str, Any]] = list(self.source.params.get("feeds", []))
        for feed in self.feeds:
            missing = {"name", "url"} - feed.keys()
            if missing:
                raise ValueError(f"atom_feeds: feed {feed!r} lacks {sorted(missing)}")

    async def start(self) -> Any:
        for feed in self.feeds:
            yield scrapy.Request(feed["url"], callback=self.parse, meta={"feed": feed["name"], "page": 1})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any feed document (first or later page): its entries as notices, then its next page if it links one."""
        document = read_feed(response)
        feed = self.feed_config(response)
        channel = document.feed
        base = {
            **self.provenance(response),
            "feed": feed.get("name") or channel.get("title"),
            "issuer_country": feed.get("issuer_country"),
        }
        self.logger.info("atom_feeds: %s: %s feed %r with %d entries", response.url, document.version,
                         channel.get("title"), len(document.entries))
        for entry in document.entries:
            item = self.notice(entry, channel, feed, base, response)
            if item is not None:
                yield item
        next_page = self.next_page(channel, response)
        if next_page is not None:
            yield next_page

    def notice(self, entry: dict[str, Any], channel: dict[str, Any], feed: dict[str, Any], base: dict[str, Any],
               response: Response) -> MarketNoticeItem | None:
        """One entry as a notice, or None (logged and counted) when it has no id and no link."""
        self.report_unmapped("entry", entry.keys(), ENTRY_FIELDS)
        link = entry.get("link")
        url = response.urljoin(link) if link else None
        notice_id = stable_id(entry.get("id"), url, own(entry, "updated")) or url
        if not notice_id:
            self.logger.warning("atom_feeds: %s: entry %r has no id and no link, skipped", response.url,
                                entry.get("title"))
            self.count("invalid/no_id")
            return None
        terms = [tag["term"] for tag in entry.get("tags", []) if tag.get("term")]
        return MarketNoticeItem(
            **base,
            notice_id=notice_id,
            title=entry.get("title") or "",
            summary=entry.get("summary") or None,
            document_type=terms[0] if terms else None,
            published=timestamp(own(entry, "published"), own(entry, "published_parsed")),
            updated=timestamp(own(entry, "updated"), own(entry, "updated_parsed")),
            issuer=feed.get("publisher") or entry.get("author") or None,
            labels=terms,
            url=url,
            language=(entry.get("title_detail") or {}).get("language") or channel.get("language") or None,
        )

    def next_page(self, channel: dict[str, Any], response: Response) -> scrapy.Request | None:
        """The feed's `rel="next"` page (RFC 5005), if it links one."""
        href = next((link.get("href") for link in channel.get("links", []) if link.get("rel") == "next"), None)
        if not href:
            return None
        page = int(response.meta.get("page", 1)) + 1
        if page > MAX_PAGES:
            self.logger.warning("atom_feeds: %s: stopped after %d pages", response.url, MAX_PAGES)
            return None
        return scrapy.Request(response.urljoin(href), callback=self.parse,
                              meta={"feed": response.meta.get("feed"), "page": page})

    def count(self, key: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def read_feed(response: Response) -> feedparser.FeedParserDict:
    """The response as a parsed feed, or a clear error naming the source and URL.

    feedparser keeps summaries as published (no sanitising, no link rewriting inside HTML: staging cleans them)
    and resolves entry links against `xml:base`, else the feed URL given as Content-Location.
    """
    headers = {"content-location": response.url,
               "content-type": response.headers.get(b"Content-Type", b"application/xml").decode("latin-1")}
    document = feedparser.parse(response.body, response_headers=headers, sanitize_html=False,
                                resolve_relative_uris=False)
    if not document.version:
        reason = document.get("bozo_exception") or "not an Atom or RSS document"
        raise ValueError(f"atom_feeds: {response.url}: unreadable feed ({reason}; starts {response.body[:40]!r})")
    return document


def own(entry: dict[str, Any], key: str) -> Any:
    """An entry's own value of a key: feedparser's `get` answers "updated" with "published" (and back) when the
    entry lacks it, which would invent an RSS item's last-modified time."""
    return dict.get(entry, key)


def timestamp(raw: str | None, parsed: struct_time | None) -> str | None:
    """A feed date as ISO 8601: RFC 3339 (Atom) as written, RFC 822 (RSS) converted with its offset kept,
    any other form feedparser understood as UTC, and None when there is none."""
    if not raw:
        return None
    text = raw.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        pass
    return datetime(*parsed[:6], tzinfo=UTC).isoformat() if parsed else None
