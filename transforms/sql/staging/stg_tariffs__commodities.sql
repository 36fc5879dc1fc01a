-- stg_tariffs__commodities (shared by the tariff sources: each yields CommodityItem)
-- One row per national line (reporter, national_code, producline_suffix) of the run: UK 10-digit lines,
-- US HTS lines of 6-10 digits, WITS HS6 subheadings (hs6 = the first 6 digits, the code itself at HS6).
-- A line read twice (a UK line in its heading's tree and in its own commodity document, overlapping HTS
-- ranges, a WITS subheading in each partner's answer): the answer stating `declarable` wins, then the
-- latest fetch. `units`: the line's units of quantity as published (US HTS), [] where none. Merged
-- into core.commodities, the lines' versioned dimension: `row_id` and `row_hash` (published
-- attributes) as for measures. Sorted by line (a small sort): a first load inserts the lines in this order
-- into core.commodities (warehouse/history.py), whose zone maps the lookup's join to a code range then uses.
create or replace table staging.stg_[[ source ]]__commodities as
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
    coalesce(units, []) as units,
    source_url,
    cast(fetched_at as timestamptz) as fetched_at,
    hash(reporter, national_code, producline_suffix, trim(description), number_indents,
        coalesce(declarable, leaf and producline_suffix = '80'), goods_nomenclature_sid, parent_sid, coalesce(units, [])) as row_hash
from raw.[[ source ]]__commodities
qualify row_number() over (
    partition by reporter, national_code, producline_suffix
    order by declarable is null, fetched_at desc, source_url
) = 1
order by reporter, national_code, producline_suffix;
