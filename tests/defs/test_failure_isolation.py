"""One source failing, end to end on the demo.

In one run of ``ownergraph_all`` the warehouse step depends on every staging
step, so Dagster skips it (and the publish) when one source fails, while the
other sources' fetch and parse steps still run. Under automation each source
refreshes in its own run: a failed refresh leaves the others alone, the
warehouse rebuilds from the failed source's last good snapshot, and the publish
goes ahead only while that snapshot is within the source's max_age_hours.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg
import yaml

from pipelines.defs.automation import refresh_job_name
from pipelines.lib.demo import generate
from pipelines.sources.registry import SOURCES
from tests.defs.helpers import DEMO_CONFIG, bound, materialize_keys, run_job

DOD = "us_dod_1260h"
SOURCES_FRESH = dg.AssetCheckKey(dg.AssetKey(["publish", "denylist"]), "sources_fresh")


def _config(tmp_path: Path) -> Path:
    """The demo config with a 48-hour max age on one list."""
    folder = tmp_path / "config"
    shutil.copytree(DEMO_CONFIG.parent, folder)
    raw = yaml.safe_load(DEMO_CONFIG.read_text())
    raw["sources"][DOD]["max_age_hours"] = 48
    (folder / "demo.yaml").write_text(yaml.safe_dump(raw))
    return folder / "demo.yaml"


def _demo(tmp_path: Path, name: str) -> Path:
    data_dir = tmp_path / name
    generate(data_dir / "demo")
    return data_dir


def _break(data_dir: Path) -> None:
    source = data_dir / "demo" / "lists" / "dod" / "sanctions.csv"
    source.rename(source.with_name("withdrawn.csv"))


def _requested(tick: dg.EvaluateAutomationConditionsResult, defs: dg.Definitions
               ) -> set[dg.AssetKey]:
    return {k for k in defs.resolve_asset_graph().get_all_asset_keys()
            if tick.get_num_requested(k)}


def _published(data_dir: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads(
        (data_dir / "published" / "latest" / "manifest.json").read_text())
    return manifest


def test_in_one_run_a_failed_source_skips_the_warehouse_not_the_other_sources(
    tmp_path: Path,
) -> None:
    data_dir = _demo(tmp_path, "one_run")
    _break(data_dir)
    definitions = bound(data_dir, _config(tmp_path))
    with dg.instance_for_test() as instance:
        result = run_job(definitions, "ownergraph_all", instance)
    assert not result.success
    assert result.get_failed_step_keys() == {f"raw__{DOD}"}
    # Not run at all: the step's inputs never arrived.
    for step in (f"staging__{DOD}", "warehouse", "publish__published_denylist"):
        assert result.is_node_untouched(step), step
    parsed = {s.spec.id for s in SOURCES if result.is_node_success(f"staging__{s.spec.id}")}
    assert parsed == {s.spec.id for s in SOURCES} - {DOD}
    assert not (data_dir / "published").exists()


def test_under_automation_the_last_good_snapshot_is_used_until_its_max_age(
    tmp_path: Path,
) -> None:
    data_dir = _demo(tmp_path, "automation")
    definitions = bound(data_dir, _config(tmp_path))
    with dg.instance_for_test() as instance:
        tick = dg.evaluate_automation_conditions(definitions, instance)
        for source in SOURCES:
            assert run_job(definitions, refresh_job_name(source.spec.id), instance).success
        good = (data_dir / "staging" / DOD / "CURRENT").read_text().strip()

        # The list's publisher withdraws the file: its refresh fails, and only its own.
        _break(data_dir)
        assert not run_job(definitions, refresh_job_name(DOD), instance).success
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        assert materialize_keys(definitions, _requested(tick, definitions), instance).success
        snapshots = _published(data_dir)["snapshots"]
        assert isinstance(snapshots, dict) and snapshots[DOD]["snapshot_id"] == good
        first = _published(data_dir)["version"]
        # The daemon's next tick sees that run finish (and requests nothing).
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        assert _requested(tick, definitions) == set()

        # Three days later the last good snapshot is past its 48 hours: no publish.
        checked = data_dir / "raw" / DOD / "CHECKED"
        old = datetime.now(UTC) - timedelta(hours=72)
        checked.write_text(json.dumps({"snapshot_id": good, "checked_at": old.isoformat()}))
        un_file = data_dir / "demo" / "lists" / "un" / "consolidated.xml"
        un_file.write_bytes(un_file.read_bytes() + b"<!-- republished -->\n")
        assert run_job(definitions, "refresh_un_sc_sanctions", instance).success
        tick = dg.evaluate_automation_conditions(definitions, instance, cursor=tick.cursor)
        wanted = _requested(tick, definitions)
        assert dg.AssetKey(["publish", "published_denylist"]) in wanted
        result = materialize_keys(definitions, wanted, instance)

    assert not result.success, "the publish must not go ahead"
    failures = [e.step_failure_data.error.message for e in result.get_step_failure_events()
                if e.step_failure_data and e.step_failure_data.error]
    assert result.get_failed_step_keys() == {"warehouse"}, failures
    assert result.is_node_untouched("publish__published_denylist")
    verdict, = [c for c in result.get_asset_check_evaluations()
                if c.asset_check_key == SOURCES_FRESH]
    assert not verdict.passed
    assert verdict.description is not None
    assert f"{DOD}: last good snapshot {good} was confirmed current 72.0 hours ago" in \
        verdict.description
    assert "max_age_hours of 48" in verdict.description
    assert _published(data_dir)["version"] == first
