"""One BODS statement -> staging rows: version detection and the fields all statements share.

BODS 0.4 statements carry ``statementId``, ``recordId``, ``recordType`` and
``recordDetails``; 0.1-0.3 statements carry ``statementID`` and
``statementType`` with the details at the top level. The shape decides how
the statement is read; ``publicationDetails.bodsVersion`` picks the codelists.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources import bods_parties as parties
from pipelines.sources import bods_relations as relations
from pipelines.sources.base import UnknownValueError
from pipelines.sources.bods_statement import Malformed, Statement

_VERSIONS = frozenset({"0.1", "0.2", "0.3", "0.4"})
_COMMON = frozenset({"statementDate", "annotations", "publicationDetails", "source"})
_KEYS_04 = _COMMON | {
    "statementId", "recordId", "recordType", "recordStatus", "recordDetails",
    "declaration", "declarationSubject",
}  # fmt: skip
_KEYS_LEGACY = _COMMON | {"statementID", "statementType", "isComponent", "replacesStatements"}
_LEGACY_TYPES = {
    "entityStatement": "entity",
    "personStatement": "person",
    "ownershipOrControlStatement": "relationship",
}
_PUBLICATION = ("publicationDate", "bodsVersion", "license", "publisher")
_SOURCE = ("type", "description", "url", "retrievedAt", "assertedBy")
_ANNOTATION = (
    "motivation", "description",
    # Who wrote a note, when, and which part it points at: kept out of staging,
    # since no later stage reads annotations for more than their text.
    "statementPointerTarget", "creationDate", "createdBy", "transformedContent", "url",
)  # fmt: skip


def read(st: Statement, value: dict[str, Any]) -> None:
    """Read ``value`` into ``st``; raises Malformed or UnknownValueError."""
    legacy = "statementID" in value or "statementType" in value
    if not legacy and "statementId" not in value:
        raise Malformed("missing statementId")
    st.version = _version(st, value, legacy)
    row = _legacy_head(st, value) if legacy else _head(st, value)
    row.update(_publication(st, value.get("publicationDetails")))
    row.update(_source(st, value.get("source")))
    row["annotations"] = _annotations(st, value)
    row["statement_pos"] = st.pos
    details = value if legacy else value.get("recordDetails")
    if not isinstance(details, dict):
        raise Malformed("recordDetails is missing or not an object")
    base = "" if legacy else "recordDetails"
    if row["record_type"] == "relationship":
        relations.read(st, row, details, base)
    else:
        parties.read(st, row, details, base)
    st.add("statements", row)


def _version(st: Statement, value: dict[str, Any], legacy: bool) -> str:
    publication = value.get("publicationDetails")
    declared = publication.get("bodsVersion") if isinstance(publication, dict) else None
    # 0.1 had no publicationDetails and 0.2 made it required: an undeclared
    # legacy statement is read with the 0.2 codelists.
    shape = "0.2" if legacy else "0.4"
    path = "publicationDetails.bodsVersion"
    text = st.text(declared, path)
    if text is None:
        return shape
    if text not in _VERSIONS:
        if not st.ctx.accept_new_values:
            raise UnknownValueError(path, text, st.ctx.file, st.pos)
        st.leftover(path, text)
        return shape
    if (text == "0.4") == legacy:
        raise Malformed(f"bodsVersion {text} does not match the statement's field names")
    return text


def _head(st: Statement, value: dict[str, Any]) -> dict[str, Any]:
    st.obj(value, "", _KEYS_04)
    record_type = st.code("recordType", value.get("recordType"), "recordType")
    if record_type is None:
        raise Malformed("missing recordType")
    record_id = st.text(value.get("recordId"), "recordId")
    if not record_id:
        raise Malformed("missing recordId")
    return {
        "statement_id": _statement_id(st, value.get("statementId"), "statementId"),
        "record_id": record_id,
        "record_type": record_type,
        "record_status": st.code("recordStatus", value.get("recordStatus"), "recordStatus"),
        "statement_date": st.text(value.get("statementDate"), "statementDate"),
        "declaration": st.text(value.get("declaration"), "declaration"),
        "declaration_subject": st.text(value.get("declarationSubject"), "declarationSubject"),
    }


def _legacy_head(st: Statement, value: dict[str, Any]) -> dict[str, Any]:
    statement_type = st.text(value.get("statementType"), "statementType")
    if statement_type is None:
        raise Malformed("missing statementType")
    if statement_type not in _LEGACY_TYPES:
        raise UnknownValueError("statementType", statement_type, st.ctx.file, st.pos)
    record_type = _LEGACY_TYPES[statement_type]
    specific = (
        relations.LEGACY_KEYS if record_type == "relationship" else parties.legacy_keys(record_type)
    )
    st.obj(value, "", _KEYS_LEGACY | specific)
    statement_id = _statement_id(st, value.get("statementID"), "statementID")
    return {
        "statement_id": statement_id,
        # Relationships refer to statements by statementID: it is the record key.
        "record_id": statement_id,
        "record_type": record_type,
        "statement_date": st.text(value.get("statementDate"), "statementDate"),
        "is_component": st.flag(value.get("isComponent"), "isComponent"),
        "replaces_statements": [
            st.text(item, "replacesStatements[]")
            for item in st.items(value.get("replacesStatements"), "replacesStatements")
        ],
    }


def _statement_id(st: Statement, value: Any, path: str) -> str:
    statement_id = st.text(value, path)
    if not statement_id:
        raise Malformed(f"missing {path}")
    return statement_id


def _publication(st: Statement, value: Any) -> dict[str, Any]:
    details = st.obj(value, "publicationDetails", _PUBLICATION)
    publisher = st.obj(details.get("publisher"), "publicationDetails.publisher", ("name", "url"))
    return {
        "bods_version": st.version,
        "publication_date": st.text(details.get("publicationDate"), "publicationDate"),
        "license": st.text(details.get("license"), "publicationDetails.license"),
        "publisher_name": st.text(publisher.get("name"), "publicationDetails.publisher.name"),
        "publisher_url": st.text(publisher.get("url"), "publicationDetails.publisher.url"),
    }


def _source(st: Statement, value: Any) -> dict[str, Any]:
    source = st.obj(value, "source", _SOURCE)
    asserted = [
        st.obj(item, "source.assertedBy[]", ("name", "uri")).get("name")
        for item in st.items(source.get("assertedBy"), "source.assertedBy")
    ]
    return {
        "source_types": [
            st.code("sourceType", item, "source.type[]")
            for item in st.items(source.get("type"), "source.type")
        ],
        "source_description": st.text(source.get("description"), "source.description"),
        "source_url": st.text(source.get("url"), "source.url"),
        "source_retrieved_at": st.text(source.get("retrievedAt"), "source.retrievedAt"),
        "asserted_by": [st.text(name, "source.assertedBy[].name") for name in asserted],
    }


def _annotations(st: Statement, value: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for item in st.items(value.get("annotations"), "annotations"):
        note = st.obj(item, "annotations[]", _ANNOTATION)
        rows.append(
            {
                "motivation": st.code(
                    "annotationMotivation", note.get("motivation"), "annotations[].motivation"
                ),
                "description": st.text(note.get("description"), "annotations[].description"),
            }
        )
    return rows
