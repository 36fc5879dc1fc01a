"""US Federal Register API: documents of the trade agencies (ITA, USTR, CBP, USITC, BIS) as market notices.

One search query per publication-date window (`params.window_days`) from `since` to `until`, all document
types, the agencies of `params.agencies` (slugs), the explicit `fields[]` the spider maps, pages followed
through the `next_page_url` the API returns until it leaves it out. Date windows keep every query far below
the API's deep-paging limits (`count` clamped at 10,000; offset paging refused past 10,000 rows), and make a
backfill a plain date range: `-a since=2026-01-01 -a until=2026-03-31`. Without `since` the crawl looks
back `params.lookback_days` days (inclusive) from `self.as_of()`, the replay's recorded day, so a replay asks
for the same URLs every time. One callback reads any search page, so `tradepoint parse federal_register FILE`
works on a saved response.

API: https://www.federalregister.gov/developers/documentation/api/v1 (keyless JSON, public domain). The
evidence behind the mapping is listed in scrapers/recorded/federal_register/README.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import MarketNoticeItem

JsonObject = dict[str, Any]

SEARCH_URL = "https://www.federalregister.gov/api/v1/documents.json"
ORDER = "newest"
# The API clamps `count` at 10,000 and refuses offset pages past 10,000 rows: a window that reaches it is cut.
COUNT_CAP = 10_000

# What the spider asks for with fields[] (and maps); the API sends only these, in this order.
REQUESTED_FIELDS = (
    "document_number", "title", "type", "abstract", "publication_date", "effective_on", "comments_close_on",
    "agencies", "docket_ids", "correction_of", "html_url",
)
DOCUMENT_FIELDS = frozenset(REQUESTED_FIELDS)
ENVELOPE_FIELDS = frozenset({"count", "description", "total_pages", "next_page_url", "previous_page_url", "results"})
AGENCY_FIELDS = frozenset({"name", "raw_name", "slug"})
# correction_of is the corrected document's API URL: .../api/v1/documents/2026-22517.json
CORRECTED_DOCUMENT = re.compile(r"/documents/([A-Za-z0-9-]+?)(?:\.json)?(?:[?#].*)?$")


class FederalRegisterSpider(TradePointSpider):
    """Crawls Federal Register documents of the configured agencies, one query per date window."""

    name = "federal_register"

    def __init__(self, since: str | None = None, until: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.agencies: list[str] = list(params["agencies"])
        self.window_days = int(params["window_days"])
        self.per_page = int(params["per_page"])
        self.since_arg, self.until_arg = since, until
        if self.window_days < 1:
            raise ValueError("federal_register: params.window_days must be at least 1")

    def date_range(self) -> tuple[date, date]:
        """The publication dates to crawl, inclusive: spider args, else the lookback up to the crawl's day."""
        until = parse_day(self.until_arg, "until") if self.until_arg else self.as_of()
        lookback = int(self.source.params["lookback_days"])
        since = parse_day(self.since_arg, "since") if self.since_arg else until - timedelta(days=lookback - 1)
        if since > until:
            raise ValueError(f"federal_register: since {since} is after until {until}")
        return since, until

    async def start(self) -> Any:
        for first, last in date_windows(*self.date_range(), self.window_days):
            yield scrapy.Request(search_url(self.agencies, first, last, self.per_page), callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Any search page: its documents as items, then the next page if the API names one."""
        page = search_page(response)
        self.report_unmapped("search", page, ENVELOPE_FIELDS)
        if isinstance(page.get("count"), int) and page["count"] >= COUNT_CAP:
            self.logger.warning("federal_register: %s: count %s reaches the API's cap; use a smaller window_days",
                                response.url, page["count"])
            self.inc_stat("capped_windows")
        base = self.provenance(response)
        for position, document in enumerate(page.get("results") or []):  # no `results` when count is 0
            item = self.notice_item(document, base, response) if isinstance(document, dict) else None
            if item is None:
                self.count_invalid(response.url, position, "no_document_number")
            else:
                yield item
        if page.get("next_page_url"):
            yield scrapy.Request(response.urljoin(page["next_page_url"]), callback=self.parse)

    def notice_item(self, document: JsonObject, base: dict[str, str], response: Response) -> MarketNoticeItem | None:
        """One document as published; None only when it has no document number to be a record at all."""
        number = document.get("document_number")
        if not number:
            return None
        self.report_unmapped("document", document, DOCUMENT_FIELDS)
        agencies = [agency for agency in document.get("agencies") or [] if isinstance(agency, dict)]
        for agency in agencies:
            self.report_unmapped("agency", agency, AGENCY_FIELDS)
        names = [agency.get("name") or agency.get("raw_name") for agency in agencies]
        slugs = [agency["slug"] for agency in agencies if agency.get("slug")]
        return MarketNoticeItem(
            **base,
            notice_id=str(number),
            title=document.get("title") or "",
            summary=document.get("abstract"),
            document_type=document.get("type"),
            published=document.get("publication_date"),
            effective=document.get("effective_on"),
            comment_deadline=document.get("comments_close_on"),
            issuer="; ".join(name for name in names if name) or None,
            issuer_country="US",
            labels=[*slugs, *(str(docket) for docket in document.get("docket_ids") or [])],
            url=response.urljoin(document["html_url"]) if document.get("html_url") else None,
            language="en",
            amends=corrected_document(document.get("correction_of")),
        )

    def count_invalid(self, url: str, position: int, reason: str) -> None:
        """A result that cannot become an item: logged with source, record and reason, and counted."""
        self.logger.warning("federal_register: %s: result %d skipped: %s", url, position, reason)
        self.inc_stat(f"invalid/{reason}")

    def inc_stat(self, key: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def parse_day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ValueError(f"federal_register: {name} must be YYYY-MM-DD, got {value!r}") from err


def date_windows(since: date, until: date, days: int) -> Iterator[tuple[date, date]]:
    """Consecutive inclusive windows of `days` days covering since..until (the last one may be shorter)."""
    first = since
    while first <= until:
        last = min(first + timedelta(days=days - 1), until)
        yield first, last
        first = last + timedelta(days=1)


def search_url(agencies: list[str], first: date, last: date, per_page: int) -> str:
    """The documents search for one publication-date window, brackets percent-encoded as the API echoes them."""
    query = [
        *(("conditions[agencies][]", slug) for slug in agencies),
        ("conditions[publication_date][gte]", first.isoformat()),
        ("conditions[publication_date][lte]", last.isoformat()),
        *(("fields[]", name) for name in REQUESTED_FIELDS),
        ("order", ORDER),
        ("per_page", str(per_page)),
    ]
    return f"{SEARCH_URL}?{urlencode(query)}"


def search_page(response: Response) -> JsonObject:
    """The search envelope, or a clear error naming the source and URL (the API answers 400 with `errors`)."""
    try:
        page = json.loads(response.body)
    except json.JSONDecodeError as err:
        raise ValueError(f"federal_register: {response.url}: response is not JSON: {err}") from err
    if not isinstance(page, dict) or "errors" in page or "count" not in page:
        detail = page.get("errors") or page.get("message") if isinstance(page, dict) else None
        raise ValueError(f"federal_register: {response.url}: not a documents search page"
                         + (f" (API error {detail!r})" if detail else ""))
    if not isinstance(page.get("results", []), list):
        raise ValueError(f"federal_register: {response.url}: `results` is not a list")
    return page


def corrected_document(correction_of: Any) -> str | None:
    """The document number a correction corrects, from the API URL in `correction_of` (None when absent)."""
    if not correction_of:
        return None
    match = CORRECTED_DOCUMENT.search(str(correction_of))
    return match.group(1) if match else str(correction_of)
