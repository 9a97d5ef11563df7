"""NEWSCRAWL_PARSE_WORKERS: extraction in a process pool stores exactly what in-process does."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.items import ArticleItem
from newscrawl.seen import MemorySeen
from newscrawl.spiders.cna import CnaSpider

from .crawling import run_crawl, snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_worker_pool_crawl_stores_the_same_rows(tmp_path: Path) -> None:
    rows = {}
    for workers in (0, 2):
        db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        stats = run_crawl(tmp_path, f"w{workers}", "cna", db, "-s", "NEWSCRAWL_REPLAY_DIR=bundled",
                          "-s", f"NEWSCRAWL_PARSE_WORKERS={workers}")
        snap = snapshot(db)
        rows[workers] = (
            {k: (a["content_hash"], a["title_converted"]) for k, a in snap["articles"].items()},
            sorted((link["from"], link["kind"], link["position"], link["to_key"])
                   for link in snap["links"]),
            {k: v for k, v in stats.items() if k.startswith("newscrawl/") and "store/" not in k},
        )
    assert rows[0][0] and all(conv for _h, conv in rows[0][0].values())
    assert rows[2] == rows[0]


def _outputs(outs: list[Any]) -> tuple[list[tuple[str, str, int]], list[str]]:
    items = [(o.key, o.title, len(o.links)) for o in outs if isinstance(o, ArticleItem)]
    return items, [o.url for o in outs if isinstance(o, Request)]


def test_either_callback_works_with_or_without_workers() -> None:
    """A JOBDIR crawl resumed with NEWSCRAWL_PARSE_WORKERS changed still holds requests for
    the other callback: both must extract the page either way."""
    case = FIXTURES / "cna" / "reference_firstnews_202101140196"
    meta = json.loads((case / "headers.json").read_text("utf-8"))
    crawler = get_crawler(CnaSpider)
    spider = CnaSpider.from_crawler(crawler)
    assert spider.pool is None

    def response() -> HtmlResponse:
        body = (case / "body.html").read_bytes()
        return HtmlResponse(meta["url"], headers=meta["headers"], body=body,
                            request=Request(meta["url"], meta={"newscrawl_hops": 0}))

    async def collect() -> list[Any]:
        return [out async for out in spider.parse_article_in_worker(response())]

    in_process = _outputs(list(spider.parse_article(response())))
    spider.seen = MemorySeen()
    from_worker_callback = _outputs(asyncio.run(collect()))
    assert in_process[0] and in_process[0][0][0] == "202101140196"
    assert in_process[1], "the related links are followed"
    assert from_worker_callback == in_process
    assert spider.article_request("https://www.cna.com.tw/news/aipl/202101149999.aspx", 1)
    assert crawler.stats is not None and crawler.stats.get_value("newscrawl/articles/parsed") == 2
