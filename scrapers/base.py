"""Base spider of Trade Point: provenance on every item, and reporting of unmapped source fields.

Spiders extract faithfully: a field the source sends is either mapped into an item or counted as
unmapped (stats `unmapped/<object>/<field>`, written to the landing manifest). New fields the source
adds therefore show up in the run report instead of disappearing silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response

from scrapers.registry import Source, get_source


class TradePointSpider(scrapy.Spider):
    """Common behaviour of every Trade Point spider; `name` must be a registry key."""

    @property
    def source(self) -> Source:
        return get_source(self.name)

    def provenance(self, response: Response) -> dict[str, str]:
        """The fields of `scrapers.items.Provenance` for every item parsed from this response."""
        return {
            "source": self.name,
            "source_url": response.url,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "content_hash": hashlib.sha256(response.body).hexdigest(),
        }

    def as_of(self) -> date:
        """The crawl's "today". Live: the wall clock. Replay: the day the recordings were made
        (registry `params.recorded_on`), so that a replay yields the same items next year as today
        (calendar horizons and "upcoming events" windows are relative to it)."""
        settings = getattr(self, "settings", None)
        recorded = self.source.params.get("recorded_on")
        if recorded and settings is not None and settings.getbool("REPLAY"):
            return date.fromisoformat(str(recorded))
        return datetime.now(UTC).date()

    def feed_config(self, response: Response) -> dict[str, Any]:
        """For a spider over many feeds or sites listed in the registry (`self.feeds`): the entry of the
        feed this response belongs to, by the request's `feed` meta or its URL ({} for a file outside
        the registry, e.g. `tradepoint parse`)."""
        name = response.meta.get("feed") if response.request is not None else None
        for feed in getattr(self, "feeds", []):
            if feed["name"] == name or feed["url"] == response.url:
                return feed
        return {}

    def key_headers(self) -> dict[str, str]:
        """Request headers carrying the source's API key (registry params `key_header`, `key_env`,
        `key_connection`; never in a URL, so neither logs nor the replay index hold it). A replayed
        crawl needs none: {}. A live crawl without a key stops at once, saying what to set."""
        if self.settings.getbool("REPLAY"):
            return {}
        from scrapers.credentials import api_key

        params = self.source.params
        key = api_key(params["key_env"], params["key_connection"])
        if key is None:
            message = (f"{self.name}: no API key: set {params['key_env']} or the Airflow Connection "
                       f"{params['key_connection']}")
            self.logger.error(message)
            raise CloseSpider(message)
        return {params["key_header"]: key}

    def report_unmapped(self, kind: str, fields: Iterable[str], mapped: frozenset[str]) -> None:
        """Count every field of a source object that the spider does not map."""
        stats = self.crawler.stats if hasattr(self, "crawler") else None
        for name in fields:
            if name not in mapped and stats is not None:
                stats.inc_value(f"unmapped/{kind}/{name}")

