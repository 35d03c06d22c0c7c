"""The upstream-change and inbox sensors, evaluated with Dagster's testing utilities,
and the runs they request executed on a real instance."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dagster as dg
import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipelines.defs.sensors import inbox, upstream_changes
from pipelines.lib import stages
from pipelines.lib.demo import generate
from pipelines.sources.registry import BY_ID
from tests.defs.helpers import bound, resource

DOD = BY_ID["us_dod_1260h"]


def _config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "run.yaml"
    path.write_text(yaml.safe_dump({
        "sources": {"us_dod_1260h": {"url": url, "expected_rows": [1, 1000]}},
        "policies": ["listed"],
    }))
    return path


def _evaluate(sensor: dg.SensorDefinition, data_dir: Path, config: Path,
              instance: dg.DagsterInstance) -> dg.SensorResult:
    context = dg.build_sensor_context(
        instance=instance, resources={"ownergraph": resource(data_dir, config)})
    result = sensor(context)
    assert isinstance(result, dg.SensorResult)
    return result


@pytest.fixture(scope="module")
def dod_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    demo = tmp_path_factory.mktemp("demo")
    generate(demo)
    return (demo / "lists" / "dod" / "sanctions.csv").read_bytes()


def test_upstream_sensor_requests_a_refresh_once_per_new_version(
    httpserver: HTTPServer, tmp_path: Path, dod_file: bytes
) -> None:
    served: dict[str, bytes] = {"etag": b'"2026-11-19"', "body": dod_file}
    methods: list[str] = []

    def publisher(request: Request) -> Response:
        methods.append(request.method)
        if request.headers.get("If-None-Match") == served["etag"].decode():
            return Response(status=304)
        return Response(served["body"], headers={"ETag": served["etag"].decode()})

    httpserver.expect_request("/sanctions.csv").respond_with_handler(publisher)
    config = _config(tmp_path, httpserver.url_for("/sanctions.csv"))
    data_dir = tmp_path / "data"
    with dg.instance_for_test() as instance:
        first = _evaluate(upstream_changes, data_dir, config, instance)
        assert [(r.job_name, r.run_key) for r in first.run_requests or []] == [
            ("refresh_us_dod_1260h", first.run_requests[0].run_key)]  # type: ignore[index]
        ctx = resource(data_dir, config).context()
        stages.fetch(ctx, DOD)  # what that refresh run does first
        methods.clear()
        quiet = _evaluate(upstream_changes, data_dir, config, instance)
        assert not quiet.run_requests
        assert methods == ["HEAD"]  # asked, not downloaded

        served["etag"] = b'"2026-12-05"'
        served["body"] += b"\n"
        again = _evaluate(upstream_changes, data_dir, config, instance)
        assert len(again.run_requests or []) == 1
        request = (again.run_requests or [])[0]
        assert request.job_name == "refresh_us_dod_1260h"
        assert request.run_key != first.run_requests[0].run_key  # type: ignore[index]
        assert request.tags["ownergraph/trigger"] == "upstream_changes"


def test_inbox_sensor_ingests_a_settled_drop_through_the_fetch_stage(
    tmp_path: Path, dod_file: bytes
) -> None:
    data_dir = tmp_path / "data"
    config = _config(tmp_path, str(tmp_path / "official" / "sanctions.csv"))
    folder = data_dir / "inbox" / "us_dod_1260h"
    folder.mkdir(parents=True)
    dropped = folder / "1260H-2026-12-04.csv"
    dropped.write_bytes(dod_file)
    (folder / ".1260H-partial.csv").write_bytes(b"half")  # a copy in progress: ignored
    with dg.instance_for_test() as instance:
        assert not _evaluate(inbox, data_dir, config, instance).run_requests  # not settled yet
        old = time.time() - 120
        os.utime(dropped, (old, old))
        requests = _evaluate(inbox, data_dir, config, instance).run_requests or []
        assert len(requests) == 1
        request = requests[0]
        assert request.job_name == "refresh_us_dod_1260h"
        assert request.run_key == f"inbox:us_dod_1260h:{dropped.name}:{len(dod_file)}:" \
            f"{dropped.stat().st_mtime_ns}"
        job = bound(data_dir, config).resolve_job_def(request.job_name)
        result = job.execute_in_process(instance=instance, run_config=request.run_config,
                                        tags=request.tags)
        assert result.success
    snapshot = next((data_dir / "raw" / "us_dod_1260h").glob("2*"))
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert manifest["url"] == str(dropped.absolute())
    assert (data_dir / "staging" / "us_dod_1260h" / "CURRENT").read_text().strip() == \
        snapshot.name
