-- raw_market_notices__records (shared by every market-notice source)
-- The market_notice items of one landing run (market_notice.jsonl), as landed: no cleaning, explicit
-- column types (scrapers.items.MarketNoticeItem), so a changed item schema fails here with the column named.
-- Parameters: {{ landing_dir }} (the landing run folder); [[ source ]] (the source).
create or replace view raw.[[ source ]]__notice_records as
select *
from read_json(
    {{ landing_dir }} || '/market_notice.jsonl',
    format = 'newline_delimited',
    columns = {
        source: 'VARCHAR', source_url: 'VARCHAR', fetched_at: 'VARCHAR', content_hash: 'VARCHAR',
        notice_id: 'VARCHAR', title: 'VARCHAR', summary: 'VARCHAR', document_type: 'VARCHAR',
        published: 'VARCHAR', updated: 'VARCHAR', effective: 'VARCHAR', comment_deadline: 'VARCHAR',
        issuer: 'VARCHAR', issuer_country: 'VARCHAR', countries: 'VARCHAR[]', hs_codes: 'VARCHAR[]',
        labels: 'VARCHAR[]', url: 'VARCHAR', language: 'VARCHAR', amends: 'VARCHAR', feed: 'VARCHAR',
        item_type: 'VARCHAR'
    }
);
