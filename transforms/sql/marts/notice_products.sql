-- marts.notice_products
-- One row per (current notice, HS code): which products each notice concerns, at the precision the
-- notice gives (2-digit chapter, 4-digit heading or 6-digit subheading), validated against the HS
-- nomenclature. Join on `hs6`/`hs_code` prefixes to marts.tariffs for the tariffs of those products.
-- A view: no row order is promised. Columns: docs/marts.md.
select
    n.source,
    n.notice_id,
    h.hs_code,
    case len(h.hs_code) when 2 then 'chapter' when 4 then 'heading' else 'subheading' end as hs_level,
    n.notice_type,
    n.published,
    n.title
from core.market_notices as n, unnest(n.hs_codes) as h(hs_code)
where n.superseded_run_id is null
