"""Schedules follow each source's cadence; the warehouse and the publish step follow new data.

Run with Dagster's testing utilities (build_schedule_context,
evaluate_automation_conditions) against a real instance and the demo in tmp_path.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest
from dagster._utils.schedules import cron_string_iterator

from pipelines.defs.automation import SCHEDULES, refresh_job_name
from pipelines.defs.conditions import longest_gap
from pipelines.lib.demo import generate
from pipelines.sources.registry import BY_ID, SOURCES
from tests.defs.helpers import bound, materialize_keys, resource, run_job

PUBLISHED = dg.AssetKey(["publish", "published_denylist"])
DETERMINATIONS = dg.AssetKey(["policy", "determinations"])
STAGING_TABLES = dg.AssetKey(["warehouse", "staging_tables"])


def _due(at: datetime) -> set[str]:
    """Source ids whose schedule ticks exactly at ``at``."""
    due = set()
    for schedule in SCHEDULES:
        first = next(cron_string_iterator(at.timestamp(), str(schedule.cron_schedule), "UTC"))
        if first == at:
            due.add(schedule.job_name.removeprefix("refresh_"))
    return due


def test_each_source_has_one_schedule_with_the_cron_of_its_spec() -> None:
    by_job = {schedule.job_name: schedule for schedule in SCHEDULES}
    assert len(by_job) == len(SOURCES)
    for source in SOURCES:
        schedule = by_job[refresh_job_name(source.spec.id)]
        assert schedule.cron_schedule == source.spec.cadence_cron
        assert schedule.execution_timezone == "UTC"


def test_publisher_cadences_gleif_three_times_a_day_psc_daily_companies_monthly() -> None:
    assert longest_gap(BY_ID["global_gleif_lei"].spec.cadence_cron).total_seconds() == 8 * 3600
    assert longest_gap(BY_ID["gb_coh_psc"].spec.cadence_cron).total_seconds() == 24 * 3600
    assert longest_gap(BY_ID["us_ofac_sdn"].spec.cadence_cron).total_seconds() == 6 * 3600
    assert longest_gap(BY_ID["gb_coh_companies"].spec.cadence_cron).days >= 24


def test_which_refreshes_are_due_at_given_times() -> None:
    # A Tuesday at 09:00 UTC: only GLEIF's three Level 1/2 files.
    assert _due(datetime(2026, 12, 8, 9, 0, tzinfo=UTC)) == {
        "global_gleif_lei", "global_gleif_rr", "global_gleif_repex"}
    # Monday 7 December 06:00: the daily and weekly lists, the six-hourly OFAC files and
    # Companies House's monthly file (published in the first week).
    monday = _due(datetime(2026, 12, 7, 6, 0, tzinfo=UTC))
    assert {"gb_coh_companies", "us_trade_csl", "us_dod_1260h", "us_bis_mieu", "us_ndaa_889",
            "us_fcc_covered", "global_gleif_elf", "us_ofac_sdn"} <= monday
    assert "gb_coh_psc" not in monday and "gb_coh_companies" not in _due(
        datetime(2026, 12, 14, 6, 0, tzinfo=UTC))


def test_a_schedule_requests_its_refresh_only_for_configured_sources(tmp_path: Path) -> None:
    by_job = {schedule.job_name: schedule for schedule in SCHEDULES}
    at = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance, scheduled_execution_time=at,
            resources={"ownergraph": resource(tmp_path)})
        request = by_job["refresh_global_gleif_lei"].evaluate_tick(context).run_requests
        assert request is not None and len(request) == 1
        assert request[0].run_key == f"global_gleif_lei:{at.isoformat()}"
        skipped = by_job["refresh_gb_hmt_ofsi"].evaluate_tick(context)
        assert not skipped.run_requests
        assert "gb_hmt_ofsi is not in" in str(skipped.skip_message)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("automation")
    generate(data_dir / "demo")
    return data_dir


def _requested(result: dg.EvaluateAutomationConditionsResult,
               definitions: dg.Definitions) -> set[dg.AssetKey]:
    keys = definitions.resolve_asset_graph().get_all_asset_keys()
    return {key for key in keys if result.get_num_requested(key)}


def test_refreshes_trigger_the_warehouse_and_the_publish_only_on_new_data(demo_dir: Path) -> None:
    definitions = bound(demo_dir)
    with dg.instance_for_test() as instance:
        tick = dg.evaluate_automation_conditions(definitions, instance)
        assert _requested(tick, definitions) == set(), "nothing runs before any source"

        for source in SOURCES:  # what the schedules start, one run per source
            assert run_job(definitions, refresh_job_name(source.spec.id), instance).success
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        wanted = _requested(tick, definitions)
        assert {STAGING_TABLES, DETERMINATIONS, PUBLISHED} <= wanted
        assert not any(key.path[0] in ("raw", "staging") for key in wanted)

        # The automation's run publishes on its own.
        assert materialize_keys(definitions, wanted, instance).success
        assert (demo_dir / "published" / "latest" / "denylist.csv").is_file()
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        assert _requested(tick, definitions) == set()

        # A refresh that finds the same file changes no data version: nothing follows.
        assert run_job(definitions, "refresh_un_sc_sanctions", instance).success
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        assert _requested(tick, definitions) == set()

        # A new upstream version does.
        un_file = demo_dir / "demo" / "lists" / "un" / "consolidated.xml"
        un_file.write_bytes(un_file.read_bytes() + b"<!-- republished -->\n")
        assert run_job(definitions, "refresh_un_sc_sanctions", instance).success
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        assert {STAGING_TABLES, DETERMINATIONS, PUBLISHED} <= _requested(tick, definitions)
