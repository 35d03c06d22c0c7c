"""The upstream probe against a real HTTP server on 127.0.0.1: validators, never the body."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipelines.sources.fetch import FetchPolicy, fetch_source
from pipelines.sources.probe import probe_source
from pipelines.sources.registry import BY_ID

SPEC = BY_ID["us_dod_1260h"].spec
POLICY = FetchPolicy(timeout=5.0, retries=0, backoff=0.0)


@dataclass
class Publisher:
    """A file server that honours If-None-Match / If-Modified-Since, and records each request."""

    body: bytes = b"name,date\nACME,2026-01-01\n"
    etag: str | None = '"v1"'
    modified: str | None = "Mon, 30 Nov 2026 10:00:00 GMT"
    allow_head: bool = True
    seen: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.seen.append(request.method)
        if request.method == "HEAD" and not self.allow_head:
            return Response(status=405)
        headers = {k: v for k, v in (("ETag", self.etag), ("Last-Modified", self.modified)) if v}
        if self.etag and request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers=headers)
        if not self.etag and self.modified and request.headers.get("If-Modified-Since") == self.modified:
            return Response(status=304, headers=headers)
        return Response(self.body, headers=headers, content_type="text/csv")


@pytest.fixture
def publisher(httpserver: HTTPServer) -> Publisher:
    served = Publisher()
    httpserver.expect_request("/sanctions.csv").respond_with_handler(served)
    return served


def test_a_new_file_is_changed_then_the_fetched_one_is_not(
    httpserver: HTTPServer, publisher: Publisher, tmp_path: Path
) -> None:
    url = httpserver.url_for("/sanctions.csv")
    assert probe_source(SPEC, url, tmp_path, policy=POLICY).changed is True
    fetch_source(SPEC, url, tmp_path, policy=POLICY)
    publisher.seen.clear()
    found = probe_source(SPEC, url, tmp_path, policy=POLICY)
    assert found.changed is False
    assert found.version == 'data="v1"'
    assert publisher.seen == ["HEAD"]


def test_a_new_etag_is_a_new_version(
    httpserver: HTTPServer, publisher: Publisher, tmp_path: Path
) -> None:
    url = httpserver.url_for("/sanctions.csv")
    fetch_source(SPEC, url, tmp_path, policy=POLICY)
    publisher.etag, publisher.body = '"v2"', publisher.body + b"BETA,2026-02-01\n"
    found = probe_source(SPEC, url, tmp_path, policy=POLICY)
    assert (found.changed, found.version) == (True, 'data="v2"')


def test_last_modified_alone_and_a_server_refusing_head(
    httpserver: HTTPServer, publisher: Publisher, tmp_path: Path
) -> None:
    publisher.etag, publisher.allow_head = None, False
    url = httpserver.url_for("/sanctions.csv")
    fetch_source(SPEC, url, tmp_path, policy=POLICY)
    publisher.seen.clear()
    assert probe_source(SPEC, url, tmp_path, policy=POLICY).changed is False
    assert publisher.seen == ["HEAD", "GET"]  # the GET was conditional: answered 304
    publisher.modified = "Tue, 01 Dec 2026 10:00:00 GMT"
    assert probe_source(SPEC, url, tmp_path, policy=POLICY).changed is True


def test_no_validators_means_it_cannot_tell(
    httpserver: HTTPServer, publisher: Publisher, tmp_path: Path
) -> None:
    publisher.etag = publisher.modified = None
    url = httpserver.url_for("/sanctions.csv")
    fetch_source(SPEC, url, tmp_path, policy=POLICY)
    assert probe_source(SPEC, url, tmp_path, policy=POLICY).changed is None


def test_a_local_file_changes_with_its_size_or_time(tmp_path: Path) -> None:
    source = tmp_path / "sanctions.csv"
    source.write_bytes(b"name,date\nACME,2026-01-01\n")
    raw = tmp_path / "raw"
    fetch_source(SPEC, str(source), raw)
    assert probe_source(SPEC, str(source), raw).changed is False
    source.write_bytes(b"name,date\nACME,2026-01-01\nBETA,2026-02-01\n")
    assert probe_source(SPEC, str(source), raw).changed is True
