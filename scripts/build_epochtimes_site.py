#!/usr/bin/env python
"""Build the Epoch Times part of the bundled replay site and its parse fixtures.

    python scripts/build_epochtimes_site.py            # (re)write; identical bytes every run
    python scripts/build_epochtimes_site.py --check    # exit 1 if the committed files are stale
    python scripts/build_epochtimes_site.py --extract-texts ../shared
        # regenerate scripts/epochtimes_site_texts.py from the reference material

Writes
* newscrawl/replay/site/www.epochtimes.com/**: RECONSTRUCTED article pages in both editions
  (/b5/ traditional, /gb/ simplified), category list pages with pagers, the 24-hour feeds,
  robots.txt, _responses.json (a gb page served as GB2312 that holds GBK-only characters),
  _manifest.json (what a crawl must store) and README.md;
* tests/fixtures/pages/epochtimes/<case>/{body.html,headers.json,expected.json,info.json}.

Expected values come from the data below (the texts, bylines, links and times the pages are
rendered from), never from newscrawl's parser.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pprint
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sitefiles import sync  # noqa: E402

from newscrawl.replay.render_epochtimes import (  # noqa: E402
    ArticleView,
    Block,
    Crumb,
    FeedItem,
    FeedView,
    Figure,
    Inline,
    ListItem,
    ListView,
    render_article,
    render_feed,
    render_list,
)

HOST = "www.epochtimes.com"
BASE = f"https://{HOST}"
SITE = ROOT / "newscrawl" / "replay" / "site"
HOST_DIR = SITE / HOST
FIXTURES = ROOT / "tests" / "fixtures" / "pages" / "epochtimes"
TEXTS_MODULE = ROOT / "scripts" / "epochtimes_site_texts.py"
EASTERN = ZoneInfo("America/New_York")
MAX_HOPS = 2
MAX_LIST_PAGES = 5
EDITIONS = ("b5", "gb")
OTHER = {"b5": "gb", "gb": "b5"}

# The five list pages the spider starts from (codes from the site's menus), and the names shown.
CATEGORIES = {
    "nsc413": "大陸",
    "nsc412": "美國",
    "nsc418": "國際",
    "ncid1349361": "台灣",
    "ncid1349362": "香港",
}
# Breadcrumb names -> list page codes. The five real codes are the site's; the others are
# PLACEHOLDERS (ncid91000xx) because no real code for them was available.
CRUMB_CODES = {
    "國際要聞": "nsc418",
    "大陸新聞": "nsc413",
    "北美新聞": "nsc412",
    "台灣": "ncid1349361",
    "香港": "ncid1349362",
    "新聞": "ncid9100001",
    "科技新聞": "ncid9100002",
    "美國華人": "ncid9100003",
    "美國經濟": "ncid9100004",
    "中國人權": "ncid9100005",
    "中國經濟": "ncid9100006",
    "大陸政治": "ncid9100007",
}


# --- conversions ----------------------------------------------------------------------------

_CONVERTERS: dict[str, Any] = {}


def convert(text: str, to: str) -> str:
    """Mechanical conversion, as the site makes one edition from the other."""
    import opencc

    # s2tw: character conversion with Taiwan variants (為, 裡), no phrase rewriting, like the
    # site's b5 pages; s2twp would also swap vocabulary (軟件 -> 軟體), which the site does not.
    cfg = "s2tw" if to == "b5" else "t2s"
    if cfg not in _CONVERTERS:
        _CONVERTERS[cfg] = opencc.OpenCC(cfg)
    out: str = _CONVERTERS[cfg].convert(text)
    if to == "b5":
        # OpenCC writes 臺 and 鐘; the site's b5 edition prints 台灣, 台北 and the
        # reporter 鍾元 (as in its other articles).
        out = out.replace("臺灣", "台灣").replace("臺北", "台北").replace("鐘元", "鍾元")
    return out


def fullwidth(text: str) -> str:
    """Undo NFKC's folding of Chinese punctuation: ,:;()!? back to ，：；（）！？ (not in numbers)."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        in_number = prev.isdigit() and nxt.isdigit()
        in_url = bool(re.search(r"https?$|www\.\S*$", text[max(0, i - 40):i]))
        if ch == "," and not in_number:
            ch = "，"
        elif ch == ":" and not in_number and not in_url:
            ch = "："
        elif ch == ";":
            ch = "；"
        elif ch == "(":
            ch = "（"
        elif ch == ")":
            ch = "）"
        elif ch == "!":
            ch = "！"
        elif ch == "?" and not in_url:
            ch = "？"
        out.append(ch)
    return "".join(out)


def split_paragraphs(article: str) -> list[str]:
    """The reference text joins paragraphs with spaces: split after sentence-final punctuation."""
    # ... and at a space between two ideographs: Chinese text has none, so a subhead ended there
    parts = re.split(r"(?<=[。！？」』）])\s+(?=\S)|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])",
                     article.strip())
    return [p.strip() for p in parts if p.strip()]


# --- extraction of the reference material (run once; its output is committed) --------------

NO_HTML_CASES = (229, 141, 166, 164, 225, 218, 219, 224, 190, 191, 193, 204, 220, 7, 15, 19, 23,
                 25, 27, 55, 85, 87, 89, 0, 21, 136)
REFERENCE_FILE = "reference/002_8e906eae1ece1bf5.txt"
NO_HTML_FILE = "pages/_epochtimes_expected_parses_NO_HTML.json"


