-- stg_wits_trains__measures
-- One typed row per (reporter, HS6 subheading, measure) of WITS / UNCTAD TRAINS: the simple average of
-- the ad valorem rates of the reporter's national lines in the subheading, for one year, partner,
-- tariff type and data type (measure_sid "year:partner code:tariff type:data type"). Same columns,
-- order and types as stg_uk_trade_tariff__measures (the tariff family's intermediate model reads both).
-- regime: TRAINS tariff type (attribute TARIFFTYPE) as published. MFN is the most-favoured-nation
-- rate, which WITS gives for partner 000 (World, landed as 'ALL'); PRF (PREF in some descriptions of
-- the API) is a preferential rate for a PTA partner or preference group; anything else (e.g. AHS, the
-- effectively applied rate, if the source ever sends it) is 'other' rather than guessed.
-- partner_type: 'ALL' (WITS 000 World) -> 'all'; an ISO-2 country -> 'country'; any other code the
-- spider kept as published (EU for 918, preference groups such as A10, whose members are in
-- core.partner_group_memberships) -> 'group'; a value outside that pattern -> 'other'.
-- is_duty: an empty duty_text means no national line of the subheading is ad valorem (NBR_NA_LINES =
-- TOTALNOOFLINES): WITS publishes 0 there, which is no rate. Validity is the calendar year.
create or replace table staging.stg_wits_trains__measures as
select
    m.source,
    m.reporter,
    m.national_code,
    m.national_code as hs6,
    m.producline_suffix,
    m.measure_sid,
    m.measure_type,
    m.measure_type_description,
    case
        when upper(m.measure_type) = 'MFN' then 'mfn'
        when upper(m.measure_type) in ('PRF', 'PREF') then 'preferential'
        else 'other'
    end as regime,
    m.partner,
    m.partner_name,
    case
        when m.partner = 'ALL' then 'all'
        when c.alpha_2 is not null then 'country'
        when regexp_full_match(m.partner, '[A-Z0-9]{1,10}') then 'group'
        else 'other'
    end as partner_type,
    coalesce(trim(m.duty_text), '') as duty_text,
    coalesce(trim(m.duty_text), '') <> '' as is_duty,
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
from raw.wits_trains__measures as m
left join ref.countries as c on c.alpha_2 = m.partner;
