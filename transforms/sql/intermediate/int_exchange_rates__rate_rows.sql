-- int_exchange_rates__rate_rows (shared by the exchange-rate sources)
-- The batch that the checks see and the load merges: each staged rate with its row id and the years
-- between its day and the fetch (a plausibility check: a rate is never of the future, nor decades old).
create or replace view staging.int_[[ source ]]__rate_rows as
select
    r.rowid as row_id,
    r.source,
    r.base_currency,
    r.currency,
    r.rate,
    r.rate_text,
    r.rate_date,
    r.rate_error,
    r.date_error,
    date_diff('day', cast(r.fetched_at as date), r.rate_date) as days_from_fetch,
    r.source_url,
    r.fetched_at,
    r.content_hash,
    r.row_hash
from staging.stg_[[ source ]]__rates as r;
