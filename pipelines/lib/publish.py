"""Publish a denylist version: immutable, checksummed, signed, and never a silent shrink.

A version is written to ``published/.tmp-<version>/``, every file fsynced, and
renamed into place; then the ``latest`` symlink is replaced atomically. A reader
therefore sees the old version or the new one, never half of one, and a process
killed at any point leaves ``latest`` on a complete version; the next publish
removes the leftovers (``.tmp-*``). One publisher at a time (the run queue's one
run). The same rows always give the same bytes (rows are sorted; no timestamps
inside the data files, only in the manifest).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines.lib import ftm_export
from pipelines.lib.publish_files import (
    sync_dir,
    write_bytes,
    write_csv,
    write_json,
    write_jsonl,
    write_lines,
    write_parquet,
)
from pipelines.lib.publish_schema import SCHEMA_VERSION, check_columns, schema_document
from pipelines.lib.signing import Signer

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
_TMP = ".tmp-"


class PublishRefused(RuntimeError):
    """The new version failed a guard; ``latest`` keeps pointing at the old one."""


@dataclass(frozen=True)
class Published:
    version: str
    path: Path
    rows: int
    previous: str | None


@dataclass(frozen=True)
class Release:
    """What a version holds: the denylist, the delta since the previous version
    (rows added, removed or changed, with reasons), every name of every entity,
    and facts for the manifest (snapshots, config hashes, as-of date)."""

    denylist: pa.Table
    facts: Mapping[str, Any]
    delta: pa.Table | None = None
    names: pa.Table | None = None


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
    names: pa.Table | None = None,
    signer: Signer | None = None,
) -> Published:
    """Write a new version and point ``latest`` at it, unless a guard refuses."""
    now = now or datetime.now(UTC)
    published_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(published_dir)
    previous = latest_version(published_dir)
    release = Release(_sorted(denylist, "policy", "entity_id"), facts,
                      None if delta is None else _sorted(delta, "policy", "entity_id", "change"),
                      None if names is None else _sorted(names, "entity_id", "name"))
    shrink = _guard(release.denylist.num_rows, previous, max_shrink, accept_shrink)
    version = _version_id(published_dir, now, policies)
    tmp = published_dir / f"{_TMP}{version}"
    tmp.mkdir()
    files = write_files(tmp, release)
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "version": version,
        "created_at": now.isoformat(timespec="seconds"),
        "previous_version": previous.name if previous else None,
        "policies": list(policies),
        "accept_shrink": accept_shrink,
        "shrink": shrink,
        "rows": release.denylist.num_rows,
        "counts": _counts(release.denylist),
        "files": files,
        "signature": _signature_facts(signer),
        **facts,
    }
    _write_manifest(tmp, manifest, signer)
    _switch(published_dir, tmp, version)
    retain(published_dir, keep_versions)
    return Published(version, published_dir / version, release.denylist.num_rows,
                     previous.name if previous else None)


def write_files(directory: Path, release: Release) -> dict[str, Any]:
    """Every data file of a version, with its sha256 and size."""
    check_columns("denylist", release.denylist)
    files = {
        "denylist.csv": write_csv(release.denylist, directory / "denylist.csv"),
        "denylist.parquet": write_parquet(release.denylist, directory / "denylist.parquet"),
        "denylist.jsonl": write_jsonl(release.denylist, directory / "denylist.jsonl"),
    }
    if release.delta is not None:
        check_columns("delta", release.delta)
        files["delta.csv"] = write_csv(release.delta, directory / "delta.csv")
        files["delta.jsonl"] = write_jsonl(release.delta, directory / "delta.jsonl")
    if release.names is not None:
        check_columns("names", release.names)
        files["names.parquet"] = write_parquet(release.names, directory / "names.parquet")
    files[ftm_export.FILE] = write_lines(
        ftm_export.lines(release.denylist, release.names), directory / ftm_export.FILE)
    files["schema.json"] = write_json(schema_document(), directory / "schema.json")
    return files


def _write_manifest(directory: Path, manifest: dict[str, Any], signer: Signer | None) -> None:
    data = (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    write_bytes(data, directory / MANIFEST)
    if signer is not None:
        write_bytes(signer.sign(data), directory / SIGNATURE)


def _signature_facts(signer: Signer | None) -> dict[str, str] | None:
    if signer is None:
        return None
    return {"algorithm": "ed25519", "file": SIGNATURE, "public_key_sha256": signer.fingerprint,
            "key_from": signer.origin}


def _switch(published_dir: Path, tmp: Path, version: str) -> None:
    """Rename the finished version into place, then move ``latest`` to it."""
    sync_dir(tmp)
    os.replace(tmp, published_dir / version)
    sync_dir(published_dir)
    link = published_dir / "latest.tmp"
    link.symlink_to(version)
    os.replace(link, published_dir / "latest")
    sync_dir(published_dir)


def _guard(rows: int, previous: Path | None, max_shrink: float,
           accept_shrink: bool) -> dict[str, Any] | None:
    """Refuse an empty list, or one shrunk past ``max_shrink`` unless accepted.

    Returns the shrink facts for the manifest (None for a first version)."""
    if rows == 0:
        raise PublishRefused("the new denylist is empty; refusing to publish it")
    if previous is None:
        return None
    before = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))["rows"]
    shrinks = rows < before * (1 - max_shrink)
    if shrinks and not accept_shrink:
        raise PublishRefused(
            f"the denylist would shrink from {before} to {rows} rows "
            f"(more than {max_shrink:.0%}); rerun with --accept-shrink if this is intended"
        )
    return {"previous_rows": before, "rows": rows, "max_shrink": max_shrink,
            "beyond_max_shrink": shrinks, "accepted": shrinks and accept_shrink}


def _version_id(published_dir: Path, now: datetime, policies: tuple[str, ...]) -> str:
    # A second version within the same second gets -002, -003...: still sorts by time.
    base = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{'+'.join(sorted(policies))}"
    version, n = base, 1
    while (published_dir / version).exists():
        n += 1
        version = f"{base}-{n:03d}"
    return version


def remove_leftovers(published_dir: Path) -> None:
    """Remove what a killed publish left: half-written or half-deleted versions, a stray link."""
    for path in published_dir.iterdir():
        if path.name.startswith(_TMP) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.name == "latest.tmp":
            path.unlink()


def retain(published_dir: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` versions; never the one ``latest`` names.

    A version is renamed to ``.tmp-retired-*`` before its files go, so a kill
    mid-delete leaves a leftover, not a partial version."""
    latest = latest_version(published_dir)
    versions = sorted(
        (p for p in published_dir.iterdir() if p.is_dir() and not p.is_symlink()
         and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in versions[: max(len(versions) - max(keep, 1), 0)]:
        if latest is None or old.resolve() != latest:
            retired = published_dir / f"{_TMP}retired-{old.name}"
            os.replace(old, retired)
            shutil.rmtree(retired)


def _sorted(table: pa.Table, *keys: str) -> pa.Table:
    return table.sort_by([(key, "ascending") for key in keys])


def _counts(table: pa.Table) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    pairs = zip(table["policy"].to_pylist(), table["status"].to_pylist(), strict=True)
    for policy, status in pairs:
        by_status = counts.setdefault(str(policy), {})
        by_status[str(status)] = by_status.get(str(status), 0) + 1
    return counts