def _runs(el: Any) -> list[Any]:
    """Text runs of a mirror paragraph: its <ok href> elements are the page's <a> links."""
    runs: list[Any] = []
    if el.text and el.text.strip():
        runs.append(el.text.strip())
    for child in el:
        text = child.text_content().strip()
        href = child.get("href", "")
        if child.tag == "ok" and text:
            if "/tag/" in href:
                name = unquote(href.rsplit("/tag/", 1)[1].removesuffix(".html"))
                runs.append([text, "tag", name])
            else:
                runs.append([text, "href", href])
        if child.tail and child.tail.strip():
            runs.append(child.tail.strip())
    merged: list[Any] = []
    for run in runs:  # prettify split one text node around removed whitespace
        if isinstance(run, str) and merged and isinstance(merged[-1], str):
            merged[-1] += run
        else:
            merged.append(run)
    return merged


def extract_texts(shared: Path) -> str:
    import lxml.html

    cases = json.loads((shared / NO_HTML_FILE).read_text("utf-8"))["cases"]
    no_html = {}
    for i in NO_HTML_CASES:
        c = cases[i]
        key = re.search(r"/(n\d+)\.htm$", c["url"]).group(1)  # type: ignore[union-attr]
        no_html[key] = {
            "case": i,
            "url": c["url"],
            "title": fullwidth(c["title"]),
            "paragraphs": [fullwidth(p) for p in split_paragraphs(c["article"])],
            "category": c["category"],
            "reporter": c["reporter"],
        }
    raw = (shared / REFERENCE_FILE).read_text("utf-8")
    lead = lxml.html.fragment_fromstring(
        raw[raw.index("<div><img"):raw.index("<hr/>")], create_parent="div")
    img = lead.cssselect("img")[0]
    body = lxml.html.fragment_fromstring(
        raw[raw.index("<div><p>"):raw.index("</div>\n<hr/>\n手机上") + 6])
    blocks: list[Any] = []
    for child in body:
        if child.tag == "p":
            # <p><center></center></p>: the HTML parser closes the p before the center
            if not child.text_content().strip():
                blocks.append({"kind": "empty"})
                continue
            text = child.text_content().strip()
            if text.startswith("责任编辑"):
                blocks.append({"kind": "editor", "text": text.split("：", 1)[1].strip()})
            else:
                blocks.append({"kind": "p", "runs": _runs(child)})
        elif child.tag == "figure":
            fimg = child.cssselect("img")[0]
            blocks.append({
                "kind": "figure",
                "src": fimg.get("src"),
                "full": child.cssselect("ok")[0].get("href"),
                "alt": fimg.get("alt"),
                "id": int(child.get("id").split("_")[1]),
                "caption": _runs(child.cssselect("figcaption")[0]),
            })
    reference = {
        "key": "n12687349",
        "url": raw.split("原文地址（需翻墙访问）：", 1)[1].split()[0],
        "title": raw.split("\n", 1)[0].lstrip("# ").strip(),
        "lead_image": {"src": img.get("src"), "alt": img.get("alt"),
                       "caption": lead.cssselect("div.caption")[0].text_content().strip()},
        "blocks": blocks,
    }
    header = (
        '"""Texts for scripts/build_epochtimes_site.py (data only; regenerate with\n'
        "`python scripts/build_epochtimes_site.py --extract-texts ../shared`).\n\n"
        "NO_HTML: title and body of real Epoch Times articles as recorded in the test expectations\n"
        "of nail1021734/Taiwan_news_dataset (no HTML there; NFKC-normalised, reporter credits and\n"
        "boilerplate removed). Half-width ,:;()!? are turned back into full-width here and the\n"
        "text is split into paragraphs after sentence-final punctuation.\n\n"
        "REFERENCE: the article n12687349 of 2021-01-14 (gb edition) from a Markdown mirror of it:\n"
        "paragraphs with their tag links, the figure and caption, the lead picture, the editor.\n"
        '"""\n\nfrom __future__ import annotations\n\nfrom typing import Any\n\n'
    )
    return (header + "NO_HTML: dict[str, dict[str, Any]] = " + pprint.pformat(no_html, width=100)
            + "\n\nREFERENCE: dict[str, Any] = " + pprint.pformat(reference, width=100) + "\n")


# --- the site's articles ----------------------------------------------------------------------


@dataclass
class Spec:
    key: str
    role: str  # good | video | gbk | three_hops | missing
    layout: str = "current"
    credit: str | None = None  # the byline inside （）, traditional; None: no byline
    reporters: tuple[str, ...] = ()
    place: str | None = None
    tags: tuple[str, ...] = ()
    # (target key, "same" | "other"): edition of the link relative to the page's
    related: tuple[tuple[str, str], ...] = ()
    inline: tuple[tuple[str, str], ...] = ()  # (phrase to link, target key)
    image: bool = False
    extras: tuple[str, ...] = ()  # promo | ad | series | feed | url_line | empty


