"""The fast Level 1 path must give exactly the rows of the generic mapper it shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from lxml import etree

from pipelines.lib.demo import generate
from pipelines.lib.staging import StagingWriter
from pipelines.sources import global_gleif_lei as lei
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.gleif_fast import Irregular


def _parse(path: Path, out: Path) -> dict[str, list[dict[str, Any]]]:
    snapshot = Snapshot("global_gleif_lei", "t", path.parent, {"data": path})
    with StagingWriter(out, lei.SPEC.tables) as writer:
        lei.SOURCE.parse(snapshot, writer, ParseOptions())
    return {p.stem: pq.read_table(p).to_pylist() for p in sorted(out.glob("*.parquet"))}


def _generic_only(_element: etree._Element) -> Any:
    raise Irregular


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out / "gleif" / "lei2-golden-copy.xml"


@pytest.mark.parametrize("which", ["real", "demo"])
def test_fast_and_generic_paths_agree_on_every_table(
    which: str, real_data: Path, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = real_data / "gleif/level1_xml/lei2-excerpt-2023-06-05.xml" if which == "real" else demo_file
    fast = _parse(path, tmp_path / "fast")
    monkeypatch.setattr("pipelines.sources.gleif_lei_fast.read", _generic_only)
    generic = _parse(path, tmp_path / "generic")
    assert fast.keys() == generic.keys()
    for table in fast:
        assert fast[table] == generic[table], table
    assert len(fast["entities"]) > 10
