"""Clean, convert and store pipelines, with real OpenCC and real databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newscrawl.items import ArticleItem, Credit, RelatedLink
from newscrawl.pipelines.clean import CleanPipeline, clean_article, sanitize_html
from newscrawl.pipelines.convert import ConvertPipeline, convert_article, converter
from newscrawl.pipelines.store import DatabaseUnavailable, StorePipeline
from newscrawl.spool import read_spool


def article(**kw: object) -> ArticleItem:
    base: dict[str, object] = dict(
        source="cna",
        key="202101140196",
        url="https://www.cna.com.tw/news/firstnews/202101140196.aspx",
        title=" 與美駐聯大使克拉夫特視訊　蔡總統：繼續推動入聯 ",
        body_html=(
            '<p onclick="x()">（中央社台北14日電）總統蔡英文今天與美國駐聯合國大使'
            '<script>track()</script>克拉夫特視訊會談。</p>'
            '<div class="advertiseBox"><iframe src="https://ads.example/x"></iframe></div>'
            '<figure><img src="https://imgcdn.cna.com.tw/a.jpg" alt="" data-x="1">'
            "<figcaption>總統府提供</figcaption></figure>"
            "<p>軟體 計程車\n\n  資訊。（編輯：蘇志宗）1100114</p>"
        ),
        script="hant",
        published_at=datetime(2021, 1, 14, 9, 0, 11, tzinfo=UTC),
        credits=[Credit("editor", "蘇志宗")],
        links=[RelatedLink("https://www.cna.com.tw/news/aipl/202101140143.aspx", "cna",
                           "202101140143", "克拉夫特訪台行程", "related", 0)],
    )
    base.update(kw)
    return ArticleItem(**base)  # type: ignore[arg-type]


def test_sanitize_drops_scripts_ads_and_attributes() -> None:
    html = sanitize_html(article().body_html)
    assert "<script" not in html and "track()" not in html
    assert "iframe" not in html and "onclick" not in html and "data-x" not in html
    assert '<img src="https://imgcdn.cna.com.tw/a.jpg" alt="">' in html
    assert "<figcaption>總統府提供</figcaption>" in html


def test_clean_builds_text_without_captions() -> None:
    item = clean_article(article())
    assert item.title == "與美駐聯大使克拉夫特視訊 蔡總統：繼續推動入聯"
    assert item.body_text == (
        "（中央社台北14日電）總統蔡英文今天與美國駐聯合國大使克拉夫特視訊會談。\n\n"
        "軟體 計程車資訊。（編輯：蘇志宗）1100114"
    )
    assert "總統府提供" not in item.body_text


def test_clean_rejects_replacement_char_and_counts_it() -> None:
    crawler = get_crawler(settings_dict={})
    pipe = CleanPipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="U\\+FFFD"):
        pipe.process_item(article(title="\ufffd\ufffd總統"))
    assert crawler.stats.get_value("newscrawl/dropped/replacement_char") == 1


def test_clean_rejects_empty_body() -> None:
    with pytest.raises(ValueError, match="empty body"):
        clean_article(article(body_html="<div class='ad'><script>x</script></div>"))


def test_convert_traditional_to_simplified_with_taiwan_phrases() -> None:
    item = convert_article(clean_article(article()), {"hant": "tw2sp", "hans": "s2twp"})
    assert item.title == "與美駐聯大使克拉夫特視訊 蔡總統：繼續推動入聯"  # original kept
    assert item.converted is not None
    assert item.converted.script == "hans" and item.converted.config == "tw2sp"
    assert item.converted.title == "与美驻联大使克拉夫特视频 蔡总统：继续推动入联"
    assert "软件 出租车" in item.converted.body_text  # 軟體→软件, 計程車→出租车: phrases, not characters


def test_convert_simplified_to_taiwan_traditional() -> None:
    item = convert_article(
        article(script="hans", title="蔡英文与美驻联大使视讯", body_text="软件"),
        {"hant": "tw2sp", "hans": "s2twp"},
    )
    assert item.converted is not None
    assert item.converted.script == "hant"
    assert item.converted.title == "蔡英文與美駐聯大使視訊"
    assert item.converted.body_text == "軟體"


def test_converter_is_built_once_per_config() -> None:
    converter.cache_clear()
    crawler = get_crawler(settings_dict={})
    pipe = ConvertPipeline.from_crawler(crawler)
    assert converter.cache_info().currsize == 0  # nothing loaded before an article needs it
    for _ in range(5):
        pipe.process_item(clean_article(article()))
    info = converter.cache_info()
    # Traditional articles only: the Simplified->Traditional dictionaries are never loaded.
    assert info.currsize == 1 and info.misses == 1 and info.hits == 4


def test_convert_can_be_switched_off() -> None:
    with pytest.raises(NotConfigured):
        ConvertPipeline.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_CONVERT_ENABLED": False}))


def test_bad_opencc_config_fails_at_start() -> None:
    with pytest.raises(ValueError, match=r"unknown OpenCC config 'nope'; known: .*tw2sp"):
        ConvertPipeline.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_OPENCC_T2S": "nope"}))


def test_opencc_config_may_be_a_file(tmp_path: Path) -> None:
    import opencc

    shipped = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / "s2t.json"
    if not shipped.is_file():
        pytest.skip("this opencc build keeps its configs elsewhere")
    pipe = ConvertPipeline.from_crawler(
        get_crawler(settings_dict={"NEWSCRAWL_OPENCC_S2T": str(shipped)}))
    assert pipe.configs["hans"] == str(shipped)


def test_store_refuses_to_start_on_unreachable_database() -> None:
    crawler = get_crawler(settings_dict={
        "NEWSCRAWL_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"})
    pipe = StorePipeline.from_crawler(crawler)
    with pytest.raises(DatabaseUnavailable, match="cannot reach the database"):
        pipe.open_spider()


def test_database_lost_mid_crawl_spools_the_batch(pg_admin: str, pg_url: str, tmp_path: Path) -> None:
    """The database goes away after the crawl started: the batch is retried, then spooled."""
    crawler = get_crawler(settings_dict={
        "NEWSCRAWL_DATABASE_URL": pg_url, "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool"),
        "NEWSCRAWL_STORE_RETRIES": 1})
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider()
    assert pipe.engine is not None
    pipe.engine.dispose()
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{make_url(pg_url).database}" WITH (FORCE)'))
    admin.dispose()

    item = convert_article(clean_article(article()), {"hant": "tw2sp", "hans": "s2twp"})
    assert pipe._write([item]) is None
    assert crawler.stats.get_value("newscrawl/store/spooled") == 1
    assert crawler.stats.get_value("newscrawl/store/retries") == 1
    spooled = list(read_spool(pipe.spool_path))
    assert spooled == [item]  # nothing lost: the spool round-trips the whole article
    record = json.loads(pipe.spool_path.read_text("utf-8").splitlines()[0])
    assert "does not exist" in record["error"]
