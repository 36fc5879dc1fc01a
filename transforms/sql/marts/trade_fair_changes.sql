-- marts.trade_fair_changes
-- Every version of every trade-fair record: a cancellation, a postponement or new dates close the
-- old version (valid_to) and open a new one, so what each source said and when is kept, never
-- overwritten. fair_id is the record's current fair. Columns: docs/marts.md.
select
    l.fair_id,
    r.source,
    r.record_id,
    r.name,
    r.start_date,
    r.end_date,
    r.status,
    r.city,
    r.country,
    r.loaded_at as valid_from,
    r.superseded_at as valid_to,
    r.loaded_run_id,
    r.superseded_run_id
from core.trade_fair_records as r
left join core.trade_fair_links as l on l.source = r.source and l.record_id = r.record_id
