"""The analysts' inbox: ``<data_dir>/inbox/<source_id>/`` holds manually downloaded files.

Each entry directly inside a source's folder (a file, or a folder for sources
published as several files) is one drop. A drop is ingested through the
normal fetch stage, as if it were the configured URL, so it gets the same
checks (size cap, not empty), sha256 and manifest as a download. Entries whose
name starts with "." are ignored, and so is a drop still being written: it
must have been left unchanged for ``SETTLE_SECONDS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SETTLE_SECONDS = 30.0


@dataclass(frozen=True)
class Drop:
    source_id: str
    path: Path
    size: int
    mtime_ns: int

    @property
    def run_key(self) -> str:
        """The same drop (name, size, modification time) is ingested once."""
        return f"inbox:{self.source_id}:{self.path.name}:{self.size}:{self.mtime_ns}"


def inbox_dir(data_dir: Path) -> Path:
    return data_dir / "inbox"


def settled_drops(data_dir: Path, source_ids: Iterable[str], now: float,
                  settle: float = SETTLE_SECONDS) -> list[Drop]:
    """Drops for ``source_ids``, oldest first, that nobody has written to for ``settle`` s."""
    drops = []
    for source_id in sorted(source_ids):
        folder = inbox_dir(data_dir) / source_id
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            drop = _describe(source_id, entry)
            if drop is not None and now - drop.mtime_ns / 1e9 >= settle:
                drops.append(drop)
    return sorted(drops, key=lambda d: (d.mtime_ns, d.source_id, d.path.name))


def _describe(source_id: str, entry: Path) -> Drop | None:
    files = [entry] if entry.is_file() else sorted(p for p in entry.rglob("*") if p.is_file())
    if not files:
        return None
    stats = [f.stat() for f in files]
    return Drop(source_id, entry, sum(s.st_size for s in stats),
                max([s.st_mtime_ns for s in stats] + [entry.stat().st_mtime_ns]))
