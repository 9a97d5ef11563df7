"""Central News Agency 中央社 (www.cna.com.tw), current design (2019-)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cached_property
from html import escape
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.items import INLINE, RELATED, TOPIC, ArticleItem, RelatedLink
from newscrawl.pages.base import (
    ArticlePage,
    ListPage,
    NotAnArticle,
    Source,
    absolute_url,
    inner_html,
    local_to_utc,
    parse_iso_utc,
    pruned_html,
    text_of,
    unique,
)
from newscrawl.text import normalize_ws, parse_cna_dateline, parse_credits

# /news/<category>/<yyyymmdd><nnnn>.aspx; 2014-era URLs carry a "-1" suffix.
_ARTICLE_PATH = re.compile(r"^/news/(?P<cat>[a-z]+)/(?P<key>\d{12})(?:-\d+)?\.aspx$", re.I)
_PLAIN_URL = re.compile(
    r"https?://(?:www\.)?cna\.com\.tw(?P<path>/[^?#;:@\s]*)(?:[?#]\S*)?\Z", re.I
)
_UPDATED = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})")

CATEGORIES = {
    "aall": "即時",
    "aipl": "政治",
    "aopl": "國際",
    "acn": "兩岸",
    "afe": "產經",
    "aie": "產經",  # pre-2020 code of the same category
    "asc": "證券",
    "ait": "科技",
    "ahel": "生活",
    "asoc": "社會",
    "aloc": "地方",
    "acul": "文化",
    "aspt": "運動",
    "amov": "娛樂",
    "firstnews": "重點新聞",
}


class Cna(Source):
    name = "cna"
    title = "中央社 CNA"
    domains = ("www.cna.com.tw", "cna.com.tw")
    script = "hant"
    timezone = "Asia/Taipei"
    base = "https://www.cna.com.tw"

    @classmethod
    def _match(cls, url: str) -> re.Match[str] | None:
        plain = _PLAIN_URL.match(url)  # the usual form; anything unusual goes through urlsplit
        if plain:
            return _ARTICLE_PATH.match(plain["path"])
        parts = urlsplit(url)
        if parts.hostname not in cls.domains:
            return None
        return _ARTICLE_PATH.match(parts.path)

    @classmethod
    def article_key(cls, url: str) -> str | None:
        m = cls._match(url)
        return m.group("key") if m else None

    @classmethod
    def canonical_url(cls, url: str) -> str | None:
        m = cls._match(url)
        if not m:
            return None
        return f"{cls.base}/news/{m.group('cat').lower()}/{m.group('key')}.aspx"

    @classmethod
    def list_url(cls, category: str = "aall") -> str:
        if category not in CATEGORIES:
            raise ValueError(f"unknown CNA category {category!r}; known: {', '.join(CATEGORIES)}")
        return f"{cls.base}/list/{category}.aspx"


class CnaArticlePage(ArticlePage):
    source = Cna

    CANONICAL: ClassVar[str] = 'link[rel="canonical"]::attr(href)'
    OG_URL: ClassVar[str] = 'meta[property="og:url"]::attr(content)'
    PUBLISHED: ClassVar[str] = 'meta[property="article:published_time"]::attr(content)'
    MODIFIED: ClassVar[str] = 'meta[property="article:modified_time"]::attr(content)'
    # Everything else is inside the article's div.centralContent; queries below run from there,
    # which is 6x fewer elements to walk than the whole page.
    CONTENT: ClassVar[str] = "div.centralContent"
    TITLE: ClassVar[str] = "h1 span::text"
    UPDATETIME: ClassVar[str] = "div.updatetime span::text"
    BREADCRUMB: ClassVar[str] = "div.breadcrumb a"
    TAGS: ClassVar[str] = "div.articlekeywordGroup div.keywordTag a::text"
    LEAD_FIGURE: ClassVar[str] = ":scope > div.fullPic"
    # Only the FIRST div.paragraph is the article; a later sibling holds the copyright line.
    BODY: ClassVar[str] = ":scope > div.paragraph"
    RELATED_LINKS: ClassVar[str] = "div.moreArticle:not(.flexhalf) a.moreArticle-link"
    TOPIC_LINKS: ClassVar[str] = "div.moreArticle.flexhalf a.discursive"
    INLINE_LINKS: ClassVar[str] = "div.insertGroup a.insert"
    # Inside a paragraph: dictionary pop-ups, subscription boxes, ads and scripts.
    PARAGRAPH_DROP: ClassVar[tuple[str, ...]] = (
        "script",
        "style",
        "iframe",
        "ins",
        ".dictionary",
        ".subscribeBox",
        ".advertiseBox",
        ".adslot_infinite",
    )

    def to_item(self) -> ArticleItem:
        self.check_complete()
        url = self.canonical()
        key = Cna.article_key(url)
        if key is None:
            raise NotAnArticle("not_article", self.url, "no CNA article URL on the page")
        title = self.title()
        if not title:
            raise NotAnArticle("not_article", self.url, "no headline")
        paragraphs, body_html = self.body()
        if not paragraphs:
            raise NotAnArticle("no_body", self.url)
        reporters, place = parse_cna_dateline(paragraphs[0])
        published = self.published_at()
        lead_src, lead_caption = self.lead_image()
        cat_code = urlsplit(url).path.split("/")[2]
        return ArticleItem(
            source=Cna.name,
            key=key,
            url=url,
            fetched_url=self.url,
            aliases=unique(u for u in [Cna.canonical_url(self.url)] if u and u != url),
            title=title,
            body_html=body_html,
            script=Cna.script,
            category_code=cat_code,
            category_name=self.category_name() or CATEGORIES.get(cat_code),
            published_at=published,
            updated_at=self.updated_at(published),
            reporters=reporters,
            dateline_place=place,
            credits=parse_credits(paragraphs[-1]),
            tags=self.tags(),
            lead_image_url=lead_src,
            lead_image_caption=lead_caption,
            links=self.links(),
        )

    # --- fields ---------------------------------------------------------------------------

    @cached_property
    def content(self) -> HtmlElement | None:
        return self.css_first(self.CONTENT)

    def in_content(self, query: str) -> list[Any]:
        return [] if self.content is None else self.css(query, self.content)

    @cached_property
    def body_container(self) -> HtmlElement | None:
        found = self.in_content(self.BODY)
        return found[0] if found else None

    def canonical(self) -> str:
        for css in (self.CANONICAL, self.OG_URL):
            found = self.css_first(css, self.head)
            if found and Cna.canonical_url(urljoin(self.url, found)):
                return Cna.canonical_url(urljoin(self.url, found)) or ""
        return Cna.canonical_url(self.url) or ""

    def title(self) -> str:
        return normalize_ws("".join(self.in_content(self.TITLE)))

    def category_name(self) -> str | None:
        crumbs = [normalize_ws(text_of(a)) for a in self.in_content(self.BREADCRUMB)]
        crumbs = [c for c in crumbs if c and c != "首頁"]
        return crumbs[0] if crumbs else None

    def tags(self) -> list[str]:
        return unique(normalize_ws(t).lstrip("#＃") for t in self.in_content(self.TAGS))

    def _updatetime(self) -> list[str]:
        return [normalize_ws(s) for s in self.in_content(self.UPDATETIME) if s.strip()]

    def published_at(self) -> datetime | None:
        found = parse_iso_utc(self.css_first(self.PUBLISHED, self.head))
        if found:
            return found
        spans = self._updatetime()
        if spans:
            try:
                local = datetime.strptime(spans[0], "%Y/%m/%d %H:%M")
            except ValueError:
                return None
            return local_to_utc(local, Cna.tz())
        return None

    def updated_at(self, published: datetime | None) -> datetime | None:
        found = parse_iso_utc(self.css_first(self.MODIFIED, self.head))
        if found:
            return found
        spans = self._updatetime()
        m = _UPDATED.search(spans[1]) if len(spans) > 1 else None
        if m and published:
            year = published.astimezone(Cna.tz()).year
            local = datetime(year, int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]))
            return local_to_utc(local, Cna.tz())
        return published

    def lead_image(self) -> tuple[str | None, str | None]:
        figures = self.in_content(self.LEAD_FIGURE)
        return self._figure(figures[0]) if figures else (None, None)

    def _figure(self, fig: HtmlElement) -> tuple[str | None, str | None]:
        # Lazy-loaded images keep the real URL in data-src.
        src = self.css_first("img::attr(data-src)", fig) or self.css_first("img::attr(src)", fig)
        if not src:
            srcset = self.css_first("source::attr(srcset), source::attr(data-srcset)", fig) or ""
            src = srcset.split(" ")[0] or None
        caption = normalize_ws(text_of(self.css_first(".picinfo", fig))) or None
        return (urljoin(self.url, src) if src else None), caption

    def body(self) -> tuple[list[str], str]:
        """Paragraph texts and the body as simple HTML (p and figure elements)."""
        if self.body_container is None:
            return [], ""
        texts: list[str] = []
        html: list[str] = []
        for child in pruned_html(self.body_container, self.PARAGRAPH_DROP):
            if child.tag == "p":
                text = normalize_ws(child.text_content())
                if text:
                    texts.append(text)
                    html.append(f"<p>{inner_html(child).strip()}</p>")
            elif child.tag == "div" and self.css(".floatImg", child):
                src, caption = self._figure(child)
                if src:
                    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
                    html.append(f'<figure><img src="{escape(src)}" alt="">{cap}</figure>')
        return texts, "\n".join(html)

    def links(self) -> list[RelatedLink]:
        if self.body_container is None:
            return []
        found: list[RelatedLink] = []
        for kind, css in ((RELATED, self.RELATED_LINKS), (TOPIC, self.TOPIC_LINKS),
                          (INLINE, self.INLINE_LINKS)):
            position = 0
            for a in self.css(css, self.body_container):
                target = Cna.canonical_url(absolute_url(self.url, a.get("href", "")))
                if target is None:
                    continue
                key = target.rsplit("/", 1)[1].removesuffix(".aspx")
                span = a.find(".//span")
                anchor = normalize_ws((span if span is not None else a).text_content())
                found.append(RelatedLink(target, Cna.name, key, anchor, kind, position))
                position += 1
        return found


class CnaListPage(ListPage):
    source = Cna

    ITEMS: ClassVar[str] = "ul#jsMainList > li a::attr(href)"
    # 2014-era list and home pages: any article link in the main column.
    FALLBACK_ITEMS: ClassVar[str] = "a::attr(href)"
    NEXT: ClassVar[str] = 'link[rel="next"]::attr(href), a.pageNext::attr(href)'

    def article_urls(self) -> list[str]:
        hrefs = self.css(self.ITEMS) or self.css(self.FALLBACK_ITEMS)
        urls = (urljoin(self.url, h) for h in hrefs)
        return unique(u for u in urls if Cna.article_key(u))

    def next_page_url(self) -> str | None:
        nxt = self.css_first(self.NEXT)
        return urljoin(self.url, nxt) if nxt else None
