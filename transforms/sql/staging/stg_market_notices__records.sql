-- stg_market_notices__records (shared by every market-notice source)
-- One row per notice of the run: ids and labels trimmed, dates typed (ISO date or date-time as the
-- spiders map them; a value that does not type is kept raw and flagged for quarantine), lists never
-- null. A notice returned twice (two feeds, two pages) is kept once, its latest update. Text
-- cleaning, classification and the HS-code and country tags come from Python, once per distinct
-- text (transforms/notice_normalise.py), joined by the intermediate model. `row_hash` covers the
-- published attributes, not fetch metadata: a notice seen again with changed content is a new version.
create or replace table staging.stg_[[ source ]]__notice_records as
select
    source,
    trim(notice_id) as notice_id,
    nullif(trim(title), '') as title_raw,
    nullif(trim(summary), '') as summary_raw,
    nullif(trim(document_type), '') as document_type,
    try_cast(left(published, 10) as date) as published,
    try_cast(left(effective, 10) as date) as effective,
    try_cast(left(comment_deadline, 10) as date) as comment_deadline,
    (published is not null and try_cast(left(published, 10) as date) is null)
        or (effective is not null and try_cast(left(effective, 10) as date) is null)
        or (comment_deadline is not null and try_cast(left(comment_deadline, 10) as date) is null) as date_error,
    try_cast(updated as timestamptz) as updated,
    nullif(trim(issuer), '') as issuer,
    nullif(trim(issuer_country), '') as issuer_country_raw,
    coalesce(countries, []) as listed_countries,
    coalesce(hs_codes, []) as listed_hs_codes,
    coalesce(labels, []) as source_labels,
    nullif(trim(url), '') as url,
    nullif(trim(language), '') as language,
    nullif(trim(amends), '') as amends,
    coalesce(feed, source) as feed,
    source_url,
    cast(fetched_at as timestamptz) as fetched_at,
    content_hash,
    hash(notice_id, title, summary, document_type, published, effective, comment_deadline, issuer, issuer_country,
        countries, hs_codes, labels, url, language, amends) as row_hash
from raw.[[ source ]]__notice_records
qualify row_number() over (
    partition by notice_id order by try_cast(updated as timestamptz) desc nulls last, fetched_at desc, source_url
) = 1;
