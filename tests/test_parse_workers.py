"""NEWSCRAWL_PARSE_WORKERS: extraction in a process pool stores exactly what in-process does."""

from __future__ import annotations

from pathlib import Path

from .crawling import run_crawl, snapshot


def test_worker_pool_crawl_stores_the_same_rows(tmp_path: Path) -> None:
    rows = {}
    for workers in (0, 2):
        db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        stats = run_crawl(tmp_path, f"w{workers}", "cna", db, "-s", "NEWSCRAWL_REPLAY_DIR=bundled",
                          "-s", f"NEWSCRAWL_PARSE_WORKERS={workers}")
        snap = snapshot(db)
        rows[workers] = (
            {k: (a["content_hash"], a["title_converted"]) for k, a in snap["articles"].items()},
            sorted((link["from"], link["kind"], link["position"], link["to_key"])
                   for link in snap["links"]),
            {k: v for k, v in stats.items() if k.startswith("newscrawl/") and "store/" not in k},
        )
    assert rows[0][0] and all(conv for _h, conv in rows[0][0].values())
    assert rows[2] == rows[0]
