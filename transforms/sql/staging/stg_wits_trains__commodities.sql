-- stg_wits_trains__commodities
-- One row per (reporter, HS6 subheading) of the run: TRAINS publishes at HS6, so the "national line" is
-- the subheading itself (producline_suffix '80', declarable, no tree: number_indents and parent_sid
-- null). The same subheading comes in the MFN answer and in each preferential answer; the latest fetch
-- wins. Same columns, order and types as stg_uk_trade_tariff__commodities; merged into core.commodities.
create or replace table staging.stg_wits_trains__commodities as
select
    row_number() over () as row_id,
    source,
    reporter,
    national_code,
    national_code as hs6,
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
from raw.wits_trains__commodities
qualify row_number() over (
    partition by reporter, national_code, producline_suffix
    order by fetched_at desc, source_url
) = 1;
