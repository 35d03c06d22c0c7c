"""The parse loop shared by the three GLEIF sources, and the checks every record gets.

Each source module supplies a ``Layout`` and a record handler; this module
reads the file, counts records, quarantines unreadable rows and writes the
one-row ``header`` table. A large XML file is parsed on every core
(``gleif_parallel``). Per-record work happens in the handler and is
flushed by the StagingWriter in batches, so nothing accumulates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from pipelines.lib.archives import data_size
from pipelines.lib.staging import StagingWriter, schema
from pipelines.sources import gleif_parallel
from pipelines.sources.base import Snapshot, SourceError, SourceSpec
from pipelines.sources.gleif_ctx import Ctx, Handler
from pipelines.sources.gleif_read import Layout, Record, opened, records, unwrap
from pipelines.sources.gleif_tree import Node
from pipelines.sources.parallel import workers

HEADER_SCHEMA = schema(
    [
        ("content_date", pa.string()),
        ("originator", pa.string()),
        ("file_content", pa.string()),
        ("delta_start", pa.string()),
        # As declared in the header. The published excerpts keep the full file's
        # count (2,394,586 with 13 records), so it is stored, not enforced here.
        ("record_count", pa.int64()),
        ("records_read", pa.int64()),
        ("file_format", pa.string()),
    ]
)
# Header fields mapped above; anything else in the header is a leftover.
_HEADER_FIELDS = {
    "ContentDate": "content_date",
    "Originator": "originator",
    "FileContent": "file_content",
    "DeltaStart": "delta_start",
    "RecordCount": "record_count",
}


# GLEIF marks a withdrawn Level 2 record with Extension/gleif:Deletion (and
# sometimes the date) instead of dropping it; deltas use it to remove a key.
DELETION = "Extension/gleif:Deletion"
DELETION_PATHS = frozenset({"Extension", DELETION, f"{DELETION}/gleif:DeletedAt"})


def deletion(node: Node) -> dict[str, object]:
    """The ``deleted`` and ``deleted_at`` staging columns of a Level 2 record."""
    return {
        "deleted": node.one(DELETION) is not None,
        "deleted_at": node.get(f"{DELETION}/gleif:DeletedAt"),
    }


def gleif_spec(
    publish: str,
    title: str,
    tables: dict[str, pa.Schema],
    main_table: str,
    expected_rows: tuple[int, int],
    priority: int,
) -> SourceSpec:
    """The facts every GLEIF golden-copy source shares; ``publish`` is lei2, rr or repex."""
    return SourceSpec(
        id={"lei2": "global_gleif_lei", "rr": "global_gleif_rr", "repex": "global_gleif_repex"}[
            publish
        ],
        title=title,
        publisher="Global Legal Entity Identifier Foundation (GLEIF)",
        official_url=f"https://goldencopy.gleif.org/api/v2/golden-copies/publishes/{publish}/latest/download",
        formats=("xml", "json", "csv"),
        # Golden copies are published three times a day (00:00, 08:00, 16:00 UTC).
        cadence_cron="0 1,9,17 * * *",
        licence="CC0 1.0",
        tables={**tables, "header": HEADER_SCHEMA},
        main_table=main_table,
        expected_rows=expected_rows,
        parser_version="1",
        priority=priority,
    )


# ISO 17442: 18 alphanumerics then 2 check digits (ISO 7064 MOD 97-10).
_LEI_SHAPE = re.compile(r"[A-Z0-9]{18}[0-9]{2}")
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# Each character as its ISO 7064 number: 0-9 as is, A=10 ... Z=35.
_LEI_DIGITS = str.maketrans({char: str(int(char, 36)) for char in _ALNUM})


def is_valid_lei(value: str) -> bool:
    if not _LEI_SHAPE.fullmatch(value):
        return False
    return int(value.translate(_LEI_DIGITS)) % 97 == 1


def lei_problem(value: str | None, what: str = "LEI") -> str | None:
    """Why ``value`` cannot be used as an LEI, or None when it can."""
    if value is None or value.strip() == "":
        return f"missing {what}"
    if not is_valid_lei(value):
        return f"invalid {what} {value!r} (not 20 characters with valid ISO 17442 check digits)"
    return None


def run(snapshot: Snapshot, writer: StagingWriter, layout: Layout, handle: Handler) -> None:
    path = snapshot.files["data"]
    ctx = Ctx(path.name, writer)
    with opened(path) as (fmt, head, body):
        if fmt == "xml" and _parallel_worthwhile(path):
            header, count = gleif_parallel.parse(body, path.name, layout, handle, writer)
        else:
            header, count = _sequential(ctx, records(fmt, head, body, path, layout), layout,
                                        handle)
    writer.add("header", _header_row(ctx, header, count, fmt))


def _parallel_worthwhile(path: Path) -> bool:
    return workers() > 1 and data_size(path) >= gleif_parallel.MIN_BYTES


def _sequential(ctx: Ctx, items: Iterable[Record], layout: Layout, handle: Handler
                ) -> tuple[Node | None, int]:
    header: Node | None = None
    count = 0
    for record in items:
        if record.kind == "header":
            header = record.node
        elif record.kind == "malformed":
            count += 1
            ctx.quarantine(record, record.reason or "unreadable row")
        else:
            count += 1
            if isinstance(record.tree, Node):
                record.node = unwrap(record.tree, layout.record_tag)
            else:
                record.unwrap_tag = layout.record_tag
            handle(ctx, record)
    return header, count


def _header_row(ctx: Ctx, header: Node | None, count: int, fmt: str) -> dict[str, object]:
    row: dict[str, object] = {"records_read": count, "file_format": fmt}
    if header is None:
        return row
    for element, column in _HEADER_FIELDS.items():
        row[column] = header.get(element)
    declared = header.get("RecordCount")
    if declared is not None and not declared.strip().isdigit():
        raise SourceError(
            f"{ctx.file}:{header.line}: header RecordCount {declared!r} is not a count"
        )
    row["record_count"] = None if declared is None else int(declared)
    ctx.leftovers(header, [f"Header/{name}" for name in _HEADER_FIELDS], (), base="Header/")
    return row
