-- marts.exchange_rates
-- The reference exchange rates in force: one row per (source, day, currency), units of `currency` per
-- one `base_currency` (EUR for the ECB), plus the inverse. Current versions of core.exchange_rates.
-- To convert on a day without a rate (weekend, holiday), take the latest rate_date on or before it:
-- marts.fx_rate(from, to, on_date) does that. Every column is documented in docs/marts.md.
select
    rate_date,
    base_currency,
    currency,
    rate,
    cast(1 / rate as double) as inverse_rate,
    source,
    source_url,
    fetched_at
from core.exchange_rates
where superseded_run_id is null
