"""Hand-made CSV transcriptions of the US China-related lists: reading and shared values.

DoD (section 1260H), the FCC (Covered List), Congress (NDAA section 889) and
BIS (Military-Intelligence End Users) publish these lists only as PDF, web
pages or Federal Register text; OpenSanctions keeps CSV transcriptions of
them in its repository. They are small UTF-8 files with a header row, comma
delimited, minimal quoting, LF or CRLF (see PROVENANCE.md in
../shared/data/real/sanctions/us_dod_1260h and us_other_china_lists).

:func:`read_rows` checks the header, streams records with their first
physical line and raw text, and sends malformed records to the quarantine.
The rest are the small rules the four parsers share: dates, name keys,
multi-value cells, alias strength, ISO country codes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pycountry

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter, schema
from pipelines.sources.base import SourceError
from pipelines.sources.lists import known_value

# No list here predates NDAA FY2019 (August 2018); a date before 2000 or more
# than a year ahead is a typo (3017, 2206), never guessed into a real one.
EARLIEST = date(2000, 1, 1)
ISO_DATE = "%Y-%m-%d"
# OpenSanctions topics these files use (a new one is an unknown value).
KNOWN_TOPICS = frozenset({"debarment", "sanction", "export.control"})
# Kosovo: user-assigned, not in ISO 3166-1, used by OpenSanctions and the EU.
_USER_ASSIGNED = frozenset({"XK"})
_NAME_NOISE = re.compile(r"[\W_]+")
# Typographic quotes the transcribers mix with ASCII ones (U+2019 in Xi\u2019an / Xi'an).
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
# A short all-capitals alias (AVIC, S-SEA, GRU, IRGC-IO, J2) is an acronym: weak
# for matching, as OFAC's weak a.k.a. (OpenSanctions emits them as weakAlias).
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&./-]{1,9}$")

# Names of an entry (primary, aka, previous), derived from its name columns;
# strength "weak" for acronyms. Shared by the four sources' `names` tables.
NAMES_SCHEMA = schema(
    [
        ("key", pa.string()),
        ("name", pa.string()),
        ("name_type", pa.string()),
        ("strength", pa.string()),
        ("record_line", pa.int64()),
    ]
)


@dataclass(frozen=True)
class Row:
    """One CSV record: first physical line (1-based), values by header name, raw text."""

    line: int
    values: dict[str, str]
    raw: str
    file: str

    def get(self, column: str) -> str | None:
        """The stripped value, None when empty."""
        return self.values[column].strip() or None


class _Lines:
    """Physical lines for ``csv.reader``, remembering those one record consumed."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self.count = 0
        self.exhausted = False
        self._taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._text.readline()
        if not line:
            self.exhausted = True
            raise StopIteration
        self.count += 1
        self._taken.append(line)
        return line

    def take(self) -> tuple[int, str]:
        first = self.count - len(self._taken) + 1
        raw = "".join(self._taken).rstrip("\r\n")
        self._taken = []
        return first, raw


