"""Items that flow from page objects through the pipelines into storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Link kinds stored on edges.
RELATED = "related"  # editor-picked related reading (CNA 延伸閱讀)
TOPIC = "topic"  # per-keyword blocks (CNA a.discursive)
INLINE = "inline"  # links set inside the body text
TAG = "tag"  # tag pages: kept on the article, never followed


@dataclass(frozen=True)
class RelatedLink:
    """One article -> article edge as found on the page."""

    url: str  # canonical URL of the target article
    source: str  # source name of the target, e.g. "cna"
    key: str  # target article id within that source
    anchor: str
    kind: str
    position: int  # 0-based order within its kind


@dataclass(frozen=True)
class Credit:
    role: str  # editor | translator | reviewer
    name: str


@dataclass
class Converted:
    """The article in the other script, made by OpenCC."""

    script: str  # "hans" | "hant"
    config: str  # OpenCC config used, e.g. "tw2sp"
    title: str
    body_text: str
    body_html: str
    lead_image_caption: str | None = None


@dataclass
class ArticleItem:
    source: str
    key: str
    url: str  # canonical URL
    title: str
    body_html: str  # sanitized by CleanPipeline
    script: str  # script of the original text: "hant" | "hans"
    fetched_url: str = ""
    aliases: list[str] = field(default_factory=list)
    body_text: str = ""
    category_code: str | None = None
    category_name: str | None = None
    published_at: datetime | None = None  # aware, UTC after cleaning
    updated_at: datetime | None = None
    reporters: list[str] = field(default_factory=list)
    dateline_place: str | None = None
    credits: list[Credit] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    lead_image_url: str | None = None
    lead_image_caption: str | None = None
    links: list[RelatedLink] = field(default_factory=list)
    converted: Converted | None = None
    # Pipeline stages already applied, when a parse worker ran them ("clean", "convert").
    stages: list[str] = field(default_factory=list)

    @property
    def authors(self) -> list[str]:
        """Reporters plus credited editors/translators, in page order, no repeats."""
        seen: dict[str, None] = {}
        for name in [*self.reporters, *(c.name for c in self.credits)]:
            seen.setdefault(name, None)
        return list(seen)
