"""Parsing a GLEIF XML file on several processes gives the sequential parse, row for row."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo import generate
from pipelines.lib.staging import StagingWriter
from pipelines.sources import gleif_parallel, global_gleif_lei, global_gleif_rr
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError

Tables = dict[str, list[dict[str, object]]]


@pytest.fixture(scope="module")
def demo_gleif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    # Big enough for lines past 65,535 (where libxml2's short line field ends).
    generate(out, scale=0.003)
    return out / "gleif"


def _parse(source: Source, path: Path, out: Path) -> Tables:
    snapshot = Snapshot(source.spec.id, "test", path.parent, {"data": path})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions())
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in writer.schemas}


def _without_lines(tables: Tables) -> Tables:
    return {name: [{k: v for k, v in row.items() if k not in ("record_line", "line")}
                   for row in rows] for name, rows in tables.items()}


def _lines(tables: Tables) -> dict[tuple[str, int], int]:
    return {(name, index): int(str(row.get("record_line", row.get("line"))))
            for name, rows in tables.items() for index, row in enumerate(rows)
            if row.get("record_line", row.get("line")) is not None}


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tiny chunks, so even the demo file is cut into many.
    monkeypatch.setattr(gleif_parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(gleif_parallel, "CHUNK_BYTES", 1024 * 1024)
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "2")


@pytest.mark.parametrize(
    ("source", "file"),
    [(global_gleif_lei.SOURCE, "lei2-golden-copy.xml"), (global_gleif_rr.SOURCE, "rr-golden-copy.xml")],
)
def test_parallel_parse_equals_the_sequential_parse(
    demo_gleif: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Source, file: str
) -> None:
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "1")
    sequential = _parse(source, demo_gleif / file, tmp_path / "sequential")
    monkeypatch.setattr(gleif_parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(gleif_parallel, "CHUNK_BYTES", 1024 * 1024)
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "2")
    chunked = _parse(source, demo_gleif / file, tmp_path / "parallel")
    assert _without_lines(chunked) == _without_lines(sequential)
    expected, found = _lines(sequential), _lines(chunked)
    assert found.keys() == expected.keys()
    for key, line in found.items():
        # Past line 65,535 libxml2 dates an element whose start tag spans lines
        # (the demo's scenario records) at the tag's last line, not its first.
        assert abs(line - expected[key]) <= 3, key
    assert len(sequential[source.spec.main_table]) > 1000
    # The demo's deliberately malformed LEI records keep their file line numbers.
    if source is global_gleif_lei.SOURCE:
        assert [row["line"] for row in chunked["quarantine"]]


def test_chunks_are_whole_records_with_their_file_line_numbers(demo_gleif: Path) -> None:
    layout = global_gleif_lei.LAYOUT
    data = (demo_gleif / "lei2-golden-copy.xml").read_bytes()
    with (demo_gleif / "lei2-golden-copy.xml").open("rb") as stream:
        prologue, chunks = gleif_parallel.split(stream, layout, 200_000)
        pieces = list(chunks)
    assert prologue + b"".join(chunk.data for chunk in pieces) == data
    assert pieces[-1].index == -1 and b"LEIRecord>" not in pieces[-1].data.replace(
        b"LEIRecords>", b"")
    offset = len(prologue)
    for chunk in pieces:
        assert chunk.lines_before == data[:offset].count(b"\n")
        offset += len(chunk.data)
    for chunk in pieces[:-1]:
        assert chunk.data.rstrip().endswith(b"</lei:LEIRecord>")


def test_a_truncated_file_is_refused_with_its_line(
    demo_gleif: Path, tmp_path: Path, parallel: None
) -> None:
    data = (demo_gleif / "lei2-golden-copy.xml").read_bytes()
    cut = tmp_path / "lei2-golden-copy.xml"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(SourceError, match=r"lei2-golden-copy.xml:\d+: not well-formed XML"):
        _parse(global_gleif_lei.SOURCE, cut, tmp_path / "out")


def test_an_unknown_value_in_a_worker_names_the_file_line(
    demo_gleif: Path, tmp_path: Path, parallel: None
) -> None:
    text = (demo_gleif / "lei2-golden-copy.xml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    target = max(i for i, line in enumerate(lines) if "<lei:EntityCategory>" in line)
    lines[target] = lines[target].replace(
        lines[target].split(">")[1].split("<")[0], "GENERALLY", 1)
    bad = tmp_path / "lei2-golden-copy.xml"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match=rf"'GENERALLY' at lei2-golden-copy.xml:{target + 1}\b"):
        _parse(global_gleif_lei.SOURCE, bad, tmp_path / "out")


def test_a_malformed_record_in_a_chunk_is_refused_with_its_file_line(
    demo_gleif: Path, tmp_path: Path, parallel: None
) -> None:
    lines = (demo_gleif / "lei2-golden-copy.xml").read_text(encoding="utf-8").splitlines(True)
    # Well inside the file, so a worker's chunk holds it, not the sequential tail.
    target = next(i for i in range(len(lines) // 2, len(lines)) if "<lei:City>" in lines[i])
    lines[target] = lines[target].replace("</lei:City>", "</lei:Town>")
    bad = tmp_path / "lei2-golden-copy.xml"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match=rf"lei2-golden-copy.xml:{target + 1}: not well-formed"):
        _parse(global_gleif_lei.SOURCE, bad, tmp_path / "out")


def test_a_record_inside_a_stray_element_is_read_as_the_sequential_reader_reads_it(
    demo_gleif: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (demo_gleif / "lei2-golden-copy.xml").read_text(encoding="utf-8")
    middle = text.index("<lei:LEIRecord ", len(text) // 2)
    end = text.index("</lei:LEIRecord>", middle) + len("</lei:LEIRecord>")
    wrapped = (text[:middle] + "<lei:Stray>" + text[middle:end] + "</lei:Stray><!-- c -->"
               + text[end:])
    odd = tmp_path / "lei2-golden-copy.xml"
    odd.write_text(wrapped, encoding="utf-8")
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "1")
    sequential = _parse(global_gleif_lei.SOURCE, odd, tmp_path / "sequential")
    monkeypatch.setattr(gleif_parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(gleif_parallel, "CHUNK_BYTES", 1024 * 1024)
    monkeypatch.setenv("OWNERGRAPH_PARSE_WORKERS", "2")
    chunked = _parse(global_gleif_lei.SOURCE, odd, tmp_path / "parallel")
    assert _without_lines(chunked) == _without_lines(sequential)
    lei = text[text.index("<lei:LEI>", middle) + 9 : text.index("</lei:LEI>", middle)]
    assert lei in {row["lei"] for row in chunked["entities"]}
