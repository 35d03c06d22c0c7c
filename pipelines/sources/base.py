"""What every source declares, and the errors a parser raises.

A source module (``pipelines/sources/<source_id>.py``) exposes ``SPEC`` and a
``parse(snapshot, writer)`` function. It never imports Dagster: the Dagster
wiring in ``pipelines/defs/`` is built from the registry in ``registry.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from pipelines.lib.staging import StagingWriter


@dataclass(frozen=True)
class Snapshot:
    """An immutable raw snapshot: ``data/raw/<source_id>/<snapshot_id>/``."""

    source_id: str
    snapshot_id: str
    path: Path
    # Logical file name (a key of ``SourceSpec.files``, or "data" for one-file
    # sources) to the file inside ``path``.
    files: Mapping[str, Path]


@dataclass(frozen=True)
class SourceSpec:
    """Static facts about a source: where it comes from and what it yields."""

    id: str
    title: str
    publisher: str
    official_url: str
    formats: tuple[str, ...]
    # Cron string of the publisher's cadence, used by schedules (issue 8).
    cadence_cron: str
    licence: str
    # Staging table name (without the ``stg_<source>__`` prefix) to its schema.
    tables: Mapping[str, pa.Schema]
    # The table whose row count is checked against ``expected_rows``.
    main_table: str
    expected_rows: tuple[int, int]
    parser_version: str
    # Multi-file sources (the OFAC CSV set): logical name -> official file
    # name, resolved against the configured base URL or folder.
    files: Mapping[str, str] = field(default_factory=dict)
    max_bytes: int = 20 * 1024**3
    # Sources published as dated part files (Companies House): a regex over
    # file names. When the configured URL is a folder or an index page (ends
    # in "/" or ".html"), the files matching it are fetched; named groups
    # ``date`` (the newest date wins), ``part`` and ``of`` (all parts 1..of
    # must be present) are optional. See pipelines/sources/parts.py.
    part_pattern: str | None = None
    # Another source publishing the same records in another format (OFAC's SDN
    # as the legacy CSV set or as SDN_ENHANCED.XML; the UK list as OFSI's CSV or
    # the FCDO's XML): configuring both would describe every entry twice (with
    # the same entity ids, for OFAC), so a run may configure only one of them.
    same_records_as: str | None = None
    # Steps of sources with a higher priority start first under the multiprocess
    # executor: the longest parses first, so the short ones fill the other core
    # at the end instead of one long parse running alone (longest-first). A
    # source with a priority is a heavy parse (pipelines/defs/executor.py).
    priority: int = 0


@dataclass(frozen=True)
class ParseOptions:
    # Keep enumeration values the parser does not know (a new OFAC program or
    # country name), recording them as leftovers, instead of stopping the stage.
    # Off by default.
    accept_new_values: bool = False


Parser = Callable[["Snapshot", "StagingWriter", ParseOptions], None]


@dataclass(frozen=True)
class DeltaMerge:
    """How a delta file (only the records changed since a date) updates a full snapshot.

    ``sql/delta/<sql>.sql`` keeps the last good rows whose key the delta does not
    name and adds the delta's (pipelines/lib/deltas.py); ``key_table`` is the
    staging table whose delta rows name the changed keys.
    """

    sql: str
    key_table: str


@dataclass(frozen=True)
class Source:
    spec: SourceSpec
    parse: Parser
    # Set for sources whose publisher ships delta files (GLEIF); None: full files only.
    delta: DeltaMerge | None = None


class SourceError(Exception):
    """A source file cannot be read as its format says. Stops that source's stage."""


class UnknownValueError(SourceError):
    """An enumeration value the parser does not know: never defaulted silently."""

    def __init__(self, field_name: str, value: str, file: str, line: int | None) -> None:
        self.field_name = field_name
        self.value = value
        self.file = file
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"unknown {field_name} {value!r} at {where}")

    def __reduce__(self) -> tuple[type[UnknownValueError], tuple[str, str, str, int | None]]:
        # Raised in parse worker processes: it must cross back to the parent intact.
        return (type(self), (self.field_name, self.value, self.file, self.line))


def staging_table_name(source_id: str, table: str) -> str:
    return f"stg_{source_id}__{table}"
