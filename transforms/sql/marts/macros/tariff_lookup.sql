-- marts.tariff_rates_of(market, hs_code): the rows of marts.tariff_rates for one market (null: all) under
-- an HS code at any level ('': all), computed from the filtered measures only, so a question about one
-- product reads a few rows, not the table. The view marts.tariff_rates is tariff_rates_of(null, '');
-- the lookup below calls it with its arguments. Column meanings: docs/marts.md (marts.tariff_rates).
create or replace macro marts.tariff_rates_of(market, hs_code) as table
with wanted as (
    -- the market's lines under the code, and the line above a code longer than the market's lines (WITS
    -- publishes HS6): one range on national_code from the code's HS6 on, so zone maps skip the rest of
    -- the table, then the exact test of the two cases
    select *
    from core.tariff_measures
    where (market is null or reporter = upper(market))
      and national_code >= left(regexp_replace(hs_code, '[^0-9]', '', 'g'), 6)
      and national_code <= regexp_replace(hs_code, '[^0-9]', '', 'g') || 'z'
      and (starts_with(national_code, regexp_replace(hs_code, '[^0-9]', '', 'g'))
           or starts_with(regexp_replace(hs_code, '[^0-9]', '', 'g'), national_code))
),
in_force as materialized (
    -- a closed version ends where the load that closed it said (warehouse/validity.py); a current one at valid_to
    select
        w.*,
        w.valid_from as in_force_from,
        if(w.superseded_run_id is null, w.valid_to, w.in_force_to) as in_force_until
    from wanted as w
    where w.is_duty and w.regime <> 'other'
),
members as (
    -- every version of each group's membership, with the days it held (null from: since ever)
    select g.source, g.reporter, g.group_id, unnest(g.member_countries) as origin, g.members_from, g.members_to
    from core.partner_group_memberships as g
    where market is null or g.reporter = upper(market)
),
by_origin as (
    -- every origin a rate is open to: '*' for all, the country itself, each member of a group while it
    -- was a member (null when the source published no members), null for an area that is no country
    select i.*, '*' as origin from in_force as i where i.partner_type = 'all'
    union all
    select i.*, i.partner as origin from in_force as i where i.partner_type = 'country'
    union all
    select i.* replace (greatest(i.in_force_from, m.members_from) as in_force_from,
                        least(i.in_force_until, m.members_to) as in_force_until),
           m.origin
    from in_force as i
    left join members as m on m.source = i.source and m.reporter = i.reporter and m.group_id = i.partner
    where i.partner_type = 'group'
    union all
    select i.*, null as origin from in_force as i where i.partner_type not in ('all', 'country', 'group')
)
select
    i.reporter,
    i.national_code,
    i.hs6,
    c.description,
    c.units,
    i.regime,
    i.partner,
    i.partner_name,
    i.partner_type,
    i.origin,
    i.duty_text,
    d.ad_valorem_pct,
    d.duty_structure,
    i.in_force_from,
    i.in_force_until as in_force_to,
    i.order_number,
    i.additional_code,
    coalesce(i.excluded_partners, []) as excluded_partners,
    i.footnotes,
    i.measure_type,
    i.measure_sid,
    i.superseded_run_id is null as is_current,
    i.source
from by_origin as i
left join core.duty_expressions as d on d.duty_text = i.duty_text
left join core.commodities as c
    on c.source = i.source
    and c.reporter = i.reporter
    and c.national_code = i.national_code
    and c.producline_suffix = i.producline_suffix
    and c.superseded_run_id is null
    -- the same range as the measures (from the HS6 line above a long code): the scan skips the rest
    and (market is null or c.reporter = upper(market))
    and c.national_code >= left(regexp_replace(hs_code, '[^0-9]', '', 'g'), 6)
    and c.national_code <= regexp_replace(hs_code, '[^0-9]', '', 'g') || 'z'
where i.in_force_until is null or i.in_force_until >= i.in_force_from;

