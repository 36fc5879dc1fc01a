-- raw_tariffs__commodities (shared by the tariff sources: each yields CommodityItem)
-- The commodity items of one landing run (commodity.jsonl), as landed: no cleaning, explicit
-- column types so a changed item schema fails here with the column named, not later.
-- Parameter: {{ landing_dir }} (the landing run folder).
create or replace view raw.[[ source ]]__commodities as
select *
from read_json(
    {{ landing_dir }} || '/commodity.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        reporter: 'VARCHAR', national_code: 'VARCHAR', producline_suffix: 'VARCHAR',
        description: 'VARCHAR', number_indents: 'INTEGER', declarable: 'BOOLEAN', leaf: 'BOOLEAN',
        goods_nomenclature_sid: 'VARCHAR', parent_sid: 'VARCHAR', units: 'VARCHAR[]'
    }
);
