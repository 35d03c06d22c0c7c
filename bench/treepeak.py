"""The peak memory of a process tree: this process and every descendant, summed.

``ru_maxrss`` gives each process's own peak, and those peaks come at different
times (a parse worker's during the parse, the warehouse's during the SQL), so
adding them overstates the peak. This samples the tree's summed resident set
from ``/proc`` (Linux) a few times a second instead.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0  # the process ended between listing and reading


def tree_rss_kb(root: int) -> int:
    """Summed resident set of ``root`` and all its descendants now, in KiB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss_kb(pid)
        pending += _children(pid)
    return total


class TreePeak:
    """``with TreePeak() as peak: ...`` then ``peak.mb``: the largest sample seen."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        root = os.getpid()
        while not self._stop.wait(self.interval):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(root))

    @property
    def mb(self) -> float:
        return self.peak_kb / 1024

    def __enter__(self) -> TreePeak:
        self.peak_kb = tree_rss_kb(os.getpid())
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, tree_rss_kb(os.getpid()))
