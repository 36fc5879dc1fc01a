-- int_trade_fairs__fair_rows (shared by every trade-fair source)
-- The batch the checks see and the load merges: each staged record with its dates, country, city
-- and sectors as normalised once per distinct value (transforms/fair_normalise.py). `row_id` (the
-- staged row's rowid) identifies a row in checks and quarantine; the flags (`date_error`,
-- `country_known`, `status_known`, `years_from_fetch`) are what the checks test. `row_hash` covers the
-- published attributes and their normalised values, so a better normaliser re-versions what it changes.
create or replace view staging.int_[[ source ]]__fair_rows as
with rows as (
select
    r.rowid as row_id,
    r.source,
    r.record_id,
    r.name,
    d.start_date,
    d.end_date,
    year(d.start_date) as edition_year,
    d.starts_at,
    d.ends_at,
    r.timezone,
    r.all_day,
    r.date_text,
    d.date_error,
    date_diff('year', cast(r.fetched_at as date), d.start_date) as years_from_fetch,
    r.status,
    r.status_raw,
    r.status is not null as status_known,
    r.event_type,
    r.venue,
    r.address,
    ci.city,
    r.region,
    r.postal_code,
    co.country,
    r.country_raw,
    r.country_raw is null or co.country is not null as country_known,
    r.organiser,
    coalesce((select list_sort(list_distinct(flatten(list(s.sectors))))
              from unnest(r.source_sectors) as u(label)
              join staging.int_[[ source ]]__fair_sectors as s on s.label = u.label), []) as sectors,
    r.source_sectors,
    r.url,
    r.description,
    r.updated,
    r.sequence,
    r.feed,
    r.source_url,
    r.fetched_at,
    r.content_hash,
    r.row_hash as published_hash
from staging.stg_[[ source ]]__fair_records as r
left join staging.int_[[ source ]]__fair_dates as d
    on d.start_raw is not distinct from r.start_raw
    and d.end_raw is not distinct from r.end_raw
    and d.date_text is not distinct from r.date_text
    and d.timezone is not distinct from r.timezone
left join staging.int_[[ source ]]__fair_countries as co on co.country_raw = r.country_raw
left join staging.int_[[ source ]]__fair_cities as ci on ci.city_raw = r.city_raw
)
select
    * exclude (published_hash),
    hash(published_hash, start_date, end_date, starts_at, ends_at, status, city, country, sectors) as row_hash
from rows;
