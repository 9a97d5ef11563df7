"""The Epoch Times 大紀元: URL rules, pure text parsers, page classes, spider arguments, and the
bundled pages' text against the reference expectations in ../shared/pages."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.items import INLINE, Credit
from newscrawl.pages import page_classes, source_for_url
from newscrawl.pages.base import NotAnArticle
from newscrawl.pages.epochtimes import (
    CATEGORIES,
    EpochTimes,
    EpochTimesArticlePage,
    EpochTimesListPage,
)
from newscrawl.pages.epochtimes_text import (
    is_boilerplate,
    is_place,
    parse_author_line,
    parse_lead,
    parse_local_time,
    parse_time_attr,
    split_editor,
    split_name_place,
    tag_name,
)
from newscrawl.pipelines.clean import clean_article
from newscrawl.replay import BUNDLED_SITE
from newscrawl.spiders.epochtimes import EpochTimesSpider

SITE = BUNDLED_SITE / "www.epochtimes.com"
MANIFEST: dict[str, Any] = json.loads((SITE / "_manifest.json").read_text("utf-8"))
SHARED_CASES = Path(__file__).resolve().parents[2] / "shared" / "pages" / \
    "_epochtimes_expected_parses_NO_HTML.json"
EASTERN = ZoneInfo("America/New_York")
REF_B5 = "https://www.epochtimes.com/b5/21/1/14/n12687349.htm"
REF_GB = "https://www.epochtimes.com/gb/21/1/14/n12687349.htm"


# --- URL rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("url, key", [
    (REF_B5, "n12687349"),
    (REF_GB, "n12687349"),
    ("http://www.epochtimes.com/gb/18/3/19/n10231780.htm", "n10231780"),
    ("https://epochtimes.com/b5/12/12/28/n3763175.htm?ref=rss#top", "n3763175"),
    ("https://www.epochtimes.com/b5/13/01/05/n3769045.htm", "n3769045"),
    ("https://www.epochtimes.com/b5/nsc413.htm", None),
    ("https://www.epochtimes.com/b5/nsc413_2.htm", None),
    ("https://www.epochtimes.com/gb/tag/%E8%94%A1%E8%8B%B1%E6%96%87.html", None),
    ("https://www.epochtimes.com/gb/n24hr.xml", None),
    ("https://www.epochtimes.com/i6/21/1/14/n12687349.htm", None),
    ("https://www.ntdtv.com/b5/21/1/14/n12687349.htm", None),
    ("https://www.cna.com.tw/news/aipl/202101140196.aspx", None),
])
def test_article_key(url: str, key: str | None) -> None:
    assert EpochTimes.article_key(url) == key


def test_editions_are_one_article() -> None:
    assert EpochTimes.canonical_url("http://epochtimes.com/gb/21/01/14/n12687349.htm") == REF_GB
    assert EpochTimes.canonical_url(REF_B5 + "?utm=x") == REF_B5
    assert EpochTimes.edition_url(REF_GB, "b5") == REF_B5
    assert EpochTimes.aliases(REF_B5) == [REF_GB]
    assert EpochTimes.aliases(REF_GB) == [REF_B5]
    assert EpochTimes.aliases("https://www.epochtimes.com/b5/nsc413.htm") == []
    assert EpochTimes.edition(REF_GB) == "gb"
    assert EpochTimes.edition("https://www.epochtimes.com/i6/x.htm") is None
    assert source_for_url(REF_GB) is EpochTimes
    assert page_classes()["epochtimes"] == (EpochTimesArticlePage, EpochTimesListPage)
    assert EpochTimes.script == "hant" and EpochTimes.timezone == "America/New_York"


def test_list_and_feed_urls() -> None:
    assert EpochTimes.list_url("nsc413") == "https://www.epochtimes.com/b5/nsc413.htm"
    assert EpochTimes.list_url("ncid1349361", "gb", 2) == \
        "https://www.epochtimes.com/gb/ncid1349361_2.htm"
    assert EpochTimes.feed_url("gb") == "https://www.epochtimes.com/gb/n24hr.xml"
    with pytest.raises(ValueError, match="category code"):
        EpochTimes.list_url("../etc")


# --- text parsers ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, reporters, place, rest", [
    ("【大紀元2021年01月14日訊】（大紀元記者鍾元台北報導）中華民國總統", ["鍾元"], "台北", "中華民國總統"),
    ("【大纪元2021年01月14日讯】（大纪元记者钟元台北报导）中华民国总统", ["钟元"], "台北", "中华民国总统"),
    ("【大紀元2013年12月11日訊】（大紀元記者馬穎慧、李緣綜合報導）泰國", ["馬穎慧", "李緣"], None, "泰國"),
    ("（大紀元綜合報導）據報", [], None, "據報"),
    ("（大紀元記者文龍、樸蓮韓國首爾、趙雲報導）近", ["文龍", "樸蓮", "趙雲"], "韓國首爾", "近"),
    ("（大紀元記者林達丹麥哥本哈根報導）2013年", ["林達"], "丹麥哥本哈根", "2013年"),
    ("（大紀元記者陶韻新西蘭奧克蘭報導）新", ["陶韻"], "新西蘭奧克蘭", "新"),
    ("（大紀元記者馮閱多伦多報導）我們", ["馮閱"], "多伦多", "我們"),
    ("（英文大紀元記者Nathan Su採訪報導）在", ["Nathan Su"], None, "在"),
    ("（大紀元記者楊傑凱採訪報導）近日", ["楊傑凱"], None, "近日"),
    ("（大紀元記者李天韻編譯）俄羅斯", ["李天韻"], None, "俄羅斯"),
    ("【大紀元12月11日訊】(大紀元多倫多記者站報導)多倫多", [], "多倫多", "多倫多"),
    ("（大紀元駐歐洲記者站余平德國報導）", ["余平"], "德國", ""),
    ("【大紀元2013年2月20日訊】（路透社）美國", [], None, "（路透社）美國"),
    ("【組圖】（大紀元記者李明報導）", [], None, "【組圖】（大紀元記者李明報導）"),
    ("沒有導語的段落。", [], None, "沒有導語的段落。"),
])
def test_parse_lead(text: str, reporters: list[str], place: str | None, rest: str) -> None:
    lead = parse_lead(text)
    assert lead.reporters == reporters
    assert lead.place == place
    assert text[lead.end:] == rest


def test_parse_lead_stamp_date_and_translator() -> None:
    lead = parse_lead("【大紀元2021年01月14日訊】（英文大紀元記者Nathan Su採訪，蘇靜好編譯）在")
    assert lead.stamp_date is not None and lead.stamp_date.isoformat() == "2021-01-14"
    assert lead.reporters == ["Nathan Su"] and lead.translators == ["蘇靜好"]


def test_places() -> None:
    assert is_place("台北") and is_place("丹麥哥本哈根") and is_place("多伦多")
    assert not is_place("鍾元") and not is_place("")
    assert split_name_place("鍾元台北") == ("鍾元", "台北")
    assert split_name_place("遊沛然日本東京") == ("遊沛然", "日本東京")
    assert split_name_place("李緣") == ("李緣", None)


@pytest.mark.parametrize("text, rest, names", [
    ("責任編輯：葉紫微", "", ["葉紫微"]),
    ("责任编辑：叶紫微 ", "", ["叶紫微"]),
    ("無功而返。（責任編輯：李婷）", "無功而返。", ["李婷"]),
    ("(責任編輯:林妍、王明)", "", ["林妍", "王明"]),
    ("他說：「責任在我。」", "他說：「責任在我。」", []),
])
def test_split_editor(text: str, rest: str, names: list[str]) -> None:
    got_rest, credits = split_editor(text)
    assert got_rest == rest
    assert credits == [Credit("editor", n) for n in names]


@pytest.mark.parametrize("text, boiler", [
    ("本文網址: http://www.epochtimes.com/b5/13/12/11/n4031411.htm", True),
    ("本文网址：https://www.epochtimes.com/gb/x.htm", True),
    ("點閱【新年展望】系列文章。", True),
    ("【紀元播報】訂閱大紀元電子報，每日新聞送到您信箱", True),
    ("【大紀元2021年01月14日訊】（大紀元記者鍾元台北報導）中華民國", False),
    ("本文網址的問題在於……", False),
])
def test_boilerplate(text: str, boiler: bool) -> None:
    assert is_boilerplate(text) is boiler


def test_times_are_us_eastern() -> None:
    winter = datetime(2021, 1, 14, 8, 25, tzinfo=UTC)
    assert parse_local_time("2021-01-14 3:25 AM", EASTERN) == winter
    assert parse_local_time("更新: 2021-01-14 03:25", EASTERN) == winter
    assert parse_local_time("2021年01月14日 上午3:25", EASTERN) == winter
    # summer time: UTC-4
    assert parse_local_time("2021-07-04 12:05 PM", EASTERN) == datetime(2021, 7, 4, 16, 5,
                                                                         tzinfo=UTC)
    assert parse_local_time("2021-07-04 12:05 AM", EASTERN) == datetime(2021, 7, 4, 4, 5,
                                                                         tzinfo=UTC)
    assert parse_local_time("沒有時間", EASTERN) is None
    # an ISO attribute with an offset wins as given; without one it is site-local
    assert parse_time_attr("2021-01-14T03:25:50+08:00", EASTERN) == datetime(
        2021, 1, 13, 19, 25, 50, tzinfo=UTC)
    assert parse_time_attr("2021-01-14T03:25:50", EASTERN) == datetime(
        2021, 1, 14, 8, 25, 50, tzinfo=UTC)
    assert parse_time_attr("2021-01-14T08:25:50Z", EASTERN) == datetime(
        2021, 1, 14, 8, 25, 50, tzinfo=UTC)
    assert parse_time_attr("", EASTERN) is None


def test_tags_and_author_lines() -> None:
    assert tag_name("/gb/tag/%E8%94%A1%E8%8B%B1%E6%96%87.html") == "蔡英文"
    assert tag_name("/b5/nsc413.htm") is None
    assert parse_author_line("文／李婷、王明") == ["李婷", "王明"]
    assert parse_author_line("大紀元記者") == []


# --- page classes on small pages --------------------------------------------------------------


def page(body: str, url: str = REF_B5, content_type: str = "text/html; charset=utf-8") -> Any:
    html = f"<html><head></head><body>{body}</body></html>"
    return HtmlResponse(url, body=html.encode("utf-8"), headers={"Content-Type": content_type})


def test_editor_inside_last_paragraph_is_cut_from_html_and_text() -> None:
    resp = page('<div id="breadcrumb"><a href="/b5/">首頁</a><a href="/b5/nsc418.htm">國際</a></div>'
                '<h1 class="title">標題</h1><div class="info"><time datetime="2021-01-14T03:25:50'
                '-05:00">x</time></div><div id="artbody"><p>（大紀元記者李明報導）第一段，'
                '見<a href="/gb/21/1/13/n12684000.htm">前文</a>。</p><p>最後一段<b>重點</b>'
                '無功而返。（責任編輯：李婷）</p><p>責任編輯：王明</p></div>')
    item = clean_article(EpochTimesArticlePage(resp).to_item())
    assert item.body_text == "（大紀元記者李明報導）第一段，見前文。\n\n最後一段重點無功而返。"
    assert "責任編輯" not in item.body_html and "<b>重點</b>" in item.body_html
    assert [c.name for c in item.credits] == ["李婷", "王明"]
    assert item.reporters == ["李明"] and item.category_code == "nsc418"
    assert [(lk.kind, lk.key, lk.url) for lk in item.links] == [
        (INLINE, "n12684000", "https://www.epochtimes.com/gb/21/1/13/n12684000.htm")]
    assert item.published_at == datetime(2021, 1, 14, 8, 25, 50, tzinfo=UTC)
    assert item.updated_at == item.published_at


def test_script_follows_the_edition_parsed() -> None:
    body = ('<h1 class="title">标题</h1><div class="info"><time datetime="2021-01-14T03:25:50'
            '-05:00">x</time></div><div id="artbody"><p>正文。</p></div>')
    gb = EpochTimesArticlePage(page(body, REF_GB)).to_item()
    assert (gb.script, gb.url, gb.aliases) == ("hans", REF_GB, [REF_B5])
    b5 = EpochTimesArticlePage(page(body, REF_B5)).to_item()
    assert (b5.script, b5.url, b5.aliases, b5.key) == ("hant", REF_B5, [REF_GB], gb.key)


def test_not_articles() -> None:
    with pytest.raises(NotAnArticle) as no_title:
        EpochTimesArticlePage(page('<div id="artbody"><p>正文。</p></div>')).to_item()
    assert no_title.value.reason == "not_article"
    with pytest.raises(NotAnArticle) as no_body:
        EpochTimesArticlePage(page('<h1 class="title">視頻</h1><div id="artbody">'
                                   '<div class="video_player"></div><p>責任編輯：李婷</p>'
                                   '<p>本文網址: https://www.epochtimes.com/b5/x.htm</p></div>')
                              ).to_item()
    assert no_body.value.reason == "no_body"
    with pytest.raises(NotAnArticle) as elsewhere:
        EpochTimesArticlePage(page('<h1 class="title">x</h1><div id="artbody"><p>y</p></div>',
                                   "https://www.epochtimes.com/b5/nsc413.htm")).to_item()
    assert elsewhere.value.reason == "not_article"


def test_gbk_characters_in_a_gb2312_page_decode() -> None:
    # 镕 堃 喆 are GBK, not GB2312: w3lib reads gb2312 as gb18030, a superset of both.
    for ch in "镕堃喆":
        with pytest.raises(UnicodeEncodeError):
            ch.encode("gb2312")
        ch.encode("gbk")
    html = ('<html><head><meta charset="gb2312"></head><body><h1 class="title">朱镕基 王堃 李喆</h1>'
            '<div class="info"><time datetime="2021-01-14T03:25:50-05:00">x</time></div>'
            '<div id="artbody"><p>朱镕基、王堃、李喆。</p></div></body></html>')
    for headers in ({"Content-Type": "text/html; charset=gb2312"}, {"Content-Type": "text/html"}):
        resp = HtmlResponse(REF_GB, body=html.encode("gbk"), headers=headers)
        item = clean_article(EpochTimesArticlePage(resp).to_item())
        assert item.title == "朱镕基 王堃 李喆" and "\ufffd" not in item.body_text


def test_gbk_page_of_the_bundled_site() -> None:
    gbk = MANIFEST["gbk"]
    body = (SITE / gbk["url"].split("/", 3)[3]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("gb2312")
    resp = HtmlResponse(gbk["url"], body=body,
                        headers={"Content-Type": f"text/html; charset={gbk['declared']}"})
    item = clean_article(EpochTimesArticlePage(resp).to_item())
    assert "\ufffd" not in item.body_text + item.title + item.body_html
    assert all(ch in item.body_text + item.title for ch in gbk["gbk_only_chars"])


# --- list pages and the feed -------------------------------------------------------------------


def site_response(path: str, cls: type[TextResponse] = HtmlResponse,
                  content_type: str = "text/html; charset=utf-8") -> TextResponse:
    return cls("https://www.epochtimes.com/" + path, body=(SITE / path).read_bytes(),
               headers={"Content-Type": content_type})


def test_list_page_items_and_pager() -> None:
    first = EpochTimesListPage(site_response("b5/nsc418.htm"))
    urls = first.article_urls()
    assert urls and all(EpochTimes.article_key(u) for u in urls)
    # the sidebar's popular links are not list items
    assert not any(EpochTimes.article_key(u) in MANIFEST["never_requested"] for u in urls)
    assert first.next_page_url() == "https://www.epochtimes.com/b5/nsc418_2.htm"
    last = EpochTimesListPage(site_response("b5/nsc418_3.htm"))
    assert last.next_page_url() is None


def test_pager_without_next_arrow() -> None:
    html = ('<div class="post_list left_col"><div class="one_post"><div class="text"><div '
            'class="title"><a href="/b5/21/1/14/n12687349.htm">t</a></div></div></div>'
            '<span class="page-numbers current">2</span><a class="page-numbers" '
            'href="/b5/nsc413_3.htm">3</a><a class="page-numbers" href="/b5/nsc413.htm">1</a></div>')
    listing = EpochTimesListPage(page(html, "https://www.epochtimes.com/b5/nsc413_2.htm"))
    assert listing.article_urls() == [REF_B5]
    assert listing.next_page_url() == "https://www.epochtimes.com/b5/nsc413_3.htm"


@pytest.mark.parametrize("cls, content_type", [
    (XmlResponse, "application/xml; charset=utf-8"),
    (HtmlResponse, "text/html; charset=utf-8"),  # a feed served with the wrong type
])
def test_feed(cls: type[TextResponse], content_type: str) -> None:
    feed = EpochTimesListPage(site_response("b5/n24hr.xml", cls, content_type))
    urls = feed.article_urls()
    assert urls and REF_GB in urls  # the b5 feed links the reference article's gb page
    assert feed.next_page_url() is None


# --- the spider's arguments ---------------------------------------------------------------------


def spider(**kwargs: Any) -> EpochTimesSpider:
    crawler = get_crawler(EpochTimesSpider, {"NEWSCRAWL_REDIS_URL": ""})
    made: EpochTimesSpider = EpochTimesSpider.from_crawler(crawler, **kwargs)
    crawler.spider = made
    return made


def test_spider_start_pages() -> None:
    default = spider().list_urls()
    assert default[0] == "https://www.epochtimes.com/b5/n24hr.xml"
    assert default[1:] == [EpochTimes.list_url(c) for c in CATEGORIES]
    assert spider(edition="gb", feed="1").list_urls() == ["https://www.epochtimes.com/gb/n24hr.xml"]
    assert spider(category="nsc413,ncid1349361").list_urls() == [
        "https://www.epochtimes.com/b5/nsc413.htm", "https://www.epochtimes.com/b5/ncid1349361.htm"]
    assert spider(category="nsc412", feed="1").list_urls()[0].endswith("/b5/n24hr.xml")
    assert spider(category="all", feed="0").list_urls() == default[1:]
    with pytest.raises(ValueError, match="edition"):
        spider(edition="big5")
    with pytest.raises(ValueError):
        spider(category="413")
    with pytest.raises(ValueError):
        spider(feed="maybe")


def test_spider_fetches_one_edition_once() -> None:
    s = spider(edition="b5")
    first = s.article_request(REF_GB, hops=1)
    assert first is not None and first.url == REF_B5
    assert s.article_request(REF_B5, hops=1) is None  # the same article by its other URL
    g = spider(edition="gb")
    req = g.article_request(REF_B5 + "?from=rss", hops=1)
    assert req is not None and req.url == REF_GB


# --- the bundled pages against the reference texts ------------------------------------------


def nfkc_ws(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def reporter_matches(want: str | None, reporters: list[str], place: str | None) -> bool:
    """The dataset joins names (and the place glued to one of them) with commas."""
    squash = re.compile(r"[\s,、]")
    if not want:
        return not reporters
    want_names = squash.sub("", want)
    if place:
        want_names = want_names.replace(squash.sub("", place), "", 1)
    return want_names == "".join(squash.sub("", r) for r in reporters)


@pytest.mark.acceptance
def test_bundled_pages_match_reference_texts() -> None:
    """Pages carrying a NO_HTML case's text give that case's title, body, category, reporter."""
    if not SHARED_CASES.is_file():
        pytest.skip(f"{SHARED_CASES} not present")
    cases = {re.search(r"/(n\d+)\.htm$", c["url"]).group(1): c  # type: ignore[union-attr]
             for c in json.loads(SHARED_CASES.read_text("utf-8"))["cases"]}
    counts = {"pages": 0, "title": 0, "body": 0, "category": 0, "category_path": 0,
              "reporter": 0}
    misses: dict[str, list[str]] = {k: [] for k in counts}
    for path in sorted(SITE.glob("b5/*/*/*/n*.htm")):
        key = path.stem
        case = cases.get(key)
        if case is None:
            continue
        resp = HtmlResponse(case["url"], body=path.read_bytes(),
                            headers={"Content-Type": "text/html; charset=utf-8"})
        try:
            parsed = EpochTimesArticlePage(resp)
            item = clean_article(parsed.to_item())
        except NotAnArticle:
            continue  # the video page keeps only the case's title
        counts["pages"] += 1
        lead = parse_lead(item.body_text.split("\n\n")[0])
        body = item.body_text[lead.end:]
        checks = {
            "title": nfkc_ws(item.title) == nfkc_ws(case["title"]),
            "body": nfkc_ws(body) == nfkc_ws(case["article"]),
            "category": (item.category_name or "") == (case["category"] or "").split(",")[-1],
            "category_path": ",".join(n for n, _ in parsed.breadcrumbs()[1:])
            == (case["category"] or ""),
            "reporter": reporter_matches(case["reporter"], item.reporters, item.dateline_place),
        }
        for name, ok in checks.items():
            counts[name] += ok
            if not ok:
                misses[name].append(key)
    print("per-field matches:", json.dumps(counts), "misses:", json.dumps(misses))
    assert counts["pages"] >= 20
    for name in ("title", "body", "category", "category_path", "reporter"):
        assert counts[name] == counts["pages"], (name, misses[name])


def test_body_between_comment_markers_inside_a_wrapper() -> None:
    resp = page('<div class="titles"><h1>舊版標題</h1></div>'
                '<div class="artinfo">更新: 2012-12-28 09:35 <span>列印</span></div>'
                '<div id="artbody"><div class="wrap"><!-- article content begin -->'
                '<p>（大紀元記者馮閱多倫多報導）正文談<a href="/b5/tag/%E6%B1%BD%E8%BB%8A.html">汽車'
                '</a>。</p><p>本文網址: http://www.epochtimes.com/b5/12/12/28/n3763175.htm</p>'
                '<!-- article content end --></div></div>',
                "https://www.epochtimes.com/b5/12/12/28/n3763175.htm")
    item = clean_article(EpochTimesArticlePage(resp).to_item())
    assert item.title == "舊版標題"
    assert item.body_text == "（大紀元記者馮閱多倫多報導）正文談汽車。"
    assert (item.reporters, item.dateline_place) == (["馮閱"], "多倫多")
    assert item.tags == ["汽車"]
    assert item.published_at == item.updated_at == datetime(2012, 12, 28, 14, 35, tzinfo=UTC)


@pytest.mark.parametrize("case, notes", [
    ("reference_b5", ["layout/current"]),
    ("old_arttop2_layout", ["layout/arttop2"]),
    ("old_titles_layout_comment_markers", ["layout/titles", "fallback/body_markers"]),
    ("gb2312_declared_gbk_chars", ["layout/current", "charset/beyond_gb2312"]),
])
def test_page_notes_for_crawl_stats(case: str, notes: list[str]) -> None:
    folder = Path(__file__).resolve().parent / "fixtures" / "pages" / "epochtimes" / case
    meta = json.loads((folder / "headers.json").read_text("utf-8"))
    resp = HtmlResponse(meta["url"], body=(folder / "body.html").read_bytes(),
                        headers=meta["headers"])
    assert EpochTimesArticlePage(resp).notes() == notes
