"""ITA Trade Events API: trade fairs, trade missions and webinars listed by U.S. government agencies.

The consolidated search (`/v2/trade_events/search`) answers `{total, offset, sources_used,
search_performed_at, aggregations, results[]}` and pages by `size` + `offset`; one callback reads any
page and asks for the next one until `offset + len(results) >= total`, so `tradepoint parse
ita_trade_events FILE` works on any saved page. Results come from several agencies (`source`: ITA,
SBA, USTDA, DL, EXIM), each with its own field set (GovWizely/webservices
`app/views/api/v2/trade_events/consolidated/_entry.json.jbuilder`).

The API needs a key, sent in a request header (never in the URL, so neither logs nor the replay index
hold it): env `TRADEPOINT_ITA_API_KEY`, else the password of the Airflow Connection `ita_trade_api`.
The endpoint and the header name are registry params: ITA moved its APIs to developer.trade.gov
(subscription key) in 2022, and switching to the new platform is a matter of configuration.
"""

from __future__ import annotations

import html
import json
import zoneinfo
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.html import remove_tags

from scrapers.base import TradePointSpider
from scrapers.items import TradeFairItem

# `source` codes of the API (developer-portal docs, "Source Abbreviations") → the agency that lists the event.
AGENCIES = {
    "ITA": "U.S. Department of Commerce, International Trade Administration",
    "SBA": "U.S. Small Business Administration",
    "USTDA": "U.S. Trade and Development Agency",
    "DL": "U.S. Department of State",
    "EXIM": "Export-Import Bank of the United States",
}

# Error statuses whose JSON body says what went wrong ({"error": ...}): read them instead of dropping them.
ERROR_STATUSES = [400, 401, 403, 404]

ENVELOPE_FIELDS = frozenset({"total", "offset", "results"})
EVENT_FIELDS = frozenset({
    "id", "source", "event_name", "event_type", "start_date", "start_time", "end_date", "end_time",
    "description", "industries", "url", "venues",
})
VENUE_FIELDS = frozenset({"venue", "address", "city", "state", "country"})


@cache
def iana_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def text(value: Any) -> str | None:
    """A published string, stripped; empty or missing → None (USTDA writes '' for blank CSV cells)."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def plain_text(value: Any) -> str | None:
    """Descriptions are plain text for ITA and SBA, but USTDA's carry HTML entities (`&nbsp;`)."""
    raw = text(value)
    if raw is None:
        return None
    return html.unescape(remove_tags(raw)).replace("\xa0", " ").strip() or None


def absolute_url(value: Any) -> str | None:
    """ITA copies websites as typed: `www.workboatshow.com` has no scheme, so https:// is assumed."""
    url = text(value)
    if url is None or urlsplit(url).scheme in ("http", "https"):
        return url
    return "https:" + url if url.startswith("//") else "https://" + url


def when(date: Any, time: Any) -> str | None:
    """`YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` where the source gives a time (SBA, some USTDA events)."""
    day = text(date)
    hour = text(time)
    return f"{day}T{hour}" if day and hour else day


class ItaTradeEventsSpider(TradePointSpider):
    """Pages through every event of the ITA Trade Events API (all agencies, or `params.sources`)."""

    name = "ita_trade_events"
    handle_httpstatus_list = ERROR_STATUSES

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.endpoint: str = params["endpoint"]
        self.page_size = int(params["page_size"])
        self.sources: list[str] = list(params.get("sources") or [])
        self.headers: dict[str, str] = {}

    async def start(self) -> Any:
        """Fail at once without a key on a live crawl; a replayed crawl needs none."""
        self.headers = self.key_headers()
        yield self.page_request(0)

    def page_request(self, offset: int) -> scrapy.Request:
        query = {"size": self.page_size, "offset": offset}
        if self.sources:
            query["sources"] = ",".join(self.sources)
        return scrapy.Request(f"{self.endpoint}?{urlencode(query, safe=',')}", headers=self.headers,
                              callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """One page of search results: its events, then the next page while the API has more."""
        page = self.read_page(response)
        self.report_unmapped("envelope", page, ENVELOPE_FIELDS)
        results: list[Any] = page["results"]
        base = self.provenance(response)
        for result in results:
            item = self.event_item(result, base)
            if item is not None:
                yield item
        offset, total = int(page.get("offset") or 0), int(page["total"])
        if not results and offset < total:
            self.logger.warning("ita_trade_events: %s: empty page before total %d; stopping", response.url, total)
        elif offset + len(results) < total:
            yield self.page_request(offset + len(results))

    def read_page(self, response: Response) -> dict[str, Any]:
        """The decoded page, or a clear error naming the URL (an API error body, or not a search page)."""
        try:
            page = json.loads(response.body)
        except json.JSONDecodeError as err:
            raise ValueError(f"ita_trade_events: {response.url}: response is not JSON: {err}") from err
        if response.status >= 400:
            error = page.get("error") if isinstance(page, dict) else page
            raise ValueError(f"ita_trade_events: {response.url}: HTTP {response.status}: {error}")
        if not isinstance(page, dict) or not isinstance(page.get("results"), list) or "total" not in page:
            raise ValueError(f"ita_trade_events: {response.url}: not a trade-events search page "
                             "(no 'total' and 'results')")
        return page

    def event_item(self, result: Any, base: dict[str, str]) -> TradeFairItem | None:
        """One result as an item; a result without an id cannot become one and is counted instead."""
        if not isinstance(result, dict) or text(str(result.get("id") or "")) is None:
            self.logger.warning("ita_trade_events: result without an id skipped: %.200r", result)
            self.count_invalid("no_id")
            return None
        agency = text(result.get("source"))
        zone = text(result.get("time_zone"))
        timezone = zone if zone in iana_zones() else None  # SBA writes Windows names ("Eastern Standard Time")
        self.report_unmapped("event", result, EVENT_FIELDS | ({"time_zone"} if timezone else set()))
        start_time, end_time = text(result.get("start_time")), text(result.get("end_time"))
        return TradeFairItem(
            **base,
            record_id=f"{agency}:{result['id']}" if agency else str(result["id"]),
            name=text(result.get("event_name")) or "",
            start=when(result.get("start_date"), start_time),
            end=when(result.get("end_date"), end_time),
            timezone=timezone,
            all_day=start_time is None and end_time is None,
            event_type=text(result.get("event_type")),
            organiser=AGENCIES.get(agency, agency) if agency else None,
            sectors=[label for label in result.get("industries") or [] if isinstance(label, str)],
            url=absolute_url(result.get("url")),
            description=plain_text(result.get("description")),
            **self.place(result.get("venues")),
        )

    def place(self, venues: Any) -> dict[str, str | None]:
        """The first venue is the event's place. An item has one place, so further venues (USTDA lists up to
        six) are counted as `unmapped/event/additional_venues` rather than dropped silently."""
        venues = [venue for venue in venues or [] if isinstance(venue, dict)]
        if not venues:
            return {}
        first = venues[0]
        self.report_unmapped("venue", first, VENUE_FIELDS)
        if len(venues) > 1:
            self.report_unmapped("event", ["additional_venues"] * (len(venues) - 1), frozenset())
        return {
            "venue": text(first.get("venue")),
            "address": text(first.get("address")),
            "city": text(first.get("city")),
            "region": text(first.get("state")),
            "country": text(first.get("country")),
        }

    def count_invalid(self, reason: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"invalid/{reason}")
