"""ISO 20275 Entity Legal Forms (ELF) code list, as GLEIF publishes it: a reference source.

One CSV row per (ELF code, language): a code with a Welsh and an English name
has two rows (PROVENANCE.md, Codelists). GLEIF Level 1 records name their legal
form by this code (``Entity/LegalForm/EntityLegalFormCode``); the canonical
model looks the name up here.

Format (checked on the 2026-02-19 list, v1.6): UTF-8 (a byte-order mark is
tolerated), comma-separated, every field double-quoted, 16 named columns. The
header is validated exactly: a renamed or reordered column would silently shift
every value, so it stops the stage instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter, schema
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec

# The official column names, in order, and the staging column each one becomes.
COLUMNS = (
    ("ELF Code", "elf_code"),
    ("Country of formation", "country_name"),
    ("Country Code (ISO 3166-1)", "country_code"),
    ("Jurisdiction of formation", "jurisdiction_name"),
    ("Country sub-division code (ISO 3166-2)", "subdivision_code"),
    ("Entity Legal Form name Local name", "local_name"),
    ("Language", "language"),
    ("Language Code (ISO 639-1)", "language_code"),
    ("Entity Legal Form name Transliterated name (per ISO 01-140-10)", "transliterated_name"),
    ("Abbreviations Local language", "local_abbreviations"),
    ("Abbreviations transliterated", "transliterated_abbreviations"),
    ("Date created YYYY-MM-DD (ISO 8601)", "date_created"),
    ("ELF Status ACTV/INAC", "status"),
    ("Modification", "modification"),
    ("Modification date YYYY-MM-DD (ISO 8601)", "modification_date"),
    ("Reason", "reason"),
)
HEADER = tuple(name for name, _ in COLUMNS)
_S = pa.string()
ELF_CODES_SCHEMA = schema(
    [(column, _S) for _, column in COLUMNS if "abbreviations" not in column]
    + [
        # Abbreviations are published ';'-joined ("Ltd;Ltd.;Limited"): one list item each.
        ("local_abbreviations", pa.list_(_S)),
        ("transliterated_abbreviations", pa.list_(_S)),
        ("record_line", pa.int64()),
    ]
)
STATUSES = frozenset({"ACTV", "INAC"})
# 8888: legal form not yet on the list (OtherLegalForm carries it as text);
# 9999: the entity has no separate legal form (the list's own "Reason" texts).
SPECIAL_CODES = frozenset({"8888", "9999"})
_CODE = re.compile(r"[A-Z0-9]{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

SPEC = SourceSpec(
    id="global_gleif_elf",
    title="ISO 20275 Entity Legal Forms code list (GLEIF)",
    publisher="Global Legal Entity Identifier Foundation (GLEIF)",
    # GLEIF links the current CSV from this page under a versioned file name.
    official_url="https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list",
    formats=("csv",),
    # New versions appear a few times a year; a weekly look is plenty.
    cadence_cron="0 6 * * 1",
    licence="CC0 1.0",
    tables={"elf_codes": ELF_CODES_SCHEMA},
    main_table="elf_codes",
    # v1.6 has 4,002 rows; the list only grows (codes are deactivated, not deleted).
    expected_rows=(3_000, 10_000),
    parser_version="1",
    # From the page (or a folder), the newest dated CSV: "2021-10-21-elf-code-list-v1.4.1.csv"
    # in GLEIF's long-standing naming, "ISO-20275 - 2026-02-19.csv" in the newer one.
    part_pattern=(
        r"^(?:ISO-20275 - )?(?P<date>\d{4}-\d{2}-\d{2})(?:-elf-code-list-v[\d.]+)?\.csv$"
    ),
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    # "data" for a file URL; the one dated file chosen from a page or folder otherwise.
    if len(snapshot.files) != 1:
        raise SourceError(f"expected one ELF list, found {sorted(snapshot.files)}")
    (path,) = snapshot.files.values()
    with open_data_file(path) as raw:
        # utf-8-sig: GLEIF's file has no BOM, but a re-saved copy often gains one.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        for line, fields in _rows(csv.reader(text), path.name):
            _write_row(writer, path.name, line, fields)


def _rows(reader: Any, file: str) -> Iterator[tuple[int, list[str]]]:
    try:
        header = next(reader, None)
        if header is None:
            raise SourceError(f"{file}: empty file, no header")
        _check_header(header, file)
        for fields in reader:
            # line_num counts physical lines, so a quoted field with a newline stays exact.
            yield reader.line_num, fields
    except (UnicodeDecodeError, csv.Error) as exc:
        raise SourceError(f"{file}: not a readable UTF-8 CSV ({exc})") from exc


def _check_header(header: list[str], file: str) -> None:
    if tuple(header) != HEADER:
        missing = [name for name in HEADER if name not in header]
        extra = [name for name in header if name not in HEADER]
        raise SourceError(
            f"{file}:1: not the ISO 20275 ELF header (missing {missing}, unexpected {extra}, "
            f"or columns reordered); expected {list(HEADER)}"
        )


def _write_row(writer: StagingWriter, file: str, line: int, fields: list[str]) -> None:
    if not any(fields):
        return  # a blank line (e.g. a trailing newline in a re-saved copy) carries nothing
    problem = _problem(fields)
    if problem is not None:
        writer.quarantine(file, line, problem, _raw(fields))
        return
    writer.add("elf_codes", _row(fields, line))


def _problem(fields: list[str]) -> str | None:
    if len(fields) != len(HEADER):
        return f"{len(fields)} fields, expected {len(HEADER)}"
    row = dict(zip(HEADER, fields, strict=True))
    if not _CODE.fullmatch(row["ELF Code"]):
        return f"ELF code {row['ELF Code']!r} is not 4 letters or digits"
    if row["ELF Status ACTV/INAC"] not in STATUSES:
        return f"status {row['ELF Status ACTV/INAC']!r} is not ACTV or INAC"
    for name in ("Date created YYYY-MM-DD (ISO 8601)", "Modification date YYYY-MM-DD (ISO 8601)"):
        if row[name] and not _DATE.fullmatch(row[name]):
            return f"{name} {row[name]!r} is not YYYY-MM-DD"
    if not row["Entity Legal Form name Local name"] and row["ELF Code"] not in SPECIAL_CODES:
        return "no local name"
    return None


def _row(fields: list[str], line: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        column: (value.strip() or None) for (_, column), value in zip(COLUMNS, fields, strict=True)
    }
    for column in ("local_abbreviations", "transliterated_abbreviations"):
        row[column] = _split(row[column])
    row["record_line"] = line
    return row


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _raw(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="").writerow(fields)
    return out.getvalue()

SOURCE = Source(SPEC, parse)
