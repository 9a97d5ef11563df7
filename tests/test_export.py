"""Exports in the formats of ../shared/reference, from a real crawl of the bundled site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from newscrawl.text import normalize_ws

from .conftest import REPO
from .crawling import run_crawl

REFERENCE = REPO.parent / "shared" / "reference"
CNA_REF = "000_8b33a5d1a2295563.txt"
EPOCH_REF = "002_8e906eae1ece1bf5.txt"


def front_matter(text: str) -> dict[str, str]:
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert m, "no front matter"
    return dict(line.split(": ", 1) for line in m.group(1).splitlines())


def paragraphs(html: str) -> list[str]:
    root = lxml.html.fromstring(f"<div>{html}</div>")
    return [normalize_ws(p.text_content()) for p in root.iter("p") if normalize_ws(p.text_content())]


def related(html: str) -> list[tuple[str, str]]:
    root = lxml.html.fromstring(f"<div>{html}</div>")
    return [(a.get("href"), normalize_ws(a.text_content())) for a in root.cssselect("a.moreArticle-link")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("export")
    db = f"sqlite:///{tmp / 'x.db'}"
    run_crawl(tmp, "cna", "cna", db, "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    run_crawl(tmp, "epochtimes", "epochtimes", db, "-a", "edition=gb",
              "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    for fmt in ("jekyll", "mirror"):
        run = subprocess.run([sys.executable, "-m", "newscrawl.cli", "--db", db, "export",
                              "--format", fmt, "--out", str(tmp / fmt)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert re.match(rf"wrote [1-9]\d* {fmt} files", run.stdout)
    return tmp


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is absent")
def test_jekyll_post_matches_the_cna_reference(exported: Path) -> None:
    ref = (REFERENCE / CNA_REF).read_text("utf-8")
    ours = next((exported / "jekyll" / "_posts").glob("2021-01-14-cna-202101140196.md")).read_text("utf-8")
    ref_fm, our_fm = front_matter(ref), front_matter(ours)
    for key in ("layout", "title", "author", "from", "tags", "categories"):
        assert our_fm[key] == ref_fm[key], key
    assert our_fm["date"][:16] == ref_fm["date"][:16]  # the reference's seconds come from its feed
    title_link = f"[{ref_fm['title'].strip(chr(34))}]({ref_fm['from']})"
    assert title_link in ours.splitlines()
    ref_body = ref.split("------\n", 1)[1]
    our_body = ours.split("------\n", 1)[1]
    assert paragraphs(our_body) == paragraphs(ref_body)
    assert related(our_body) == related(ref_body)
    assert 'class="picinfo"' in our_body and "1168x768_20210114000077.jpg" in our_body


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is absent")
def test_mirror_page_matches_the_epoch_reference(exported: Path) -> None:
    ref = (REFERENCE / EPOCH_REF).read_text("utf-8")
    ours = (exported / "mirror" / "pages").rglob("n12687349.md")
    page = next(ours).read_text("utf-8")
    assert page.splitlines()[0] == ref.splitlines()[0]  # ### title
    assert page.splitlines()[1] == ref.splitlines()[1]
    # the article paragraphs, without the mirror's own promo links and the 责任编辑 line
    ref_paras = [p for p in paragraphs(ref.split("<div><p>", 1)[1].rsplit("<hr/>", 1)[0].join(["<div><p>", ""]))
                 if not p.startswith("责任编辑")]
    assert paragraphs(page) == ref_paras
    assert "原文地址：https://www.epochtimes.com/gb/21/1/14/n12687349.htm" in page
    assert "2101140308322378-600x400.jpg" in page
