"""Acceptance: the CNA page class against real CNA pages saved in ../shared/pages.

The pages are read in place (they are not the project's to copy). The module is skipped only when
that folder is absent; a real page that fails to parse is a failure. Gold values are the ones the
source repository's own tests asserted (see the *.gold.json files); the related-link lists are
"derived_from_html" values extracted by the collector with the selectors they name.

    pytest -m acceptance -s tests/test_acceptance_cna.py   # also prints a per-field table
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from newscrawl.items import ArticleItem
from newscrawl.pages.cna import CnaArticlePage
from newscrawl.pipelines.clean import clean_article
from newscrawl.text import normalize_ws

pytestmark = pytest.mark.acceptance

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "pages"
if not SHARED.is_dir():
    pytest.skip(f"real pages not available at {SHARED}", allow_module_level=True)

PAGES = sorted(SHARED.glob("cna_*.html"))


@dataclass
class Case:
    name: str
    url: str
    gold: dict[str, Any]
    item: ArticleItem

    def derived(self, prefix: str) -> Any:
        found = self.gold.get("derived_from_html", {})
        matches = [v for k, v in found.items() if k.startswith(prefix)]
        assert len(matches) == 1, f"{self.name}: no unique derived_from_html key {prefix!r}"
        return matches[0]


def load(page: Path) -> Case:
    # cna_<category>_<key>.html, saved from https://www.cna.com.tw/news/<category>/<key>.aspx
    _, category, key = page.stem.split("_")
    url = f"https://www.cna.com.tw/news/{category}/{key}.aspx"
    response = HtmlResponse(url, body=page.read_bytes(),
                            headers={"Content-Type": "text/html; charset=utf-8"})
    gold = json.loads(page.with_suffix(".gold.json").read_text("utf-8"))
    return Case(page.stem, url, gold, clean_article(CnaArticlePage(response).to_item()))


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return [load(p) for p in PAGES]


def links(item: ArticleItem, kind: str) -> list[str]:
    return [link.url for link in item.links if link.kind == kind]


def paragraphs(text: str) -> list[str]:
    return [normalize_ws(p) for p in text.split("\n\n")]


# Field checks: (name, applies to this gold?, expected, actual)
CHECKS: list[tuple[str, Callable[[Case], bool], Callable[[Case], Any], Callable[[Case], Any]]] = [
    ("title", lambda c: "title" in c.gold, lambda c: c.gold["title"], lambda c: c.item.title),
    ("category", lambda c: "category" in c.gold, lambda c: c.gold["category"],
     lambda c: c.item.category_name),
    # The gold "author" lists the names in the closing credit (編輯, 譯者, 核稿).
    ("authors", lambda c: "author" in c.gold, lambda c: c.gold["author"],
     lambda c: [credit.name for credit in c.item.credits]),
    # Compared as sets: the gold of aopl_0260 lists its tags in an order found nowhere on the
    # page (not the keywordTag order, nor the article:tag metas, nor the JSON-LD keywords).
    ("tags", lambda c: "tags" in c.gold, lambda c: set(c.gold["tags"]),
     lambda c: set(c.item.tags)),
    ("body", lambda c: "content" in c.gold,
     lambda c: [normalize_ws(p) for p in c.gold["content"]],
     lambda c: paragraphs(c.item.body_text)),
    ("related", lambda c: True, lambda c: c.derived("related_moreArticle_link ("),
     lambda c: links(c.item, "related")),
    ("topic", lambda c: True, lambda c: c.derived("keyword_blocks_discursive"),
     lambda c: links(c.item, "topic")),
    ("published", lambda c: True,
     lambda c: datetime.fromisoformat(c.derived("published_time")),
     lambda c: c.item.published_at),
]


def test_pages_present() -> None:
    assert PAGES, f"no cna_*.html in {SHARED}"


@pytest.mark.parametrize("check", CHECKS, ids=[c[0] for c in CHECKS])
def test_field(cases: list[Case], check: tuple[Any, ...]) -> None:
    name, applies, want, got = check
    relevant = [c for c in cases if applies(c)]
    assert relevant, f"no gold value for {name}"
    for case in relevant:
        assert got(case) == want(case), f"{case.name}: {name}"


def test_related_titles(cases: list[Case]) -> None:
    for case in cases:
        anchors = [link.anchor for link in case.item.links if link.kind == "related"]
        assert anchors == case.derived("related_moreArticle_link_titles"), case.name


def test_not_the_copyright_line(cases: list[Case]) -> None:
    # The second div.paragraph holds the copyright notice; it is not article text.
    for case in cases:
        assert "非經授權" not in case.item.body_text, case.name
        assert case.item.credits, f"{case.name}: no closing credit found"


def test_match_rate_table(cases: list[Case]) -> None:
    """Per-field match rate over the real pages (printed with -s); every field must be 100%."""
    rows = []
    for name, applies, want, got in CHECKS:
        relevant = [c for c in cases if applies(c)]
        ok = sum(1 for c in relevant if got(c) == want(c))
        rows.append((name, ok, len(relevant)))
    print("\nCNA acceptance: field match rate over", len(cases), "real pages")
    print(f"{'field':<10} {'match':>7}")
    for name, ok, n in rows:
        print(f"{name:<10} {ok:>3}/{n:<3} {100 * ok / n if n else 0:5.0f}%")
    assert all(ok == n for _, ok, n in rows), rows
