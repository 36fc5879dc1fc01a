-- int_tariffs__tariff_rows (shared by the tariff sources; their staging models give the same columns)
-- The batch that the checks see and the load merges: each staged measure with its parsed duty
-- expression (staging.int_duty_expressions, parsed once per distinct text) and whether its
-- commodity line was crawled (the line itself, with its description, goes to core.commodities).
-- `row_id` (the staged row's rowid) identifies a row in checks and quarantine; `row_hash` comes
-- from staging. A view: checks read a few columns, the load writes the rows once, into core.
create or replace view staging.int_[[ source ]]__tariff_rows as
select
    m.rowid as row_id,
    m.source,
    m.reporter,
    m.national_code,
    m.hs6,
    m.producline_suffix,
    c.national_code is not null as commodity_found,
    m.measure_sid,
    m.measure_type,
    m.measure_type_description,
    m.regime,
    m.partner,
    m.partner_name,
    m.partner_type,
    m.duty_text,
    m.is_duty,
    d.duty_structure,
    d.ad_valorem_pct,
    d.specific_amount,
    d.specific_currency,
    d.specific_unit,
    d.components_json as duty_components,
    d.parse_error as duty_parse_error,
    m.valid_from,
    m.valid_to,
    m.date_error,
    m.excluded_partners,
    m.order_number,
    m.additional_code,
    m.legal_acts,
    m.footnotes,
    m.conditions,
    m.source_url,
    m.fetched_at,
    m.content_hash,
    m.row_hash
from staging.stg_[[ source ]]__measures as m
-- an equality alone keeps this a hash join (a conjunction with m.is_duty made it a nested loop).
left join staging.int_duty_expressions as d on d.duty_text = if(m.is_duty, m.duty_text, null)
left join staging.stg_[[ source ]]__commodities as c
    on c.reporter = m.reporter
    and c.national_code = m.national_code
    and c.producline_suffix = m.producline_suffix;
