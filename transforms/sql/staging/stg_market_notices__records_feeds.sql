-- stg_market_notices__records_feeds (shared by every market-notice source)
-- The feeds of the source this crawl returned notices from. Notices are never closed for vanishing
-- (feeds and date windows move on); this lists what was crawled, for the merge's scope.
create or replace table staging.stg_[[ source ]]__notice_feeds as
select distinct source, feed
from staging.stg_[[ source ]]__notice_records;
