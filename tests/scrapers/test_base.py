"""TradePointSpider: a replay's "today" is the recordings' date, a live crawl's is the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scrapy.settings import Settings

from scrapers.spiders.ical_feeds import IcalFeedsSpider


def spider(replay: bool) -> IcalFeedsSpider:
    instance = IcalFeedsSpider()
    instance.settings = Settings({"REPLAY": replay})
    return instance


def test_replay_is_as_of_the_recordings_date() -> None:
    assert spider(replay=True).as_of() == date.fromisoformat(spider(True).source.params["recorded_on"])


def test_live_is_as_of_today() -> None:
    assert spider(replay=False).as_of() == datetime.now(UTC).date()
