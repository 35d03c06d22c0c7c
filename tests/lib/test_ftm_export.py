"""The FtM export: every line a valid FollowTheMoney entity, one per denylisted entity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest
from followthemoney import model

from pipelines.lib.ftm_export import FILE, KIND_SCHEMA
from tests.lib.publish_support import denylist, names, publish_at, row


def validate(line: str) -> dict[str, Any]:
    """Parse one line and check it against the FtM model: schema, properties, values."""
    data: dict[str, Any] = json.loads(line)
    schema = model.get(data["schema"])
    assert schema is not None and not schema.abstract, data["schema"]
    schema.validate(cast(Any, data))  # raises on a missing required property
    proxy = model.get_proxy(data, cleaned=False)
    assert proxy.id == data["id"]
    for prop_name, values in data["properties"].items():
        prop = schema.get(prop_name)
        assert prop is not None, f"{data['schema']} has no property {prop_name}"
        for value in values:
            cleaned = prop.type.clean(value, proxy=proxy)
            assert cleaned is not None, (prop_name, value)
            if prop.type.name in {"country", "topic"}:
                assert cleaned == value, (prop_name, value, cleaned)
    return data


def _entities(path: Path) -> dict[str, dict[str, Any]]:
    lines = (path / FILE).read_text(encoding="utf-8").splitlines()
    return {entity["id"]: entity for entity in map(validate, lines)}


@pytest.fixture()
def exported(tmp_path: Path) -> dict[str, dict[str, Any]]:
    rows = [row(f"e-{kind}", f"{kind.title()} One", kind=kind, countries="CN; HK")
            for kind in KIND_SCHEMA]
    rows += [
        row("e-company", "Company One", kind="company", policy="cn_control", basis="control",
            countries="CN; HK", identifiers="lei:5493001KJTIIGC8Y1R12; gb-coh:01234567; "
            "cn-uscc:91110000802100433B; ofac:12345; ra000024:HRB 1234"),
        row("e-vessel", "Vessel One", kind="vessel", policy="other_policy", basis="ownership",
            identifiers="imo:9187629; lei:5493001KJTIIGC8Y1R12"),
    ]
    table = names([
        ("e-company", "Company One", "primary", "Latn"),
        ("e-company", "字节跳动有限公司", "alternative_language", "Hani"),
        ("e-company", "Old Company One", "previous", "Latn"),
        ("e-person", "Иван Петров", "aka", "Cyrl"),
    ])
    return _entities(publish_at(tmp_path, denylist(rows), names=table))


def test_every_kind_maps_to_an_ftm_schema_once(exported: dict[str, dict[str, Any]]) -> None:
    assert {e["id"]: e["schema"] for e in exported.values()} == {
        f"e-{kind}": schema for kind, schema in KIND_SCHEMA.items()}


def test_names_identifiers_topics_and_notes(exported: dict[str, dict[str, Any]]) -> None:
    company = exported["e-company"]["properties"]
    assert company["name"] == ["Company One"]
    assert company["alias"] == ["字节跳动有限公司"]
    assert company["previousName"] == ["Old Company One"]
    assert company["country"] == ["cn", "hk"]
    assert company["leiCode"] == ["5493001KJTIIGC8Y1R12"]
    assert company["registrationNumber"] == ["01234567", "HRB 1234"]
    assert company["uscCode"] == ["91110000802100433B"]
    assert company["topics"] == ["export.risk", "sanction"]
    assert [note.split(":")[0] for note in company["notes"]] == ["cn_control", "listed"]
    assert exported["e-person"]["properties"]["alias"] == ["Иван Петров"]
    vessel = exported["e-vessel"]["properties"]
    assert vessel["imoNumber"] == ["9187629"] and "leiCode" not in vessel  # not an FtM Vessel field
    assert vessel["topics"] == ["sanction", "sanction.control"]
