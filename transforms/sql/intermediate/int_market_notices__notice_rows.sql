-- int_market_notices__notice_rows (shared by every market-notice source)
-- The batch the checks see and the load merges: each staged notice with its safe plain-text title and
-- summary, its notice type (rule and explanation) and its HS-code and country tags
-- (staging.int_<source>__notice_tags, transforms/notice_normalise.py). The flags (`date_error`,
-- `hs_all_valid`, `countries_all_known`, `years_from_fetch`) are what the checks test.
create or replace view staging.int_[[ source ]]__notice_rows as
select
    r.rowid as row_id,
    r.source,
    r.notice_id,
    t.title,
    t.summary,
    t.notice_type,
    t.type_rule,
    t.type_explanation,
    r.document_type,
    r.source_labels,
    r.published,
    r.effective,
    r.comment_deadline,
    r.date_error,
    date_diff('year', cast(r.fetched_at as date), r.published) as years_from_fetch,
    r.updated,
    r.issuer,
    t.issuer_country,
    r.issuer_country_raw,
    t.countries,
    t.hs_codes,
    len(t.hs_invalid) = 0 as hs_all_valid,
    len(t.countries_unknown) = 0 as countries_all_known,
    r.url,
    r.language,
    r.amends,
    r.feed,
    r.source_url,
    r.fetched_at,
    r.content_hash,
    r.row_hash
from staging.stg_[[ source ]]__notice_records as r
left join staging.int_[[ source ]]__notice_tags as t on t.notice_id = r.notice_id;
