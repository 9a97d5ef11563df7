"""scrapy crawl epochtimes [-a edition=b5|gb] [-a category=nsc413,ncid1349361|all] [-a feed=1|0]
[-a url=https://www.epochtimes.com/b5/21/1/14/n12687349.htm]

- edition: which edition to fetch (default b5, traditional; gb is simplified). Links to the other
  edition, in lists, feeds, related blocks or -a url=, are fetched in this edition: one article,
  one request, one row, with the other edition's URL kept as an alias.
- category: comma-separated list page codes (nsc413 大陸, nsc412 美國, nsc418 國際,
  ncid1349361 台灣, ncid1349362 香港; any nscNNN/ncidNNN works), or "all" for those five.
  Each list page is followed through its pager up to NEWSCRAWL_MAX_LIST_PAGES.
- feed: 1 to read the 24-hour RSS feed (/<edition>/n24hr.xml), 0 not to.
- Defaults: with neither category nor feed, the feed and all five categories; with only one of
  them, just that one.

Besides the shared stats, each article page parsed counts its layout (newscrawl/pages/layout/current,
.../arttop2, .../titles), a body found only between the comment markers
(pages/fallback/body_markers) and a GB2312 label on GBK text (pages/charset/beyond_gb2312).
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Request

from newscrawl.pages.epochtimes import (
    CATEGORIES,
    EpochTimes,
    EpochTimesArticlePage,
    EpochTimesListPage,
)
from newscrawl.pages.epochtimes_text import EDITIONS
from newscrawl.spiders.base import NewsSpider


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"feed must be 1 or 0, not {value!r}")


class EpochTimesSpider(NewsSpider):
    name = "epochtimes"
    source = EpochTimes
    article_page = EpochTimesArticlePage
    list_page = EpochTimesListPage
    allowed_domains = ["www.epochtimes.com"]

    def __init__(self, *args: Any, edition: str = EpochTimes.default_edition,
                 category: str | None = None, feed: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if edition not in EDITIONS:
            raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
        self.edition = edition
        want_feed = _flag(feed)
        if category is None and want_feed is None:
            category, want_feed = "all", True
        codes = [c.strip() for c in (category or "").split(",") if c.strip()]
        if codes == ["all"]:
            codes = list(CATEGORIES)
        for code in codes:
            EpochTimes.list_url(code)  # fail fast on a malformed code
        self.categories = codes
        self.use_feed = bool(want_feed)

    def list_urls(self) -> list[str]:
        urls = [EpochTimes.feed_url(self.edition)] if self.use_feed else []
        return urls + [EpochTimes.list_url(code, self.edition) for code in self.categories]

    def article_request(self, url: str, hops: int) -> Request | None:
        # Fetch the chosen edition whatever edition the link names.
        return super().article_request(EpochTimes.edition_url(url, self.edition) or url, hops)
