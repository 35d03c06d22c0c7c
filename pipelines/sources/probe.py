"""Has the publisher a newer version than the last snapshot? Asked without downloading it.

For each file the fetcher would download (the same targets, resolved by
:mod:`pipelines.sources.fetch`), an HTTP ``HEAD`` carrying the previous
snapshot's validators (``If-None-Match`` / ``If-Modified-Since``): 304 means
unchanged; otherwise the ETag or Last-Modified answered is compared with the
stored one. Servers that refuse HEAD get the same conditional ``GET``, closed
before the body is read. A local file is compared by size and modification
time. The answer's ``version`` (the validators seen) names the upstream
version, so a sensor can request one refresh per version.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from pipelines.sources.base import SourceError, SourceSpec
from pipelines.sources.fetch import _previous, _resolve_targets, _Target
from pipelines.sources.http_fetch import (
    FetchPolicy,
    _http_client,
    _Job,
    _Previous,
    _user_agent,
    _validators,
    redact,
)
from pipelines.sources.snapshots import latest_snapshot, read_manifest


@dataclass(frozen=True)
class FileProbe:
    logical: str
    changed: bool | None  # None: the server sent no validator, so it cannot tell
    version: str


@dataclass(frozen=True)
class Probe:
    source_id: str
    files: tuple[FileProbe, ...]

    @property
    def changed(self) -> bool | None:
        """True if any file changed; None if none did but some could not tell."""
        if any(f.changed for f in self.files):
            return True
        return None if any(f.changed is None for f in self.files) else False

    @property
    def version(self) -> str:
        return ";".join(f"{f.logical}={f.version}" for f in self.files)


def probe_source(
    spec: SourceSpec,
    url: str,
    raw_root: Path,
    *,
    policy: FetchPolicy = FetchPolicy(timeout=20.0),  # frozen: a shared default is safe  # noqa: B008
    client: httpx.Client | None = None,
) -> Probe:
    previous = latest_snapshot(raw_root, spec.id)
    manifest = read_manifest(previous) if previous else {"files": {}}
    with tempfile.TemporaryDirectory() as scratch, _http_client(client, policy) as http:
        # An index page (part files) is read to choose the parts; the data files are not.
        job = _Job(Path(scratch), http, policy, policy.max_bytes)
        targets = _resolve_targets(spec, url, job)
        found = [_probe_one(job, t, _previous(previous, manifest, t), manifest) for t in targets]
    return Probe(spec.id, tuple(found))


def _probe_one(job: _Job, target: _Target, previous: _Previous | None,
               manifest: dict[str, Any]) -> FileProbe:
    if not target.is_http:
        return _probe_local(target, dict(previous.entry) if previous else None, manifest)
    if previous is not None and previous.entry.get("url") != redact(target.location):
        previous = None  # validators from another URL mean nothing here
    return _probe_http(job, target, previous)


def _probe_local(target: _Target, entry: dict[str, Any] | None,
                 manifest: dict[str, Any]) -> FileProbe:
    path = Path(target.location)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    stat = path.stat()
    version = f"{stat.st_size}:{stat.st_mtime_ns}"
    if entry is None or "fetched_at" not in manifest:
        return FileProbe(target.logical, True, version)
    fetched = datetime.fromisoformat(str(manifest["fetched_at"]).replace("Z", "+00:00"))
    newer = int(stat.st_mtime) > fetched.timestamp()  # fetched_at has whole seconds
    return FileProbe(target.logical, newer or stat.st_size != entry.get("bytes"), version)


def _probe_http(job: _Job, target: _Target, previous: _Previous | None) -> FileProbe:
    headers = {"User-Agent": _user_agent(), **_validators(previous)}
    entry = previous.entry if previous is not None else None
    response = _head(job, target.location, headers)
    if response.status_code == 304 and entry is not None:
        return FileProbe(target.logical, False, _token(entry.get("etag"), entry.get("last_modified")))
    if response.status_code != 200:
        raise SourceError(f"{redact(target.location)}: HTTP {response.status_code} to a probe")
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    if etag is None and modified is None:
        return FileProbe(target.logical, None, "")
    if entry is None:
        return FileProbe(target.logical, True, _token(etag, modified))
    same = (etag is not None and etag == entry.get("etag")) or (
        etag is None and modified == entry.get("last_modified"))
    return FileProbe(target.logical, not same, _token(etag, modified))


def _head(job: _Job, url: str, headers: dict[str, str]) -> httpx.Response:
    try:
        response = job.http.head(url, headers=headers, follow_redirects=True)
        if response.status_code not in (405, 501):
            return response
        # No HEAD here: a conditional GET, closed before its body is read.
        with job.http.stream("GET", url, headers=headers, follow_redirects=True) as streamed:
            return streamed
    except httpx.HTTPError as exc:
        raise SourceError(f"{redact(url)}: probe failed: {type(exc).__name__}: {exc}") from exc


def _token(etag: str | None, modified: str | None) -> str:
    return etag or modified or ""
