-- raw_exchange_rates__rates (shared by the exchange-rate sources: each yields ExchangeRateItem)
-- The rates of one landing run (exchange_rate.jsonl), as landed: one row per (day, currency), the rate
-- as published text. Parameter: {{ landing_dir }} (the landing run folder).
create or replace view raw.[[ source ]]__rates as
select *
from read_json(
    {{ landing_dir }} || '/exchange_rate.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        base_currency: 'VARCHAR', currency: 'VARCHAR', rate: 'VARCHAR', rate_date: 'VARCHAR'
    }
);
