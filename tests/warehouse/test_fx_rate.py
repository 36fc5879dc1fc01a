"""marts.exchange_rates and marts.fx_rate(from, to, on_date) on rates loaded as a run loads them."""

from __future__ import annotations

from datetime import date

import pytest

from tests.scrapers.test_ecb_rates import rate
from tradepoint.pipeline import merge_batch
from warehouse.publish import define_marts

BATCH = "staging.int_ecb_rates__rate_rows"


@pytest.fixture
def rates(work, stage_batch):
    stage_batch(work, [rate(currency="GBP", rate="0.8", rate_date="2026-11-26"),
                       rate(currency="USD", rate="1.2", rate_date="2026-11-26"),
                       rate(currency="GBP", rate="0.9", rate_date="2026-11-27"),
                       rate(currency="USD", rate="1.08", rate_date="2026-11-27")], "ecb_rates")
    merge_batch(work, "ecb_rates", "r1", batch=BATCH, seen=BATCH)
    define_marts(work)
    return work


def fx(con, from_currency: str, to_currency: str, on: str) -> list[tuple]:
    return con.execute("select rate_date, round(rate, 6) from marts.fx_rate($f, $t, $on)",
                       {"f": from_currency, "t": to_currency, "on": on}).fetchall()


def test_direct_inverse_and_cross_rates(rates) -> None:
    assert fx(rates, "EUR", "GBP", "2026-11-27") == [(date(2026, 11, 27), 0.9)]
    assert fx(rates, "usd", "eur", "2026-11-27") == [(date(2026, 11, 27), round(1 / 1.08, 6))]
    assert fx(rates, "GBP", "USD", "2026-11-27") == [(date(2026, 11, 27), 1.2)]  # 1.08 / 0.9


def test_a_day_without_rates_takes_the_latest_before_it(rates) -> None:
    assert fx(rates, "GBP", "USD", "2026-11-29") == [(date(2026, 11, 27), 1.2)]
    assert fx(rates, "GBP", "USD", "2026-11-26") == [(date(2026, 11, 26), 1.5)]
    assert fx(rates, "GBP", "USD", "2026-11-25") == []  # nothing before the first day
    assert fx(rates, "GBP", "XXX", "2026-11-27") == []


def test_a_corrected_rate_replaces_the_old_one(rates, stage_batch) -> None:
    stage_batch(rates, [rate(currency="GBP", rate="0.91", rate_date="2026-11-27")], "ecb_rates")
    assert merge_batch(rates, "ecb_rates", "r2", batch=BATCH, seen=BATCH)["inserted"] == 1
    assert fx(rates, "EUR", "GBP", "2026-11-27") == [(date(2026, 11, 27), 0.91)]
    assert rates.execute("select count(*) from core.exchange_rates").fetchone() == (5,)  # history kept
