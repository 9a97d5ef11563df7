"""Renderers for RECONSTRUCTED Epoch Times pages: article (b5 and gb), list page, 24-hour feed.

No real Epoch Times article HTML was available. These pages follow the structure public
crawlers rely on (h1.title, div.info time, div#breadcrumb > a, div#artbody > p/h2 with WordPress
figures, div.post_list.left_col > div.one_post div.text > div.title > a, a.page-numbers, the
2012-2014 arttop2/titles layouts and the "article content" comment markers). Everything the
renderers need comes in the view objects: they are pure functions from views to HTML text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape

BASE = "https://www.epochtimes.com"

# A run of text inside a paragraph: plain text, or (text, href) for a link.
Inline = str | tuple[str, str]

LABELS = {
    "b5": {
        "site": "大紀元", "home": "首頁", "updated": "更新", "tags": "標籤", "related": "相關文章",
        "editor": "責任編輯", "url_line": "本文網址", "views": "人氣", "next": "下一頁",
        "prev": "上一頁", "popular": "熱門新聞", "share": "分享", "print": "列印",
        "latest": "最新消息", "promo": "【紀元播報】訂閱大紀元電子報，每日新聞送到您信箱",
        "feed_title": "大紀元 24小時新聞", "copyright": "大紀元版權所有", "lang": "zh-Hant",
        "series": "點閱【{}】系列文章。",
    },
    "gb": {
        "site": "大纪元", "home": "首页", "updated": "更新", "tags": "标签", "related": "相关文章",
        "editor": "责任编辑", "url_line": "本文网址", "views": "人气", "next": "下一页",
        "prev": "上一页", "popular": "热门新闻", "share": "分享", "print": "打印",
        "latest": "最新消息", "promo": "【纪元播报】订阅大纪元电子报，每日新闻送到您信箱",
        "feed_title": "大纪元 24小时新闻", "copyright": "大纪元版权所有", "lang": "zh-Hans",
        "series": "点阅【{}】系列文章。",
    },
}


@dataclass(frozen=True)
class Crumb:
    name: str
    href: str


@dataclass(frozen=True)
class Figure:
    src: str
    alt: str
    caption: tuple[Inline, ...] = ()
    full: str | None = None
    attachment_id: int = 0


@dataclass(frozen=True)
class Block:
    """One child of the article body.

    kind: p | h2 | figure | ad | promo | series | empty | editor | url_line | feed | video
    """

    kind: str
    content: tuple[Inline, ...] = ()
    figure: Figure | None = None
    text: str = ""  # editor name, series name, URL for url_line
    links: tuple[tuple[str, str], ...] = ()  # (href, title) for feed blocks


@dataclass(frozen=True)
class ArticleView:
    edition: str
    key: str
    url: str
    alternates: dict[str, str]  # edition -> URL
    title: str
    crumbs: tuple[Crumb, ...]
    layout: str  # current | arttop2 | titles
    blocks: tuple[Block, ...]
    published: datetime | None = None  # aware, site-local
    updated: datetime | None = None
    tags: tuple[tuple[str, str], ...] = ()  # (name, href) for the tags block
    related: tuple[tuple[str, str], ...] = ()  # (href, title)
    lead_image: Figure | None = None
    nav: tuple[tuple[str, str], ...] = ()  # (href, name) menu
    sidebar: tuple[tuple[str, str], ...] = ()  # (href, title) popular list: not related
    charset: str = "utf-8"
    views: int = 0


@dataclass(frozen=True)
class ListItem:
    url: str
    title: str
    excerpt: str = ""
    date: str = ""
    image: str | None = None


@dataclass(frozen=True)
class ListView:
    edition: str
    url: str
    name: str
    page: int
    page_urls: tuple[str, ...]  # every page of the category, in order
    items: tuple[ListItem, ...]
    nav: tuple[tuple[str, str], ...] = ()
    sidebar: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str
    published: datetime
    category: str = ""
    description: str = ""


@dataclass(frozen=True)
class FeedView:
    edition: str
    url: str
    items: tuple[FeedItem, ...] = field(default_factory=tuple)


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def inline_html(runs: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for run in runs:
        if isinstance(run, str):
            out.append(_t(run))
        else:
            text, href = run
            out.append(f'<a href="{_a(href)}">{_t(text)}</a>')
    return "".join(out)


def inline_text(runs: tuple[Inline, ...]) -> str:
    return "".join(r if isinstance(r, str) else r[0] for r in runs)


def display_time(dt: datetime, twelve_hour: bool = True) -> str:
    """How the page prints a time: "2021-01-14 3:25 AM" (or 24-hour on 2012 pages)."""
    if not twelve_hour:
        return f"{dt:%Y-%m-%d %H:%M}"
    hour = dt.hour % 12 or 12
    return f"{dt:%Y-%m-%d} {hour}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"


def _figure_html(fig: Figure) -> str:
    img = (f'<img class="size-large wp-image-{fig.attachment_id}" src="{_a(fig.src)}" '
           f'alt="{_a(fig.alt)}" title="{_a(fig.alt)}" width="600" height="400">')
    if fig.full:
        img = f'<a href="{_a(fig.full)}">{img}</a>'
    cap = (f'<br><figcaption class="wp-caption-text">{inline_html(fig.caption)}</figcaption><br>'
           if fig.caption else "")
    return (f'<figure id="attachment_{fig.attachment_id}" class="wp-caption aligncenter" '
            f'style="width: 600px">{img}{cap}</figure>')


def _block_html(block: Block, view: ArticleView) -> str:
    lab = LABELS[view.edition]
    kind = block.kind
    if kind == "p":
        return f"<p>{inline_html(block.content)}</p>"
    if kind == "h2":
        return f"<h2>{inline_html(block.content)}</h2>"
    if kind == "figure" and block.figure is not None:
        return _figure_html(block.figure)
    if kind == "ad":
        return ('<div class="ad_in_content"><ins class="adsbygoogle" style="display:block" '
                'data-ad-format="fluid"></ins><script>(adsbygoogle = window.adsbygoogle || [])'
                ".push({});</script></div>")
    if kind == "promo":
        return f'<p><a href="{BASE}/{view.edition}/nf4830.htm">{_t(lab["promo"])}</a></p>'
    if kind == "series":
        return f"<p>{_t(lab['series'].format(block.text))}</p>"
    if kind == "empty":
        return "<p><center></center></p>"
    if kind == "editor":
        return f"<p>{_t(lab['editor'])}：{_t(block.text)}</p>"
    if kind == "url_line":
        return f"<p>{_t(lab['url_line'])}: {_t(block.text)}</p>"
    if kind == "feed":
        items = "".join(f'<li><a href="{_a(h)}">{_t(t)}</a></li>' for h, t in block.links)
        return f'<div class="feed_block"><h4>{_t(lab["latest"])}</h4><ul>{items}</ul></div>'
    if kind == "video":
        return (f'<div id="video_player" class="video_player" data-post="{_a(view.key)}">'
                f'<video controls preload="none" poster="https://i.epochtimes.com/assets/'
                f'reconstructed/{_a(view.key)}-poster.jpg"></video></div>')
    raise ValueError(f"unknown block kind {kind!r}")


def _head(view: ArticleView, http_equiv: bool = False) -> str:
    lab = LABELS[view.edition]
    charset = (f'<meta http-equiv="Content-Type" content="text/html; charset={view.charset}">'
               if http_equiv else f'<meta charset="{view.charset}">')
    alts = "".join(
        f'<link rel="alternate" hreflang="{LABELS[ed]["lang"]}" href="{_a(u)}">'
        for ed, u in sorted(view.alternates.items())
    )
    og_image = (f'<meta property="og:image" content="{_a(view.lead_image.src)}">'
                if view.lead_image else "")
    published = (f'<meta property="article:published_time" content="{view.published.isoformat()}">'
                 if view.published and view.layout == "current" else "")
    return (
        f"<head>\n{charset}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_t(view.title)} | {lab['site']}</title>\n"
        f'<link rel="canonical" href="{_a(view.url)}">\n{alts}\n'
        f'<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{_a(view.title)}">\n'
        f'<meta property="og:url" content="{_a(view.url)}">\n{og_image}{published}\n'
        f'<script>var djy_post_id = "{view.key}"; window.dataLayer = window.dataLayer || [];</script>\n'
        "</head>"
    )


def _nav(nav: tuple[tuple[str, str], ...], edition: str) -> str:
    lab = LABELS[edition]
    items = "".join(f'<li><a href="{_a(h)}">{_t(n)}</a></li>' for h, n in nav)
    return (f'<div id="header"><div class="logo"><a href="{BASE}/{edition}/">{lab["site"]}</a>'
            f'</div><ul class="nav">{items}</ul></div>')


def _sidebar(links: tuple[tuple[str, str], ...], edition: str) -> str:
    lab = LABELS[edition]
    items = "".join(f'<li><a href="{_a(h)}">{_t(t)}</a></li>' for h, t in links)
    return (f'<div id="sidebar" class="right_col"><div class="widget popular">'
            f'<h4>{lab["popular"]}</h4><ul>{items}</ul></div></div>')


def _crumbs(view: ArticleView) -> str:
    lab = LABELS[view.edition]
    parts = [f'<a href="{BASE}/{view.edition}/">{lab["home"]}</a>']
    parts += [f'<a class="breadcrumbs" href="{_a(c.href)}">{_t(c.name)}</a>' for c in view.crumbs]
    return '<div id="breadcrumb" class="left_col">' + " » ".join(parts) + "</div>"


def _share(view: ArticleView, where: str) -> str:
    lab = LABELS[view.edition]
    u = _a(view.url)
    return (f'<div class="share_bar share_{where}"><span>{lab["share"]}</span> '
            f'<a class="share_fb" href="https://www.facebook.com/sharer/sharer.php?u={u}">Facebook</a> '
            f'<a class="share_tw" href="https://twitter.com/intent/tweet?url={u}">Twitter</a> '
            f'<a class="share_print" href="javascript:window.print()">{lab["print"]}</a></div>')


def _tags_block(view: ArticleView) -> str:
    if not view.tags:
        return ""
    lab = LABELS[view.edition]
    links = " ".join(f'<a href="{_a(h)}" rel="tag">{_t(n)}</a>' for n, h in view.tags)
    return f'<div id="tags" class="post_tags">{lab["tags"]}：{links}</div>'


def _related_block(view: ArticleView, css: str) -> str:
    if not view.related:
        return ""
    lab = LABELS[view.edition]
    items = "".join(f'<li><a href="{_a(h)}">{_t(t)}</a></li>' for h, t in view.related)
    return f'<div class="{css}"><h4>{lab["related"]}</h4><ul>{items}</ul></div>'


def _lead_image(fig: Figure | None) -> str:
    if fig is None:
        return ""
    img = (f'<img class="attachment-djy_600_400 size-djy_600_400 wp-post-image" '
           f'src="{_a(fig.src)}" alt="{_a(fig.alt)}" width="600" height="400">')
    if fig.full:
        img = f'<a href="{_a(fig.full)}">{img}</a>'
    cap = f'<div class="caption">{inline_html(fig.caption)}</div>' if fig.caption else ""
    return f'<div class="featured_image">{img}{cap}</div>'


def render_article(view: ArticleView) -> str:
    if view.layout == "current":
        return _render_current(view)
    if view.layout == "arttop2":
        return _render_arttop2(view)
    if view.layout == "titles":
        return _render_titles(view)
    raise ValueError(f"unknown layout {view.layout!r}")


def _times_current(view: ArticleView) -> str:
    lab = LABELS[view.edition]
    out = []
    if view.published:
        out.append(f'<time datetime="{view.published.isoformat()}" itemprop="datePublished">'
                   f"{display_time(view.published)}</time>")
    if view.updated:
        out.append(f'<span class="updated">{lab["updated"]}: <time datetime="'
                   f'{view.updated.isoformat()}" itemprop="dateModified">'
                   f"{display_time(view.updated)}</time></span>")
    out.append(f'<span class="views">{lab["views"]} {view.views}</span>')
    return " ".join(out)


def _render_current(view: ArticleView) -> str:
    body = "\n".join(_block_html(b, view) for b in view.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{LABELS[view.edition]["lang"]}">\n{_head(view)}\n'
        f'<body class="post-template-default single single-post">\n{_nav(view.nav, view.edition)}\n'
        f'<div id="main" class="row">\n{_crumbs(view)}\n<div class="left_col">\n'
        f'<div class="arttop">\n<div class="post_title"><h1 class="title">{_t(view.title)}</h1></div>\n'
        f'<div class="info mbottom10">{_times_current(view)}</div>\n{_share(view, "top")}\n</div>\n'
        f"{_lead_image(view.lead_image)}\n"
        f'<div id="artbody" class="post_content" itemprop="articleBody">\n{body}\n</div>\n'
        f'{_share(view, "bottom")}\n{_tags_block(view)}\n'
        f'{_related_block(view, "related_news")}\n</div>\n'
        f"{_sidebar(view.sidebar, view.edition)}\n</div>\n"
        f'<div id="footer"><p>© 2000-{(view.published or datetime(2021, 1, 1)).year} '
        f'{LABELS[view.edition]["copyright"]}</p></div>\n</body>\n</html>\n'
    )


def _render_arttop2(view: ArticleView) -> str:
    """2013-2014 pages: title in div.arttop.arttop2, one 更新 time, tags beside it."""
    lab = LABELS[view.edition]
    body = "\n".join(_block_html(b, view) for b in view.blocks)
    when = view.updated or view.published
    time = (f'<time datetime="{when.isoformat()}">{lab["updated"]}: {display_time(when)}</time>'
            if when else "")
    tags = ", ".join(f'<a href="{_a(h)}">{_t(n)}</a>' for n, h in view.tags)
    tag_span = f'<span class="tags">{lab["tags"]}: {tags}</span>' if tags else ""
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lab["lang"]}">\n'
        f"{_head(view, http_equiv=True)}\n<body>\n{_nav(view.nav, view.edition)}\n"
        f'<div id="main" class="row">\n{_crumbs(view)}\n'
        f'<div class="arttop arttop2">\n<h1>{_t(view.title)}</h1>\n'
        f'<div class="mbottom10 large-12 medium-12 small-12 columns">{time} {tag_span}</div>\n'
        f"</div>\n{_share(view, 'top')}\n"
        f'<div id="artbody" class="column">\n<!-- article content begin -->\n{body}\n'
        f"<!-- article content end -->\n</div>\n{_related_block(view, 'related')}\n"
        f"{_sidebar(view.sidebar, view.edition)}\n</div>\n</body>\n</html>\n"
    )


def _render_titles(view: ArticleView) -> str:
    """2012 pages: table layout, title in div.titles, body only between the comment markers."""
    lab = LABELS[view.edition]
    body = "\n".join(_block_html(b, view) for b in view.blocks)
    when = view.updated or view.published
    related = "".join(f'<a href="{_a(h)}">{_t(t)}</a><br>' for h, t in view.related)
    related_block = (f'<div class="related"><b>{lab["related"]}</b><br>{related}</div>'
                     if related else "")
    sidebar = "".join(f'<a href="{_a(h)}">{_t(t)}</a><br>' for h, t in view.sidebar)
    return (
        f'<html lang="{lab["lang"]}">\n{_head(view, http_equiv=True)}\n<body>\n'
        f'<table class="main" width="980"><tr><td class="left" valign="top">\n{_crumbs(view)}\n'
        f'<div class="titles"><h1>{_t(view.title)}</h1></div>\n'
        f'<div class="artinfo">{lab["updated"]}: '
        f'{display_time(when, twelve_hour=False) if when else ""} '
        f'<span class="print">{lab["print"]}</span></div>\n'
        f'<div class="art-wrapper">\n<!-- article content begin -->\n{body}\n'
        f"<!-- article content end -->\n</div>\n{related_block}\n"
        f'</td><td class="right" valign="top"><div class="hot">{sidebar}</div></td></tr></table>\n'
        "</body>\n</html>\n"
    )


def render_list(view: ListView) -> str:
    lab = LABELS[view.edition]
    posts = []
    for item in view.items:
        img = (f'<div class="img"><a href="{_a(item.url)}"><img src="{_a(item.image)}" alt=""></a></div>'
               if item.image else "")
        posts.append(
            f'<div class="one_post">{img}<div class="text">'
            f'<div class="title"><a href="{_a(item.url)}">{_t(item.title)}</a></div>'
            f'<div class="excerpt">{_t(item.excerpt)}</div>'
            f'<div class="time">{_t(item.date)}</div></div></div>'
        )
    pager = []
    if view.page > 1:
        pager.append(f'<a class="prev page-numbers" href="{_a(view.page_urls[view.page - 2])}">'
                     f"« {lab['prev']}</a>")
    for n, u in enumerate(view.page_urls, start=1):
        if n == view.page:
            pager.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
        else:
            pager.append(f'<a class="page-numbers" href="{_a(u)}">{n}</a>')
    if view.page < len(view.page_urls):
        pager.append(f'<a class="next page-numbers" href="{_a(view.page_urls[view.page])}">'
                     f"{lab['next']} »</a>")
    title = f"{view.name} | {lab['site']}" + (f" - {view.page}" if view.page > 1 else "")
    return (
        f'<!DOCTYPE html>\n<html lang="{lab["lang"]}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_t(title)}</title>\n"
        f'<link rel="canonical" href="{_a(view.url)}">\n</head>\n<body class="archive category">\n'
        f"{_nav(view.nav, view.edition)}\n"
        f'<div id="main" class="row">\n<h1 class="cat_title">{_t(view.name)}</h1>\n'
        f'<div class="post_list left_col">\n' + "\n".join(posts) + "\n"
        f'<div class="pagination">{" ".join(pager)}</div>\n</div>\n'
        f"{_sidebar(view.sidebar, view.edition)}\n</div>\n</body>\n</html>\n"
    )


def render_feed(view: FeedView) -> str:
    lab = LABELS[view.edition]
    items = []
    for it in view.items:
        items.append(
            "<item>"
            f"<title>{_t(it.title)}</title>"
            f"<link>{_t(it.url)}</link>"
            f'<guid isPermaLink="true">{_t(it.url)}</guid>'
            f"<pubDate>{format_datetime(it.published)}</pubDate>"
            + (f"<category>{_t(it.category)}</category>" if it.category else "")
            + f"<description>{_t(it.description)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{_t(lab['feed_title'])}</title>\n<link>{BASE}/{view.edition}/</link>\n"
        f'<atom:link href="{_a(view.url)}" rel="self" type="application/rss+xml"/>\n'
        f"<language>{lab['lang']}</language>\n" + "\n".join(items) + "\n</channel>\n</rss>\n"
    )
