"""The whole pipeline on demo data, through the real CLI, into tmp_path."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner, Result

from pipelines.cli import main
from pipelines.lib.demo import generate

REPO = Path(__file__).resolve().parent.parent
DEMO_CONFIG = REPO / "config" / "demo.yaml"


def _run(data_dir: Path, *extra: str) -> Result:
    args = ["run", "--config", str(DEMO_CONFIG), "--data-dir", str(data_dir), *extra]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _rows(data_dir: Path) -> list[dict[str, str]]:
    path = data_dir / "published" / "latest" / "denylist.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    data_dir = tmp_path_factory.mktemp("e2e")
    generate(data_dir / "demo")
    return data_dir, _run(data_dir)


def test_run_succeeds_and_prints_each_stage(demo_run: tuple[Path, Result]) -> None:
    data_dir, result = demo_run
    assert result.exit_code == 0, result.output
    for stage in ("raw/us_ofac_sdn", "staging/global_gleif_lei", "policy/determinations",
                  "publish/published_denylist"):
        assert stage in result.output
    assert (data_dir / "warehouse.duckdb").is_file()


def test_denylist_matches_the_ground_truth_exactly(demo_run: tuple[Path, Result]) -> None:
    data_dir, _ = demo_run
    truth = json.loads((data_dir / "demo" / "truth.json").read_text(encoding="utf-8"))
    expected = {(t["policy"], t["entity_id"], t["status"], t["basis"]) for t in truth["denylist"]}
    actual = {(r["policy"], r["entity_id"], r["status"], r["basis"]) for r in _rows(data_dir)}
    true_positives = len(expected & actual)
    precision = true_positives / len(actual)
    recall = true_positives / len(expected)
    assert (precision, recall) == (1.0, 1.0), {
        "missing": sorted(expected - actual)[:10],
        "unexpected": sorted(actual - expected)[:10],
    }


def test_every_row_is_explained(demo_run: tuple[Path, Result]) -> None:
    data_dir, _ = demo_run
    rows = _rows(data_dir)
    for row in rows:
        assert row["risk_sources"] and row["path"], row
    derived = [r for r in rows if r["basis"] == "control"]
    assert derived, "the demo must derive some entities through control"
    for row in derived:
        root_reason = "(HQ " if row["policy"] == "cn_control" else "(listed: "
        assert " -[" in row["path"] and root_reason in row["path"], row["path"]
        roots = row["risk_sources"].split("; ")
        assert all(root.startswith(("lei-", "psc-", "bods-")) for root in roots)


def test_uk_and_bods_subjects_are_judged_from_their_registers(
    demo_run: tuple[Path, Result],
) -> None:
    data_dir, _ = demo_run
    truth = json.loads((data_dir / "demo" / "truth.json").read_text(encoding="utf-8"))
    published = {r["entity_id"]: (r["status"], r["basis"]) for r in _rows(data_dir)
                 if r["policy"] == "cn_control"}
    uk_cases = [c for c in truth["cases"] if c["case"].startswith(("uk_psc_", "bods_"))]
    assert len(uk_cases) == 15
    wrong = {c["case"]: published.get(c["entity_id"]) for c in uk_cases
             if published.get(c["entity_id"]) != ((c["status"], c["cn_control"])
                                                  if c["cn_control"] else None)}
    assert wrong == {}


def test_corporate_pscs_resolve_to_their_gleif_records(demo_run: tuple[Path, Result]) -> None:
    """The resolution cases: "TENCENT HOLDINGS LTD" registered in the Cayman Islands is
    GLEIF's Tencent Holdings Limited (headquartered in China), so the UK company it owns
    is caught; Hanzi and pinyin spellings meet their record; a near miss stays clear."""
    data_dir, _ = demo_run
    truth = json.loads((data_dir / "demo" / "truth.json").read_text(encoding="utf-8"))
    published = {r["entity_id"]: (r["status"], r["basis"]) for r in _rows(data_dir)
                 if r["policy"] == "cn_control"}
    cases = {c["case"]: c for c in truth["cases"] if c["case"].startswith("resolution_")}
    assert published[cases["resolution_psc_tencent_cayman"]["entity_id"]] == (
        "definite", "ownership")
    wrong = {name: published.get(c["entity_id"]) for name, c in cases.items()
             if published.get(c["entity_id"]) != ((c["status"], c["cn_control"])
                                                  if c["cn_control"] else None)}
    assert wrong == {}
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        row = con.execute(
            "select m.canonical_id, m.method, m.detail from resolve.entity_map as m "
            "join canonical.names as n using (entity_id) where n.name = 'TENCENT HOLDINGS LTD'"
        ).fetchone()
    assert row is not None and row[0].startswith("lei-") and row[1] == "match", row
    assert "country agrees (KY)" in row[2]


def test_malformed_records_are_quarantined_with_reason_and_raw_text(
    demo_run: tuple[Path, Result],
) -> None:
    data_dir, _ = demo_run
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select source, reason, raw from canonical.quarantine order by source"
        ).fetchall()
    assert [(source, reason.split(" ")[0]) for source, reason, _ in rows] == [
        ("global_gleif_lei", "invalid"),
        ("global_gleif_rr", "invalid"),
    ]
    assert all(raw.startswith("<") for _, _, raw in rows)


def test_manifest_describes_the_version(demo_run: tuple[Path, Result]) -> None:
    data_dir, _ = demo_run
    latest = data_dir / "published" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"] == len(_rows(data_dir))
    config = yaml.safe_load((REPO / "config" / "demo.yaml").read_text(encoding="utf-8"))
    assert set(manifest["snapshots"]) == set(config["sources"])
    assert set(manifest["files"]) == {
        "denylist.csv", "denylist.parquet", "denylist.jsonl", "delta.csv", "delta.jsonl",
        "names.parquet", "entities.ftm.json", "schema.json"}
    assert sum(manifest["counts"]["listed"].values()) > 0


def test_same_inputs_give_byte_identical_files(demo_run: tuple[Path, Result], tmp_path: Path
                                               ) -> None:
    data_dir, _ = demo_run
    first = json.loads((data_dir / "published" / "latest" / "manifest.json").read_text())
    other = tmp_path / "again"
    shutil.copytree(data_dir / "demo", other / "demo")
    assert _run(other).exit_code == 0
    second = json.loads((other / "published" / "latest" / "manifest.json").read_text())
    assert first["files"] == second["files"]


def test_truncated_input_refuses_to_publish(demo_run: tuple[Path, Result], tmp_path: Path
                                            ) -> None:
    data_dir, _ = demo_run
    work = tmp_path / "truncated"
    shutil.copytree(data_dir, work, symlinks=True)
    before = (work / "published" / "latest").resolve()
    lei_file = work / "demo" / "gleif" / "lei2-golden-copy.xml"
    content = lei_file.read_bytes()
    lei_file.write_bytes(content[: len(content) // 2])
    result = _run(work)
    assert result.exit_code != 0
    assert "global_gleif_lei" in result.output
    assert (work / "published" / "latest").resolve() == before


def test_rerun_on_unchanged_inputs_reuses_snapshots_and_republishes_the_same_files(
    demo_run: tuple[Path, Result],
) -> None:
    data_dir, _ = demo_run
    before = json.loads((data_dir / "published" / "latest" / "manifest.json").read_text())
    result = _run(data_dir)
    assert result.exit_code == 0, result.output
    sources = len(yaml.safe_load((REPO / "config" / "demo.yaml").read_text())["sources"])
    assert result.output.count("(unchanged,") == sources
    assert result.output.count("(already parsed)") == sources
    after = json.loads((data_dir / "published" / "latest" / "manifest.json").read_text())
    assert after["previous_version"] == before["version"]
    # Same inputs, same denylist bytes; nothing changed, so the new delta is empty.
    for name in ("denylist.csv", "denylist.parquet"):
        assert after["files"][name] == before["files"][name]
    delta = (data_dir / "published" / "latest" / "delta.csv").read_text(encoding="utf-8")
    assert delta.splitlines() == ["change,policy,entity_id,name,status_before,status_after,reason"]
    assert after["snapshots"] == before["snapshots"]
