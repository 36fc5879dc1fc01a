"""WTO ePing API: the SPS and TBT notifications WTO members distribute (G/SPS/N/..., G/TBT/N/...).

`GET /eping/notifications/search?language=1&distributionDateFrom=YYYY-MM-DD&page=N&pageSize=M` answers
`{currentPage, pageSize, totalCount, items[]}`; one callback reads any page and asks for the next one
until `currentPage * pageSize >= totalCount`, so `tradepoint parse wto_eping FILE` works on any saved
page. The window is the last `params.lookback_days` days of distribution before the crawl's "today".

The API sits behind the WTO API portal (Azure API Management): the subscription key goes in the
`Ocp-Apim-Subscription-Key` header (never in the URL, so neither logs nor the replay index hold it):
env `TRADEPOINT_WTO_API_KEY`, else the password of the Airflow Connection `wto_api`.

Items are the notifications as ePing publishes them: `documentSymbol` may list several symbols,
comma-joined, for a joint notification; `title`/`description`/`productsFreeText` carry HTML (staging
reduces it), `hsCodes[]` the structured HS tags. See scrapers/recorded/wto_eping/README.md for the
evidence behind every field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import MarketNoticeItem

# ePing's `language` parameter (1 = English, 2 = French, 3 = Spanish) → ISO 639-1.
LANGUAGES = {"1": "en", "2": "fr", "3": "es"}

# Error statuses whose body says what went wrong (API Management: {"statusCode", "message"}).
ERROR_STATUSES = [400, 401, 403, 404, 429]

# A later document about a notification: addendum, corrigendum, revision or supplement of the symbol before it.
FOLLOW_UP = re.compile(r"^(?P<base>.+)/(?:Add|Corr|Rev|Suppl)\.\d+$", re.IGNORECASE)

ENVELOPE_FIELDS = frozenset({"currentPage", "pageSize", "totalCount", "items"})
NOTIFICATION_FIELDS = frozenset({
    "id", "documentSymbol", "area", "notificationType", "notifyingMember", "notifyingMemberCode",
    "distributionDate", "commentDeadlineDate", "proposedEntryIntoForceDate", "title", "titlePlain",
    "description", "descriptionPlain", "hsCodes", "objectives", "keywords", "spsKeywords",
    "countriesAffected", "linkToNotification", "notifiedDocumentLink",
})


def text(value: Any) -> str | None:
    """A published string, stripped (ePing pads symbols: `" G/SPS/N/KOR/1"`); empty or missing → None."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def symbols(value: Any) -> list[str]:
    """The document symbols of a notification: one, or several comma-joined for a joint notification."""
    return [part.strip() for part in (text(value) or "").split(",") if part.strip()]


def amended(symbol: str | None) -> str | None:
    """`G/TBT/N/EU/1150/Add.1` amends `G/TBT/N/EU/1150`; `.../Rev.1/Add.1` amends the revision `.../Rev.1`."""
    match = FOLLOW_UP.match(symbol or "")
    return match["base"] if match else None


def names(values: Any) -> list[str]:
    """Labels of a list of ePing reference objects (`[{"name": ...}]`), as published."""
    return [name for value in values or [] if isinstance(value, dict) and (name := text(value.get("name")))]


def hs_codes(values: Any) -> list[str]:
    """The structured HS tags (`hsCodes[].code`, e.g. "030617"), as published."""
    return [code for value in values or [] if isinstance(value, dict) and (code := text(str(value.get("code") or "")))]


def first_link(value: Any) -> str | None:
    """`notifiedDocumentLink` may hold several URLs separated by commas or line breaks: the first one."""
    links = [part for part in re.split(r"[\s,]+", text(value) or "") if part.startswith(("http://", "https://"))]
    return links[0] if links else None


