"""Storage on real SQLite and PostgreSQL: migrations, idempotent upserts, edge resolution."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newscrawl.db.engine import get_engine
from newscrawl.db.migrate import current, upgrade
from newscrawl.db.models import ArticleRow, ArticleUrlRow, LinkRow
from newscrawl.db.writer import content_hash, count_rows, ensure_source, write_articles
from newscrawl.items import RELATED, TOPIC, ArticleItem, Converted, Credit, RelatedLink


def cna_url(key: str, cat: str = "aipl") -> str:
    return f"https://www.cna.com.tw/news/{cat}/{key}.aspx"


def make_item(key: str, targets: tuple[str, ...] = (), title: str | None = None) -> ArticleItem:
    return ArticleItem(
        source="cna",
        key=key,
        url=cna_url(key),
        title=title or f"標題 {key}",
        body_html=f"<p>內文 {key}（中央社）</p>",
        body_text=f"內文 {key}（中央社）",
        script="hant",
        published_at=datetime(2021, 1, 14, 9, 0, tzinfo=UTC),
        credits=[Credit("editor", "蘇志宗")],
        tags=["外交"],
        links=[
            RelatedLink(cna_url(t), "cna", t, f"相關 {t}", RELATED if i % 2 == 0 else TOPIC, i // 2)
            for i, t in enumerate(targets)
        ],
    )


def setup_db(url: str) -> tuple[Engine, dict[str, int]]:
    engine = get_engine(url)
    upgrade(engine)
    return engine, {"cna": ensure_source(engine, "cna", "中央社", "www.cna.com.tw")}


def snapshot(engine: Engine) -> list[tuple[object, ...]]:
    with Session(engine) as s:
        arts = s.execute(select(ArticleRow.id, ArticleRow.key, ArticleRow.changed_at,
                                ArticleRow.content_hash).order_by(ArticleRow.id)).all()
        links = s.execute(select(LinkRow.id, LinkRow.article_id, LinkRow.target_article_id)
                          .order_by(LinkRow.id)).all()
    return [tuple(r) for r in arts] + [tuple(r) for r in links]


def test_migrations_reach_head_and_are_repeatable(db_url: str) -> None:
    engine = get_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    assert current(engine) == "0001"


def test_rerun_leaves_the_same_rows(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    batch = [make_item("202101140001", ("202101140002",)), make_item("202101140002", ("202101140001",))]
    first = write_articles(engine, ids, batch)
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    before = snapshot(engine)
    second = write_articles(engine, ids, batch)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 2)
    assert snapshot(engine) == before


def test_change_moves_changed_at_and_rewrites_edges(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    write_articles(engine, ids, [make_item("202101140001", ("202101140002", "202101140003",))])
    with Session(engine) as s:
        old = s.scalars(select(ArticleRow)).one()
        old_changed, old_first = old.changed_at, old.first_stored_at
    edited = make_item("202101140001", ("202101140003",), title="新標題")
    result = write_articles(engine, ids, [edited])
    assert (result.inserted, result.updated) == (0, 1)
    with Session(engine) as s:
        row = s.scalars(select(ArticleRow)).one()
        assert row.title == "新標題"
        assert row.changed_at > old_changed
        assert row.first_stored_at == old_first
        assert [link.target_key for link in row.links] == ["202101140003"]


def test_dangling_edges_resolve_when_target_arrives(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    write_articles(engine, ids, [make_item("202101140001", ("202101140002",))])
    counts = count_rows(engine)
    assert counts["links"] == 1 and counts["links_resolved"] == 0
    write_articles(engine, ids, [make_item("202101140002")])
    with Session(engine) as s:
        link = s.scalars(select(LinkRow)).one()
        target = s.scalars(select(ArticleRow).where(ArticleRow.key == "202101140002")).one()
        assert link.target_article_id == target.id


def test_same_article_twice_in_a_batch_is_one_row(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    a = make_item("202101140001")
    b = replace(a, aliases=[cna_url("202101140001", "firstnews")])
    write_articles(engine, ids, [a, b])
    with Session(engine) as s:
        assert len(s.scalars(select(ArticleRow)).all()) == 1
        urls = sorted(s.scalars(select(ArticleUrlRow.url)).all())
    assert urls == sorted([cna_url("202101140001"), cna_url("202101140001", "firstnews")])


def test_self_link_is_stored_and_resolves_to_itself(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    write_articles(engine, ids, [make_item("202101140001", ("202101140001",))])
    with Session(engine) as s:
        link = s.scalars(select(LinkRow)).one()
        assert link.target_article_id == link.article_id


def test_mixed_batch_counts_only_rows_written(db_url: str) -> None:
    """One executemany upsert: rows whose hash is unchanged come back from RETURNING not at all."""
    engine, ids = setup_db(db_url)
    a, b, c = (make_item(k, ("202101140009",)) for k in ("202101140001", "202101140002",
                                                          "202101140003"))
    write_articles(engine, ids, [a, b])
    before = snapshot(engine)
    result = write_articles(engine, ids, [a, replace(b, title="新標題"), c])
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert result.links_written == 2  # b's and c's edges; a's are left alone
    after = snapshot(engine)
    assert after[0] == before[0]  # a untouched, changed_at included
    assert after[1][:2] == before[1][:2] and after[1][2:] != before[1][2:]


def _old_content_hash(item: ArticleItem) -> str:
    """The formula behind every hash already stored; content_hash must match it byte for byte."""
    hashed = (
        "url", "title", "script", "category_code", "category_name", "published_at", "updated_at",
        "reporters", "dateline_place", "credits", "tags", "lead_image_url", "lead_image_caption",
        "body_html", "body_text", "links", "aliases", "converted",
    )
    data = asdict(item)
    payload = {k: data[k] for k in hashed}
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def test_content_hash_matches_the_stored_formula() -> None:
    base = make_item("202101140001", ("202101140002", "202101140003", "202101140004"))
    converted = Converted("hans", "tw2sp", "标题", "内文（中央社）", "<p>内文</p>")
    items = [
        base,
        make_item("202101140005"),  # no links
        ArticleItem(source="cna", key="1", url=cna_url("1"), title="", body_html="",
                    script="hans"),  # defaults only: None fields, empty lists, converted=None
        replace(base, converted=converted),
        replace(base, converted=replace(converted, lead_image_caption="图说")),
        replace(
            base,
            aliases=[cna_url("202101140001", "firstnews"), "https://cna.com.tw/a?b=1&c=\\"],
            reporters=["游佩明", "蘇傑涵"],
            credits=[Credit("editor", "蘇志宗"), Credit("translator", 'A "B" \n')],
            category_code="aipl", category_name="政治", dateline_place="台北",
            updated_at=datetime(2021, 1, 14, 10, 30, 5, 123456, tzinfo=UTC),
            published_at=datetime(2021, 1, 14, 18, 0, tzinfo=timezone(timedelta(hours=8))),
            lead_image_url="https://imgcdn.cna.com.tw/x.jpg", lead_image_caption="圖說\n😀",
            tags=["外交", "美國"], body_text="行一\n行二\t\u2028", fetched_url="ignored",
            stages=["clean", "convert"],
        ),
    ]
    hashes = [content_hash(i) for i in items]
    assert hashes == [_old_content_hash(i) for i in items]
    assert len(set(hashes)) == len(hashes)
    # Fields outside the hash stay outside it.
    assert content_hash(replace(base, fetched_url="x", stages=["clean"])) == hashes[0]


def test_timestamps_come_back_utc_aware(db_url: str) -> None:
    engine, ids = setup_db(db_url)
    write_articles(engine, ids, [make_item("202101140001")])
    with Session(engine) as s:
        row = s.scalars(select(ArticleRow)).one()
    assert row.published_at == datetime(2021, 1, 14, 9, 0, tzinfo=UTC)
    assert row.published_at.utcoffset() is not None


def _writer(url: str, barrier: Any) -> None:
    engine, ids = setup_db(url)
    batch = [make_item(f"2021011400{i:02d}", (f"2021011400{(i + 1) % 30:02d}",)) for i in range(30)]
    barrier.wait()
    for _ in range(3):
        write_articles(engine, ids, batch)


def test_concurrent_processes_do_not_duplicate(pg_url: str) -> None:
    """Many crawler processes on one PostgreSQL database: upserts keep one row per article."""
    setup_db(pg_url)
    get_engine(pg_url).dispose()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    procs = [ctx.Process(target=_writer, args=(pg_url, barrier)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    counts = count_rows(get_engine(pg_url))
    assert counts["articles"] == 30
    assert counts["links"] == 30
    assert counts["links_resolved"] == 30
