"""Profile one crawl with py-spy (or pyinstrument) and summarise where the CPU goes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench.measure import REPO, child_env

# py-spy raw frames look like "function (path/to/file.py)" with --nolineno.
_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*)\)$")

GROUPS = {  # top-level module of the leaf frame -> what it is
    "opencc": "opencc (OpenCC conversion)",
    "nh3": "nh3 (HTML sanitizer)",
    "lxml": "lxml / parsel / cssselect (HTML parsing, selectors)",
    "parsel": "lxml / parsel / cssselect (HTML parsing, selectors)",
    "cssselect": "lxml / parsel / cssselect (HTML parsing, selectors)",
    "sqlalchemy": "sqlalchemy",
    "psycopg": "psycopg",
    "sqlite3": "sqlite3",
    "twisted": "twisted",
    "scrapy": "scrapy",
    "w3lib": "w3lib",
    "newscrawl": "newscrawl",
    "asyncio": "asyncio (event loop)",
    "json": "json",
    "dataclasses": "dataclasses (asdict/replace)",
    "copy": "copy (deepcopy)",
}


def py_spy() -> str | None:
    return shutil.which("py-spy") or next(
        (str(p) for p in [Path(sys.executable).parent / "py-spy"] if p.exists()), None
    )


def record(cmd: list[str], out: Path, log: Path, rate: int = 200) -> str | None:
    """Run `cmd` under a profiler; the tool used, or None when none is available."""
    spy = py_spy()
    with log.open("wb") as fh:
        if spy:
            full = [
                spy,
                "record",
                "--format",
                "raw",
                "--nolineno",
                "--rate",
                str(rate),
                "-o",
                str(out),
                "--",
                *cmd,
            ]
            rc = subprocess.run(
                full, cwd=REPO, env=child_env(), stdout=fh, stderr=subprocess.STDOUT
            ).returncode
            if rc == 0 and out.exists() and out.stat().st_size:
                return "py-spy"
        try:
            import pyinstrument  # noqa: F401
        except ImportError:
            return None
        # cmd is [python, -m, scrapy, ...]: run scrapy's main under pyinstrument instead.
        full = [
            cmd[0],
            "-m",
            "pyinstrument",
            "-r",
            "text",
            "--show-all",
            "-o",
            str(out),
            "-m",
            *cmd[2:],
        ]
        rc = subprocess.run(
            full, cwd=REPO, env=child_env(), stdout=fh, stderr=subprocess.STDOUT
        ).returncode
        return "pyinstrument" if rc == 0 else None


def _short(file: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3.11/", "lib/python3.12/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def summarise_raw(path: Path, top: int = 15) -> str:
    """Self time, inclusive time of newscrawl functions and self time by component."""
    total = 0
    self_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    by_component: Counter[str] = Counter()
    for line in path.read_text("utf-8", "replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f]
        parsed = []
        for f in frames:
            m = _FRAME.match(f.strip())
            parsed.append((m["func"], m["file"]) if m else (f.strip(), ""))
        # Skip the "process ..." / thread pseudo-frames py-spy may add.
        parsed = [p for p in parsed if p[1]]
        if not parsed:
            continue
        total += n
        func, file = parsed[-1]
        self_time[f"{func} ({_short(file)})"] += n
        top_module = _short(file).split("/", 1)[0].removesuffix(".py")
        if top_module.startswith("<frozen"):
            top_module = "importlib (start-up imports)"
        by_component[GROUPS.get(top_module, top_module)] += n
        seen = set()
        for func, file in parsed:
            if _short(file).startswith("newscrawl/"):
                name = f"{func} ({_short(file)})"
                if name not in seen:
                    seen.add(name)
                    inclusive[name] += n
    if not total:
        return "(no samples)"

    def table(title: str, rows: list[tuple[str, int]], what: str = "function") -> str:
        lines = [f"{title}", "", f"| % of CPU samples | {what} |", "|---:|---|"]
        lines += [f"| {100 * c / total:5.1f} | `{name}` |" for name, c in rows]
        return "\n".join(lines)

    parts = [
        f"{total} on-CPU samples.",
        "",
        table(
            "Self time by module (the leaf frame's top-level package):",
            by_component.most_common(top),
            "module",
        ),
        "",
        table(f"Top {top} functions by self time:", self_time.most_common(top)),
        "",
        table(f"Top {top} newscrawl functions by inclusive time:", inclusive.most_common(top)),
    ]
    return "\n".join(parts)


def summarise(tool: str, path: Path, top: int = 15) -> str:
    if tool == "py-spy":
        return summarise_raw(path, top)
    text = path.read_text("utf-8", "replace").splitlines()
    return "```\n" + "\n".join(text[:80]) + "\n```"
