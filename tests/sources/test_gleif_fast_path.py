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
from pipelines.sources import global_gleif_repex as repex
from pipelines.sources import global_gleif_rr as rr
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.gleif_fast import Irregular, plain

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
    "repex": (
        repex.SOURCE,
        "pipelines.sources.gleif_repex_fast",
        "gleif/level2_repex_xml/repex-excerpt-2023-06-09.xml",
        "repex-golden-copy.xml",
        "exceptions",
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
    fast_reads = _count_fast_reads(module, kind, path)
    read = importlib.import_module(module).read
    accepted: list[object] = []

    def counted(element: object) -> object:
        accepted.append(read(element))
        return accepted[-1]

    monkeypatch.setattr(f"{module}.read", counted)
    fast = _parse(source, path, tmp_path / "fast")
    assert len(accepted) == fast_reads  # the source's handler takes the fast path
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
    layout = {"lei": lei.LAYOUT, "rr": rr.LAYOUT, "repex": repex.LAYOUT}[kind]
    record_tag = f"{{{layout.namespace}}}{layout.record_tag}"
    count = 0
    for _, element in etree.iterparse(str(path), tag=record_tag):
        try:
            read(element)
        except Irregular:
            continue
        count += 1
    return count


_REPEX_RECORDS = """
<repex:Exception><repex:LEI>001GPB6A9XPE8XJICC14</repex:LEI>
  <repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
  <repex:ExceptionReason>NATURAL_PERSONS</repex:ExceptionReason>
  <repex:ExceptionReason>NON_PUBLIC</repex:ExceptionReason>
  <repex:ExceptionReference>a reference</repex:ExceptionReference>
  <repex:ExceptionReference>another</repex:ExceptionReference></repex:Exception>
<repex:Exception><repex:LEI>001GPB6A9XPE8XJICC14</repex:LEI>
  <repex:ExceptionCategory>ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
  <repex:ExceptionReason/></repex:Exception>
<repex:Exception><repex:LEI>001GPB6A9XPE8XJICC14</repex:LEI>
  <repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
  <repex:ExceptionReason>NON_PUBLIC</repex:ExceptionReason>
  <repex:Extension><gleif:Deletion><gleif:DeletedAt>2026-01-02</gleif:DeletedAt></gleif:Deletion>
  </repex:Extension></repex:Exception>
<repex:Exception><repex:LEI>001GPB6A9XPE8XJICC15</repex:LEI>
  <repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
  <repex:ExceptionReason>NON_PUBLIC</repex:ExceptionReason></repex:Exception>
<repex:Exception><repex:LEI>004L5FPTUREIWK9T2N63</repex:LEI>
  <repex:LEI>001GPB6A9XPE8XJICC14</repex:LEI>
  <repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
  <!-- a comment --><repex:ExceptionReason type="x">NON_PUBLIC</repex:ExceptionReason>
  <repex:Unexpected>kept as a leftover</repex:Unexpected></repex:Exception>
<repex:Exception>stray text<repex:LEI>004L5FPTUREIWK9T2N63</repex:LEI>
  <repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>
</repex:Exception>
"""


def test_irregular_repex_records_give_the_generic_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several reasons and references take the fast path; an empty reason, a
    withdrawal, a bad LEI, a repeated LEI, a comment, an attribute, an unknown
    element and stray text fall back to the generic tree, with the same rows."""
    path = tmp_path / "repex.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><repex:ReportingExceptionData'
        ' xmlns:repex="http://www.gleif.org/data/schema/repex/2016"'
        ' xmlns:gleif="http://www.gleif.org/data/schema/golden-copy/extensions/1.0">'
        f"<repex:ReportingExceptions>{_REPEX_RECORDS}</repex:ReportingExceptions>"
        "</repex:ReportingExceptionData>",
        encoding="utf-8",
    )
    fast = _parse(repex.SOURCE, path, tmp_path / "fast")
    assert _count_fast_reads("pipelines.sources.gleif_repex_fast", "repex", path) == 1
    monkeypatch.setattr("pipelines.sources.gleif_repex_fast.read", _generic_only)
    generic = _parse(repex.SOURCE, path, tmp_path / "generic")
    assert fast == generic
    assert fast["exceptions"][0]["exception_reasons"] == ["NATURAL_PERSONS", "NON_PUBLIC"]
    assert fast["exceptions"][0]["exception_references"] == ["a reference", "another"]
    assert [r["deleted"] for r in fast["exceptions"]] == [False, False, True, False, False]
    assert len(fast["quarantine"]) == 1
    assert "Unexpected" in {r["field"] for r in fast["leftovers"]}


def test_plain_is_the_fast_read_or_none_for_the_generic_tree() -> None:
    element = etree.fromstring("<a/>")

    def irregular(element: object) -> int:
        raise Irregular

    assert plain(element, lambda found: found.tag) == "a"
    assert plain(None, lambda found: 1) is None
    assert plain(element, irregular) is None
