"""The `newscrawl` command and the crawler's manners, against the bundled recorded site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newscrawl import __version__
from newscrawl.replay import BUNDLED_SITE
from newscrawl.replay.server import ReplayServer

from .conftest import REPO

BIN = Path(sys.executable).parent
MANIFEST = BUNDLED_SITE / "www.cna.com.tw" / "_manifest.json"


def test_polite_defaults() -> None:
    s = get_project_settings()
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert 0 < s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert s.getfloat("DOWNLOAD_DELAY") > 0


def test_demo_command_crawls_the_bundled_site_offline(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    run = subprocess.run([str(BIN / "newscrawl"), "--db", db, "demo", "--sources", "cna"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    expected = len(json.loads(MANIFEST.read_text("utf-8"))["stored_keys"])
    m = re.search(r"cna\s+(\d+) articles", run.stdout)
    assert m and int(m.group(1)) == expected, run.stdout


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
