"""Downloader middlewares: offline replay of recorded responses, and retries with backoff."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse

from scrapers.registry import RECORDED_DIR


class MissingRecording(IgnoreRequest):
    """A replayed crawl asked for a URL that has no recorded response."""


@cache
def recorded_index(source: str, root: Path = RECORDED_DIR) -> dict[str, Path]:
    """URL → recorded file for one source, from scrapers/recorded/<source>/index.json."""
    folder = root / source
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return {url: folder / name for url, name in index.items()}


# The Content-Type each kind of recorded file was served with (by file extension).
CONTENT_TYPES = {".json": "application/json", ".ics": "text/calendar", ".html": "text/html",
                 ".xml": "application/xml", ".atom": "application/atom+xml"}


def replayed_response(source: str, request: Request) -> Response:
    """The recorded response for a request, built as the downloader would have built it."""
    path = recorded_index(source).get(request.url.rstrip("/"))
    if path is None:
        raise MissingRecording(f"{source}: no recorded response for {request.url}")
    return TextResponse(
        url=request.url,
        status=200,
        headers={"Content-Type": f"{CONTENT_TYPES.get(path.suffix, 'application/octet-stream')}; charset=utf-8"},
        body=path.read_bytes(),
        request=request,
    )


class ReplayMiddleware:
    """Serves every request of a spider from its recorded responses (setting REPLAY=True).

    It sits first in the chain, so neither robots.txt, the HTTP cache nor the network are touched;
    the spider's callbacks cannot tell a replayed response from a live one.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        if not crawler.settings.getbool("REPLAY"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request) -> Response:
        assert self.crawler.stats is not None and self.crawler.spider is not None
        try:
            response = replayed_response(self.crawler.spider.name, request)
        except MissingRecording as err:
            self.crawler.stats.inc_value("replay/missing")
            self.crawler.spider.logger.error(str(err))
            raise
        self.crawler.stats.inc_value("replay/served")
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, waiting 2^n seconds (or Retry-After) before each retry.

    The stock middleware re-queues at once, which hammers a server that answered 429 or 503 —
    exactly when a polite crawler should slow down.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    def backoff_delay(self, request: Request, response: Response | None = None) -> float:
        """Seconds to wait before the next try of this request."""
        if response is not None and (retry_after := response.headers.get(b"Retry-After")):
            try:
                return min(float(retry_after), self.backoff_max)
            except ValueError:
                pass  # an HTTP date: fall back to exponential backoff
        tries = request.meta.get("retry_times", 0)
        return min(self.backoff_base ** (tries + 1), self.backoff_max)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self.backoff_delay(request, response)
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await asyncio.sleep(delay)
        return retry
