-- stg_trade_fairs__records_feeds (shared by every trade-fair source)
-- The feeds (or sites) of the source that this crawl returned records from: the scope in which an
-- upcoming record that is no longer listed is closed as withdrawn (tradepoint/families.py).
create or replace table staging.stg_[[ source ]]__fair_feeds as
select distinct source, feed
from staging.stg_[[ source ]]__fair_records;
