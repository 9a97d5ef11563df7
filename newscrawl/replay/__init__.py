"""Replay a recorded site over loopback HTTP, keeping the real URLs in Scrapy.

Layout of a site directory: one file per URL at `<host>/<path>` (`/` is `<host>/index.html`),
and an optional `_responses.json` mapping full URLs to a status, headers, or a cut-off body
(`{"status": 301, "headers": {"Location": "..."}}`, `{"truncate": 2000}`).
"""

from __future__ import annotations

from pathlib import Path

BUNDLED_SITE = Path(__file__).resolve().parent / "site"


def resolve_site(value: str) -> Path:
    """'bundled' names the site that ships with newscrawl; anything else is a directory."""
    path = BUNDLED_SITE if value == "bundled" else Path(value).expanduser().resolve()
    if not path.is_dir():
        raise FileNotFoundError(f"replay site directory not found: {path}")
    return path
