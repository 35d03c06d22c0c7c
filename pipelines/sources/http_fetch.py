"""HTTP transport of the fetcher: one file downloaded into a snapshot folder.

The httpx client, user agent, retries with backoff (honouring Retry-After),
conditional GETs against the previous snapshot (ETag / Last-Modified, with a
304 reusing the previous file) and the response checks (status, declared
size, truncated body). Also what the fetcher and the transport share:
:class:`FetchPolicy`, the per-fetch job, the previous snapshot's entry, the
manifest entry of one file and URL redaction. :mod:`pipelines.sources.fetch`
builds on this module; it never imports that one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from pipelines.sources.base import SourceError
from pipelines.sources.snapshots import check_nonempty, link_or_copy, write_stream

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# Upper bound on a server's Retry-After, so a misconfigured mirror cannot stall a run for hours.
RETRY_AFTER_CAP = 300.0


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 60.0  # seconds, connect + read
    retries: int = 4  # extra attempts after the first, for 5xx, 429, timeouts, transport errors
    backoff: float = 1.0  # seconds, doubled each retry (Retry-After wins when present)
    max_bytes: int = 20 * 1024**3


@dataclass(frozen=True)
class _Previous:
    entry: Mapping[str, Any]  # the previous manifest's entry for this file
    path: Path


@dataclass(frozen=True)
class _Job:
    """What every file of one fetch shares."""

    temp: Path
    http: httpx.Client
    policy: FetchPolicy
    cap: int


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def redact(url: str) -> str:
    """``url`` without user:password, for manifests, logs and error messages."""
    parts = urlsplit(url)
    if not parts.scheme or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


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
