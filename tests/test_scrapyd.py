"""Deploy to a real scrapyd with the README's commands, schedule a crawl, check the rows."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newscrawl.db.engine import get_engine
from newscrawl.db.models import ArticleRow
from newscrawl.replay import BUNDLED_SITE

from .conftest import REPO

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> Any:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        "max_proc = 2\n",
        encoding="utf-8",
    )
    log = (home / "scrapyd.out").open("wb")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not start: " + (home / "scrapyd.out").read_text())
        yield base
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def project_copy(dest: Path, port: int) -> Path:
    """The checkout as a user has it, with [deploy:local] pointing at the test's scrapyd."""
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, dest / name)
    shutil.copytree(REPO / "newscrawl", dest / "newscrawl",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    cfg = (REPO / "scrapy.cfg").read_text("utf-8").replace("127.0.0.1:6800", f"127.0.0.1:{port}")
    (dest / "scrapy.cfg").write_text(cfg, encoding="utf-8")
    return dest


def test_deploy_schedule_and_crawl(scrapyd: str, tmp_path: Path) -> None:
    port = int(scrapyd.rsplit(":", 1)[1])
    (tmp_path / "proj").mkdir()
    proj = project_copy(tmp_path / "proj", port)
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "local", "-p", "newscrawl"], cwd=proj,
                            capture_output=True, text=True, timeout=300)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert '"status": "ok"' in deploy.stdout + deploy.stderr

    spiders = api(scrapyd, "listspiders.json?project=newscrawl")["spiders"]
    assert "cna" in spiders

    db = tmp_path / "scrapyd.db"
    job = api(scrapyd, "schedule.json", [
        ("project", "newscrawl"), ("spider", "cna"),
        ("setting", f"NEWSCRAWL_DATABASE_URL=sqlite:///{db}"),
        ("setting", f"NEWSCRAWL_REPLAY_DIR={BUNDLED_SITE}"),
        ("setting", f"NEWSCRAWL_SPOOL_DIR={tmp_path / 'spool'}"),
    ])
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        jobs = api(scrapyd, "listjobs.json?project=newscrawl")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"job did not finish: {jobs}")

    log = next((tmp_path / "scrapyd" / "logs").rglob(f"{job['jobid']}.log")).read_text("utf-8")
    assert "Traceback" not in log, log[-3000:]
    assert "'finish_reason': 'finished'" in log
    manifest = json.loads((BUNDLED_SITE / "www.cna.com.tw" / "_manifest.json").read_text("utf-8"))
    with Session(get_engine(f"sqlite:///{db}")) as session:
        stored = session.scalar(select(func.count()).select_from(ArticleRow))
    assert stored == len(manifest["stored_keys"])
