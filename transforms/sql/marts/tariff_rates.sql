-- marts.tariff_rates
-- Every duty rate by origin, with the dates it was in force: one row per version of a duty measure
-- (core.tariff_measures, every version, not just the current one) × origin country it is open to.
-- Origins: a measure on one country gives that country; on a group (UK 2005, a US program) one row per
-- member country (core.partner_groups); on every origin (UK 1011, US general, WITS MFN) origin '*';
-- a group whose members the source did not publish gives origin null (shown, never expanded by guess).
-- In force: from valid_from to valid_to as published; a version that a later load replaced ends the day
-- before its successor's valid_from, one that vanished from the source the day before it vanished.
-- So `where date '2026-03-01' between in_force_from and coalesce(in_force_to, date '9999-12-31')` gives the
-- rates in force on that day as the warehouse learned them. marts.tariff_lookup(...) answers one question.
-- A view (defined by warehouse/publish.py); every column is documented in docs/marts.md.
with versions as (
    select
        t.*,
        lead(t.valid_from) over (
            partition by t.source, t.reporter, t.national_code, t.producline_suffix, t.measure_sid
            order by t.loaded_at
        ) as successor_from
    from core.tariff_measures as t
    where t.is_duty and t.regime <> 'other'
),
in_force as (
    select
        v.*,
        v.valid_from as in_force_from,
        case
            when v.superseded_run_id is null then v.valid_to
            when v.successor_from is not null then least(coalesce(v.valid_to, v.successor_from - 1), v.successor_from - 1)
            else least(coalesce(v.valid_to, cast(v.superseded_at as date) - 1), cast(v.superseded_at as date) - 1)
        end as in_force_to
    from versions as v
)
select
    i.reporter,
    i.national_code,
    i.hs6,
    c.description,
    i.regime,
    i.partner,
    i.partner_name,
    i.partner_type,
    o.origin,
    i.duty_text,
    d.ad_valorem_pct,
    d.duty_structure,
    i.in_force_from,
    i.in_force_to,
    i.order_number,
    i.additional_code,
    coalesce(i.excluded_partners, []) as excluded_partners,
    i.footnotes,
    i.measure_type,
    i.measure_sid,
    i.superseded_run_id is null as is_current,
    i.source
from in_force as i
left join core.partner_groups as g
    on i.partner_type = 'group' and g.source = i.source and g.reporter = i.reporter and g.group_id = i.partner
left join core.duty_expressions as d on d.duty_text = i.duty_text
left join core.commodities as c
    on c.source = i.source
    and c.reporter = i.reporter
    and c.national_code = i.national_code
    and c.producline_suffix = i.producline_suffix
    and c.superseded_run_id is null
cross join unnest(
    case i.partner_type
        when 'all' then ['*']
        when 'country' then [i.partner]
        when 'group' then if(len(coalesce(g.member_countries, [])) > 0, g.member_countries, [null])
        else [null]
    end
) as o(origin)
where i.in_force_to is null or i.in_force_to >= i.in_force_from
