"""One engine per process and database URL."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DEFAULT_DATABASE_URL = "sqlite:///newscrawl.db"


def database_url(setting: str | None = None) -> str:
    """Setting wins, then the NEWSCRAWL_DATABASE_URL environment variable, then ./newscrawl.db."""
    return setting or os.environ.get("NEWSCRAWL_DATABASE_URL") or DEFAULT_DATABASE_URL


def safe_url(url: str) -> str:
    """The URL with any password hidden, for logs and errors."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers (SQL users) do not block the crawl
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


@cache
def get_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    if parsed.drivername == "postgresql+psycopg":
        # psycopg prepares a statement after 5 runs, and PostgreSQL then may switch to a generic
        # plan; for the edge-resolving UPDATEs that plan scans every edge (O(N) per batch).
        kwargs["connect_args"] = {"prepare_threshold": None}
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
