-- stg_trade_fairs__records (shared by every trade-fair source)
-- One row per record of the run, trimmed and typed where SQL can: names with one spacing, the
-- source's status mapped to Trade Point's (scheduled / cancelled / postponed / rescheduled /
-- moved_online; an unknown value stays null, flagged, and is quarantined), sector labels as a list.
-- Dates, countries, cities and sectors are normalised in Python once per distinct value
-- (transforms/fair_normalise.py) and joined by the intermediate model. `row_hash` covers the
-- published attributes, not fetch metadata, so an unchanged rerun merges to nothing. A record the
-- crawl returned twice (a page listed on two pages, a UID in two requests) is kept once: the highest
-- SEQUENCE, then the latest update and fetch (transforms/fair_normalise.py reports how many).
create or replace table staging.stg_[[ source ]]__fair_records as
select
    source,
    record_id,
    nullif(trim(regexp_replace(name, '\s+', ' ', 'g')), '') as name,
    nullif(trim("start"), '') as start_raw,
    nullif(trim("end"), '') as end_raw,
    nullif(trim(timezone), '') as timezone,
    all_day,
    nullif(trim(date_text), '') as date_text,
    status as status_raw,
    case
        when status is null or trim(status) = '' then 'scheduled'
        when regexp_matches(lower(status), 'cancel') then 'cancelled'
        when regexp_matches(lower(status), 'postpone') then 'postponed'
        when regexp_matches(lower(status), 'reschedul') then 'rescheduled'
        when regexp_matches(lower(status), 'movedonline|moved.online') then 'moved_online'
        -- schema.org EventScheduled, iCalendar CONFIRMED / TENTATIVE
        when regexp_matches(lower(status), 'scheduled|confirmed|tentative') then 'scheduled'
    end as status,
    nullif(trim(event_type), '') as event_type,
    nullif(trim(venue), '') as venue,
    nullif(trim(address), '') as address,
    nullif(trim(city), '') as city_raw,
    nullif(trim(region), '') as region,
    nullif(trim(postal_code), '') as postal_code,
    nullif(trim(country), '') as country_raw,
    nullif(trim(organiser), '') as organiser,
    list_filter(list_transform(coalesce(sectors, []), s -> trim(s)), s -> s <> '') as source_sectors,
    nullif(trim(url), '') as url,
    nullif(trim(description), '') as description,
    updated,
    sequence,
    coalesce(feed, source) as feed,
    source_url,
    cast(fetched_at as timestamptz) as fetched_at,
    content_hash,
    hash(record_id, name, "start", "end", timezone, all_day, date_text, status, event_type, venue, address, city,
        region, postal_code, country, organiser, sectors, url, description) as row_hash
from raw.[[ source ]]__fair_records
qualify row_number() over (
    partition by record_id order by sequence desc nulls last, updated desc nulls last, fetched_at desc, source_url
) = 1;
