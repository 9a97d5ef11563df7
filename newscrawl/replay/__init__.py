"""Replay a recorded site over loopback HTTP, keeping the real URLs in Scrapy.

Layout of a site directory: one file per URL at `<host>/<path>` (`/` is `<host>/index.html`),
and optional per-host `<host>/_responses.json` files mapping a URL path to a status, headers,
another file, or a cut-off body: `{"/old.aspx": {"status": 301, "headers": {"Location": "..."}},
"/x.aspx": {"headers": {"Content-Type": "text/html; charset=big5"}}, "/y.aspx": {"truncate": 2000}}`.
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
