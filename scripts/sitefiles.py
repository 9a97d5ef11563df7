"""Write (or check) a generated file tree; shared by the bundled-site build scripts."""

from __future__ import annotations

import shutil
from pathlib import Path


def sync(out: dict[Path, bytes], dirs: tuple[Path, ...], root: Path, check: bool) -> int:
    """Make `dirs` hold exactly `out`. With `check`, only report stale files: exit code 1."""
    stale = [p for p, data in out.items() if not p.is_file() or p.read_bytes() != data]
    extra = [p for d in dirs if d.is_dir() for p in d.rglob("*") if p.is_file() and p not in out]
    if check:
        for p in stale + extra:
            print(f"stale: {p.relative_to(root)}")
        return 1 if stale or extra else 0
    for d in dirs:
        if d.is_dir():
            shutil.rmtree(d)
    for path, data in sorted(out.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(out)} files ({len(stale)} changed, {len(extra)} removed)")
    return 0
