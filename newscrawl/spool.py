"""The spool: JSON lines of articles that could not be written to the database.

Nothing is lost when the database is down: the store pipeline appends the batch here, and
`newscrawl load-spool FILE` writes it once the database is back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.items import ArticleItem, Converted, Credit, RelatedLink


def write_spool(path: Path, items: list[ArticleItem], error: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        for item in items:
            record = {"error": error, "item": asdict(item)}
            fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def item_from_dict(data: dict[str, Any]) -> ArticleItem:
    fields = dict(data)
    for name in ("published_at", "updated_at"):
        if fields.get(name):
            fields[name] = datetime.fromisoformat(fields[name])
    fields["credits"] = [Credit(**c) for c in fields.get("credits", [])]
    fields["links"] = [RelatedLink(**link) for link in fields.get("links", [])]
    if fields.get("converted"):
        fields["converted"] = Converted(**fields["converted"])
    return ArticleItem(**fields)


def read_spool(path: Path) -> Iterator[ArticleItem]:
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield item_from_dict(json.loads(line)["item"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{line_no}: not a spooled article: {exc}") from exc
