-- marts.trade_fair_sources
-- One row per (fair edition, source record): where each fair of marts.trade_fairs was listed, what
-- that source said (name, dates, status, place as published and normalised), its links, and the
-- evidence that matched it to the fair (matched_to, name_score, evidence; see docs/dedup.md).
-- A view (defined by warehouse/publish.py): no row order is promised. Columns: docs/marts.md.
select
    -- a record not linked yet (the deduplication failed after its load) still shows, as its own fair
    coalesce(l.fair_id, 'unlinked:' || r.source || ':' || r.record_id) as fair_id,
    r.source,
    r.record_id,
    r.feed,
    r.name,
    r.start_date,
    r.end_date,
    r.edition_year,
    r.starts_at,
    r.ends_at,
    r.timezone,
    r.status,
    r.status_raw,
    r.venue,
    r.city,
    r.country,
    r.organiser,
    r.sectors,
    r.source_sectors,
    r.url,
    r.source_url,
    r.fetched_at,
    l.matched_to,
    l.name_score,
    l.evidence,
    s.first_seen,
    s.last_seen
from core.trade_fair_records as r
left join core.trade_fair_links as l on l.source = r.source and l.record_id = r.record_id
left join core.trade_fair_seen as s on s.source = r.source and s.record_id = r.record_id
where r.superseded_run_id is null
