"""GLEIF delta files: parse(G1) + apply(D) must equal parse(G2), for lei2, rr and repex.

G1 and G2 are golden copies built from the real excerpts (G2 = G1 with records
changed, added and, for Level 2, withdrawn); D is the delta between them, as
GLEIF publishes it: the changed and new records whole, withdrawn Level 2
records with Extension/gleif:Deletion, and a header with DeltaStart.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines.lib import deltas
from pipelines.lib.staging import StagingWriter
from pipelines.sources import global_gleif_lei, global_gleif_repex, global_gleif_rr
from pipelines.sources.base import ParseOptions, Snapshot, Source
from tests.lib import gleif_docs as docs

T1, T2 = "2023-06-05T08:20:51Z", "2023-06-05T16:20:51Z"
LEI_XML = "gleif/level1_xml/lei2-excerpt-2023-06-05.xml"
RR_XML = "gleif/level2_rr_xml/rr-excerpt-2023-06-05.xml"
REPEX_XML = "gleif/level2_repex_xml/repex-excerpt-2023-06-09.xml"


@dataclass(frozen=True)
class Case:
    source: Source
    g1: Path
    g2: Path
    delta: Path


def parse(source: Source, path: Path, out: Path) -> Path:
    snapshot = Snapshot(source.spec.id, out.name, path.parent, {"data": path})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    return out


def apply(case: Case, tmp: Path) -> Path:
    base = parse(case.source, case.g1, tmp / "g1")
    snapshot = Snapshot(case.source.spec.id, "d", case.delta.parent, {"data": case.delta})
    deltas.apply(case.source, snapshot, base, tmp / "merged", ParseOptions())
    return tmp / "merged"


def rows(folder: Path, table: str) -> Counter[str]:
    """The table as a multiset of rows; record_line differs between files, so it is dropped."""
    found = pq.read_table(folder / f"{table}.parquet").to_pylist()
    return Counter(
        json.dumps({k: v for k, v in row.items() if k != "record_line"}, sort_keys=True)
        for row in found
    )


def lei_case(real: Path, tmp: Path) -> Case:
    kind, path = docs.LEI, real / LEI_XML
    records = docs.records(path, kind)
    # The last record is new in G2; DENTSU's (a real H0PO company) legal name changes.
    renamed = docs.set_text(records[11], kind, "Entity/LegalName", "DENTSU INTERNATIONAL LTD")
    g2 = [*records[:11], renamed, records[12]]
    return Case(
        global_gleif_lei.SOURCE,
        docs.write(path, kind, tmp / "g1.xml", records[:12], T1),
        docs.write(path, kind, tmp / "g2.xml", g2, T2),
        docs.write(path, kind, tmp / "d.xml", [renamed, records[12]], T2, delta_start=T1),
    )


def rr_case(real: Path, tmp: Path) -> Case:
    kind, path = docs.RR, real / RR_XML
    records = docs.records(path, kind)
    ended = docs.set_text(records[1], kind, "Relationship/RelationshipStatus", "INACTIVE")
    g2 = [records[0], ended, *records[3:]]  # records[2] withdrawn, records[9] new
    delta = [ended, docs.deleted(records[2], kind, T2), records[9]]
    return Case(
        global_gleif_rr.SOURCE,
        docs.write(path, kind, tmp / "g1.xml", records[:9], T1),
        docs.write(path, kind, tmp / "g2.xml", g2, T2),
        docs.write(path, kind, tmp / "d.xml", delta, T2, delta_start=T1),
    )


def repex_case(real: Path, tmp: Path) -> Case:
    kind, path = docs.REPEX, real / REPEX_XML
    records = docs.records(path, kind)
    changed = docs.set_text(records[0], kind, "ExceptionReason", "NON_CONSOLIDATING")
    # records[1] ends (the entity now reports that parent); records[9] is new.
    g2 = [changed, *records[2:]]
    delta = [changed, docs.deleted(records[1], kind, T2), records[9]]
    return Case(
        global_gleif_repex.SOURCE,
        docs.write(path, kind, tmp / "g1.xml", records[:9], T1),
        docs.write(path, kind, tmp / "g2.xml", g2, T2),
        docs.write(path, kind, tmp / "d.xml", delta, T2, delta_start=T1),
    )


CASES = {"lei2": lei_case, "rr": rr_case, "repex": repex_case}


@pytest.mark.parametrize("name", sorted(CASES))
def test_g1_plus_delta_equals_g2(name: str, real_data: Path, tmp_path: Path) -> None:
    case = CASES[name](real_data, tmp_path)
    merged = apply(case, tmp_path)
    full = parse(case.source, case.g2, tmp_path / "g2")
    before = parse(case.source, case.g1, tmp_path / "g1-again")
    main = case.source.spec.main_table
    assert rows(before, main) != rows(full, main)  # the delta really changes something
    for table in case.source.spec.tables:
        if table != "header":
            assert rows(merged, table) == rows(full, table), table
    header = pq.read_table(merged / "header.parquet").to_pylist()
    assert [(h["content_date"], h["delta_start"]) for h in header] == [(T2, T1)]
    lineage = json.loads((merged / deltas.LINEAGE).read_text())
    assert lineage == {"base_snapshot_id": "g1", "content_date": T2, "delta_start": T1}


def test_a_withdrawn_relationship_is_parsed_as_a_deletion(real_data: Path, tmp_path: Path) -> None:
    case = rr_case(real_data, tmp_path)
    out = parse(case.source, case.delta, tmp_path / "d")
    found = pq.read_table(out / "relationships.parquet").to_pylist()
    assert [(r["deleted"], r["deleted_at"]) for r in found] == [
        (False, None), (True, T2), (False, None),
    ]  # fmt: skip
    assert pq.read_table(out / "leftovers.parquet").num_rows == 0


def _refusal(case: Case, tmp: Path, delta: Path) -> str:
    broken = Case(case.source, case.g1, case.g2, delta)
    with pytest.raises(deltas.DeltaRefused) as caught:
        apply(broken, tmp)
    assert not (tmp / "merged").exists() or not any((tmp / "merged").iterdir())
    return str(caught.value)


def test_a_full_file_at_the_delta_url_is_refused(real_data: Path, tmp_path: Path) -> None:
    case = lei_case(real_data, tmp_path)
    assert "not GLEIF_DELTA_PUBLISHED" in _refusal(case, tmp_path, case.g2)


def test_a_delta_not_newer_than_the_last_good_snapshot_is_refused(
    real_data: Path, tmp_path: Path
) -> None:
    case = lei_case(real_data, tmp_path)
    records = docs.records(case.delta, docs.LEI)
    old = docs.write(case.g1, docs.LEI, tmp_path / "old.xml", records, T1,
                     delta_start="2023-06-04T08:20:51Z")  # fmt: skip
    assert "is not newer than the last good snapshot" in _refusal(case, tmp_path, old)


def test_a_delta_starting_after_the_last_good_snapshot_is_refused(
    real_data: Path, tmp_path: Path
) -> None:
    case = lei_case(real_data, tmp_path)
    records = docs.records(case.delta, docs.LEI)
    gap = docs.write(case.g1, docs.LEI, tmp_path / "gap.xml", records, T2,
                     delta_start="2023-06-05T12:00:00Z")  # fmt: skip
    assert "changes in between would be lost" in _refusal(case, tmp_path, gap)
