"""Serve a generated site with nginx (Debian's package), and load-test it alone.

The document root holds `<host>/<path>` files, which is the layout the replay handler asks for:
`http://127.0.0.1:PORT/www.cna.com.tw/news/aipl/X.aspx`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NGINX_CONF = """\
worker_processes {workers};
worker_rlimit_nofile 8192;
daemon off;
master_process on;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    types {{ text/plain txt; image/jpeg jpg; application/xml xml; }}
    default_type "text/html; charset=utf-8";
    charset_types text/plain;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 120s;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port} reuseport backlog=4096;
        root {root};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def proc_cpu_seconds(pid: int) -> float:
    """utime+stime of one process from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Children, grandchildren, ... of `pid` (forkserver pool workers are grandchildren)."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found: list[int] = []
    frontier = [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        found += kids
        frontier += kids
    return found


def children(pid: int) -> list[int]:
    """Direct children of `pid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            found.append(int(stat.parent.name))
    return found


class Nginx:
    def __init__(self, root: Path, tmp: Path, workers: int = 1) -> None:
        self.root = root.resolve()
        self.tmp = tmp.resolve()
        self.workers = workers
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._pids: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Nginx:
        binary = find_nginx()
        if binary is None:
            raise RuntimeError(
                "nginx not found: run bench/run (installs it) or apt-get install nginx-light"
            )
        self.tmp.mkdir(parents=True, exist_ok=True)
        # As root, workers would drop to `nobody`, who may not be able to read the site.
        user = "user root;" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                workers=self.workers, user=user, tmp=self.tmp, port=self.port, root=self.root
            ),
            "utf-8",
        )
        self.proc = subprocess.Popen(
            [binary, "-e", str(self.tmp / "error.log"), "-p", str(self.tmp), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"nginx exited: {err}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    time.sleep(0.1)  # let the workers come up
                    self._pids = [self.proc.pid, *children(self.proc.pid)]
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def pids(self) -> list[int]:
        return list(self._pids)

    def cpu_seconds(self) -> float:
        return sum(proc_cpu_seconds(p) for p in self.pids())

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful; only our own master process
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> Nginx:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- load test ----------------------------------------------------------------------------


@dataclass
class LoadResult:
    tool: str
    requests_per_s: float
    mb_per_s: float
    connections: int
    seconds: float
    server_cpu_per_request_us: float | None = None


WRK_LUA = """\
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _wrk(url: str, paths: list[str], tmp: Path, seconds: int, connections: int) -> LoadResult:
    plist = tmp / "wrk-paths.txt"
    plist.write_text("\n".join(paths) + "\n", "utf-8")
    script = tmp / "wrk-paths.lua"
    script.write_text(WRK_LUA % plist, "utf-8")
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    m = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", out)
    scale = {"B": 1e-6, "KB": 1 / 1024, "MB": 1.0, "GB": 1024.0}
    mbs = float(m.group(1)) * scale.get(m.group(2), 1.0) if m else 0.0
    return LoadResult("wrk", rps, mbs, connections, seconds)


async def _async_client(
    host: str, port: int, paths: list[str], seconds: float, connections: int
) -> tuple[int, int]:
    """A tiny keep-alive HTTP/1.1 client: (responses, bytes) within `seconds`."""
    deadline = time.monotonic() + seconds
    done = [0, 0]

    async def worker(offset: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        i = offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += connections
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
            done[0] += 1
            done[1] += len(head) + length
        writer.close()

    await asyncio.gather(*(worker(k) for k in range(connections)))
    return done[0], done[1]


def load_test(
    server: Nginx, paths: list[str], seconds: int = 5, connections: int = 16, seed: int = 7
) -> LoadResult:
    paths = list(paths)
    random.Random(seed).shuffle(paths)
    cpu0 = server.cpu_seconds()
    if shutil.which("wrk"):
        result = _wrk(server.url, paths, server.tmp, seconds, connections)
        requests = result.requests_per_s * seconds
    else:
        t0 = time.perf_counter()
        n, nbytes = asyncio.run(
            _async_client("127.0.0.1", server.port, paths, seconds, connections)
        )
        wall = time.perf_counter() - t0
        result = LoadResult("python-asyncio", n / wall, nbytes / wall / 1e6, connections, seconds)
        requests = n
    cpu = server.cpu_seconds() - cpu0
    if requests:
        result.server_cpu_per_request_us = cpu / requests * 1e6
    return result


TMPFS = Path("/dev/shm")


def tree_bytes(root: Path) -> int:
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


@contextlib.contextmanager
def in_memory(site: Path, where: Path = TMPFS) -> Iterator[tuple[Path, str]]:
    """A copy of `site` on tmpfs while the block runs, and a word on where it is served from.

    On small VMs the kernel evicts a large site from the page cache between crawls (the 20,000
    article site is ~500 MB), and nginx then reads from disk: measured at 3k instead of 55k
    requests/s. tmpfs pages stay in memory. Falls back to the site itself without room there.
    """
    try:
        free = shutil.disk_usage(where).free
    except OSError:
        free = 0
    size = tree_bytes(site)
    if free < 2 * size:
        yield site, "disk (no room on tmpfs)"
        return
    copy = Path(tempfile.mkdtemp(prefix="newscrawl-bench-site-", dir=where))
    try:
        shutil.copytree(site, copy, dirs_exist_ok=True)
        yield copy, f"a tmpfs copy ({size / 1e6:,.0f} MB in {where})"
    finally:
        shutil.rmtree(copy, ignore_errors=True)
