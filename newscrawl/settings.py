"""Scrapy settings for newscrawl. Every NEWSCRAWL_* setting is documented in README.md."""

from __future__ import annotations

import os

from newscrawl import __version__

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- newscrawl ------------------------------------------------------------------------------
NEWSCRAWL_DATABASE_URL = os.environ.get("NEWSCRAWL_DATABASE_URL", "sqlite:///newscrawl.db")
NEWSCRAWL_AUTO_MIGRATE = True
NEWSCRAWL_STORE_ENABLED = True
NEWSCRAWL_STORE_BATCH_SIZE = 100
NEWSCRAWL_STORE_RETRIES = 3
NEWSCRAWL_SPOOL_DIR = "spool"
NEWSCRAWL_PARSE_WORKERS = 0  # >0: parse, clean and convert in that many worker processes
NEWSCRAWL_CLEAN_ENABLED = True
NEWSCRAWL_CONVERT_ENABLED = True
NEWSCRAWL_OPENCC_T2S = "tw2sp"  # Traditional (Taiwan) -> Simplified, with phrase conversion
NEWSCRAWL_OPENCC_S2T = "s2twp"  # Simplified -> Traditional (Taiwan), with phrase conversion
NEWSCRAWL_MAX_HOPS = 2  # related-link hops from the start pages
NEWSCRAWL_FOLLOW_KINDS = ["related", "topic", "inline"]
NEWSCRAWL_MAX_LIST_PAGES = 5
NEWSCRAWL_CONTACT_URL = "https://github.com/newscrawl/newscrawl"
NEWSCRAWL_REPLAY_DIR = ""  # serve a recorded site instead of the network ("bundled" = ours)
NEWSCRAWL_REPLAY_URL = ""  # or use a replay server that is already running
NEWSCRAWL_STATS_FILE = ""  # write the final crawl stats here as JSON
NEWSCRAWL_REDIS_URL = ""  # share fetched article ids between processes
NEWSCRAWL_REDIS_SEEN_TTL = 86400
NEWSCRAWL_REDIS_PREFIX = "newscrawl"  # keys are <prefix>:seen:<source>:<article id>

# --- politeness -----------------------------------------------------------------------------
USER_AGENT = f"newscrawl/{__version__} (+{NEWSCRAWL_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
# One item per article page: Scrapy's default of 100 parallel item slots per response only
# costs event-loop tasks (measured in bench/: about 0.5 ms per page).
CONCURRENT_ITEMS = 16
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
HTTPCACHE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.useragent.ContactUserAgentMiddleware": 400,
}
# Replays a recorded site over loopback when NEWSCRAWL_REPLAY_DIR or _URL is set; else no-op.
ADDONS = {"newscrawl.replay.addon.ReplayAddon": 0}
ITEM_PIPELINES = {
    "newscrawl.pipelines.clean.CleanPipeline": 300,
    "newscrawl.pipelines.convert.ConvertPipeline": 400,
    "newscrawl.pipelines.store.StorePipeline": 800,
}

EXTENSIONS = {"newscrawl.extensions.statsfile.StatsFile": 500}

# Pending requests held as ~350-byte pickles, not ~1.5 KB Request objects, so memory grows far
# less with the crawl frontier (newscrawl/queues.py). With JOBDIR, Scrapy's disk queues hold them.
SCHEDULER_MEMORY_QUEUE = "newscrawl.queues.CompactLifoMemoryQueue"

FEED_EXPORT_ENCODING = "utf-8"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
