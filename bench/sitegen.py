"""Generate a static CNA-structured site of N articles for the benchmark.

Pages are rendered by `newscrawl.replay.render_cna` (CNA's real DOM); this module only makes up
the content and the link graph:

* articles ordered by publication time, ~250 a day, keys `<yyyymmdd><nnnn>` like CNA's;
* a body of about 1,500 characters of Traditional Chinese, a lead image with caption, 0-2 images
  in the body, 1-4 tags;
* a 延伸閱讀 (related) block with 3-6 links: always the previous article (so the newest article
  reaches every other one: the graph is connected), the rest mostly recent articles plus a few
  anywhere in the archive; half the articles also have keyword (topic) blocks, some an inline link;
* list pages: /list/aall.aspx (the spider's start page) and one per category.

Output layout is the replay layout: `<root>/www.cna.com.tw/news/<cat>/<key>.aspx`, plus robots.txt.
A manifest records what was generated so an identical site is reused instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, timezone
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench import textgen

HOST = "www.cna.com.tw"
BASE = f"https://{HOST}"
TAIPEI = timezone(timedelta(hours=8))
CATEGORIES = [
    "aipl",
    "aopl",
    "acn",
    "aie",
    "asc",
    "ait",
    "ahel",
    "asoc",
    "aloc",
    "acul",
    "aspt",
    "amov",
]
PER_DAY = 250
LIST_SIZE = 20
FOCUS = 6
GENERATOR_VERSION = 3  # bump when the content or graph rules change
ROBOTS = "User-agent: *\nDisallow: /search/\nAllow: /\n"


@dataclass
class Plan:
    """Content of one article before rendering (everything but the text is decided here)."""

    index: int
    key: str
    category: str
    published: datetime
    updated: datetime | None
    related: list[int]
    topics: list[tuple[str, list[int]]]
    inline: list[int]
    n_figures: int

    @property
    def url(self) -> str:
        return f"{BASE}/news/{self.category}/{self.key}.aspx"


def plan_site(n: int, seed: int = 2024) -> list[Plan]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 0, 5, tzinfo=TAIPEI)
    plans: list[Plan] = []
    seq_by_day: dict[str, int] = {}
    for i in range(n):
        published = start + timedelta(seconds=i * 86400 // PER_DAY + rng.randint(0, 200))
        day = published.strftime("%Y%m%d")
        seq_by_day[day] = seq_by_day.get(day, 0) + 1
        updated = published + timedelta(minutes=rng.randint(5, 180)) if rng.random() < 0.3 else None
        plans.append(
            Plan(
                i,
                f"{day}{seq_by_day[day]:04d}",
                rng.choice(CATEGORIES),
                published,
                updated,
                [],
                [],
                [],
                rng.choice((0, 0, 1, 1, 2)),
            )
        )

    def pick(i: int, taken: set[int]) -> int | None:
        for _ in range(20):
            if rng.random() < 0.8 and i > 2:
                j = rng.randint(max(0, i - 300), i - 2)  # recent stories
            else:
                j = rng.randrange(n)  # anywhere in the archive, also later ones
            if j != i and j not in taken:
                return j
        return None

    for p in plans:
        i = p.index
        taken = {i}
        first = i - 1 if i > 0 else (1 if n > 1 else None)
        if first is not None:
            p.related.append(first)
            taken.add(first)
        for _ in range(rng.randint(3, 6) - len(p.related)):
            j = pick(i, taken)
            if j is not None:
                p.related.append(j)
                taken.add(j)
        if rng.random() < 0.5:
            for _ in range(rng.choice((1, 1, 2))):
                links = [
                    j for j in (pick(i, taken) for _ in range(rng.randint(2, 3))) if j is not None
                ]
                taken.update(links)
                if links:
                    p.topics.append((textgen.tag(rng), links))
        if rng.random() < 0.3:
            j = pick(i, taken)
            if j is not None:
                p.inline.append(j)
    return plans


# --- rendering -----------------------------------------------------------------------------


def _build(cls: type, values: dict[str, Any]) -> Any:
    """Instantiate render_cna's dataclass with the fields it actually has."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


_PLANS: list[Plan] = []
_TITLES: list[str] = []


def _title(i: int, seed: int) -> str:
    return textgen.title(random.Random(f"{seed}-title-{i}"))


def site_article(p: Plan, seed: int) -> Any:
    from newscrawl.replay.render_cna import SiteArticle

    rng = random.Random(f"{seed}-{p.index}")
    local = p.published.astimezone(TAIPEI)
    roc = f"{local.year - 1911}{local:%m%d}"
    paragraphs = textgen.body(rng, local.day, roc)
    img = f"https://imgcdn.cna.com.tw/www/WebPhotos/1024/{p.key}.jpg"
    figures = [
        (f"https://imgcdn.cna.com.tw/www/WebPhotos/800/{p.key}{k}.jpg", textgen.caption(rng))
        for k in range(1, p.n_figures + 1)
    ]

    def ref(j: int) -> tuple[str, str]:
        return _PLANS[j].url, _TITLES[j]

    return _build(
        SiteArticle,
        {
            "key": p.key,
            "category": p.category,
            "title": _TITLES[p.index],
            "paragraphs": paragraphs,
            "published": p.published,
            "updated": p.updated,
            "image_src": img,
            "image_caption": textgen.caption(rng),
            "tags": list(dict.fromkeys(textgen.tag(rng) for _ in range(rng.randint(1, 4)))),
            "related": [ref(j) for j in p.related],
            "topics": [(kw, [ref(j) for j in links]) for kw, links in p.topics],
            "inline": [ref(j) for j in p.inline],
            "figures": figures,
            "related_autotag": rng.choice((0, 0, 1, 2)) if len(p.related) > 3 else 0,
            # 聚焦新聞: the same few headlines on every page, as on the real site (not followed by
            # the cna spider, which follows related/topic/inline links only).
            "focus": [ref(j) for j in range(max(0, len(_PLANS) - FOCUS), len(_PLANS))],
        },
    )


