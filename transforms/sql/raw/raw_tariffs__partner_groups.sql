-- raw_tariffs__partner_groups (shared by the tariff sources: each yields PartnerGroupItem)
-- The partner groups of one landing run (partner_group.jsonl), as landed: a group id that measures
-- name as their partner ("1011", "2005", a US program code) and its member ids as published.
-- Parameter: {{ landing_dir }} (the landing run folder).
create or replace view raw.[[ source ]]__partner_groups as
select *
from read_json(
    {{ landing_dir }} || '/partner_group.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        reporter: 'VARCHAR', group_id: 'VARCHAR', group_name: 'VARCHAR', members: 'VARCHAR[]'
    }
);
