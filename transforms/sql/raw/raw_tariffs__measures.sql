-- raw_tariffs__measures (shared by the tariff sources: each yields TariffMeasureItem)
-- The tariff-measure items of one landing run (tariff_measure.jsonl), as landed: one row per
-- (commodity line, measure), duty expressions and dates as published.
-- Parameter: {{ landing_dir }} (the landing run folder).
create or replace view raw.[[ source ]]__measures as
select *
from read_json(
    {{ landing_dir }} || '/tariff_measure.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        reporter: 'VARCHAR', national_code: 'VARCHAR', producline_suffix: 'VARCHAR',
        measure_sid: 'VARCHAR', measure_type: 'VARCHAR', measure_type_description: 'VARCHAR',
        partner: 'VARCHAR', partner_name: 'VARCHAR', duty_text: 'VARCHAR',
        valid_from: 'VARCHAR', valid_to: 'VARCHAR', excluded_partners: 'VARCHAR[]',
        order_number: 'VARCHAR', additional_code: 'VARCHAR', legal_acts: 'VARCHAR[]',
        footnotes: 'VARCHAR[]',
        conditions: 'STRUCT(condition_code VARCHAR, "condition" VARCHAR, document_code VARCHAR,
                            requirement VARCHAR, action VARCHAR, duty_expression VARCHAR)[]'
    }
);
