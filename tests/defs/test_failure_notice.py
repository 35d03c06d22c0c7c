"""A failed run gets a clear message in its log, and a POST to the webhook when one is set."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import pytest
import yaml
from pytest_httpserver import HTTPServer

from pipelines.defs.sensors import failure_notice_sensor
from pipelines.lib.failure_notice import WEBHOOK_ENV
from tests.defs.helpers import bound


def _failed_run(tmp_path: Path, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    config = tmp_path / "run.yaml"
    missing = tmp_path / "official" / "sanctions.csv"
    config.write_text(yaml.safe_dump({
        "sources": {"us_dod_1260h": {"url": str(missing)}}, "policies": ["listed"]}))
    job = bound(tmp_path / "data", config).resolve_job_def("refresh_us_dod_1260h")
    result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    return result


def _notify(result: dg.ExecuteInProcessResult, instance: dg.DagsterInstance) -> None:
    context = dg.build_run_status_sensor_context(
        sensor_name="failure_notice",
        dagster_event=result.get_run_failure_event(),
        dagster_instance=instance,
        dagster_run=result.dagster_run,
    ).for_run_failure()
    failure_notice_sensor(context)


def _engine_messages(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    return [e.message for e in instance.all_logs(run_id) if e.message]


def test_the_run_log_says_which_step_failed_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    with dg.instance_for_test() as instance:
        result = _failed_run(tmp_path, instance)
        _notify(result, instance)
        notices = [m for m in _engine_messages(instance, result.run_id)
                   if m.startswith("ownergraph run")]
    assert len(notices) == 1
    text = notices[0]
    assert f"ownergraph run {result.run_id} of job refresh_us_dod_1260h failed" in text
    assert "- raw__us_dod_1260h: " in text and "sanctions.csv: no such file" in text
    assert "The published denylist was not changed" in text


def test_the_webhook_receives_the_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/hooks/ownergraph", method="POST").respond_with_data("ok")
    monkeypatch.setenv(WEBHOOK_ENV, httpserver.url_for("/hooks/ownergraph"))
    with dg.instance_for_test() as instance:
        result = _failed_run(tmp_path, instance)
        _notify(result, instance)
    httpserver.check_assertions()
    (request, _), = httpserver.log
    body = json.loads(request.get_data())
    assert body["job"] == "refresh_us_dod_1260h"
    assert body["run_id"] == result.run_id
    assert [f["step"] for f in body["failures"]] == ["raw__us_dod_1260h"]
    assert "no such file" in body["failures"][0]["message"]
    assert body["text"].startswith(f"ownergraph run {result.run_id}")


def test_an_unreachable_webhook_is_logged_without_its_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hooks/secret-token").respond_with_data("no", status=500)
    monkeypatch.setenv(WEBHOOK_ENV, httpserver.url_for("/hooks/secret-token"))
    with dg.instance_for_test() as instance:
        result = _failed_run(tmp_path, instance)
        _notify(result, instance)
        messages = _engine_messages(instance, result.run_id)
    assert "failure webhook not reached: HTTP 500" in messages
    assert not any("secret-token" in m for m in messages)
