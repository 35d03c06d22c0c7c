"""Which drops in the analysts' inbox are ready to ingest."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.lib.inbox import settled_drops

NOW = 1_800_000_000.0


def _touch(path: Path, content: bytes, at: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    os.utime(path, (at, at))


def test_settled_files_and_folders_oldest_first(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _touch(inbox / "us_dod_1260h" / "1260H.csv", b"a,b\n", NOW - 600)
    _touch(inbox / "us_ofac_sdn" / "2026-12-04" / "SDN.CSV", b"x" * 10, NOW - 900)
    _touch(inbox / "us_ofac_sdn" / "2026-12-04" / "ADD.CSV", b"y" * 5, NOW - 900)
    os.utime(inbox / "us_ofac_sdn" / "2026-12-04", (NOW - 900, NOW - 900))
    drops = settled_drops(tmp_path, ["us_dod_1260h", "us_ofac_sdn"], NOW)
    assert [(d.source_id, d.path.name, d.size) for d in drops] == [
        ("us_ofac_sdn", "2026-12-04", 15), ("us_dod_1260h", "1260H.csv", 4)]
    assert drops[1].run_key == f"inbox:us_dod_1260h:1260H.csv:4:{int((NOW - 600) * 1e9)}"


def test_files_being_written_hidden_or_for_other_sources_wait(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _touch(inbox / "us_dod_1260h" / "fresh.csv", b"a\n", NOW - 5)
    _touch(inbox / "us_dod_1260h" / ".copying.csv", b"a\n", NOW - 600)
    _touch(inbox / "eu_fsf" / "eu.xml", b"<x/>", NOW - 600)
    (inbox / "us_dod_1260h" / "empty-folder").mkdir()
    assert settled_drops(tmp_path, ["us_dod_1260h"], NOW) == []
    assert [d.path.name for d in settled_drops(tmp_path, ["us_dod_1260h"], NOW + 60)] == [
        "fresh.csv"]
