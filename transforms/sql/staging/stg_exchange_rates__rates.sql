-- stg_exchange_rates__rates (shared by the exchange-rate sources)
-- One typed row per (base currency, currency, day): the rate as a decimal number of units of `currency`
-- per one `base_currency`, the day as a date. A value that does not type stays raw and is flagged
-- (`rate_error`, `date_error`) for the checks to quarantine. The same day in two files of one run (the
-- daily and the 90-day file) is kept once, the latest fetch. `row_hash` covers the published values.
create or replace table staging.stg_[[ source ]]__rates as
select
    source,
    upper(trim(base_currency)) as base_currency,
    upper(trim(currency)) as currency,
    try_cast(rate as decimal(18, 6)) as rate,
    rate as rate_text,
    try_cast(rate_date as date) as rate_date,
    try_cast(rate as decimal(18, 6)) is null or try_cast(rate as decimal(18, 6)) <= 0 as rate_error,
    try_cast(rate_date as date) is null as date_error,
    source_url,
    cast(fetched_at as timestamptz) as fetched_at,
    content_hash,
    hash(base_currency, currency, rate, rate_date) as row_hash
from raw.[[ source ]]__rates
qualify row_number() over (
    partition by base_currency, currency, rate_date order by fetched_at desc, source_url
) = 1;
