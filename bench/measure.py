"""Run one crawl as a child process and measure it: wall, CPU, peak RSS, server-side CPU."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.server import proc_cpu_seconds

REPO = Path(__file__).resolve().parent.parent


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def hwm_kb(pid: int) -> int:
    """Peak RSS (VmHWM) of a live process."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def busy_cpu_seconds() -> float:
    """CPU time all processes of the machine have used (user+nice+system+irq+softirq+steal)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


PG_SHARED = ("walwriter", "checkpointer", "background writer", "autovacuum", "walsummarizer")


def pg_pids(database: str) -> list[int]:
    """PostgreSQL processes working for `database`: its backends and autovacuum workers, and
    the server-wide WAL writer, checkpointer and background writer (other databases' sessions
    are left out: they are someone else's load)."""
    found = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() != "postgres":
                continue
            title = (comm.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        words = title.split()
        if database in words or any(k in title for k in PG_SHARED):
            found.append(int(comm.parent.name))
    return found


class Sampler(threading.Thread):
    """Samples the child's RSS and the CPU of server processes while a crawl runs.

    Database backends come and go with the crawler's connections, so their CPU is read while they
    live: the last value seen per pid counts (a backend's final <interval> may be missed).
    """

    def __init__(
        self, child: int, fixed: list[int], pg_database: str | None, interval: float = 0.25
    ):
        super().__init__(daemon=True)
        self.child = child
        self.fixed = fixed
        self.pg_database = pg_database
        self.interval = interval
        self.stop_event = threading.Event()
        self.rss: list[tuple[float, int]] = []
        self.base: dict[int, float] = {}
        self.last: dict[int, float] = {}
        # The crawler's own child processes (NEWSCRAWL_PARSE_WORKERS): CPU and peak RSS per pid.
        self.worker_cpu: dict[int, float] = {}
        self.worker_hwm: dict[int, int] = {}
        t0 = time.perf_counter()
        self.t0 = t0
        for pid in self._server_pids():
            self.base[pid] = self.last[pid] = proc_cpu_seconds(pid)

    def _server_pids(self) -> list[int]:
        pids = list(self.fixed)
        if self.pg_database:
            pids.extend(pg_pids(self.pg_database))
        return pids

    def run(self) -> None:
        tick = 0
        while not self.stop_event.is_set():
            kb = rss_kb(self.child)
            if kb:
                self.rss.append((time.perf_counter() - self.t0, kb))
            if tick % 2 == 0:
                self._sample_workers()
            if tick % 2 == 0 or self.stop_event.is_set():
                for pid in self._server_pids():
                    cpu = proc_cpu_seconds(pid)
                    if cpu:
                        self.base.setdefault(pid, 0.0)
                        self.last[pid] = max(cpu, self.last.get(pid, 0.0))
            tick += 1
            self.stop_event.wait(self.interval)

    def _sample_workers(self) -> None:
        from bench.server import descendants

        for pid in descendants(self.child):
            cpu = proc_cpu_seconds(pid)
            if cpu:
                self.worker_cpu[pid] = max(cpu, self.worker_cpu.get(pid, 0.0))
            self.worker_hwm[pid] = max(hwm_kb(pid), self.worker_hwm.get(pid, 0))

    def finish(self) -> None:
        for pid in self._server_pids():  # a last look at the long-lived ones
            cpu = proc_cpu_seconds(pid)
            if cpu:
                self.base.setdefault(pid, 0.0)
                self.last[pid] = max(cpu, self.last.get(pid, 0.0))
        self.stop_event.set()
        self.join()

    def server_cpu(self, pids: set[int] | None = None) -> float:
        return sum(
            self.last[p] - self.base.get(p, 0.0) for p in self.last if pids is None or p in pids
        )


@dataclass
class Run:
    label: str
    returncode: int
    total_wall_s: float
    total_cpu_s: float
    peak_rss_kb: int
    record: dict[str, Any]  # from bench.statsfile
    log: Path
    nginx_cpu_s: float = 0.0
    db_cpu_s: float = 0.0
    machine_cpu_s: float = 0.0  # every process on the machine, during the crawl
    worker_cpu_s: float = 0.0  # the crawler's child processes (parse workers), sampled
    worker_peak_rss_kb: int = 0  # sum of their peak RSS

    @property
    def other_cpu_s(self) -> float:
        """CPU used by unrelated processes meanwhile: noise from whatever else runs."""
        # total_cpu_s (wait4) already includes reaped worker processes.
        main = float(self.record.get("crawl_cpu_s", 0.0))
        tree = max(self.total_cpu_s, main + self.worker_cpu_s)
        return max(0.0, self.machine_cpu_s - tree - self.nginx_cpu_s - self.db_cpu_s)

    rss_series: list[tuple[float, int]] = field(default_factory=list)

    @property
    def stats(self) -> dict[str, Any]:
        return self.record.get("stats", {})


def scrapy_command(
    spider: str, settings: dict[str, Any], python: str = sys.executable
) -> list[str]:
    cmd = [python, "-m", "scrapy", "crawl", spider]
    for key, value in settings.items():
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        cmd += ["-s", f"{key}={value}"]
    return cmd


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawl.settings"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("NEWSCRAWL_DATABASE_URL", None)
    return env


def run_crawl(
    label: str,
    cmd: list[str],
    stats_file: Path,
    log: Path,
    nginx_pids: list[int],
    pg_database: str | None,
) -> Run:
    stats_file.unlink(missing_ok=True)
    with log.open("wb") as out:
        t0 = time.perf_counter()
        busy0 = busy_cpu_seconds()
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=child_env(), stdout=out, stderr=subprocess.STDOUT
        )
        sampler = Sampler(proc.pid, nginx_pids, pg_database)
        sampler.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        except BaseException:
            proc.terminate()  # our own child only
            proc.wait()
            raise
        wall = time.perf_counter() - t0
        busy = busy_cpu_seconds() - busy0
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.finish()
    record = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
    nginx = set(nginx_pids)
    return Run(
        label=label,
        returncode=proc.returncode,
        total_wall_s=wall,
        total_cpu_s=ru.ru_utime + ru.ru_stime,
        peak_rss_kb=ru.ru_maxrss,
        record=record,
        log=log,
        nginx_cpu_s=sampler.server_cpu(nginx),
        db_cpu_s=sampler.server_cpu({p for p in sampler.last if p not in nginx}),
        rss_series=sampler.rss,
        machine_cpu_s=busy,
        worker_cpu_s=sum(sampler.worker_cpu.values()),
        worker_peak_rss_kb=sum(sampler.worker_hwm.values()),
    )
