"""The Epoch Times 大紀元 (www.epochtimes.com), Chinese edition.

Every article exists in two editions made mechanically from one text: /b5/YY/M/D/nNNNN.htm
(traditional) and /gb/YY/M/D/nNNNN.htm (simplified). The key is the edition-free id "nNNNN"; the
item's URL is the edition that was parsed and the other edition's URL is an alias.

Times: the `datetime` attribute of the page's <time> elements when it carries an offset; times
without one, and times given only as text ("2021-01-14 3:25 AM"), are US Eastern (the site is
edited in New York). Links: related-article blocks are RELATED, links to other articles inside the
body are INLINE, /tag/ links are TAG (never followed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from html import escape
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from newscrawl.items import INLINE, RELATED, TAG, ArticleItem, Credit, RelatedLink
from newscrawl.pages.base import (
    ArticlePage,
    ListPage,
    NotAnArticle,
    Source,
    compiled_css,
    inner_html,
    parse_iso_utc,
    pruned_html,
    text_of,
    unique,
)
from newscrawl.pages.epochtimes_text import (
    ARTICLE_PATH,
    EDITION_SCRIPT,
    EDITIONS,
    LIST_PATH,
    OTHER_EDITION,
    TAG_PATH,
    is_boilerplate,
    parse_author_line,
    parse_lead,
    parse_local_time,
    parse_time_attr,
    split_editor,
    tag_name,
    tag_path,
)
from newscrawl.text import normalize_ws

# Category list pages named in the site's menus (the first page is <code>.htm, then <code>_2.htm).
CATEGORIES = {
    "nsc413": "大陸",
    "nsc412": "美國",
    "nsc418": "國際",
    "ncid1349361": "台灣",
    "ncid1349362": "香港",
}


class EpochTimes(Source):
    name = "epochtimes"
    title = "大紀元 The Epoch Times"
    domains = ("www.epochtimes.com",)
    script = EDITION_SCRIPT["b5"]  # the default edition's script
    timezone = "America/New_York"
    base = "https://www.epochtimes.com"
    default_edition = "b5"
    # Old links use the bare domain and http; both serve the same pages.
    hosts: ClassVar[tuple[str, ...]] = ("www.epochtimes.com", "epochtimes.com")

    @classmethod
    def _match(cls, url: str) -> re.Match[str] | None:
        parts = urlsplit(url)
        if (parts.hostname or "").lower() not in cls.hosts:
            return None
        return ARTICLE_PATH.match(parts.path)

    @classmethod
    def article_key(cls, url: str) -> str | None:
        m = cls._match(url)
        return m.group("key").lower() if m else None

    @classmethod
    def edition(cls, url: str) -> str | None:
        """"b5" or "gb" for any URL of the site under one edition, else None."""
        parts = urlsplit(url)
        if (parts.hostname or "").lower() not in cls.hosts:
            return None
        first = parts.path.lstrip("/").split("/", 1)[0].lower()
        return first if first in EDITIONS else None

    @classmethod
    def edition_url(cls, url: str, edition: str) -> str | None:
        """The article's URL in `edition`, or None if `url` is not an article URL."""
        m = cls._match(url)
        if not m:
            return None
        # The site never zero-pads the date; some hand-made links do.
        y, mo, d = (int(m.group(g)) for g in ("y", "m", "d"))
        return f"{cls.base}/{edition}/{y}/{mo}/{d}/{m.group('key').lower()}.htm"

    @classmethod
    def canonical_url(cls, url: str) -> str | None:
        m = cls._match(url)
        return cls.edition_url(url, m.group("ed").lower()) if m else None

    @classmethod
    def aliases(cls, url: str) -> list[str]:
        ed = cls.edition(url)
        other = cls.edition_url(url, OTHER_EDITION[ed]) if ed else None
        return [other] if other else []

    @classmethod
    def list_url(cls, code: str, edition: str = "b5", page: int = 1) -> str:
        if not re.fullmatch(r"(?:nsc|ncid)\d+", code):
            raise ValueError(f"not an Epoch Times category code: {code!r} (known: "
                             f"{', '.join(f'{k} {v}' for k, v in CATEGORIES.items())})")
        suffix = f"_{page}" if page > 1 else ""
        return f"{cls.base}/{edition}/{code}{suffix}.htm"

    @classmethod
    def feed_url(cls, edition: str = "b5") -> str:
        """The 24-hour RSS feed."""
        return f"{cls.base}/{edition}/n24hr.xml"


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    anchors: list[tuple[str, str]] = field(default_factory=list)  # (absolute href, text)


