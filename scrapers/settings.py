"""Scrapy settings for Trade Point: polite by default, replayable offline.

Replay mode (TRADEPOINT_REPLAY=1, the default of `tradepoint run`) serves recorded responses from
scrapers/recorded/<source>/ through the same spiders, so the live path and the replay path run the
same parsing code; only the downloader differs.
"""

import os

BOT_NAME = "tradepoint"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

CONTACT_URL = os.environ.get("TRADEPOINT_CONTACT_URL", "https://github.com/trade-point/tradepoint")
USER_AGENT = f"TradePoint/0.1 (open trade-information pipeline; +{CONTACT_URL})"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 60

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Retries with exponential backoff (scrapers.middlewares.BackoffRetryMiddleware replaces the stock one).
RETRY_ENABLED = True
RETRY_TIMES = 5
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 120.0

# HTTP cache: on for development (TRADEPOINT_HTTPCACHE=1), off in scheduled runs.
HTTPCACHE_ENABLED = os.environ.get("TRADEPOINT_HTTPCACHE") == "1"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 86400

REPLAY = os.environ.get("TRADEPOINT_REPLAY", "0") == "1"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.BackoffRetryMiddleware": 550,
    # Runs first (lowest number), so a replayed request never reaches the network stack.
    "scrapers.middlewares.ReplayMiddleware": 50,
}
ITEM_PIPELINES = {"scrapers.pipelines.LandingPipeline": 900}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("TRADEPOINT_SCRAPY_LOG_LEVEL", "INFO")
LOGSTATS_INTERVAL = 10.0
