-- stg_tariffs__measures (shared by the tariff sources: each yields TariffMeasureItem)
-- One typed row per (commodity line, measure): the source's measure type mapped to a regime and its
-- partner classified, by the source's code maps in the registry (`measure_codes`, passed as the JSON
-- parameter {{ measure_codes }}; scrapers/registry.py MeasureCodes), validity dates as dates. Values that
-- do not type are kept raw and flagged (date_error) for the checks to quarantine. The maps are read from
-- the literal where they are used: constant expressions, folded once when the query is planned (from a
-- joined table they would be evaluated, and a pattern compiled, for every row).
-- regime: the registry's map of published measure types (UK 103/105 mfn, 142/145 preferential, 143/146
-- preferential_quota; US general/special/other/additional; WITS MFN/PRF); any other type is 'other'.
-- partner_type, first match: 'all' (a partner meaning every origin: UK 1011 ERGA OMNES, US and WITS
-- ALL); 'group' (a measure type whose partner is always a group, such as a US special program code even
-- where it is also an ISO-2 code like AU; a group the crawl published with its members, in
-- core.partner_group_memberships; an id that is a group by its form, UK 4 digits); 'country' (ISO 3166-1
-- alpha-2); 'group' (an id the source uses for groups outside ISO 3166: WITS EU, A10); else 'other'.
-- is_duty: a non-empty duty text on a measure type that publishes duties (UK supplementary-unit types
-- publish a unit; a US cross-reference or an unread chapter 99 line, nothing).
-- `row_hash` covers the measure's published attributes (not fetch metadata) and what the code maps made of
-- them (regime, partner_type: a corrected map versions the rows it reclassifies), computed once here:
-- the checks and the load compare it, and an unchanged rerun merges to nothing.
-- The sets the rows are tested against are read first, into variables: getvariable() is a constant when the
-- query is planned, so the rows stream from the landing file to the table without a join. A join (even
-- with one row) lets DuckDB write the rows in any order; without one they keep the crawl order, and so do
-- the row groups of core.tariff_measures loaded from them, which the lookup's zone maps skip by.
set variable tariff_regimes = from_json(json_extract({{ measure_codes }}, '$.regimes'), '"MAP(VARCHAR, VARCHAR)"');
set variable tariff_countries = (select list(alpha_2) from ref.countries);
set variable tariff_published_groups = (select coalesce(list(distinct group_id), []) from raw.[[ source ]]__partner_groups);
create or replace table staging.stg_[[ source ]]__measures as
select
    m.source,
    m.reporter,
    m.national_code,
    left(m.national_code, 6) as hs6,
    m.producline_suffix,
    m.measure_sid,
    m.measure_type,
    m.measure_type_description,
    coalesce(getvariable('tariff_regimes')[m.measure_type], 'other') as regime,
    m.partner,
    m.partner_name,
    case
        when list_contains(from_json(json_extract({{ measure_codes }}, '$.all_partners'), '["VARCHAR"]'), m.partner)
            then 'all'
        when list_contains(from_json(json_extract({{ measure_codes }}, '$.group_measure_types'), '["VARCHAR"]'),
                           m.measure_type)
            or list_contains(getvariable('tariff_published_groups'), m.partner)
            or (json_extract_string({{ measure_codes }}, '$.group_partners') is not null
                and regexp_full_match(m.partner, json_extract_string({{ measure_codes }}, '$.group_partners')))
            then 'group'
        when list_contains(getvariable('tariff_countries'), m.partner) then 'country'
        when json_extract_string({{ measure_codes }}, '$.other_partners_are_groups') is not null
            and regexp_full_match(m.partner, json_extract_string({{ measure_codes }}, '$.other_partners_are_groups'))
            then 'group'
        else 'other'
    end as partner_type,
    coalesce(trim(m.duty_text), '') as duty_text,
    not list_contains(from_json(json_extract({{ measure_codes }}, '$.no_duty_types'), '["VARCHAR"]'), m.measure_type)
        and coalesce(trim(m.duty_text), '') <> '' as is_duty,
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
        coalesce(m.conditions, []), regime, partner_type) as row_hash
from raw.[[ source ]]__measures as m;
reset variable tariff_regimes;
reset variable tariff_countries;
reset variable tariff_published_groups;
