"""The raw snapshot store: layout, manifests, lookup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipelines.sources.base import SourceError
from pipelines.sources.snapshots import (
    MANIFEST,
    commit_snapshot,
    latest_snapshot,
    load_snapshot,
    new_temp_folder,
    read_manifest,
    snapshot_id_for,
    stored_name,
    write_json,
)

SOURCE = "test_src"


def make_snapshot(raw_root: Path, snapshot_id: str, content: bytes = b"x\n") -> Path:
    """A snapshot folder as the fetcher leaves it (hand-made, to control the ids)."""
    folder = raw_root / SOURCE / snapshot_id
    folder.mkdir(parents=True)
    (folder / "list.csv").write_bytes(content)
    manifest = {
        "source_id": SOURCE,
        "snapshot_id": snapshot_id,
        "fetched_at": "2024-05-01T12:00:00Z",
        "url": "/mirror/list.csv",
        "files": {"data": {"name": "list.csv", "bytes": len(content)}},
    }
    write_json(folder / MANIFEST, manifest)
    return folder


def test_latest_snapshot_of_an_unknown_source_is_none(tmp_path: Path) -> None:
    assert latest_snapshot(tmp_path, SOURCE) is None
    (tmp_path / SOURCE).mkdir()
    assert latest_snapshot(tmp_path, SOURCE) is None


def test_latest_snapshot_picks_the_newest_and_ignores_temp_and_unfinished(tmp_path: Path) -> None:
    make_snapshot(tmp_path, "20240501T120000Z")
    make_snapshot(tmp_path, "20240502T120000Z", b"newest\n")
    make_snapshot(tmp_path, "20240430T120000Z")
    # A temp folder, even a complete-looking one, and a folder without manifest are not snapshots.
    make_snapshot(tmp_path, ".tmp-20240601T000000Z-abc")
    (tmp_path / SOURCE / "20240701T000000Z").mkdir()

    latest = latest_snapshot(tmp_path, SOURCE)

    assert latest is not None
    assert latest.snapshot_id == "20240502T120000Z"
    assert latest.source_id == SOURCE
    assert latest.files["data"].read_bytes() == b"newest\n"


def test_numeric_suffixes_sort_as_numbers(tmp_path: Path) -> None:
    for snapshot_id in ("20240501T120000Z", "20240501T120000Z-2", "20240501T120000Z-10"):
        make_snapshot(tmp_path, snapshot_id)
    latest = latest_snapshot(tmp_path, SOURCE)
    assert latest is not None and latest.snapshot_id == "20240501T120000Z-10"


def test_load_snapshot_and_read_manifest(tmp_path: Path) -> None:
    folder = make_snapshot(tmp_path, "20240501T120000Z", b"abc\n")
    snapshot = load_snapshot(tmp_path, SOURCE, "20240501T120000Z")
    assert snapshot.path == folder
    assert dict(snapshot.files) == {"data": folder / "list.csv"}
    assert read_manifest(snapshot)["files"]["data"]["bytes"] == 4


def test_load_snapshot_of_a_missing_id_raises(tmp_path: Path) -> None:
    make_snapshot(tmp_path, "20240501T120000Z")
    with pytest.raises(SourceError, match="no snapshot at"):
        load_snapshot(tmp_path, SOURCE, "20240502T120000Z")


@pytest.mark.parametrize("snapshot_id", ["../20240501T120000Z", ".tmp-x", "latest", ""])
def test_load_snapshot_refuses_what_is_not_a_snapshot_id(tmp_path: Path, snapshot_id: str) -> None:
    make_snapshot(tmp_path, "20240501T120000Z")
    with pytest.raises(SourceError, match="not a snapshot id"):
        load_snapshot(tmp_path, SOURCE, snapshot_id)


@pytest.mark.parametrize("source_id", ["../etc", "a/b", ".hidden", ""])
def test_source_ids_that_would_leave_the_raw_root_are_refused(
    tmp_path: Path, source_id: str
) -> None:
    with pytest.raises(SourceError, match="not a usable source id"):
        latest_snapshot(tmp_path, source_id)


def test_a_manifest_naming_a_missing_or_unsafe_file_is_an_error(tmp_path: Path) -> None:
    folder = make_snapshot(tmp_path, "20240501T120000Z")
    (folder / "list.csv").unlink()
    with pytest.raises(SourceError, match=r"'list\.csv' .* is missing"):
        load_snapshot(tmp_path, SOURCE, "20240501T120000Z")
    write_json(folder / MANIFEST, {"files": {"data": {"name": "../../secret"}}})
    with pytest.raises(SourceError, match="bad stored file name"):
        load_snapshot(tmp_path, SOURCE, "20240501T120000Z")
    (folder / MANIFEST).write_text("{not json")
    with pytest.raises(SourceError, match="unreadable manifest"):
        load_snapshot(tmp_path, SOURCE, "20240501T120000Z")


def test_commit_renames_the_temp_folder_and_skips_taken_ids(tmp_path: Path) -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    make_snapshot(tmp_path, "20240501T120000Z")
    temp = new_temp_folder(tmp_path, SOURCE)
    assert temp.name.startswith(".tmp-") and temp.parent == tmp_path / SOURCE
    (temp / "list.csv").write_bytes(b"new\n")
    body = {
        "fetched_at": "2024-05-01T12:00:00Z",
        "url": "u",
        "files": {"data": {"name": "list.csv"}},
    }

    snapshot, manifest = commit_snapshot(temp, tmp_path, SOURCE, now, body)

    assert snapshot.snapshot_id == "20240501T120000Z-2"
    assert manifest["snapshot_id"] == "20240501T120000Z-2"
    assert read_manifest(snapshot) == manifest
    assert not temp.exists()
    assert sorted(p.name for p in (tmp_path / SOURCE).iterdir()) == [
        "20240501T120000Z",
        "20240501T120000Z-2",
    ]


def test_snapshot_ids_are_utc() -> None:
    paris_summer = timezone(timedelta(hours=2))
    assert (
        snapshot_id_for(datetime(2024, 5, 1, 14, 0, 5, tzinfo=paris_summer)) == "20240501T120005Z"
    )
    assert snapshot_id_for(datetime(2024, 5, 1, 12, 0, 5)) == "20240501T120005Z"  # naive = UTC


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("SDN.CSV", "SDN.CSV"),
        ("list 2024.csv", "list_2024.csv"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("", "data"),
        ("..", "data"),
        (MANIFEST, "data_manifest.json"),
    ],
)
def test_stored_names_are_plain_and_never_the_manifest(name: str, stored: str) -> None:
    assert stored_name(name) == stored
