"""The published files: JSON Lines, schema.json, names in every script, same bytes twice."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.lib.publish_schema import DELTA, DENYLIST, SCHEMA_VERSION
from tests.lib.publish_support import denylist, publish_at, row

SCRIPTS = {
    "e-han": "北京字节跳动科技有限公司",
    "e-cyrillic": "Общество с ограниченной ответственностью «Ромашка»",  # noqa: RUF001
    "e-arabic": "شركة الخليج للتجارة العامة",
}


def _scripts_table() -> pa.Table:
    return denylist([row(entity_id, name, countries="CN; RU") for entity_id, name in
                     sorted(SCRIPTS.items())])


def test_names_in_every_script_round_trip_in_csv_parquet_and_jsonl(tmp_path: Path) -> None:
    path = publish_at(tmp_path, _scripts_table())
    with (path / "denylist.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = {r["entity_id"]: r["name"] for r in csv.DictReader(handle)}
    parquet = pq.read_table(path / "denylist.parquet")
    from_parquet = dict(zip(parquet["entity_id"].to_pylist(), parquet["name"].to_pylist(),
                            strict=True))
    text = (path / "denylist.jsonl").read_bytes().decode("utf-8")
    from_jsonl = {r["entity_id"]: r["name"] for r in map(json.loads, text.splitlines())}
    assert from_csv == from_parquet == from_jsonl == SCRIPTS
    assert SCRIPTS["e-han"] in text  # unescaped UTF-8, not \\u escapes


def test_jsonl_rows_are_sorted_with_the_schema_key_order(tmp_path: Path) -> None:
    rows = [row("e2", policy="listed"), row("e1", policy="listed"),
            row("e1", policy="cn_control", basis="ownership", stake_lo=50.0, stake_hi=75.0)]
    path = publish_at(tmp_path, denylist(rows))
    lines = (path / "denylist.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = [json.loads(line) for line in lines]
    assert [(r["policy"], r["entity_id"]) for r in parsed] == [
        ("cn_control", "e1"), ("listed", "e1"), ("listed", "e2")]
    assert list(parsed[0]) == [c.name for c in DENYLIST]
    assert parsed[0]["stake_lo"] == 50.0 and parsed[1]["stake_lo"] is None
    assert parsed[0]["as_of"] == "2026-11-20"
    assert lines[1].startswith('{"entity_id":"e1","name":"ACME","kind":"company"')


def test_delta_jsonl_matches_delta_csv(tmp_path: Path) -> None:
    delta = pa.Table.from_pylist([
        {"change": "removed", "policy": "listed", "entity_id": "e9", "name": "Бета",
         "status_before": "definite", "status_after": None,
         "reason": "un_sc [DPRK] delisted on 2026-11-25"},
        {"change": "added", "policy": "listed", "entity_id": "e1", "name": "ACME",
         "status_before": None, "status_after": "definite", "reason": "ACME (listed)"},
    ], schema=pa.schema([(c.name, pa.string()) for c in DELTA]))
    path = publish_at(tmp_path, _scripts_table(), delta=delta)
    lines = (path / "delta.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = [json.loads(line) for line in lines]
    assert [(r["change"], r["entity_id"]) for r in parsed] == [("added", "e1"), ("removed", "e9")]
    assert parsed[1] == {"change": "removed", "policy": "listed", "entity_id": "e9",
                         "name": "Бета", "status_before": "definite", "status_after": None,
                         "reason": "un_sc [DPRK] delisted on 2026-11-25"}
    with (path / "delta.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = list(csv.DictReader(handle))
    assert [r["entity_id"] for r in from_csv] == ["e1", "e9"]
    assert from_csv[1]["name"] == "Бета"


def test_schema_json_documents_every_column_and_its_version(tmp_path: Path) -> None:
    path = publish_at(tmp_path, _scripts_table())
    schema = json.loads((path / "schema.json").read_text(encoding="utf-8"))
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    assert schema["schema_version"] == manifest["schema_version"] == SCHEMA_VERSION
    columns = schema["tables"]["denylist"]["columns"]
    assert [c["name"] for c in columns] == pq.read_table(path / "denylist.parquet").column_names
    assert all(c["type"] in {"string", "number", "date"} and len(c["description"]) > 10
               for c in columns)
    assert {c["name"] for c in columns if c["nullable"]} == {"stake_lo", "stake_hi"}
    assert schema["tables"]["names"]["files"] == ["names.parquet"]


def test_same_rows_give_the_same_bytes(tmp_path: Path) -> None:
    rows = [row(f"e{i}", SCRIPTS["e-han"], as_of=date(2026, 11, 20)) for i in range(50)]
    first = publish_at(tmp_path / "a", denylist(rows))
    second = publish_at(tmp_path / "b", denylist(list(reversed(rows))), minutes=5)
    one = json.loads((first / "manifest.json").read_text())["files"]
    two = json.loads((second / "manifest.json").read_text())["files"]
    assert one == two
    assert len(one) == 5
