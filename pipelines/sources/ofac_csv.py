"""OFAC legacy CSV: reading the files (list-agnostic).

The same layout serves the SDN list (sdn/add/alt/sdn_comments.csv) and the
consolidated non-SDN list (cons_prim/add/alt/comments.csv); see OFAC's
dat_spec.txt / cons_dat_spec.txt and PROVENANCE.md in ../shared/data/real:
no header, ``,`` delimiter, ``"`` quoting with doubled quotes, CRLF, the
unquoted null marker ``-0- `` (with a trailing space), and a DOS EOF byte
0x1A after the last CRLF. These copies are UTF-8; older files are CP1252.

Rows are streamed with the stdlib ``csv`` module over decoded physical lines,
so every record knows its first physical line and its raw text (for the
quarantine).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from pipelines.lib.staging import StagingWriter

NULL = "-0-"
DOS_EOF = "\x1a"
# Column counts of the four files, by logical file name (dat_spec.txt's SDN set
# names its primary file "sdn", cons_dat_spec.txt's consolidated set "prim").
COLUMNS = {"sdn": 12, "prim": 12, "add": 6, "alt": 5, "comments": 2}
_INTEGER = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class Record:
    """One CSV record: 1-based first physical line, fields (nulls as None), raw text."""

    line: int
    fields: list[str | None]
    raw: str


def decode_line(data: bytes) -> str:
    """UTF-8, else CP1252 (older OFAC files), else Latin-1: never fails, loses nothing.

    Decided per line, so a file that mixes encodings still reads; Latin-1 only
    catches the five bytes CP1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class RecordLines:
    """Decoded physical lines for ``csv.reader``, remembering what each record consumed
    (its first line and raw text, for the quarantine). Shared by the OFAC and OFSI CSVs."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self._taken: list[str] = []

    def __iter__(self) -> RecordLines:
        return self

    def __next__(self) -> str:
        data = self._stream.readline()
        if not data:
            raise StopIteration
        self.count += 1
        text = decode_line(data)
        if self.count == 1:
            text = text.removeprefix("\ufeff")
        self._taken.append(text)
        # The trailing 0x1A EOF byte would otherwise be read as a junk row.
        body = text.rstrip("\r\n")
        if body.endswith(DOS_EOF):
            return body.rstrip(DOS_EOF) + text[len(body) :]
        return text

    def take(self) -> tuple[int, str]:
        """First line number and raw text of the lines consumed since the last take."""
        first = self.count - len(self._taken) + 1
        raw = "".join(self._taken).rstrip("\r\n")
        self._taken = []
        return first, raw


def null(value: str) -> str | None:
    """The spec's null marker ``-0- `` (tolerating a missing/extra space) -> None."""
    return None if value.strip() == NULL else value


def read_records(
    stream: IO[bytes], file: str, columns: int, writer: StagingWriter
) -> Iterator[Record]:
    """Records with exactly ``columns`` fields; other rows go to the quarantine."""
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
        if not fields or fields == [""]:
            continue  # a blank line (or the bare 0x1A line) holds no record
        if len(fields) != columns:
            reason = f"expected {columns} columns, found {len(fields)}"
            writer.quarantine(file, line, reason, raw)
            continue
        yield Record(line, [null(value) for value in fields], raw)


def integer(value: str | None) -> int | None:
    """A key column (ent_num, add_num, alt_num) as int, or None if it is not one."""
    if value is None or not _INTEGER.match(value.strip()):
        return None
    return int(value.strip())


def split_programs(value: str | None) -> list[str]:
    """``SDGT] [IFSR`` -> ["SDGT", "IFSR"]: values joined by ``] [``, outer brackets missing."""
    if value is None:
        return []
    parts = (part.strip().strip("[]").strip() for part in value.split("] ["))
    return [part for part in parts if part]
