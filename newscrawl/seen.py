"""Which article ids a crawl has already scheduled: in memory, or shared through Redis.

With NEWSCRAWL_REDIS_URL set, several processes (scrapyd jobs for different categories, say)
fetch each article once between them, and a scheduled re-crawl skips articles fetched within
NEWSCRAWL_REDIS_SEEN_TTL seconds.
"""

from __future__ import annotations

from typing import Any, Protocol


class SeenStore(Protocol):
    def add(self, key: str, hops: int) -> bool:
        """Mark `key` scheduled at `hops`; True if it should be fetched now."""

    def discard(self, key: str) -> None:
        """Forget `key` after a failed fetch, so that a later crawl retries it."""


class MemorySeen:
    def __init__(self) -> None:
        self.hops: dict[str, int] = {}

    def add(self, key: str, hops: int) -> bool:
        # Reached again by a shorter path: fetch again, so its own links get their due hops.
        if key in self.hops and self.hops[key] <= hops:
            return False
        self.hops[key] = hops
        return True

    def discard(self, key: str) -> None:
        # A later crawl starts with an empty memory anyway; within this crawl, one failed
        # fetch per article is enough.
        return None


class RedisSeen:
    def __init__(self, client: Any, namespace: str, ttl: int) -> None:
        self.client = client
        self.namespace = namespace  # "<prefix>:seen:<source>"
        self.ttl = ttl

    def _name(self, key: str) -> str:
        return f"{self.namespace}:{key}"

    def add(self, key: str, hops: int) -> bool:
        # One key per id: Redis sets cannot expire members one by one. Across processes the
        # first scheduler wins, whatever its hop count.
        return bool(self.client.set(self._name(key), 1, nx=True, ex=self.ttl))

    def discard(self, key: str) -> None:
        self.client.delete(self._name(key))


def seen_store(settings: Any, namespace: str) -> SeenStore:
    url = settings.get("NEWSCRAWL_REDIS_URL")
    if not url:
        return MemorySeen()
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    client.ping()  # fail at start-up, with the URL in the error, not mid-crawl
    prefix = settings.get("NEWSCRAWL_REDIS_PREFIX", "newscrawl")
    return RedisSeen(client, f"{prefix}:seen:{namespace}",
                     settings.getint("NEWSCRAWL_REDIS_SEEN_TTL", 86400))
