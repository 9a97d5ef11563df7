"""End to end through the real Scrapy engine: `scrapy crawl cna` over the bundled replay site.

Two crawls into one SQLite database, each a subprocess (`python -m scrapy crawl cna`, run from
the repository root): the first against a replay server started here (so the test sees every
path requested), the second with NEWSCRAWL_REPLAY_DIR=bundled (the handler's own server). What
must be stored comes from www.cna.com.tw/_manifest.json, written with the site by
scripts/build_bundled_site.py; nothing here is a hand-counted number.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from newscrawl.pages.cna import CnaListPage
from newscrawl.replay import BUNDLED_SITE
from newscrawl.replay.server import ReplayServer

from .crawling import REPO, run_crawl, snapshot

HOST = "www.cna.com.tw"
MANIFEST: dict[str, Any] = json.loads((BUNDLED_SITE / HOST / "_manifest.json").read_text("utf-8"))


@dataclass
class Crawl:
    stats: dict[str, Any]
    requests: list[str]  # request paths seen by the replay server ("/www.cna.com.tw/...")
    db: dict[str, Any]  # snapshot of the database after the crawl


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Crawl, Crawl]:
    tmp = tmp_path_factory.mktemp("crawl_bundled")
    db_url = f"sqlite:///{tmp / 'crawl.db'}"
    with ReplayServer(BUNDLED_SITE) as server:
        stats = run_crawl(tmp, "first", "cna", db_url, "-s", f"NEWSCRAWL_REPLAY_URL={server.url}")
        paths = [r[0] if isinstance(r, tuple) else r for r in server.requests]
        first = Crawl(stats, paths, snapshot(db_url))
    stats = run_crawl(tmp, "second", "cna", db_url, "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    second = Crawl(stats, [], snapshot(db_url))
    return first, second


@pytest.fixture(scope="module")
def first(crawls: tuple[Crawl, Crawl]) -> Crawl:
    return crawls[0]


def local_path(url: str) -> str:
    return "/" + url.removeprefix("https://")


# --- the first crawl ----------------------------------------------------------------------


def test_stored_articles(first: Crawl) -> None:
    stored = first.db["articles"]
    expected = MANIFEST["articles"]
    assert len(expected) >= 30
    assert sorted(stored) == sorted(expected) == MANIFEST["stored_keys"]
    assert first.stats["item_scraped_count"] == len(expected)
    assert first.stats["newscrawl/store/inserted"] == len(expected)
    for key, want in expected.items():
        row = stored[key]
        assert row["url"] == want["url"], key
        assert row["title"] == want["title"], key
        assert row["category_code"] == want["category_code"], key
        assert row["published_at"].isoformat() == want["published_at"], key
        assert row["updated_at"].isoformat() == want["updated_at"], key
        assert hashlib.sha256(row["body_text"].encode()).hexdigest() == want["body_text_sha256"], key
        assert "\ufffd" not in row["body_text"], key


def test_edges(first: Crawl) -> None:
    fields = ("from", "kind", "position", "to_key", "url", "anchor")
    got = Counter(tuple(link[f] for f in fields) for link in first.db["links"])
    want = Counter(tuple(edge[f] for f in fields) for edge in MANIFEST["edges"])
    assert len(first.db["links"]) == len(MANIFEST["edges"])
    assert got == want
    assert first.stats["newscrawl/store/links_written"] == len(MANIFEST["edges"])
    kinds = {link["kind"] for link in first.db["links"]}
    assert kinds == {"related", "topic", "inline"}


def test_edges_resolved(first: Crawl) -> None:
    ids = {key: a["id"] for key, a in first.db["articles"].items()}
    dangling = 0
    for link in first.db["links"]:
        if link["to_key"] in ids:
            assert link["target_article_id"] == ids[link["to_key"]], link
        else:
            assert link["target_article_id"] is None, link
            dangling += 1
    assert dangling > 0  # links to pages outside the crawl stay unresolved, not dropped
    resolved = len(first.db["links"]) - dangling
    assert first.stats["newscrawl/store/links_resolved"] == resolved


def test_three_hop_article_not_crawled(first: Crawl) -> None:
    key = MANIFEST["three_hops"]
    url = MANIFEST["not_stored"][key]["url"]
    assert key not in first.db["articles"]
    assert local_path(url) not in first.requests
    assert (BUNDLED_SITE / HOST / url.split(f"{HOST}/", 1)[1]).is_file()  # it exists, though
    # ... and an edge of a stored (hop-2) article points at it, unresolved.
    into = [link for link in first.db["links"] if link["to_key"] == key]
    assert into and all(link["target_article_id"] is None for link in into)
    assert first.stats.get("newscrawl/follow/hop_limit", 0) > 0


def test_double_category_is_one_row(first: Crawl) -> None:
    dc = MANIFEST["double_category"]
    row = first.db["articles"][dc["key"]]
    assert row["url"] == dc["canonical"]
    assert sum(1 for a in first.db["articles"].values() if a["url"].endswith(f"{dc['key']}.aspx")) == 1
    assert first.db["urls"][dc["canonical"]] == row["id"]
    assert first.db["urls"][dc["listed"]] == row["id"]
    # Fetched once, under the path the list page gave.
    fetched = [p for p in first.requests if dc["key"] in p]
    assert fetched == [local_path(dc["listed"])]
    # Links to it under either path resolve to the one row.
    into = [link for link in first.db["links"] if link["to_key"] == dc["key"]]
    assert {link["url"] for link in into} >= {dc["canonical"]}
    assert all(link["target_article_id"] == row["id"] for link in into)


def test_bad_inputs(first: Crawl) -> None:
    for stat, count in MANIFEST["stats"].items():
        assert first.stats.get(stat) == count, stat
    for key, page in MANIFEST["not_stored"].items():
        assert key not in first.db["articles"], page
        assert page["url"] not in first.db["urls"], page
    # The transfer cut short: retried, then one download error, no row.
    cut = local_path(MANIFEST["truncated_transfer"])
    retries = first.stats.get("retry/count", 0)
    assert first.requests.count(cut) == retries + 1 >= 2
    errors = {k: v for k, v in first.stats.items() if k.startswith("newscrawl/errors/")
              and k not in ("newscrawl/errors/http_404", "newscrawl/errors/IgnoreRequest")}
    assert list(errors.values()) == [1], errors
    assert any(word in next(iter(errors)) for word in ("DataLoss", "ResponseFailed")), errors
    assert first.stats["item_dropped_count"] == MANIFEST["stats"][
        "newscrawl/dropped/replacement_char"]


def test_big5_page_stored_with_right_text(first: Crawl) -> None:
    key = MANIFEST["big5"]
    row = first.db["articles"][key]
    assert row["title"] == MANIFEST["articles"][key]["title"]
    assert "冰川" in row["body_text"] and "\ufffd" not in row["body_text"]
    raw = (BUNDLED_SITE / HOST / row["url"].split(f"{HOST}/", 1)[1]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really Big5 bytes on disk


def test_robots_txt_obeyed(first: Crawl) -> None:
    assert f"/{HOST}/robots.txt" in first.requests
    for url in MANIFEST["robots_disallowed"]:
        assert local_path(url) not in first.requests
    for url in MANIFEST["never_requested"]:
        assert local_path(url) not in first.requests
    assert first.stats["robotstxt/forbidden"] == len(MANIFEST["robots_disallowed"])


def test_list_page(first: Crawl) -> None:
    hop1 = [k for k, a in MANIFEST["articles"].items() if a["hop"] == 1]
    hop1 += [k for k, a in MANIFEST["not_stored"].items() if a["hop"] == 1]
    assert first.stats["newscrawl/lists/article_links"] == len(hop1)
    assert first.stats["newscrawl/lists/pages"] == 1
    for path in sorted((BUNDLED_SITE / HOST / "list").glob("*.aspx")):
        url = f"https://{HOST}/list/{path.name}"
        page = CnaListPage(HtmlResponse(url, body=path.read_bytes(), encoding="utf-8"))
        urls = page.article_urls()
        assert urls, path.name
        known = {a["fetched_url"] for a in MANIFEST["articles"].values()}
        known |= {a["url"] for a in MANIFEST["articles"].values()}
        known |= {p["url"] for p in MANIFEST["not_stored"].values()}
        assert set(urls) <= known, path.name
        if path.name == "aall.aspx":  # the crawl's start: exactly the hop-1 pages
            hop1_urls = {a["fetched_url"] for a in MANIFEST["articles"].values() if a["hop"] == 1}
            hop1_urls |= {p["url"] for p in MANIFEST["not_stored"].values() if p["hop"] == 1}
            assert set(urls) == hop1_urls


def test_converted_text_stored(first: Crawl) -> None:
    rows = first.db["articles"].values()
    assert all(r["title_converted"] for r in rows)
    assert sum(1 for r in rows if r["title_converted"] != r["title"]) > len(rows) // 2


# --- the second crawl -----------------------------------------------------------------------


def test_second_crawl_changes_nothing(crawls: tuple[Crawl, Crawl]) -> None:
    first, second = crawls
    assert second.db["articles"] == first.db["articles"]  # same ids, hashes, changed_at
    assert second.db["links"] == first.db["links"]
    assert second.db["urls"] == first.db["urls"]
    n = len(MANIFEST["articles"])
    assert second.stats["newscrawl/store/unchanged"] == n
    assert second.stats["item_scraped_count"] == n
    assert "newscrawl/store/inserted" not in second.stats
    assert "newscrawl/store/updated" not in second.stats


def test_bundled_site_is_up_to_date() -> None:
    proc = subprocess.run([sys.executable, "scripts/build_bundled_site.py", "--check"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"run scripts/build_bundled_site.py:\n{proc.stdout}{proc.stderr}"
