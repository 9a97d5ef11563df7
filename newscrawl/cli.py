"""The `newscrawl` command: offline demo, migrations, stats, exports and spool replay.

Crawling itself is `scrapy crawl <source>`; this command covers everything around it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from newscrawl.db.engine import database_url, get_engine, safe_url


def _engine(args: argparse.Namespace) -> Engine:
    return get_engine(database_url(args.db))


def cmd_demo(args: argparse.Namespace) -> int:
    """Crawl the bundled recorded site (no network) into a SQLite file and print a summary."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from newscrawl.pages import sources

    settings = get_project_settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.set("NEWSCRAWL_REPLAY_DIR", args.site, priority="cmdline")
    settings.set("NEWSCRAWL_DATABASE_URL", database_url(args.db), priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    process = CrawlerProcess(settings)
    names = args.sources.split(",") if args.sources else sorted(sources())
    for name in names:
        process.crawl(name)
    process.start()
    return cmd_stats(args)


def cmd_migrate(args: argparse.Namespace) -> int:
    from newscrawl.db.migrate import current, upgrade

    engine = _engine(args)
    upgrade(engine, args.revision)
    print(f"{safe_url(str(engine.url))} is at revision {current(engine)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from newscrawl.db.models import ArticleRow, LinkRow, SourceRow

    engine = _engine(args)
    with Session(engine) as session:
        rows = session.execute(
            select(SourceRow.name, func.count(ArticleRow.id))
            .outerjoin(ArticleRow)
            .group_by(SourceRow.name)
            .order_by(SourceRow.name)
        ).all()
        links = session.scalar(select(func.count(LinkRow.id))) or 0
        resolved = session.scalar(
            select(func.count(LinkRow.id)).where(LinkRow.target_article_id.is_not(None))
        ) or 0
    print(f"database: {safe_url(str(engine.url))}")
    for name, count in rows:
        print(f"  {name:<12} {count:>7} articles")
    print(f"  {'edges':<12} {links:>7} ({resolved} resolved to stored articles)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newscrawl.export import export

    n = export(_engine(args), Path(args.out), args.format, args.source, args.script)
    print(f"wrote {n} {args.format} files under {args.out}")
    return 0


def cmd_load_spool(args: argparse.Namespace) -> int:
    from newscrawl.db.migrate import upgrade
    from newscrawl.db.writer import ensure_source, write_articles
    from newscrawl.pages import sources
    from newscrawl.spool import read_spool

    engine = _engine(args)
    upgrade(engine)
    ids = {n: ensure_source(engine, n, s.title, s.domains[0]) for n, s in sources().items()}
    items = list(read_spool(Path(args.file)))
    result = write_articles(engine, ids, items)
    print(f"{len(items)} spooled articles: {result.inserted} inserted, {result.updated} updated, "
          f"{result.unchanged} unchanged")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newscrawl.replay import resolve_site
    from newscrawl.replay.server import ReplayServer

    server = ReplayServer(resolve_site(args.site), port=args.port)
    print(f"serving {args.site} at {server.url} (Ctrl-C to stop); crawl it with\n"
          f"  scrapy crawl cna -s NEWSCRAWL_REPLAY_URL={server.url}")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newscrawl", description=__doc__)
    parser.add_argument("--db", help="database URL (default: $NEWSCRAWL_DATABASE_URL or "
                        "sqlite:///newscrawl.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="crawl the bundled recorded site offline")
    p.add_argument("--site", default="bundled")
    p.add_argument("--sources", help="comma-separated spider names (default: all)")
    p.add_argument("--log-level", default="WARNING")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("migrate", help="create or upgrade the schema (Alembic)")
    p.add_argument("revision", nargs="?", default="head")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("stats", help="row counts per source, edges")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("export", help="write articles as Jekyll posts or Markdown mirror pages")
    p.add_argument("--format", choices=["jekyll", "mirror"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--source")
    p.add_argument("--script", choices=["original", "hant", "hans"], default="original")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("load-spool", help="write spooled articles once the database is back")
    p.add_argument("file")
    p.set_defaults(func=cmd_load_spool)

    p = sub.add_parser("serve-replay", help="serve a recorded site on loopback")
    p.add_argument("--site", default="bundled")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:
        print(f"newscrawl {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
