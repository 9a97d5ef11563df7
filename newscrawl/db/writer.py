"""Idempotent writes of articles and their edges, one transaction per batch.

Articles are upserted by (source, key) with the dialect's ON CONFLICT; a row is rewritten, and
`changed_at` moved, only when the content hash differs. Edges are written in the same
transaction as their article, and dangling edges resolve as soon as their target arrives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Engine, Table, case, delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from newscrawl.db.models import ArticleRow, ArticleUrlRow, LinkRow, SourceRow
from newscrawl.items import ArticleItem

# Stored hashes were made from `dataclasses.asdict` dumped with these options: the payload must
# stay byte-identical, or every stored row would be rewritten once.
_HASH_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    links_written: int = 0
    links_resolved: int = 0


def _columns(item: ArticleItem) -> dict[str, Any]:
    """The article columns that come straight from the item: stored, and hashed."""
    return {
        "url": item.url,
        "title": item.title,
        "script": item.script,
        "category_code": item.category_code,
        "category_name": item.category_name,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "reporters": list(item.reporters),
        "dateline_place": item.dateline_place,
        "credits": [{"role": c.role, "name": c.name} for c in item.credits],
        "tags": list(item.tags),
        "lead_image_url": item.lead_image_url,
        "lead_image_caption": item.lead_image_caption,
        "body_html": item.body_html,
        "body_text": item.body_text,
    }


def content_hash(item: ArticleItem) -> str:
    return _hash(item, _columns(item))


def _hash(item: ArticleItem, columns: dict[str, Any]) -> str:
    # Built by hand: dataclasses.asdict deep-copies every field, bodies included.
    conv = item.converted
    payload = {
        **columns,
        "links": [
            {"url": link.url, "source": link.source, "key": link.key, "anchor": link.anchor,
             "kind": link.kind, "position": link.position}
            for link in item.links
        ],
        "aliases": item.aliases,
        "converted": None if conv is None else {
            "script": conv.script, "config": conv.config, "title": conv.title,
            "body_text": conv.body_text, "body_html": conv.body_html,
            "lead_image_caption": conv.lead_image_caption,
        },
    }
    raw = _HASH_JSON.encode(payload)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _insert(engine: Engine) -> Any:
    return _insert_for(engine.dialect.name)


def _insert_for(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert
    if dialect == "sqlite":
        return sqlite.insert
    raise NotImplementedError(f"no upsert for dialect {dialect}")


class _Statements(NamedTuple):
    articles: Insert  # upsert, RETURNING the rows written
    urls: Insert
    links: Insert


@cache
def _statements(dialect: str, columns: tuple[str, ...]) -> _Statements:
    """Built once and run executemany-style: the compiled form is cached and SQLAlchemy's
    "insertmanyvalues" batches the rows, where a fresh 100-row VALUES compiled on every batch.
    Core tables, not ORM entities: ORM bulk inserts cost about twice as much per row."""
    insert = _insert_for(dialect)
    articles = cast(Table, ArticleRow.__table__)
    stmt = insert(articles)
    updatable = [c for c in columns if c not in ("source_id", "key", "first_stored_at")]
    arts = stmt.on_conflict_do_update(
        index_elements=[articles.c.source_id, articles.c.key],
        set_={c: stmt.excluded[c] for c in updatable},
        where=articles.c.content_hash != stmt.excluded.content_hash,
    ).returning(articles.c.id, articles.c.source_id, articles.c.key, articles.c.first_stored_at)
    article_urls = cast(Table, ArticleUrlRow.__table__)
    stmt = insert(article_urls)
    urls = stmt.on_conflict_do_update(index_elements=[article_urls.c.url],
                                      set_={"article_id": stmt.excluded.article_id})
    return _Statements(arts, urls, insert_links())


def ensure_source(engine: Engine, name: str, title: str, domain: str) -> int:
    insert = _insert(engine)
    stmt = insert(SourceRow).values(name=name, title=title, domain=domain)
    stmt = stmt.on_conflict_do_update(
        index_elements=[SourceRow.name], set_={"title": title, "domain": domain}
    )
    with Session(engine) as session, session.begin():
        session.execute(stmt)
        return session.scalars(select(SourceRow.id).where(SourceRow.name == name)).one()


def _article_values(item: ArticleItem, source_id: int, now: datetime) -> dict[str, Any]:
    conv = item.converted
    columns = _columns(item)
    return {
        "source_id": source_id,
        "key": item.key,
        **columns,
        "converted_script": conv.script if conv else None,
        "converted_config": conv.config if conv else None,
        "title_converted": conv.title if conv else None,
        "body_text_converted": conv.body_text if conv else None,
        "body_html_converted": conv.body_html if conv else None,
        "content_hash": _hash(item, columns),
        "first_stored_at": now,
        "changed_at": now,
    }


def write_articles(
    engine: Engine, source_ids: dict[str, int], items: Sequence[ArticleItem]
) -> WriteResult:
    """Upsert a batch of articles with their URLs and edges in one transaction."""
    result = WriteResult()
    latest: dict[tuple[str, str], ArticleItem] = {}
    for item in items:  # ON CONFLICT cannot touch one row twice in a statement
        latest[(item.source, item.key)] = item
    if not latest:
        return result
    now = datetime.now(UTC)
    rows = [_article_values(i, source_ids[i.source], now) for i in latest.values()]
    stmts = _statements(engine.dialect.name, tuple(rows[0]))

    by_source_id = {v: k for k, v in source_ids.items()}
    with Session(engine) as session, session.begin():
        # Rows left alone by the WHERE (same hash) return nothing.
        written = session.execute(stmts.articles, rows).all()
        ids: dict[tuple[str, str], int] = {}
        for row in written:
            ids[(by_source_id[row.source_id], row.key)] = row.id
            if row.first_stored_at == now:
                result.inserted += 1
            else:
                result.updated += 1
        result.unchanged = len(latest) - len(written)
        if ids:
            _write_urls(session, stmts.urls, ids, latest)
            result.links_written = _write_links(session, stmts.links, ids, latest)
            result.links_resolved = _resolve_links(session, ids)
    return result


def _write_urls(session: Session, stmt: Insert, ids: dict[tuple[str, str], int],
                latest: dict[tuple[str, str], ArticleItem]) -> None:
    urls: dict[str, int] = {}
    for k, article_id in ids.items():
        item = latest[k]
        for url in [item.url, *item.aliases]:
            urls[url] = article_id
    session.execute(stmt, [{"url": u, "article_id": a} for u, a in urls.items()])


def _write_links(session: Session, stmt: Insert, ids: dict[tuple[str, str], int],
                 latest: dict[tuple[str, str], ArticleItem]) -> int:
    session.execute(delete(LinkRow).where(LinkRow.article_id.in_(ids.values())))
    rows = [
        {
            "article_id": article_id,
            "kind": link.kind,
            "position": link.position,
            "target_url": link.url,
            "target_source": link.source,
            "target_key": link.key,
            "anchor_text": link.anchor,
        }
        for k, article_id in ids.items()
        for link in latest[k].links
    ]
    if rows:
        session.execute(stmt, rows)
    return len(rows)


def insert_links() -> Insert:
    from sqlalchemy import insert

    return insert(cast(Table, LinkRow.__table__))


def _resolve_links(session: Session, ids: dict[tuple[str, str], int]) -> int:
    """Point edges at their targets: edges just written, and old edges that waited for these.

    Two statements, each led by an index, so a batch costs the same at 1,000 or 100,000 edges.
    """
    target = (
        select(ArticleRow.id)
        .join(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(SourceRow.name == LinkRow.target_source, ArticleRow.key == LinkRow.target_key)
        .scalar_subquery()
    )
    fresh = (
        update(LinkRow)
        .where(LinkRow.article_id.in_(ids.values()), LinkRow.target_article_id.is_(None),
               exists(target))
        .values(target_article_id=target)
        .execution_options(synchronize_session=False)
    )
    resolved = session.execute(fresh).rowcount or 0  # type: ignore[attr-defined]
    by_source: dict[str, dict[str, int]] = {}
    for (source, key), article_id in ids.items():
        by_source.setdefault(source, {})[key] = article_id
    for source, keys in by_source.items():
        waiting = (
            update(LinkRow)
            .where(LinkRow.target_source == source, LinkRow.target_key.in_(keys),
                   LinkRow.target_article_id.is_(None))
            .values(target_article_id=case(keys, value=LinkRow.target_key))
            .execution_options(synchronize_session=False)
        )
        resolved += session.execute(waiting).rowcount or 0  # type: ignore[attr-defined]
    return resolved


def count_rows(engine: Engine) -> dict[str, int]:
    from sqlalchemy import func

    with Session(engine) as session:
        return {
            "articles": session.scalar(select(func.count()).select_from(ArticleRow)) or 0,
            "links": session.scalar(select(func.count()).select_from(LinkRow)) or 0,
            "links_resolved": session.scalar(
                select(func.count()).select_from(LinkRow).where(
                    LinkRow.target_article_id.is_not(None))) or 0,
            "article_urls": session.scalar(select(func.count()).select_from(ArticleUrlRow)) or 0,
        }


def iter_articles(engine: Engine, source: str | None = None) -> Iterable[ArticleRow]:
    with Session(engine) as session:
        stmt = select(ArticleRow).join(SourceRow).order_by(ArticleRow.published_at, ArticleRow.id)
        if source:
            stmt = stmt.where(SourceRow.name == source)
        yield from session.scalars(stmt)


__all__ = ["WriteResult", "content_hash", "count_rows", "ensure_source", "write_articles"]
