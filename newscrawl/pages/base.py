"""Base classes for per-source page objects.

A source module defines one `Source` subclass (URL rules) and page classes that turn a decoded
Scrapy response into items. Page classes keep selectors as class constants and small field
methods; they never fetch anything.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from newscrawl.items import ArticleItem

if TYPE_CHECKING:
    from scrapy.http import TextResponse


class NotAnArticle(Exception):
    """The page is not one we store. `reason` becomes a crawl stat: newscrawl/pages/<reason>."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.url = url
        self.detail = detail


class Source(ABC):
    """URL rules and metadata of one news source."""

    name: ClassVar[str]
    title: ClassVar[str]
    domains: ClassVar[tuple[str, ...]]
    script: ClassVar[str]  # script of the edition we crawl: "hant" | "hans"
    timezone: ClassVar[str]

    @classmethod
    @abstractmethod
    def article_key(cls, url: str) -> str | None:
        """The source's article id if `url` is an article URL of this source, else None."""

    @classmethod
    @abstractmethod
    def canonical_url(cls, url: str) -> str | None:
        """The canonical URL of the article at `url`, or None if `url` is not an article URL."""

    @classmethod
    def aliases(cls, url: str) -> list[str]:
        """Other URLs of the same article (another edition, say)."""
        return []

    @classmethod
    def tz(cls) -> ZoneInfo:
        return ZoneInfo(cls.timezone)


class Page:
    """A decoded response and fast CSS queries over its parsed tree."""

    source: ClassVar[type[Source]]

    def __init__(self, response: TextResponse) -> None:
        self.response = response
        self.url = response.url
        self.sel: Selector = response.selector
        self.root: lxml.html.HtmlElement = self.sel.root
        # Meta and link tags: the parser puts them in <head>, which is a short walk.
        head = self.root.find("head")
        self.head: lxml.html.HtmlElement = self.root if head is None else head

    def css(self, query: str, root: lxml.html.HtmlElement | None = None) -> list[Any]:
        """Elements or strings (`::text`, `::attr(x)`) matching `query` under `root`."""
        return select(query, self.root if root is None else root)

    def css_first(self, query: str, root: lxml.html.HtmlElement | None = None) -> Any:
        found = self.css(query, root)
        return found[0] if found else None


class ArticlePage(Page, ABC):
    # Pages that lack this end tag were cut off in transit or on disk.
    REQUIRED_END = "</html>"

    def check_complete(self) -> None:
        tail = self.response.text[-4096:].lower()
        if self.REQUIRED_END not in tail:
            raise NotAnArticle("truncated", self.url, f"no {self.REQUIRED_END} at the end")

    @abstractmethod
    def to_item(self) -> ArticleItem:
        """Extract the article, or raise NotAnArticle."""

    def notes(self) -> list[str]:
        """Unusual things about a parsed page (old layout, fallback selectors, charset) that the
        spider counts as newscrawl/pages/<note>."""
        return []


class ListPage(Page, ABC):
    @abstractmethod
    def article_urls(self) -> list[str]:
        """Absolute article URLs listed on the page, in page order."""

    def next_page_url(self) -> str | None:
        return None


# --- helpers for page classes ------------------------------------------------------------


def parse_iso_utc(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.astimezone(UTC)


def local_to_utc(dt: datetime, tz: ZoneInfo) -> datetime:
    return dt.replace(tzinfo=tz).astimezone(UTC)


@cache
def compiled_css(css: str) -> CSSSelector:
    """CSS compiled to XPath once per process: lxml's el.cssselect() recompiles on every call."""
    return CSSSelector(css)


_TRANSLATOR = HTMLTranslator()


@cache
def compiled_query(css: str) -> etree.XPath:
    """parsel's CSS dialect (with ::text and ::attr()) compiled once per process.

    Page classes run a few dozen queries per page; parsel recompiles the XPath and wraps every
    result in a Selector on each call, which cost more than the matching itself.
    """
    return etree.XPath(_TRANSLATOR.css_to_xpath(css), smart_strings=False)


def select(css: str, root: lxml.html.HtmlElement) -> list[Any]:
    found = compiled_query(css)(root)
    assert isinstance(found, list)
    return found


def text_of(el: lxml.html.HtmlElement | None) -> str:
    """All text under `el`, like XPath string()."""
    return "" if el is None else str(el.text_content())


def pruned_html(
    root: Selector | lxml.html.HtmlElement, drop: Iterable[str]
) -> lxml.html.HtmlElement:
    """A copy of `root` with the elements matching any of the CSS selectors `drop` removed."""
    el = copy.deepcopy(root.root if isinstance(root, Selector) else root)
    # One union query: results come in document order, so a container goes before its content.
    for junk in compiled_css(", ".join(drop))(el):
        parent = junk.getparent()
        if parent is None:
            continue
        # keep the text that followed the removed element
        if junk.tail:
            prev = junk.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + junk.tail
            else:
                parent.text = (parent.text or "") + junk.tail
        parent.remove(junk)
    return el


def absolute_url(base: str, href: str) -> str:
    """urljoin(base, href) for a URL that is canonicalized next: skips the parse of an href
    that is already absolute http(s), which is most of them."""
    if href.startswith(("https://", "http://")):
        return href
    return urljoin(base, href)


def inner_html(el: lxml.html.HtmlElement) -> str:
    parts = [el.text or ""]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in el]
    return "".join(parts)


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
