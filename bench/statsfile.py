"""Scrapy extension: write the crawl's stats and its own CPU/wall time to a JSON file.

Enabled by the benchmark with `-s EXTENSIONS={"bench.statsfile.BenchStats": 0}` and
`-s BENCH_STATS_FILE=path`. The crawl window runs from spider_opened (after the pipelines opened:
imports and migrations are done) to spider_closed (after the last flush).
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)  # all threads of this process
    return ru.ru_utime + ru.ru_stime


def _rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class BenchStats:
    def __init__(self, crawler: Any, path: str) -> None:
        self.crawler = crawler
        self.path = Path(path)
        self.t0 = self.cpu0 = 0.0
        self.rss_open_kb = 0
        self.max_queued = 0
        self.samples: list[tuple[float, int, int]] = []  # (s since open, RSS kB, queued requests)
        self.loop: Any = None
        self.urls: set[str] = set()  # distinct URLs fetched (some spiders fetch a page twice)

    @classmethod
    def from_crawler(cls, crawler: Any) -> BenchStats:
        path = crawler.settings.get("BENCH_STATS_FILE")
        if not path:
            raise NotConfigured("BENCH_STATS_FILE not set")
        ext = cls(crawler, path)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        return ext

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        self.urls.add(response.url)

    def spider_opened(self, spider: Any) -> None:
        self.t0, self.cpu0 = time.perf_counter(), _cpu()
        self.rss_open_kb = _rss_kb()
        from twisted.internet import task

        self.loop = task.LoopingCall(self.sample)
        self.loop.start(1.0, now=True)

    def sample(self) -> None:
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        self.max_queued = max(self.max_queued, queued)
        self.samples.append((round(time.perf_counter() - self.t0, 1), _rss_kb(), queued))

    def spider_closed(self, spider: Any, reason: str) -> None:
        wall, cpu = time.perf_counter() - self.t0, _cpu() - self.cpu0
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        stats = {
            k: (v if isinstance(v, (int, float, str, bool)) or v is None else str(v))
            for k, v in self.crawler.stats.get_stats().items()
        }
        record = {
            "reason": reason,
            "crawl_wall_s": wall,
            "crawl_cpu_s": cpu,
            "rss_open_kb": self.rss_open_kb,
            "rss_close_kb": _rss_kb(),
            "max_queued_requests": self.max_queued,
            "distinct_pages": len(self.urls),
            "samples": self.samples,
            "stats": stats,
        }
        self.path.write_text(json.dumps(record, indent=1, sort_keys=True), "utf-8")
