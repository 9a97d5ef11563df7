"""The README is checked: its test command, settings, schema and SQL queries."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import newscrawl.settings as project_settings
from newscrawl.db.engine import get_engine
from newscrawl.db.models import Base

from .conftest import REPO
from .crawling import run_crawl

README = (REPO / "README.md").read_text("utf-8")


def section(title: str) -> str:
    """The README text under a `## title` heading, up to the next `## ` heading."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def code_blocks(text_: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text_, re.S)


def table_rows(text_: str) -> list[list[str]]:
    rows = []
    for line in text_.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            rows.append(cells)
    return rows[1:] if rows else []


def test_ci_runs_the_readme_test_command() -> None:
    commands = code_blocks(section("Tests"), "bash")
    assert len(commands) == 1
    test_command = commands[0].strip().split("&&")[-1].strip()
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert test_command in ci.splitlines(), f"{test_command!r} not a line of .ci/run"


def test_every_setting_is_documented_with_its_default() -> None:
    documented = {
        row[0].strip("`"): row[1].strip("`")
        for row in table_rows(section("Settings"))
        if row and row[0].startswith("`NEWSCRAWL_")
    }
    actual = {k: v for k, v in vars(project_settings).items() if k.startswith("NEWSCRAWL_")}
    missing = set(actual) - set(documented)
    assert not missing, f"settings missing from README: {sorted(missing)}"
    assert not set(documented) - set(actual), "README documents settings that do not exist"
    for name, value in actual.items():
        if name == "NEWSCRAWL_DATABASE_URL":
            value = "sqlite:///newscrawl.db"  # the env var may be set where tests run
        shown = str(value) if not isinstance(value, list) else str(value).replace("'", '"')
        assert documented[name] == (shown if shown else '""'), name


def test_every_setting_read_by_the_code_is_in_settings_py() -> None:
    used = set()
    for path in (REPO / "newscrawl").rglob("*.py"):
        used |= set(re.findall(r'"(NEWSCRAWL_[A-Z_]+)"', path.read_text("utf-8")))
    used -= {"NEWSCRAWL_DATABASE_URL"}  # also an environment variable
    documented = {row[0].strip("`") for row in table_rows(section("Settings"))}
    assert used <= documented, f"undocumented: {sorted(used - documented)}"


def test_schema_section_matches_the_models() -> None:
    schema = section("Database schema")
    for table in Base.metadata.sorted_tables:
        m = re.search(rf"^### {table.name}\n(.*?)(?=^### |\Z)", schema, re.M | re.S)
        assert m, f"table {table.name} not documented"
        documented = [row[0].strip("`") for row in table_rows(m.group(1))]
        assert documented == [c.name for c in table.columns], table.name
    headings = re.findall(r"^### (\w+)", schema, re.M)
    assert sorted(headings) == sorted(t.name for t in Base.metadata.sorted_tables)


@pytest.fixture(scope="module")
def crawled(pg_admin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The bundled site crawled once into SQLite and once into a fresh PostgreSQL database."""
    tmp = tmp_path_factory.mktemp("readme")
    name = f"newscrawl_readme_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    urls = [f"sqlite:///{tmp / 'readme.db'}",
            make_url(pg_admin).set(database=name).render_as_string(hide_password=False)]
    for i, url in enumerate(urls):
        for spider in ("cna", "epochtimes"):
            run_crawl(tmp, f"{spider}-{i}", spider, url, "-s", "NEWSCRAWL_REPLAY_DIR=bundled")
    yield urls
    get_engine(urls[1]).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.parametrize("sql", code_blocks(section("Useful SQL"), "sql"),
                         ids=lambda s: s.split("\n")[0][:40])
def test_readme_sql_runs_on_sqlite_and_postgres(sql: str, crawled: list[str]) -> None:
    results = []
    for url in crawled:
        with get_engine(url).connect() as conn:
            results.append(conn.execute(text(sql)).all())
    assert results[0], "query returned nothing on a crawled database"
    assert len(results[0]) == len(results[1])
    # Text columns agree row by row (timestamps differ only in how the drivers render them).
    texts = [[tuple(v for v in row if isinstance(v, str) and not v[:4].isdigit()) for row in r]
             for r in results]
    assert texts[0] == texts[1]
