-- stg_uk_trade_tariff__measures
-- One typed row per (commodity line, measure): the source's measure type mapped to a regime,
-- partners classified (ISO-2 country, 4-digit group id, or other area code), validity dates as
-- dates. Values that do not type are kept raw and flagged (date_error) for the checks to quarantine.
-- `row_hash` covers the measure's published attributes (not fetch metadata), computed once here:
-- the checks and the load compare it, and an unchanged rerun merges to nothing.
create or replace table staging.stg_uk_trade_tariff__measures as
select
    m.source,
    m.reporter,
    m.national_code,
    left(m.national_code, 6) as hs6,
    m.producline_suffix,
    m.measure_sid,
    m.measure_type,
    m.measure_type_description,
    -- UK measure types: 103 third-country duty and 105 authorised-use duty are the MFN rates;
    -- 142/145 tariff preferences; 143/146 preferences under tariff quota; the rest (quotas
    -- outside preferences, VAT, excise, controls) are 'other'.
    case
        when m.measure_type in ('103', '105') then 'mfn'
        when m.measure_type in ('142', '145') then 'preferential'
        when m.measure_type in ('143', '146') then 'preferential_quota'
        else 'other'
    end as regime,
    m.partner,
    m.partner_name,
    -- 1011 ERGA OMNES: every origin; other 4-digit ids are groups (core.partner_group_memberships)
    case
        when m.partner = '1011' then 'all'
        when regexp_full_match(m.partner, '[0-9]{4}') then 'group'
        when c.alpha_2 is not null then 'country'
        else 'other'
    end as partner_type,
    coalesce(trim(m.duty_text), '') as duty_text,
    -- Supplementary-unit measures (109-111) publish a unit ("p/st"), not a duty; controls and
    -- prohibitions publish nothing. Only the rest carry a duty expression to parse.
    m.measure_type not in ('109', '110', '111') and coalesce(trim(m.duty_text), '') <> '' as is_duty,
    try_cast(left(m.valid_from, 10) as date) as valid_from,
    try_cast(left(m.valid_to, 10) as date) as valid_to,
    (m.valid_from is not null and try_cast(left(m.valid_from, 10) as date) is null)
        or (m.valid_to is not null and try_cast(left(m.valid_to, 10) as date) is null) as date_error,
    coalesce(m.excluded_partners, []) as excluded_partners,
    m.order_number,
    m.additional_code,
    coalesce(m.legal_acts, []) as legal_acts,
    coalesce(m.footnotes, []) as footnotes,
    coalesce(m.conditions, []) as conditions,
    m.source_url,
    cast(m.fetched_at as timestamptz) as fetched_at,
    m.content_hash,
    hash(m.reporter, m.national_code, m.producline_suffix, m.measure_sid, m.measure_type,
        m.measure_type_description, m.partner, m.partner_name, m.duty_text, m.valid_from, m.valid_to,
        m.excluded_partners, m.order_number, m.additional_code, m.legal_acts, m.footnotes,
        coalesce(m.conditions, [])) as row_hash
from raw.uk_trade_tariff__measures as m
left join ref.countries as c on c.alpha_2 = m.partner;
