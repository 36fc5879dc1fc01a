-- marts.tariff_rates_of(market, hs_code): the rows of marts.tariff_rates for one market (null: all) under
-- an HS code at any level ('': all), computed from the filtered measures only, so a question about one
-- product reads a few rows, not the table. The view marts.tariff_rates is tariff_rates_of(null, '');
-- the lookup below calls it with its arguments. Column meanings: docs/marts.md (marts.tariff_rates).
create or replace macro marts.tariff_rates_of(market, hs_code) as table
with members as (
    -- every version of each group's membership, with the days it held (null from: since ever)
    select g.source, g.reporter, g.group_id, unnest(g.member_countries) as member, g.members_from, g.members_to
    from core.partner_group_memberships as g
    where market is null or g.reporter = upper(market)
),
by_origin as (
    -- The market's duty measures under the code, and the line above a code longer than the market's lines
    -- (WITS publishes HS6): one range on national_code from the code's HS6 on, so zone maps skip the rest
    -- of the table, then the exact test of the two cases. One query, no union: a lookup's time is mostly
    -- planning. Each measure comes with every origin it is open to: '*' for all, the country itself, each
    -- member of a group while it was a member (null when the source published no members), null for an
    -- area that is no country. In force: a closed version ends where the load that closed it said
    -- (warehouse/validity.py), a current one at valid_to; a member's row within its membership too.
    select
        t.*,
        case t.partner_type when 'all' then '*' when 'country' then t.partner else m.member end as origin,
        greatest(t.valid_from, m.members_from) as in_force_from,
        least(if(t.superseded_run_id is null, t.valid_to, t.in_force_to), m.members_to) as in_force_until
    from core.tariff_measures as t
    left join members as m
        on t.partner_type = 'group' and m.source = t.source and m.reporter = t.reporter and m.group_id = t.partner
    where (market is null or t.reporter = upper(market))
      and t.national_code >= left(regexp_replace(hs_code, '[^0-9]', '', 'g'), 6)
      and t.national_code <= regexp_replace(hs_code, '[^0-9]', '', 'g') || 'z'
      and (starts_with(t.national_code, regexp_replace(hs_code, '[^0-9]', '', 'g'))
           or starts_with(regexp_replace(hs_code, '[^0-9]', '', 'g'), t.national_code))
      and t.is_duty
      and t.regime <> 'other'
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
    coalesce(i.conditions, []) as conditions,
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
        -- sorted by their first fields (lowest rate first, nulls last; additional duties by 9903 number):
        -- list_sort after the aggregate, since an ordered aggregate sorts per group, slowly
        list_sort(list({'ad_valorem_pct': ad_valorem_pct, 'partner': partner, 'regime': regime,
                        'agreement': partner_name, 'duty_text': duty_text, 'order_number': order_number,
                        'additional_code': additional_code, 'in_force_to': in_force_to, 'conditions': conditions})
                  filter (where regime in ('preferential', 'preferential_quota'))) as preferences,
        list_sort(list({'additional_code': additional_code, 'duty_text': duty_text, 'duty_structure': duty_structure,
                        'ad_valorem_pct': ad_valorem_pct, 'partner': partner, 'footnotes': footnotes})
                  filter (where regime = 'additional')) as additional_duties
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
