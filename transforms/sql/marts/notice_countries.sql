-- marts.notice_countries
-- One row per (current notice, country): the countries each notice concerns (listed by the source or
-- named in its text), as ISO 3166-1 alpha-2 (`EU` for the European Union), beside the issuing country.
-- A view: no row order is promised. Columns: docs/marts.md.
select
    n.source,
    n.notice_id,
    c.country,
    n.issuer_country,
    n.notice_type,
    n.published,
    n.title
from core.market_notices as n, unnest(n.countries) as c(country)
where n.superseded_run_id is null
