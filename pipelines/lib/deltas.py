"""Apply a GLEIF delta file to the last good staging snapshot.

GLEIF publishes, with every golden copy, delta files holding only the records
that are new or changed since the header's ``DeltaStart`` (LEI-CDF / RR-CDF
FileContent ``GLEIF_DELTA_PUBLISHED``; the golden-copy download page lists
IntraDay (8 h), LastDay, LastWeek and LastMonth windows). A delta is parsed by
the source's own parser into a scratch folder, checked against the last good
snapshot's header, then merged table by table in DuckDB (``sql/delta/``): the
delta's records replace the last good records with the same key, and records
carrying a deletion marker remove their key. The result is an ordinary staging
snapshot, indistinguishable downstream from parsing the full file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib.config import ConfigError, SourceConfig
from pipelines.lib.sqlmodels import SQL_DIR, bind
from pipelines.lib.staging import LEFTOVERS, QUARANTINE, StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.http_fetch import redact
from pipelines.sources.snapshots import read_manifest

DELTA_SQL = SQL_DIR / "delta"
FULL = "GLEIF_FULL_PUBLISHED"
DELTA = "GLEIF_DELTA_PUBLISHED"
# Written beside _counts.json: which snapshot the delta was applied to.
LINEAGE = "_delta.json"
_BATCH_ROWS = 100_000


class DeltaRefused(RuntimeError):
    """The delta cannot be applied to the last good snapshot; that snapshot stays."""


def check_config(configs: Mapping[str, SourceConfig], sources: Mapping[str, Source]) -> None:
    """A delta_url on a source that cannot merge deltas would be silently read as a full file."""
    for source_id, config in configs.items():
        if config.delta_url and sources[source_id].delta is None:
            raise ConfigError(f"sources.{source_id}.delta_url: this source has no delta files")


def fetch_url(config: SourceConfig, has_base: bool) -> str:
    """The delta url once a last good snapshot exists to apply it to; else the full file's."""
    return config.delta_url if config.delta_url and has_base else config.url


def fetched_as_delta(snapshot: Snapshot, config: SourceConfig) -> bool:
    """Whether a raw snapshot came from the delta url (its manifest records the url)."""
    url = config.delta_url
    return url is not None and read_manifest(snapshot).get("url") == redact(url)


@dataclass(frozen=True)
class Header:
    file_content: str | None
    content_date: str | None
    delta_start: str | None


def read_header(staging_dir: Path) -> Header:
    rows = pq.read_table(staging_dir / "header.parquet").to_pylist()
    if len(rows) != 1:
        raise DeltaRefused(f"{staging_dir}: expected one header row, found {len(rows)}")
    row = rows[0]
    return Header(row.get("file_content"), row.get("content_date"), row.get("delta_start"))


def check_applicable(delta: Header, base: Header, label: str) -> None:
    """Refuse a file that is not a delta, or whose window does not continue ``base``."""
    if delta.file_content != DELTA:
        raise DeltaRefused(
            f"{label}: header FileContent is {delta.file_content!r}, not {DELTA}: "
            "the delta_url does not serve a delta file"
        )
    start, end, base_date = (
        _instant(delta.delta_start, f"{label}: DeltaStart"),
        _instant(delta.content_date, f"{label}: ContentDate"),
        _instant(base.content_date, "last good snapshot: ContentDate"),
    )
    if end <= base_date:
        raise DeltaRefused(
            f"{label}: delta ContentDate {delta.content_date} is not newer than the last good "
            f"snapshot's {base.content_date}: nothing to apply, or an out-of-date delta"
        )
    if start > base_date:
        raise DeltaRefused(
            f"{label}: delta starts at {delta.delta_start}, after the last good snapshot's "
            f"ContentDate {base.content_date}: changes in between would be lost. Use a longer "
            "delta window (LastWeek, LastMonth) or a full golden copy"
        )


def _instant(value: str | None, what: str) -> datetime:
    if not value:
        raise DeltaRefused(f"{what} is missing")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise DeltaRefused(f"{what} {value!r} is not an ISO 8601 date-time") from exc


def refuse_delta_as_full(staging_dir: Path, label: str) -> None:
    """A delta read as a full file would look like a register that lost most records."""
    if read_header(staging_dir).file_content == DELTA:
        raise DeltaRefused(
            f"{label}: header says {DELTA}, but it was fetched from the full-file url; "
            "configure it as delta_url"
        )


def apply(
    source: Source, snapshot: Snapshot, base_dir: Path, out_dir: Path, options: ParseOptions
) -> dict[str, int]:
    """Parse the delta ``snapshot``, check it continues ``base_dir``, write the merge to ``out_dir``."""
    assert source.delta is not None, f"{source.spec.id} has no delta merge"
    scratch = out_dir.with_name(out_dir.name + "-delta")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        with StagingWriter(scratch, source.spec.tables) as writer:
            source.parse(snapshot, writer, options)
        label = f"{source.spec.id} delta {snapshot.snapshot_id}"
        delta, base = read_header(scratch), read_header(base_dir)
        check_applicable(delta, base, label)
        counts = _merge(source, base_dir, scratch, out_dir)
        _write_lineage(out_dir, base_dir.name, delta)
        return counts
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _merge(source: Source, base_dir: Path, delta_dir: Path, out_dir: Path) -> dict[str, int]:
    assert source.delta is not None
    keys = delta_dir / f"{source.delta.key_table}.parquet"
    with duckdb.connect() as con, StagingWriter(out_dir, source.spec.tables) as writer:
        for table in [*source.spec.tables, QUARANTINE, LEFTOVERS]:
            sql = (DELTA_SQL / f"{_sql_name(source, table)}.sql").read_text(encoding="utf-8")
            values = {
                "base": str(base_dir / f"{table}.parquet"),
                "delta": str(delta_dir / f"{table}.parquet"),
                "delta_keys": str(keys),
            }
            reader = con.execute(sql, bind(sql, values)).to_arrow_reader(_BATCH_ROWS)
            for batch in reader:
                writer.write_table(table, pa.Table.from_batches([batch]))
        return writer.counts()


def _sql_name(source: Source, table: str) -> str:
    assert source.delta is not None
    if table == "header":
        return "replace"
    if table in (QUARANTINE, LEFTOVERS):
        return "append"
    return source.delta.sql


def _write_lineage(out_dir: Path, base_snapshot_id: str, delta: Header) -> None:
    lineage = {
        "base_snapshot_id": base_snapshot_id,
        "delta_start": delta.delta_start,
        "content_date": delta.content_date,
    }
    (out_dir / LINEAGE).write_text(json.dumps(lineage, sort_keys=True), encoding="utf-8")
