"""Apply Alembic migrations from code, so `scrapy crawl` works on an empty database."""

from __future__ import annotations

import tempfile
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any constant works: it only has to be the same in every newscrawl process.
_PG_LOCK_ID = 0x6E657773


def _copy_tree(src: Traversable, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for entry in src.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                _copy_tree(entry, dest / entry.name)
        elif entry.name.endswith((".py", ".mako")):
            (dest / entry.name).write_bytes(entry.read_bytes())


@cache
def script_location() -> str:
    """Alembic reads scripts from a directory; scrapyd runs newscrawl from a zipped egg."""
    if (MIGRATIONS / "env.py").is_file():
        return str(MIGRATIONS)
    target = Path(tempfile.mkdtemp(prefix="newscrawl-migrations-"))
    _copy_tree(files("newscrawl.migrations"), target)
    return str(target)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", script_location())
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`. Safe to call from many processes at once."""
    cfg = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Serialize concurrent crawlers that start on a fresh database.
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
