"""The denylist as FollowTheMoney entities (``entities.ftm.json``, JSON Lines).

Each denylisted entity appears once, whatever the number of policies that
restrict it, so tools reading FtM (OpenSanctions' yente, nomenklatura, Aleph)
can load the list. The id is the denylist's stable ``entity_id``.

- schema by ``kind`` (KIND_SCHEMA); identifiers map to FtM properties only where
  the schema has them (list-internal ids such as ``ofac:`` have none);
- names: the denylist's name and primary names as ``name``, former names as
  ``previousName``, every other name as ``alias``;
- topics per policy, for roots and for entities reached from them (POLICY_TOPICS);
- one ``notes`` line per policy: ``<policy>: <status> (<basis>) ...``, with the
  risk sources and the witness path.

Rows are written sorted by id, keys and values sorted: the same denylist gives
the same bytes. Validated against the followthemoney model in the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from pipelines.lib.publish_files import json_line, rows

FILE = "entities.ftm.json"
KIND_SCHEMA = {
    "company": "Company", "organization": "Organization", "state_body": "PublicBody",
    "person": "Person", "vessel": "Vessel", "aircraft": "Airplane", "unknown": "LegalEntity",
}
# (topic for a root, topic for an entity reached from roots) per policy.
POLICY_TOPICS = {
    "listed": ("sanction", "sanction.linked"),
    "cn_control": ("export.risk", "export.risk"),
    # BIS: the Entity and MEU lists are export controls; affiliates are linked to them.
    "bis_affiliates": ("export.control", "export.control.linked"),
}
# Policies not named above restrict owned or controlled parties of sanctioned roots.
DEFAULT_TOPICS = ("sanction", "sanction.control")
ROOT_BASES = frozenset({"listed", "headquarters"})
IDENTIFIER_PROPERTY = {
    "lei": "leiCode", "gb-coh": "registrationNumber", "hk-cr": "registrationNumber",
    "registration": "registrationNumber", "cn-uscc": "uscCode", "imo": "imoNumber",
    "passport": "passportNumber", "national-id": "idNumber", "tax-id": "taxNumber",
}
_ORGANIZATION = frozenset({"leiCode", "registrationNumber", "uscCode", "imoNumber", "idNumber",
                           "taxNumber"})
SCHEMA_IDENTIFIERS = {
    "Company": _ORGANIZATION, "Organization": _ORGANIZATION, "PublicBody": _ORGANIZATION,
    "LegalEntity": _ORGANIZATION - {"imoNumber"},
    "Person": frozenset({"leiCode", "registrationNumber", "passportNumber", "idNumber",
                         "taxNumber"}),
    "Vessel": frozenset({"registrationNumber", "imoNumber"}),
    "Airplane": frozenset({"registrationNumber"}),
}
_FORMER = frozenset({"fka", "previous"})


def lines(denylist: pa.Table, names: pa.Table | None) -> Iterator[str]:
    """One FtM entity per denylisted entity, as JSON lines sorted by id."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for row in rows(denylist):
        by_entity.setdefault(row["entity_id"], []).append(row)
    all_names = _names(names)
    for entity_id in sorted(by_entity):
        yield json_line(entity(by_entity[entity_id], all_names.get(entity_id, [])))


def entity(policy_rows: list[dict[str, Any]], names: list[tuple[str, str]]) -> dict[str, Any]:
    """The FtM entity of one denylisted entity, from its rows (one per policy)."""
    first = policy_rows[0]
    schema = KIND_SCHEMA.get(first["kind"], "LegalEntity")
    properties: dict[str, set[str]] = {"name": {first["name"]} if first["name"] else set()}
    for name, name_type in names:
        key = "name" if name_type == "primary" else (
            "previousName" if name_type in _FORMER else "alias")
        properties.setdefault(key, set()).add(name)
    properties["alias"] = properties.get("alias", set()) - properties["name"]
    properties["country"] = {c.lower() for r in policy_rows for c in _split(r["countries"])}
    for scheme, value in (pair for r in policy_rows for pair in _identifiers(r["identifiers"])):
        prop = _identifier_property(scheme)
        if prop in SCHEMA_IDENTIFIERS[schema]:
            properties.setdefault(prop, set()).add(value)
    properties["topics"] = {topic(row["policy"], row["basis"]) for row in policy_rows}
    properties["notes"] = {_note(row) for row in policy_rows}
    cleaned = {key: sorted(values) for key, values in sorted(properties.items()) if values}
    return {"id": first["entity_id"], "properties": cleaned, "schema": schema}


def topic(policy: str, basis: str) -> str:
    root, reached = POLICY_TOPICS.get(policy, DEFAULT_TOPICS)
    return root if basis in ROOT_BASES else reached


def _identifier_property(scheme: str) -> str | None:
    # ra0000nn: a number in a GLEIF-listed registration authority's register.
    if scheme.startswith("ra0"):
        return "registrationNumber"
    return IDENTIFIER_PROPERTY.get(scheme)


def _note(row: dict[str, Any]) -> str:
    return (f"{row['policy']}: {row['status']} ({row['basis']}); risk sources: "
            f"{row['risk_sources']}; path: {row['path']}")


def _names(names: pa.Table | None) -> dict[str, list[tuple[str, str]]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    if names is None:
        return grouped
    for row in rows(names.select(["entity_id", "name", "name_type"])):
        grouped.setdefault(row["entity_id"], []).append((row["name"], row["name_type"]))
    return grouped


def _split(text: str | None) -> list[str]:
    return [part for part in (text or "").split("; ") if part]


def _identifiers(text: str | None) -> Iterator[tuple[str, str]]:
    for pair in _split(text):
        scheme, _, value = pair.partition(":")
        if value:
            yield scheme, value
