"""The fast GLEIF paths must give exactly the rows of the generic mapper they shortcut."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from lxml import etree

from pipelines.lib.demo import generate
from pipelines.lib.staging import StagingWriter
from pipelines.sources import global_gleif_lei as lei
from pipelines.sources import global_gleif_rr as rr
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.gleif_fast import Irregular

# source id -> (source, fast module, real excerpt, demo file name, main table)
_CASES: dict[str, tuple[Source, str, str, str, str]] = {
    "lei": (
        lei.SOURCE,
        "pipelines.sources.gleif_lei_fast",
        "gleif/level1_xml/lei2-excerpt-2023-06-05.xml",
        "lei2-golden-copy.xml",
        "entities",
    ),
    "rr": (
        rr.SOURCE,
        "pipelines.sources.gleif_rr_fast",
        "gleif/level2_rr_xml/rr-excerpt-2023-06-05.xml",
        "rr-golden-copy.xml",
        "relationships",
    ),
}


def _parse(source: Source, path: Path, out: Path) -> dict[str, list[dict[str, Any]]]:
    snapshot = Snapshot(source.spec.id, "t", path.parent, {"data": path})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    return {p.stem: pq.read_table(p).to_pylist() for p in sorted(out.glob("*.parquet"))}


def _generic_only(_element: etree._Element) -> Any:
    raise Irregular


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out / "gleif"


@pytest.mark.parametrize("kind", sorted(_CASES))
@pytest.mark.parametrize("which", ["real", "demo"])
def test_fast_and_generic_paths_agree_on_every_table(
    kind: str,
    which: str,
    real_data: Path,
    demo_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, module, excerpt, demo_name, main = _CASES[kind]
    path = real_data / excerpt if which == "real" else demo_dir / demo_name
    fast = _parse(source, path, tmp_path / "fast")
    fast_reads = _count_fast_reads(module, kind, path)
    monkeypatch.setattr(f"{module}.read", _generic_only)
    generic = _parse(source, path, tmp_path / "generic")
    assert fast.keys() == generic.keys()
    for table in fast:
        assert fast[table] == generic[table], table
    assert len(fast[main]) >= 10
    assert fast_reads > 0  # the comparison is not vacuous


def _count_fast_reads(module: str, kind: str, path: Path) -> int:
    """How many records of ``path`` the fast ``read`` of ``module`` accepts."""
    read = importlib.import_module(module).read
    layout = {"lei": lei.LAYOUT, "rr": rr.LAYOUT}[kind]
    record_tag = f"{{{layout.namespace}}}{layout.record_tag}"
    count = 0
    for _, element in etree.iterparse(str(path), tag=record_tag):
        try:
            read(element)
        except Irregular:
            continue
        count += 1
    return count
