"""GLEIF Level 2 reporting exceptions: why an entity reports no parent.

An exception says, for one LEI and one parent category (direct or ultimate
accounting-consolidation parent), why no relationship record exists: for
example NATURAL_PERSONS (the parent is a person) or NON_PUBLIC.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import gleif_enums as enums
from pipelines.sources import gleif_repex_fast as fast
from pipelines.sources.base import DeltaMerge, ParseOptions, Snapshot, Source
from pipelines.sources.gleif_ctx import Ctx
from pipelines.sources.gleif_fast import plain
from pipelines.sources.gleif_read import Layout, Record
from pipelines.sources.gleif_run import DELETION_PATHS, deletion, gleif_spec, lei_problem, run
from pipelines.sources.gleif_tree import Node

EXCEPTIONS_SCHEMA = pa.schema(
    [
        ("lei", pa.string()),
        ("exception_category", pa.string()),
        # The first reason. Full files carry 1 to 8 reasons per exception; all are
        # in ``exception_reasons``.
        ("exception_reason", pa.string()),
        ("exception_references", pa.list_(pa.string())),
        ("record_line", pa.int64()),
        # Added beyond the agreed columns:
        ("exception_reasons", pa.list_(pa.string())),
        # Extension/gleif:Deletion: GLEIF marks an exception that has been withdrawn
        # (about 257,000 in a 2026 full file); it is kept, flagged, not dropped.
        ("deleted", pa.bool_()),
        # gleif:Deletion/gleif:DeletedAt, when GLEIF dates the withdrawal. In a delta
        # file a deletion removes the (LEI, category) key (sql/delta/gleif_repex.sql).
        ("deleted_at", pa.string()),
    ]
)

_KNOWN = frozenset(
    {
        "LEI", "ExceptionCategory", "ExceptionReason", "ExceptionReference", *DELETION_PATHS,
    }
)  # fmt: skip
_IGNORED: tuple[str, ...] = ()

SPEC = gleif_spec(
    "repex",
    "GLEIF LEI golden copy, Level 2 reporting exceptions",
    tables={"exceptions": EXCEPTIONS_SCHEMA},
    main_table="exceptions",
    expected_rows=(1_000_000, 8_000_000),
    priority=3,
)

LAYOUT = Layout(
    namespace=fast.REPEX_NS,
    record_tag="Exception",
    header_tag="Header",
    # GLEIF repex CSV column names (e.g. Exception.Reason.1).
    csv_renames=(
        ("Exception.Category", "ExceptionCategory"),
        ("Exception.Reason", "ExceptionReason"),
        ("Exception.Reference", "ExceptionReference"),
    ),
)


def _exception_row(ctx: Ctx, node: Node, lei: str, line: int | None) -> dict[str, Any]:
    reasons = [
        ctx.enum(reason, "", enums.EXCEPTION_REASON, "ExceptionReason") or ""
        for reason in node.all("ExceptionReason")
    ]
    return {
        "lei": lei,
        "exception_category": ctx.enum(node, "ExceptionCategory", enums.EXCEPTION_CATEGORY),
        "exception_reason": reasons[0] if reasons else None,
        "exception_reasons": reasons,
        "exception_references": node.texts("ExceptionReference"),
        **deletion(node),
        "record_line": line,
    }


def handle(ctx: Ctx, record: Record) -> None:
    row = plain(record.element, fast.read)
    if row is not None:
        row["record_line"] = record.line
        ctx.writer.add("exceptions", row)
        return
    node = record.node
    lei = node.get("LEI")
    problem = lei_problem(lei)
    if problem is not None or lei is None:
        ctx.quarantine(record, problem or "missing LEI")
        return
    ctx.writer.add("exceptions", _exception_row(ctx, node, lei, record.line))
    ctx.leftovers(node, _KNOWN, _IGNORED)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    # LEI-CDF/RR-CDF enumerations are closed by the XML schema: an unknown value
    # is always an error, so `options.accept_new_values` does not apply here.
    run(snapshot, writer, LAYOUT, handle)


# Delta files replace exceptions by (LEI, category); sql/delta/gleif_repex.sql.
SOURCE = Source(SPEC, parse, DeltaMerge(sql="gleif_repex", key_table="exceptions"))