class EpochTimesArticlePage(ArticlePage):
    source = EpochTimes

    CANONICAL: ClassVar[str] = 'link[rel="canonical"]::attr(href)'
    OG_URL: ClassVar[str] = 'meta[property="og:url"]::attr(content)'
    # Current layout first; 2012-2014 pages use the arttop2 block or div.titles.
    TITLES: ClassVar[tuple[str, ...]] = (
        "h1.title", "div.arttop.arttop2 h1", "div.titles h1", "div.arttop h1",
    )
    OG_TITLE: ClassVar[str] = 'meta[property="og:title"]::attr(content)'
    TIMES: ClassVar[str] = "div.info time, #artbody time, div.arttop time, div.titles time"
    TIME_LABEL: ClassVar[etree.XPath] = etree.XPath("preceding-sibling::text()[1]", smart_strings=False)
    IN_UPDATED: ClassVar[etree.XPath] = etree.XPath("ancestor-or-self::*[contains(@class, 'updated')]")
    TIME_TEXTS: ClassVar[str] = "div.info, div.artinfo, div.arttop, div.titles, span.time"
    PUBLISHED_META: ClassVar[str] = 'meta[property="article:published_time"]::attr(content)'
    MODIFIED_META: ClassVar[str] = 'meta[property="article:modified_time"]::attr(content)'
    AUTHOR_LINES: ClassVar[str] = "h4.author, div.blue16.subtitle"
    BREADCRUMB: ClassVar[str] = "div#breadcrumb > a"
    # 視頻集錦 pages nest the text in #article_wrap; 文化網 uses div.whitebg.
    BODIES: ClassVar[tuple[str, ...]] = (
        "div#artbody div#article_wrap", "div#artbody", "div.whitebg", "div.post_content",
        "div.art-content",
    )
    BODY_MARKERS: ClassVar[re.Pattern[str]] = re.compile(
        r"<!--\s*article content begin\s*-->(?P<body>.*?)<!--\s*article content end\s*-->",
        re.S | re.I,
    )
    TEXT_BLOCKS: ClassVar[tuple[str, ...]] = ("p", "h2", "h3", "h4", "blockquote", "ul", "ol")
    # Inside a text block: scripts, ad slots, share buttons.
    BLOCK_DROP: ClassVar[tuple[str, ...]] = (
        "script", "style", "iframe", "ins", "noscript", "center", "button", ".adsbygoogle",
        ".share_bar", ".social_share",
    )
    LEAD_IMAGE: ClassVar[str] = "div.featured_image"
    LEAD_IMG: ClassVar[str] = "img"
    LEAD_CAPTION: ClassVar[str] = "figcaption, .caption"
    # Only near the headline: sidebar thumbnails carry wp-post-image too.
    LEAD_IMAGE_FALLBACK: ClassVar[str] = "div.arttop img.wp-post-image"
    # Where the article's own tag links live; the sidebar's tag cloud is not the article's.
    TAG_AREAS: ClassVar[str] = (
        "#artbody, #tags, .post_tags, div.arttop, div.titles, div.featured_image"
    )
    TAG_LINKS: ClassVar[str] = "a[href]"
    RELATED: ClassVar[str] = (
        "div.related_news a[href], div#related_posts a[href], div.related a[href]"
    )

    # Page layouts, newest first; old ones are parsed through the fallback selectors.
    LAYOUTS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("current", "h1.title"), ("arttop2", "div.arttop.arttop2 h1"), ("titles", "div.titles h1"),
    )
    BODY_DIRECT: ClassVar[str] = "div#artbody > p, div#artbody > h2, div#article_wrap > p"
    CHARSETS: ClassVar[str] = "meta[charset]::attr(charset), meta[http-equiv]::attr(content)"
    HTML_LANG: ClassVar[etree.XPath] = etree.XPath("/html/@lang", smart_strings=False)

    def notes(self) -> list[str]:
        """What was unusual about this page, for crawl stats: its layout, a body found only
        between the comment markers, characters beyond a declared GB2312."""
        found = [f"layout/{next((n for n, css in self.LAYOUTS if self.css(css)), 'other')}"]
        text = self.response.text
        if not self.css(self.BODY_DIRECT) and self.BODY_MARKERS.search(text):
            found.append("fallback/body_markers")
        declared = (self.response.headers.get("Content-Type") or b"").decode("latin-1")
        declared += " ".join(self.css(self.CHARSETS))
        if "gb2312" in declared.lower():
            try:
                text.encode("gb2312")
            except UnicodeEncodeError:
                found.append("charset/beyond_gb2312")  # decoded as GB18030 (w3lib), no U+FFFD
        return found

    def to_item(self) -> ArticleItem:
        self.check_complete()
        edition = self.edition()
        key = EpochTimes.article_key(self.url) or EpochTimes.article_key(self.canonical_link())
        url = EpochTimes.edition_url(self.url, edition) or EpochTimes.edition_url(
            self.canonical_link(), edition)
        if not key or not url:
            raise NotAnArticle("not_article", self.url, "no Epoch Times article URL")
        title = self.title()
        if not title:
            raise NotAnArticle("not_article", self.url, "no headline")
        body = self.body()
        if not body.paragraphs:
            raise NotAnArticle("no_body", self.url)
        lead = parse_lead(body.paragraphs[0])
        reporters = lead.reporters or self.author_line()
        credits = [*body.credits, *(Credit(role="translator", name=n) for n in lead.translators)]
        published, updated = self.times()
        lead_src, lead_caption = self.lead_image()
        code, name = self.category()
        fetched = EpochTimes.canonical_url(self.url)
        return ArticleItem(
            source=EpochTimes.name,
            key=key,
            url=url,
            fetched_url=self.url,
            aliases=unique(u for u in [*EpochTimes.aliases(url), fetched] if u and u != url),
            title=title,
            body_html="\n".join(body.html),
            script=EDITION_SCRIPT[edition],
            category_code=code,
            category_name=name,
            published_at=published,
            updated_at=updated,
            reporters=reporters,
            dateline_place=lead.place,
            credits=credits,
            tags=self.tags(body),
            lead_image_url=lead_src,
            lead_image_caption=lead_caption,
            links=self.links(key, body),
        )

    # --- fields ---------------------------------------------------------------------------

    def meta(self, query: str) -> str | None:
        """The first match of a meta/link `query` in the page."""
        found: list[str] = self.css(query, self.head)
        if not found and self.head is not self.root:
            # Stray markup in <head> makes the parser move the tags after it into <body>.
            found = self.css(query)
        return found[0] if found else None

    def canonical_link(self) -> str:
        return self._canonical_link

    @cached_property
    def _canonical_link(self) -> str:
        for css in (self.CANONICAL, self.OG_URL):
            found = self.meta(css)
            if found and EpochTimes.article_key(urljoin(self.url, found)):
                return urljoin(self.url, found)
        return ""

    def edition(self) -> str:
        """The edition actually parsed: from the URL, else the canonical link, else <html lang>."""
        for url in (self.url, self.canonical_link()):
            ed = EpochTimes.edition(url) if url else None
            if ed:
                return ed
        lang = next(iter(self.HTML_LANG(self.root)), "").lower()
        if lang in ("zh-hans", "zh-cn", "zh-sg"):
            return "gb"
        return EpochTimes.default_edition

    def title(self) -> str:
        for css in self.TITLES:
            found = self.css_first(css)
            if found is not None:
                text = normalize_ws(text_of(found))
                if text:
                    return text
        og = normalize_ws(self.meta(self.OG_TITLE) or "")
        return re.sub(r"\s*[|｜]\s*(?:大紀元|大纪元).*$", "", og)

    def breadcrumbs(self) -> list[tuple[str, str | None]]:
        """(name, category code) for each crumb after 首頁."""
        crumbs: list[tuple[str, str | None]] = []
        for a in self.css(self.BREADCRUMB):
            name = normalize_ws(text_of(a))
            if not name or name in ("首頁", "首页"):
                continue
            m = LIST_PATH.match(urlsplit(urljoin(self.url, a.get("href", ""))).path)
            crumbs.append((name, m.group("code") if m else None))
        return crumbs

    def category(self) -> tuple[str | None, str | None]:
        """The most specific crumb: (code, name)."""
        crumbs = self.breadcrumbs()
        if not crumbs:
            return None, None
        name, code = crumbs[-1]
        return code, name

    def times(self) -> tuple[datetime | None, datetime | None]:
        tz = EpochTimes.tz()
        published: datetime | None = None
        updated: datetime | None = None
        for t in self.css(self.TIMES):
            text = normalize_ws(text_of(t))
            value = parse_time_attr(t.get("datetime"), tz) or parse_local_time(text, tz)
            if value is None:
                continue
            label = normalize_ws(" ".join(self.TIME_LABEL(t)))
            is_update = (t.get("itemprop") == "dateModified"
                         or bool(self.IN_UPDATED(t))
                         or "更新" in text or label.endswith(("更新:", "更新：", "更新")))
            if is_update:
                updated = updated or value
            else:
                published = published or value
        if published is None and updated is None:
            published = parse_iso_utc(self.meta(self.PUBLISHED_META))
            updated = parse_iso_utc(self.meta(self.MODIFIED_META))
        if published is None and updated is None:
            for block in self.css(self.TIME_TEXTS):
                text = normalize_ws(text_of(block))
                found = parse_local_time(text, tz)
                if found:
                    published = found
                    break
        # Older pages show only 更新 (updated): it is the best publication time we have.
        return published or updated, updated or published

    def author_line(self) -> list[str]:
        for line in self.css(self.AUTHOR_LINES):
            names = parse_author_line(normalize_ws(text_of(line)))
            if names:
                return names
        return []

    def lead_image(self) -> tuple[str | None, str | None]:
        boxes = self.css(self.LEAD_IMAGE)
        if boxes:
            img = self._first_in(boxes, self.LEAD_IMG)
        else:
            img = self.css_first(self.LEAD_IMAGE_FALLBACK)
        if img is None:
            return None, None
        src = img.get("data-src") or img.get("src")
        caption = normalize_ws(text_of(self._first_in(boxes, self.LEAD_CAPTION)))
        return (urljoin(self.url, src) if src else None), caption or None

    def _first_in(self, roots: list[lxml.html.HtmlElement], query: str) -> Any:
        """The first match of `query` in the first of `roots` that has one."""
        for root in roots:
            found = self.css_first(query, root)
            if found is not None:
                return found
        return None

    def tags(self, body: Body | None = None) -> list[str]:
        return unique(name for _url, name, _anchor in self._tag_anchors(body or self.body()))

    def _tag_anchors(self, body: Body) -> list[tuple[str, str, str]]:
        """(canonical tag URL, tag name, anchor text) for each tag link, in page order.

        The tag areas first, then the body's own links (a body cut out by the comment markers
        lies outside every area).
        """
        found: list[tuple[str, str, str]] = []
        for href, text in [*self._area_anchors, *body.anchors]:
            parts = urlsplit(href)
            m = TAG_PATH.match(parts.path)
            if (parts.hostname or "").lower() not in EpochTimes.hosts or not m:
                continue
            anchor = text.lstrip("#＃")
            name = tag_name(parts.path) or anchor
            if name:
                url = EpochTimes.base + tag_path(m.group("ed").lower(), name)
                found.append((url, name, anchor or name))
        return found

    @cached_property
    def _area_anchors(self) -> list[tuple[str, str]]:
        """(absolute href, text) of the links in the tag areas; tags() and links() both ask."""
        # A link inside nested areas is listed once per area.
        return [(urljoin(self.url, a.attrib["href"]), normalize_ws(text_of(a)))
                for area in self.css(self.TAG_AREAS) for a in self.css(self.TAG_LINKS, area)]

    # --- body -----------------------------------------------------------------------------

    def _body_roots(self) -> Iterator[lxml.html.HtmlElement]:
        for css in self.BODIES:
            found = self.css_first(css)
            if found is not None:
                yield found
        # Pre-2014 pages without #artbody: the CMS's comment markers delimit the text.
        m = self.BODY_MARKERS.search(self.response.text)
        if m and m.group("body").strip():
            yield lxml.html.fragment_fromstring(m.group("body"), create_parent="div")

    def body(self) -> Body:
        """Text blocks and figures of the article, without promos, ads and credit lines.

        The first container that holds text wins: an #artbody that only wraps the marked-up
        text in another div falls through to the comment markers.
        """
        out = Body()
        for root in self._body_roots():
            out = Body()
            for child in root:
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag == "figure" or (tag == "div" and "wp-caption" in (child.get("class") or "")):
                    self._figure(child, out)
                elif tag in self.TEXT_BLOCKS:
                    self._text_block(child, out)
            if out.paragraphs:
                return out
        return out

    def _text_block(self, child: lxml.html.HtmlElement, out: Body) -> None:
        el = pruned_html(child, self.BLOCK_DROP)
        el.make_links_absolute(self.url)
        text = normalize_ws(el.text_content())
        if not text or is_boilerplate(text):
            return
        rest, credits = split_editor(text)
        if credits:
            out.credits += credits
            if not rest:
                return
            text = rest
            if not _cut_editor(el):
                el = lxml.html.fragment_fromstring(f"<{el.tag}>{escape(rest)}</{el.tag}>")
        out.paragraphs.append(text)
        out.anchors += [(a.get("href", ""), normalize_ws(a.text_content()))
                        for a in el.iter("a") if a.get("href")]
        if el.tag in ("p", "h2", "h3", "h4"):
            out.html.append(f"<{el.tag}>{inner_html(el).strip()}</{el.tag}>")
        else:
            el.tail = None
            out.html.append(lxml.html.tostring(el, encoding="unicode").strip())

    def _figure(self, child: lxml.html.HtmlElement, out: Body) -> None:
        imgs = compiled_css("img")(child)
        if not imgs:
            return
        src = imgs[0].get("data-src") or imgs[0].get("src")
        if not src:
            return
        caps = compiled_css("figcaption, .wp-caption-text")(child)
        caption = normalize_ws(caps[0].text_content()) if caps else ""
        alt = normalize_ws(imgs[0].get("alt") or "")
        for a in child.iter("a"):
            href = a.get("href")
            if href and a.text_content().strip():
                out.anchors.append((urljoin(self.url, href), normalize_ws(a.text_content())))
        cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
        out.html.append(f'<figure><img src="{escape(urljoin(self.url, src))}" '
                        f'alt="{escape(alt)}">{cap}</figure>')

    # --- links ----------------------------------------------------------------------------

    def links(self, own_key: str, body: Body) -> list[RelatedLink]:
        found: list[RelatedLink] = []
        related = [(urljoin(self.url, a.attrib["href"]), normalize_ws(text_of(a)))
                   for a in self.css(self.RELATED)]
        for kind, anchors in ((RELATED, related), (INLINE, body.anchors)):
            seen: set[str] = set()
            for href, anchor in anchors:
                key = EpochTimes.article_key(href)
                target = EpochTimes.canonical_url(href)
                # An article listed twice (say once per edition) is one edge.
                if not key or not target or key in seen or (kind == INLINE and key == own_key):
                    continue
                seen.add(key)
                found.append(RelatedLink(target, EpochTimes.name, key, anchor, kind, len(seen) - 1))
        tags: dict[str, tuple[str, str]] = {}
        for url, name, anchor in self._tag_anchors(body):
            tags.setdefault(name, (url, anchor))
        for i, (name, (url, anchor)) in enumerate(tags.items()):
            found.append(RelatedLink(url, EpochTimes.name, f"tag/{name}", anchor, TAG, i))
        return found


