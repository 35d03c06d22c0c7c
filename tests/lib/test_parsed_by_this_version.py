"""A staging snapshot is reused only when it holds every table and column today's
parser writes; anything else (an older parser's output, a lost file) is parsed again."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from pipelines.lib.stages import _parsed_by_this_version
from pipelines.lib.staging import StagingWriter
from pipelines.sources.registry import BY_ID

SOURCE = BY_ID["gb_coh_psc"]


def _staged(out: Path) -> Path:
    counts = StagingWriter(out, SOURCE.spec.tables).close()
    (out / "_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    return out


def test_a_complete_snapshot_is_reused(tmp_path: Path) -> None:
    assert _parsed_by_this_version(_staged(tmp_path / "s"), SOURCE)


def test_a_snapshot_without_counts_is_parsed_again(tmp_path: Path) -> None:
    out = _staged(tmp_path / "s")
    (out / "_counts.json").unlink()
    assert not _parsed_by_this_version(out, SOURCE)


def test_a_snapshot_missing_a_column_is_parsed_again(tmp_path: Path) -> None:
    out = _staged(tmp_path / "s")
    pscs = out / "pscs.parquet"
    pq.write_table(pq.read_table(pscs).drop_columns(["entity_id"]), pscs)
    assert not _parsed_by_this_version(out, SOURCE)


def test_a_snapshot_missing_a_table_file_is_parsed_again(tmp_path: Path) -> None:
    out = _staged(tmp_path / "s")
    (out / "natures.parquet").unlink()
    assert not _parsed_by_this_version(out, SOURCE)