class WtoEpingSpider(TradePointSpider):
    """Pages through the SPS and TBT notifications distributed in the last `params.lookback_days` days."""

    name = "wto_eping"
    handle_httpstatus_list = ERROR_STATUSES

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        params = self.source.params
        self.endpoint: str = params["endpoint"]
        self.language = str(params["language"])
        self.page_size = int(params["page_size"])
        self.lookback_days = int(params["lookback_days"])
        self.headers: dict[str, str] = {}

    async def start(self) -> Any:
        """Fail at once without a key on a live crawl; a replayed crawl needs none."""
        self.headers = self.key_headers()
        since = self.as_of() - timedelta(days=self.lookback_days)
        yield self.page_request(since.isoformat(), 1)

    def page_request(self, since: str, page: int) -> scrapy.Request:
        query = {"language": self.language, "distributionDateFrom": since, "page": page, "pageSize": self.page_size}
        return scrapy.Request(f"{self.endpoint}?{urlencode(query)}", headers=self.headers, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """One page of search results: its notifications, then the next page while the API has more."""
        page = self.read_page(response)
        self.report_unmapped("envelope", page, ENVELOPE_FIELDS)
        query = {name: values[0] for name, values in parse_qs(urlsplit(response.url).query).items()}
        language = LANGUAGES.get(query.get("language", self.language))
        base = self.provenance(response)
        notifications: list[Any] = page["items"]
        for notification in notifications:
            item = self.notice_item(notification, base, language)
            if item is not None:
                yield item
        current = int(page.get("currentPage") or query.get("page") or 1)
        size = int(page.get("pageSize") or query.get("pageSize") or self.page_size)
        total = int(page["totalCount"])
        if not notifications and (current - 1) * size < total:
            self.logger.warning("wto_eping: %s: empty page before totalCount %d; stopping", response.url, total)
        elif current * size < total and "distributionDateFrom" in query:
            yield self.page_request(query["distributionDateFrom"], current + 1)

    def read_page(self, response: Response) -> dict[str, Any]:
        """The decoded page, or a clear error naming the URL (an API error body, or not a search page)."""
        try:
            page = json.loads(response.body)
        except json.JSONDecodeError as err:
            raise ValueError(f"wto_eping: {response.url}: response is not JSON: {err}") from err
        if response.status >= 400:
            message = page.get("message") if isinstance(page, dict) else page
            raise ValueError(f"wto_eping: {response.url}: HTTP {response.status}: {message}")
        if not isinstance(page, dict) or not isinstance(page.get("items"), list) or "totalCount" not in page:
            raise ValueError(f"wto_eping: {response.url}: not an ePing search page (no 'totalCount' and 'items')")
        return page

    def notice_item(self, notification: Any, base: dict[str, str], language: str | None) -> MarketNoticeItem | None:
        """One notification as an item. Without a symbol or an id it cannot become one and is counted instead."""
        listed = symbols(notification.get("documentSymbol")) if isinstance(notification, dict) else []
        ident = text(str(notification.get("id") or "")) if isinstance(notification, dict) else None
        if not listed and ident is None:
            self.logger.warning("wto_eping: notification without symbol or id skipped: %.200r", notification)
            self.count_invalid("no_symbol")
            return None
        self.report_unmapped("notification", notification, NOTIFICATION_FIELDS)
        if len(listed) > 1:  # a joint notification: the item carries the first symbol, the others are counted
            self.report_unmapped("notification", ["additional_symbols"] * (len(listed) - 1), frozenset())
        symbol = listed[0] if listed else None
        notification_type = text(notification.get("notificationType"))
        return MarketNoticeItem(
            **base,
            notice_id=symbol or str(ident),
            title=text(notification.get("titlePlain")) or text(notification.get("title")) or "",
            summary=text(notification.get("description")) or text(notification.get("descriptionPlain")),
            document_type=text(notification.get("area")),
            published=text(notification.get("distributionDate")),
            effective=text(notification.get("proposedEntryIntoForceDate")),
            comment_deadline=text(notification.get("commentDeadlineDate")),
            issuer=text(notification.get("notifyingMember")),
            issuer_country=text(notification.get("notifyingMemberCode")),
            countries=names(notification.get("countriesAffected")),
            hs_codes=hs_codes(notification.get("hsCodes")),
            labels=[*([notification_type] if notification_type else []), *names(notification.get("objectives")),
                    *names(notification.get("keywords")), *names(notification.get("spsKeywords"))],
            url=text(notification.get("linkToNotification")) or first_link(notification.get("notifiedDocumentLink")),
            language=language,
            amends=amended(symbol),
        )

    def count_invalid(self, reason: str) -> None:
        if hasattr(self, "crawler") and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"invalid/{reason}")
