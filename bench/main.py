"""python -m bench [--sizes 5000,20000] [--quick] ...: crawl throughput, one table, one run.

For every size N: generate (or reuse) a CNA-structured site, serve it with nginx, load-test nginx
alone, then crawl it five ways with identical settings:

  (a) noop   - the `noop` spider (bench/spiders/noop.py): fetch + follow links, nothing else
  (b) parse  - the real `cna` spider, clean + convert pipelines, storage off
  (c) sqlite - the full pipeline into a fresh SQLite file
  (d) pg     - the full pipeline into a fresh PostgreSQL database
  (e) sqlite+1 worker - (c) with extraction, clean and convert in one worker process

and print the table (also written to bench/out/<timestamp>.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import sitegen
from bench.measure import REPO, Run, run_crawl, scrapy_command
from bench.server import LoadResult, Nginx, find_nginx, in_memory, load_test

OUT = REPO / "bench" / "out"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/newscrawl_bench"


@dataclass(frozen=True)
class Mode:
    key: str
    name: str
    spider: str
    db: str | None  # None | "sqlite" | "pg"
    store: bool
    description: str
    settings: tuple[tuple[str, Any], ...] = ()


MODES = {
    "a": Mode("a", "noop", "noop", None, False, "no-op spider: fetch and follow links only"),
    "b": Mode("b", "parse", "cna", None, False, "cna spider, clean+convert, storage off"),
    "c": Mode("c", "sqlite", "cna", "sqlite", True, "full pipeline into SQLite"),
    "d": Mode("d", "pg", "cna", "pg", True, "full pipeline into PostgreSQL"),
    # (c) using the second core: page objects, clean and OpenCC in one worker process.
    "e": Mode("e", "sqlite+1 worker", "cna", "sqlite", True,
              "(c) with NEWSCRAWL_PARSE_WORKERS=1", (("NEWSCRAWL_PARSE_WORKERS", 1),)),
}


@dataclass
class Row:
    n: int
    mode: Mode
    run: Run
    pages: int  # responses received, refetches included
    distinct: int  # distinct URLs fetched
    articles: int
    db_bytes: int | None
    db_rows: dict[str, int] | None
    problems: list[str]

    @property
    def crawl_s(self) -> float:
        return float(self.run.record.get("crawl_wall_s") or self.run.total_wall_s)

    @property
    def pages_per_s(self) -> float:
        return self.distinct / self.crawl_s if self.crawl_s else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        cpu = self.run.record.get("crawl_cpu_s", self.run.total_cpu_s) + self.run.worker_cpu_s
        return 1000 * cpu / self.distinct if self.distinct else 0.0

    @property
    def peak_rss_mib(self) -> float:
        return self.run.peak_rss_kb / 1024

    @property
    def total_rss_mib(self) -> float:
        """The crawler's peak RSS plus its worker processes' (what the crawl holds at most)."""
        return (self.run.peak_rss_kb + self.run.worker_peak_rss_kb) / 1024

    @property
    def other_load_pct(self) -> float:
        """Unrelated processes' CPU during the crawl, in % of one core."""
        return 100 * self.run.other_cpu_s / self.run.total_wall_s if self.run.total_wall_s else 0.0

    @property
    def cpu_cell(self) -> str:
        total = self.cpu_ms_per_page
        if not self.run.worker_cpu_s or not self.distinct:
            return f"{total:.2f}"
        workers = 1000 * self.run.worker_cpu_s / self.distinct
        return f"{total:.2f} ({total - workers:.2f} + {workers:.2f} in workers)"

    @property
    def workers_rss(self) -> str:
        kb = self.run.worker_peak_rss_kb
        return f" + {kb / 1024:.0f} in workers" if kb else ""

    @property
    def items_per_commit(self) -> float | None:
        batches = self.run.stats.get("newscrawl/store/batches")
        return self.articles / batches if batches else None

    @property
    def db_mb_per_1k(self) -> float | None:
        if self.db_bytes is None or not self.articles:
            return None
        return self.db_bytes / 1e6 / self.articles * 1000


# --- databases ----------------------------------------------------------------------------


