"""Crawl logic shared by every source: list pages -> articles -> related articles.

Spiders only crawl. Extraction lives in the source's page classes (newscrawl.pages).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeGuard

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.reactor import is_asyncio_reactor_installed
from twisted.python.failure import Failure

from newscrawl.extract import Extracted, extract, extract_in_worker
from newscrawl.items import ArticleItem
from newscrawl.pages import ArticlePage, ListPage, Source
from newscrawl.seen import MemorySeen, SeenStore, seen_store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class NewsSpider(scrapy.Spider):
    source: ClassVar[type[Source]]
    article_page: ClassVar[type[ArticlePage]]
    list_page: ClassVar[type[ListPage]]

    def __init__(self, *args: Any, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_article_url = url
        self.seen: SeenStore = MemorySeen()
        self.pool: ProcessPoolExecutor | None = None
        self.clean_in_worker = False
        self.convert_configs: dict[str, str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.seen = seen_store(s, cls.source.name)
        workers = s.getint("NEWSCRAWL_PARSE_WORKERS", 0)
        if workers > 0:
            if not is_asyncio_reactor_installed():
                raise ValueError("NEWSCRAWL_PARSE_WORKERS needs Scrapy's asyncio reactor")
            spider.pool = ProcessPoolExecutor(workers, mp_context=get_context("forkserver"))
            spider.clean_in_worker = s.getbool("NEWSCRAWL_CLEAN_ENABLED", True)
            if spider.clean_in_worker and s.getbool("NEWSCRAWL_CONVERT_ENABLED", True):
                spider.convert_configs = {"hant": s.get("NEWSCRAWL_OPENCC_T2S", "tw2sp"),
                                          "hans": s.get("NEWSCRAWL_OPENCC_S2T", "s2twp")}
        return spider

    # --- settings -------------------------------------------------------------------------

    @property
    def max_hops(self) -> int:
        return self.settings.getint("NEWSCRAWL_MAX_HOPS", 2)

    @property
    def follow_kinds(self) -> list[str]:
        return self.settings.getlist("NEWSCRAWL_FOLLOW_KINDS", ["related", "topic", "inline"])

    @property
    def max_list_pages(self) -> int:
        return self.settings.getint("NEWSCRAWL_MAX_LIST_PAGES", 5)

    def stat(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{key}", count)

    # --- requests -------------------------------------------------------------------------

    def list_urls(self) -> list[str]:
        """Start list pages (or feeds) when no -a url= is given."""
        raise NotImplementedError

    async def start(self) -> AsyncIterator[Any]:
        if self.start_article_url:
            for url in self.start_article_url.split(","):
                req = self.article_request(url.strip(), hops=0)
                if req is None:
                    raise ValueError(f"{url!r} is not a {self.source.name} article URL")
                yield req
            return
        for url in self.list_urls():
            yield Request(url, callback=self.parse_list, errback=self.on_error, priority=10,
                          cb_kwargs={"page": 1})

    def article_request(self, url: str, hops: int) -> Request | None:
        key = self.source.article_key(url)
        if key is None:
            self.stat("follow/not_article_url")
            return None
        if not self.seen.add(key, hops):
            self.stat("follow/already_seen")
            return None
        # Fewer hops first, so an article's hop count is its distance from the start pages.
        callback = self.parse_article if self.pool is None else self.parse_article_in_worker
        return Request(url, callback=callback, errback=self.on_error, priority=-hops,
                       dont_filter=True, meta={"newscrawl_hops": hops, "newscrawl_key": key})

    # --- callbacks ------------------------------------------------------------------------

    def parse_list(self, response: Response, page: int) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            self.stat("pages/not_text")
            return
        listing = self.list_page(response)
        urls = listing.article_urls()
        self.stat("lists/pages")
        self.stat("lists/article_links", len(urls))
        if not urls:
            self.logger.warning("list page %s has no article links", response.url)
            self.stat("lists/empty")
        for url in urls:
            req = self.article_request(url, hops=1)
            if req is not None:
                yield req
        nxt = listing.next_page_url()
        if nxt and page < self.max_list_pages:
            yield Request(nxt, callback=self.parse_list, errback=self.on_error, priority=10,
                          cb_kwargs={"page": page + 1})

    def parse_article(self, response: Response) -> Iterator[ArticleItem | Request]:
        # A plain generator: Scrapy's async-iterator path costs more per page. Requests get
        # parse_article_in_worker when parse workers are on, but a JOBDIR crawl resumed with
        # them on may still hold this callback: it then extracts here, which is as correct.
        if self.is_text(response):
            yield from self.handle_extracted(response, extract(self.article_page, response))

    async def parse_article_in_worker(
        self, response: Response
    ) -> AsyncIterator[ArticleItem | Request]:
        if not self.is_text(response):
            return
        if self.pool is None:  # resumed from a JOBDIR of a crawl that had workers
            result = extract(self.article_page, response)
        else:
            future = self.pool.submit(extract_in_worker, self.source.name, response.url,
                                      response.body, response.encoding, self.clean_in_worker,
                                      self.convert_configs)
            result = await asyncio.wrap_future(future)
        for out in self.handle_extracted(response, result):
            yield out

    def is_text(self, response: Response) -> TypeGuard[TextResponse]:
        if isinstance(response, TextResponse):
            return True
        self.stat("pages/not_text")
        self.logger.warning("not a text page: %s (%s)", response.url,
                            response.headers.get("Content-Type"))
        return False

    def handle_extracted(
        self, response: TextResponse, result: Extracted
    ) -> Iterator[ArticleItem | Request]:
        """Count a skipped page, or yield the item and the requests for its links."""
        redirected_from = response.meta.get("redirect_urls")
        if result.item is None:
            reason = result.skipped or "not_article"
            if redirected_from and reason == "not_article":
                reason = "redirected_away"
            self.stat(f"pages/{reason}")
            self.logger.warning("skipped %s: %s%s%s", reason, response.url,
                                f" ({result.detail})" if result.detail else "",
                                f" (requested {redirected_from[0]})" if redirected_from else "")
            return
        item = result.item
        self.stat("articles/parsed")
        for note in result.notes:
            self.stat(f"pages/{note}")
        yield item
        hops = int(response.meta.get("newscrawl_hops", 0)) + 1
        for link in item.links:
            if link.kind not in self.follow_kinds or link.source != self.source.name:
                continue
            if link.key == item.key:
                self.stat("follow/self_link")
                self.logger.info("self-link on %s (%s): stored, not followed", item.url, link.kind)
                continue
            if hops > self.max_hops:
                self.stat("follow/hop_limit")
                continue
            req = self.article_request(link.url, hops=hops)
            if req is not None:
                yield req

    def closed(self, reason: str) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def on_error(self, failure: Failure) -> None:
        from scrapy.spidermiddlewares.httperror import HttpError

        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        key = request.meta.get("newscrawl_key") if request is not None else None
        if isinstance(failure.value, HttpError):
            status = failure.value.response.status
            self.stat(f"errors/http_{status}")
            self.logger.warning("HTTP %s for %s", status, url)
            if key and status >= 500:
                self.seen.discard(key)  # a later crawl may retry a server error, not a 404
            return
        if key and not isinstance(failure.value, IgnoreRequest):
            self.seen.discard(key)  # connection trouble: let a later crawl retry it
        if isinstance(failure.value, IgnoreRequest):
            self.logger.info("not fetched %s: %s", url, failure.getErrorMessage())
            return  # robots.txt or an offsite rule: Scrapy counts these itself
        name = failure.type.__name__ if failure.type else "unknown"
        self.stat(f"errors/{name}")
        self.logger.error("failed %s: %s", url, failure.getErrorMessage())