# Bylines: the dataset's reporter strings, written as Epoch Times leads; what the parser must
# find is spelled out here by hand.
SPECS = [
    Spec("n12687349", "good", tags=(), related=(("n13332627", "other"), ("n11733207", "same"),
                                                 ("n11750208", "same")),
         extras=("ad", "promo")),
    Spec("n13332627", "good", credit="大紀元記者鍾元台北報導", reporters=("鍾元",), place="台北",
         tags=("國防部", "台海"), related=(("n12687349", "other"), ("n11733207", "same")),
         image=True, extras=("ad",)),
    Spec("n11733207", "good", credit="大紀元綜合報導", tags=("政見會",),
         related=(("n11750208", "same"), ("n13332627", "same"))),
    Spec("n11750208", "good", tags=("台灣",), related=(("n12687349", "same"),)),
    Spec("n11730384", "video"),
    Spec("n11750092", "good", tags=("元旦大遊行",), related=(("n11759400", "same"),),
         extras=("feed",)),
    Spec("n11759400", "good", credit="大紀元綜合報導", tags=("民間記者會",),
         related=(("n11750092", "same"),)),
    Spec("n12478440", "good", credit="大紀元記者張北報導", reporters=("張北",),
         tags=("十堰", "低保"), related=(("n12536603", "same"), ("n11759265", "other")),
         image=True),
    Spec("n12536603", "good", tags=("恆大",), related=(("n12478440", "same"),)),
    Spec("n11759265", "good", tags=("中共",), related=(("n11759400", "same"),),
         extras=("series",)),
    Spec("n11199998", "good", credit="大紀元記者陳漢、凌雲報導", reporters=("陳漢", "凌雲"),
         tags=("林英",), related=(("n11201750", "same"), ("n11205994", "same"))),
    Spec("n11201750", "gbk", tags=("四·二五",), related=(("n11199998", "same"),)),
    Spec("n11205994", "good", credit="英文大紀元記者Nathan Su採訪報導", reporters=("Nathan Su",),
         tags=("川普",), related=(("n12371094", "same"),)),
    Spec("n11264816", "good", tags=("商務部", "石英檯面"), related=(("n12371094", "other"),)),
    Spec("n12371094", "good", credit="大紀元記者蘇靜好報導", reporters=("蘇靜好",),
         tags=("TikTok", "蓬佩奧"), related=(("n11264816", "same"), ("n11205994", "same")),
         image=True),
    Spec("n4048468", "good", credit="大紀元記者周成英國、馬千里報導", reporters=("周成", "馬千里"),
         place="英國", tags=("蘇格蘭",), related=(("n4048433", "same"), ("n4048455", "same"))),
    Spec("n4048455", "good", credit="大紀元記者李天韻、田佳貴報導", reporters=("李天韻", "田佳貴"),
         tags=("巴勒斯坦", "布拉格"), related=(("n4048468", "same"), ("n3763175", "same")),
         inline=(("捷克首都布拉格", "n4048433"),), extras=("ad", "promo")),
    Spec("n4048433", "good", credit="大紀元記者遊沛然日本東京報導", reporters=("遊沛然",),
         place="日本東京", tags=("東京",), related=(("n4048468", "same"),)),
    Spec("n4047176", "good", layout="arttop2", credit="大紀元記者辛民報導", reporters=("辛民",),
         tags=("緬甸", "政治犯"), related=(("n4046950", "same"), ("n4046025", "same")),
         extras=("url_line",)),
    Spec("n4046950", "good", layout="arttop2", credit="大紀元記者萬平報導", reporters=("萬平",),
         tags=("黎巴嫩",), related=(("n4047176", "same"), ("n4046000", "same")),
         extras=("url_line",)),
    Spec("n4046025", "good", layout="arttop2", credit="大紀元記者柳芳報導", reporters=("柳芳",),
         tags=("敘利亞",), related=(("n4040557", "same"),), extras=("url_line",)),
    Spec("n4040557", "good", credit="大紀元記者余平德國、賈南報導", reporters=("余平", "賈南"),
         place="德國", tags=("霍多爾科夫斯基",),
         related=(("n4034530", "same"), ("n3820892", "same"))),
    Spec("n4034530", "good", layout="arttop2", credit="大紀元記者李天韻編譯", reporters=("李天韻",),
         tags=("俄羅斯",), related=(("n4031411", "same"),), extras=("url_line",)),
    Spec("n4031411", "good", layout="arttop2", credit="大紀元記者馬穎慧、李緣綜合報導",
         reporters=("馬穎慧", "李緣"), tags=("泰國", "英祿"),
         related=(("n4034530", "same"), ("n3820892", "other")), extras=("url_line",)),
    Spec("n3820892", "good", credit="大紀元記者琮瑜荷蘭、李雲帆報導", reporters=("琮瑜", "李雲帆"),
         place="荷蘭", tags=("荷蘭",), related=(("n4040557", "same"),)),
    # the dataset's byline kept the simplified 多伦多 of the real b5 page
    Spec("n3763175", "good", layout="titles", credit="大紀元記者馮閱多伦多報導",
         reporters=("馮閱",), place="多伦多", related=(("n4043823", "same"),),
         extras=("url_line",)),
    Spec("n4043823", "three_hops", layout="arttop2", tags=("阿拉法特",),
         related=(("n3763175", "same"),), extras=("url_line",)),
    Spec("n4046000", "missing"),
]
BY_KEY = {s.key: s for s in SPECS}

# Start pages (b5 edition; gb mirrors them): category -> pages -> keys. The feed lists the
# reference article through its other-edition URL.
LISTS = {
    "nsc413": [["n12687349", "n12478440", "n12536603"], ["n11759265"]],
    "nsc412": [["n11199998", "n11201750", "n11205994"], ["n11264816"]],
    "nsc418": [["n4048468", "n4048455", "n4048433"], ["n4047176", "n4046950", "n4046025"],
               ["n4040557", "n4034530", "n4031411"]],
    "ncid1349361": [["n13332627", "n11730384", "n11750208"], ["n12687349"]],
    "ncid1349362": [["n11759400"], ["n11750092"]],
}
FEED = [("n12687349", "other"), ("n13332627", "same"), ("n12536603", "same"),
        ("n12478440", "same")]
