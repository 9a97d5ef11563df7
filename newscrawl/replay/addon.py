"""Scrapy add-on: route http(s) downloads to a replay server when one is configured."""

from __future__ import annotations

from typing import Any


class ReplayAddon:
    def update_settings(self, settings: Any) -> None:
        if not (settings.get("NEWSCRAWL_REPLAY_DIR") or settings.get("NEWSCRAWL_REPLAY_URL")):
            return
        handler = "newscrawl.replay.handler.ReplayDownloadHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, "spider")
        # A recorded site answers at once; no need to be slow with it.
        settings.set("AUTOTHROTTLE_ENABLED", False, "spider")
        settings.set("DOWNLOAD_DELAY", 0, "spider")
