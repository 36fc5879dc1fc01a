-- marts.fx_rate(from_currency, to_currency, on_date): how many units of to_currency one unit of
-- from_currency buys, at the reference rates of the latest day on or before on_date (ECB rates are set
-- on TARGET working days only). Cross rates go through the base currency (EUR): to/from. Returns one
-- row (rate_date, rate), or none when either currency has no rate on or before that day.
-- Example: select * from marts.fx_rate('GBP', 'USD', date '2026-11-28').
create or replace macro marts.fx_rate(from_currency, to_currency, on_date) as table
with current_rates as (
    select rate_date, base_currency, currency, rate from core.exchange_rates where superseded_run_id is null
),
quotes as (
    select * from current_rates
    union all
    select distinct rate_date, base_currency, base_currency, 1 from current_rates
),
days as (
    select max(f.rate_date) as rate_date
    from quotes as f
    join quotes as t on t.rate_date = f.rate_date and t.base_currency = f.base_currency
    where f.currency = upper(from_currency) and t.currency = upper(to_currency)
      and f.rate_date <= cast(on_date as date)
)
select d.rate_date, cast(t.rate as double) / cast(f.rate as double) as rate
from days as d
join quotes as f on f.rate_date = d.rate_date and f.currency = upper(from_currency)
join quotes as t on t.rate_date = d.rate_date and t.currency = upper(to_currency) and t.base_currency = f.base_currency
