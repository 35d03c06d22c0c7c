"""Beneficial Ownership Data Standard (BODS) statements, from any publisher.

Accepts BODS 0.4 (``recordType``/``recordDetails``) and 0.2/0.3
(``statementType``/``statementID``) statements, mixed in one file if need be,
as a JSON array or JSON Lines, optionally zipped. Statements are streamed one at
a time (``bods_read``), read strictly (``bods_map``) and written to the tables in
``bods_tables``; the conformed SQL (``sql/conformed/bods__*.sql``) maps them
onto the canonical model.

Malformed statements (not an object, no statementId/recordType, a line that is
not JSON) are quarantined with their raw text; an unknown codelist value stops
the parse naming the value, the file and the statement position, unless
``accept_new_values`` is set (then it is kept and reported as a leftover).
"""

from __future__ import annotations

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter
from pipelines.sources import bods_map
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.bods_read import Item, statements
from pipelines.sources.bods_statement import Ctx, Malformed, Statement
from pipelines.sources.bods_tables import TABLES

SPEC = SourceSpec(
    id="bods",
    title="Beneficial Ownership Data Standard statements (any BODS publisher)",
    publisher="Any BODS publisher (e.g. the Open Ownership register bulk data)",
    # BODS is a format, not a dataset: there is no single official file. This is
    # the index of Open Ownership's bulk exports; the run config names the file.
    official_url="https://bods-data.openownership.org/",
    formats=("json", "jsonl"),
    # Publishers update at their own pace; Open Ownership's exports are refreshed
    # at most weekly.
    cadence_cron="0 4 * * 1",
    licence="Set by each publisher (Open Ownership's GLEIF-derived data: CC0 1.0)",
    tables=TABLES,
    main_table="statements",
    expected_rows=(1, 200_000_000),
    priority=2,
    parser_version="1",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    path = snapshot.files["data"]
    ctx = Ctx(path.name, writer, options.accept_new_values)
    with open_data_file(path) as stream:
        for item in statements(stream, path.name):
            handle(ctx, item)


def handle(ctx: Ctx, item: Item) -> None:
    if item.error is not None:
        ctx.writer.quarantine(ctx.file, item.pos, item.error, item.raw())
        return
    if not isinstance(item.value, dict):
        ctx.writer.quarantine(ctx.file, item.pos, "statement is not a JSON object", item.raw())
        return
    statement = Statement(ctx, item.pos)
    try:
        bods_map.read(statement, item.value)
    except Malformed as exc:
        ctx.writer.quarantine(ctx.file, item.pos, str(exc), item.raw())
        return
    statement.write()


SOURCE = Source(SPEC, parse)
