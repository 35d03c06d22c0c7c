"""Publishing: atomic versions, checksums, guards, retention, safe CSV cells."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from pipelines.lib.publish import PublishRefused, latest_version, publish

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _table(n: int, name: str = "ACME") -> pa.Table:
    return pa.table(
        {
            "entity_id": [f"e{i:03d}" for i in range(n)],
            "name": [name] * n,
            "policy": ["listed"] * n,
            "status": ["definite"] * n,
        }
    )


def _publish(root: Path, table: pa.Table, minutes: int = 0, **kwargs: object) -> Path:
    published = publish(root, table, {"as_of": "2026-11-20"}, policies=("listed",),
                        max_shrink=0.05, now=T0 + timedelta(minutes=minutes), **kwargs)  # type: ignore[arg-type]
    return published.path


def test_version_has_files_checksums_and_latest(tmp_path: Path) -> None:
    path = _publish(tmp_path, _table(3))
    assert path.name == "20261120T120000Z-listed"
    assert latest_version(tmp_path) == path
    manifest = json.loads((path / "manifest.json").read_text())
    for name, facts in manifest["files"].items():
        assert hashlib.sha256((path / name).read_bytes()).hexdigest() == facts["sha256"]
    assert manifest["counts"] == {"listed": {"definite": 3}}
    assert manifest["previous_version"] is None


def test_shrink_beyond_the_guard_is_refused_and_latest_stays(tmp_path: Path) -> None:
    first = _publish(tmp_path, _table(100))
    with pytest.raises(PublishRefused, match="shrink from 100 to 90"):
        _publish(tmp_path, _table(90), minutes=1)
    assert latest_version(tmp_path) == first
    assert not any(p.name.startswith(".tmp") for p in tmp_path.iterdir())
    accepted = _publish(tmp_path, _table(90), minutes=2, accept_shrink=True)
    manifest = json.loads((accepted / "manifest.json").read_text())
    assert manifest["accept_shrink"] is True
    assert manifest["previous_version"] == first.name


def test_empty_denylist_is_never_published(tmp_path: Path) -> None:
    with pytest.raises(PublishRefused, match="empty"):
        _publish(tmp_path, _table(0))
    assert latest_version(tmp_path) is None


def test_retention_keeps_the_newest_versions(tmp_path: Path) -> None:
    for minute in range(5):
        _publish(tmp_path, _table(10), minutes=minute, keep_versions=2)
    versions = sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink())
    assert versions == ["20261120T120300Z-listed", "20261120T120400Z-listed"]


def test_formula_cells_are_neutralised_and_scripts_survive(tmp_path: Path) -> None:
    path = _publish(tmp_path, _table(1, name="=HYPERLINK(\"x\")"))
    rows = list(csv.DictReader((path / "denylist.csv").open(encoding="utf-8")))
    assert rows[0]["name"] == "'=HYPERLINK(\"x\")"
    path = _publish(tmp_path, _table(1, name="北京字节跳动科技有限公司"), minutes=1)
    rows = list(csv.DictReader((path / "denylist.csv").open(encoding="utf-8")))
    assert rows[0]["name"] == "北京字节跳动科技有限公司"
