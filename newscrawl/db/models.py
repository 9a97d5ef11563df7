"""Typed ORM models. Schema changes go through Alembic (newscrawl/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes, stored as UTC. SQLite returns naive values: tag them UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")

        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:

        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(200))

    articles: Mapped[list[ArticleRow]] = relationship(back_populates="source")


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("source_id", "key", name="uq_articles_source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    key: Mapped[str] = mapped_column(String(64))  # the source's own article id
    url: Mapped[str] = mapped_column(String(500), unique=True)  # canonical
    title: Mapped[str] = mapped_column(Text)
    script: Mapped[str] = mapped_column(String(8))  # hant | hans
    category_code: Mapped[str | None] = mapped_column(String(64))
    category_name: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime | None]
    reporters: Mapped[list[Any]] = mapped_column(default=list)
    dateline_place: Mapped[str | None] = mapped_column(String(100))
    credits: Mapped[list[Any]] = mapped_column(default=list)  # [{"role": ..., "name": ...}]
    tags: Mapped[list[Any]] = mapped_column(default=list)
    lead_image_url: Mapped[str | None] = mapped_column(Text)
    lead_image_caption: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    # the other script, from OpenCC; NULL when conversion is off
    converted_script: Mapped[str | None] = mapped_column(String(8))
    converted_config: Mapped[str | None] = mapped_column(String(32))
    title_converted: Mapped[str | None] = mapped_column(Text)
    body_text_converted: Mapped[str | None] = mapped_column(Text)
    body_html_converted: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_stored_at: Mapped[datetime]
    changed_at: Mapped[datetime]  # last time the stored content changed

    source: Mapped[SourceRow] = relationship(back_populates="articles")
    links: Mapped[list[LinkRow]] = relationship(
        back_populates="article", foreign_keys="LinkRow.article_id", cascade="all, delete-orphan"
    )


class ArticleUrlRow(Base):
    """Every URL an article is known under: canonical, other category paths, other editions."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(String(500), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class LinkRow(Base):
    """An edge article -> related article, as the page shows it."""

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("article_id", "kind", "position", name="uq_links_article_kind_pos"),
        Index("ix_links_target", "target_source", "target_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # related | topic | inline | tag
    position: Mapped[int] = mapped_column(Integer)
    target_url: Mapped[str] = mapped_column(String(500))
    target_source: Mapped[str] = mapped_column(String(32))
    target_key: Mapped[str] = mapped_column(String(64))
    target_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    anchor_text: Mapped[str] = mapped_column(Text)

    article: Mapped[ArticleRow] = relationship(back_populates="links", foreign_keys=[article_id])
