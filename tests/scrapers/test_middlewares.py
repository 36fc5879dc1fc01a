"""Replay serves recorded responses or fails loudly; retries back off exponentially."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings

from scrapers.middlewares import BackoffRetryMiddleware, MissingRecording, recorded_index, replayed_response


def test_replay_serves_the_recorded_body() -> None:
    url, path = next(iter(recorded_index("uk_trade_tariff").items()))
    response = replayed_response("uk_trade_tariff", Request(url))
    assert response.status == 200 and response.body == path.read_bytes()


def test_replay_of_an_unrecorded_url_names_source_and_url() -> None:
    url = "https://www.trade-tariff.service.gov.uk/api/v2/commodities/9999999999"
    with pytest.raises(MissingRecording, match=r"uk_trade_tariff: no recorded response for .*9999999999"):
        replayed_response("uk_trade_tariff", Request(url))


def middleware() -> BackoffRetryMiddleware:
    settings = Settings()
    settings.setmodule("scrapers.settings")
    return BackoffRetryMiddleware(settings)


def test_backoff_doubles_per_try_and_is_capped() -> None:
    mw = middleware()
    delays = [mw.backoff_delay(Request("https://x", meta={"retry_times": n})) for n in range(8)]
    assert delays[:4] == [2.0, 4.0, 8.0, 16.0]
    assert max(delays) == 120.0


def test_backoff_honours_retry_after() -> None:
    response = Response("https://x", status=429, headers={"Retry-After": "7"})
    assert middleware().backoff_delay(Request("https://x"), response) == 7.0
