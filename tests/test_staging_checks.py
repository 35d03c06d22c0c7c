"""Staging rules are Dagster asset checks: a refused snapshot shows which rule failed."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.lib.demo import generate
from pipelines.lib.staging_checks import not_shrunk, quarantine_share, row_bounds
from pipelines.sources.us_ofac_sdn import SPEC

REPO = Path(__file__).resolve().parent.parent


def test_row_bounds_and_quarantine_share_verdicts() -> None:
    assert row_bounds(SPEC, (10, 20), {"entries": 15}).passed
    outside = row_bounds(SPEC, (10, 20), {"entries": 9})
    assert not outside.passed
    assert "9 rows in entries, outside the expected [10, 20]" in outside.message
    assert quarantine_share(SPEC, {"entries": 95, "quarantine": 5}).passed
    too_many = quarantine_share(SPEC, {"entries": 94, "quarantine": 6})
    assert not too_many.passed
    assert too_many.metadata == {"quarantined": 6, "records": 100, "share": 0.06}


def test_a_source_outside_its_row_bounds_fails_its_check_and_publishes_nothing(
    tmp_path: Path,
) -> None:
    generate(tmp_path / "demo")
    config = yaml.safe_load((REPO / "config" / "demo.yaml").read_text(encoding="utf-8"))
    config["sources"]["us_ofac_sdn"]["expected_rows"] = [100_000, 200_000]
    path = tmp_path / "bounded.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    args = ["run", "--config", str(path), "--data-dir", str(tmp_path)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert "check staging/us_ofac_sdn row_bounds failed" in result.output
    assert "outside the expected [100000, 200000]" in result.output
    assert not (tmp_path / "published" / "latest").exists()
    assert not (tmp_path / "staging" / "us_ofac_sdn" / "CURRENT").exists()


def test_a_snapshot_far_smaller_than_the_last_good_one_is_refused() -> None:
    previous = {"entries": 1000}
    assert not_shrunk(SPEC, {"entries": 600}, previous, 0.5).passed
    halved = not_shrunk(SPEC, {"entries": 499}, previous, 0.5)
    assert not halved.passed
    assert "499 rows in entries, 50% of the last good snapshot's 1000 (the minimum is 50%)" in (
        halved.message
    )
    assert not_shrunk(SPEC, {"entries": 0}, None, 0.5).passed  # first snapshot: row_bounds rules
    assert not_shrunk(SPEC, {"entries": 10}, previous, 0.0).passed  # a config that accepts any drop