POPULAR = ["n4043823", "n12687349"]  # sidebar on every page: never a related link
# Missing article (deleted on the site): only its URL exists, in a related block.
MISSING_URL_DATE = (13, 12, 30)


def parse_url(url: str) -> tuple[int, int, int]:
    m = re.search(r"/(\d+)/(\d+)/(\d+)/n\d+\.htm$", url)
    assert m, url
    return int(m[1]), int(m[2]), int(m[3])


def article_url(ed: str, ymd: tuple[int, int, int], key: str) -> str:
    return f"{BASE}/{ed}/{ymd[0]}/{ymd[1]}/{ymd[2]}/{key}.htm"


def tag_url(ed: str, name: str) -> str:
    return f"{BASE}/{ed}/tag/{quote(name)}.html"


def list_url(ed: str, code: str, page: int) -> str:
    return f"{BASE}/{ed}/{code}{'_' + str(page) if page > 1 else ''}.htm"


@dataclass
class Source:
    """An article's texts in its original script, before any edition is made."""

    key: str
    ymd: tuple[int, int, int]
    script_ed: str  # edition the texts are written in: gb for the reference, b5 for NO_HTML
    title: str
    stamp: str
    credit: str | None
    blocks: list[dict[str, Any]]  # kind p (runs) | figure | editor | empty
    crumbs: list[str]
    lead_image: dict[str, Any] | None = None
    case: int | None = None
    texts: dict[str, Any] = field(default_factory=dict)


def load_sources() -> dict[str, Source]:
    from epochtimes_site_texts import NO_HTML, REFERENCE

    out: dict[str, Source] = {}
    ref = REFERENCE
    ymd = parse_url(ref["url"])
    first = ref["blocks"][0]["runs"]
    # the mirror's first paragraph opens with the stamp and byline: keep them as the lead
    m = re.match(r"^(【[^】]+】)（([^）]+)）", first[0])
    assert m, first[0]
    blocks = [dict(b) for b in ref["blocks"]]
    blocks[0] = {"kind": "p", "runs": [first[0][m.end():], *first[1:]]}
    out[ref["key"]] = Source(ref["key"], ymd, "gb", ref["title"], m[1], m[2], blocks,
                             ["新闻", "大陆新闻"], lead_image=ref["lead_image"])
    for key, c in NO_HTML.items():
        spec = BY_KEY[key]
        ymd = parse_url(c["url"])
        y = 2000 + ymd[0]
        stamp = f"【大紀元{y}年{ymd[1]:02d}月{ymd[2]:02d}日訊】"
        crumbs = ["新聞", *(c["category"] or "國際要聞").split(",")]
        paragraphs = [] if spec.role == "video" else c["paragraphs"]
        out[key] = Source(key, ymd, "b5", c["title"], stamp, spec.credit,
                          [{"kind": "p", "runs": [p]} for p in paragraphs], crumbs, case=c["case"])
    return out


