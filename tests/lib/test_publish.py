"""Publishing: atomic versions, checksums, guards, retention, safe CSV cells."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from pipelines.lib.publish import PublishRefused, latest_version, retain
from pipelines.lib.publish_schema import SchemaMismatch
from tests.lib.publish_support import publish_at, table


def test_version_has_files_checksums_and_latest(tmp_path: Path) -> None:
    path = publish_at(tmp_path, table(3))
    assert path.name == "20261120T120000Z-listed"
    assert latest_version(tmp_path) == path
    manifest = json.loads((path / "manifest.json").read_text())
    assert sorted(manifest["files"]) == ["denylist.csv", "denylist.jsonl", "denylist.parquet",
                                         "entities.ftm.json", "schema.json"]
    for name, facts in manifest["files"].items():
        assert hashlib.sha256((path / name).read_bytes()).hexdigest() == facts["sha256"]
        assert (path / name).stat().st_size == facts["bytes"]
    assert manifest["counts"] == {"listed": {"definite": 3}}
    assert manifest["previous_version"] is None
    assert manifest["schema_version"] == "2"
    assert manifest["signature"] is None


def test_shrink_beyond_the_guard_is_refused_and_latest_stays(tmp_path: Path) -> None:
    first = publish_at(tmp_path, table(100))
    with pytest.raises(PublishRefused, match="shrink from 100 to 90"):
        publish_at(tmp_path, table(90), minutes=1)
    assert latest_version(tmp_path) == first
    assert not any(p.name.startswith(".tmp") for p in tmp_path.iterdir())
    within = publish_at(tmp_path, table(96), minutes=2)  # 4%: under the 5% guard
    accepted = publish_at(tmp_path, table(90), minutes=3, accept_shrink=True)
    manifest = json.loads((accepted / "manifest.json").read_text())
    assert manifest["accept_shrink"] is True
    assert manifest["previous_version"] == within.name
    assert manifest["shrink"] == {"previous_rows": 96, "rows": 90, "max_shrink": 0.05,
                                  "beyond_max_shrink": True, "accepted": True}


def test_empty_denylist_is_never_published(tmp_path: Path) -> None:
    with pytest.raises(PublishRefused, match="empty"):
        publish_at(tmp_path, table(0))
    assert latest_version(tmp_path) is None


def test_a_table_unlike_the_documented_schema_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemaMismatch, match="documented schema"):
        publish_at(tmp_path, table(3).drop_columns(["countries"]))
    assert latest_version(tmp_path) is None


def test_retention_keeps_the_newest_versions(tmp_path: Path) -> None:
    for minute in range(5):
        publish_at(tmp_path, table(10), minutes=minute, keep_versions=2)
    versions = sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink())
    assert versions == ["20261120T120300Z-listed", "20261120T120400Z-listed"]


def test_retention_never_deletes_the_version_latest_names(tmp_path: Path) -> None:
    oldest = publish_at(tmp_path, table(10))
    for minute in (1, 2):
        publish_at(tmp_path, table(10), minutes=minute)
    (tmp_path / "latest").unlink()
    (tmp_path / "latest").symlink_to(oldest.name)  # e.g. rolled back by an operator
    retain(tmp_path, 1)
    versions = sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink())
    assert versions == [oldest.name, "20261120T120200Z-listed"]


def test_versions_within_one_second_still_sort_by_time(tmp_path: Path) -> None:
    paths = [publish_at(tmp_path, table(3)).name for _ in range(11)]
    assert paths[1:3] == ["20261120T120000Z-listed-002", "20261120T120000Z-listed-003"]
    assert sorted(paths) == paths


def test_formula_cells_are_neutralised_and_scripts_survive(tmp_path: Path) -> None:
    for minute, start in enumerate(("=", "+", "-", "@", "\t", "\r")):
        path = publish_at(tmp_path, table(1, name=f"{start}HYPERLINK(\"x\")"), minutes=minute)
        rows = list(csv.DictReader((path / "denylist.csv").open(encoding="utf-8", newline="")))
        assert rows[0]["name"] == f"'{start}HYPERLINK(\"x\")"
        # Only the CSV is for spreadsheets: JSON Lines keeps the value as it is.
        line = json.loads((path / "denylist.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert line["name"] == f"{start}HYPERLINK(\"x\")"
