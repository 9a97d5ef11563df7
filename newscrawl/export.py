"""Export stored articles in the formats newscrawl's users publish.

- `jekyll`: a Jekyll post per article, as CNA articles are republished
  (front matter, an epoch-millisecond comment, a title link, then the article HTML).
- `mirror`: a Markdown mirror page per article, as Epoch Times articles are mirrored
  (### title, lead image with caption, the body HTML, the original address).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from newscrawl.db.models import ArticleRow, SourceRow

# How each source signs its posts in the published feeds.
PUBLISHER_LABELS = {"cna": "(臺)中央社CNA", "epochtimes": "大紀元"}
FORMATS = ("jekyll", "mirror")


@dataclass(frozen=True)
class ExportArticle:
    source: str
    key: str
    url: str
    title: str
    published_at: datetime | None
    category_code: str | None
    body_html: str
    lead_image_url: str | None
    lead_image_caption: str | None
    related: tuple[tuple[str, str], ...]  # (url, anchor) of 延伸閱讀-kind links

    @classmethod
    def from_row(cls, row: ArticleRow, script: str = "original") -> ExportArticle:
        converted = script != "original" and row.converted_script == script
        return cls(
            source=row.source.name,
            key=row.key,
            url=row.url,
            title=(row.title_converted or row.title) if converted else row.title,
            published_at=row.published_at,
            category_code=row.category_code,
            body_html=(row.body_html_converted or row.body_html) if converted else row.body_html,
            lead_image_url=row.lead_image_url,
            lead_image_caption=row.lead_image_caption,
            related=tuple(
                (link.target_url, link.anchor_text)
                for link in sorted(row.links, key=lambda x: x.position)
                if link.kind == "related"
            ),
        )


def _iso_z(dt: datetime | None) -> str:
    dt = (dt or datetime.fromtimestamp(0, UTC)).astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def render_jekyll(a: ExportArticle) -> str:
    label = PUBLISHER_LABELS.get(a.source, a.source)
    millis = int((a.published_at or datetime.fromtimestamp(0, UTC)).timestamp() * 1000)
    lead = ""
    if a.lead_image_url:
        cap = escape(a.lead_image_caption or "")
        lead = (
            '<div class="fullPic"><div class="floatImg center"><div class="wrap">'
            f'<img src="{escape(a.lead_image_url)}" alt="{cap}"></div>'
            f'<div class="picinfo">{cap}</div></div></div><div></div>'
        )
    more = ""
    if a.related:
        links = "".join(
            f"<a class='moreArticle-link' href='{escape(url)}'><span>{escape(anchor)}</span></a>"
            for url, anchor in a.related
        )
        more = f"<div class='paragraph moreArticle'><div class='moreArticle-title'>延伸閱讀</div>{links}</div>"
    body = a.body_html.replace("\n", "")
    return (
        "---\n"
        "layout: post\n"
        f"title: {json.dumps(a.title, ensure_ascii=False)}\n"
        f"date: {_iso_z(a.published_at)}\n"
        f"author: {label}\n"
        f"from: {a.url}\n"
        f"tags: [ {label} ]\n"
        f"categories: [ {label} ]\n"
        "---\n"
        f"<!--{millis}-->\n"
        f"[{a.title}]({a.url})\n"
        "------\n\n"
        "<div>\n"
        f'{lead}<div class="paragraph">{body}{more}</div>\n'
        "</div>\n"
    )


def render_mirror(a: ExportArticle) -> str:
    parts = [f"### {a.title}", "------------------------", ""]
    if a.lead_image_url:
        parts += [
            f'<div><img alt="{escape(a.title)}" src="{escape(a.lead_image_url)}"/>',
            '<div class="caption">',
            f" {escape(a.lead_image_caption or '')}",
            "</div></div><hr/>",
            "",
        ]
    parts += ["<div>", a.body_html, "</div>", "<hr/>", f"原文地址：{a.url}", ""]
    return "\n".join(parts)


def export_path(a: ExportArticle, fmt: str) -> Path:
    if fmt == "jekyll":
        day = (a.published_at or datetime.fromtimestamp(0, UTC)).strftime("%Y-%m-%d")
        return Path("_posts") / f"{day}-{a.source}-{a.key}.md"
    return Path("pages") / (a.category_code or "misc") / f"{a.key}.md"


def iter_export(engine: Engine, source: str | None = None,
                script: str = "original") -> Iterator[ExportArticle]:
    with Session(engine) as session:
        stmt = (
            select(ArticleRow)
            .join(SourceRow)
            .options(selectinload(ArticleRow.links), selectinload(ArticleRow.source))
            .order_by(ArticleRow.published_at, ArticleRow.id)
            .execution_options(yield_per=200)
        )
        if source:
            stmt = stmt.where(SourceRow.name == source)
        for row in session.scalars(stmt):
            yield ExportArticle.from_row(row, script)


def export(engine: Engine, out: Path, fmt: str, source: str | None = None,
           script: str = "original") -> int:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    render = render_jekyll if fmt == "jekyll" else render_mirror
    count = 0
    for article in iter_export(engine, source, script):
        path = out / export_path(article, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(article), encoding="utf-8")
        count += 1
    return count


__all__ = ["FORMATS", "ExportArticle", "export", "render_jekyll", "render_mirror"]