def local_times(key: str, ymd: tuple[int, int, int]) -> tuple[datetime, datetime | None]:
    n = int(key[1:])
    pub = datetime(2000 + ymd[0], ymd[1], ymd[2], 5 + n % 17, n % 60, (n // 7) % 60,
                   tzinfo=EASTERN)
    upd = pub + timedelta(minutes=20 + n % 90) if n % 3 == 0 else None
    return pub, upd


@dataclass
class Built:
    """One edition of one article: its view and what a parser must make of it."""

    view: ArticleView
    expected: dict[str, Any]


def link_runs(text: str, phrases: list[tuple[str, str]]) -> list[Any]:
    """Split `text` so that the first occurrence of each phrase becomes a link run."""
    runs: list[Any] = [text]
    for phrase, href in phrases:
        for i, run in enumerate(runs):
            if isinstance(run, str) and phrase in run:
                before, _, after = run.partition(phrase)
                runs[i:i + 1] = [r for r in (before, (phrase, href), after) if r]
                break
    return runs


def build_article(src: Source, ed: str, sources: dict[str, Source]) -> Built:
    spec = BY_KEY[src.key]
    def in_ed(text: str, written_in: str) -> str:
        return text if written_in == ed else convert(text, ed)

    def conv(text: str) -> str:
        return in_ed(text, src.script_ed)

    url = article_url(ed, src.ymd, src.key)
    pub, upd = local_times(src.key, src.ymd)
    title = conv(src.title)
    tag_names = [conv(t) for t in spec.tags]

    def ref_url(key: str, mode: str) -> str:
        target_ed = ed if mode == "same" else OTHER[ed]
        if key in sources:
            return article_url(target_ed, sources[key].ymd, key)
        return article_url(target_ed, MISSING_URL_DATE, key)

    def title_of(key: str) -> str:
        # the deleted article's block entry shows a generic label
        if key in sources:
            return in_ed(sources[key].title, sources[key].script_ed)
        return in_ed("相關報導", "b5")

    # body blocks, runs converted; tag words linked at their first occurrence after the lead
    blocks: list[Block] = []
    texts: list[str] = []  # expected body paragraphs
    tag_links: dict[str, str] = {}  # name -> anchor, in page order
    inline_links: list[tuple[str, str, str]] = []  # (url, key, anchor)
    phrases = [(t, tag_url(ed, t)) for t in tag_names]
    phrases += [(conv(p), ref_url(k, "same")) for p, k in spec.inline]
    lead = conv(src.stamp + (f"（{src.credit}）" if src.credit else ""))
    linked: set[str] = set()
    for i, b in enumerate(src.blocks):
        if b["kind"] == "p":
            runs: list[Inline] = []
            for r in b["runs"]:
                if isinstance(r, str):
                    todo = [(p, h) for p, h in phrases if p not in linked]
                    for part in link_runs(conv(r), todo):
                        runs.append(part if isinstance(part, str) else (part[0], part[1]))
                        if not isinstance(part, str):
                            linked.add(part[0])
                else:
                    name = conv(r[2]) if r[1] == "tag" else ""
                    href = tag_url(ed, name) if r[1] == "tag" else r[2]
                    runs.append((conv(r[0]), href))
            if i == 0 and lead:
                runs.insert(0, lead)
            plain = "".join(r if isinstance(r, str) else r[0] for r in runs)
            # a short line without sentence punctuation is a subhead: the site sets it as h2
            heading = (src.case is not None and i > 0 and len(plain) <= 24
                       and not re.search(r"[。！？：，；」）…]$", plain))
            blocks.append(Block("h2" if heading else "p", tuple(runs)))
            texts.append("".join(r if isinstance(r, str) else r[0] for r in runs))
            for r in runs:
                if isinstance(r, tuple):
                    if "/tag/" in r[1]:
                        tag_links.setdefault(unquote(r[1].rsplit("/", 1)[1][:-5]), r[0])
                    else:
                        hit = re.search(r"/(n\d+)\.htm$", r[1])
                        if (hit and hit[1] != src.key
                                and hit[1] not in {x[1] for x in inline_links}):
                            inline_links.append((r[1], hit[1], r[0]))
        elif b["kind"] == "figure":
            cap: list[Inline] = []
            for r in b["caption"]:
                if isinstance(r, str):
                    cap.append(conv(r))
                else:
                    name = conv(r[2])
                    cap.append((conv(r[0]), tag_url(ed, name)))
                    tag_links.setdefault(name, conv(r[0]))
            blocks.append(Block("figure", figure=Figure(
                src=b["src"], alt=conv(b["alt"]), caption=tuple(cap), full=b["full"],
                attachment_id=b["id"])))
        elif b["kind"] == "editor":
            blocks.append(Block("editor", text=conv(b["text"])))
        elif b["kind"] == "empty":
            blocks.append(Block("empty"))
        if i == 1 and "ad" in spec.extras:
            blocks.append(Block("ad"))
    if "series" in spec.extras:
        blocks.append(Block("series", text=in_ed("新年展望", "b5")))
    if "promo" in spec.extras:
        blocks.append(Block("promo"))
    if "feed" in spec.extras:
        blocks.append(Block("feed", links=tuple(
            (ref_url(k, "same"), title_of(k)) for k in ("n11759400", "n12687349"))))
    if "url_line" in spec.extras:
        blocks.append(Block("url_line", text=url.replace("https://", "http://")))
    if spec.role == "video":
        blocks = [Block("video"), Block("empty")]
        texts = []
    # the tags block lists the spec's tags and any tag linked in the reference text
    tags_block = tuple((t, tag_url(ed, t)) for t in dict.fromkeys([*tag_names, *tag_links]))
    if spec.layout == "arttop2":
        # the tags sit beside the title, before the body: page order puts them first
        order = {t: t for t in tag_names}
        order.update(tag_links)
        tag_links = order
    else:
        for t in tag_names:
            tag_links.setdefault(t, t)

    related = tuple((ref_url(k, mode), title_of(k)) for k, mode in spec.related)
    lead_image: Figure | None = None
    if src.lead_image:
        li = src.lead_image
        lead_image = Figure(src=li["src"], alt=conv(li["alt"]), caption=(conv(li["caption"]),),
                            full=li["src"].replace("-600x400", ""))
    elif spec.image:
        lead_image = Figure(
            src=f"https://i.epochtimes.com/assets/uploads/reconstructed/{src.key}-600x400.jpg",
            alt=title)
    def crumb_code(name: str) -> str:
        return CRUMB_CODES[name if src.script_ed == "b5" else convert(name, "b5")]

    crumbs = tuple(Crumb(conv(c), list_url(ed, crumb_code(c), 1)) for c in src.crumbs)
    nav = tuple((list_url(ed, code, 1), in_ed(name, "b5")) for code, name in CATEGORIES.items())
    sidebar = tuple((ref_url(k, "same"), title_of(k)) for k in POPULAR if k != src.key)
    view = ArticleView(
        edition=ed, key=src.key, url=url,
        alternates={e: article_url(e, src.ymd, src.key) for e in EDITIONS},
        title=title, crumbs=crumbs, layout=spec.layout, blocks=tuple(blocks),
        published=pub, updated=upd if spec.layout == "current" else None,
        tags=tags_block, related=related, lead_image=lead_image, nav=nav, sidebar=sidebar,
        charset="gb2312" if (spec.role == "gbk" and ed == "gb") else "utf-8",
        views=int(src.key[1:]) % 9000 + 100,
    )

    # what the parser must find
    if spec.layout == "current":
        exp_pub, exp_upd = pub, upd or pub
    elif spec.layout == "arttop2":
        exp_pub = exp_upd = pub  # one time, labelled 更新
    else:
        exp_pub = exp_upd = pub.replace(second=0)  # printed to the minute
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for k, mode in spec.related:
        if k not in seen:
            links.append({"url": ref_url(k, mode), "source": "epochtimes", "key": k,
                          "anchor": title_of(k), "kind": "related", "position": len(seen)})
            seen.add(k)
    for pos, (u, k, anchor) in enumerate(inline_links):
        links.append({"url": u, "source": "epochtimes", "key": k, "anchor": anchor,
                      "kind": "inline", "position": pos})
    for pos, (name, anchor) in enumerate(tag_links.items()):
        links.append({"url": tag_url(ed, name), "source": "epochtimes", "key": f"tag/{name}",
                      "anchor": anchor, "kind": "tag", "position": pos})
    credits = [{"role": "editor", "name": conv(b["text"])} for b in src.blocks
               if b["kind"] == "editor"]
    expected = {
        "title": title,
        "key": src.key,
        "url": url,
        "script": "hant" if ed == "b5" else "hans",
        "category_code": crumb_code(src.crumbs[-1]),
        "category_name": conv(src.crumbs[-1]),
        "published_at": exp_pub.astimezone(UTC).isoformat(),
        "updated_at": exp_upd.astimezone(UTC).isoformat(),
        "reporters": [conv(r) for r in spec.reporters] if spec.key != "n12687349" else [
            conv("钟元")],
        "dateline_place": (conv(spec.place) if spec.place else None) if spec.key != "n12687349"
        else "台北",
        "credits": credits,
        "tags": list(tag_links),
        "lead_image_url": lead_image.src if lead_image else None,
        "lead_image_caption": (lead_image.caption[0] if lead_image and lead_image.caption
                               else None),
        "body_text": "\n\n".join(texts),
        "links": links,
    }
    return Built(view, expected)


# --- the site ---------------------------------------------------------------------------------


def crawl_plan(sources: dict[str, Source]) -> dict[str, int]:
    """Hops at which a crawl from the lists and the feed reaches each article id."""
    depth: dict[str, int] = {}
    frontier = []
    for pages in LISTS.values():
        for keys in pages[:MAX_LIST_PAGES]:
            frontier += keys
    frontier += [k for k, _ in FEED]
    for k in frontier:
        depth[k] = 1
    hop = 1
    current = list(dict.fromkeys(frontier))
    while current and hop < MAX_HOPS:
        nxt = []
        for k in current:
            spec = BY_KEY[k]
            if spec.role not in ("good", "gbk"):
                continue
            for target, _ in [*spec.related, *((t, "same") for _, t in spec.inline)]:
                if target not in depth:
                    depth[target] = hop + 1
                    nxt.append(target)
        current, hop = nxt, hop + 1
    return depth


def dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def build(out: dict[Path, bytes]) -> None:
    sources = load_sources()
    files: dict[str, bytes] = {}
    built: dict[tuple[str, str], Built] = {}
    for key, src in sources.items():
        for ed in EDITIONS:
            b = build_article(src, ed, sources)
            built[(key, ed)] = b
            html = render_article(b.view)
            path = b.view.url.removeprefix(BASE)
            if b.view.charset == "gb2312":
                # GB2312 declared, GBK bytes (镕 is not in GB2312); anything beyond GBK as an NCR
                files[path] = html.encode("gbk", errors="xmlcharrefreplace")
            else:
                files[path] = html.encode("utf-8")

    # lists and feeds
    for ed in EDITIONS:
        def conv(text: str, ed: str = ed) -> str:
            return text if ed == "b5" else convert(text, "gb")

        nav = tuple((list_url(ed, c, 1), conv(n)) for c, n in CATEGORIES.items())
        sidebar = tuple((built[(k, ed)].view.url, built[(k, ed)].view.title) for k in POPULAR)
        for code, pages in LISTS.items():
            urls = tuple(list_url(ed, code, n) for n in range(1, len(pages) + 1))
            for n, keys in enumerate(pages, start=1):
                items = []
                for k in keys:
                    v = built[(k, ed)].view
                    body = built[(k, ed)].expected["body_text"]
                    excerpt = body.split("\n\n")[0][:60] + "…" if body else ""
                    items.append(ListItem(v.url, v.title, excerpt,
                                          f"{v.published:%Y-%m-%d}" if v.published else ""))
                view = ListView(ed, urls[n - 1], conv(CATEGORIES[code]), n, urls, tuple(items),
                                nav, sidebar)
                files[urls[n - 1].removeprefix(BASE)] = render_list(view).encode("utf-8")
        feed_items = []
        for k, mode in FEED:
            # entries are written in the feed's edition; some link the other edition's page
            v = built[(k, ed)].view
            url = built[(k, OTHER[ed])].view.url if mode == "other" else v.url
            assert v.published
            feed_items.append(FeedItem(url, v.title, v.published.astimezone(UTC),
                                       v.crumbs[-1].name,
                                       built[(k, ed)].expected["body_text"][:80]))
        feed = FeedView(ed, f"{BASE}/{ed}/n24hr.xml", tuple(feed_items))
        files[f"/{ed}/n24hr.xml"] = render_feed(feed).encode("utf-8")
    files["/robots.txt"] = (
        b"# newscrawl's bundled test site (not The Epoch Times' robots.txt)\n"
        b"User-agent: *\nDisallow: /wp-admin/\nDisallow: /search/\n"
    )
    gbk = next(s for s in SPECS if s.role == "gbk")
    gbk_path = built[(gbk.key, "gb")].view.url.removeprefix(BASE)
    responses = {gbk_path: {"headers": {"Content-Type": "text/html; charset=gb2312"}}}

    # checks on the bytes we are about to write
    gbk_html = files[gbk_path].decode("gb18030")
    assert "镕" in gbk_html, "the GBK page must hold a GBK-only character"
    try:
        gbk_html.encode("gb2312")
    except UnicodeEncodeError:
        pass
    else:
        raise AssertionError("the GBK page must not be valid GB2312")

    # manifest: what crawls in either edition must store (both editions share one plan)
    depth = crawl_plan(sources)
    manifest_articles: dict[str, Any] = {}
    not_stored: dict[str, Any] = {}
    edges: dict[str, list[dict[str, Any]]] = {ed: [] for ed in EDITIONS}
    for key, hop in sorted(depth.items()):
        spec = BY_KEY[key]
        if spec.role in ("good", "gbk"):
            entry: dict[str, Any] = {"hop": hop, "role": spec.role, "layout": spec.layout}
            for ed in EDITIONS:
                exp = built[(key, ed)].expected
                entry[ed] = {k: exp[k] for k in ("url", "title", "script", "category_code",
                                                 "published_at", "updated_at", "reporters")}
                entry[ed]["body_text_sha256"] = hashlib.sha256(
                    exp["body_text"].encode()).hexdigest()
                edges[ed] += [{"from": key, "kind": e["kind"], "position": e["position"],
                               "to_key": e["key"], "url": e["url"], "anchor": e["anchor"]}
                              for e in exp["links"]]
            manifest_articles[key] = entry
        else:
            not_stored[key] = {"hop": hop, "role": spec.role,
                               "stat": {"video": "newscrawl/pages/no_body",
                                        "missing": "newscrawl/errors/http_404"}.get(spec.role)}
    for spec in SPECS:
        if spec.key not in depth:
            not_stored[spec.key] = {"hop": None, "role": spec.role, "stat": None}
    stats: dict[str, int] = {}
    for v in not_stored.values():
        if v["stat"]:
            stats[v["stat"]] = stats.get(v["stat"], 0) + 1
    manifest = {
        "about": "Written by scripts/build_epochtimes_site.py: what `scrapy crawl epochtimes` "
                 "(feed and the five categories, either edition) with NEWSCRAWL_MAX_HOPS=2 must "
                 "store. `articles` are the stored rows (one per id, both editions' URLs); "
                 "`edges` all their links, per edition crawled; `not_stored` pages that must not "
                 "become "
                 "rows; `stats` exact counts the bad inputs produce.",
        "max_hops": MAX_HOPS,
        "start_urls": {ed: [f"{BASE}/{ed}/n24hr.xml", *(list_url(ed, c, 1) for c in LISTS)]
                       for ed in EDITIONS},
        "articles": manifest_articles,
        "edges": edges,
        "not_stored": not_stored,
        "stats": stats,
        "gbk": {"key": gbk.key, "url": BASE + gbk_path, "declared": "gb2312",
                "gbk_only_chars": sorted({c for c in gbk_html if _gbk_only(c)})},
        "mixed_edition_links": sorted(
            {k for s in SPECS for k, mode in s.related if mode == "other"}
            | {k for k, mode in FEED if mode == "other"}),
        "never_requested": sorted(k for k, v in not_stored.items() if v["hop"] is None),
        # distinct stored pages per layout (a page fetched again on a shorter path counts again)
        "layouts": {lay: sum(1 for a in manifest_articles.values() if a["layout"] == lay)
                    for lay in sorted({a["layout"] for a in manifest_articles.values()})},
    }
    for path, data in files.items():
        out[HOST_DIR / path.lstrip("/")] = data
    out[HOST_DIR / "_responses.json"] = dump(responses)
    out[HOST_DIR / "_manifest.json"] = dump(manifest)
    out[HOST_DIR / "README.md"] = readme(manifest, sources).encode("utf-8")

    # fixtures
    for case, (key, ed, how) in FIXTURE_CASES.items():
        b = built[(key, ed)]
        body = files[b.view.url.removeprefix(BASE)]
        content_type = "text/html; charset=gb2312" if b.view.charset == "gb2312" else \
            "text/html; charset=utf-8"
        expected: dict[str, Any] = dict(b.expected)
        if how == "truncated":
            body = body[: len(body) // 2]
            expected = {"not_article": "truncated"}
        elif BY_KEY[key].role == "video":
            expected = {"not_article": "no_body"}
        d = FIXTURES / case
        out[d / "body.html"] = body
        out[d / "headers.json"] = dump({"url": b.view.url, "status": 200,
                                        "headers": {"Content-Type": content_type}})
        out[d / "expected.json"] = dump(expected)
        out[d / "info.json"] = dump({"label": "reconstructed", "from": fixture_from(key, how)})


def _gbk_only(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            return False
        return True
    return False


FIXTURE_CASES = {
    "reference_gb": ("n12687349", "gb", ""),
    "reference_b5": ("n12687349", "b5", ""),
    "old_arttop2_layout": ("n4031411", "b5", ""),
    "old_titles_layout_comment_markers": ("n3763175", "b5", ""),
    "gb2312_declared_gbk_chars": ("n11201750", "gb", ""),
    "video_no_body": ("n11730384", "b5", ""),
    "truncated": ("n4034530", "b5", "truncated"),
    "inline_and_mixed_links": ("n4048455", "b5", ""),
    "latin_byline": ("n11205994", "b5", ""),
    "gb_byline_place": ("n4048433", "gb", ""),
}


def fixture_from(key: str, how: str) -> str:
    src = ("the reference copy of Epoch Times article n12687349 (2021-01-14, gb), a Markdown mirror "
           "with its body, tag links, figure, caption and editor" if key == "n12687349" else
           f"title and text of Epoch Times article {key} from nail1021734/Taiwan_news_dataset's "
           "test expectations (no HTML); byline, tags, links and times are newscrawl's")
    layout = BY_KEY[key].layout
    return (f"{src}; page rendered by newscrawl/replay/render_epochtimes.py in the {layout} layout"
            + (", cut in half" if how == "truncated" else "")
            + " (scripts/build_epochtimes_site.py)")


def readme(manifest: dict[str, Any], sources: dict[str, Source]) -> str:
    stored = manifest["articles"]
    return f"""# www.epochtimes.com: RECONSTRUCTED pages

Generated by `scripts/build_epochtimes_site.py` (do not edit by hand; re-run the script, which
rewrites these files byte for byte and also writes `tests/fixtures/pages/epochtimes/`).

**No real Epoch Times article HTML was available.** Every page here is newscrawl's own,
written in the structure public Epoch Times crawlers rely on (`h1.title`, `div.info time`,
`div#breadcrumb > a`, `div#artbody > p, h2` with WordPress `figure.wp-caption` figures, the
2013-2014 `div.arttop.arttop2 h1` and 2012 `div.titles h1` layouts with the
`<!-- article content begin/end -->` markers, list pages
`div.post_list.left_col > div.one_post div.text > div.title > a` with `a.page-numbers` pagers,
and the 24-hour RSS feed). The chrome (menus, share bars, ads, sidebar, footer), the related
blocks (`div.related_news` / `div.related`) and the link graph are invented for the tests.

## Where the texts come from

* `/gb/21/1/14/n12687349.htm`: the real text of article n12687349 (2021-01-14, 蔡英文与美驻联大使
  视讯：盼台湾加入联合国) from a Markdown mirror of the gb edition: its paragraphs, tag links,
  figure with caption, lead picture with caption and 责任编辑：叶紫微. Its b5 page is OpenCC
  `s2tw` of it (characters with Taiwan variants, no phrase rewriting), with 臺灣/臺北 written
  台灣/台北 and 鐘元 written 鍾元, as the site's b5 edition prints them.
  Its publication time is ours.
* The other {len(sources) - 1} ids (one is the video page, which keeps only its title): title and
  body text of real Epoch Times articles as recorded in nail1021734/Taiwan_news_dataset's test
  expectations (no HTML there; NFKC-normalised, with bylines and boilerplate removed). Their
  half-width `,:;()!?` are turned back into full-width and paragraphs are split after
  sentence-final punctuation. The b5 page carries that text; the
  gb page is OpenCC `t2s` of it (the site converts mechanically). Bylines are rebuilt from the
  dataset's reporter field; tags, related blocks, in-body links, promos, pictures (URLs under
  `/assets/uploads/reconstructed/`) and times are ours.
* Category codes nsc413 大陸, nsc412 美國, nsc418 國際, ncid1349361 台灣 and ncid1349362 香港 are the
  site's; breadcrumb codes `ncid91000xx` are placeholders.

## Crawls

From the feed `/<edition>/n24hr.xml` and the five category lists (two or three pages each), with
NEWSCRAWL_MAX_HOPS=2, a crawl in either edition stores {len(stored)} articles (see
`_manifest.json`). Related blocks form cycles (n13332627 ⇄ n12687349, n11750092 ⇄ n11759400,
n4048468 ⇄ n4048433) and mix editions: a b5 page links some articles by their gb URL (and the gb
page by the b5 URL), and the b5 feed lists n12687349 by its gb URL, so an article is reached
under both editions and must still be one row. The sidebar's popular list is not a related block.

## Pages that test something

| path | what it tests |
|---|---|
| `/gb/19/4/21/n11201750.htm` | served and declared as GB2312 but holds GBK-only characters (镕); `_responses.json` sets the header |
| `/b5/19/12/18/n11730384.htm` (and gb) | video page: title, player, no text: not an article (`no_body`) |
| `/b5/13/12/30/n4046000.htm` | linked from n4046950's related block, absent: a 404 |
| `/b5/12/12/28/n3763175.htm` (and gb) | 2012 layout: `div.titles h1`, 24-hour time as text, body only between the comment markers; reached at hop 2 |
| `/b5/13/12/26/n4043823.htm` (and gb) | linked only from n3763175 (hop 3) and from every sidebar: never requested |
| arttop2 pages (n4047176, n4046950, n4046025, n4034530, n4031411) | 2013 layout: `div.arttop.arttop2 h1`, one 更新 time, tags beside the title, 本文網址 line |
"""


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk; exit 1 if they differ")
    parser.add_argument("--extract-texts", metavar="SHARED", type=Path,
                        help="regenerate scripts/epochtimes_site_texts.py from SHARED")
    args = parser.parse_args()
    if args.extract_texts:
        TEXTS_MODULE.write_text(extract_texts(args.extract_texts), "utf-8")
        print(f"wrote {TEXTS_MODULE.relative_to(ROOT)}")
        return 0
    out: dict[Path, bytes] = {}
    build(out)
    return sync(out, (HOST_DIR, FIXTURES), ROOT, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