def pg_conninfo(url: str, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url).set(drivername="postgresql")
    if database:
        u = u.set(database=database)
    return u.render_as_string(hide_password=False)


def pg_recreate(url: str) -> int:
    """Drop and create the benchmark database; its size when empty."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    assert name and name.replace("_", "").isalnum(), f"unsafe database name {name!r}"
    last: Exception | None = None
    for admin_db in ("postgres", "template1", "test"):
        try:
            with psycopg.connect(pg_conninfo(url, admin_db), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
                break
        except psycopg.OperationalError as exc:
            last = exc
    else:
        raise RuntimeError(f"cannot reach PostgreSQL for {url}: {last}")
    return pg_size(url)


def pg_dbname(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).database)


def pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(pg_conninfo(url)) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else 0


def pg_version(url: str) -> str:
    import psycopg

    try:
        with psycopg.connect(pg_conninfo(url, "postgres")) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return f"PostgreSQL {row[0]}" if row else "?"
    except Exception as exc:
        return f"PostgreSQL unreachable ({exc.__class__.__name__})"


def sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def db_counts(url: str) -> dict[str, int]:
    from newscrawl.db.engine import get_engine
    from newscrawl.db.writer import count_rows

    engine = get_engine(url)
    try:
        return count_rows(engine)
    finally:
        engine.dispose()


# --- one size -----------------------------------------------------------------------------


def crawl_settings(
    args: argparse.Namespace,
    server_url: str,
    stats_file: Path,
    workdir: Path,
    mode: Mode,
    db_url: str | None,
) -> dict[str, Any]:
    s: dict[str, Any] = {
        "NEWSCRAWL_REPLAY_URL": server_url,
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "INFO",
        "NEWSCRAWL_MAX_HOPS": 1_000_000,
        "SPIDER_MODULES": "newscrawl.spiders,bench.spiders",
        "EXTENSIONS": {"bench.statsfile.BenchStats": 0},
        "BENCH_STATS_FILE": str(stats_file),
        "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
        "NEWSCRAWL_STORE_ENABLED": mode.store,
    }
    if db_url:
        s["NEWSCRAWL_DATABASE_URL"] = db_url
    if args.jobdir:
        jobdir = workdir / f"jobdir-{mode.key}-{stats_file.name.split('-')[0]}"
        shutil.rmtree(jobdir, ignore_errors=True)
        s["JOBDIR"] = str(jobdir)
    s.update(mode.settings)
    for pair in args.set:
        key, _, value = pair.partition("=")
        s[key.strip()] = value
    return s


def run_mode(
    args: argparse.Namespace, n: int, mode: Mode, nginx: Nginx, workdir: Path, log: Any
) -> Row:
    stats_file = workdir / f"n{n}-{mode.key}-{mode.name}.stats.json"
    db_url: str | None = None
    baseline = 0
    if mode.db == "sqlite":
        db_path = workdir / f"n{n}.sqlite"
        for f in sqlite_files(db_path):
            f.unlink(missing_ok=True)
        db_url = f"sqlite:///{db_path}"
    elif mode.db == "pg":
        db_url = args.pg_url
        baseline = pg_recreate(db_url)
    cmd = scrapy_command(
        mode.spider, crawl_settings(args, nginx.url, stats_file, workdir, mode, db_url)
    )
    log(f"  ({mode.key}) {mode.name:6} N={n}: crawling ...")
    run = run_crawl(
        f"{mode.key}",
        cmd,
        stats_file,
        workdir / f"n{n}-{mode.key}-{mode.name}.log",
        nginx.pids(),
        pg_database=pg_dbname(args.pg_url) if mode.db == "pg" else None,
    )
    stats = run.stats
    problems: list[str] = []
    if run.returncode != 0:
        problems.append(f"exit code {run.returncode}")
    if not run.record:
        problems.append("no stats file written")
    if stats.get("finish_reason") != "finished":
        problems.append(f"finish_reason={stats.get('finish_reason')}")
    for key in ("log_count/ERROR", "log_count/CRITICAL"):
        if stats.get(key):
            problems.append(f"{key}={stats[key]}")
    pages = int(stats.get("response_received_count", 0))
    distinct = int(run.record.get("distinct_pages", pages))
    if stats.get("downloader/response_status_count/200", 0) != pages:
        problems.append(
            "non-200 responses: "
            + ", ".join(
                f"{k.rsplit('/', 1)[1]}×{v}"
                for k, v in stats.items()
                if k.startswith("downloader/response_status_count/")
            )
        )
    articles = int(stats.get("item_scraped_count", 0))
    if distinct != n + 2:
        problems.append(f"{distinct} distinct pages fetched, expected {n + 2}")
    if mode.spider == "cna" and articles != n + pages - distinct:
        problems.append(f"scraped {articles} articles from {pages - 2} article responses")
    db_bytes: int | None = None
    rows: dict[str, int] | None = None
    if mode.db == "sqlite":
        db_bytes = sum(
            f.stat().st_size for f in sqlite_files(workdir / f"n{n}.sqlite") if f.exists()
        )
    elif mode.db == "pg":
        db_bytes = pg_size(args.pg_url) - baseline
    if db_url:
        rows = db_counts(db_url)
        if rows.get("articles") != n:
            problems.append(f"{rows.get('articles')} article rows, expected {n}")
    if mode.db == "sqlite" and not args.keep_db:
        for f in sqlite_files(workdir / f"n{n}.sqlite"):
            f.unlink(missing_ok=True)  # measured; N=20,000 is ~450 MB
    articles = n  # distinct articles (the cna spider may fetch a few twice: see refetched)
    row = Row(n, mode, run, pages, distinct, articles, db_bytes, rows, problems)
    log(
        f"  ({mode.key}) {mode.name:6} N={n}: {distinct} pages (+{pages - distinct} refetched) in {row.crawl_s:.1f}s = "
        f"{row.pages_per_s:.0f} pages/s, {row.cpu_ms_per_page:.2f} CPU ms/page, "
        f"peak RSS {row.peak_rss_mib:.0f} MiB" + (f"  PROBLEMS: {problems}" if problems else "")
    )
    return row


# --- report -------------------------------------------------------------------------------


def fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def environment(args: argparse.Namespace) -> list[str]:
    import scrapy
    import sqlalchemy

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    nginx = "?"
    binary = find_nginx()
    if binary:
        nginx = subprocess.run([binary, "-v"], capture_output=True, text=True).stderr.strip()
        nginx = nginx.replace("nginx version: ", "")
    pg = pg_version(args.pg_url) if "d" in args.modes else "not run"
    return [
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {mem:.0f} GiB RAM, {platform.platform()}",
        f"- Python {platform.python_version()}, Scrapy {scrapy.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, {nginx}, {pg}",
        f"- every crawl: CONCURRENT_REQUESTS={args.concurrency}, "
        f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}, ROBOTSTXT_OBEY=True, "
        "LOG_LEVEL=INFO, NEWSCRAWL_MAX_HOPS=1000000, replay via nginx on loopback "
        "(the replay add-on turns AutoThrottle off and DOWNLOAD_DELAY to 0), start page "
        "/list/aall.aspx"
        + (f"; extra settings: {', '.join(args.set)}" if args.set else "")
        + ("; JOBDIR (disk request queues) per crawl" if args.jobdir else ""),
    ]


def report(
    args: argparse.Namespace,
    rows: list[Row],
    loads: dict[int, LoadResult],
    manifests: dict[int, dict[str, Any]],
    started: datetime,
    elapsed: float,
    profile_md: str | None,
    served: dict[int, str] | None = None,
) -> tuple[str, bool]:
    served = served or {}
    out: list[str] = [f"# newscrawl crawl benchmark, {started:%Y-%m-%d %H:%M}", ""]
    out += environment(args)
    out += [
        "- site: "
        + "; ".join(
            f"N={n}: {m['edges']:,} links, mean article page {m['article_bytes_mean'] / 1000:.0f} kB"
            + (f", served from {served[n]}" if n in served else "")
            for n, m in manifests.items()
        ),
        f"- whole run: {elapsed / 60:.1f} min",
        "",
    ]

    by_n: dict[int, dict[str, Row]] = {}
    for r in rows:
        by_n.setdefault(r.n, {})[r.mode.key] = r

    out += [
        "## Server alone (nginx, 1 worker)",
        "",
        "| N | client | connections | requests/s | MB/s | nginx CPU µs/request | × fastest crawl |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n, load in loads.items():
        fastest = max((r.pages_per_s for r in by_n.get(n, {}).values()), default=0)
        times = load.requests_per_s / fastest if fastest else None
        out.append(
            f"| {n:,} | {load.tool} | {load.connections} | {load.requests_per_s:,.0f} | "
            f"{load.mb_per_s:,.0f} | {fmt(load.server_cpu_per_request_us, '.0f')} | "
            f"{fmt(times, '.0f')}× |"
        )
    out.append("")

    out += [
        "## Crawls",
        "",
        "| N | mode | pages | refetched | crawl s | pages/s | ÷ (a) | CPU ms/page | nginx CPU ms/page "
        "| DB server CPU ms/page | RSS at open MiB | peak RSS MiB | DB MB / 1k articles "
        "| articles/commit | max queued requests | other load % |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, modes in by_n.items():
        base = modes.get("a")
        for key in MODES:
            r = modes.get(key)
            if r is None:
                continue
            ratio = r.pages_per_s / base.pages_per_s if base and base.pages_per_s else None
            db_cpu = (
                1000 * r.run.db_cpu_s / r.distinct if r.mode.db == "pg" and r.distinct else None
            )
            out.append(
                f"| {n:,} | ({key}) {r.mode.name} | {r.distinct:,} | {r.pages - r.distinct:,} | "
                f"{r.crawl_s:.1f} | "
                f"{r.pages_per_s:,.0f} | {fmt(ratio, '.2f')} | {r.cpu_cell} | "
                f"{1000 * r.run.nginx_cpu_s / r.distinct if r.distinct else 0:.2f} | "
                f"{fmt(db_cpu, '.2f')} | {r.run.record.get('rss_open_kb', 0) / 1024:.0f} | "
                f"{r.peak_rss_mib:.0f}{r.workers_rss} | {fmt(r.db_mb_per_1k, '.1f')} | "
                f"{fmt(r.items_per_commit, '.0f')} | {r.run.record.get('max_queued_requests', 0):,} | "
                f"{r.other_load_pct:.0f} |"
            )
    out += [
        "",
        "pages = distinct pages fetched: robots.txt + list page + N articles (pages/s and "
        "ms/page use it); refetched = responses beyond those, articles the cna spider fetched "
        "a second time (its seen-store refetches an article "
        "reached again by a shorter path); crawl s = "
        "spider_opened to spider_closed (start-up and migrations "
        "excluded; the last batch flush included); CPU ms/page = crawler process CPU (all "
        "threads) in that window, plus its worker processes' if any "
        "(NEWSCRAWL_PARSE_WORKERS); peak RSS = the crawler process's ru_maxrss over its "
        "whole life, plus the sum of its workers' peaks if any (RSS at open: when the spider opened, pipelines loaded); DB MB = SQLite file + WAL, or pg_database_size minus the empty "
        "database; articles/commit = articles ÷ store batches (one transaction each); max queued "
        "requests = the scheduler's length, sampled each second; other load = CPU used by "
        "unrelated processes on the machine during the crawl, in % of one core (noise).",
        "",
    ]

    # --- checks and targets
    ok = True
    out += ["## Checks and targets", ""]
    for n, modes in by_n.items():
        counts = {k: r.distinct for k, r in modes.items()}
        same = len(set(counts.values())) == 1
        ok &= same
        expected = n + 2
        out.append(
            f"- N={n:,}: distinct pages fetched per mode {counts} — "
            + ("identical" if same else "**MISMATCH**")
            + (
                f" (= {n:,} articles + list page + robots.txt)"
                if same and counts and next(iter(counts.values())) == expected
                else ""
            )
        )
        for r in modes.values():
            if r.problems:
                ok = False
                out.append(f"  - **({r.mode.key}) problems:** {'; '.join(r.problems)}")
            if r.db_rows:
                out.append(
                    f"  - ({r.mode.key}) database: {r.db_rows['articles']:,} articles, "
                    f"{r.db_rows['links']:,} links ({r.db_rows['links_resolved']:,} "
                    f"resolved), {r.db_rows['article_urls']:,} URLs"
                )
    targets_met = True
    for n, modes in by_n.items():
        a = modes.get("a")
        if not a:
            continue
        for key in "bcde":
            r = modes.get(key)
            if r:
                ratio = r.pages_per_s / a.pages_per_s
                line = f"- N={n:,}: ({key})/(a) = {ratio:.2f}"
                if key == "c":
                    met = ratio >= 0.8
                    targets_met &= met
                    line += f" — target ≥ 0.80: {'met' if met else '**MISSED**'}"
                out.append(line)
    noisy = [r for r in rows if r.other_load_pct > 10]
    if noisy:
        out.append(
            "- **other processes used CPU during** "
            + ", ".join(f"N={r.n:,} ({r.mode.key}) {r.other_load_pct:.0f}%" for r in noisy)
            + " of a core: those rows are disturbed; rerun on an idle machine"
        )
    peak = max((r.total_rss_mib for r in rows), default=0)
    targets_met &= peak < 300
    out.append(
        f"- peak RSS, all crawls (workers included): max {peak:.0f} MiB — target < 300 MiB: "
        f"{'met' if peak < 300 else '**MISSED**'}"
    )
    sizes = sorted(by_n)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for key in MODES:
            if key in by_n[lo] and key in by_n[hi]:
                r0, r1 = by_n[lo][key], by_n[hi][key]
                growth = r1.total_rss_mib - r0.total_rss_mib
                per_1k = growth / ((hi - lo) / 1000)
                out.append(
                    f"- peak RSS ({key}) N={lo:,} → N={hi:,}: {r0.total_rss_mib:.0f} → "
                    f"{r1.total_rss_mib:.0f} MiB ({growth:+.0f} MiB, {per_1k:+.2f} MiB per "
                    "1k articles)"
                )
    for r in rows:
        if r.mode.store and r.items_per_commit is not None:
            out.append(
                f"- N={r.n:,} ({r.mode.key}): {r.run.stats.get('newscrawl/store/batches')} "
                f"commits for {r.articles:,} articles ({r.items_per_commit:.0f} per commit; "
                "articles, URLs and links each one multi-row statement per batch)"
            )
    out.append("")
    if profile_md:
        out += ["## Profile", "", profile_md, ""]
    return "\n".join(out), ok and targets_met


# --- main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--sizes", default=None, help="comma-separated N values (default 5000,20000)")
    p.add_argument("--n", type=int, action="append", default=[], help="one N (repeatable)")
    p.add_argument(
        "--quick", action="store_true", help="N=300, short load test: a smoke run for CI"
    )
    p.add_argument("--modes", default="abcde", help="subset of abcde (default abcde)")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument(
        "--pg-url",
        default=os.environ.get("NEWSCRAWL_BENCH_PG_URL", DEFAULT_PG),
        help="SQLAlchemy URL of the benchmark database; it is DROPPED and recreated",
    )
    p.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help="profile mode (c) when (c)/(a) misses 0.8 (auto), always, or never",
    )
    p.add_argument("--load-seconds", type=int, default=None)
    p.add_argument("--sites", type=Path, default=OUT / "sites", help="where sites are generated")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    p.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the SQLite files in bench/out/run-*/ (deleted once measured)",
    )
    p.add_argument(
        "--jobdir",
        action="store_true",
        help="give every crawl a fresh Scrapy JOBDIR: request queues on disk, not in RAM",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Scrapy setting for every crawl, e.g. NEWSCRAWL_PARSE_WORKERS=1 "
        "(repeatable; shown in the report)",
    )
    args = p.parse_args(argv)
    sizes = list(args.n)
    if args.sizes:
        sizes += [int(x) for x in args.sizes.split(",") if x.strip()]
    if args.quick and not sizes:
        sizes = [300]
    args.sizes_list = sorted(set(sizes or [5000, 20000]))
    args.modes = "".join(k for k in MODES if k in args.modes)
    if args.load_seconds is None:
        args.load_seconds = 2 if args.quick else 5
    return args


def _terminate(signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")  # unwinds: the crawl child and nginx are stopped


def main(argv: list[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    args = parse_args(argv)
    started = datetime.now()
    t0 = time.perf_counter()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    workdir = OUT / f"run-{stamp}"
    workdir.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    log(f"bench: sizes {args.sizes_list}, modes {args.modes}, logs in {workdir}")
    rows: list[Row] = []
    loads: dict[int, LoadResult] = {}
    manifests: dict[int, dict[str, Any]] = {}
    served: dict[int, str] = {}
    for n in args.sizes_list:
        site = args.sites / f"n{n}-s{args.seed}"
        manifests[n] = sitegen.generate(site, n, args.seed, log=log)
        reach = sitegen.reachable(n, args.seed)
        if reach != n:
            raise SystemExit(f"site graph reaches {reach} of {n} articles")
        with in_memory(site) as (root, served_from), Nginx(root, workdir / f"nginx-n{n}") as nginx:
            log(f"  serving from {served_from}")
            served[n] = served_from
            loads[n] = load_test(
                nginx,
                sitegen.article_paths(n, args.seed),
                seconds=args.load_seconds,
                connections=args.concurrency,
            )
            log(
                f"  nginx alone: {loads[n].requests_per_s:,.0f} requests/s "
                f"({loads[n].tool}, {args.concurrency} connections)"
            )
            for key in args.modes:
                rows.append(run_mode(args, n, MODES[key], nginx, workdir, log))

    profile_md = None
    ratios = [
        (r.n, r.pages_per_s / a.pages_per_s)
        for r in rows
        if r.mode.key == "c"
        for a in rows
        if a.mode.key == "a" and a.n == r.n
    ]
    missed = any(ratio < 0.8 for _, ratio in ratios)
    if args.profile == "always" or (args.profile == "auto" and missed and "c" in args.modes):
        profile_md = run_profile(args, min(args.sizes_list), workdir, log)

    text, ok = report(
        args, rows, loads, manifests, started, time.perf_counter() - t0, profile_md, served
    )
    print(text)
    result = OUT / f"{stamp}.md"
    result.write_text(text + "\n", "utf-8")
    log(f"written {result}")
    if any(r.problems for r in rows):
        return 2
    return 1 if (args.strict and not ok) else 0


def run_profile(args: argparse.Namespace, n: int, workdir: Path, log: Any) -> str:
    from bench import profile

    site = args.sites / f"n{n}-s{args.seed}"
    mode = MODES["c"]
    db_path = workdir / f"profile-n{n}.sqlite"
    for f in sqlite_files(db_path):
        f.unlink(missing_ok=True)
    stats_file = workdir / f"profile-n{n}.stats.json"
    with in_memory(site) as (root, _), Nginx(root, workdir / f"nginx-profile-n{n}") as nginx:
        cmd = scrapy_command(
            mode.spider,
            crawl_settings(args, nginx.url, stats_file, workdir, mode, f"sqlite:///{db_path}"),
        )
        out = workdir / f"profile-n{n}.txt"
        log(f"  profiling ({mode.key}) N={n} ...")
        tool = profile.record(cmd, out, workdir / f"profile-n{n}.log")
    for f in sqlite_files(db_path):
        f.unlink(missing_ok=True)
    if tool is None:
        return (
            "No profiler available (bench/run installs py-spy; or `pip install py-spy` / "
            "`pip install pyinstrument`)."
        )
    head = (
        f"({mode.key}) {mode.name}, N={n:,}, sampled with {tool} (the whole process, start-up "
        f"included; raw data {out.relative_to(REPO)})."
    )
    parts = [head, "", profile.summarise(tool, out)]
    try:
        from bench import stages

        log("  timing pipeline stages in-process ...")
        parts += ["", stages.to_markdown(stages.measure(site, n, args.seed), 300)]
    except Exception as exc:
        parts += ["", f"(stage timing failed: {exc!r})"]
    return "\n".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
