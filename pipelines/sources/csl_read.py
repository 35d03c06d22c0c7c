"""Reading the delimited text lists of the US export agencies (CSL CSV, BIS DPL TSV).

Both files are a header line then one record per row, read with the stdlib
``csv`` module over decoded physical lines, so every record knows its first
line and its raw text (for the quarantine). The header must be exactly the
published one: a renamed or reordered column would silently shift every
value. A record with the wrong number of fields is quarantined, except the
last one of a file that does not end with a line break: that is a cut file,
and a cut list must never pass for a shorter list.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError

# Dates outside this window are typos ("3017-08-22", "0222-05-18" in the real
# DPL), never guessed. The upper bound leaves room for 50-year denial orders.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
ISO = "%Y-%m-%d"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Row:
    """One record: 1-based first physical line, fields as published, raw text."""

    line: int
    fields: list[str]
    raw: str


class _Lines:
    """Decoded physical lines for ``csv.reader``, remembering what it consumed."""

    def __init__(self, stream: Iterator[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.ended_with_newline = True
        self._taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        data = next(self._stream)
        self.count += 1
        text = _decode(data)
        if self.count == 1:
            text = text.removeprefix("\ufeff")
        self.ended_with_newline = text.endswith("\n")
        self._taken.append(text)
        return text

    def take(self) -> tuple[int, str]:
        """First line number and raw text of the lines consumed since the last take."""
        first = self.count - len(self._taken) + 1
        raw = "".join(self._taken).rstrip("\r\n")
        self._taken = []
        return first, raw


def _decode(data: bytes) -> str:
    """UTF-8 as published; CP1252 then Latin-1 for a stray legacy byte: never fails."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_rows(
    path: Path,
    file: str,
    headers: Sequence[tuple[str, ...]],
    writer: StagingWriter,
    delimiter: str = ",",
) -> Iterator[Row]:
    """Records of a delimited file whose header is one of ``headers``.

    Raises SourceError for an empty file, an unexpected header, a file with
    no record, or a cut last record.
    """
    with open_data_file(path) as stream:
        lines = _Lines(iter(stream.readline, b""))
        reader = csv.reader(lines, delimiter=delimiter)
        columns = _check_header(next(reader, None), headers, file)
        lines.take()
        count = 0
        for fields in reader:
            line, raw = lines.take()
            if fields == [] or fields == [""]:
                continue  # a blank line holds no record
            if len(fields) != columns:
                # Only the last line of a file can lack its line break.
                if not lines.ended_with_newline:
                    raise SourceError(f"{file}: truncated: the last record (line {line}) is cut")
                reason = f"expected {columns} columns, found {len(fields)}"
                writer.quarantine(file, line, reason, raw)
                continue
            count += 1
            yield Row(line, fields, raw)
    if count == 0:
        raise SourceError(f"{file}: no records after the header (an empty list is never taken)")


def _check_header(found: list[str] | None, headers: Sequence[tuple[str, ...]], file: str) -> int:
    if found is None:
        raise SourceError(f"{file}: empty file")
    names = tuple(name.strip() for name in found)
    if names not in headers:
        raise SourceError(f"{file}: unexpected header {list(names)}, expected {list(headers[0])}")
    return len(names)


def text(value: str) -> str | None:
    """A published value with the padding removed (" I. ASH"); empty is null."""
    stripped = value.strip()
    return stripped or None


def split_list(value: str, separator: str = ";") -> list[str]:
    """``"A; B;  C"`` -> ["A", "B", "C"]: the CSL's multi-valued fields."""
    return [part.strip() for part in value.split(separator) if part.strip()]


def checked_date(value: str, fmt: str) -> date | None:
    """A date in ``fmt``; None when empty. ValueError for an impossible or implausible one."""
    stripped = value.strip()
    if not stripped:
        return None
    if fmt == ISO and _ISO_DATE.match(stripped):
        parsed = date.fromisoformat(stripped)  # the same result, ten times faster
    else:
        parsed = datetime.strptime(stripped, fmt).date()
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise ValueError(f"implausible year {parsed.year} in {stripped!r}")
    return parsed


def hashed_key(*parts: str | None) -> str:
    """16 hex of SHA-1 over the parts, upper-cased with spacing collapsed.

    Case and spacing are normalised so that a republished row with a fixed
    double space ("AL-NASER  AIRLINES") or padding keeps its key.
    """
    normalised = (" ".join((part or "").split()).upper() for part in parts)
    return hashlib.sha1("\x1f".join(normalised).encode("utf-8")).hexdigest()[:16]
