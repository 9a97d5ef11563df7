"""The seen-article store, in memory and on a real Redis server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from scrapy.settings import Settings

from newscrawl.seen import MemorySeen, RedisSeen, seen_store

from .crawling import run_crawl, snapshot

REDIS_URL = os.environ.get("NEWSCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> Iterator[str]:
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and is not reachable: {exc}")
        pytest.skip(f"Redis not reachable: {exc}")
    yield REDIS_URL


def test_memory_seen_refetches_only_on_a_shorter_path() -> None:
    seen = MemorySeen()
    assert seen.add("202101140196", 2)
    assert not seen.add("202101140196", 2)
    assert not seen.add("202101140196", 3)
    assert seen.add("202101140196", 1)  # reached closer to the start: follow its links further
    seen.discard("202101140196")  # failed fetch: not retried within the same crawl
    assert not seen.add("202101140196", 3)


def test_redis_seen_is_shared_between_stores_and_expires(redis_url: str) -> None:
    namespace = f"test-{uuid.uuid4().hex[:8]}"
    settings = Settings({"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_REDIS_SEEN_TTL": 60})
    first, second = seen_store(settings, namespace), seen_store(settings, namespace)
    assert isinstance(first, RedisSeen)
    assert first.add("202101140196", 1)
    assert not second.add("202101140196", 1)  # another process sees it
    assert first._name("202101140196") == f"newscrawl:seen:{namespace}:202101140196"
    ttl = first.client.ttl(first._name("202101140196"))
    assert 0 < ttl <= 60
    second.discard("202101140196")
    assert first.add("202101140196", 1)
    first.discard("202101140196")


def test_unreachable_redis_fails_at_start() -> None:
    settings = Settings({"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:1/0"})
    with pytest.raises(redis.ConnectionError):
        seen_store(settings, "x")


def test_two_crawls_share_the_seen_set_through_redis(redis_url: str, tmp_path: Path) -> None:
    """A second job with the same Redis fetches none of the articles the first one fetched."""
    prefix = f"newscrawl-test-{uuid.uuid4().hex[:8]}"
    common = ("-s", "NEWSCRAWL_REPLAY_DIR=bundled", "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
              "-s", f"NEWSCRAWL_REDIS_PREFIX={prefix}")
    client = redis.Redis.from_url(redis_url)
    try:
        first = run_crawl(tmp_path, "first", "cna", f"sqlite:///{tmp_path / 'a.db'}", *common)
        keys = client.keys(f"{prefix}:seen:cna:*")
        assert len(keys) >= first["newscrawl/articles/parsed"] > 0
        second = run_crawl(tmp_path, "second", "cna", f"sqlite:///{tmp_path / 'b.db'}", *common)
        assert "newscrawl/articles/parsed" not in second
        # every list link is skipped but the one whose first fetch broke in transit: its id
        # was released so that a later job retries it
        assert second["newscrawl/follow/already_seen"] == first["newscrawl/lists/article_links"] - 1
        assert second["newscrawl/errors/ResponseDataLossError"] == 1
        assert snapshot(f"sqlite:///{tmp_path / 'b.db'}")["articles"] == {}
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
