"""Write articles and their edges with SQLAlchemy, in batches, off the reactor thread.

A batch is one transaction. If the database fails, the batch is retried; if it still fails,
it goes to a JSON-lines spool file so nothing is lost (`newscrawl load-spool` replays it).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from twisted.internet.defer import DeferredLock
from twisted.internet.threads import deferToThread

from newscrawl.db.engine import database_url, get_engine, safe_url
from newscrawl.db.migrate import upgrade
from newscrawl.db.writer import WriteResult, ensure_source, write_articles
from newscrawl.items import ArticleItem
from newscrawl.spool import write_spool

logger = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    pass


def check_database(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise DatabaseUnavailable(
            f"cannot reach the database {safe_url(str(engine.url))}: {exc.orig}"
        ) from exc


class StorePipeline:
    def __init__(self, crawler: Any, url: str) -> None:
        s = crawler.settings
        self.stats = crawler.stats
        self.url = url
        self.batch_size = max(1, s.getint("NEWSCRAWL_STORE_BATCH_SIZE", 100))
        self.retries = s.getint("NEWSCRAWL_STORE_RETRIES", 3)
        self.auto_migrate = s.getbool("NEWSCRAWL_AUTO_MIGRATE", True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.spool_path = Path(s.get("NEWSCRAWL_SPOOL_DIR", "spool")) / f"{stamp}.jsonl"
        self.buffer: list[ArticleItem] = []
        self.lock = DeferredLock()
        self.source_ids: dict[str, int] = {}
        self.engine: Engine | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        s = crawler.settings
        if not s.getbool("NEWSCRAWL_STORE_ENABLED", True):
            raise NotConfigured("NEWSCRAWL_STORE_ENABLED is off")
        return cls(crawler, database_url(s.get("NEWSCRAWL_DATABASE_URL")))

    def open_spider(self) -> None:
        from newscrawl.pages import sources

        self.engine = get_engine(self.url)
        check_database(self.engine)
        if self.auto_migrate:
            upgrade(self.engine)
        for name, source in sources().items():
            self.source_ids[name] = ensure_source(self.engine, name, source.title,
                                                  source.domains[0])
        logger.info("storing articles in %s", safe_url(self.url))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            await self.flush()
        return item

    async def close_spider(self) -> None:
        await self.flush(final=True)

    async def flush(self, final: bool = False) -> None:
        """Write full batches (and, at the end, the rest), one transaction each."""
        await maybe_deferred_to_future(self.lock.acquire())
        try:
            while len(self.buffer) >= self.batch_size or (final and self.buffer):
                batch = self.buffer[: self.batch_size]
                del self.buffer[: self.batch_size]
                result = await maybe_deferred_to_future(deferToThread(self._write, batch))
                if result is not None:
                    self._count(result)
        finally:
            self.lock.release()

    def _write(self, batch: list[ArticleItem]) -> WriteResult | None:
        assert self.engine is not None
        delay = 0.5
        for attempt in range(1, self.retries + 2):
            try:
                result = write_articles(self.engine, self.source_ids, batch)
            except (OperationalError, DBAPIError) as exc:
                if attempt > self.retries:
                    self.stats.inc_value("newscrawl/store/spooled", len(batch))
                    self.stats.inc_value("newscrawl/store/failed_batches")
                    write_spool(self.spool_path, batch, str(exc.orig))
                    logger.error("database write failed %d times (%s); %d articles spooled to %s",
                                 attempt, exc.orig, len(batch), self.spool_path)
                    return None
                self.stats.inc_value("newscrawl/store/retries")
                logger.warning("database write failed (%s); retry %d in %.1fs", exc.orig,
                               attempt, delay)
                time.sleep(delay)
                delay *= 2
            else:
                return result
        return None

    def _count(self, r: WriteResult) -> None:
        for key, value in (("inserted", r.inserted), ("updated", r.updated),
                           ("unchanged", r.unchanged), ("links_written", r.links_written),
                           ("links_resolved", r.links_resolved)):
            if value:
                self.stats.inc_value(f"newscrawl/store/{key}", value)
        self.stats.inc_value("newscrawl/store/batches")
