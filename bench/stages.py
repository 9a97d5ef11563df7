"""Per-stage CPU cost of the cna pipeline on generated pages, in-process (no Scrapy engine).

Complements the sampling profile: the same work the crawl does per article, timed stage by
stage, so the cost of the fetch machinery (the rest of (c) minus (a)) can be told apart from
newscrawl's own code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from bench import sitegen


def _timed(fn: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(rounds):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def measure(
    site: Path, n: int, seed: int, sample: int = 300, rounds: int = 3
) -> list[tuple[str, float]]:
    """(stage, CPU ms per article), averaged over `sample` generated pages."""
    from scrapy.http import HtmlResponse, Request

    from newscrawl.db.writer import _article_values, content_hash
    from newscrawl.pages.cna import CnaArticlePage
    from newscrawl.pipelines.clean import clean_article, html_to_text, sanitize_html
    from newscrawl.pipelines.convert import convert_article, converter

    plans = sitegen.plan_site(n, seed)[:sample]
    bodies = []
    for p in plans:
        path = site / sitegen.HOST / "news" / p.category / f"{p.key}.aspx"
        bodies.append((p.url, path.read_bytes()))
    configs = {"hant": "tw2sp", "hans": "s2twp"}
    converter("tw2sp")

    def responses() -> list[HtmlResponse]:
        return [
            HtmlResponse(url, body=body, encoding="utf-8", request=Request(url))
            for url, body in bodies
        ]

    rs = responses()
    stages: list[tuple[str, float]] = []

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        cpu, result = _timed(fn, rounds)
        stages.append((name, 1000 * cpu / len(bodies)))
        return result

    stage("HtmlResponse + decode (.text)", lambda: [r.text for r in responses()])
    stage(
        "lxml parse (response.selector)",
        lambda: [HtmlResponse(r.url, body=r.body, encoding="utf-8").selector for r in rs],
    )
    for r in rs:
        _ = r.selector
    pages = [CnaArticlePage(r) for r in rs]
    stage("  page.body() (pruned_html per <p>)", lambda: [pg.body() for pg in pages])
    stage("  page.links()", lambda: [pg.links() for pg in pages])
    items = stage("page.to_item() total (parsed tree)", lambda: [pg.to_item() for pg in pages])
    stage("  clean: nh3 sanitize_html", lambda: [sanitize_html(i.body_html) for i in items])
    html = [sanitize_html(i.body_html) for i in items]
    stage("  clean: html_to_text (lxml re-parse)", lambda: [html_to_text(h) for h in html])
    cleaned = stage("clean_article total", lambda: [clean_article(i) for i in items])
    converted = stage(
        "convert_article (OpenCC ×4 fields)", lambda: [convert_article(i, configs) for i in cleaned]
    )
    stage(
        "  of which body_html", lambda: [converter("tw2sp").convert(i.body_html) for i in cleaned]
    )
    stage("content_hash (json + sha256)", lambda: [content_hash(i) for i in converted])
    from datetime import datetime

    now = datetime.now(UTC)
    stage(
        "_article_values (row dict incl. hash)",
        lambda: [_article_values(i, 1, now) for i in converted],
    )
    return stages


def to_markdown(stages: list[tuple[str, float]], sample: int) -> str:
    lines = [
        f"In-process CPU per article, best of 3 over {sample} generated pages "
        "(indented rows are parts of the row above them):",
        "",
        "| stage | CPU ms/article |",
        "|---|---:|",
    ]
    lines += [f"| {name.replace('  ', '&nbsp;&nbsp;')} | {ms:.2f} |" for name, ms in stages]
    return "\n".join(lines)
