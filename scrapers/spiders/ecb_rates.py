"""ECB euro foreign exchange reference rates: the daily rates of about 30 currencies against the euro.

The ECB publishes them on TARGET working days around 16:00 CET as a GESMES envelope
(`gesmes:Envelope/Cube/Cube[@time]/Cube[@currency,@rate]`, rates per 1 EUR): the latest day
(`eurofxref-daily.xml`), the last 90 days (`eurofxref-hist-90d.xml`) and the whole history since 1999
(`eurofxref-hist.xml`), all in that one shape. The registry's `feed` param picks the file: the 90-day
file by default, so a run missed on one day is filled by the next. The tariff lookup and
`tradepoint duty` use the rates to convert specific duties into another currency, dated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from scrapers.base import TradePointSpider
from scrapers.items import ExchangeRateItem

BASE_CURRENCY = "EUR"
FEEDS = {
    "daily": "eurofxref-daily.xml",
    "hist-90d": "eurofxref-hist-90d.xml",
    "hist": "eurofxref-hist.xml",
}
SITE = "https://www.ecb.europa.eu/stats/eurofxref/"
DAY_FIELDS = frozenset({"time"})
RATE_FIELDS = frozenset({"currency", "rate"})


class EcbRatesSpider(TradePointSpider):
    """Crawls one of the ECB's reference-rate files (`feed`: daily, hist-90d or hist)."""

    name = "ecb_rates"

    def __init__(self, feed: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feed = feed or self.source.params["feed"]
        if self.feed not in FEEDS:
            raise ValueError(f"ecb_rates: feed must be one of {sorted(FEEDS)}, got {self.feed!r}")

    async def start(self) -> Any:
        yield scrapy.Request(SITE + FEEDS[self.feed], callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[ExchangeRateItem]:
        """Any of the three files: one item per (day, currency)."""
        selector = scrapy.Selector(response, type="xml")
        selector.remove_namespaces()
        days = selector.xpath("/Envelope/Cube/Cube[@time]")
        if not days:
            raise ValueError(f"ecb_rates: {response.url}: no <Cube time=...> day in the answer, "
                             "not a reference-rate file")
        base = self.provenance(response)
        for day in days:
            rate_date = day.attrib["time"]
            self.report_unmapped("day", day.attrib, DAY_FIELDS)
            for quote in day.xpath("./Cube"):
                self.report_unmapped("rate", quote.attrib, RATE_FIELDS)
                yield ExchangeRateItem(**base, base_currency=BASE_CURRENCY, currency=quote.attrib.get("currency", ""),
                                       rate=quote.attrib.get("rate", ""), rate_date=rate_date)