def _text_nodes(el: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, str]]:
    """(node, "text" | "tail") for every text node under `el`, in document order."""
    nodes = [(el, "text")] if isinstance(el.tag, str) else []
    for child in el:
        nodes += _text_nodes(child)
        nodes.append((child, "tail"))
    return nodes


def _cut_editor(el: lxml.html.HtmlElement) -> bool:
    """Remove a trailing 責任編輯 credit from the last text node of `el`; False if it spans nodes."""
    for node, attr in reversed(_text_nodes(el)):
        value = getattr(node, attr) or ""
        if not value.strip():
            continue
        rest, credits = split_editor(value)
        if not credits:
            return False
        setattr(node, attr, rest)
        return True
    return False


class EpochTimesListPage(ListPage):
    """A category list page (with its pager) or the 24-hour RSS feed."""

    source = EpochTimes

    ITEMS: ClassVar[str] = "div.post_list.left_col > div.one_post div.text > div.title > a::attr(href)"
    # 2018-era home and section pages.
    FALLBACK_ITEMS: ClassVar[str] = "div.newslist a::attr(href), div.post_list a::attr(href)"
    NEXT: ClassVar[str] = "a.next.page-numbers::attr(href)"
    PAGES: ClassVar[str] = "a.page-numbers"
    FEED_LINKS: ClassVar[etree.XPath] = etree.XPath(
        "//item/link/text() | //item/guid/text()", smart_strings=False)

    def is_feed(self) -> bool:
        head = self.response.text[:512].lstrip().lower()
        return head.startswith("<?xml") or head.startswith("<rss") or "<rss" in head

    def _feed_root(self) -> etree._Element | None:
        # Served as text/html, an RSS <link> would be parsed as an empty HTML void element.
        # The text is already decoded: the parser must not re-read a declared encoding.
        body = self.response.text.strip().replace("\x00", "").encode()
        parser = etree.XMLParser(recover=True, encoding="utf-8", huge_tree=True,
                                 resolve_entities=False)
        return etree.fromstring(body, parser=parser) if body else None

    def article_urls(self) -> list[str]:
        if self.is_feed():
            root = self._feed_root()
            hrefs = [] if root is None else [h.strip() for h in self.FEED_LINKS(root)]
        else:
            hrefs = self.css(self.ITEMS) or self.css(self.FALLBACK_ITEMS)
        urls = (EpochTimes.canonical_url(urljoin(self.url, h)) for h in hrefs)
        return unique(u for u in urls if u)

    def next_page_url(self) -> str | None:
        if self.is_feed():
            return None
        nxt: str | None = self.css_first(self.NEXT)
        if nxt:
            return urljoin(self.url, nxt)
        # No "next" arrow: the numbered link one past the current page.
        m = LIST_PATH.match(urlsplit(self.url).path)
        current = int(m.group("page") or 1) if m else 1
        for a in self.css(self.PAGES):
            if normalize_ws(text_of(a)) == str(current + 1):
                href = a.get("href")
                return urljoin(self.url, href) if href else None
        return None
