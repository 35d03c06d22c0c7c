"""The fetcher against real HTTP servers on 127.0.0.1 (never a patched client).

pytest-httpserver (werkzeug) serves well-formed responses; ``RawServer`` writes
bytes straight to the socket for the broken ones werkzeug will not produce
(a body shorter than its Content-Length, chunked bodies, a server that hangs).
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipelines.sources.base import SourceError, SourceSpec
from pipelines.sources.fetch import FetchPolicy, fetch_source

SOURCE = "test_src"
T1 = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
T2 = datetime(2024, 5, 2, 12, 0, 0, tzinfo=UTC)
T3 = datetime(2024, 5, 3, 12, 0, 0, tzinfo=UTC)
FAST = FetchPolicy(timeout=5.0, retries=2, backoff=0.01)
OFAC_FILES = {"sdn": "SDN.CSV", "add": "ADD.CSV"}


def make_spec(files: dict[str, str] | None = None, max_bytes: int = 20 * 1024**3) -> SourceSpec:
    return SourceSpec(
        id=SOURCE,
        title="Test source",
        publisher="Tests",
        official_url="https://example.invalid/list.csv",
        formats=("csv",),
        cadence_cron="0 6 * * *",
        licence="public domain",
        tables={},
        main_table="x",
        expected_rows=(0, 10),
        parser_version="1",
        files=files or {},
        max_bytes=max_bytes,
    )


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def left_behind(raw_root: Path) -> list[str]:
    folder = raw_root / SOURCE
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- a raw socket server for broken responses -----------------------------------------


class RawServer:
    """Answers every connection (each in its own thread) with ``respond(conn)``."""

    def __init__(self, respond: Callable[[socket.socket, threading.Event], None]) -> None:
        self._respond = respond
        self.stop = threading.Event()
        self.requests: list[bytes] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self._sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(65536)
                if not data:
                    return
                request += data
            self.requests.append(request)
            try:
                self._respond(conn, self.stop)
                conn.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the client gave up first (timeout test)


@pytest.fixture
def raw_server() -> Iterator[
    Callable[[Callable[[socket.socket, threading.Event], None]], RawServer]
]:
    servers: list[RawServer] = []

    def start(respond: Callable[[socket.socket, threading.Event], None]) -> RawServer:
        servers.append(RawServer(respond))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def canned(response: bytes) -> Callable[[socket.socket, threading.Event], None]:
    def respond(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(response)

    return respond


def chunked_body(chunks: int, size: int) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    chunk = f"{size:x}\r\n".encode() + b"x" * size + b"\r\n"
    return head + chunk * chunks + b"0\r\n\r\n"


# --- first fetch, conditional GET, unchanged detection -------------------------------


def test_first_fetch_stores_file_and_manifest(httpserver: HTTPServer, tmp_path: Path) -> None:
    body = b"id,name\n1,ACME LTD\n"
    headers = {"ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"}
    httpserver.expect_request("/lists/sdn.csv").respond_with_data(
        body, headers=headers, content_type="text/csv"
    )
    url = httpserver.url_for("/lists/sdn.csv")

    result = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T1)

    assert result.changed is True
    assert result.snapshot.snapshot_id == "20240501T120000Z"
    assert result.snapshot.path == tmp_path / SOURCE / "20240501T120000Z"
    assert result.snapshot.files["data"].read_bytes() == body
    manifest = json.loads((result.snapshot.path / "manifest.json").read_text())
    assert manifest == result.manifest
    assert manifest["source_id"] == SOURCE
    assert manifest["snapshot_id"] == "20240501T120000Z"
    assert manifest["fetched_at"] == "2024-05-01T12:00:00Z"
    assert manifest["url"] == url
    assert manifest["files"] == {
        "data": {
            "name": "sdn.csv",
            "url": url,
            "bytes": len(body),
            "sha256": sha(body),
            "etag": '"v1"',
            "last_modified": "Wed, 01 May 2024 10:00:00 GMT",
            "content_type": "text/csv",
        }
    }
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("ownergraph/")
    assert "+https://github.com/ownergraph" in request.headers["User-Agent"]
    assert "If-None-Match" not in request.headers
    assert left_behind(tmp_path) == ["20240501T120000Z"]


def test_304_reuses_previous_snapshot(httpserver: HTTPServer, tmp_path: Path) -> None:
    body = b"id\n1\n"
    seen: list[Request] = []
    last_modified = "Wed, 01 May 2024 10:00:00 GMT"

    def handler(request: Request) -> Response:
        seen.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body, headers={"ETag": '"v1"', "Last-Modified": last_modified})

    httpserver.expect_request("/list.csv").respond_with_handler(handler)
    url = httpserver.url_for("/list.csv")
    first = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T1)
    second = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T2)

    assert second.changed is False
    assert second.snapshot.snapshot_id == first.snapshot.snapshot_id
    assert second.manifest == first.manifest
    assert seen[1].headers["If-None-Match"] == '"v1"'
    assert seen[1].headers["If-Modified-Since"] == last_modified
    assert left_behind(tmp_path) == [first.snapshot.snapshot_id]


def test_same_bytes_without_validators_is_unchanged_then_new_bytes_make_a_snapshot(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = httpserver.url_for("/list.csv")
    httpserver.expect_ordered_request("/list.csv").respond_with_data(b"a\n1\n")
    httpserver.expect_ordered_request("/list.csv").respond_with_data(b"a\n1\n")
    httpserver.expect_ordered_request("/list.csv").respond_with_data(b"a\n2\n")

    first = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T1)
    same = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T2)
    assert same.changed is False
    assert same.snapshot.snapshot_id == first.snapshot.snapshot_id
    assert left_behind(tmp_path) == ["20240501T120000Z"]

    new = fetch_source(make_spec(), url, tmp_path, policy=FAST, now=T3)
    assert new.changed is True
    assert new.snapshot.snapshot_id == "20240503T120000Z"
    assert new.snapshot.files["data"].read_bytes() == b"a\n2\n"
    assert first.snapshot.files["data"].read_bytes() == b"a\n1\n"  # the old one is untouched
    assert left_behind(tmp_path) == ["20240501T120000Z", "20240503T120000Z"]


def test_two_changed_fetches_in_the_same_second_get_a_suffix(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = httpserver.url_for("/list.csv")
    for body in (b"v1\n", b"v2\n", b"v3\n"):
        httpserver.expect_ordered_request("/list.csv").respond_with_data(body)
    ids = [fetch_source(make_spec(), url, tmp_path, now=T1).snapshot.snapshot_id for _ in range(3)]
    assert ids == ["20240501T120000Z", "20240501T120000Z-2", "20240501T120000Z-3"]


def test_partial_304_links_the_old_file_into_the_new_snapshot(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    def sdn(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"sdn1"':
            return Response(status=304)
        return Response(b"sdn v1\n", headers={"ETag": '"sdn1"'})

    httpserver.expect_request("/ofac/SDN.CSV").respond_with_handler(sdn)
    # Oneshot, not ordered: pytest-httpserver fails any request out of an ordered sequence.
    httpserver.expect_oneshot_request("/ofac/ADD.CSV").respond_with_data(b"add v1\n")
    httpserver.expect_oneshot_request("/ofac/ADD.CSV").respond_with_data(b"add v2\n")
    base = httpserver.url_for("/ofac/")
    spec = make_spec(OFAC_FILES)

    first = fetch_source(spec, base, tmp_path, policy=FAST, now=T1)
    second = fetch_source(spec, base, tmp_path, policy=FAST, now=T2)

    assert second.changed is True
    assert second.snapshot.snapshot_id == "20240502T120000Z"
    assert second.snapshot.files["sdn"].read_bytes() == b"sdn v1\n"
    assert second.snapshot.files["add"].read_bytes() == b"add v2\n"
    assert second.manifest["files"]["sdn"] == first.manifest["files"]["sdn"]
    assert second.manifest["files"]["add"]["sha256"] == sha(b"add v2\n")


# --- retries and HTTP errors ---------------------------------------------------------


def test_503_twice_then_200_succeeds_after_retries(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/list.csv").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/list.csv").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/list.csv").respond_with_data(b"ok\n")

    result = fetch_source(make_spec(), httpserver.url_for("/list.csv"), tmp_path, policy=FAST)

    assert result.snapshot.files["data"].read_bytes() == b"ok\n"
    assert len(httpserver.log) == 3


def test_503_forever_fails_after_retries_plus_one_attempts(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/list.csv").respond_with_data("busy", status=503)
    with pytest.raises(SourceError, match=r"3 attempts.*HTTP 503"):
        fetch_source(make_spec(), httpserver.url_for("/list.csv"), tmp_path, policy=FAST)
    assert len(httpserver.log) == 3
    assert left_behind(tmp_path) == []


@pytest.mark.timeout(10)
def test_429_honours_retry_after_over_backoff(httpserver: HTTPServer, tmp_path: Path) -> None:
    # backoff=30 s would hit the timeout: the server's Retry-After: 0 must win.
    httpserver.expect_ordered_request("/list.csv").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    httpserver.expect_ordered_request("/list.csv").respond_with_data(b"ok\n")
    policy = FetchPolicy(timeout=5.0, retries=1, backoff=30.0)
    result = fetch_source(make_spec(), httpserver.url_for("/list.csv"), tmp_path, policy=policy)
    assert result.snapshot.files["data"].read_bytes() == b"ok\n"
    assert len(httpserver.log) == 2


def test_404_fails_at_once_naming_url_and_status(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/gone.csv").respond_with_data("no", status=404)
    url = httpserver.url_for("/gone.csv")
    with pytest.raises(SourceError, match="HTTP 404") as info:
        fetch_source(make_spec(), url, tmp_path, policy=FAST)
    assert url in str(info.value)
    assert len(httpserver.log) == 1
    assert left_behind(tmp_path) == []


def test_redirect_is_followed_and_credentials_never_stored(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/old.csv").respond_with_data(
        "", status=301, headers={"Location": "/new.csv"}
    )
    httpserver.expect_request("/new.csv").respond_with_data(b"moved\n")
    url = httpserver.url_for("/old.csv").replace("http://", "http://alice:s3cret@")

    result = fetch_source(make_spec(), url, tmp_path, policy=FAST)

    assert result.snapshot.files["data"].read_bytes() == b"moved\n"
    assert httpserver.log[0][0].authorization is not None  # the credentials were used...
    manifest_text = (result.snapshot.path / "manifest.json").read_text()
    assert "s3cret" not in manifest_text and "alice" not in manifest_text  # ...but not stored
    assert result.manifest["url"] == httpserver.url_for("/old.csv")


@pytest.mark.timeout(10)
def test_timeouts_are_retried_then_fail(
    raw_server: Callable[..., RawServer], tmp_path: Path
) -> None:
    def hang(conn: socket.socket, stop: threading.Event) -> None:
        stop.wait(5)

    server = raw_server(hang)
    policy = FetchPolicy(timeout=0.3, retries=1, backoff=0.01)
    with pytest.raises(SourceError, match=r"2 attempts.*Timeout"):
        fetch_source(make_spec(), server.url("/list.csv"), tmp_path, policy=policy)
    assert len(server.requests) == 2
    assert left_behind(tmp_path) == []


# --- broken bodies: size cap, truncation, empty ---------------------------------------


def test_content_length_over_the_cap_fails_and_leaves_nothing(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/big.csv").respond_with_data(b"x" * 1000)
    url = httpserver.url_for("/big.csv")
    with pytest.raises(SourceError, match="Content-Length 1000 exceeds the cap of 500"):
        fetch_source(make_spec(max_bytes=500), url, tmp_path, policy=FAST)
    with pytest.raises(SourceError, match="Content-Length 1000 exceeds the cap of 999"):
        fetch_source(make_spec(), url, tmp_path, policy=FetchPolicy(max_bytes=999))
    assert left_behind(tmp_path) == []
    assert fetch_source(make_spec(max_bytes=1000), url, tmp_path).changed is True


def test_chunked_body_over_the_cap_fails_while_streaming(
    raw_server: Callable[..., RawServer], tmp_path: Path
) -> None:
    server = raw_server(canned(chunked_body(chunks=10, size=100)))
    url = server.url("/big.csv")
    with pytest.raises(SourceError, match="more than 500 bytes"):
        fetch_source(make_spec(max_bytes=500), url, tmp_path, policy=FAST)
    assert left_behind(tmp_path) == []
    # The same response within the cap is accepted: the failure above is the cap's.
    result = fetch_source(make_spec(max_bytes=1000), url, tmp_path, policy=FAST)
    assert result.manifest["files"]["data"]["bytes"] == 1000


def test_truncated_body_fails_and_leaves_nothing(
    raw_server: Callable[..., RawServer], tmp_path: Path
) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
    server = raw_server(canned(head + b"x" * 10))
    policy = FetchPolicy(timeout=5.0, retries=1, backoff=0.01)
    with pytest.raises(SourceError, match="2 attempts"):
        fetch_source(make_spec(), server.url("/list.csv"), tmp_path, policy=policy)
    assert len(server.requests) == 2  # a dropped connection is worth a retry
    assert left_behind(tmp_path) == []


def test_complete_raw_response_is_accepted(
    raw_server: Callable[..., RawServer], tmp_path: Path
) -> None:
    # Control for the truncation test: the same server with a matching length works.
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n"
    server = raw_server(canned(head + b"x" * 10))
    result = fetch_source(make_spec(), server.url("/list.csv"), tmp_path, policy=FAST)
    assert result.snapshot.files["data"].read_bytes() == b"x" * 10


def test_empty_body_is_a_failed_download(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/sdn.csv").respond_with_data(b"")
    with pytest.raises(SourceError, match=r"empty file \(0 bytes\)"):
        fetch_source(make_spec(), httpserver.url_for("/sdn.csv"), tmp_path, policy=FAST)
    assert left_behind(tmp_path) == []


# --- multi-file sources and local files ---------------------------------------------------


def test_multi_file_base_url_over_http(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/ofac/SDN.CSV").respond_with_data(b"sdn\n")
    httpserver.expect_request("/ofac/ADD.CSV").respond_with_data(b"add\n")
    base = httpserver.url_for("/ofac")  # no trailing slash: still a folder

    result = fetch_source(make_spec(OFAC_FILES), base, tmp_path, policy=FAST, now=T1)

    assert {k: p.name for k, p in result.snapshot.files.items()} == {
        "sdn": "SDN.CSV",
        "add": "ADD.CSV",
    }
    assert result.snapshot.files["add"].read_bytes() == b"add\n"
    assert result.manifest["url"] == base
    assert result.manifest["files"]["sdn"]["url"] == httpserver.url_for("/ofac/SDN.CSV")


def test_local_folder_matches_official_names_case_insensitively(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "sdn.csv").write_bytes(b"sdn\n")
    (mirror / "add.csv").write_bytes(b"add\n")
    raw = tmp_path / "raw"

    result = fetch_source(make_spec(OFAC_FILES), str(mirror), raw, now=T1)

    assert result.snapshot.files["sdn"].name == "SDN.CSV"
    assert result.snapshot.files["sdn"].read_bytes() == b"sdn\n"
    entry = result.manifest["files"]["sdn"]
    assert entry["url"] == str(mirror / "sdn.csv")
    assert (entry["bytes"], entry["sha256"], entry["etag"]) == (4, sha(b"sdn\n"), None)
    assert fetch_source(make_spec(OFAC_FILES), str(mirror), raw, now=T2).changed is False


def test_local_folder_missing_or_ambiguous_file(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "sdn.csv").write_bytes(b"sdn\n")
    with pytest.raises(SourceError, match=r"'ADD\.CSV'") as info:
        fetch_source(make_spec(OFAC_FILES), str(mirror), tmp_path / "raw")
    assert str(mirror) in str(info.value)
    (mirror / "add.csv").write_bytes(b"add\n")
    (mirror / "ADD.CSV").write_bytes(b"add\n")
    with pytest.raises(SourceError, match=r"'ADD\.CSV'.*2 files"):
        fetch_source(make_spec(OFAC_FILES), str(mirror), tmp_path / "raw")


def test_file_url_with_a_space_in_the_path(tmp_path: Path) -> None:
    source = tmp_path / "my data" / "list 2024.csv"
    source.parent.mkdir()
    source.write_bytes(b"id\n7\n")
    url = source.as_uri()
    assert "%20" in url

    result = fetch_source(make_spec(), url, tmp_path / "raw", now=T1)

    assert result.snapshot.files["data"].name == "list_2024.csv"
    assert result.snapshot.files["data"].read_bytes() == b"id\n7\n"
    assert result.manifest["files"]["data"]["url"] == str(source)
    assert result.manifest["url"] == url


def test_relative_plain_path_is_relative_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "list.csv").write_bytes(b"id\n1\n")
    monkeypatch.chdir(tmp_path)
    result = fetch_source(make_spec(), "list.csv", tmp_path / "raw")
    assert result.manifest["files"]["data"]["url"] == str(tmp_path / "list.csv")


def test_local_file_empty_or_over_the_cap(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="empty file"):
        fetch_source(make_spec(), str(empty), tmp_path / "raw")
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 101)
    with pytest.raises(SourceError, match="exceeds the cap of 100"):
        fetch_source(make_spec(max_bytes=100), str(big), tmp_path / "raw")
    assert left_behind(tmp_path / "raw") == []


@pytest.mark.parametrize("url", ["ftp://example.org/list.csv", "s3://bucket/list.csv"])
def test_unsupported_url_scheme(url: str, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="unsupported URL scheme"):
        fetch_source(make_spec(), url, tmp_path)


def test_validators_are_not_sent_to_a_different_url(httpserver: HTTPServer, tmp_path: Path) -> None:
    # An ETag from the old mirror says nothing about the new one: a 304 there would be wrong.
    seen: list[Request] = []

    def mirror(request: Request) -> Response:
        seen.append(request)
        if request.headers.get("If-None-Match"):
            return Response(status=304)
        return Response(b"from mirror\n", headers={"ETag": '"v1"'})

    httpserver.expect_request("/official.csv").respond_with_data(b"v1\n", headers={"ETag": '"v1"'})
    httpserver.expect_request("/mirror.csv").respond_with_handler(mirror)
    fetch_source(make_spec(), httpserver.url_for("/official.csv"), tmp_path, policy=FAST, now=T1)

    moved = fetch_source(make_spec(), httpserver.url_for("/mirror.csv"), tmp_path, now=T2)

    assert "If-None-Match" not in seen[0].headers
    assert moved.changed is True
    assert moved.snapshot.files["data"].read_bytes() == b"from mirror\n"
