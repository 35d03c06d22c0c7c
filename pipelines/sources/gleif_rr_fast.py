"""Level 2 rows straight from a plain-shaped RR-CDF 2.1 XML record (see gleif_fast).

Produces exactly the ``relationships`` row ``global_gleif_rr`` writes through the
generic tree (``record_line`` is added when writing), or raises ``Irregular``:
also for records to quarantine and for values outside the enumerations, so the
generic path reports them.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources import gleif_enums as enums
from pipelines.sources.gleif_fast import (
    REGISTRATION_FIELDS,
    Irregular,
    check_enums,
    fill,
    kids,
    leaf,
    put,
    tags,
)
from pipelines.sources.gleif_run import is_valid_lei

RR_NS = "http://www.gleif.org/data/schema/rr/2016"


def _tag(name: str) -> str:
    return f"{{{RR_NS}}}{name}"


_RELATIONSHIP_LEAVES = tags(
    RR_NS, {"RelationshipType": "relationship_type", "RelationshipStatus": "relationship_status"}
)
_NODES = {
    _tag("StartNode"): tags(RR_NS, {"NodeID": "start_node_id", "NodeIDType": "start_node_id_type"}),
    _tag("EndNode"): tags(RR_NS, {"NodeID": "end_node_id", "NodeIDType": "end_node_id_type"}),
}
_REGISTRATION_LEAVES = tags(
    RR_NS,
    {
        **REGISTRATION_FIELDS,
        "ValidationDocuments": "validation_documents",
        "ValidationReference": "validation_reference",
    },
)
_ROW_ENUMS = {
    "start_node_id_type": enums.NODE_ID_TYPE,
    "end_node_id_type": enums.NODE_ID_TYPE,
    "relationship_type": enums.RELATIONSHIP_TYPE,
    "relationship_status": enums.RELATIONSHIP_STATUS,
    "registration_status": enums.RR_REGISTRATION_STATUS,
    "validation_sources": enums.VALIDATION_SOURCES,
    "validation_documents": enums.VALIDATION_DOCUMENTS,
}
# Container tag -> (item tag, leaf table, enumerations, index of the lists).
_LISTS = {
    _tag("RelationshipPeriods"): (
        _tag("RelationshipPeriod"),
        tags(
            RR_NS, {"StartDate": "start_date", "EndDate": "end_date", "PeriodType": "period_type"}
        ),
        {"period_type": enums.PERIOD_TYPE},
        0,
    ),
    _tag("RelationshipQualifiers"): (
        _tag("RelationshipQualifier"),
        tags(RR_NS, {"QualifierDimension": "dimension", "QualifierCategory": "category"}),
        {"dimension": enums.QUALIFIER_DIMENSION, "category": enums.QUALIFIER_CATEGORY},
        1,
    ),
    _tag("RelationshipQuantifiers"): (
        _tag("RelationshipQuantifier"),
        tags(
            RR_NS,
            {
                "MeasurementMethod": "measurement_method",
                "QuantifierAmount": "amount",
                "QuantifierUnits": "units",
            },
        ),
        {"measurement_method": enums.MEASUREMENT_METHOD, "units": enums.QUANTIFIER_UNITS},
        2,
    ),
}
_RELATIONSHIP, _REGISTRATION = _tag("Relationship"), _tag("Registration")

Lists = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


def read(record: Any) -> dict[str, Any]:
    """The ``relationships`` row of a plain record, without ``record_line``; else ``Irregular``."""
    if record.keys():
        raise Irregular
    row: dict[str, Any] = {}
    lists: Lists = ([], [], [])
    seen: set[str] = set()
    for element in kids(record):
        tag = element.tag
        if tag in seen:
            raise Irregular
        seen.add(tag)
        if tag == _RELATIONSHIP:
            _relationship(element, row, lists)
        elif tag == _REGISTRATION:
            fill(element, _REGISTRATION_LEAVES, row)
        else:
            raise Irregular
    check_enums(row, _ROW_ENUMS)
    _check_nodes(row)
    return _complete(row, lists)


def _relationship(element: Any, row: dict[str, Any], lists: Lists) -> None:
    seen: set[str] = set()
    for kid in kids(element):
        tag = kid.tag
        column = _RELATIONSHIP_LEAVES.get(tag)
        if column is not None:
            put(row, column, leaf(kid))
            continue
        if tag in seen:
            raise Irregular
        seen.add(tag)
        if tag in _NODES:
            fill(kid, _NODES[tag], row)
        elif tag in _LISTS:
            item, table, allowed, index = _LISTS[tag]
            lists[index].extend(_items(kid, item, table, allowed))
        else:
            raise Irregular


def _items(
    element: Any, item: str, table: dict[str, str], allowed: dict[str, frozenset[str]]
) -> list[dict[str, Any]]:
    """One dict per ``item`` child, with every column of ``table`` (None when absent)."""
    found: list[dict[str, Any]] = []
    for kid in kids(element):
        if kid.tag != item:
            raise Irregular
        values: dict[str, Any] = {}
        fill(kid, table, values)
        check_enums(values, allowed)
        found.append({column: values.get(column) for column in table.values()})
    return found


def _check_nodes(row: dict[str, Any]) -> None:
    """Only valid LEI nodes are plain; anything else may be quarantined by the generic path."""
    for end in ("start", "end"):
        node_id = row.get(f"{end}_node_id")
        if row.get(f"{end}_node_id_type") != "LEI" or node_id is None:
            raise Irregular
        if not is_valid_lei(node_id):
            raise Irregular


def _complete(row: dict[str, Any], lists: Lists) -> dict[str, Any]:
    """Every column but ``record_line``, as ``global_gleif_rr._relationship_row`` fills them."""
    periods, qualifiers, quantifiers = lists
    for column in _REGISTRATION_LEAVES.values():
        row.setdefault(column, None)
    for column in ("relationship_type", "relationship_status"):
        row.setdefault(column, None)
    row.update(list_columns(periods, qualifiers, quantifiers))
    return row


def list_columns(
    periods: list[dict[str, Any]],
    qualifiers: list[dict[str, Any]],
    quantifiers: list[dict[str, Any]],
) -> dict[str, Any]:
    """The repeated parts, and the columns read from them (shared with the generic path).

    The relationship's own validity is the RELATIONSHIP_PERIOD; accounting and
    filing periods say which accounts the relationship was read from.
    """
    own = next((p for p in periods if p["period_type"] == "RELATIONSHIP_PERIOD"), {})
    standard = next((q for q in qualifiers if q["dimension"] == "ACCOUNTING_STANDARD"), {})
    first_quantity = quantifiers[0] if quantifiers else {}
    return {
        "periods": periods,
        "qualifiers": qualifiers,
        "quantifiers": quantifiers,
        "relationship_start_date": own.get("start_date"),
        "relationship_end_date": own.get("end_date"),
        "accounting_standard": standard.get("category"),
        "measurement_method": first_quantity.get("measurement_method"),
        "quantifier_amount": first_quantity.get("amount"),
        "quantifier_units": first_quantity.get("units"),
    }
