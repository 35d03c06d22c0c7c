"""UK Companies House persons with significant control (PSC): the daily snapshot.

JSON Lines, one ``{"company_number": …, "data": {…}}`` per line, zipped, whole
or in parts; the last line of the last part is the totals line. Reading is in
``psc_lines`` (raw lines as Arrow batches), mapping in ``psc_batch`` (DuckDB,
``sql/parse/gb_coh_psc/``), exemptions and the totals check in
``psc_special``; the staging schemas and controlled values in ``psc_tables``.
Natures of control map to a basis and a band interval through
``data/reference/psc_natures_of_control.csv`` (POLICY_RULES §5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.lib.countries import UnknownCountryError, country_code
from pipelines.lib.staging import StagingWriter
from pipelines.sources import psc_parallel
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.psc_batch import BatchParser
from pipelines.sources.psc_lines import CHUNK_BYTES, LineBatch, part_order, read_file
from pipelines.sources.psc_special import SpecialLines
from pipelines.sources.psc_tables import TABLES

SPEC = SourceSpec(
    id="gb_coh_psc",
    title="UK Companies House persons with significant control (daily snapshot)",
    publisher="Companies House (UK)",
    official_url="https://download.companieshouse.gov.uk/en_pscdata.html",
    formats=("jsonl", "zip"),
    # Published every morning (the 2024-11-22 snapshot was generated at 03:43Z).
    cadence_cron="0 7 * * *",
    licence="Open Government Licence v3.0",
    tables=TABLES,
    # About 12.8 million persons (of 13.6 million lines) in November 2024.
    main_table="pscs",
    expected_rows=(8_000_000, 25_000_000),
    priority=4,
    parser_version="1",
    max_bytes=40 * 1024**3,
    # The download page lists the day's snapshot whole and in parts
    # (psc-snapshot-YYYY-MM-DD_NofM.zip): from the page or a folder the fetcher
    # takes the newest date's parts and refuses an incomplete set. A URL naming
    # one file (the whole persons-with-significant-control-snapshot-….zip) is
    # fetched as is.
    part_pattern=(
        r"^(?:psc-snapshot|persons-with-significant-control-snapshot)-"
        r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<part>\d+)of(?P<of>\d+)\.zip$"
    ),
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage every file of the snapshot (parts in order) and check the totals line."""
    parse_files(part_order(snapshot.files), writer, options)


def parse_files(
    files: Iterable[Path],
    writer: StagingWriter,
    options: ParseOptions,
    *,
    check_totals: bool = True,
    chunk_bytes: int = CHUNK_BYTES,
) -> None:
    """``check_totals=False`` reads excerpts (the real fixtures are excerpts whose
    totals lines describe the whole register); the totals are still staged.
    A snapshot of register size is parsed on every core (``psc_parallel``)."""
    paths = list(files)
    accept = options.accept_new_values
    batches = BatchParser(writer, accept)
    special = SpecialLines(writer, accept)
    try:
        if psc_parallel.worthwhile(paths):
            with psc_parallel.stager(batches, special, writer, accept) as pool:
                last = _read(paths, writer, chunk_bytes,
                             lambda batch: psc_parallel.submit(pool, batch, accept))
        else:
            last = _read(paths, writer, chunk_bytes,
                         lambda batch: _stage(batches, special, batch))
        special.check(batches.counts, last, strict=check_totals)
        _stage_countries(writer, batches.countries)
    finally:
        batches.close()


def _read(paths: list[Path], writer: StagingWriter, chunk_bytes: int,
          stage: Callable[[LineBatch], None]) -> tuple[str, int]:
    """Hand every line batch to ``stage``; returns where the last line with content is."""
    last = ("", 0)
    for path in paths:
        for batch in read_file(path, writer, chunk_bytes):
            stage(batch)
            if len(batch.lines):
                last = (batch.file, _last_line(batch.lines))
    return last


def _stage(batches: BatchParser, special: SpecialLines, batch: LineBatch) -> None:
    for line in batches.parse(batch.file, batch.lines):
        special.add(line)


def _last_line(lines: pa.Table, step: int = 64) -> int:
    # The totals line must be the last line with content (a final newline or
    # trailing blank lines are fine). Searched from the end, a few lines at a
    # time: trimming every line of every batch cost a twentieth of the parse.
    end = len(lines)
    while end > 0:
        tail = lines.slice(max(0, end - step), min(step, end))
        length = pc.utf8_length(pc.utf8_trim_whitespace(tail["text"]))
        nonblank = tail.filter(pc.greater(length, pa.scalar(0)))
        if len(nonblank):
            return int(nonblank["line"][-1].as_py())
        end -= step
    return 0


def _stage_countries(writer: StagingWriter, texts: set[str]) -> None:
    # PSC countries are free text ("England", "Prc", "Hong Kong Sar"): mapped
    # with the project's country table; one not known stays with a null code.
    for text in sorted(texts):
        try:
            code = country_code(text)
        except UnknownCountryError:
            code = None
        writer.add("countries", {"text": text, "code": code})


SOURCE = Source(spec=SPEC, parse=parse)
