"""Page objects, one module per source. Modules that define a Source subclass register here."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newscrawl.pages.base import ArticlePage, ListPage, NotAnArticle, Source

__all__ = ["ArticlePage", "ListPage", "NotAnArticle", "Source", "page_classes", "source_for_url"]


@cache
def page_classes() -> dict[str, tuple[type[ArticlePage], type[ListPage]]]:
    """Source name -> (article page class, list page class), found by scanning this package."""
    found: dict[str, tuple[type[ArticlePage], type[ListPage]]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        articles = [
            v for v in vars(module).values()
            if isinstance(v, type) and issubclass(v, ArticlePage) and v is not ArticlePage
        ]
        lists = [
            v for v in vars(module).values()
            if isinstance(v, type) and issubclass(v, ListPage) and v is not ListPage
        ]
        for page in articles:
            lst = next((c for c in lists if c.source is page.source), None)
            if lst is not None and page.__module__ == module.__name__:
                found[page.source.name] = (page, lst)
    return found


def sources() -> dict[str, type[Source]]:
    return {name: pages[0].source for name, pages in page_classes().items()}


def source_for_url(url: str) -> type[Source] | None:
    for source in sources().values():
        if source.article_key(url):
            return source
    return None
