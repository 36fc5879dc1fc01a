-- marts.tariffs
-- One row per duty measure in force in the warehouse's current state: commodity line × measure
-- (partner, regime, validity), with the duty expression as published and its parsed components
-- (from the core.duty_expressions dimension) and the commodity line's description (core.commodities).
-- Measures without a duty (controls, certificates, supplementary units) stay in core, not here.
-- A view (defined by warehouse/publish.py): no row order is promised; order in the query.
-- Every column is documented in docs/marts.md.
select
    t.reporter,
    t.national_code,
    t.hs6,
    c.description,
    c.units,
    regime,
    partner,
    partner_name,
    partner_type,
    t.duty_text,
    d.ad_valorem_pct,
    d.specific_amount,
    d.specific_currency,
    d.specific_unit,
    d.duty_structure,
    valid_from,
    valid_to,
    measure_type,
    measure_type_description,
    measure_sid,
    order_number,
    additional_code,
    excluded_partners,
    t.conditions,
    t.source,
    t.source_url,
    t.fetched_at
from core.tariff_measures as t
left join core.duty_expressions as d on d.duty_text = t.duty_text
left join core.commodities as c
    on c.source = t.source
    and c.reporter = t.reporter
    and c.national_code = t.national_code
    and c.producline_suffix = t.producline_suffix
    and c.superseded_run_id is null
where t.superseded_run_id is null
  and t.is_duty
