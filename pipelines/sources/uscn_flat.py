"""NDAA section 889 and BIS Military-Intelligence End User transcriptions.

Both files have one row per listed party with its name, ";"-joined aliases,
an ISO country code, OpenSanctions topics and schema (entity type), the
program and the listing dates; they differ in column names and in what the
program column holds, so each layout is a :class:`Layout` over one mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.uscn_csv import (
    KNOWN_TOPICS,
    NAMES_SCHEMA,
    Row,
    add_names,
    check_values,
    country,
    hashed_key,
    match_key,
    optional_date,
    read_rows,
    split_values,
    table,
)

_S, _D, _B = pa.string(), pa.date32(), pa.bool_()


@dataclass(frozen=True)
class Layout:
    """One file layout: its columns and the rules that differ between lists."""

    list_code: str
    header: tuple[str, ...]
    # Staging column -> CSV column, for the columns copied as text.
    text_columns: dict[str, str]
    type_column: str
    types: frozenset[str]  # OpenSanctions schema names the list uses
    name_column: str
    alias_column: str
    country_column: str
    topics_column: str
    program_column: str
    is_known_program: Callable[[str], bool]
    # Staging column -> CSV column of the ISO dates; listed_on/end_date feed the membership.
    date_columns: dict[str, str]
    entries: pa.Schema
    # Whether the listing covers the party's subsidiaries and affiliates.
    includes_affiliates: bool | None
    # The key: a hash of the name's comparison form, with the country when
    # the list names parties by their function ("Military Intelligence Service").
    key_has_country: bool


def _entries_schema(text: list[str], dates: list[str], affiliates: bool) -> pa.Schema:
    columns: list[tuple[str, Any]] = [
        ("key", _S),
        ("type", _S),
        ("name", _S),
        ("aliases", pa.list_(_S)),
        ("country", _S),
        ("topics", pa.list_(_S)),
        ("program", _S),
    ]
    columns += [(name, _S) for name in text] + [(name, _D) for name in dates]
    if affiliates:
        columns.append(("includes_affiliates", _B))
    return table(*columns)


NDAA_889 = Layout(
    list_code="us_ndaa_889",
    header=(
        "schema", "name", "aliases", "topics", "program", "authority", "reason",
        "report-date", "start-date", "end-date", "country", "notes", "source_url",
    ),
    text_columns={"authority": "authority", "reason": "reason", "notes": "notes",
                  "source_url": "source_url"},
    type_column="schema", types=frozenset({"Company", "Organization", "LegalEntity"}),
    name_column="name", alias_column="aliases", country_column="country",
    topics_column="topics", program_column="program",
    # The file is one statute's; a row of another program is not section 889.
    is_known_program=lambda program: program.startswith("Section 889 "),
    date_columns={"report_date": "report-date", "listed_on": "start-date",
                  "end_date": "end-date"},
    entries=_entries_schema(
        ["authority", "reason", "notes", "source_url"],
        ["report_date", "listed_on", "end_date"], affiliates=True,
    ),
    # Section 889(f)(3)(A)-(B) covers the five companies "(or any subsidiary or
    # affiliate of such entities)": the statute, not the file, says so.
    includes_affiliates=True,
    key_has_country=False,
)  # fmt: skip

BIS_MIEU = Layout(
    list_code="us_bis_mieu",
    header=("Type", "Name", "Alias", "Country", "Topics", "Program", "Date", "End date",
            "Source URL"),
    text_columns={"source_url": "Source URL"},
    type_column="Type", types=frozenset({"Organization"}),
    name_column="Name", alias_column="Alias", country_column="Country",
    topics_column="Topics", program_column="Program",
    is_known_program=lambda program: program == "US-BIS-MIEU",
    date_columns={"listed_on": "Date", "end_date": "End date"},
    entries=_entries_schema(["source_url"], ["listed_on", "end_date"], affiliates=False),
    includes_affiliates=None,
    key_has_country=True,
)  # fmt: skip


def tables(layout: Layout) -> dict[str, pa.Schema]:
    return {"entries": layout.entries, "names": NAMES_SCHEMA,
            lists.MEMBERSHIPS: lists.MEMBERSHIPS_SCHEMA}  # fmt: skip


def parse_file(layout: Layout, path: Path, writer: StagingWriter, accept_new_values: bool) -> None:
    seen: set[str] = set()
    for row in read_rows(path, layout.header, writer):
        name = row.get(layout.name_column)
        if name is None:
            writer.quarantine(row.file, row.line, f"empty {layout.name_column}", row.raw)
            continue
        code = country(writer, row, layout.country_column, accept_new_values)
        parts = (code or "", match_key(name)) if layout.key_has_country else (match_key(name),)
        key = hashed_key(*parts)
        if key in seen:
            writer.quarantine(row.file, row.line, "duplicate entry (same name)", row.raw)
            continue
        seen.add(key)
        _stage(layout, writer, row, key, name, code, accept_new_values)


def _stage(
    layout: Layout,
    writer: StagingWriter,
    row: Row,
    key: str,
    name: str,
    code: str | None,
    accept_new_values: bool,
) -> None:
    kind = row.get(layout.type_column) or ""
    check_values(writer, row, layout.type_column, [kind], layout.types, accept_new_values)
    topics = split_values(row.get(layout.topics_column))
    check_values(writer, row, layout.topics_column, topics, KNOWN_TOPICS, accept_new_values)
    program = row.get(layout.program_column) or ""
    if not layout.is_known_program(program):
        lists.known_value(
            writer, frozenset(), layout.program_column, program, (row.file, row.line),
            accept_new_values,
        )  # fmt: skip
    aliases = split_values(row.get(layout.alias_column))
    dates = _dates(layout, writer, row)
    entry: dict[str, Any] = {
        "key": key, "type": kind or None, "name": name, "aliases": aliases, "country": code,
        "topics": topics, "program": program or None, "record_line": row.line,
    }  # fmt: skip
    entry |= {column: row.get(source) for column, source in layout.text_columns.items()}
    entry |= dates
    if layout.includes_affiliates is not None:
        entry["includes_affiliates"] = layout.includes_affiliates
    writer.add("entries", entry)
    add_names(writer, key, [(name, "primary"), *((alias, "aka") for alias in aliases)], row.line)
    lists.add_membership(
        writer, key, layout.list_code, None, dates["listed_on"], row.line,
        delisted_on=dates["end_date"],
    )  # fmt: skip


def _dates(layout: Layout, writer: StagingWriter, row: Row) -> dict[str, date | None]:
    """The date columns; none is essential to a listing: an invalid one is a leftover."""
    found = {
        column: optional_date(writer, row, source) for column, source in layout.date_columns.items()
    }
    listed_on, end_date = found["listed_on"], found["end_date"]
    if listed_on is not None and end_date is not None and end_date < listed_on:
        source = layout.date_columns["end_date"]
        writer.leftover(row.file, row.line, source, row.values[source])
        found["end_date"] = None
    return found