def read_rows(path: Path, header: Sequence[str], writer: StagingWriter) -> Iterator[Row]:
    """Records of ``path`` whose header is exactly ``header``.

    An empty file, another header, a file with no record, a file cut inside a
    quoted value or one that is not UTF-8 is a :class:`SourceError` naming the
    file: an empty or foreign file must never read as an empty list (every
    entry would look delisted). A record with the wrong number of columns or
    broken quoting is quarantined.
    """
    file = path.name
    with open_data_file(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        lines = _Lines(text)
        reader = csv.reader(lines, strict=True)
        try:
            yield from _records(reader, lines, file, tuple(header), writer)
        except UnicodeDecodeError as exc:
            raise SourceError(f"{file}: not UTF-8 near line {lines.count} ({exc})") from exc


def _records(
    reader: Iterator[list[str]],
    lines: _Lines,
    file: str,
    header: tuple[str, ...],
    writer: StagingWriter,
) -> Iterator[Row]:
    found = _header(reader, lines, file)
    if found != header:
        raise SourceError(f"{file}: unexpected header {list(found)}; expected {list(header)}")
    records = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line, raw = lines.take()
            if lines.exhausted:
                raise SourceError(f"{file}: truncated at line {line} ({exc})") from exc
            records += 1
            writer.quarantine(file, line, f"unreadable CSV: {exc}", raw)
            continue
        line, raw = lines.take()
        if not any(value.strip() for value in fields):
            continue  # a blank line holds no record
        records += 1
        if len(fields) != len(header):
            reason = f"expected {len(header)} columns, found {len(fields)}"
            writer.quarantine(file, line, reason, raw)
            continue
        yield Row(line, dict(zip(header, fields, strict=True)), raw, file)
    if records == 0:
        raise SourceError(f"{file}: no records after the header")


def _header(reader: Iterator[list[str]], lines: _Lines, file: str) -> tuple[str, ...]:
    try:
        fields = next(reader, None)
    except csv.Error as exc:
        raise SourceError(f"{file}: unreadable header ({exc})") from exc
    lines.take()
    if fields is None or not any(value.strip() for value in fields):
        raise SourceError(f"{file}: empty file (no header row)")
    return tuple(value.strip() for value in fields)


def parse_date(text: str, fmt: str = ISO_DATE) -> date:
    """A date in ``fmt`` within [2000-01-01, today + 1 year]; ValueError otherwise."""
    try:
        day = datetime.strptime(text.strip(), fmt).date()
    except ValueError as exc:
        raise ValueError(f"invalid date {text!r}") from exc
    if not EARLIEST <= day <= date.today() + timedelta(days=366):
        raise ValueError(f"implausible date {text!r}")
    return day


def optional_date(writer: StagingWriter, row: Row, column: str, fmt: str = ISO_DATE) -> date | None:
    """A non-essential date column: empty -> None; an invalid or implausible
    date is never guessed: None, and the raw text is kept as a leftover."""
    text = row.get(column)
    if text is None:
        return None
    try:
        return parse_date(text, fmt)
    except ValueError:
        writer.leftover(row.file, row.line, column, text)
        return None


def match_key(name: str) -> str:
    """The comparison form of a name: Unicode NFKC, ASCII quotes, case-folded,
    punctuation and spacing runs as one space.

    The transcriptions spell one company several ways across editions and in
    Parent Name ("Aviation Industry Corporation of China, Ltd." / "... Ltd"
    / "... Ltd.", "AVIC JONHON" / "AVIC Jonhon", "Xi\u2019an" / "Xi'an").
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    return _NAME_NOISE.sub(" ", text).strip()


def hashed_key(*parts: str) -> str:
    """16 hex of sha1 over the parts (the ``hashed_id`` style of ids.hashed and
    sql/macros.sql): a stable key that holds no name and no row number."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def split_values(text: str | None, separator: str = ";") -> list[str]:
    if text is None:
        return []
    return [part.strip() for part in text.split(separator) if part.strip()]


def strength(alias: str) -> str:
    return "weak" if _ACRONYM.match(alias) else "strong"


def add_names(writer: StagingWriter, key: str, names: Sequence[tuple[str, str]], line: int) -> None:
    """``names`` rows for (name, name_type) pairs, once per pair; the first is primary."""
    seen: set[tuple[str, str]] = set()
    primary = names[0][0] if names else None
    for position, (name, name_type) in enumerate(names):
        if (name, name_type) in seen or (position and name == primary):
            continue
        seen.add((name, name_type))
        kind = "primary" if position == 0 else name_type
        writer.add(
            "names",
            {
                "key": key,
                "name": name,
                "name_type": kind,
                "strength": "strong" if position == 0 else strength(name),
                "record_line": line,
            },
        )


def check_values(
    writer: StagingWriter,
    row: Row,
    column: str,
    values: Sequence[str],
    known: frozenset[str],
    accept_new_values: bool,
) -> None:
    """Each value of an enumeration column is known (else error, or leftover)."""
    for value in values:
        known_value(writer, known, column, value, (row.file, row.line), accept_new_values)


def country(writer: StagingWriter, row: Row, column: str, accept_new_values: bool) -> str | None:
    """An ISO 3166-1 alpha-2 code column; an unknown code is an unknown value."""
    code = row.get(column)
    if code is None:
        return None
    upper = code.upper()
    if len(upper) == 2 and (upper in _USER_ASSIGNED or pycountry.countries.get(alpha_2=upper)):
        return upper
    known_value(writer, frozenset(), column, code, (row.file, row.line), accept_new_values)
    return None


def table(*columns: tuple[str, Any]) -> pa.Schema:
    """A staging schema with the 1-based ``record_line`` of the record in its file."""
    return schema([*columns, ("record_line", pa.int64())])
