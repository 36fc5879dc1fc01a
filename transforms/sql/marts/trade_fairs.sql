-- marts.trade_fairs
-- One row per trade-fair edition, merged from every calendar source that lists it (the records are
-- linked to a fair by warehouse/fair_links.py; see docs/dedup.md), read from marts.trade_fair_sources
-- (one row per fair and source record). Each attribute comes from the
-- cluster's representative record when it has one, else from the most recently fetched record that
-- has it; a status other than 'scheduled' from any source wins (news of a cancellation spreads
-- from one source first). Sectors and sources are the union over the records.
-- A view (defined by warehouse/publish.py): no row order is promised. Columns: docs/marts.md.
select
    fair_id,
    first(name order by representative desc, fetched_at desc) as name,
    first(start_date order by representative desc, fetched_at desc) as start_date,
    first(end_date order by representative desc, fetched_at desc) as end_date,
    first(edition_year order by representative desc, fetched_at desc) as edition_year,
    coalesce(first(status order by fetched_at desc) filter (where status <> 'scheduled'), 'scheduled') as status,
    first(city order by representative desc, fetched_at desc) filter (where city is not null) as city,
    first(country order by representative desc, fetched_at desc) filter (where country is not null) as country,
    first(venue order by representative desc, fetched_at desc) filter (where venue is not null) as venue,
    first(organiser order by representative desc, fetched_at desc) filter (where organiser is not null)
        as organiser,
    list_sort(list_distinct(flatten(list(sectors)))) as sectors,
    first(url order by representative desc, fetched_at desc) filter (where url is not null) as url,
    list_sort(list_distinct(list(source))) as sources,
    count(*) as source_records,
    min(first_seen) as first_seen,
    max(last_seen) as last_seen
from (select *, matched_to is null as representative from marts.trade_fair_sources) as records
group by fair_id