def _article_path(root: Path, p: Plan) -> Path:
    return root / HOST / "news" / p.category / f"{p.key}.aspx"


def _render_range(args: tuple[str, int, int, int]) -> int:
    from newscrawl.replay.render_cna import render_article

    root, seed, lo, hi = args
    written = 0
    for p in _PLANS[lo:hi]:
        path = _article_path(Path(root), p)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_article(site_article(p, seed)), "utf-8")
        written += 1
    return written


def _init_worker(plans: list[Plan], titles: list[str]) -> None:
    import signal

    global _PLANS, _TITLES
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # Pool.terminate() ends workers quietly
    _PLANS, _TITLES = plans, titles


def renderer_fingerprint() -> str:
    import newscrawl.replay.render_cna as r

    data = (
        Path(r.__file__).read_bytes()
        + Path(textgen.__file__).read_bytes()
        + Path(__file__).read_bytes()
    )
    return hashlib.sha256(data).hexdigest()[:16]


def generate(
    root: Path, n: int, seed: int = 2024, workers: int | None = None, log: Any = print
) -> dict[str, Any]:
    """Write the site under `root` unless an identical one is already there; the manifest."""
    from newscrawl.replay.render_cna import render_list

    manifest_path = root / "manifest.json"
    want = {"n": n, "seed": seed, "version": GENERATOR_VERSION, "renderer": renderer_fingerprint()}
    if manifest_path.exists():
        have = json.loads(manifest_path.read_text("utf-8"))
        if all(have.get(k) == v for k, v in want.items()):
            log(f"site N={n}: reusing {root}")
            return have
    if root.exists():
        import shutil

        shutil.rmtree(root)
    root.mkdir(parents=True)
    log(f"site N={n}: generating into {root} ...")
    plans = plan_site(n, seed)
    titles = [_title(i, seed) for i in range(n)]
    _init_worker(plans, titles)
    workers = workers or os.cpu_count() or 1
    chunks = [(str(root), seed, lo, min(n, lo + 500)) for lo in range(0, n, 500)]
    if workers > 1 and n > 500:
        with Pool(workers, initializer=_init_worker, initargs=(plans, titles)) as pool:
            written = sum(pool.imap_unordered(_render_range, chunks))
    else:
        written = sum(_render_range(c) for c in chunks)
    assert written == n

    # List pages: newest first, the start page /list/aall.aspx and one per category.
    newest = sorted(plans, key=lambda p: p.published, reverse=True)
    lists = {"aall": newest[:LIST_SIZE]}
    for cat in CATEGORIES:
        lists[cat] = [p for p in newest if p.category == cat][:LIST_SIZE]
    for code, members in lists.items():
        path = root / HOST / "list" / f"{code}.aspx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_list(code, [site_article(p, seed) for p in members]), "utf-8")
    (root / HOST / "robots.txt").write_text(ROBOTS, "utf-8")

    sizes = [_article_path(root, p).stat().st_size for p in plans]
    edges = sum(
        len(p.related) + sum(len(links) for _, links in p.topics) + len(p.inline) for p in plans
    )
    manifest = {
        **want,
        "articles": n,
        "list_pages": len(lists),
        "start_list_articles": len(lists["aall"]),
        "edges": edges,
        "article_bytes_mean": sum(sizes) // n,
        "site_bytes": sum(sizes),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    manifest_path.write_text(json.dumps(manifest, indent=1), "utf-8")
    log(
        f"site N={n}: {n} articles, {edges} edges, mean page {manifest['article_bytes_mean']:,} bytes"
    )
    return manifest


def reachable(n: int, seed: int = 2024) -> int:
    """How many articles a crawl from the start list reaches (sanity check of the graph)."""
    plans = plan_site(n, seed)
    newest = sorted(plans, key=lambda p: p.published, reverse=True)[:LIST_SIZE]
    seen = {p.index for p in newest}
    stack = list(seen)
    while stack:
        p = plans[stack.pop()]
        for j in [*p.related, *(j for _, links in p.topics for j in links), *p.inline]:
            if j not in seen:
                seen.add(j)
                stack.append(j)
    return len(seen)


def article_paths(n: int, seed: int = 2024) -> list[str]:
    """Server-side paths of every article (for the load test)."""
    return [f"/{HOST}/news/{p.category}/{p.key}.aspx" for p in plan_site(n, seed)]
