"""Extraction as one step (page object, then clean and convert) that can run in a worker process.

With NEWSCRAWL_PARSE_WORKERS > 0 the spider sends each article response here through a process
pool, so parsing, sanitizing and OpenCC use another core while the Scrapy engine keeps this one.
The pipelines then skip the stages already applied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scrapy.http import HtmlResponse, TextResponse

from newscrawl.items import ArticleItem
from newscrawl.pages import ArticlePage, NotAnArticle, page_classes
from newscrawl.pipelines.clean import clean_article
from newscrawl.pipelines.convert import convert_article


@dataclass(frozen=True)
class Extracted:
    item: ArticleItem | None
    skipped: str | None = None  # NotAnArticle reason
    detail: str = ""
    notes: tuple[str, ...] = ()


def extract(page_class: type[ArticlePage], response: TextResponse, clean: bool = False,
            convert: dict[str, str] | None = None) -> Extracted:
    page = page_class(response)
    try:
        item = page.to_item()
    except NotAnArticle as exc:
        return Extracted(None, exc.reason, exc.detail)
    notes = tuple(page.notes())
    if clean:
        try:
            item = replace(clean_article(item), stages=["clean"])
        except ValueError:
            return Extracted(item, notes=notes)  # the clean pipeline drops it and counts why
        if convert is not None:
            item = replace(convert_article(item, convert), stages=["clean", "convert"])
    return Extracted(item, notes=notes)


def extract_in_worker(source: str, url: str, body: bytes, encoding: str, clean: bool,
                      convert: dict[str, str] | None) -> Extracted:
    """Runs in a worker process: decode exactly as the crawler did, then extract."""
    response = HtmlResponse(url=url, body=body, encoding=encoding)
    return extract(page_classes()[source][0], response, clean=clean, convert=convert)
