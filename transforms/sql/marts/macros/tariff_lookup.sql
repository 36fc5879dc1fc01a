-- marts.tariff_lookup(market, hs_code, origin_country, on_date): the exporter's question, answered.
-- "What duty does my product pay in that market, and can I pay less under a trade agreement?"
-- For a destination market (ISO-2 reporter: GB, XI, US, a WITS reporter), an HS code at any level
-- (2, 4, 6, 8 or 10 digits, dots allowed), an origin country (ISO-2) and a date, one row per national
-- tariff line under that code (or the HS6 line above a longer code, for markets published at HS6):
-- the general rate open to the origin (MFN; US column 2 instead for the countries it names), every
-- preferential rate open to the origin (regime, agreement, quota order number), Chapter 99 additional
-- duties, the best rate and the margin of preference. Best and margin compare ad valorem rates only
-- (a specific duty needs a price to compare) and leave quota rates out (open only within the quota).
-- A table macro over marts.tariff_rates: select * from marts.tariff_lookup('US', '0406', 'AU', current_date).
-- Every output column is documented in docs/marts.md.
create or replace macro marts.tariff_lookup(market, hs_code, origin_country, on_date) as table
with wanted as (
    select r.*
    from marts.tariff_rates as r
    where r.reporter = upper(market)
      and (starts_with(r.national_code, regexp_replace(hs_code, '[^0-9]', '', 'g'))
           or starts_with(regexp_replace(hs_code, '[^0-9]', '', 'g'), r.national_code))
      and (r.origin = upper(origin_country) or r.origin = '*')
      and not list_contains(r.excluded_partners, upper(origin_country))
      and cast(on_date as date) >= r.in_force_from
      and cast(on_date as date) <= coalesce(r.in_force_to, date '9999-12-31')
),
lines as (
    select
        reporter,
        national_code,
        any_value(hs6) as hs6,
        any_value(description) as description,
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
        list({'duty_text': duty_text, 'additional_code': additional_code, 'footnotes': footnotes}
             order by additional_code) filter (where regime = 'additional') as additional_duties
    from wanted
    group by reporter, national_code
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
    national_code,
    hs6,
    description,
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
order by national_code
