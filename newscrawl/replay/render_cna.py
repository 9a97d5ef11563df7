"""Render pages in the DOM structure of CNA 中央社 (www.cna.com.tw), current design (2019-).

Pure functions: data in, HTML text out. They serve newscrawl's bundled replay site, its parse
fixtures and the benchmark's generated sites. The markup follows what CNA served in 2023 (see
`../shared/pages/STRUCTURE_NOTES.md` when present): `div.centralContent` holding the breadcrumb,
`h1 > span`, `div.timeBox > div.updatetime > span`, share bars, the lead picture, then the FIRST
`div.paragraph` with the `<p>`s, `div.media` figures and inline links, the tags, the 延伸閱讀 block
(single-quoted attributes, as served), keyword blocks and the 聚焦新聞 box, followed by ad boxes,
the app-download box and a second `div.paragraph` with the copyright line. The page chrome
(menus, overlay, footer, scripts, styles) is newscrawl's own, much shorter than CNA's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from urllib.parse import quote
from zoneinfo import ZoneInfo

BASE = "https://www.cna.com.tw"
TAIPEI = ZoneInfo("Asia/Taipei")
IMG = "https://imgcdn.cna.com.tw/www"
COPYRIGHT = "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。"

# Category codes as used in CNA URLs, with the names its breadcrumbs show.
CATEGORY_NAMES = {
    "aall": "即時",
    "firstnews": "重點新聞",
    "aipl": "政治",
    "aopl": "國際",
    "acn": "兩岸",
    "afe": "產經",
    "aie": "產經",
    "asc": "證券",
    "ait": "科技",
    "ahel": "生活",
    "asoc": "社會",
    "aloc": "地方",
    "acul": "文化",
    "aspt": "運動",
    "amov": "娛樂",
}
MENU = ("aall", "aipl", "aopl", "acn", "afe", "ait", "ahel", "asoc", "aloc", "acul", "aspt",
        "amov")

Link = tuple[str, str]  # (absolute article URL, title)


@dataclass
class SiteArticle:
    key: str  # 12-digit id, yyyymmdd + serial
    category: str  # category code of the canonical URL
    title: str
    paragraphs: list[str]  # first holds the dateline, last ends with the credit and ROC date
    published: datetime  # aware
    updated: datetime | None = None
    image_src: str | None = None  # lead picture (div.fullPic)
    image_caption: str | None = None
    tags: list[str] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)  # 延伸閱讀
    topics: list[tuple[str, list[Link]]] = field(default_factory=list)  # keyword blocks
    inline: list[Link] = field(default_factory=list)  # div.insertGroup after the first <p>
    figures: list[tuple[str, str]] = field(default_factory=list)  # (src, caption) in the body
    # Trailing related links picked by CNA's tagger carry class 'moreArticle-link autoTag'.
    related_autotag: int = 0
    # False: no article:published_time/modified_time metas and no JSON-LD dates, so only the
    # updatetime spans date the page (as on some older pages).
    meta_times: bool = True
    charset: str = "utf-8"  # declared in <meta charset>; the caller encodes the text
    description: str | None = None  # defaults to the first paragraph without its dateline
    video: str | None = None  # an embedded player (div.media) placed before the paragraphs
    focus: list[Link] = field(default_factory=list)  # 聚焦新聞 carousel in div.bottomBox

    @property
    def url(self) -> str:
        return article_url(self.category, self.key)

    @property
    def path(self) -> str:
        return f"/news/{self.category}/{self.key}.aspx"

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)


def article_url(category: str, key: str) -> str:
    return f"{BASE}/news/{category}/{key}.aspx"


def roc_code(dt: datetime) -> str:
    """The ROC date code CNA puts after the closing credit: 2023-08-23 -> 1120823."""
    local = dt.astimezone(TAIPEI)
    return f"{local.year - 1911}{local:%m%d}"


# --- small helpers ------------------------------------------------------------------------


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def _ncr(text: str) -> str:
    """Numeric character references for non-ASCII, as CNA writes its data-title attributes."""
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in _a(text))


def _local(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("SiteArticle times must be timezone-aware")
    return dt.astimezone(TAIPEI)


def _iso(dt: datetime) -> str:
    return _local(dt).replace(second=0, microsecond=0).isoformat()


def _span_time(dt: datetime) -> str:
    d = _local(dt)
    return f"{d.year}/{d.month}/{d.day} {d:%H:%M}"


def _list_time(dt: datetime) -> str:
    return f"{_local(dt):%Y/%m/%d %H:%M}"


def _tag_id(tag: str) -> int:
    return 1000 + int(hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8], 16) % 40000


def _photo(src: str, size: str) -> str:
    """The same picture at another CNA width (800 for phones, 1024 for desktops)."""
    for width in ("/800/", "/1024/", "/400/"):
        if width in src:
            return src.replace(width, f"/{size}/", 1)
    return src


def _description(a: SiteArticle) -> str:
    if a.description is not None:
        return a.description
    first = a.paragraphs[0] if a.paragraphs else a.title
    if first.startswith("（中央社") and "）" in first:
        first = first.split("）", 1)[1]
    return first[:120]


SVG_DOT = ('<svg width="8" height="8" viewBox="0 0 8 8" fill="none" '
           'xmlns="http://www.w3.org/2000/svg"><circle cx="4" cy="4" r="3" fill="#004e98">'
           "</circle></svg>")
SVG_ICON = ('<svg width="20" height="20" viewBox="0 0 20 20" fill="none" '
            'xmlns="http://www.w3.org/2000/svg"><rect x="2" y="2" width="16" height="16" rx="3" '
            'fill="#232323"></rect></svg>')

STYLE = (
    "<style>.centralContent{float:left;overflow:hidden;position:relative}"
    ".breadcrumb{font-size:14px;color:#9c9c9c}.breadcrumb .blue{font-weight:600}"
    ".paragraph p{font-size:18px;line-height:1.9;margin-bottom:20px}"
    ".moreArticle-title{font-weight:600;color:#004e98}.advertiseBox{position:relative;"
    "margin:40px 0}.picinfo{font-size:14px;color:#555}"
    "@media screen and (max-width:1024px){.centralContent{float:none}}</style>"
)
HEAD_SCRIPT = (
    "<script>window.dataLayer = window.dataLayer || [];"
    "function gtag(){dataLayer.push(arguments);}gtag('js', new Date());"
    "var STATIC_DOC_VER = 'nc2024';</script>"
)
TAIL_SCRIPT = (
    "<script type='text/javascript'>var adSlots = document.querySelectorAll('.adslot_infinite');"
    "for (var i = 0; i < adSlots.length; i++) { adSlots[i].setAttribute('data-ready', 'Y'); }"
    "</script><script type=\"text/javascript\"> function loadPageCss() { var l = "
    "document.createElement('link'); l.rel = 'stylesheet'; l.href = '/css/site.css?v=' + "
    "STATIC_DOC_VER; document.head.appendChild(l); } window.addEventListener('load', "
    "loadPageCss);</script>"
)


def _head(title: str, description: str, url: str, charset: str, extra: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="zh-Hant-TW"><head><title>\n\t{_t(title)}\n</title>'
        f'<meta name="description" content="{_a(description)}" />'
        f'<link rel="icon" type="image/png" href="{IMG}/website/img/fav-icon.png?v=nc2024" />\n'
        f'<link href="{_a(url)}" rel="canonical" />\n'
        f"{extra}"
        f'<meta charset="{_a(charset)}" /><meta name="viewport" '
        'content="width=device-width, initial-scale=1.0, maximum-scale=5.0" />'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge" />'
    )


def _menu(recent: Sequence[Link]) -> str:
    """Top menu; the 即時 entry drops down the latest headlines (links outside the article)."""
    items = []
    for code in MENU:
        sub = ""
        if code == "aall" and recent:
            lis = "".join(f'<li><a class="_ellipsis_simple" href="{_a(u)}">{_t(t)}</a></li>'
                          for u, t in recent)
            sub = f'<div class="subBlock subHalf"><ul class="sub_menu">{lis}</ul></div>'
        items.append(f'<li ><a class="first-level" href="{BASE}/list/{code}.aspx">'
                     f"{CATEGORY_NAMES[code]}</a>{sub}</li>")
    return (
        '<div class="TopSection"><div class="aboveHeader"><div class="wrapper"><div class="logo">'
        f'<a href="/" aria-label="中央社首頁">{SVG_ICON}</a></div><div class="logoRightAD adslot '
        'jsADslot" id="div-gpt-ad-top" data-width="970" data-height="90" '
        'data-dfp="cna_all_pc_970x90_T"></div><div class="search"><a class="searchBtn submit" '
        f'href="javascript:" aria-label="全文檢索">{SVG_ICON}</a></div></div></div></div>'
        '<header class="menu sticky"><div class="wrapper"><div class="fixed-logo"><a '
        f'class="toIndex" href="/" aria-label="中央社首頁">{SVG_ICON}</a></div><ul '
        f'class="main-menu">{"".join(items)}</ul></div></header>'
    )


FOOTER = (
    '<footer class=""><div class="f-wrapper"><div class="f-col-group"><div class="f-col"><div '
    'class="f-title">關於中央社</div><a href="/about/info.aspx">本社簡介</a><a '
    'href="/about/privacy.aspx">隱私權聲明</a><a href="/about/contact.aspx">聯絡我們</a></div>'
    '<div class="f-col"><div class="f-title">產品與服務</div><a href="/about/rss.aspx">RSS</a>'
    '</div></div></div><div class="f-info"><div>copyright © 中央通訊社版權所有</div></div>'
    "</footer>"
)


def _share_bar(cls: str, a: SiteArticle) -> str:
    url = _a(a.url)
    return (
        f'<div class="{cls}"><div class="fbShareBox"><iframe data-src="https://www.facebook.com/'
        f'plugins/like.php?href={quote(a.url, safe="")}&amp;layout=box_count" title="fb like" '
        'width="45" '
        'height="65" style="border:none;overflow:hidden" scrolling="no" frameborder="0">'
        '</iframe></div><div class="toolBox"><a class="btn_fb fb-color" '
        f'data-href="{url}" aria-label="FB分享" href="javascript:">{SVG_ICON}</a><a '
        f'class="btn_line line-color" data-href="{url}" data-title="{_ncr(a.title)}" '
        f'aria-label="LINE分享" href="javascript:">{SVG_ICON}</a><a class="btn_copy copy-color '
        f'copy_tooltip" data-clipboard-text="{url}" aria-label="複製連結" href="javascript:">'
        f"{SVG_ICON}</a></div></div>"
    )


def _lead_picture(src: str, caption: str | None, alt: str) -> str:
    return (
        '<div class="fullPic"><div class="floatImg center"><div class="BGimgWrap" '
        'style="--aspect-ratio: 1200/800;"><picture><source media="(max-width: 414px)" '
        f'srcset="{_a(_photo(src, "800"))}"><source media="(min-width: 413px)" '
        f'srcset="{_a(_photo(src, "1024"))}"><img src="{_a(src)}" alt="{_a(alt)}" '
        f'srcset="{_a(_photo(src, "800"))} 414w, {_a(_photo(src, "1024"))} 1024w"></picture>'
        f'</div><div class="picinfo">{_t(caption or "")}</div></div></div>'
    )


def _body_figure(src: str, caption: str) -> str:
    # Lazy-loaded: the real URL sits in data-src, single-quoted as CNA serves it.
    return (
        "<div class='media'><div class='floatImg center'><div class='BGimgWrap' "
        "style='--aspect-ratio:1200/800;'><picture><source media='(max-width: 414px)' "
        f"data-srcset='{_a(_photo(src, '800'))}'><source media='(min-width: 413px)' "
        f"data-srcset='{_a(_photo(src, '1024'))}'><img class='lazyload' alt='{_a(caption)}' "
        f"data-src='{_a(src)}' data-srcset='{_a(_photo(src, '800'))} 414w, "
        f"{_a(_photo(src, '1024'))} 1024w'></picture></div><div class='picinfo'>{_t(caption)}"
        "</div></div></div>"
    )


def _inline_group(links: Sequence[Link]) -> str:
    inner = "".join(f"<div><a class='insert' href='{_a(u)}'>{SVG_ICON}<span>{_t(t)}</span></a>"
                    "</div>" for u, t in links)
    return f"<div class='media'><div class='insertGroup'>{inner}</div></div>"


def _video(src: str) -> str:
    return (
        "<div class='media'><div class='videoWrap'><iframe class='lazyload' "
        f"data-src='{_a(src)}' title='影片' width='560' height='315' frameborder='0' "
        "allowfullscreen></iframe></div></div>"
    )


def _tags(tags: Sequence[str]) -> str:
    inner = "".join(f"<div class='keywordTag'><a href='/tag/{_tag_id(t)}/'>#{_t(t)}</a></div>"
                    for t in tags)
    return f"<div class='articlekeywordGroup'>{inner}</div>"


def _related(a: SiteArticle) -> str:
    links = []
    auto_from = len(a.related) - a.related_autotag
    for i, (u, t) in enumerate(a.related):
        cls = "moreArticle-link autoTag" if i >= auto_from else "moreArticle-link"
        links.append(f"<a class='{cls}' href='{_a(u)}'>{SVG_DOT}<span>{_t(t)}</span></a>")
    return ("<div class='paragraph moreArticle'><div class='moreArticle-title'>延伸閱讀</div>"
            f"{''.join(links)}</div>")


def _topic(keyword: str, links: Sequence[Link]) -> str:
    inner = "".join(f"<a class='discursive' href='{_a(u)}'>{SVG_DOT}<span>{_t(t)}</span></a>"
                    for u, t in links)
    return ("<div class='paragraph moreArticle flexhalf'><div class='moreArticle-title "
            f"trailing'><span>{_t(keyword)}</span></div>{inner}</div>")


def _focus(links: Sequence[Link]) -> str:
    items = "".join(
        f"<div class='item topicItem'><a href='{_a(u)}'><div class='topNewsGroup'><div "
        f"class='picWrap'><img class='owl-lazy' data-src='{IMG}/webphotos/WebCover/420/"
        f"focus{i}.jpg' alt='{_a(t)}'></div><span>{_t(t)}</span></div></a></div>"
        for i, (u, t) in enumerate(links)
    )
    return ("<div class='paragraph bottomBox'><div class='topNewsTitle'><a "
            "href='/list/headlines.aspx'>聚焦新聞</a></div><div class='topNews'><div "
            "class='owl-carousel focus-carousel owl-theme' id='TopNews' style='display: none'>"
            f"{items}</div></div></div>")


def _json_ld(a: SiteArticle, images: list[str]) -> str:
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "about": _description(a),
        "url": a.url,
        "mainEntityOfPage": a.url,
        "articleSection": a.category_name,
    }
    if a.meta_times:
        article["dateModified"] = _iso(a.updated or a.published)
        article["datePublished"] = _iso(a.published)
    if images:
        article["thumbnailUrl"] = images[0]
        article["image"] = images
    org = {"@context": "https://schema.org", "@type": "Organization",
           "name": "中央通訊社 Central News Agency", "url": BASE}
    article["author"] = org
    article["publisher"] = org
    # CNA's keyword list really does end with the bogus value "NewsArticle".
    article["keywords"] = [*a.tags, "NewsArticle"]
    crumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1,
             "item": {"@type": "Thing", "@id": BASE, "name": "中央社 CNA"}},
            {"@type": "ListItem", "position": 2,
             "item": {"@type": "Thing", "@id": f"{BASE}/list/{a.category}.aspx",
                      "name": a.category_name}},
            {"@type": "ListItem", "position": 3,
             "item": {"@type": "Thing", "@id": a.url, "name": a.title}},
        ],
    }
    data = [article, org, crumbs]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"<script type='application/ld+json'>{text}</script>"


# --- pages ------------------------------------------------------------------------------


def render_article(a: SiteArticle) -> str:
    """An article page as CNA serves it (a str; encode it with `a.charset`)."""
    full_title = f"{a.title} | {a.category_name} | 中央社 CNA"
    desc = _description(a)
    images = [s for s in [a.image_src, *(src for src, _ in a.figures)] if s]
    metas = []
    if a.meta_times:
        metas.append(f'<meta property="article:modified_time" '
                     f'content="{_iso(a.updated or a.published)}" />\n')
        metas.append(f'<meta property="article:published_time" content="{_iso(a.published)}" />\n')
    if a.image_src:
        metas.append(f'<link href="{_a(a.image_src)}" rel="image_src" type="image/jpeg" />\n')
    metas.append('<meta property="author" content="中央通訊社" />\n')
    for prop, value in (("og:url", a.url), ("og:title", full_title), ("og:description", desc)):
        metas.append(f'<meta property="{prop}" content="{_a(value)}" />\n')
    if a.image_src:
        metas.append(f'<meta property="og:image" content="{_a(a.image_src)}" />\n')
    metas.append('<meta property="og:type" content="article" />\n')
    metas.append('<meta property="og:site_name" content="中央社 CNA" />\n')
    for tag in reversed(a.tags):  # CNA lists the tag metas in reverse page order
        metas.append(f'<meta property="article:tag" content="{_a(tag)}" />\n')
    head = (_head(full_title, desc, a.url, a.charset, "".join(metas)) + _json_ld(a, images)
            + STYLE + HEAD_SCRIPT + "</head>")

    spans = f"<span>{_span_time(a.published)}</span>"
    if a.updated is not None and a.updated != a.published:
        u = _local(a.updated)
        spans += f"<span>（{u.month}/{u.day} {u:%H:%M} 更新）</span>"

    body: list[str] = []
    if a.video:
        body.append(_video(a.video))
    figures = list(a.figures)
    # Figures go after every second paragraph, the rest at the end of the text.
    for i, text in enumerate(a.paragraphs):
        body.append(f"<p>{_t(text)}</p>")
        if i == 0 and a.inline:
            body.append(_inline_group(a.inline))
        if i % 2 == 1 and i < len(a.paragraphs) - 1 and figures:
            src, cap = figures.pop(0)
            body.append(_body_figure(src, cap))
    body.extend(_body_figure(src, cap) for src, cap in figures)
    if a.tags:
        body.append(_tags(a.tags))
    if a.related:
        body.append(_related(a))
    body.extend(_topic(kw, links) for kw, links in a.topics)
    body.append(_focus(a.focus))

    central = (
        '<div class="centralContent"><div class="breadcrumb"><a href="/">首頁</a> / '
        f'<a href="/list/{a.category}.aspx" class="blue">{_t(a.category_name)}</a></div>'
        f"<h1><span>{_t(a.title)}</span></h1>"
        f'<div class="timeBox"><div class="updatetime">{spans}</div></div>'
        + _share_bar("mbBtnGroup", a)
        + (_lead_picture(a.image_src, a.image_caption, a.image_caption or a.title)
           if a.image_src else "")
        + _share_bar("shareSide", a)
        + f'<div class="paragraph">{"".join(body)}</div>'
        '<div class="paragraph bottomArticleBanner show"><div class="pcBox adslot_infinite '
        'js_pcBox_EndAd2" id="adslot_pcBox_EndAd2" data-width="685" data-height="250" '
        'data-dfp="cna_article_685x250_end2"></div><div class="mbBox adslot_infinite '
        'js_mbBox_EndAd2" id="adslot_mbBox_EndAd2" data-width="300" data-height="250" '
        'data-dfp="cna_article_300x250_end2"></div></div>'
        '<div class="paragraph BtnShareGroup appDownload"><div class="flexBorder"><div '
        'class="apptitle">中央社「一手新聞」 app</div><div class="storeicon"><a class="jsIos ios" '
        'href="https://apps.apple.com/tw/app/id444433899" target="_blank" rel="noopener"><img '
        f'class="lazyload" data-src="{IMG}/website/img/appstore.svg" alt="iOS App下載" '
        'width="120" height="36"></a></div></div></div>'
        f'<div class="paragraph"><p>{COPYRIGHT}</p></div>'
        '<div class="paragraph articleADbox" data-enable-dfp="True"><div class="advertiseBox '
        'bottomADbox left adslot_infinite pcBox_ad js_pcBox_ad" id="adslot_bl" data-width="300" '
        'data-height="250" data-dfp="cna_all_article_300x250_BL"></div></div></div>'
    )
    aside = (
        '<div class="advertiseGroup "><div class="advertiseBox top_ad adslot_infinite js_top_ad" '
        'id="adslot_top" data-width="0" data-height="0" data-dfp="cna_article_300x250_RT">'
        '</div><div class="advertiseBox bottom_ad adslot_infinite js_bottom_ad" '
        'id="adslot_bottom" data-width="300" data-height="600" '
        'data-dfp="cna_article_300x600_RB"></div></div>'
    )
    article = (
        f'<div class="article-feed jsNewsTheme_article" data-category="{_a(a.category)}">'
        f'<article class="article" data-origin-type-name="{_a(a.category_name)}" '
        f"data-title=\"{_a(a.title)}\" data-canonical-url='{_a(a.url)}'><div class=\"wrapper\">"
        f'<div class="inner-padding">{central}{aside}</div></div></article></div>'
    )
    return (
        f'{head}<body class=""><noscript><iframe src="https://www.googletagmanager.com/ns.html'
        '?id=GTM-NC2024" height="0" width="0" style="display:none;visibility:hidden"></iframe>'
        f'</noscript><div class="page">{_menu(a.focus[:4])}<div class="scrollable" '
        'id="scrollable"><div class="container"><div class="page--index" '
        f'data-basename="index"><div class="pageContent">{article}</div></div></div></div>'
        f"{FOOTER}</div>{TAIL_SCRIPT}</body></html>"
    )


def render_list(category_code: str, articles: Sequence[SiteArticle]) -> str:
    """A /list/<category>.aspx page listing `articles` in the order given (newest first)."""
    name = CATEGORY_NAMES.get(category_code, category_code)
    url = f"{BASE}/list/{category_code}.aspx"
    items = []
    for i, a in enumerate(articles):
        pic = ""
        if a.image_src:
            pic = (f'<div class="wrap"><picture><img class="lazyload" '
                   f'data-src="{_a(_photo(a.image_src, "400"))}" alt="{_a(a.title)}"></picture>'
                   "</div>")
        items.append(f'<li><a href="{_a(a.url)}">{pic}<div class="listInfo"><h2><span>'
                     f'{_t(a.title)}</span></h2><div class="date">{_list_time(a.published)}'
                     "</div></div></a></li>")
        if i == 4:  # an ad slot among the items, as on the real list pages
            items.append('<li class="advertiseBox"><div class="adslot_infinite" '
                         'data-dfp="cna_list_300x250_M"></div></li>')
    head = _head(f"{name}新聞 | 中央社 CNA", f"中央社{name}新聞列表", url, "utf-8",
                 '<meta property="og:type" content="website" />\n') + STYLE + HEAD_SCRIPT
    main = (
        '<div class="centralContent"><div class="breadcrumb"><a href="/">首頁</a> / '
        f'<a href="/list/{category_code}.aspx" class="blue">{_t(name)}</a></div>'
        f'<h1 class="mainTitle"><span>{_t(name)}</span></h1><div class="statement">'
        f'<ul id="jsMainList" class="mainList imgModule">{"".join(items)}</ul>'
        '<div class="viewMore"><a id="SiteContent_uiViewMoreBtn" class="viewMore-btn" '
        'href="javascript:">看更多內容</a></div></div></div>'
    )
    recent = [(a.url, a.title) for a in articles[:4]]
    return (
        f'{head}</head><body class=""><div class="page">{_menu(recent)}<div class="scrollable">'
        f'<div class="container"><div class="page--list"><div class="wrapper">{main}</div></div>'
        f"</div></div>{FOOTER}</div>{TAIL_SCRIPT}</body></html>"
    )


def render_home(articles: Sequence[SiteArticle]) -> str:
    """The homepage: headlines and per-category boxes; not an article page."""
    url = f"{BASE}/"
    head = _head("中央社 CNA", "中央通訊社即時新聞", url, "utf-8",
                 '<meta property="og:type" content="website" />\n') + STYLE + HEAD_SCRIPT
    boxes = []
    for code in MENU[1:]:
        members = [a for a in articles if a.category == code][:5]
        if not members:
            continue
        lis = "".join(f'<li><a href="{_a(a.url)}"><span>{_t(a.title)}</span></a></li>'
                      for a in members)
        boxes.append(f'<div class="boxTitle"><a href="/list/{code}.aspx">'
                     f"{CATEGORY_NAMES[code]}</a></div><ul class=\"subList\">{lis}</ul>")
    top = "".join(f'<div class="item"><a href="{_a(a.url)}"><h2>{_t(a.title)}</h2></a></div>'
                  for a in articles[:6])
    recent = [(a.url, a.title) for a in articles[:4]]
    return (
        f'{head}</head><body class="index"><div class="page">{_menu(recent)}<div '
        f'class="scrollable"><div class="container"><div class="page--index"><div '
        f'class="mainIndex"><div class="owl-carousel" id="jsTopNews">{top}</div>'
        f'<div class="indexCategory">{"".join(boxes)}</div></div></div></div></div>{FOOTER}'
        f"</div>{TAIL_SCRIPT}</body></html>"
    )
