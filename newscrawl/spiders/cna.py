"""scrapy crawl cna [-a category=aipl] [-a url=https://www.cna.com.tw/news/...aspx]"""

from __future__ import annotations

from typing import Any

from newscrawl.pages.cna import Cna, CnaArticlePage, CnaListPage
from newscrawl.spiders.base import NewsSpider


class CnaSpider(NewsSpider):
    name = "cna"
    source = Cna
    article_page = CnaArticlePage
    list_page = CnaListPage
    allowed_domains = ["www.cna.com.tw"]

    def __init__(self, *args: Any, category: str = "aall", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.list_category = category
        Cna.list_url(category)  # fail fast on an unknown category

    def list_urls(self) -> list[str]:
        return [Cna.list_url(self.list_category)]
