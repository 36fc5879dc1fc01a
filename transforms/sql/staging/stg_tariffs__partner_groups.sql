-- stg_tariffs__partner_groups (shared by the tariff sources)
-- One row per (reporter, group) of the run: the same group appears in every commodity document that
-- names it, so the latest fetch wins. Members are kept as published and split into ISO-2 countries
-- (`member_countries`, what the tariff lookup expands to) and ids that are not countries
-- (`other_members`: nested groups, customs territories), reported, not guessed. `row_hash` covers what
-- a membership version is (name and members): a different hash opens a new version in
-- core.partner_group_memberships (warehouse/dimensions.py).
create or replace table staging.stg_[[ source ]]__partner_groups as
with latest as (
    select *
    from raw.[[ source ]]__partner_groups
    qualify row_number() over (partition by reporter, group_id order by fetched_at desc, source_url) = 1
),
members as (
    select l.reporter, l.group_id, m.member, c.alpha_2 is not null as is_country
    from latest as l, unnest(coalesce(l.members, [])) as m(member)
    left join ref.countries as c on c.alpha_2 = m.member
),
grouped as (
    select
        l.source,
        l.reporter,
        l.group_id,
        trim(l.group_name) as group_name,
        coalesce(list_sort(list_distinct(list(m.member) filter (where m.is_country))), []) as member_countries,
        coalesce(list_sort(list_distinct(list(m.member) filter (where not m.is_country))), []) as other_members,
        l.source_url,
        cast(l.fetched_at as timestamptz) as fetched_at
    from latest as l
    left join members as m on m.reporter = l.reporter and m.group_id = l.group_id
    group by all
)
select
    row_number() over () as row_id,
    *,
    hash(group_name, member_countries, other_members) as row_hash
from grouped;
