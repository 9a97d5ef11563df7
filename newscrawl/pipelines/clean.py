"""Sanitize the body HTML, build the plain text, normalize fields, reject U+FFFD."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import lxml.html
import nh3
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import ArticleItem
from newscrawl.text import has_replacement_char, normalize_ws, paragraphs_to_text

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p", "br", "figure", "figcaption", "img", "a", "strong", "b", "em", "i", "u", "sub", "sup",
    "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"img": {"src", "alt"}, "a": {"href"}}
# Block elements whose text forms the plain-text body; captions are kept out of it.
TEXT_BLOCKS = ("p", "h2", "h3", "h4", "blockquote", "li")
# Articles without these are stored, and counted (newscrawl/missing/<field>) to spot layout changes.
OPTIONAL_FIELDS = ("category_name", "lead_image_url", "tags", "credits")


def sanitize_html(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


def html_to_text(html: str) -> str:
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs = [el.text_content() for el in root if el.tag in TEXT_BLOCKS]
    return paragraphs_to_text(paragraphs)


def clean_article(item: ArticleItem) -> ArticleItem:
    """A cleaned copy of `item`. Raises ValueError when the article is unusable."""
    body_html = sanitize_html(item.body_html)
    body_text = html_to_text(body_html)
    cleaned = replace(
        item,
        title=normalize_ws(item.title),
        body_html=body_html,
        body_text=body_text,
        tags=list(dict.fromkeys(normalize_ws(t) for t in item.tags if normalize_ws(t))),
        reporters=[normalize_ws(r) for r in item.reporters if normalize_ws(r)],
        lead_image_caption=normalize_ws(item.lead_image_caption or "") or None,
        category_name=normalize_ws(item.category_name or "") or None,
    )
    if not cleaned.title:
        raise ValueError("no title")
    if not cleaned.body_text:
        raise ValueError("empty body after cleaning")
    if cleaned.published_at is None:
        raise ValueError("no publication time")
    texts = [cleaned.title, cleaned.body_text, cleaned.body_html, cleaned.lead_image_caption,
             *cleaned.tags, *cleaned.reporters, *(link.anchor for link in cleaned.links)]
    if has_replacement_char(*texts):
        raise ValueError("U+FFFD in text: the page was decoded with the wrong charset")
    return cleaned


class CleanPipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        if not crawler.settings.getbool("NEWSCRAWL_CLEAN_ENABLED", True):
            raise NotConfigured("NEWSCRAWL_CLEAN_ENABLED is off")
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        try:
            cleaned = item if "clean" in item.stages else clean_article(item)
        except ValueError as exc:
            reason = "replacement_char" if "U+FFFD" in str(exc) else "invalid"
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
            logger.warning("dropped %s: %s", item.url, exc)
            raise DropItem(f"{item.url}: {exc}") from exc
        for name in OPTIONAL_FIELDS:
            if not getattr(cleaned, name):
                self.stats.inc_value(f"newscrawl/missing/{name}")
        return cleaned
