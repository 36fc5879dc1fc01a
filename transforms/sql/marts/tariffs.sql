-- marts.tariffs
-- One row per duty measure in force in the warehouse's current state: commodity line × measure
-- (partner, regime, validity), with the duty expression as published and its parsed components.
-- Measures without a duty (controls, certificates, supplementary units) stay in core, not here.
-- A view (defined by warehouse/publish.py): no row order is promised; order in the query.
-- Every column is documented in docs/marts.md.
select
    reporter,
    national_code,
    hs6,
    description,
    regime,
    partner,
    partner_name,
    partner_type,
    duty_text,
    ad_valorem_pct,
    specific_amount,
    specific_currency,
    specific_unit,
    duty_structure,
    valid_from,
    valid_to,
    measure_type,
    measure_type_description,
    measure_sid,
    order_number,
    additional_code,
    excluded_partners,
    source,
    source_url,
    fetched_at
from core.tariff_measures
where superseded_run_id is null
  and is_duty
