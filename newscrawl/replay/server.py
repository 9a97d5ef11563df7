"""A small threaded HTTP server for recorded sites (tests, demos). Bench uses nginx."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".aspx": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
}


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    declared_length: int | None = None  # more than len(body): the connection drops early


def site_path(root: Path, host: str, path: str) -> Path:
    rel = unquote(path).lstrip("/") or "index.html"
    if rel.endswith("/"):
        rel += "index.html"
    target = (root / host / rel).resolve()
    if root.resolve() not in target.parents:
        raise PermissionError(path)
    return target


def load_overrides(root: Path) -> dict[str, dict[str, Any]]:
    """Per-host `_responses.json` files, keyed by URL path ("/news/x.aspx")."""
    found: dict[str, dict[str, Any]] = {}
    for file in sorted(root.glob("*/_responses.json")):
        for path, spec in json.loads(file.read_text("utf-8")).items():
            found[f"/{file.parent.name}{path}"] = spec
    return found


def lookup(root: Path, overrides: dict[str, dict[str, Any]], local_path: str) -> Reply:
    """What the recorded site answers for a request path of the form /<host>/<path>."""
    parts = urlsplit(local_path)
    host, _, path = parts.path.lstrip("/").partition("/")
    spec = overrides.get(parts.path, {})
    headers = dict(spec.get("headers", {}))
    status = int(spec.get("status", 200))
    if status in (301, 302, 303, 307, 308) or (status >= 400 and "file" not in spec):
        body = b"" if status < 400 else b"<html><body><h1>Not Found</h1></body></html>"
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        return Reply(status, headers, body)
    try:
        file = site_path(root, host, spec.get("file", path))
    except PermissionError:
        return Reply(403, {"Content-Type": "text/plain"}, b"forbidden")
    if not file.is_file():
        return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                     b"<html><body><h1>404</h1></body></html>")
    body = file.read_bytes()
    headers.setdefault("Content-Type", CONTENT_TYPES.get(file.suffix, "application/octet-stream"))
    declared = None
    if "truncate" in spec:
        declared = len(body)
        body = body[: int(spec["truncate"])]
    return Reply(status, headers, body, declared)


class ReplayServer:
    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root
        overrides = load_overrides(root)
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent), for tests

        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                outer.requests.append((self.path, self.headers.get("User-Agent", "")))
                reply = lookup(root, overrides, self.path)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                length = reply.declared_length if reply.declared_length else len(reply.body)
                self.send_header("Content-Length", str(length))
                if reply.declared_length:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body)
                if reply.declared_length:
                    self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
