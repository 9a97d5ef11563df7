"""Scheduler memory queues that hold requests as compact bytes instead of Request objects.

Scrapy's default SCHEDULER_MEMORY_QUEUE keeps every pending Request object (headers, meta,
bound callbacks...: about 1.5 KB for one of our article requests), so a crawl's memory grows
with its frontier. These queues store what Scrapy's disk queues store, the request's dict
(callbacks by spider-method name), pickled: about 350 bytes. Rebuilding the Request on pop
costs ~30 µs of CPU a request, about 1 % of a page's. A request that cannot be serialized (a
callback that is not a spider method, a lambda in meta...) is kept as the object itself, as the
default queue would, and counted in the ``newscrawl/queue/unserializable`` stat.

Set ``SCHEDULER_MEMORY_QUEUE = "newscrawl.queues.CompactLifoMemoryQueue"`` (or the FIFO twin).
"""

from __future__ import annotations

import inspect
import logging
import pickle
from types import MethodType
from typing import TYPE_CHECKING, Any, ClassVar, Self

from queuelib import queue
from scrapy import Request
from scrapy.utils.request import request_from_dict

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# What a plain Request holds when nothing is passed; such fields are left out of the bytes
# (request_from_dict gives them back): a third fewer bytes.
_DEFAULTS: dict[str, Any] = Request("data:,").to_dict()
del _DEFAULTS["url"]
_MISSING = object()


def _method_name(spider: Spider | None, func: Callable[..., Any] | None) -> str | None:
    """The name request_from_dict will find `func` under on `spider` (None for no callback).

    Raises ValueError unless `func` is a method bound to this very spider: a function, a lambda
    or another object's method can't be rebuilt from a name.
    """
    if func is None:
        return None
    if spider is None or not isinstance(func, MethodType) or func.__self__ is not spider:
        raise ValueError(f"{func!r} is not a method of the spider {spider!r}")
    # Request.to_dict runs inspect.getmembers over the whole spider (30 µs a callback, every
    # property evaluated); its own name nearly always gives the method back.
    if getattr(getattr(spider, func.__name__, None), "__func__", None) is func.__func__:
        return func.__name__
    for name, method in inspect.getmembers(spider, inspect.ismethod):  # an alias, say
        if method.__func__ is func.__func__:
            return name
    raise ValueError(f"{func!r} is not reachable by name on the spider {spider!r}")


def request_to_compact_dict(request: Request, spider: Spider | None) -> dict[str, Any]:
    """request.to_dict(spider=spider), less the fields a plain Request has by default.

    Raises ValueError if a callback or errback is not a method of `spider`.
    """
    d = {"url": request.url, "callback": _method_name(spider, request.callback),
         "errback": _method_name(spider, request.errback), "headers": dict(request.headers)}
    for attr in request.attributes:
        d.setdefault(attr, getattr(request, attr))
    if type(request) is not Request:
        # Subclasses may have other defaults (JsonRequest's method): keep every field.
        d["_class"] = f"{type(request).__module__}.{type(request).__name__}"
        return d
    return {k: v for k, v in d.items() if k == "url" or _DEFAULTS.get(k, _MISSING) != v}


class CompactMemoryQueue:
    """One priority's requests, as pickled compact dicts in a queuelib memory queue.

    Built by ScrapyPriorityQueue with build_from_crawler(cls, crawler, key) whenever a priority
    gets its first request, so construction stays cheap. `key` is the disk queues' path: unused.
    """

    queue_class: ClassVar[type[queue.FifoMemoryQueue]] = queue.FifoMemoryQueue

    def __init__(self, crawler: Crawler, key: str = "") -> None:
        # crawler.spider is set before the scheduler opens, and so before any queue is built.
        self.spider: Spider | None = crawler.spider
        self.stats: StatsCollector | None = crawler.stats
        self.q = self.queue_class()

    @classmethod
    def from_crawler(cls, crawler: Crawler, key: str = "", *args: Any, **kwargs: Any) -> Self:
        return cls(crawler, key)

    def push(self, request: Request) -> None:
        try:
            data = pickle.dumps(request_to_compact_dict(request, self.spider),
                                protocol=pickle.HIGHEST_PROTOCOL)
        # ValueError: a callback that is not a spider method. Pickling can fail with many more
        # (PicklingError, TypeError, AttributeError, RecursionError...): any of them only means
        # this request stays an object, as in Scrapy's own memory queue.
        except Exception as e:
            logger.debug("keeping unserializable request %s as an object: %s", request, e)
            if self.stats is not None:
                self.stats.inc_value("newscrawl/queue/unserializable")
            self.q.push(request)
            return
        self.q.push(data)
        if self.stats is not None:
            self.stats.inc_value("newscrawl/queue/serialized")

    def _load(self, item: bytes | Request | None) -> Request | None:
        if isinstance(item, bytes):
            return request_from_dict(pickle.loads(item), spider=self.spider)
        return item

    def pop(self) -> Request | None:
        return self._load(self.q.pop())

    def peek(self) -> Request | None:
        """The request pop() would return, left in the queue (a new object each call)."""
        return self._load(self.q.peek())

    def close(self) -> None:
        self.q.close()

    def __len__(self) -> int:
        return len(self.q)


class CompactFifoMemoryQueue(CompactMemoryQueue):
    queue_class = queue.FifoMemoryQueue


class CompactLifoMemoryQueue(CompactMemoryQueue):
    """The compact counterpart of scrapy.squeues.LifoMemoryQueue, Scrapy's default."""

    queue_class = queue.LifoMemoryQueue
