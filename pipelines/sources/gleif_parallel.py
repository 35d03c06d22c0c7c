"""Parse a large GLEIF XML golden copy on every core.

The main process only inflates the (zipped) stream and cuts it into chunks of
whole records. Worker processes parse one chunk each with the same record
handler as the sequential path, into Arrow parts that are appended in chunk
order: the staging tables are the sequential parse's, row for row.

A chunk is parsed as ``<synthetic root declaring the file's namespaces>
records</synthetic root>``, and the lines lxml reports are shifted by the
newlines before the chunk, so every error message, quarantine row and
``record_line`` names the file's own line. The file's prologue (declaration,
root, header) and its tail (the closing tags) are parsed together by the
sequential reader: that checks the root namespace, refuses DTDs, reads the
header and catches a truncated file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError
from pipelines.sources.gleif_ctx import Ctx, Handler
from pipelines.sources.gleif_read import Layout
from pipelines.sources.gleif_tree import Node
from pipelines.sources.gleif_xml import chunk_records, records
from pipelines.sources.parallel import PartPool, source_tables

# Chunks of this many (inflated) bytes, about 35,000 LEI records.
CHUNK_BYTES = 48 * 1024 * 1024
# Below this many inflated bytes, starting worker processes costs more than it saves.
MIN_BYTES = 64 * 1024 * 1024
_XMLNS = re.compile(rb"""\sxmlns(?::[\w.-]+)?\s*=\s*(?:"[^"]*"|'[^']*')""")
_WRAPPER = b"ownergraph-chunk"


@dataclass(frozen=True)
class Chunk:
    # -1 marks the tail: whatever follows the last complete record.
    index: int
    data: bytes
    # Newlines in the file before ``data`` starts.
    lines_before: int


@dataclass(frozen=True)
class Task:
    chunk: Chunk
    opener: bytes
    file: str
    layout: Layout
    handle: Handler
    tables: Mapping[str, pa.Schema]
    out_dir: Path


def split(stream: IO[bytes], layout: Layout, chunk_bytes: int) -> tuple[bytes, Iterator[Chunk]]:
    """The prologue (everything before the first record) and the record chunks."""
    start = re.compile(rb"<([\w.-]+:)?" + re.escape(layout.record_tag.encode()) + rb"[\s>/]")
    data = b""
    while (found := start.search(data)) is None:
        block = stream.read(chunk_bytes)
        if not block:
            # No record at all: the whole file is prologue and tail.
            return data, iter([Chunk(-1, b"", data.count(b"\n"))])
        data += block
    prologue = data[: found.start()]
    close = b"</" + (found.group(1) or b"") + layout.record_tag.encode() + b">"
    rest = data[found.start() :]
    return prologue, _chunks(stream, rest, prologue.count(b"\n"), close, chunk_bytes)


def _chunks(stream: IO[bytes], pending: bytes, lines: int, close: bytes, size: int
            ) -> Iterator[Chunk]:
    index = 0
    while True:
        block = stream.read(size)
        data = pending + block
        cut = data.rfind(close)
        if not block or cut < 0:
            if block:
                pending = data  # a record longer than a block: read on
                continue
            yield Chunk(-1, data, lines)
            return
        cut += len(close)
        chunk, pending = data[:cut], data[cut:]
        yield Chunk(index, chunk, lines)
        lines += chunk.count(b"\n")
        index += 1


def opener(prologue: bytes) -> bytes:
    """A synthetic root declaring every namespace the prologue declares (first wins)."""
    declared: dict[bytes, bytes] = {}
    for match in _XMLNS.finditer(prologue):
        attribute = re.sub(rb"\s+", b" ", match.group(0).strip())
        declared.setdefault(attribute.split(b"=")[0].strip(), attribute)
    return b"<" + _WRAPPER + b"".join(b" " + a for a in declared.values()) + b">"


def parse_chunk(task: Task) -> int:
    """Parse one chunk into ``task.out_dir`` (in a worker); returns the records read."""
    chunk = task.chunk
    document = b"".join([task.opener, chunk.data, b"</" + _WRAPPER + b">"])
    count = 0
    with StagingWriter(task.out_dir, task.tables, part=True) as writer:
        ctx = Ctx(task.file, writer)
        for record in chunk_records(document, task.file, task.layout, chunk.lines_before):
            if record.kind != "record":
                raise SourceError(f"{task.file}:{record.line}: a header among the records")
            count += 1
            record.unwrap_tag = task.layout.record_tag
            task.handle(ctx, record)
    return count


def parse(stream: IO[bytes], file: str, layout: Layout, handle: Handler,
          writer: StagingWriter, chunk_bytes: int | None = None) -> tuple[Node | None, int]:
    """Every record on worker processes; returns the file's header and the record count."""
    prologue, chunks = split(stream, layout, chunk_bytes or CHUNK_BYTES)
    counts: list[int] = []
    tables = source_tables(writer)
    tail = Chunk(-1, b"", prologue.count(b"\n"))
    with PartPool(writer, counts.append) as pool:
        wrapper = opener(prologue)
        for chunk in chunks:
            if chunk.index < 0:
                tail = chunk
                break
            task = Task(chunk, wrapper, file, layout, handle, tables, pool.next_dir())
            pool.submit(parse_chunk, task)
        pool.finish()
    return _header(prologue, tail, file, layout), sum(counts)


def _header(prologue: bytes, tail: Chunk, file: str, layout: Layout) -> Node | None:
    """Prologue and tail as one document, read by the sequential reader."""
    prologue_lines = prologue.count(b"\n")

    def file_line(line: int) -> int:
        # The tail starts on the prologue's last line, P + 1 of the document.
        return line if line <= prologue_lines else line - prologue_lines + tail.lines_before

    header = None
    document = io.BytesIO(prologue + tail.data)
    for record in records(document, prologue[:65536], file, layout, file_line):
        if record.kind != "header":
            raise SourceError(f"{file}:{record.line}: a record after the last record")
        header = record.node
    return header
