-- raw_trade_fairs__records (shared by every trade-fair source)
-- The trade_fair items of one landing run (trade_fair.jsonl), as landed: no cleaning, explicit column
-- types (scrapers.items.TradeFairItem), so a changed item schema fails here with the column named.
-- Parameters: {{ landing_dir }} (the landing run folder); [[ source ]] (the source).
create or replace view raw.[[ source ]]__fair_records as
select *
from read_json(
    {{ landing_dir }} || '/trade_fair.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        record_id: 'VARCHAR', name: 'VARCHAR', "start": 'VARCHAR', "end": 'VARCHAR', timezone: 'VARCHAR',
        all_day: 'BOOLEAN', date_text: 'VARCHAR', status: 'VARCHAR', event_type: 'VARCHAR', venue: 'VARCHAR',
        address: 'VARCHAR', city: 'VARCHAR', region: 'VARCHAR', postal_code: 'VARCHAR', country: 'VARCHAR',
        organiser: 'VARCHAR', sectors: 'VARCHAR[]', url: 'VARCHAR', description: 'VARCHAR', updated: 'VARCHAR',
        sequence: 'INTEGER', feed: 'VARCHAR', item_type: 'VARCHAR'
    }
);
