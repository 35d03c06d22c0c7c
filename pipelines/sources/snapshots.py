"""The raw snapshot store: ``<raw_root>/<source_id>/<snapshot_id>/`` plus ``manifest.json``.

A snapshot is written into a temporary sibling folder (``.tmp-…``) and renamed
into place in one step, so a crash never leaves a half-written folder under a
real id, and a folder with a manifest is never modified afterwards.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipelines.sources.base import Snapshot, SourceError

MANIFEST = "manifest.json"
TEMP_PREFIX = ".tmp-"
_ID_FORMAT = "%Y%m%dT%H%M%SZ"
_SNAPSHOT_ID = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def latest_snapshot(raw_root: Path, source_id: str) -> Snapshot | None:
    """The snapshot with the greatest id that has a manifest, or None."""
    folder = source_dir(raw_root, source_id)
    if not folder.is_dir():
        return None
    ids = [
        entry.name
        for entry in folder.iterdir()
        if _SNAPSHOT_ID.match(entry.name) and (entry / MANIFEST).is_file()
    ]
    if not ids:
        return None
    return load_snapshot(raw_root, source_id, max(ids, key=_id_sort_key))


def load_snapshot(raw_root: Path, source_id: str, snapshot_id: str) -> Snapshot:
    """A stored snapshot; SourceError if it does not exist or its manifest is broken."""
    if not _SNAPSHOT_ID.match(snapshot_id):
        raise SourceError(f"not a snapshot id: {snapshot_id!r}")
    path = source_dir(raw_root, source_id) / snapshot_id
    manifest = _read_manifest_file(path)
    files = {
        logical: path / _stored_name(path, entry) for logical, entry in _entries(path, manifest)
    }
    for logical, file in files.items():
        if not file.is_file():
            raise SourceError(
                f"{path}: file {file.name!r} ({logical}) listed in the manifest is missing"
            )
    return Snapshot(source_id=source_id, snapshot_id=snapshot_id, path=path, files=files)


def read_manifest(snapshot: Snapshot) -> dict[str, Any]:
    return _read_manifest_file(snapshot.path)


def source_dir(raw_root: Path, source_id: str) -> Path:
    # The id becomes a folder name: refuse anything that could leave raw_root.
    if not _SOURCE_ID.match(source_id):
        raise SourceError(f"not a usable source id: {source_id!r}")
    return raw_root / source_id


def new_temp_folder(raw_root: Path, source_id: str) -> Path:
    """A fresh ``.tmp-…`` folder beside the snapshots (same file system, so rename is atomic)."""
    folder = source_dir(raw_root, source_id)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))


def snapshot_id_for(now: datetime) -> str:
    return _as_utc(now).strftime(_ID_FORMAT)


def iso_utc(now: datetime) -> str:
    return _as_utc(now).strftime("%Y-%m-%dT%H:%M:%SZ")


def commit_snapshot(
    temp: Path, raw_root: Path, source_id: str, now: datetime, manifest: dict[str, Any]
) -> tuple[Snapshot, dict[str, Any]]:
    """Write the manifest into ``temp`` and rename it to the first free snapshot id."""
    base = snapshot_id_for(now)
    folder = source_dir(raw_root, source_id)
    for suffix in range(1, 10_000):
        snapshot_id = base if suffix == 1 else f"{base}-{suffix}"
        final = folder / snapshot_id
        if final.exists():
            continue
        full = {"source_id": source_id, "snapshot_id": snapshot_id, **manifest}
        write_json(temp / MANIFEST, full)
        if _rename_if_free(temp, final):
            return load_snapshot(raw_root, source_id, snapshot_id), full
    raise SourceError(f"{folder}: no free snapshot id for {base}")


def write_json(path: Path, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


# --- writing files into a snapshot ---------------------------------------------------


def stored_name(name: str) -> str:
    """A safe file name inside a snapshot for an official or downloaded file name."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name).lstrip(".-")
    if not safe:
        return "data"
    return "data_" + safe if safe == MANIFEST else safe


def write_stream(chunks: Iterable[bytes], dest: Path, cap: int, label: str) -> tuple[int, str]:
    """Write ``chunks`` to ``dest``; returns (bytes, sha256). SourceError past ``cap`` bytes."""
    digest = hashlib.sha256()
    size = 0
    with dest.open("wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > cap:
                raise SourceError(f"{label}: more than {cap} bytes (the size cap)")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def check_nonempty(size: int, label: str) -> None:
    # A scraper once committed a 0-byte SDN file after a failed download (SOURCES.md).
    if size == 0:
        raise SourceError(f"{label}: empty file (0 bytes): a failed download, not an empty list")


def link_or_copy(source: Path, dest: Path) -> None:
    """Reuse an unchanged file of an earlier snapshot (immutable, so sharing the inode is safe)."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def _rename_if_free(temp: Path, final: Path) -> bool:
    # Another process may take the id between the exists() check and the rename:
    # renaming onto a non-empty folder fails, and we try the next suffix.
    try:
        os.rename(temp, final)
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
            return False
        raise
    return True


def _read_manifest_file(path: Path) -> dict[str, Any]:
    file = path / MANIFEST
    if not file.is_file():
        raise SourceError(f"no snapshot at {path} (missing {MANIFEST})")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"{file}: unreadable manifest ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise SourceError(f"{file}: manifest has no 'files' object")
    return data


def _entries(path: Path, manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    entries = []
    for logical, entry in manifest["files"].items():
        if not isinstance(entry, dict):
            raise SourceError(f"{path / MANIFEST}: entry {logical!r} is not an object")
        entries.append((str(logical), entry))
    return entries


def _stored_name(path: Path, entry: dict[str, Any]) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not _FILE_NAME.match(name) or name == MANIFEST:
        raise SourceError(f"{path / MANIFEST}: bad stored file name {name!r}")
    return name


def _id_sort_key(snapshot_id: str) -> tuple[str, int]:
    # "…Z-10" must sort after "…Z-2": compare the suffix as a number.
    match = _SNAPSHOT_ID.match(snapshot_id)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


def _as_utc(now: datetime) -> datetime:
    # A naive datetime is taken to be UTC already (that is what callers pass in tests).
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
