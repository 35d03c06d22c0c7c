"""POLICY_RULES.md §9 golden vectors (and the §8 cases they cover) through the
whole pipeline, from generated GLEIF, OpenSanctions FtM and BODS files, with
every built-in policy, through the real CLI (``policy_vectors.py`` says which
file states which fact)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.lib.demo import policy_vectors as pv

REPO = Path(__file__).resolve().parent.parent
POLICIES = ["listed", *pv.REGIMES]


def _config(data_dir: Path, written: pv.Written) -> Path:
    bounds = [1, 1000]
    sources = {
        "global_gleif_lei": {"url": str(written.files["gleif_lei"]), "expected_rows": bounds},
        "global_gleif_rr": {"url": str(written.files["gleif_rr"]), "expected_rows": bounds},
        "opensanctions": {"url": str(written.files["ftm"]), "expected_rows": bounds},
        "bods": {"url": str(written.files["bods"]), "expected_rows": bounds},
    }
    config = {"sources": sources, "policies": POLICIES, "as_of": pv.AS_OF.isoformat(),
              "policy_file": str(REPO / "config" / "policies.yaml"),
              "resolution_file": str(REPO / "config" / "resolution.yaml")}
    path = data_dir / "vectors.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pv.Written]:
    data_dir = tmp_path_factory.mktemp("vectors")
    written = pv.write(data_dir / "inputs")
    config = _config(data_dir, written)
    result = CliRunner().invoke(main, ["run", "--config", str(config), "--data-dir",
                                       str(data_dir)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return data_dir, written


def _derived(data_dir: Path, written: pv.Written) -> dict[tuple[str, str], dict[str, str]]:
    """(vector, policy) -> {local name: status} of every non-root determination."""
    by_id = {f"lei-{lei.lower()}": key for key, lei in written.leis.items()}
    out: dict[tuple[str, str], dict[str, str]] = {}
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select policy, entity_id, status from policy.determinations "
                           "where depth > 0").fetchall()
    for policy, entity_id, status in rows:
        vector, local = by_id[entity_id]
        out.setdefault((vector, policy), {})[local] = status
    return out


@pytest.mark.parametrize("vector", pv.VECTORS, ids=[v.key for v in pv.VECTORS])
def test_vector_through_the_pipeline(vectors: tuple[Path, pv.Written], vector: pv.Vector
                                     ) -> None:
    derived = _derived(*vectors)
    for policy in pv.REGIMES:
        assert derived.get((vector.key, policy), {}) == vector.expect.get(policy, {}), policy


def _lei_id(written: pv.Written, vector: str, local: str) -> str:
    return f"lei-{written.leis[(vector, local)].lower()}"


def test_look_through_is_reported_and_never_clears(vectors: tuple[Path, pv.Written]) -> None:
    data_dir, written = vectors
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        row = con.execute("select status, stake_lo, look_through_lo from policy.determinations "
                          "where policy = 'ofac_50' and entity_id = ?",
                          [_lei_id(written, "v03", "b")]).fetchone()
    assert row == ("definite", 50.0, 30.0)


def test_caution_and_data_quality_flags(vectors: tuple[Path, pv.Written]) -> None:
    data_dir, written = vectors
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        cautions = con.execute("select caution from policy.cautions where policy = 'ofac_50' "
                               "and entity_id = ?", [_lei_id(written, "v04", "a")]).fetchall()
        flags = con.execute("select entity_id, flag from policy.data_quality").fetchall()
    assert cautions == [("minority_stake",)]
    assert flags == [(_lei_id(written, "v10", "c"), "percentage_deviation")]


def test_explain_prints_path_stakes_sources_and_what_would_change(
        vectors: tuple[Path, pv.Written], tmp_path: Path) -> None:
    data_dir, written = vectors
    b = written.leis[("v03", "b")]
    svg = tmp_path / "b.svg"
    result = CliRunner().invoke(main, ["explain", f"lei:{b}", "--data-dir", str(data_dir),
                                       "--policy", "ofac_50", "--policy", "uk_50",
                                       "--svg", str(svg)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "ofac_50: DEFINITE (ownership)" in text
    assert "restricted owners hold [50, 50]% of the shares (>= 50%, aggregated)" in text
    assert "look-through ownership (multiplied along chains; never clears): 30%" in text
    assert "<-[shares 50%" in text and "opensanctions" in text
    assert "uk_50: not restricted" in text
    assert "restricted owners hold 10% (needs > 50%)" in text
    assert "would change:" in text
    drawing = svg.read_text(encoding="utf-8")
    assert drawing.startswith("<?xml") and "<svg" in drawing
    assert "root (ofac_50)" in drawing and "shares 50%" in drawing


def test_explain_refuses_an_unknown_entity(vectors: tuple[Path, pv.Written]) -> None:
    data_dir, _ = vectors
    result = CliRunner().invoke(main, ["explain", "no such company", "--data-dir",
                                       str(data_dir)])
    assert result.exit_code == 2
    assert "no entity matches 'no such company'" in result.output


def test_another_as_of_date(vectors: tuple[Path, pv.Written], tmp_path: Path) -> None:
    """BIS suspended on 2026-01-15 (vector 15); SDN X not yet delisted (vector 18)."""
    data_dir, written = vectors
    result = CliRunner().invoke(main, ["run", "--config", str(data_dir / "vectors.yaml"),
                                       "--data-dir", str(data_dir), "--as-of",
                                       pv.SUSPENDED_AS_OF.isoformat(), "--accept-shrink"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    derived = _derived(data_dir, written)
    for (vector, policy), expected in pv.EXPECT_WHEN_SUSPENDED.items():
        assert derived.get((vector, policy), {}) == expected, (vector, policy)
    as_of = date.fromisoformat(pv.SUSPENDED_AS_OF.isoformat())
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        runs = dict(con.execute("select policy, derivations_in_force from policy.runs "
                                "where as_of = ?", [as_of]).fetchall())
    assert runs["bis_affiliates"] is False and runs["ofac_50"] is True
