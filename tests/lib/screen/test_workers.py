"""Batch screening on worker processes: the saved index, the pool, the paused GC."""

from __future__ import annotations

import gc
from dataclasses import fields
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import HashLookup
from pipelines.lib.screen.screen import Query, checked, screen
from pipelines.lib.screen.store import load_index, save_index
from pipelines.lib.screen.workers import WorkerPool, paused_gc, screen_batch

NAMES = ("字节跳动", "BYTEDANCE LTD.", "Tencnet Holdings Ltd", "Ivan Petrov", "Ocean Star 8",
         "Sergeyevich Ivan Petrov", "Shanghai Zijie Media", "Nobody Whatsoever GmbH",
         "Tencent Music", "Bytewise Dance Studios")


def queries(index: ScreenIndex) -> list[Query]:
    """Every name plain, with a country and with an identifier: 30 queries."""
    plain = [Query(name) for name in NAMES]
    with_country = [Query(name, country="CN") for name in NAMES]
    with_id = [Query(name, identifier="imo:9234567", limit=2) for name in NAMES]
    return [checked(index, q) for q in (*plain, *with_country, *with_id)]


def test_a_saved_index_loads_with_the_same_arrays_frames_and_settings(
        index: ScreenIndex, tmp_path: Path) -> None:
    save_index(index, tmp_path)
    loaded = load_index(tmp_path)
    for field in fields(ScreenIndex):
        saved, got = getattr(index, field.name), getattr(loaded, field.name)
        if isinstance(saved, np.ndarray):
            assert isinstance(got, np.memmap), field.name
            assert got.dtype == saved.dtype and np.array_equal(got, saved), field.name
        elif isinstance(saved, HashLookup):
            assert np.array_equal(got.keys, saved.keys), field.name
            assert np.array_equal(got.values, saved.values), field.name
        elif isinstance(saved, pl.DataFrame | pl.Series):
            assert got.equals(saved), field.name
        elif field.name == "policy_names":
            assert list(got) == list(saved)
            assert all(np.array_equal(got[p], saved[p]) for p in saved)
        elif field.name == "version":
            assert (got.id, got.path) == (saved.id, saved.path)
            assert got.entities.equals(saved.entities)
            assert got.listings.equals(saved.listings) and got.names.equals(saved.names)
        else:
            assert got == saved, field.name


def test_a_loaded_index_screens_as_the_built_one(index: ScreenIndex, tmp_path: Path) -> None:
    save_index(index, tmp_path)
    asked = queries(index)
    expected = screen(index, asked)
    assert expected.height > len(NAMES)
    assert screen(load_index(tmp_path), asked).equals(expected)


def test_batches_in_chunks_give_the_hits_of_one_call(index: ScreenIndex) -> None:
    asked = queries(index)
    expected = screen(index, asked)
    got = screen_batch(index, asked, chunk=7)
    assert got.equals(expected)
    assert got["query"].unique().len() > 7  # query numbers run on across chunks


def test_worker_processes_give_the_hits_of_one_process(index: ScreenIndex,
                                                       tmp_path: Path) -> None:
    asked = queries(index)
    with WorkerPool(index, 2, tmp_path) as pool:
        assert pool.start_seconds > 0
        got = pool.screen(asked, chunk=4)
        assert pool.screen([]).is_empty()
    assert got.equals(screen(index, asked))
    assert (tmp_path / "manifest.json").is_file()  # a given directory is kept


def test_a_worker_pool_removes_its_own_directory(index: ScreenIndex) -> None:
    with WorkerPool(index, 1) as pool:
        directory = pool.directory
        assert (directory / "postings.npy").is_file()
    assert not directory.exists()


def test_the_gc_is_paused_during_a_batch_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("a batch fails")
    assert gc.isenabled()
