"""Fetch a source's official files into a new immutable raw snapshot.

One entry point, :func:`fetch_source`. Files are streamed to disk (never held
in memory) while their SHA-256 and size are computed. A download that is
empty, truncated or over the size cap fails: publishers ship broken files, and
a 0-byte "list" must never be read as "the list is now empty" (SOURCES.md).
If every file is identical to the previous snapshot, no snapshot is written.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from pipelines.sources.base import Snapshot, SourceError, SourceSpec
from pipelines.sources.http_fetch import (
    CHUNK,
    FetchPolicy,
    _download,
    _entry,
    _http_client,
    _Job,
    _Previous,
    redact,
)
from pipelines.sources.parts import page_links, select_parts
from pipelines.sources.snapshots import (
    check_nonempty,
    commit_snapshot,
    iso_utc,
    latest_snapshot,
    new_temp_folder,
    read_manifest,
    stored_name,
    write_stream,
)

__all__ = ["FetchPolicy", "FetchResult", "fetch_source"]

log = logging.getLogger(__name__)
# Where an index page is downloaded while choosing part files (a leading dot:
# stored_name() never produces it, so no data file can collide).
_INDEX_PAGE = ".index-page.html"


@dataclass(frozen=True)
class FetchResult:
    snapshot: Snapshot
    # False: identical to the previous snapshot (all sha256 equal, or every file answered 304).
    changed: bool
    manifest: dict[str, Any]


@dataclass(frozen=True)
class _Target:
    logical: str  # key of SourceSpec.files, or "data"
    name: str  # stored file name inside the snapshot
    location: str  # http(s) URL, or absolute local path
    is_http: bool


def fetch_source(
    spec: SourceSpec,
    url: str,
    raw_root: Path,
    *,
    policy: FetchPolicy = FetchPolicy(),  # frozen: a shared default is safe  # noqa: B008
    client: httpx.Client | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """Download (or copy) ``spec``'s files from ``url`` into a new snapshot under ``raw_root``."""
    now = now or datetime.now(UTC)
    previous = latest_snapshot(raw_root, spec.id)
    prev_manifest = read_manifest(previous) if previous else {"files": {}}
    temp = new_temp_folder(raw_root, spec.id)
    try:
        with _http_client(client, policy) as http:
            job = _Job(temp, http, policy, min(policy.max_bytes, spec.max_bytes))
            targets = _resolve_targets(spec, url, job)
            files = {
                t.logical: _fetch_one(job, t, _previous(previous, prev_manifest, t))
                for t in targets
            }
        if previous and _same_content(files, prev_manifest):
            log.info("%s: unchanged since snapshot %s", spec.id, previous.snapshot_id)
            return FetchResult(previous, False, prev_manifest)
        body = {"fetched_at": iso_utc(now), "url": redact(url), "files": files}
        snapshot, manifest = commit_snapshot(temp, raw_root, spec.id, now, body)
        return FetchResult(snapshot, True, manifest)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


# --- which files, from where -------------------------------------------------


def _resolve_targets(spec: SourceSpec, url: str, job: _Job) -> list[_Target]:
    is_http = _is_http(url)
    if spec.part_pattern is not None and _is_listing(url, is_http):
        return _part_targets(spec.part_pattern, url, is_http, job)
    if not spec.files:
        location = url if is_http else str(_local_path(url))
        name = _basename(url) if is_http else Path(location).name
        return [_Target("data", stored_name(name), location, is_http)]
    _check_distinct_names(spec)
    if is_http:
        base = url if url.endswith("/") else url + "/"
        return [_Target(k, stored_name(v), urljoin(base, v), True) for k, v in spec.files.items()]
    folder = _local_path(url)
    if not folder.is_dir():
        raise SourceError(f"{folder}: not a folder (source {spec.id} has several files)")
    return [
        _Target(k, stored_name(v), str(_find_file(folder, v)), False) for k, v in spec.files.items()
    ]


