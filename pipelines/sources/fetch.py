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
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx

from pipelines.sources.base import Snapshot, SourceError, SourceSpec
from pipelines.sources.snapshots import (
    check_nonempty,
    commit_snapshot,
    iso_utc,
    latest_snapshot,
    link_or_copy,
    new_temp_folder,
    read_manifest,
    stored_name,
    write_stream,
)

__all__ = ["FetchPolicy", "FetchResult", "fetch_source"]

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# Upper bound on a server's Retry-After, so a misconfigured mirror cannot stall a run for hours.
RETRY_AFTER_CAP = 300.0


@dataclass(frozen=True)
class FetchResult:
    snapshot: Snapshot
    # False: identical to the previous snapshot (all sha256 equal, or every file answered 304).
    changed: bool
    manifest: dict[str, Any]


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 60.0  # seconds, connect + read
    retries: int = 4  # extra attempts after the first, for 5xx, 429, timeouts, transport errors
    backoff: float = 1.0  # seconds, doubled each retry (Retry-After wins when present)
    max_bytes: int = 20 * 1024**3


@dataclass(frozen=True)
class _Target:
    logical: str  # key of SourceSpec.files, or "data"
    name: str  # stored file name inside the snapshot
    location: str  # http(s) URL, or absolute local path
    is_http: bool


@dataclass(frozen=True)
class _Previous:
    entry: Mapping[str, Any]  # the previous manifest's entry for this file
    path: Path


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def fetch_source(
    spec: SourceSpec,
    url: str,
    raw_root: Path,
    *,
    policy: FetchPolicy = FetchPolicy(),  # frozen: a shared default is safe
    client: httpx.Client | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """Download (or copy) ``spec``'s files from ``url`` into a new snapshot under ``raw_root``."""
    now = now or datetime.now(UTC)
    targets = _resolve_targets(spec, url)
    previous = latest_snapshot(raw_root, spec.id)
    prev_manifest = read_manifest(previous) if previous else {"files": {}}
    temp = new_temp_folder(raw_root, spec.id)
    try:
        with _http_client(client, policy) as http:
            job = _Job(temp, http, policy, min(policy.max_bytes, spec.max_bytes))
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


def redact(url: str) -> str:
    """``url`` without user:password, for manifests, logs and error messages."""
    parts = urlsplit(url)
    if not parts.scheme or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


# --- which files, from where -------------------------------------------------


def _resolve_targets(spec: SourceSpec, url: str) -> list[_Target]:
    is_http = _is_http(url)
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


@dataclass(frozen=True)
class _Job:
    """What every file of one fetch shares."""

    temp: Path
    http: httpx.Client
    policy: FetchPolicy
    cap: int


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


def _entry(
    name: str, url: str, size: int, digest: str, headers: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "name": name,
        "url": redact(url),
        "bytes": size,
        "sha256": digest,
        "etag": headers.get("etag"),
        "last_modified": headers.get("last-modified"),
        "content_type": headers.get("content-type"),
    }


# --- HTTP ----------------------------------------------------------------------------


@contextmanager
def _http_client(client: httpx.Client | None, policy: FetchPolicy) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    with httpx.Client(timeout=policy.timeout, follow_redirects=True) as own:
        yield own


@cache
def _user_agent() -> str:
    try:
        version = metadata.version("ownergraph")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"ownergraph/{version} (+https://github.com/ownergraph)"


def _download(job: _Job, url: str, dest: Path, previous: _Previous | None) -> dict[str, Any]:
    headers = {"User-Agent": _user_agent(), **_validators(previous)}
    retries, label = job.policy.retries, redact(url)
    for attempt in range(retries + 1):
        try:
            return _attempt(job, url, dest, headers, previous)
        except _Retryable as exc:
            if attempt == retries:
                raise SourceError(f"{label}: failed after {attempt + 1} attempts: {exc}") from exc
            delay = exc.retry_after
            delay = job.policy.backoff * 2**attempt if delay is None else delay
            log.warning("%s: %s; retrying in %.1f s", label, exc, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def _validators(previous: _Previous | None) -> dict[str, str]:
    if previous is None or not previous.path.is_file():
        return {}
    pairs = (("If-None-Match", "etag"), ("If-Modified-Since", "last_modified"))
    return {h: previous.entry[k] for h, k in pairs if previous.entry.get(k)}


def _attempt(
    job: _Job, url: str, dest: Path, headers: dict[str, str], previous: _Previous | None
) -> dict[str, Any]:
    label = redact(url)
    timeout = job.policy.timeout
    try:
        with job.http.stream(
            "GET", url, headers=headers, follow_redirects=True, timeout=timeout
        ) as response:
            if response.status_code == 304 and previous is not None:
                return _reuse(previous, dest, response.headers)
            _check_status(response, label)
            _check_declared_size(response, job.cap, label)
            size, digest = write_stream(response.iter_bytes(CHUNK), dest, job.cap, label)
            _check_complete(response, label)
    except httpx.TransportError as exc:  # timeouts, refused or dropped connections
        raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
    except httpx.HTTPError as exc:  # too many redirects, undecodable content encoding
        raise SourceError(f"{label}: {type(exc).__name__}: {exc}") from exc
    check_nonempty(size, label)
    return _entry(dest.name, url, size, digest, response.headers)


def _check_status(response: httpx.Response, label: str) -> None:
    status = response.status_code
    if status == 200:
        return
    if status == 429 or status >= 500:
        raise _Retryable(f"HTTP {status}", _retry_after(response.headers.get("retry-after")))
    raise SourceError(f"{label}: HTTP {status} {response.reason_phrase}".rstrip())


def _check_declared_size(response: httpx.Response, cap: int, label: str) -> None:
    declared = _content_length(response)
    if declared is not None and declared > cap:
        raise SourceError(f"{label}: Content-Length {declared} exceeds the cap of {cap} bytes")


def _check_complete(response: httpx.Response, label: str) -> None:
    # h11 normally raises on a short body itself; this guards any transport that does not.
    # num_bytes_downloaded counts bytes on the wire, as Content-Length does (before gzip decoding).
    declared = _content_length(response)
    if declared is not None and response.num_bytes_downloaded < declared:
        got = response.num_bytes_downloaded
        raise _Retryable(f"truncated body: {got} of {declared} bytes")


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        seconds = float(value.strip())
    else:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


def _reuse(previous: _Previous, dest: Path, headers: httpx.Headers) -> dict[str, Any]:
    """304 Not Modified: the previous snapshot's file goes into the new one unchanged."""
    link_or_copy(previous.path, dest)
    entry = {**previous.entry, "name": dest.name}
    for key, header in (("etag", "etag"), ("last_modified", "last-modified")):
        entry[key] = headers.get(header) or previous.entry.get(key)
    return entry
