"""Publishing, done when: from demo data, through the real CLI, into tmp_path.

`ownergraph run` publishes a signed version that `ownergraph verify` accepts; a
second run with one root removed from an input list publishes a delta that
shows the removal with its reason; a run on a truncated input, or with a
blocking check failing, refuses to publish and leaves `latest` where it was.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from pipelines.cli import main
from pipelines.defs import warehouse as warehouse_defs
from pipelines.defs.publish import published_denylist
from pipelines.defs.resources import OwnergraphResource
from pipelines.defs.warehouse import SqlCheck
from pipelines.lib import publish_stage, warehouse
from pipelines.lib.publish import PublishRefused
from pipelines.lib.signing import KEY_ENV
from pipelines.lib.stages import RunContext
from tests.lib.test_ftm_export import validate

REPO = Path(__file__).resolve().parent.parent
DEMO_CONFIG = REPO / "config" / "demo.yaml"
# The day a list's absence is seen is the delisting's day: determine as of today.
TODAY = datetime.now(UTC).date().isoformat()
REMOVED = "un-sc-76004"


def _cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _run(data_dir: Path) -> Result:
    return _cli("run", "--config", str(DEMO_CONFIG), "--data-dir", str(data_dir),
                "--as-of", TODAY)


def _latest(data_dir: Path) -> Path:
    return (data_dir / "published" / "latest").resolve()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(KEY_ENV, raising=False)  # the demo's key file signs
        root = tmp_path_factory.mktemp("release")
        assert _cli("demo", "--data-dir", str(root)).exit_code == 0
        first = _run(root)
        assert first.exit_code == 0, first.output
        yield root


def test_run_publishes_a_signed_version_that_verifies(data_dir: Path) -> None:
    result = _cli("verify", "--config", str(DEMO_CONFIG), "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    assert "signature and every checksum verified" in result.output
    manifest = json.loads((_latest(data_dir) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["signature"]["key_from"] == "file"
    assert manifest["previous_version"] is None
    assert set(manifest["files"]) >= {"denylist.jsonl", "delta.jsonl", "names.parquet",
                                      "entities.ftm.json", "schema.json"}
    delta = (_latest(data_dir) / "delta.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(delta) == manifest["rows"]  # a first version: every row added
    assert {json.loads(line)["change"] for line in delta} == {"added"}


def test_names_and_ftm_cover_every_denylisted_entity(data_dir: Path) -> None:
    latest = _latest(data_dir)
    denylist = pq.read_table(latest / "denylist.parquet").to_pylist()
    names = pq.read_table(latest / "names.parquet")
    assert names.column_names == ["entity_id", "name", "name_type", "script"]
    pairs = list(zip(names["entity_id"].to_pylist(), names["name"].to_pylist(), strict=True))
    assert pairs == sorted(set(pairs))
    assert {(r["entity_id"], r["name"]) for r in denylist} <= set(pairs)
    assert {"Hani", "Latn"} <= set(names["script"].to_pylist())
    lines = (latest / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    entities = [validate(line) for line in lines]
    assert [e["id"] for e in entities] == sorted({r["entity_id"] for r in denylist})


def test_a_removed_root_shows_in_the_delta_with_its_reason(data_dir: Path) -> None:
    before = _latest(data_dir)
    path = data_dir / "demo" / "lists" / "un" / "consolidated.xml"
    tree = etree.parse(str(path))
    entries = [e for e in tree.getroot().iter("ENTITY")
               if e.findtext("DATAID") == REMOVED.removeprefix("un-sc-")]
    assert len(entries) == 1
    parent = entries[0].getparent()
    assert parent is not None
    parent.remove(entries[0])
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    second = _run(data_dir)
    assert second.exit_code == 0, second.output
    latest = _latest(data_dir)
    with (latest / "delta.csv").open(encoding="utf-8", newline="") as handle:
        from_csv = list(csv.DictReader(handle))
    text = (latest / "delta.jsonl").read_text(encoding="utf-8")
    from_jsonl = [json.loads(line) for line in text.splitlines()]
    assert [(r["change"], r["policy"], r["entity_id"]) for r in from_csv] == [
        ("removed", "listed", REMOVED)]
    assert from_jsonl == [{**from_csv[0], "status_after": None}]
    assert from_csv[0]["reason"].startswith(f"un_sc [Iran] delisted on {TODAY} (absent from")
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous_version"] == before.name
    assert _cli("verify", "--config", str(DEMO_CONFIG), "--data-dir",
                str(data_dir)).exit_code == 0


def test_the_publish_asset_summarises_the_version(data_dir: Path) -> None:
    resource = OwnergraphResource(config_path=str(DEMO_CONFIG), data_dir=str(data_dir),
                                  as_of=TODAY)
    result = dg.materialize([published_denylist], resources={"ownergraph": resource})
    metadata = result.asset_materializations_for_node("publish__published_denylist")[0].metadata
    counts = metadata["counts by policy and status"].value
    assert "| cn_control | definite |" in str(counts)
    assert "No change against" in str(metadata["delta"].value)
    groups = str(metadata["largest groups reached from a root"].value).splitlines()
    assert groups[0] == "| policy | root | name | entities reached |" and len(groups) == 12
    latest = _latest(data_dir)
    assert metadata["file manifest.sig"] == dg.MetadataValue.path(str(latest / "manifest.sig"))
    assert metadata["file names.parquet"] == dg.MetadataValue.path(str(latest / "names.parquet"))


def test_a_truncated_input_is_refused_and_latest_stays(data_dir: Path) -> None:
    latest = _latest(data_dir)
    path = data_dir / "demo" / "gleif" / "lei2-golden-copy.xml"
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2])
    try:
        result = _run(data_dir)
    finally:
        path.write_bytes(original)
    assert result.exit_code == 1
    assert "run failed; the published denylist was not changed" in result.output
    assert "lei2-golden-copy.xml:" in result.output and "not well-formed XML" in result.output
    assert _latest(data_dir) == latest


def test_a_failed_blocking_check_on_the_denylist_keeps_latest(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `explained` check's rule is swapped for one the demo's data violate."""
    latest = _latest(data_dir)
    rule = tmp_path / "publish__denylist__explained.sql"
    rule.write_text("select entity_id, policy from publish.denylist\n"
                    "where entity_id like 'lei-%' and policy = 'listed'\n", encoding="utf-8")
    checks = [SqlCheck(rule) if isinstance(c, SqlCheck) and c.path.name == rule.name else c
              for c in warehouse_defs.CHECKS]
    monkeypatch.setattr(warehouse_defs, "CHECKS", checks)
    result = _run(data_dir)
    assert result.exit_code == 1
    assert "check publish/denylist explained failed" in result.output
    assert "publish/published_denylist" not in result.output
    assert _latest(data_dir) == latest


def test_publishing_alone_rechecks_the_published_tables(data_dir: Path) -> None:
    """published_denylist materialized alone after a failed build must not publish the
    bad table the build left behind."""
    latest = _latest(data_dir)
    ctx = RunContext.create(DEMO_CONFIG, data_dir, TODAY)
    with warehouse.connect(data_dir) as con:
        con.execute("insert into publish.denylist select * from publish.denylist limit 1")
    try:
        with pytest.raises(PublishRefused, match="check publish/denylist "
                           "one_row_per_entity_and_policy failed: 1 violation"):
            publish_stage.publish_denylist(ctx)
    finally:
        with warehouse.connect(data_dir) as con:
            con.execute("create or replace table publish.denylist as "
                        "select distinct * from publish.denylist order by policy, entity_id")
    assert _latest(data_dir) == latest
