"""The executor's step order and core sharing: registers first, two heavy parses at
a time, each parse pool taking its share of the cores only in a step process."""

from __future__ import annotations

import multiprocessing
import os

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.defs.executor import (
    CONFIG,
    HEAVY_PARSES,
    MAX_CONCURRENT,
    cores_shared_with_other_steps,
    heavy_parses,
)
from pipelines.sources.parallel import WORKERS_ENV, workers
from pipelines.sources.registry import SOURCES

REGISTERS = {"global_gleif_lei", "global_gleif_rr", "global_gleif_repex", "gb_coh_psc",
             "gb_coh_companies", "bods"}


def _source_ops() -> dict[tuple[str, str], dg.OpDefinition]:
    ops = {}
    for assets_def in defs.assets or []:
        if isinstance(assets_def, dg.AssetsDefinition) and len(assets_def.keys) == 1:
            stage, *rest = assets_def.key.path
            if stage in ("raw", "staging"):
                ops[(stage, rest[0])] = assets_def.op
    return ops


def test_register_steps_start_first_and_take_the_heavy_slots() -> None:
    ops = _source_ops()
    assert len(ops) == 2 * len(SOURCES)
    priority = {source.spec.id: source.spec.priority for source in SOURCES}
    for (stage, source_id), op in ops.items():
        assert op.tags["dagster/priority"] == str(priority[source_id]), (stage, source_id)
        heavy = op.tags.get("ownergraph/parse") == "heavy"
        assert heavy == (source_id in REGISTERS or source_id == "opensanctions"), source_id
    # Longest first: the two biggest parses outrank the other registers, which outrank lists.
    assert priority["global_gleif_lei"] == priority["gb_coh_psc"] > priority["global_gleif_repex"]
    assert min(priority[s] for s in REGISTERS) > priority["us_ofac_sdn"] == 0


def test_the_executor_limits_heavy_parses_below_its_step_processes() -> None:
    assert isinstance(defs.executor, dg.ExecutorDefinition)
    assert defs.executor.name == "multiprocess"
    assert CONFIG["max_concurrent"] == MAX_CONCURRENT > HEAVY_PARSES
    limits = {(limit["key"], limit["value"]): limit["limit"]
              for limit in CONFIG["tag_concurrency_limits"]}  # type: ignore[attr-defined]
    assert limits == {("ownergraph/writes", "warehouse"): 1,
                      ("ownergraph/parse", "heavy"): HEAVY_PARSES}


def _workers_in_shared_step(heavy_in_run: int = 7) -> tuple[int, str | None]:
    with cores_shared_with_other_steps(heavy_in_run):
        inside = workers()
    return inside, os.environ.get(WORKERS_ENV)


def test_a_step_process_parses_on_its_share_of_the_cores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        inside, after = pool.apply(_workers_in_shared_step)
    assert inside == max(1, (os.cpu_count() or 1) // HEAVY_PARSES)
    assert after is None


def test_a_heavy_parse_alone_in_its_run_keeps_every_core(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_workers_in_shared_step, (1,)) == (os.cpu_count() or 1, None)


def test_heavy_parses_are_counted_per_source_in_the_run() -> None:
    everything = defs.resolve_job_def("ownergraph_all")
    assert heavy_parses(everything, None) == len(REGISTERS) + 1  # and OpenSanctions
    assert heavy_parses(everything, ["raw__gb_coh_psc", "staging__gb_coh_psc",
                                     "staging__global_gleif_lei", "raw__us_ofac_sdn"]) == 2
    assert heavy_parses(defs.resolve_job_def("refresh_gb_coh_psc"), None) == 1
    assert heavy_parses(defs.resolve_job_def("refresh_us_ofac_sdn"), None) == 0


def test_in_process_a_step_keeps_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert _workers_in_shared_step() == (os.cpu_count() or 1, None)


def test_an_explicit_worker_count_wins_in_a_step_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_ENV, "3")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_workers_in_shared_step) == (3, "3")
