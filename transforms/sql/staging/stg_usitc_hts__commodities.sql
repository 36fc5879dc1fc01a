-- stg_usitc_hts__commodities
-- One row per HTS line (reporter, national_code, producline_suffix) of the run: every numbered line of
-- 6, 8 or 10 digits (national_code = the digits; goods_nomenclature_sid = the htsno as published; 4-digit
-- headings appear only as parent_sid). A line read twice (overlapping ranges) keeps the latest fetch.
-- Merged into core.commodities, the lines' versioned dimension: `row_id` and `row_hash` (published
-- attributes) as for measures.
create or replace table staging.stg_usitc_hts__commodities as
select
    row_number() over () as row_id,
    source,
    reporter,
    national_code,
    left(national_code, 6) as hs6,
    producline_suffix,
    trim(description) as description,
    number_indents,
    coalesce(declarable, leaf and producline_suffix = '80') as declarable,
    goods_nomenclature_sid,
    parent_sid,
    source_url,
    cast(fetched_at as timestamptz) as fetched_at,
    hash(reporter, national_code, producline_suffix, trim(description), number_indents,
        coalesce(declarable, leaf and producline_suffix = '80'), goods_nomenclature_sid, parent_sid) as row_hash
from raw.usitc_hts__commodities
qualify row_number() over (
    partition by reporter, national_code, producline_suffix
    order by declarable is null, fetched_at desc, source_url
) = 1;
