"""Alembic environment. Run through `newscrawl migrate` or newscrawl.db.migrate.upgrade()."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from newscrawl.db.engine import database_url, get_engine
from newscrawl.db.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with get_engine(database_url(config.get_main_option("sqlalchemy.url"))).connect() as conn:
        run(conn)
