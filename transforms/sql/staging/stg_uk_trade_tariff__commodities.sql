-- stg_uk_trade_tariff__commodities
-- One row per goods-nomenclature line (reporter, national_code, producline_suffix) of the run.
-- A line appears in its heading's tree and again in its own commodity document; the commodity
-- document (which states `declarable`) wins, then the latest fetch. Merged into core.commodities,
-- the lines' versioned dimension: `row_id` and `row_hash` (published attributes) as for measures.
create or replace table staging.stg_uk_trade_tariff__commodities as
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
from raw.uk_trade_tariff__commodities
qualify row_number() over (
    partition by reporter, national_code, producline_suffix
    order by declarable is null, fetched_at desc, source_url
) = 1;