def _is_listing(url: str, is_http: bool) -> bool:
    """A folder, or an index page whose links name the part files: a URL ending in
    ``/`` or ``.html``, or one whose last segment names no file (GLEIF's code-list
    pages: ``…/iso-20275-entity-legal-forms-code-list``)."""
    if not is_http:
        return _local_path(url).is_dir()
    name = _basename(url).lower()
    return url.endswith("/") or name.endswith((".html", ".htm")) or "." not in name


def _part_targets(pattern: str, url: str, is_http: bool, job: _Job) -> list[_Target]:
    if is_http:
        # The index page goes through the same retries and caps as any file;
        # its copy is deleted so it never becomes part of the snapshot.
        page = job.temp / _INDEX_PAGE
        _download(job, url, page, None)
        html = page.read_text(encoding="utf-8", errors="replace")
        page.unlink()
        locations = {_basename(link): link for link in page_links(html, url)}
    else:
        folder = _local_path(url)
        locations = {path.name: str(path) for path in folder.iterdir() if path.is_file()}
    chosen = select_parts(locations, pattern, redact(url))
    return [_Target(k, stored_name(name), locations[name], is_http) for k, name in chosen]


def _is_http(url: str) -> bool:
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return True
    if scheme in ("file", ""):
        return False
    raise SourceError(f"unsupported URL scheme {scheme!r} in {redact(url)}")


def _local_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        return Path(url).absolute()  # a plain path, relative to the current directory
    if parts.netloc not in ("", "localhost"):
        raise SourceError(f"file URL with a remote host is not supported: {redact(url)}")
    return Path(unquote(parts.path)).absolute()


def _find_file(folder: Path, official: str) -> Path:
    # Local mirrors often change the case of OFAC's names (sdn.csv for SDN.CSV).
    matches = [p for p in folder.iterdir() if p.name.lower() == official.lower() and p.is_file()]
    if len(matches) != 1:
        found = "no file" if not matches else f"{len(matches)} files"
        raise SourceError(f"{folder}: expected one file named {official!r} (any case), {found}")
    return matches[0]


def _basename(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).name


def _check_distinct_names(spec: SourceSpec) -> None:
    names = [stored_name(n).lower() for n in spec.files.values()]
    if len(set(names)) != len(names):
        raise SourceError(f"{spec.id}: two files would be stored under the same name: {names}")


def _previous(
    snapshot: Snapshot | None, manifest: dict[str, Any], target: _Target
) -> _Previous | None:
    if snapshot is None or target.logical not in snapshot.files:
        return None
    return _Previous(manifest["files"][target.logical], snapshot.files[target.logical])


def _same_content(files: Mapping[str, Mapping[str, Any]], prev_manifest: dict[str, Any]) -> bool:
    prev = prev_manifest["files"]
    return set(files) == set(prev) and all(
        prev[k].get("sha256") == entry["sha256"] for k, entry in files.items()
    )


# --- one file ------------------------------------------------------------------


def _fetch_one(job: _Job, target: _Target, previous: _Previous | None) -> dict[str, Any]:
    dest = job.temp / target.name
    if not target.is_http:
        return _copy_local(Path(target.location), dest, job.cap)
    if previous is not None and previous.entry.get("url") != redact(target.location):
        previous = None  # validators from another URL mean nothing here
    return _download(job, target.location, dest, previous)


def _copy_local(source: Path, dest: Path, cap: int) -> dict[str, Any]:
    if not source.is_file():
        raise SourceError(f"{source}: no such file")
    if source.stat().st_size > cap:
        raise SourceError(f"{source}: {source.stat().st_size} bytes exceeds the cap of {cap}")
    with source.open("rb") as handle:
        size, digest = write_stream(iter(lambda: handle.read(CHUNK), b""), dest, cap, str(source))
    check_nonempty(size, str(source))
    return _entry(dest.name, str(source), size, digest, {})
