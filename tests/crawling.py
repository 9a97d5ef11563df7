"""Run real crawls (`python -m scrapy crawl ...` subprocesses) and read what they stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from newscrawl.db.models import ArticleRow, ArticleUrlRow, LinkRow

REPO = Path(__file__).resolve().parents[1]


def run_crawl(tmp: Path, name: str, spider: str, db_url: str, *args: str,
              timeout: int = 240) -> dict[str, Any]:
    """Crawl in a subprocess from the repository root; return the final stats.

    `args` are extra scrapy arguments (`-a edition=gb`, `-s NEWSCRAWL_REPLAY_DIR=bundled`...).
    NEWSCRAWL_* variables of the calling environment are not passed on.
    """
    stats_file = tmp / f"{name}.stats.json"
    log_file = tmp / f"{name}.log"
    cmd = [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-s", f"NEWSCRAWL_DATABASE_URL={db_url}",
        "-s", f"NEWSCRAWL_SPOOL_DIR={tmp / 'spool'}",
        "-s", f"NEWSCRAWL_STATS_FILE={stats_file}",
        "-s", f"LOG_FILE={log_file}",
        "-s", "LOG_LEVEL=INFO",
        *args,
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    log = log_file.read_text("utf-8") if log_file.exists() else ""
    assert proc.returncode == 0, f"crawl failed:\n{proc.stderr[-3000:]}\n{log[-3000:]}"
    assert stats_file.is_file(), f"no stats file written:\n{log[-3000:]}"
    stats: dict[str, Any] = json.loads(stats_file.read_text("utf-8"))
    assert stats.get("finish_reason") == "finished", stats
    return stats


def snapshot(db_url: str) -> dict[str, Any]:
    """Articles by key, links in id order, and article URLs of a database."""
    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            articles = {
                r.key: {
                    "id": r.id, "url": r.url, "title": r.title, "script": r.script,
                    "body_text": r.body_text, "body_html": r.body_html,
                    "category_code": r.category_code, "published_at": r.published_at,
                    "updated_at": r.updated_at, "reporters": r.reporters,
                    "content_hash": r.content_hash, "changed_at": r.changed_at,
                    "first_stored_at": r.first_stored_at, "title_converted": r.title_converted,
                }
                for r in s.scalars(select(ArticleRow))
            }
            by_id = {a["id"]: k for k, a in articles.items()}
            links = [
                {"from": by_id[r.article_id], "kind": r.kind, "position": r.position,
                 "to_key": r.target_key, "url": r.target_url, "anchor": r.anchor_text,
                 "target_article_id": r.target_article_id, "id": r.id}
                for r in s.scalars(select(LinkRow).order_by(LinkRow.id))
            ]
            urls = {r.url: r.article_id for r in s.scalars(select(ArticleUrlRow))}
    finally:
        engine.dispose()
    return {"articles": articles, "links": links, "urls": urls}
