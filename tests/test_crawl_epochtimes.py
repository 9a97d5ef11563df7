"""End to end through the real Scrapy engine: `scrapy crawl epochtimes` over the bundled site.

Three crawls, each a subprocess (`python -m scrapy crawl epochtimes`, run from the repository
root): the b5 edition into one SQLite file against a replay server started here (so the test
sees every path requested), the same crawl again into the same file (it must add nothing), and
the gb edition into a second file (its GB2312-declared page holds GBK-only characters). What
must be stored comes from www.epochtimes.com/_manifest.json, written with the site by
scripts/build_epochtimes_site.py; no count here is typed by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from newscrawl.replay import BUNDLED_SITE
from newscrawl.replay.server import ReplayServer

from .crawling import run_crawl, snapshot

HOST = "www.epochtimes.com"
MANIFEST: dict[str, Any] = json.loads((BUNDLED_SITE / HOST / "_manifest.json").read_text("utf-8"))
EDITIONS = ("b5", "gb")


@dataclass
class Crawl:
    edition: str
    stats: dict[str, Any]
    requests: list[str]  # paths asked of the replay server ("/www.epochtimes.com/...")
    db: dict[str, Any]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Crawl]:
    tmp = tmp_path_factory.mktemp("crawl_epochtimes")
    b5_db = f"sqlite:///{tmp / 'b5.db'}"
    with ReplayServer(BUNDLED_SITE) as server:
        stats = run_crawl(tmp, "b5", "epochtimes", b5_db, "-a", "edition=b5",
                          "-s", f"NEWSCRAWL_MAX_HOPS={MANIFEST['max_hops']}", "-s", f"NEWSCRAWL_REPLAY_URL={server.url}")
        paths = [r[0] if isinstance(r, tuple) else r for r in server.requests]
    done = {"b5": Crawl("b5", stats, paths, snapshot(b5_db))}
    stats = run_crawl(tmp, "b5_again", "epochtimes", b5_db, "-a", "edition=b5",
                          "-s", f"NEWSCRAWL_MAX_HOPS={MANIFEST['max_hops']}", "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    done["b5_again"] = Crawl("b5", stats, [], snapshot(b5_db))
    gb_db = f"sqlite:///{tmp / 'gb.db'}"
    stats = run_crawl(tmp, "gb", "epochtimes", gb_db, "-a", "edition=gb",
                          "-s", f"NEWSCRAWL_MAX_HOPS={MANIFEST['max_hops']}", "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    done["gb"] = Crawl("gb", stats, [], snapshot(gb_db))
    return done


def local_path(url: str) -> str:
    return "/" + url.removeprefix("https://")


@pytest.mark.parametrize("name", ["b5", "gb"])
def test_stored_articles(crawls: dict[str, Crawl], name: str) -> None:
    crawl = crawls[name]
    ed = crawl.edition
    stored = crawl.db["articles"]
    expected = MANIFEST["articles"]
    assert sorted(stored) == sorted(expected)
    assert crawl.stats["newscrawl/store/inserted"] == len(expected)
    for key, want in expected.items():
        row, exp = stored[key], want[ed]
        for field in ("url", "title", "script", "category_code", "reporters"):
            assert row[field] == exp[field], (key, field)
        assert row["published_at"].isoformat() == exp["published_at"], key
        assert row["updated_at"].isoformat() == exp["updated_at"], key
        assert hashlib.sha256(row["body_text"].encode()).hexdigest() == \
            exp["body_text_sha256"], key
        assert "\ufffd" not in row["body_text"] + row["body_html"] + row["title"], key


@pytest.mark.parametrize("name", ["b5", "gb"])
def test_both_editions_are_one_row(crawls: dict[str, Crawl], name: str) -> None:
    crawl = crawls[name]
    urls = crawl.db["urls"]
    assert len(urls) == len(EDITIONS) * len(MANIFEST["articles"])
    for key, want in MANIFEST["articles"].items():
        row_id = crawl.db["articles"][key]["id"]
        assert {urls.get(want[ed]["url"]) for ed in EDITIONS} == {row_id}, key
    # articles linked under the other edition's URL too: still one row, found by either URL
    mixed = [k for k in MANIFEST["mixed_edition_links"] if k in MANIFEST["articles"]]
    assert mixed
    for key in mixed:
        assert sum(1 for a in crawl.db["articles"].values() if key in a["url"]) == 1
        into = [lk for lk in crawl.db["links"] if lk["to_key"] == key]
        other = "gb" if crawl.edition == "b5" else "b5"
        assert other in {lk["url"].split("/")[3] for lk in into}, key
        assert {lk["target_article_id"] for lk in into} == {crawl.db["articles"][key]["id"]}


def test_only_the_chosen_edition_is_fetched(crawls: dict[str, Crawl]) -> None:
    requests = crawls["b5"].requests
    articles = [p for p in requests if p.endswith(".htm") and p.count("/") == 6]
    assert articles and all(p.startswith(f"/{HOST}/b5/") for p in articles)
    fetched = {p.rsplit("/", 1)[1] for p in articles}
    expected = set(MANIFEST["articles"]) | {k for k, v in MANIFEST["not_stored"].items()
                                           if v["hop"] is not None}
    assert fetched == {f"{k}.htm" for k in expected}
    for key in MANIFEST["never_requested"]:
        assert not any(key in p for p in requests), key
    assert f"/{HOST}/robots.txt" in requests
    for url in MANIFEST["start_urls"]["b5"]:
        assert local_path(url) in requests


@pytest.mark.parametrize("name", ["b5", "gb"])
def test_edges(crawls: dict[str, Crawl], name: str) -> None:
    crawl = crawls[name]
    fields = ("from", "kind", "position", "to_key", "url", "anchor")
    want = MANIFEST["edges"][crawl.edition]
    got = Counter(tuple(lk[f] for f in fields) for lk in crawl.db["links"])
    assert got == Counter(tuple(e[f] for f in fields) for e in want)
    assert crawl.stats["newscrawl/store/links_written"] == len(want)
    ids = {key: a["id"] for key, a in crawl.db["articles"].items()}
    resolved = 0
    for lk in crawl.db["links"]:
        if lk["kind"] != "tag" and lk["to_key"] in ids:
            assert lk["target_article_id"] == ids[lk["to_key"]], lk
            resolved += 1
        else:
            assert lk["target_article_id"] is None, lk
    assert crawl.stats["newscrawl/store/links_resolved"] == resolved
    assert {lk["kind"] for lk in crawl.db["links"]} == {"related", "inline", "tag"}


@pytest.mark.parametrize("name", ["b5", "gb"])
def test_bad_inputs(crawls: dict[str, Crawl], name: str) -> None:
    crawl = crawls[name]
    for stat, count in MANIFEST["stats"].items():
        assert crawl.stats.get(stat) == count, stat
    for key in MANIFEST["not_stored"]:
        assert key not in crawl.db["articles"], key
    assert not crawl.stats.get("newscrawl/dropped/replacement_char")
    assert not crawl.stats.get("newscrawl/dropped/invalid")


@pytest.mark.parametrize("name", ["b5", "gb"])
def test_layouts_and_fallbacks_counted(crawls: dict[str, Crawl], name: str) -> None:
    stats = crawls[name].stats
    counted = {k.rsplit("/", 1)[1]: v for k, v in stats.items()
               if k.startswith("newscrawl/pages/layout/")}
    assert counted.keys() == MANIFEST["layouts"].keys()
    for layout, n in MANIFEST["layouts"].items():
        assert counted[layout] >= n, layout  # an article reached again by a shorter path
    assert sum(counted.values()) == stats["newscrawl/articles/parsed"]
    titles = [k for k, a in MANIFEST["articles"].items() if a["layout"] == "titles"]
    assert stats["newscrawl/pages/fallback/body_markers"] >= len(titles) > 0
    beyond = stats.get("newscrawl/pages/charset/beyond_gb2312", 0)
    assert beyond >= 1 if crawls[name].edition == "gb" else beyond == 0


def test_gbk_page_in_gb2312_stored_without_replacement_chars(crawls: dict[str, Crawl]) -> None:
    gbk = MANIFEST["gbk"]
    row = crawls["gb"].db["articles"][gbk["key"]]
    assert row["url"] == gbk["url"] and row["script"] == "hans"
    text = row["title"] + row["body_text"]
    assert "\ufffd" not in text + row["body_html"]
    assert all(ch in text for ch in gbk["gbk_only_chars"])
    raw = (BUNDLED_SITE / HOST / gbk["url"].split(f"{HOST}/", 1)[1]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")  # really GBK bytes under a GB2312 label


def test_second_crawl_adds_nothing(crawls: dict[str, Crawl]) -> None:
    first, again = crawls["b5"], crawls["b5_again"]
    assert again.db["articles"].keys() == first.db["articles"].keys()
    for key, row in again.db["articles"].items():
        before = first.db["articles"][key]
        assert (row["id"], row["content_hash"], row["changed_at"]) == \
            (before["id"], before["content_hash"], before["changed_at"]), key
    assert len(again.db["links"]) == len(first.db["links"])
    assert again.db["urls"] == first.db["urls"]
    assert again.stats.get("newscrawl/store/inserted", 0) == 0
    assert again.stats.get("newscrawl/store/updated", 0) == 0
    assert again.stats["newscrawl/store/unchanged"] >= len(MANIFEST["articles"])
