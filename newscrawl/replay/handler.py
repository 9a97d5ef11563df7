"""Download handler that fetches http(s) URLs from a replay server on loopback.

Scrapy sees only the real URLs (robots.txt, redirects, dupefilter, items); the transport goes to
`http://127.0.0.1:<port>/<host>/<path>` through Scrapy's own HTTP/1.1 handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured

from newscrawl.replay import resolve_site
from newscrawl.replay.server import ReplayServer

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response


def local_url(base: str, url: str) -> str:
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.netloc}{parts.path or '/'}{query}"


class ReplayDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        s = crawler.settings
        self.server: ReplayServer | None = None
        base = s.get("NEWSCRAWL_REPLAY_URL")
        if not base:
            site = s.get("NEWSCRAWL_REPLAY_DIR")
            if not site:
                raise NotConfigured("no NEWSCRAWL_REPLAY_DIR or NEWSCRAWL_REPLAY_URL")
            self.server = ReplayServer(resolve_site(site)).start()
            base = self.server.url
        self.base: str = base
        self.inner = HTTP11DownloadHandler(crawler)

    async def download_request(self, request: Request) -> Response:
        response = await self.inner.download_request(request.replace(url=local_url(self.base,
                                                                                   request.url)))
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self.inner.close()
        if self.server is not None:
            self.server.stop()