-- marts.tariff_lookup(market, hs_code, origin_country, on_date): the exporter's question, answered.
-- "What duty does my product pay in that market, and can I pay less under a trade agreement?"
-- For a destination market (ISO-2 reporter: GB, XI, US, a WITS reporter), an HS code at any level
-- (2, 4, 6, 8 or 10 digits, dots allowed), an origin country (ISO-2) and a date, one row per national
-- tariff line under that code (or the HS6 line above a longer code, for markets published at HS6):
-- the general rate open to the origin (MFN; US column 2 instead for the countries it names), every
-- preferential rate open to the origin (regime, agreement, quota order number), Chapter 99 additional
-- duties, the best rate and the margin of preference. Best and margin compare ad valorem rates only
-- (a specific duty needs a price to compare) and leave quota rates out (open only within the quota).
-- A table macro over marts.tariff_rates_of (above): select * from marts.tariff_lookup('US', '0406', 'AU', current_date).
-- Every output column is documented in docs/marts.md.
create or replace macro marts.tariff_lookup(market, hs_code, origin_country, on_date) as table
with wanted as (
    select r.*
    from marts.tariff_rates_of(market, hs_code) as r
    where (r.origin = upper(origin_country) or r.origin = '*')
      and not list_contains(r.excluded_partners, upper(origin_country))
      and cast(on_date as date) >= r.in_force_from
      and cast(on_date as date) <= coalesce(r.in_force_to, date '9999-12-31')
),
lines as (
    select
        reporter,
        source,
        national_code,
        any_value(hs6) as hs6,
        any_value(description) as description,
        any_value(units) as units,
        coalesce(
            arg_min({'regime': regime, 'duty_text': duty_text, 'ad_valorem_pct': ad_valorem_pct},
                    [measure_type, measure_sid]) filter (where regime = 'non_mfn'),
            arg_min({'regime': regime, 'duty_text': duty_text, 'ad_valorem_pct': ad_valorem_pct},
                    [coalesce(additional_code, ''), measure_type, measure_sid]) filter (where regime = 'mfn')
        ) as general,
        list({'regime': regime, 'partner': partner, 'agreement': partner_name, 'duty_text': duty_text,
              'ad_valorem_pct': ad_valorem_pct, 'order_number': order_number,
              'additional_code': additional_code, 'in_force_to': in_force_to}
             order by ad_valorem_pct nulls last, partner)
            filter (where regime in ('preferential', 'preferential_quota')) as preferences,
        list({'duty_text': duty_text, 'duty_structure': duty_structure, 'ad_valorem_pct': ad_valorem_pct,
              'partner': partner, 'additional_code': additional_code, 'footnotes': footnotes}
             order by additional_code) filter (where regime = 'additional') as additional_duties
    from wanted
    group by reporter, source, national_code
),
ranked as (
    select
        l.*,
        -- the lowest ad valorem preference outside quotas (a null first element keeps an empty list valid)
        list_reduce(
            list_prepend(null, list_filter(coalesce(l.preferences, []),
                                           p -> p.regime = 'preferential' and p.ad_valorem_pct is not null)),
            (acc, p) -> if(acc is null or p.ad_valorem_pct < acc.ad_valorem_pct, p, acc)
        ) as best_preference
    from lines as l
)
select
    reporter as market,
    source,
    national_code,
    hs6,
    description,
    units,
    upper(origin_country) as origin,
    cast(on_date as date) as on_date,
    general.regime as general_regime,
    general.duty_text as general_duty,
    general.ad_valorem_pct as general_pct,
    coalesce(preferences, []) as preferences,
    coalesce(additional_duties, []) as additional_duties,
    if(best_preference.ad_valorem_pct < coalesce(general.ad_valorem_pct, 1e9),
       best_preference.regime, general.regime) as best_regime,
    if(best_preference.ad_valorem_pct < coalesce(general.ad_valorem_pct, 1e9),
       best_preference.agreement, null) as best_agreement,
    if(best_preference.ad_valorem_pct < coalesce(general.ad_valorem_pct, 1e9),
       best_preference.duty_text, general.duty_text) as best_duty,
    least(general.ad_valorem_pct, best_preference.ad_valorem_pct) as best_pct,
    general.ad_valorem_pct - least(general.ad_valorem_pct, best_preference.ad_valorem_pct) as margin_of_preference_pct
from ranked
order by national_code, source
