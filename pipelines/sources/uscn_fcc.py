"""FCC Covered List transcription: the companies named in each entry's prose.

Each row is an entry of the list as the FCC prints it: a sentence naming the
covered equipment or services and, mostly, the company producing or
providing them ("Telecommunications equipment produced by Huawei Technologies
Company, including ..."), and the date of inclusion, to which the FCC appends
"Updated:<date>" for amended entries. Newer entries cover a class of goods
with no company ("Routers produced in a foreign country ..."): they stay in
``entries`` and name no party. A sentence of neither wording is an unknown
value: a new company entry must never pass as a class entry unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.uscn_csv import (
    NAMES_SCHEMA,
    Row,
    add_names,
    hashed_key,
    match_key,
    parse_date,
    read_rows,
    table,
)

LIST_CODE = "us_fcc_covered"
DESCRIPTION, INCLUSION = "covered_equipment_or_services", "date_of_inclusion_on_covered_list"
HEADER = (DESCRIPTION, INCLUSION)
LONG_DATE = "%B %d, %Y"  # March 12, 2021
# "... produced by <company>, including ...", "... provided by <company> subject to
# section 214 ...", "... supplied, directly or indirectly, by <company> or any of its
# predecessors ...", "... produced or provided by <company>, Inc. or any of ...".
_COMPANY = re.compile(
    r"\b(?:produced|provided|supplied)(?:,? directly or indirectly,)? by (?P<names>.+?)"
    r",? (?:including|to the extent|subject to|or any of)\b"
)
_CLASS = re.compile(r"produced in a foreign country|\bforeign-produced\b", re.IGNORECASE)
# "Pacific Networks Corp and its wholly-owned subsidiary ComNet (USA) LLC".
_SUBSIDIARY = re.compile(r" and its (?P<relation>(?:wholly[- ]owned )?subsidiary) ")
# The entry covers the company's subsidiaries and affiliates as a class ("... or any
# of its predecessors, successors, parents, subsidiaries, or affiliates").
_AFFILIATES = re.compile(r"\b(?:subsidiaries|affiliates)\b", re.IGNORECASE)
_UPDATED = re.compile(r"\s*Updated:\s*", re.IGNORECASE)
_S, _D, _B = pa.string(), pa.date32(), pa.bool_()

# fmt: off
TABLES: dict[str, pa.Schema] = {
    # One row per CSV row; both columns mapped (the date cell raw and parsed).
    "entries": table(
        ("description", _S), ("inclusion_text", _S), ("included_on", _D),
        ("updated_on", pa.list_(_D)),
        ("entry_kind", _S),  # company (names a party) | class (a class of goods)
        ("includes_affiliates", _B),
    ),
    # The companies an entry names: role "named", or "subsidiary" of the named
    # one (owner_key) with the wording of the link (relation).
    "parties": table(
        ("key", _S), ("name", _S), ("role", _S), ("owner_key", _S), ("relation", _S),
        ("includes_affiliates", _B), ("included_on", _D),
    ),
    "names": NAMES_SCHEMA,
    lists.MEMBERSHIPS: lists.MEMBERSHIPS_SCHEMA,
}
# fmt: on


@dataclass(frozen=True)
class _Party:
    name: str
    role: str
    owner: str | None = None
    relation: str | None = None

    @property
    def key(self) -> str:
        return hashed_key(match_key(self.name))


def parse_file(path: Path, writer: StagingWriter, accept_new_values: bool) -> None:
    seen: set[str] = set()
    for row in read_rows(path, HEADER, writer):
        description = row.get(DESCRIPTION)
        if description is None:
            writer.quarantine(row.file, row.line, f"empty {DESCRIPTION}", row.raw)
            continue
        parties = _parties(description)
        kind = "company" if parties else "class"
        if not parties and not _CLASS.search(description):
            lists.known_value(
                writer, frozenset(), "covered entry wording", description,
                (row.file, row.line), accept_new_values,
            )  # fmt: skip
            kind = "unknown"
        included_on, updated_on = _dates(writer, row)
        affiliates = bool(_AFFILIATES.search(description))
        writer.add(
            "entries",
            {
                "description": description,
                "inclusion_text": row.get(INCLUSION),
                "included_on": included_on,
                "updated_on": updated_on,
                "entry_kind": kind,
                "includes_affiliates": affiliates,
                "record_line": row.line,
            },
        )
        for party in parties:
            # A company on two entries keeps the first (its earliest listing).
            if party.key not in seen:
                seen.add(party.key)
                _stage_party(writer, party, affiliates, included_on, row.line)


def _parties(description: str) -> list[_Party]:
    found = _COMPANY.search(description)
    if found is None:
        return []
    names = found.group("names").strip()
    parts = _SUBSIDIARY.split(names, maxsplit=1)
    if len(parts) == 1:
        return [_Party(names, "named")]
    owner, relation, subsidiary = (part.strip() for part in parts)
    return [
        _Party(owner, "named"),
        _Party(subsidiary, "subsidiary", hashed_key(match_key(owner)), relation),
    ]


def _dates(writer: StagingWriter, row: Row) -> tuple[date | None, list[date]]:
    """Inclusion date and the "Updated:" dates after it. The list stays valid
    without them: an invalid one is a leftover with its raw text."""
    text = row.get(INCLUSION)
    if text is None:
        return None, []
    days: list[date | None] = []
    for part in _UPDATED.split(text):
        try:
            days.append(parse_date(part, LONG_DATE))
        except ValueError:
            writer.leftover(row.file, row.line, INCLUSION, part)
            days.append(None)
    return days[0], [day for day in days[1:] if day is not None]


def _stage_party(
    writer: StagingWriter, party: _Party, affiliates: bool, included_on: date | None, line: int
) -> None:
    writer.add(
        "parties",
        {
            "key": party.key,
            "name": party.name,
            "role": party.role,
            "owner_key": party.owner,
            "relation": party.relation,
            "includes_affiliates": affiliates,
            "included_on": included_on,
            "record_line": line,
        },
    )
    add_names(writer, party.key, [(party.name, "primary")], line)
    lists.add_membership(writer, party.key, LIST_CODE, None, included_on, line)
