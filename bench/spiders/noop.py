"""The raw-fetch ceiling: fetch the same pages as `cna`, parse nothing, store nothing.

Starts from the same list page as the cna spider, follows every CNA article URL found in a page's
HTML with one regex (no selectors, no items, no pipelines), fetches each article once, and
schedules like the cna spider: priority -hops, so the crawl order and the queue are comparable.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Request, Response

from newscrawl.pages.cna import Cna

_ARTICLE = re.compile(
    rb"""href=["'](?:https://www\.cna\.com\.tw)?(/news/[a-z]+/(\d{12})\.aspx)["']"""
)


class NoopSpider(scrapy.Spider):
    name = "noop"
    allowed_domains = ["www.cna.com.tw"]
    custom_settings = {"ITEM_PIPELINES": {}}

    def __init__(self, *args: Any, category: str = "aall", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        self.seen: set[bytes] = set()

    async def start(self) -> AsyncIterator[Any]:
        yield Request(
            Cna.list_url(self.category), callback=self.parse, priority=10, meta={"hops": 0}
        )

    def parse(self, response: Response) -> Iterator[Request]:
        hops = response.meta.get("hops", 0) + 1
        for m in _ARTICLE.finditer(response.body):
            key = m.group(2)
            if key not in self.seen:
                self.seen.add(key)
                yield Request(
                    "https://www.cna.com.tw" + m.group(1).decode(),
                    callback=self.parse,
                    priority=-hops,
                    dont_filter=True,
                    meta={"hops": hops},
                )
