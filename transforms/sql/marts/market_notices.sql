-- marts.market_notices
-- One row per version of every regulatory or trade notice (`is_current` marks the version in force):
-- a notice seen again with changed content is a new version, never a duplicate. Title and summary are
-- safe plain text; `notice_type` comes from explained rules (`type_rule`, `type_explanation`,
-- docs/tagging.md) beside the source's own labels. Corrections and amendments are linked both ways:
-- `amends` (the notice this one changes) and `amended_by` (current notices that change this one).
-- A view (defined by warehouse/publish.py): no row order is promised. Columns: docs/marts.md.
select
    n.source,
    n.notice_id,
    n.title,
    n.summary,
    n.notice_type,
    n.type_rule,
    n.type_explanation,
    n.document_type,
    n.source_labels,
    n.published,
    n.effective,
    n.comment_deadline,
    n.issuer,
    n.issuer_country,
    n.countries,
    n.hs_codes,
    n.url,
    n.language,
    n.amends,
    coalesce((select list_sort(list(a.notice_id)) from core.market_notices as a
              where a.superseded_run_id is null and a.source = n.source and a.amends = n.notice_id), [])
        as amended_by,
    row_number() over (partition by n.source, n.notice_id order by n.loaded_at) as version,
    n.superseded_run_id is null as is_current,
    n.loaded_at as valid_from,
    n.superseded_at as valid_to,
    n.feed,
    n.source_url,
    n.fetched_at
from core.market_notices as n
