"""The published files' schema: every column with its type and meaning (``schema.json``).

Consumers read ``schema.json`` beside the data; ``SCHEMA_VERSION`` changes whenever
a column is added, removed, renamed or changes meaning, and is also in the manifest.
Publishing refuses a table whose columns differ from the schema, so the document
cannot drift from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "2"
CHANGES = {
    "1": "denylist.csv, denylist.parquet, delta.csv, manifest.json",
    "2": "adds denylist.jsonl, delta.jsonl, names.parquet, entities.ftm.json, schema.json "
         "and manifest.sig; the denylist row is unchanged",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, number or date (ISO 8601, YYYY-MM-DD)
    description: str
    nullable: bool = False


DENYLIST = (
    Column("entity_id", "string", "Stable entity id: lei-<lei>, ofac-<uid>, or "
           "<prefix>-<hash of the source key>."),
    Column("name", "string", "The entity's name (register name preferred over list spelling)."),
    Column("kind", "string", "company, organization, person, state_body, vessel, aircraft "
           "or unknown."),
    Column("policy", "string", "The policy id, e.g. listed, cn_control."),
    Column("status", "string", "definite (met on lower bounds and known control) or possible "
           "(only on upper bounds or cautionary control)."),
    Column("basis", "string", "listed or headquarters for roots; ownership or control for "
           "derived entities."),
    Column("risk_sources", "string", "The root entity ids the row derives from, '; '-separated."),
    Column("path", "string", "A witness path from the entity to a root, readable."),
    Column("identifiers", "string", "Strong identifiers as scheme:value pairs, '; '-separated "
           "(empty when none)."),
    Column("countries", "string", "ISO 3166 codes the entity is linked to, '; '-separated "
           "(empty when none)."),
    Column("stake_lo", "number", "For basis ownership: the lower bound of the restricted "
           "owners' aggregate stake, in percent.", nullable=True),
    Column("stake_hi", "number", "For basis ownership: the upper bound of that stake, in "
           "percent.", nullable=True),
    Column("source_records", "string", "The source entity ids resolved into this entity, "
           "'; '-separated."),
    Column("as_of", "date", "The date the determination describes."),
)

DELTA = (
    Column("change", "string", "added, removed or changed."),
    Column("policy", "string", "The policy id."),
    Column("entity_id", "string", "The denylist entity id."),
    Column("name", "string", "The entity's name."),
    Column("status_before", "string", "The status in the previous version (null when added).",
           nullable=True),
    Column("status_after", "string", "The status in this version (null when removed).",
           nullable=True),
    Column("reason", "string", "added: the witness path; changed: both paths; removed: the "
           "delistings behind it, or 'no longer determined under <policy>'."),
)

NAMES = (
    Column("entity_id", "string", "The denylist entity id."),
    Column("name", "string", "One of its names, as the sources spell it."),
    Column("name_type", "string", "primary, aka, fka, previous, trading, alternative_language "
           "or transliterated (the strongest type when sources disagree)."),
    Column("script", "string", "ISO 15924 script code of the name (Latn, Hani, Cyrl, Arab...).",
           nullable=True),
)

TABLES = {"denylist": DENYLIST, "delta": DELTA, "names": NAMES}


class SchemaMismatch(ValueError):
    """A table to publish does not have the documented columns."""


def check_columns(table_name: str, table: pa.Table) -> None:
    expected = [column.name for column in TABLES[table_name]]
    if table.column_names != expected:
        raise SchemaMismatch(
            f"{table_name}: columns {table.column_names} differ from the documented schema "
            f"{expected}; update pipelines/lib/publish_schema.py and SCHEMA_VERSION"
        )


def schema_document() -> dict[str, Any]:
    """The content of ``schema.json``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "changes": CHANGES,
        "row": "one row per (entity_id, policy) in denylist.*, sorted by policy then entity_id",
        "tables": {
            name: {"files": _files(name), "columns": [_column(c) for c in columns]}
            for name, columns in TABLES.items()
        },
    }


def _files(table_name: str) -> list[str]:
    return {
        "denylist": ["denylist.csv", "denylist.parquet", "denylist.jsonl"],
        "delta": ["delta.csv", "delta.jsonl"],
        "names": ["names.parquet"],
    }[table_name]


def _column(column: Column) -> dict[str, Any]:
    return {"name": column.name, "type": column.type, "nullable": column.nullable,
            "description": column.description}
