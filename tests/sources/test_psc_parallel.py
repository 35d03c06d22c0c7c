"""A PSC snapshot parsed on several processes gives the sequential parse's tables."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipelines.lib.demo.uk_demo import write_uk
from pipelines.sources import psc_parallel
from pipelines.sources.base import UnknownValueError
from tests.sources.test_gb_coh_psc import run


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("uk")
    write_uk(out, seed=7, scale=0.002)
    return next((out / "uk").glob("persons-with-significant-control-snapshot-*.zip"))


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(psc_parallel, "MIN_BYTES", 0)
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "2")


def test_parallel_parse_equals_the_sequential_parse(
    snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "1")
    sequential = run([snapshot], tmp_path / "sequential", chunk_bytes=256 * 1024)
    monkeypatch.setattr(psc_parallel, "MIN_BYTES", 0)
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "2")
    chunked = run([snapshot], tmp_path / "parallel", chunk_bytes=256 * 1024)
    assert len(sequential["pscs"]) > 10_000
    assert chunked == sequential


def test_an_unknown_nature_in_a_worker_names_the_file_and_line(
    snapshot: Path, tmp_path: Path, parallel: None
) -> None:
    with zipfile.ZipFile(snapshot) as archive:
        member = archive.namelist()[0]
        lines = archive.read(member).decode("utf-8").splitlines(keepends=True)
    target = max(i for i, line in enumerate(lines) if "significant-influence-or-control\"" in line)
    lines[target] = lines[target].replace(
        "significant-influence-or-control\"", "significant-influence-or-kontrol\"", 1)
    bad = tmp_path / snapshot.name
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(member, "".join(lines))
    with pytest.raises(UnknownValueError) as raised:
        run([bad], tmp_path / "out", chunk_bytes=256 * 1024)
    assert raised.value.value == "significant-influence-or-kontrol"
    assert raised.value.line == target + 1
    assert raised.value.file == f"{bad.name}:{member}"
