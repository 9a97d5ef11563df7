"""The `newscrawl` command and the crawler's manners, against the bundled recorded site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scrapy.utils.project import get_project_settings
from sqlalchemy import select
from sqlalchemy.orm import Session

from newscrawl import __version__
from newscrawl.db.engine import get_engine
from newscrawl.db.models import ArticleRow
from newscrawl.replay import BUNDLED_SITE
from newscrawl.replay.server import ReplayServer

from .conftest import REPO

BIN = Path(sys.executable).parent


def test_polite_defaults() -> None:
    s = get_project_settings()
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert 0 < s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert s.getfloat("DOWNLOAD_DELAY") > 0


def test_demo_holds_one_event_from_two_sources_in_two_scripts(tmp_path: Path) -> None:
    """`newscrawl demo`: the bundled site, both sources, one database, no network."""
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    run = subprocess.run([str(BIN / "newscrawl"), "--db", db, "demo"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    for host, source, rows_key in (("www.cna.com.tw", "cna", "stored_keys"),
                                   ("www.epochtimes.com", "epochtimes", "articles")):
        manifest = json.loads((BUNDLED_SITE / host / "_manifest.json").read_text("utf-8"))
        m = re.search(rf"{source}\s+(\d+) articles", run.stdout)
        assert m and int(m.group(1)) == len(manifest[rows_key]), run.stdout

    with Session(get_engine(db)) as session:
        rows = {
            (r.source.name, r.key): r
            for r in session.scalars(select(ArticleRow).where(
                ArticleRow.key.in_(["202101140196", "n12687349"])))
        }
        cna, epoch = rows[("cna", "202101140196")], rows[("epochtimes", "n12687349")]
        assert cna.title == "與美駐聯大使克拉夫特視訊 蔡總統：繼續推動入聯"
        assert cna.script == "hant" and cna.converted_script == "hans"
        assert cna.title_converted == "与美驻联大使克拉夫特视频 蔡总统：继续推动入联"
        assert epoch.script == "hant" and epoch.converted_script == "hans"  # b5 crawled by default
        # tw2sp converts phrases too: Taiwan's 視訊 becomes the mainland 视频, where the site's own
        # mechanical gb edition keeps 视讯.
        assert epoch.title_converted == "蔡英文与美驻联大使视频：盼台湾加入联合国"
        assert "克拉夫特" in cna.body_text and "克拉夫特" in epoch.body_text
        assert cna.published_at and epoch.published_at
        assert cna.published_at.date() == epoch.published_at.date()


def test_robots_first_honest_user_agent_and_disallowed_paths_skipped(tmp_path: Path) -> None:
    contact = "https://example.org/newscrawl-contact"
    with ReplayServer(BUNDLED_SITE) as server:
        run = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "cna",
             "-s", f"NEWSCRAWL_REPLAY_URL={server.url}", "-s", f"NEWSCRAWL_CONTACT_URL={contact}",
             "-s", f"NEWSCRAWL_DATABASE_URL=sqlite:///{tmp_path / 'p.db'}",
             "-s", "NEWSCRAWL_STORE_ENABLED=False"],
            cwd=REPO, capture_output=True, text=True, timeout=300)
        requests = list(server.requests)
    assert run.returncode == 0, run.stderr[-3000:]
    paths = [p for p, _ua in requests]
    assert paths[0] == "/www.cna.com.tw/robots.txt"
    assert {ua for _p, ua in requests} == {f"newscrawl/{__version__} (+{contact})"}
    robots = (BUNDLED_SITE / "www.cna.com.tw" / "robots.txt").read_text("utf-8")
    disallowed = [line.split(":", 1)[1].strip() for line in robots.splitlines()
                  if line.lower().startswith("disallow:") and line.split(":", 1)[1].strip()]
    assert disallowed
    for prefix in disallowed:
        assert not [p for p in paths if p.startswith(f"/www.cna.com.tw{prefix}")], prefix
    assert "Forbidden by robots.txt" in run.stderr or "robotstxt/forbidden" in run.stderr
