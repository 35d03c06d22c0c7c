"""Publish a denylist version: immutable, checksummed, and never a silent shrink.

A version is written to ``published/.tmp-<version>/`` and renamed into place;
then the ``latest`` symlink is replaced atomically. A reader therefore sees the
old version or the new one, never half of one. The same rows always give the
same bytes (rows are sorted; no timestamps inside the data files).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = "1"
# Cells starting with these run as formulas in spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PublishRefused(RuntimeError):
    """The new version failed a guard; ``latest`` keeps pointing at the old one."""


@dataclass(frozen=True)
class Published:
    version: str
    path: Path
    rows: int
    previous: str | None


def latest_version(published_dir: Path) -> Path | None:
    link = published_dir / "latest"
    return link.resolve() if link.exists() else None


def publish(
    published_dir: Path,
    denylist: pa.Table,
    facts: Mapping[str, Any],
    *,
    policies: tuple[str, ...],
    max_shrink: float,
    keep_versions: int = 30,
    accept_shrink: bool = False,
    now: datetime | None = None,
    delta: pa.Table | None = None,
) -> Published:
    """Write a new version; ``delta`` (the rows added, removed or changed since the
    previous version, with reasons) goes beside the denylist as ``delta.csv``."""
    now = now or datetime.now(UTC)
    previous = latest_version(published_dir)
    _guard(denylist.num_rows, previous, max_shrink, accept_shrink)
    version = _version_id(published_dir, now, policies)
    tmp = published_dir / f".tmp-{version}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    files = {"denylist.csv": write_csv(denylist, tmp / "denylist.csv")}
    pq.write_table(denylist, tmp / "denylist.parquet", compression="zstd")
    files["denylist.parquet"] = _describe(tmp / "denylist.parquet")
    if delta is not None:
        files["delta.csv"] = write_csv(delta, tmp / "delta.csv")
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "version": version,
        "created_at": now.isoformat(timespec="seconds"),
        "previous_version": previous.name if previous else None,
        "policies": list(policies),
        "accept_shrink": accept_shrink,
        "rows": denylist.num_rows,
        "counts": _counts(denylist),
        "files": files,
        **facts,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, published_dir / version)
    _point_latest(published_dir, version)
    _retain(published_dir, keep_versions)
    return Published(version, published_dir / version, denylist.num_rows,
                     previous.name if previous else None)


def _guard(rows: int, previous: Path | None, max_shrink: float, accept_shrink: bool) -> None:
    if rows == 0:
        raise PublishRefused("the new denylist is empty; refusing to publish it")
    if previous is None or accept_shrink:
        return
    before = json.loads((previous / "manifest.json").read_text())["rows"]
    if rows < before * (1 - max_shrink):
        raise PublishRefused(
            f"the denylist would shrink from {before} to {rows} rows "
            f"(more than {max_shrink:.0%}); rerun with --accept-shrink if this is intended"
        )


def _version_id(published_dir: Path, now: datetime, policies: tuple[str, ...]) -> str:
    base = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{'+'.join(sorted(policies))}"
    version, n = base, 1
    while (published_dir / version).exists():
        n += 1
        version = f"{base}-{n}"
    return version


def _point_latest(published_dir: Path, version: str) -> None:
    tmp = published_dir / "latest.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(version)
    os.replace(tmp, published_dir / "latest")


def _retain(published_dir: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` versions; never the one ``latest`` names."""
    latest = latest_version(published_dir)
    versions = sorted(
        (p for p in published_dir.iterdir() if p.is_dir() and not p.is_symlink()
         and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in versions[: max(len(versions) - max(keep, 1), 0)]:
        if latest is None or old.resolve() != latest:
            shutil.rmtree(old)


def _safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(table: pa.Table, path: Path) -> dict[str, Any]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names)
        for batch in table.to_batches(max_chunksize=10_000):
            for row in batch.to_pylist():
                writer.writerow([_safe_cell(v) for v in row.values()])
    return _describe(path)


def _describe(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}


def _counts(table: pa.Table) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    pairs = zip(table["policy"].to_pylist(), table["status"].to_pylist(), strict=True)
    for policy, status in pairs:
        by_status = counts.setdefault(str(policy), {})
        by_status[str(status)] = by_status.get(str(status), 0) + 1
    return counts
