-- stg_usitc_hts__measures
-- One typed row per (HTS line, measure): the spider's measure types mapped to a regime, partners
-- classified (ALL, a program code or COLUMN2 as a group, an ISO-2 country), validity dates as dates.
-- Values that do not type are kept raw and flagged (date_error) for the checks to quarantine.
-- `row_hash` covers the measure's published attributes (not fetch metadata), computed once here:
-- the checks and the load compare it, and an unchanged rerun merges to nothing.
create or replace table staging.stg_usitc_hts__measures as
with groups as (
    select distinct group_id from raw.usitc_hts__partner_groups
)
select
    m.source,
    m.reporter,
    m.national_code,
    left(m.national_code, 6) as hs6,
    m.producline_suffix,
    m.measure_sid,
    m.measure_type,
    m.measure_type_description,
    -- HTSUS columns: column 1 general is the NTR (MFN) rate; column 1 special the rates of the special
    -- programs (FTAs, preference programs); column 2 ("other") the rate of the countries without normal
    -- trade relations; chapter 99 lines named in a footnote are additional duties.
    case m.measure_type
        when 'general' then 'mfn'
        when 'special' then 'preferential'
        when 'other' then 'non_mfn'
        when 'additional' then 'additional'
        else 'other'
    end as regime,
    m.partner,
    m.partner_name,
    -- ALL: every origin. Program codes ("AU", "A", "S") and COLUMN2 are groups (their members are in
    -- core.partner_group_memberships) even where the code is also an ISO-2 country code (AU, CL, KR ...).
    case
        when m.partner = 'ALL' then 'all'
        when m.measure_type in ('special', 'other') or g.group_id is not null then 'group'
        when c.alpha_2 is not null then 'country'
        else 'other'
    end as partner_type,
    coalesce(trim(m.duty_text), '') as duty_text,
    -- A special program whose rate is a cross-reference ("See 9822.04.05") and a chapter 99 line whose
    -- rate was not crawled publish no duty here: empty text, not a duty.
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
from raw.usitc_hts__measures as m
left join groups as g on g.group_id = m.partner
left join ref.countries as c on c.alpha_2 = m.partner;
