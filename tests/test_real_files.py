"""The whole pipeline on the real official files in ../shared, read in place."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipelines.cli import main

REPO = Path(__file__).resolve().parent.parent


def _run_on(real_data: Path, data_dir: Path, level1: str) -> Path:
    gleif = real_data / "gleif"
    config = data_dir / "real.yaml"
    config.write_text(
        f"""
sources:
  global_gleif_lei:
    url: "{gleif / level1}"
    expected_rows: [10, 1000]
  global_gleif_rr:
    url: "{gleif / 'level2_rr_xml' / 'rr-excerpt-2023-06-05.xml'}"
    expected_rows: [5, 100]
  global_gleif_repex:
    url: "{gleif / 'level2_repex_xml' / 'repex-excerpt-2023-06-09.xml'}"
    expected_rows: [5, 100]
  us_ofac_sdn:
    url: "{real_data / 'sanctions' / 'ofac_sdn' / 'snapshot_2021-07'}"
    expected_rows: [5000, 40000]
policies: [listed, cn_control]
policy_file: "{REPO / 'config' / 'policies.yaml'}"
as_of: "2023-06-30"
""",
        encoding="utf-8",
    )
    args = ["run", "--config", str(config), "--data-dir", str(data_dir)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture(scope="module")
def real_run(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    level1 = "level1_xml/lei2-excerpt-2023-06-05.xml"
    return _run_on(real_data, tmp_path_factory.mktemp("real"), level1)


def _rows(data_dir: Path) -> list[dict[str, str]]:
    path = data_dir / "published" / "latest" / "denylist.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_sdn_entry_is_listed_with_its_identifiers(real_run: Path) -> None:
    listed = [r for r in _rows(real_run) if r["policy"] == "listed"]
    assert len(listed) == 8976
    bank = next(r for r in listed if r["entity_id"] == "ofac-306")
    assert bank["name"] == "BANCO NACIONAL DE CUBA"
    assert bank["identifiers"] == "ofac:306"
    assert "listed: us_ofac_sdn [CUBA]" in bank["path"]
    kinds = Counter(r["kind"] for r in listed)
    assert kinds["vessel"] > 0 and kinds["person"] > 0 and kinds["organization"] > 0


def test_gleif_entities_and_relationships_reach_the_graph(real_run: Path) -> None:
    with duckdb.connect(str(real_run / "warehouse.duckdb"), read_only=True) as con:
        entities = con.execute(
            "select count(*) from canonical.entities where source = 'global_gleif_lei'"
        ).fetchone()
        fund_edges = con.execute(
            "select count(*) from graph.edges where basis = 'fund_management'"
        ).fetchone()
        hq = con.execute(
            "select hq_country from graph.nodes where node_id = 'lei-001gpb6a9xpe8xjicc14'"
        ).fetchone()
        quarantined = con.execute("select count(*) from canonical.quarantine").fetchone()
    assert entities == (13,)
    assert fund_edges == (5,)
    assert hq == ("US",)
    assert quarantined == (0,)


def test_countries_have_one_row_per_entity_country_and_role(real_run: Path) -> None:
    with duckdb.connect(str(real_run / "warehouse.duckdb"), read_only=True) as con:
        repeated = con.execute(
            "select count(*) from (select * from canonical.countries group by all "
            "having count(*) > 1)"
        ).fetchone()
        # Its two transliterated addresses (legal, headquarters) are both in SE.
        swedish = con.execute(
            "select role, country, count(*) from canonical.countries "
            "where entity_id = 'lei-213800bjpx8v9hvy1y11' group by all order by all"
        ).fetchall()
    assert repeated == (0,)
    assert swedish == [
        ("address", "SE", 1),
        ("headquarters", "SE", 1),
        ("jurisdiction", "SE", 1),
        ("legal_address", "SE", 1),
    ]


def test_no_cn_root_means_no_cn_control_rows(real_run: Path) -> None:
    # None of these real excerpts has an entity headquartered in CN, HK or MO.
    assert [r for r in _rows(real_run) if r["policy"] == "cn_control"] == []


def test_headquarters_not_incorporation_makes_a_cn_control_root(
    real_data: Path, tmp_path: Path
) -> None:
    level1 = "level1_json_intraday/20240505-0000-gleif-goldencopy-lei2-intra-day.json"
    rows = _rows(_run_on(real_data, tmp_path, level1))
    roots = {(r["entity_id"], r["basis"], r["countries"]) for r in rows if r["policy"] == "cn_control"}
    # A Hong Kong company, and a Cayman fund whose headquarters are in Hong Kong.
    assert roots == {
        ("lei-254900ogtiew7xd1kz55", "headquarters", "HK"),
        ("lei-549300w30lxydjc6up51", "headquarters", "HK; KY"),
    }
