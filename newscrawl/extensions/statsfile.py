"""Write the crawl's final stats to a JSON file when the spider closes.

Enabled when NEWSCRAWL_STATS_FILE is set (`-s NEWSCRAWL_STATS_FILE=stats.json`); tests and cron
jobs read it instead of parsing the log. Values that JSON cannot hold (datetimes) become strings.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class StatsFile:
    def __init__(self, crawler: Any, path: Path) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatsFile:
        path = crawler.settings.get("NEWSCRAWL_STATS_FILE")
        if not path:
            raise NotConfigured("NEWSCRAWL_STATS_FILE is not set")
        ext = cls(crawler, Path(path).expanduser())
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Any, reason: str) -> None:
        # Runs after the item pipelines closed (the store's last flush is counted).
        stats = {k: _plain(v) for k, v in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)
