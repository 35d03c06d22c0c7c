"""Reading ConList.csv: the "Last Updated" line, the header, then the records.

The file opens with a preamble line ``Last Updated,13/04/2018,,,`` (padded
with commas), then the header, then one record per line (quoted fields may
span lines). The 2018 copy in ../shared is Windows-1252; the 2022 layout
carries non-Latin names, so each physical line is decoded as UTF-8 first and
as Windows-1252 when it is not UTF-8 (``ofac_csv.decode_line``). Columns are
found by their header text, so both layouts read with one parser.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError
from pipelines.sources.ofac_csv import RecordLines
from pipelines.sources.ofsi_tables import COLUMNS, REQUIRED
from pipelines.sources.uk_lists_values import exact_uk_date, normal

_BY_HEADER = {normal(text): column for text, column in COLUMNS.items()}


@dataclass(frozen=True)
class Row:
    """One data record: its first physical line, values by column (blank -> None), raw text."""

    line: int
    values: dict[str, str | None]
    raw: str


def _records(stream: IO[bytes], file: str, writer: StagingWriter
             ) -> Iterator[tuple[int, list[str], str]]:
    """(first line, fields, raw text) of each non-blank record; unreadable ones quarantined."""
    lines = RecordLines(stream)
    reader = csv.reader(lines)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line, raw = lines.take()
            writer.quarantine(file, line, f"unreadable CSV: {exc}", raw)
            continue
        line, raw = lines.take()
        if any(field.strip() for field in fields):
            yield line, fields, raw


class ConList:
    """One ConList.csv stream: ``published_on`` and ``columns`` are read on opening."""

    def __init__(self, stream: IO[bytes], file: str, writer: StagingWriter) -> None:
        self.file = file
        self.writer = writer
        self._records = _records(stream, file, writer)
        self.published_line, self.published_raw, self.published_on = self._preamble()
        self.columns = self._header()

    def _next(self, what: str) -> tuple[int, list[str], str]:
        try:
            return next(self._records)
        except StopIteration:
            raise SourceError(f"{self.file}: no {what} (empty or truncated file)") from None

    def _preamble(self) -> tuple[int, str, date]:
        line, fields, raw = self._next("'Last Updated' line")
        label = normal(fields[0])
        rest = [field for field in fields[2:] if field.strip()]
        if label != "last updated" or len(fields) < 2 or rest:
            raise SourceError(
                f"{self.file}:{line}: expected the 'Last Updated,DD/MM/YYYY' line "
                f"before the header, found {raw[:80]!r}"
            )
        try:
            return line, fields[1].strip(), exact_uk_date(fields[1])
        except ValueError as exc:
            raise SourceError(f"{self.file}:{line}: bad 'Last Updated' date ({exc})") from None

    def _header(self) -> list[str | None]:
        line, fields, _raw = self._next("header")
        columns = [_BY_HEADER.get(normal(field)) for field in fields]
        found = [column for column in columns if column is not None]
        missing = REQUIRED - set(found)
        if missing or len(found) != len(set(found)):
            what = f"missing {sorted(missing)}" if missing else "a column appears twice"
            raise SourceError(f"{self.file}:{line}: not the ConList.csv header ({what})")
        self._extra = [field.strip() or f"column {i + 1}" for i, field in enumerate(fields)]
        return columns

    def rows(self) -> Iterator[Row]:
        """Records with as many fields as the header; others go to the quarantine."""
        width = len(self.columns)
        for line, fields, raw in self._records:
            if len(fields) != width:
                reason = f"expected {width} columns, found {len(fields)}"
                self.writer.quarantine(self.file, line, reason, raw)
                continue
            values: dict[str, str | None] = {}
            for index, (column, value) in enumerate(zip(self.columns, fields, strict=True)):
                text = value if value.strip() else None
                if column is not None:
                    values[column] = text
                elif text is not None:  # a column this parser does not know
                    self.writer.leftover(self.file, line, self._extra[index], text)
            yield Row(line, values, raw)
