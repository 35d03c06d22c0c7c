"""The delta path through the fetch and parse stages, with a local delta_url."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.lib import stages
from pipelines.lib.config import ConfigError
from pipelines.sources.registry import BY_ID
from tests.lib import gleif_docs as docs
from tests.lib.test_gleif_deltas import T1, lei_case, parse, rows

LEI = "global_gleif_lei"


def _context(tmp_path: Path, url: Path, delta_url: Path, source: str = LEI) -> stages.RunContext:
    config = tmp_path / "run.yaml"
    config.write_text(
        f"sources:\n  {source}:\n    url: '{url}'\n    delta_url: '{delta_url}'\n"
        "    expected_rows: [1, 100]\npolicies: [listed]\n",
        encoding="utf-8",
    )
    return stages.RunContext.create(config, tmp_path / "data", "2023-06-06")


def _run(ctx: stages.RunContext) -> stages.ParseOutcome:
    stages.fetch(ctx, BY_ID[LEI])
    return stages.parse(ctx, BY_ID[LEI])


def test_first_run_reads_the_full_file_then_runs_apply_the_delta(
    real_data: Path, tmp_path: Path
) -> None:
    case = lei_case(real_data, tmp_path)
    ctx = _context(tmp_path, case.g1, case.delta)
    first = _run(ctx)
    assert first.counts["entities"] == 12
    second = _run(ctx)
    assert second.snapshot_id != first.snapshot_id and second.counts["entities"] == 13
    merged = stages.current_staging(ctx, LEI)
    assert merged is not None and merged[0] == second.snapshot_id
    full = parse(BY_ID[LEI], case.g2, tmp_path / "g2-parsed")
    assert rows(merged[1], "names") == rows(full, "names")
    lineage = json.loads((merged[1] / "_delta.json").read_text())
    assert lineage["base_snapshot_id"] == first.snapshot_id
    manifest = json.loads((ctx.data_dir / "raw" / LEI / second.snapshot_id / "manifest.json")
                          .read_text())  # fmt: skip
    assert manifest["url"] == str(case.delta)


def test_a_refused_delta_keeps_the_last_good_snapshot(real_data: Path, tmp_path: Path) -> None:
    case = lei_case(real_data, tmp_path)
    stale = docs.write(case.g1, docs.LEI, tmp_path / "stale.xml", [], T1, delta_start=T1)
    ctx = _context(tmp_path, case.g1, stale)
    first = _run(ctx)
    with pytest.raises(stages.StageRefused, match="not newer than the last good snapshot"):
        _run(ctx)
    assert stages.current_staging(ctx, LEI) == (
        first.snapshot_id, ctx.data_dir / "staging" / LEI / first.snapshot_id
    )  # fmt: skip


def test_a_delta_at_the_full_url_is_refused(real_data: Path, tmp_path: Path) -> None:
    case = lei_case(real_data, tmp_path)
    ctx = _context(tmp_path, case.delta, case.g2)
    with pytest.raises(stages.StageRefused, match="configure it as delta_url"):
        _run(ctx)
    assert stages.current_staging(ctx, LEI) is None


def test_delta_url_on_a_source_without_deltas_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"us_ofac_sdn\.delta_url"):
        _context(tmp_path, tmp_path, tmp_path, source="us_ofac_sdn")
