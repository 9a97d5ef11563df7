"""Add the other script with OpenCC, keeping the original."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import opencc
from scrapy.exceptions import NotConfigured

from newscrawl.items import ArticleItem, Converted

OTHER_SCRIPT = {"hant": "hans", "hans": "hant"}


@cache
def converter(config: str) -> Any:
    """One converter per config and process: loading the dictionaries is the slow part."""
    cfg = config.removesuffix(".json")
    return opencc.OpenCC(cfg)


def check_config(config: str) -> None:
    """Raise ValueError unless OpenCC has `config` (a bundled name or a config file)."""
    if f"{config.removesuffix('.json')}.json" in opencc.CONFIGS or Path(config).is_file():
        return
    known = ", ".join(sorted(c.removesuffix(".json") for c in opencc.CONFIGS))
    raise ValueError(f"unknown OpenCC config {config!r}; known: {known}")


def convert_article(item: ArticleItem, configs: dict[str, str]) -> ArticleItem:
    """`configs` maps the original script to the OpenCC config that converts from it."""
    config = configs[item.script]
    conv = converter(config)
    return replace(
        item,
        converted=Converted(
            script=OTHER_SCRIPT[item.script],
            config=config,
            title=conv.convert(item.title),
            body_text=conv.convert(item.body_text),
            body_html=conv.convert(item.body_html),
            lead_image_caption=conv.convert(item.lead_image_caption)
            if item.lead_image_caption
            else None,
        ),
    )


class ConvertPipeline:
    def __init__(self, configs: dict[str, str]) -> None:
        self.configs = configs
        # Fail at start-up on a bad name, but load a dictionary only when an article needs it:
        # s2twp alone takes 43 MiB, and a crawl of one source uses one direction.
        for config in configs.values():
            check_config(config)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConvertPipeline:
        s = crawler.settings
        if not s.getbool("NEWSCRAWL_CONVERT_ENABLED", True):
            raise NotConfigured("NEWSCRAWL_CONVERT_ENABLED is off")
        return cls({"hant": s.get("NEWSCRAWL_OPENCC_T2S", "tw2sp"),
                    "hans": s.get("NEWSCRAWL_OPENCC_S2T", "s2twp")})

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem) or "convert" in item.stages:
            return item
        return convert_article(item, self.configs)
