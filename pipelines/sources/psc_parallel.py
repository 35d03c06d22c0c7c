"""gb_coh_psc on every core: batches of raw lines parsed in worker processes.

The main process only inflates and splits the snapshot into line batches
(``psc_lines``); each worker runs the same ``BatchParser`` as the sequential
path into Arrow parts, which ``PartPool`` appends in batch order. A worker
keeps one parser (its DuckDB connection, reference tables and key-shape
cache) for all its batches; each batch reports its counts, the country texts
it saw and its rare lines (exemptions, totals), merged here in batch order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import pyarrow as pa

from pipelines.lib.archives import data_size
from pipelines.lib.staging import StagingWriter
from pipelines.sources.parallel import PartPool, source_tables, workers
from pipelines.sources.psc_batch import BatchParser, Counts, SpecialLine
from pipelines.sources.psc_lines import LineBatch
from pipelines.sources.psc_special import SpecialLines

# Below this many inflated bytes (about 100,000 lines), starting worker
# processes costs more than it saves.
MIN_BYTES = 64 * 1024 * 1024

# One parser per worker process and accept_new_values setting.
_PARSERS: dict[bool, BatchParser] = {}


@dataclass(frozen=True)
class Piece:
    file: str
    lines: pa.Table
    accept_new_values: bool
    tables: Mapping[str, pa.Schema]
    out_dir: Path


@dataclass(frozen=True)
class PieceResult:
    counts: Counts
    countries: frozenset[str]
    special: tuple[SpecialLine, ...]


def worthwhile(paths: list[Path]) -> bool:
    return workers() > 1 and sum(data_size(path) for path in paths) >= MIN_BYTES


def parse_piece(piece: Piece) -> PieceResult:
    """One batch, in a worker process, into ``piece.out_dir``."""
    with StagingWriter(piece.out_dir, piece.tables, part=True) as writer:
        parser = _PARSERS.get(piece.accept_new_values)
        if parser is None:
            parser = _PARSERS[piece.accept_new_values] = BatchParser(
                writer, piece.accept_new_values
            )
        parser.writer, parser.counts, parser.countries = writer, Counts(), set()
        special = tuple(parser.parse(piece.file, piece.lines))
    return PieceResult(parser.counts, frozenset(parser.countries), special)


@contextmanager
def stager(batches: BatchParser, special: SpecialLines, writer: StagingWriter,
           accept_new_values: bool) -> Iterator[PartPool[PieceResult]]:
    """A pool whose results land in ``batches`` (counts, countries) and ``special``."""

    def merge(result: PieceResult) -> None:
        for item in fields(Counts):
            total = getattr(batches.counts, item.name) + getattr(result.counts, item.name)
            setattr(batches.counts, item.name, total)
        batches.countries |= result.countries
        for line in result.special:
            special.add(line)

    with PartPool(writer, merge) as pool:
        yield pool
        pool.finish()


def submit(pool: PartPool[PieceResult], batch: LineBatch, accept_new_values: bool) -> None:
    tables = source_tables(pool.writer)
    piece = Piece(batch.file, batch.lines, accept_new_values, tables, pool.next_dir())
    pool.submit(parse_piece, piece)
