"""newscrawl.queues: compact scheduler memory queues, alone, under Scrapy's priority queue, and
in a real `scrapy crawl cna` over the bundled site with the project settings."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from scrapy import FormRequest, Request
from scrapy.crawler import Crawler
from scrapy.pqueues import ScrapyPriorityQueue
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from newscrawl.queues import CompactFifoMemoryQueue, CompactLifoMemoryQueue, CompactMemoryQueue
from newscrawl.replay import BUNDLED_SITE
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.cna import CnaSpider

from .crawling import run_crawl

ARTICLE = "https://www.cna.com.tw/news/aipl/2021011401{:02d}.aspx"
FIELDS = ("url", "method", "headers", "body", "cookies", "meta", "encoding", "priority",
          "dont_filter", "callback", "errback", "flags", "cb_kwargs")


@pytest.fixture
def crawler() -> Crawler:
    crawler = get_crawler(CnaSpider)
    crawler.spider = CnaSpider.from_crawler(crawler)
    return crawler


def spider_of(crawler: Crawler) -> NewsSpider:
    assert isinstance(crawler.spider, NewsSpider)
    return crawler.spider


def new_queue(cls: type[CompactMemoryQueue], crawler: Crawler) -> CompactMemoryQueue:
    # As ScrapyPriorityQueue.qfactory builds its queues.
    q: CompactMemoryQueue = build_from_crawler(cls, crawler, "/-1")
    return q


def fields(request: Request) -> dict[str, Any]:
    out = {f: getattr(request, f) for f in FIELDS}
    out["headers"] = dict(request.headers)
    return out


def stat(crawler: Crawler, key: str) -> Any:
    assert crawler.stats is not None
    return crawler.stats.get_value(key)


def test_requests_come_back_equal(crawler: Crawler) -> None:
    spider = spider_of(crawler)
    article = spider.article_request(ARTICLE.format(96), hops=3)
    assert article is not None
    article.meta["depth"] = 3  # what DepthMiddleware adds before scheduling
    sent = [
        article,
        Request("https://www.cna.com.tw/list/aall.aspx", callback=spider.parse_list,
                errback=spider.on_error, priority=10, cb_kwargs={"page": 2}),
        Request("https://www.cna.com.tw/search", method="POST", body=b"q=\xe5\x8f\xb0",
                headers={"X-Test": ["a", "b"], "Referer": "https://www.cna.com.tw/"},
                cookies={"session": "1"}, encoding="big5", flags=["retried"],
                meta={"retry_times": 1, "redirect_urls": ["https://cna.com.tw/x"],
                      "download_slot": "www.cna.com.tw", "nested": {"a": (1, 2.5, None)}}),
        Request("https://www.cna.com.tw/no-callback"),
    ]
    q = new_queue(CompactFifoMemoryQueue, crawler)
    for r in sent:
        q.push(r)
    assert all(isinstance(item, bytes) for item in q.q.q)  # stored serialized, not as objects
    got = [q.pop() for _ in sent]
    assert q.pop() is None
    for want, back in zip(sent, got, strict=True):
        assert back is not None and back is not want
        assert fields(back) == fields(want)
    back_article = got[0]
    assert back_article is not None
    assert back_article.callback == spider.parse_article
    assert back_article.errback == spider.on_error
    assert back_article.meta == {"newscrawl_hops": 3, "newscrawl_key": "202101140196",
                                 "depth": 3}
    assert stat(crawler, "newscrawl/queue/serialized") == len(sent)
    assert stat(crawler, "newscrawl/queue/unserializable") is None


def test_request_subclass_keeps_its_class(crawler: Crawler) -> None:
    spider = spider_of(crawler)
    sent = FormRequest("https://www.cna.com.tw/search", formdata={"q": "台灣"},
                       callback=spider.parse_list)
    q = new_queue(CompactLifoMemoryQueue, crawler)
    q.push(sent)
    back = q.pop()
    assert type(back) is FormRequest
    assert fields(back) == fields(sent)


def test_queued_requests_are_small(crawler: Crawler) -> None:
    spider = spider_of(crawler)
    q = new_queue(CompactLifoMemoryQueue, crawler)
    request = spider.article_request(ARTICLE.format(1), hops=2)
    assert request is not None
    q.push(request)
    (data,) = q.q.q
    assert isinstance(data, bytes)
    assert len(data) < 300, len(data)  # defaults are left out; Scrapy's to_dict pickles to ~320
    assert set(pickle.loads(data)) == {"url", "callback", "errback", "meta", "dont_filter",
                                       "priority"}


@pytest.mark.parametrize(("cls", "lifo"), [(CompactLifoMemoryQueue, True),
                                           (CompactFifoMemoryQueue, False)])
def test_order_len_and_peek(crawler: Crawler, cls: type[CompactMemoryQueue], lifo: bool) -> None:
    spider = spider_of(crawler)
    q = new_queue(cls, crawler)
    assert len(q) == 0 and not q and q.pop() is None and q.peek() is None
    urls = [ARTICLE.format(i) for i in range(5)]
    for i, url in enumerate(urls, 1):
        q.push(Request(url, callback=spider.parse_article))
        assert len(q) == i
    expected = urls[::-1] if lifo else urls
    peeked = q.peek()
    assert peeked is not None and peeked.url == expected[0] and len(q) == 5
    popped = []
    while (r := q.pop()) is not None:
        popped.append(r.url)
        assert len(q) == 5 - len(popped)
    assert popped == expected
    q.close()


def test_unserializable_request_is_kept_in_order(crawler: Crawler) -> None:
    spider = spider_of(crawler)
    q = new_queue(CompactLifoMemoryQueue, crawler)
    lambda_cb = Request(ARTICLE.format(1), callback=lambda response: None, priority=-1)
    lambda_meta = Request(ARTICLE.format(2), callback=spider.parse_article,
                          meta={"f": lambda: None})  # to_dict works, pickling does not
    plain = Request(ARTICLE.format(3), callback=spider.parse_article)
    q.push(plain)
    q.push(lambda_cb)
    q.push(lambda_meta)
    assert len(q) == 3
    assert q.pop() is lambda_meta  # the very object
    assert q.pop() is lambda_cb
    back = q.pop()
    assert back is not None and back.url == plain.url
    assert stat(crawler, "newscrawl/queue/unserializable") == 2
    assert stat(crawler, "newscrawl/queue/serialized") == 1


def test_callback_of_another_spider_is_kept(crawler: Crawler) -> None:
    other = CnaSpider.from_crawler(get_crawler(CnaSpider))
    q = new_queue(CompactLifoMemoryQueue, crawler)
    request = Request(ARTICLE.format(1), callback=other.parse_article)
    q.push(request)
    # Serialized by name it would come back bound to the crawl's spider instead: kept as is.
    assert q.pop() is request
    assert stat(crawler, "newscrawl/queue/unserializable") == 1


def test_under_scrapys_priority_queue(crawler: Crawler) -> None:
    spider = spider_of(crawler)
    pq = ScrapyPriorityQueue.from_crawler(crawler, CompactLifoMemoryQueue, "")
    for i, prio in enumerate([-2, 0, -1, 0, -2, 10]):
        pq.push(Request(ARTICLE.format(i), callback=spider.parse_article, priority=prio,
                        meta={"i": i}))
    order = []
    while (r := pq.pop()) is not None:
        order.append(r.meta["i"])
    # Highest priority first; LIFO within one priority.
    assert order == [5, 3, 1, 2, 4, 0]
    assert len(pq) == 0


def test_project_settings_use_it() -> None:
    settings = get_project_settings()
    assert load_object(settings["SCHEDULER_MEMORY_QUEUE"]) is CompactLifoMemoryQueue


def test_crawl_goes_through_the_compact_queue(tmp_path: Path) -> None:
    """`scrapy crawl cna` over the bundled site: every request but the start one (Scrapy's
    start queue) is queued as bytes, and the crawl still stores every article, with hop counts
    read back from the meta of rebuilt requests."""
    manifest = json.loads((BUNDLED_SITE / "www.cna.com.tw" / "_manifest.json").read_text("utf-8"))
    stats = run_crawl(tmp_path, "queues", "cna", f"sqlite:///{tmp_path / 'crawl.db'}",
                      "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    assert "newscrawl/queue/unserializable" not in stats
    assert stats["newscrawl/queue/serialized"] == stats["scheduler/enqueued/memory"] - 1
    assert stats["scheduler/dequeued/memory"] == stats["scheduler/enqueued/memory"]
    assert stats["retry/count"] > 0  # retried copies (meta retry_times...) went through it too
    assert stats["item_scraped_count"] == len(manifest["articles"])
    assert stats["newscrawl/follow/hop_limit"] > 0
