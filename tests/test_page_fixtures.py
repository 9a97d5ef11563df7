"""Parse every committed page fixture with its source's page class and the clean pipeline.

A fixture is a folder tests/fixtures/pages/<source>/<case>/ holding
* body.html: the raw bytes as served;
* headers.json: {"url": ..., "status": 200, "headers": {"Content-Type": ...}};
* expected.json: expected fields after cleaning (any ArticleItem field, e.g. title, key, url,
  aliases, category_code, category_name, published_at, updated_at (ISO 8601), reporters,
  dateline_place, credits, tags, lead_image_url, lead_image_caption, body_text, links, or
  the `authors` property), or {"not_article": "<NotAnArticle
  reason>"} for pages the page class must reject, or {"dropped": "<reason>"} for items the clean
  pipeline must reject;
* info.json: {"label": ..., "notes": ...}.
Sources and cases are discovered: a new folder is a new test, with no edit here.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from newscrawl.items import ArticleItem
from newscrawl.pages import NotAnArticle, page_classes
from newscrawl.pipelines.clean import clean_article
from newscrawl.pipelines.convert import convert_article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
CASES = sorted(p for p in FIXTURES.glob("*/*") if p.is_dir())
REQUIRED = ("body.html", "headers.json", "expected.json", "info.json")
DATES = ("published_at", "updated_at")
OPENCC = {"hant": "tw2sp", "hans": "s2twp"}


def load(case: Path, name: str) -> Any:
    return json.loads((case / name).read_text("utf-8"))


def response_for(case: Path) -> HtmlResponse:
    meta = load(case, "headers.json")
    # Raw bytes and headers: Scrapy and w3lib pick the encoding as they would in a crawl.
    return HtmlResponse(meta["url"], status=meta.get("status", 200), headers=meta.get("headers"),
                        body=(case / "body.html").read_bytes())


def plain(item: ArticleItem) -> dict[str, Any]:
    data = asdict(item)
    data["authors"] = item.authors  # a property: reporters, then credited names
    for key in DATES:
        data[key] = data[key].isoformat() if data[key] else None
    return data


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def test_fixture_layout() -> None:
    assert len([c for c in CASES if c.parent.name == "cna"]) >= 8
    for case in CASES:
        missing = [n for n in REQUIRED if not (case / n).is_file()]
        assert not missing, f"{case_id(case)} lacks {missing}"
        assert load(case, "info.json").get("label"), f"{case_id(case)}: info.json has no label"
        assert load(case, "headers.json")["url"].startswith("http")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_page_fixture(case: Path) -> None:
    source = case.parent.name
    classes = page_classes()
    assert source in classes, f"no page class for source {source!r} (have {sorted(classes)})"
    article_page = classes[source][0]
    expected = load(case, "expected.json")
    response = response_for(case)

    if "not_article" in expected:
        with pytest.raises(NotAnArticle) as verdict:
            article_page(response).to_item()
        assert verdict.value.reason == expected["not_article"]
        return

    item = article_page(response).to_item()
    if "dropped" in expected:
        with pytest.raises(ValueError) as dropped:
            clean_article(item)
        if expected["dropped"] == "replacement_char":
            assert "U+FFFD" in str(dropped.value)
        return

    cleaned = clean_article(item)
    got = plain(cleaned)
    unknown = set(expected) - set(got)
    assert not unknown, f"expected.json has keys the item lacks: {unknown}"
    for key, want in expected.items():
        if key in DATES and want is not None:
            assert got[key] is not None, key
            assert datetime.fromisoformat(got[key]) == datetime.fromisoformat(want), key
        else:
            assert got[key] == want, f"{case_id(case)}: {key}"

    # The other script: same paragraphs, different characters where OpenCC converts any.
    converted = convert_article(cleaned, OPENCC).converted
    assert converted is not None
    assert converted.script != cleaned.script
    assert converted.body_text.count("\n\n") == cleaned.body_text.count("\n\n")
