"""GLEIF Level 2 relationship records (RR-CDF 2.1): who owns whom, as accounting consolidation.

One row per relationship record in ``relationships``. StartNode is the child
(the consolidated entity, the fund, the branch); EndNode is the parent, the
fund manager or the head office (PROVENANCE.md, RR format).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import gleif_enums as enums
from pipelines.sources import gleif_rr_fast as fast
from pipelines.sources.base import DeltaMerge, ParseOptions, Snapshot, Source
from pipelines.sources.gleif_ctx import Ctx
from pipelines.sources.gleif_fast import plain
from pipelines.sources.gleif_read import Layout, Record
from pipelines.sources.gleif_run import DELETION_PATHS, deletion, gleif_spec, lei_problem, run
from pipelines.sources.gleif_tree import Node

_PERIOD = pa.struct(
    [("start_date", pa.string()), ("end_date", pa.string()), ("period_type", pa.string())]
)
_QUALIFIER = pa.struct([("dimension", pa.string()), ("category", pa.string())])
_QUANTIFIER = pa.struct(
    [("measurement_method", pa.string()), ("amount", pa.string()), ("units", pa.string())]
)
_S = pa.string()
RELATIONSHIPS_SCHEMA = pa.schema(
    [
        ("start_node_id", _S), ("start_node_id_type", _S), ("end_node_id", _S),
        ("end_node_id_type", _S), ("relationship_type", _S), ("relationship_status", _S),
        ("relationship_start_date", _S), ("relationship_end_date", _S),
        ("periods", pa.list_(_PERIOD)), ("accounting_standard", _S), ("measurement_method", _S),
        # As published: 1.00 and 100.00 both mean "fully consolidated" (PROVENANCE note 7).
        ("quantifier_amount", _S), ("quantifier_units", _S), ("registration_status", _S),
        ("initial_registration_date", _S), ("last_update_date", _S), ("next_renewal_date", _S),
        ("managing_lou", _S), ("validation_sources", _S), ("validation_documents", _S),
        ("validation_reference", _S), ("record_line", pa.int64()),
        # Added beyond the agreed columns: every qualifier and quantifier, not just the first.
        ("qualifiers", pa.list_(_QUALIFIER)), ("quantifiers", pa.list_(_QUANTIFIER)),
        # Extension/gleif:Deletion: a delta file's withdrawal of this relationship
        # (pipelines/lib/deltas.py removes its key); never set in a full file.
        ("deleted", pa.bool_()), ("deleted_at", _S),
    ]
)  # fmt: skip

_R = "Relationship"
_PERIODS = f"{_R}/RelationshipPeriods/RelationshipPeriod"
_QUALIFIERS = f"{_R}/RelationshipQualifiers/RelationshipQualifier"
_QUANTIFIERS = f"{_R}/RelationshipQuantifiers/RelationshipQuantifier"
_TEXT_FIELDS = {
    "start_node_id": f"{_R}/StartNode/NodeID",
    "end_node_id": f"{_R}/EndNode/NodeID",
    "initial_registration_date": "Registration/InitialRegistrationDate",
    "last_update_date": "Registration/LastUpdateDate",
    "next_renewal_date": "Registration/NextRenewalDate",
    "managing_lou": "Registration/ManagingLOU",
    "validation_reference": "Registration/ValidationReference",
}
_ENUM_FIELDS = {
    "start_node_id_type": (f"{_R}/StartNode/NodeIDType", enums.NODE_ID_TYPE),
    "end_node_id_type": (f"{_R}/EndNode/NodeIDType", enums.NODE_ID_TYPE),
    "relationship_type": (f"{_R}/RelationshipType", enums.RELATIONSHIP_TYPE),
    "relationship_status": (f"{_R}/RelationshipStatus", enums.RELATIONSHIP_STATUS),
    "registration_status": ("Registration/RegistrationStatus", enums.RR_REGISTRATION_STATUS),
    "validation_sources": ("Registration/ValidationSources", enums.VALIDATION_SOURCES),
    "validation_documents": ("Registration/ValidationDocuments", enums.VALIDATION_DOCUMENTS),
}
_KNOWN = frozenset(
    set(_TEXT_FIELDS.values())
    | {path for path, _ in _ENUM_FIELDS.values()}
    | {f"{_PERIODS}/{name}" for name in ("StartDate", "EndDate", "PeriodType")}
    | {f"{_QUALIFIERS}/{name}" for name in ("QualifierDimension", "QualifierCategory")}
    | {f"{_QUANTIFIERS}/{n}" for n in ("MeasurementMethod", "QuantifierAmount", "QuantifierUnits")}
    # An empty Extension (JSON "Extension": null) carries nothing.
    | DELETION_PATHS
)
# Nothing is deliberately ignored: RR records carry no geocoding, and an
# Extension (none seen in full files) is reported as a leftover.
_IGNORED: tuple[str, ...] = ()

SPEC = gleif_spec(
    "rr",
    "GLEIF LEI golden copy, Level 2 relationship records (who owns whom)",
    tables={"relationships": RELATIONSHIPS_SCHEMA},
    main_table="relationships",
    expected_rows=(200_000, 1_500_000),
    priority=2,
)

LAYOUT = Layout(
    namespace=fast.RR_NS,
    record_tag="RelationshipRecord",
    header_tag="Header",
    # GLEIF RR CSV column names (e.g. Relationship.Period.1.startDate).
    csv_renames=(
        ("Relationship.Period", "Relationship.RelationshipPeriods.RelationshipPeriod"),
        ("Relationship.Qualifiers", "Relationship.RelationshipQualifiers.RelationshipQualifier"),
        ("Relationship.Quantifiers", "Relationship.RelationshipQuantifiers.RelationshipQuantifier"),
    ),
    csv_token_renames={"startDate": "StartDate", "endDate": "EndDate", "periodType": "PeriodType"},
)


def _periods(ctx: Ctx, node: Node) -> list[dict[str, Any]]:
    return [
        {
            "start_date": period.get("StartDate"),
            "end_date": period.get("EndDate"),
            "period_type": ctx.enum(period, "PeriodType", enums.PERIOD_TYPE),
        }
        for period in node.all(_PERIODS)
    ]


def _qualifiers(ctx: Ctx, node: Node) -> list[dict[str, Any]]:
    return [
        {
            "dimension": ctx.enum(qualifier, "QualifierDimension", enums.QUALIFIER_DIMENSION),
            "category": ctx.enum(qualifier, "QualifierCategory", enums.QUALIFIER_CATEGORY),
        }
        for qualifier in node.all(_QUALIFIERS)
    ]


def _quantifiers(ctx: Ctx, node: Node) -> list[dict[str, Any]]:
    return [
        {
            "measurement_method": ctx.enum(quantity, "MeasurementMethod", enums.MEASUREMENT_METHOD),
            "amount": quantity.get("QuantifierAmount"),
            "units": ctx.enum(quantity, "QuantifierUnits", enums.QUANTIFIER_UNITS),
        }
        for quantity in node.all(_QUANTIFIERS)
    ]


def _relationship_row(ctx: Ctx, node: Node, line: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {column: node.get(path) for column, path in _TEXT_FIELDS.items()}
    for column, (path, allowed) in _ENUM_FIELDS.items():
        row[column] = ctx.enum(node, path, allowed)
    periods, qualifiers, quantifiers = (
        _periods(ctx, node),
        _qualifiers(ctx, node),
        _quantifiers(ctx, node),
    )
    row.update(fast.list_columns(periods, qualifiers, quantifiers), record_line=line)
    row.update(deletion(node))
    return row


def _node_problem(node: Node, end: str) -> str | None:
    node_id = node.get(f"{_R}/{end}/NodeID")
    if node_id is None or node_id.strip() == "":
        return f"missing {end}/NodeID"
    if node.get(f"{_R}/{end}/NodeIDType") == "LEI":
        return lei_problem(node_id, f"{end} LEI")
    return None


def handle(ctx: Ctx, record: Record) -> None:
    row = plain(record.element, fast.read)
    if row is not None:
        # The fast path takes only records without an Extension, so no deletion.
        row["record_line"], row["deleted"] = record.line, False
        ctx.writer.add("relationships", row)
        return
    node = record.node
    problem = _node_problem(node, "StartNode") or _node_problem(node, "EndNode")
    if problem is not None:
        ctx.quarantine(record, problem)
        return
    ctx.writer.add("relationships", _relationship_row(ctx, node, record.line))
    ctx.leftovers(node, _KNOWN, _IGNORED)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    # LEI-CDF/RR-CDF enumerations are closed by the XML schema: an unknown value
    # is always an error, so `options.accept_new_values` does not apply here.
    run(snapshot, writer, LAYOUT, handle)


# Delta files replace records by (start node, end node, type); sql/delta/gleif_rr.sql.
SOURCE = Source(SPEC, parse, DeltaMerge(sql="gleif_rr", key_table="relationships"))
