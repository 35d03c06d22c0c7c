"""``ownergraph screen``: one name in text and JSON, and a batch CSV."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.lib.screen.batch import WORKERS_FROM, batch_workers
from tests.lib.screen.fixture import VERSION


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["screen", *args])
    return result.exit_code, result.stdout


def test_json_output_has_the_query_the_hits_and_why(published: Path) -> None:
    code, out = run("BYTEDANCE LTD.", "--json", "--published", str(published))
    assert code == 0, out
    answer = json.loads(out)
    assert answer["version"] == VERSION
    assert answer["query"] == {"name": "BYTEDANCE LTD.", "country": None, "id": None,
                               "policy": None, "limit": 5}
    first = answer["hits"][0]
    assert set(first) == {"rank", "entity_id", "name", "kind", "score", "matched_name",
                          "features", "countries", "identifiers", "listings"}
    assert (first["entity_id"], first["score"], first["rank"]) == ("lei-bytedance-ltd", 1.0, 1)
    assert [f["feature"] for f in first["features"]] == [
        "name", "country", "identifier", "legal_form", "numbers"]
    assert first["listings"] == [
        {"policy": "cn_control", "status": "definite", "basis": "control", "path":
         "ByteDance Ltd. (KY) -[controlled by]-> Beijing ByteDance Technology Co Ltd (HQ CN)",
         "risk_sources": "root"},
        {"policy": "listed", "status": "possible", "basis": "listed",
         "path": "ByteDance Ltd. (listed: us_csl)", "risk_sources": ""}]
    assert first["countries"] == ["CN", "KY"]


def test_policy_limits_the_listings_shown(published: Path) -> None:
    code, out = run("ByteDance Ltd", "--policy", "listed", "--json", "--published",
                    str(published))
    assert code == 0
    hits = json.loads(out)["hits"]
    assert [h["entity_id"] for h in hits] == ["lei-bytedance-ltd"]
    assert [item["policy"] for item in hits[0]["listings"]] == ["listed"]


def test_text_output_reads_as_an_explanation(published: Path) -> None:
    code, out = run("Tencent Holdings", "--country", "GB", "--limit", "1", "--published",
                    str(published))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"1 hit(s) for 'Tencent Holdings' in version {VERSION}"
    assert lines[1].startswith("1. Tencent Holdings Limited [lei-tencent, company] score 0.8")
    assert "country conflict (GB vs CN,KY)" in lines[2]
    assert lines[3] == ("   on the list: cn_control definite (headquarters): "
                        "Tencent Holdings Limited (HQ CN)")


def test_bad_input_is_a_usage_error(published: Path, tmp_path: Path) -> None:
    assert run("x" * 301, "--published", str(published))[0] == 2
    assert run("--published", str(published))[0] == 2  # neither a name nor --batch
    code, _ = run("ByteDance", "--published", str(tmp_path))
    assert code == 1  # no published version there


def test_batch_writes_a_csv_of_hits(published: Path, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "customer_id,name,country,id\n"
        "c1,字节跳动,,\n"
        "c2,Tencnet Holdings Ltd,GB,\n"
        "c3,Nobody Trading Widgets,,\n"
        "c4,Some Vessel,,imo:9234567\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    code, _ = run("--batch", str(customers), "--out", str(out), "--limit", "1",
                  "--published", str(published))
    assert code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["customer_id"], r["rank"], r["entity_id"]) for r in rows] == [
        ("c1", "1", "lei-bytedance-ltd"), ("c2", "1", "lei-tencent"), ("c4", "1", "ofac-34567")]
    assert rows[0]["matched_name"] == "字节跳动有限公司"
    assert "country conflict (GB vs CN,KY)" in rows[1]["why"]
    assert rows[2]["listings"] == ("listed definite (listed): "
                                   "Ocean Star 8 Shipping Limited (listed: us_ofac_sdn [IRAN])")


def test_batch_refuses_unknown_columns_and_bad_lines(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("customer_id,name,email\nc1,ByteDance,a@b.c\n", encoding="utf-8")
    assert run("--batch", str(wrong), "--out", str(out), "--published", str(published))[0] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("customer_id,name,country\nc1,ByteDance,CN\nc2,ByteDance,China\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["screen", "--batch", str(bad), "--out", str(out),
                                       "--published", str(published)])
    assert result.exit_code == 2
    assert "line 3: country: 'China' is not an ISO 3166-1 alpha-2 code" in result.output
    assert not out.exists()


def test_batch_on_worker_processes_writes_the_same_csv(published: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text("customer_id,name,country\n" + "".join(
        f"c{i},{name},{country}\n" for i, (name, country) in enumerate(
            [("字节跳动", ""), ("Tencnet Holdings Ltd", "GB"), ("Ivan Petrov", "RU"),
             ("Ocean Star 7", ""), ("Nobody Trading Widgets", "")] * 3)), encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    result = CliRunner().invoke(main, ["screen", "--batch", str(customers), "--out", str(one),
                                       "--workers", "1", "--published", str(published)])
    assert result.exit_code == 0 and "on one process" in result.stderr
    monkeypatch.setenv("OWNERGRAPH_SCREEN_WORKERS", "2")
    result = CliRunner().invoke(main, ["screen", "--batch", str(customers), "--out", str(two),
                                       "--published", str(published)])
    assert result.exit_code == 0 and "on 2 worker processes" in result.stderr
    assert len(one.read_text(encoding="utf-8").splitlines()) > 12
    assert two.read_bytes() == one.read_bytes()


def test_a_batch_takes_workers_only_when_large_or_asked() -> None:
    assert batch_workers(WORKERS_FROM - 1, None) == 1
    assert batch_workers(WORKERS_FROM, None) == (os.cpu_count() or 1)
    assert batch_workers(10, 3) == 3
