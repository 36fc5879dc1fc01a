"""The ECB reference-rate spider on a real daily answer and the replay recordings; staging of its rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from scrapers.items import ExchangeRateItem
from scrapers.middlewares import recorded_index
from scrapers.spiders.ecb_rates import EcbRatesSpider
from tests.factories import stage_rows

SAMPLE = Path(__file__).parent / "samples" / "ecb_rates" / "eurofxref-daily_2024-06-28.xml"
DAILY = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
HIST_90D = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml"


def spider(**kwargs: Any) -> EcbRatesSpider:
    return EcbRatesSpider.from_crawler(get_crawler(EcbRatesSpider, {"REPLAY": True}), **kwargs)


def parse(body: bytes, url: str = DAILY) -> list[ExchangeRateItem]:
    return list(spider().parse(XmlResponse(url=url, body=body, request=Request(url))))


def test_real_daily_answer_field_by_field() -> None:
    rates = parse(SAMPLE.read_bytes())
    assert len(rates) == 30
    assert {(r.base_currency, r.rate_date) for r in rates} == {("EUR", "2024-06-28")}
    by_currency = {r.currency: r.rate for r in rates}
    assert (by_currency["USD"], by_currency["GBP"], by_currency["IDR"], by_currency["ZAR"]) == (
        "1.0705", "0.84638", "17487.21", "19.4970")  # as published, decimals kept
    assert rates[0].source == "ecb_rates" and rates[0].source_url == DAILY and len(rates[0].content_hash) == 64


def test_recorded_90_day_file_has_every_target_day_newest_first() -> None:
    rates = parse(recorded_index("ecb_rates")[HIST_90D].read_bytes(), HIST_90D)
    days = list(dict.fromkeys(r.rate_date for r in rates))
    assert days == sorted(days, reverse=True) and days[0] == "2026-11-27"
    assert all(date.fromisoformat(d).weekday() < 5 for d in days)
    assert "2026-12-25" not in days and len(days) == 65
    assert {r.currency for r in rates} >= {"USD", "GBP", "JPY", "CNY"} and "BGN" not in {r.currency for r in rates}


def test_the_registry_feed_picks_the_file_and_a_wrong_one_is_refused() -> None:
    assert spider().feed == "hist-90d"
    assert spider(feed="daily").feed == "daily"
    with pytest.raises(ValueError, match="feed must be one of"):
        spider(feed="weekly")


def test_an_answer_without_days_is_an_error_naming_the_url() -> None:
    with pytest.raises(ValueError, match=r"ecb_rates: .*eurofxref-daily.xml: no <Cube time=...> day"):
        parse(b"<?xml version='1.0'?><html><body>Service unavailable</body></html>")


def rate(**overrides: Any) -> dict[str, Any]:
    item = {"item_type": "exchange_rate", "source": "ecb_rates", "base_currency": "EUR", "currency": "GBP",
            "rate": "0.84638", "rate_date": "2024-06-28", "source_url": DAILY,
            "fetched_at": "2024-06-28T16:30:00+00:00", "content_hash": "0" * 64}
    return item | overrides


def test_staging_types_rates_and_flags_bad_values(tmp_path: Path) -> None:
    rows = stage_rows(tmp_path, "ecb_rates", [
        rate(), rate(currency="usd", rate="1.0705"), rate(currency="JPY", rate="n/a"),
        rate(currency="CHF", rate="0"), rate(currency="SEK", rate_date="28.06.2024"),
    ], "staging.int_ecb_rates__rate_rows")
    by_currency = {row["currency"]: row for row in rows}
    assert by_currency["GBP"]["rate"] == Decimal("0.846380") and by_currency["GBP"]["rate_date"] == date(2024, 6, 28)
    assert by_currency["USD"]["rate"] == Decimal("1.070500")  # codes upper-cased
    assert by_currency["GBP"]["days_from_fetch"] == 0
    assert [c for c, row in sorted(by_currency.items()) if row["rate_error"]] == ["CHF", "JPY"]
    assert [c for c, row in sorted(by_currency.items()) if row["date_error"]] == ["SEK"]
    assert by_currency["JPY"]["rate_text"] == "n/a"  # the published value stays for the quarantine


def test_the_same_day_in_two_files_is_kept_once(tmp_path: Path) -> None:
    rows = stage_rows(tmp_path, "ecb_rates", [rate(source_url=HIST_90D, fetched_at="2024-06-28T16:00:00+00:00"),
                                              rate()], "staging.int_ecb_rates__rate_rows")
    assert [(row["currency"], row["source_url"]) for row in rows] == [("GBP", DAILY)]
