"""The HTTP API over real HTTP: uvicorn on a free port of 127.0.0.1, httpx as client."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from pipelines.lib.screen.api import create_app
from pipelines.lib.screen.index import ScreenIndex
from tests.lib.screen.fixture import VERSION


@pytest.fixture(scope="module")
def client(index: ScreenIndex) -> Iterator[httpx.Client]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(index), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
        yield http
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def test_get_screen_returns_hits_with_reasons(client: httpx.Client) -> None:
    response = client.get("/screen", params={"name": "字节跳动", "limit": "2"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert answer["version"] == VERSION
    assert [h["entity_id"] for h in answer["hits"]] == ["lei-bytedance-ltd",
                                                        "lei-bytedance-beijing"]
    assert answer["hits"][0]["listings"][0]["policy"] == "cn_control"


def test_post_screen_takes_json(client: httpx.Client) -> None:
    response = client.post("/screen", json={"name": "Tencent Holdings Ltd", "country": "GB",
                                            "policy": "cn_control", "limit": 1})
    assert response.status_code == 200
    hit = response.json()["hits"][0]
    assert hit["entity_id"] == "lei-tencent"
    assert hit["features"][1] == {"feature": "country", "score": -0.12,
                                  "detail": "country conflict (GB vs CN,KY)"}


def test_entities_returns_names_and_listings(client: httpx.Client) -> None:
    response = client.get("/entities/lei-bytedance-beijing")
    assert response.status_code == 200
    entity = response.json()
    assert entity["name"] == "Beijing ByteDance Technology Co Ltd"
    assert {n["name"] for n in entity["names"]} == {
        "北京字节跳动科技有限公司", "Beijing Zijie Tiaodong Keji Youxian Gongsi",
        "Beijing ByteDance Technology Co Ltd"}
    assert entity["identifiers"] == ["cn-uscc:91110000MA01ABCD1X", "lei:5493ABCDEFGH00000001"]


def test_health_names_the_version(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"status": "ok", "version": VERSION, "entities": 9}


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "error"), [
    ("GET", "/entities/nobody", {}, 404, "no entity 'nobody'"),
    ("GET", "/nowhere", {}, 404, "Not Found"),
    ("DELETE", "/screen", {}, 405, "Method Not Allowed"),
    ("GET", "/screen", {}, 400, "name: required"),
    ("GET", "/screen", {"params": {"name": "a", "nam": "b"}}, 400, "unknown parameters"),
    ("GET", "/screen", {"params": [("name", "a"), ("name", "b")]}, 400, "repeated"),
    ("GET", "/screen", {"params": {"name": "x" * 301}}, 422, "name: must be 1 to 300"),
    ("GET", "/screen", {"params": {"name": "a", "limit": "ten"}}, 422, "limit"),
    ("GET", "/screen", {"params": {"name": "a", "country": "China"}}, 422, "alpha-2"),
    ("POST", "/screen", {"content": b"name=a",
                         "headers": {"content-type": "application/x-www-form-urlencoded"}},
     415, "application/json"),
    ("POST", "/screen", {"content": b"{not json", "headers": {"content-type":
                                                              "application/json"}},
     400, "not JSON"),
    ("POST", "/screen", {"json": ["ByteDance"]}, 422, "a JSON object"),
    ("POST", "/screen", {"json": {"name": "a", "extra": 1}}, 422, "unknown fields"),
    ("POST", "/screen", {"json": {"name": 5}}, 422, "name: must be str"),
    ("POST", "/screen", {"json": {"name": "a", "limit": "5"}}, 422, "limit: must be int"),
    ("POST", "/screen", {"json": {"name": "a" * 9000}}, 413, "over 8192 bytes"),
])
def test_bad_requests_get_json_errors(client: httpx.Client, method: str, path: str,
                                      kwargs: dict[str, object], status: int,
                                      error: str) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    assert error in body["error"]
