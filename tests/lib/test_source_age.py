"""A source's last good snapshot and when it was last confirmed current."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from pipelines.lib.source_age import SourceAge, source_age
from pipelines.lib.stages import RunContext

DOD = "us_dod_1260h"
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def _context(tmp_path: Path, max_age: float | None = 48.0) -> RunContext:
    entry: dict[str, object] = {"url": "sanctions.csv"}
    if max_age is not None:
        entry["max_age_hours"] = max_age
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump({"sources": {DOD: entry}, "policies": ["listed"]}))
    return RunContext.create(config, tmp_path / "data", "2026-12-05")


def _snapshot(ctx: RunContext, snapshot_id: str, fetched_at: str, *, current: bool) -> None:
    folder = ctx.data_dir / "raw" / DOD / snapshot_id
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"fetched_at": fetched_at, "files": {}}))
    if current:
        staging = ctx.data_dir / "staging" / DOD
        staging.mkdir(parents=True, exist_ok=True)
        (staging / "CURRENT").write_text(snapshot_id + "\n")


def _checked(ctx: RunContext, snapshot_id: str, at: datetime) -> None:
    path = ctx.data_dir / "raw" / DOD / "CHECKED"
    path.write_text(json.dumps({"snapshot_id": snapshot_id, "checked_at": at.isoformat()}))


def test_never_parsed_is_a_problem(tmp_path: Path) -> None:
    age = source_age(_context(tmp_path), DOD)
    assert age.snapshot_id is None
    assert age.problem(NOW) == f"{DOD}: no good snapshot was ever parsed"


def test_a_later_unchanged_fetch_confirms_the_snapshot(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    _snapshot(ctx, "20261201T060000Z", "2026-12-01T06:00:00Z", current=True)
    _checked(ctx, "20261201T060000Z", NOW - timedelta(hours=2))
    age = source_age(ctx, DOD)
    assert age.hours(NOW) == 2.0
    assert age.problem(NOW) is None


def test_a_newer_download_that_failed_to_parse_does_not_make_it_younger(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    _snapshot(ctx, "20261201T060000Z", "2026-12-01T06:00:00Z", current=True)
    _snapshot(ctx, "20261205T100000Z", "2026-12-05T10:00:00Z", current=False)
    _checked(ctx, "20261205T100000Z", NOW - timedelta(hours=2))
    age = source_age(ctx, DOD)
    assert age.hours(NOW) == 102.0  # since the good snapshot was fetched
    assert age.problem(NOW) == (
        f"{DOD}: last good snapshot 20261201T060000Z was confirmed current 102.0 hours ago, "
        "more than its max_age_hours of 48")


def test_without_a_max_age_any_good_snapshot_will_do(tmp_path: Path) -> None:
    ctx = _context(tmp_path, max_age=None)
    _snapshot(ctx, "20250101T000000Z", "2025-01-01T00:00:00Z", current=True)
    assert source_age(ctx, DOD).problem(NOW) is None
    assert SourceAge(DOD, "x", NOW - timedelta(hours=47), 48.0).problem(NOW) is None
