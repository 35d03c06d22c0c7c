"""Mapping one CSL row to the staging tables.

The list a row belongs to is named in ``source`` ("Entity List (EL) - Bureau
of Industry and Security"); the code in brackets is the stable key, mapped to
a list code by ``data/reference/csl_sources.csv``. Programs of Treasury rows
are OFAC program tags, checked against ``data/reference/ofac_programs.csv``
and ``ofac_cons_programs.csv``; BIS and State rows have free-text programs
(State: "INKSNA") or none, with no code list to check them against.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pipelines.lib import countries
from pipelines.lib.staging import StagingWriter
from pipelines.sources import csl_ids, lists
from pipelines.sources.base import UnknownValueError
from pipelines.sources.csl_read import ISO, Row, checked_date, hashed_key, split_list, text
from pipelines.sources.csl_tables import COLUMN, TEXT_COLUMNS
from pipelines.sources.dpl_kind import Kind, infer_kind

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
SOURCES_CSV = REFERENCE / "csl_sources.csv"
TYPES = {"Individual": "person", "Entity": "organization", "Vessel": "vessel",
         "Aircraft": "aircraft"}  # fmt: skip
_CODE = re.compile(r"\(([^()]+)\)")
_SCOPE_CLAUSE = re.compile(r";\s*and any successor", re.IGNORECASE)
# The Entity List writes several streets or aliases as prose: "A; B; and C".
_CONJUNCTION = "and "


@dataclass(frozen=True)
class CslSource:
    code: str
    list_code: str
    source_name: str  # the full name the CSL prints, empty for read-only codes
    ofac_programs: bool  # programs are OFAC tags
    source_list_url: str


@cache
def csl_sources() -> dict[str, CslSource]:
    """The reference table, by bracketed code."""
    with SOURCES_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: CslSource(row["code"], row["list_code"], row["source_name"],
                                   row["program_codes"] == "ofac", row["source_list_url"])
            for row in csv.DictReader(handle)
        }  # fmt: skip


@cache
def ofac_program_codes() -> frozenset[str]:
    """OFAC's program tags, SDN and non-SDN (the reference tables of the OFAC sources)."""
    codes: set[str] = set()
    for name, column in (("ofac_programs.csv", "code"), ("ofac_cons_programs.csv", "program")):
        with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
            codes |= {row[column] for row in csv.DictReader(handle)}
    return frozenset(codes)


def source_code(source: str) -> str | None:
    found = _CODE.search(source)
    return found.group(1).strip() if found else None


def split_name(name: str) -> tuple[str, str | None]:
    """("Sinobright ...; and any successor, ...") -> (name, the scope clause)."""
    found = _SCOPE_CLAUSE.search(name)
    if found is None:
        return name, None
    return name[: found.start()].strip(), name[found.start() + 1 :].strip()


def split_addresses(value: str) -> list[str]:
    """Addresses joined by "; ", a part opening with "and " continuing the one before."""
    addresses: list[str] = []
    for part in split_list(value):
        if addresses and part.startswith(_CONJUNCTION):
            addresses[-1] = f"{addresses[-1]}; {part}"
        else:
            addresses.append(part)
    return addresses


def address_country(address: str) -> str | None:
    """The trailing ISO alpha-2 code the CSL ends an address with ("..., Beijing, CN")."""
    return csl_ids.country_code(address.rsplit(",", 1)[-1].strip())


def _country(value: str) -> str | None:
    """An ISO code (Kosovo's XK included) or a country name, as ISO alpha-2."""
    try:
        return csl_ids.country_code(value) or countries.country_code(value)
    except countries.UnknownCountryError:
        return None


def alias_names(value: str) -> list[str]:
    return [part.removeprefix(_CONJUNCTION).strip() for part in split_list(value)]


class CslRows:
    """Writes each row's staging rows; remembers the ids seen to catch duplicates."""

    def __init__(self, writer: StagingWriter, file: str, accept_new_values: bool) -> None:
        self.writer = writer
        self.file = file
        self.accept_new_values = accept_new_values
        self.first_line: dict[str, int] = {}

    def add(self, row: Row) -> None:
        values = {name: row.fields[index] for name, index in COLUMN.items()}
        name = text(values["name"])
        if name is None:
            self.writer.quarantine(self.file, row.line, "no name", row.raw)
            return
        entry_id, generated = self._id(values)
        if entry_id in self.first_line:
            reason = f"duplicate _id {entry_id} (first on line {self.first_line[entry_id]})"
            self.writer.quarantine(self.file, row.line, reason, row.raw)
            return
        self.first_line[entry_id] = row.line
        _Entry(self, row, values, entry_id, generated, name).write()

    def _id(self, values: Mapping[str, str]) -> tuple[str, bool]:
        """The CSL id; for a row without one, a hash of its list, name and addresses."""
        published = text(values["_id"])
        if published is not None:
            return published, False
        source = text(values["source"]) or ""
        parts = (source_code(source) or source, values["name"], values["addresses"])
        return hashed_key(*parts), True

    def known(self, field: str, value: str, known: frozenset[str] | set[str], line: int) -> bool:
        where = (self.file, line)
        return lists.known_value(self.writer, known, field, value, where, self.accept_new_values)

    def unknown(self, field: str, value: str, line: int) -> None:
        """An error naming the value, or a leftover when new values are accepted."""
        self.known(field, value, frozenset(), line)


class _Entry:
    """One row being mapped: the entry, its child rows and its memberships."""

    def __init__(self, rows: CslRows, row: Row, values: Mapping[str, str], entry_id: str,
                 generated: bool, name: str) -> None:  # fmt: skip
        self.rows, self.writer, self.line = rows, rows.writer, row.line
        self.values, self.id, self.generated, self.name = values, entry_id, generated, name

    def add(self, table: str, row: dict[str, object]) -> None:
        self.writer.add(table, {"id": self.id, **row, "record_line": self.line})

    def write(self) -> None:
        source = self._source()
        addresses = split_addresses(self.values["addresses"])
        kind = self._kind(addresses)
        programs = self._programs(source)
        start, end = self._date("start_date"), self._date("end_date")
        name, clause = split_name(self.name)
        self.add("entries", {
            "id_generated": self.generated, "source": text(self.values["source"]),
            "source_code": source_code(self.values["source"]),
            "list_code": source.list_code if source else None,
            "entity_number": text(self.values["entity_number"]),
            "type": text(self.values["type"]), "kind": kind.kind, "kind_basis": kind.basis,
            "programs": programs, "name": name, "name_clause": clause,
            "start_date": start, "end_date": end,
            **{column: text(self.values[column]) for column in TEXT_COLUMNS},
            "dates_of_birth": split_list(self.values["dates_of_birth"]),
            "places_of_birth": split_list(self.values["places_of_birth"]),
        })  # fmt: skip
        self._children(addresses)
        if source is not None:
            listed: list[str | None] = [*programs] or [None]  # no program: one membership
            for program in listed:
                lists.add_membership(self.writer, self.id, source.list_code, program, start,
                                     self.line, delisted_on=end)  # fmt: skip

    def _source(self) -> CslSource | None:
        source = text(self.values["source"]) or ""
        code = source_code(source)
        known = csl_sources()
        if code is not None and code in known:
            return known[code]
        self.rows.unknown("source", source, self.line)
        return None

    def _kind(self, addresses: list[str]) -> Kind:
        row_type = text(self.values["type"])
        if row_type is None:
            return infer_kind(self.name, addresses)
        if self.rows.known("type", row_type, frozenset(TYPES), self.line):
            return Kind(TYPES[row_type], None)
        return Kind("unknown", None)

    def _programs(self, source: CslSource | None) -> list[str]:
        programs = split_list(self.values["programs"])
        if source is not None and source.ofac_programs:
            for program in programs:
                self.rows.known("program", program, ofac_program_codes(), self.line)
        return programs

    def _date(self, column: str) -> date | None:
        """A listing date; a wrong one is kept as a leftover, never guessed."""
        try:
            return checked_date(self.values[column], ISO)
        except ValueError:
            self.writer.leftover(self.rows.file, self.line, column, self.values[column])
            return None

    def _children(self, addresses: list[str]) -> None:
        for seq, address in enumerate(addresses, 1):
            self.add("addresses", {"seq": seq, "full_address": address,
                                   "country_code": address_country(address)})  # fmt: skip
        for seq, alias in enumerate(alias_names(self.values["alt_names"]), 1):
            self.add("aliases", {"seq": seq, "alt_name": alias})
        for role in ("citizenships", "nationalities"):
            self._countries(role)
        for seq, item in enumerate(split_list(self.values["ids"]), 1):
            self._id_tuple(seq, item)

    def _countries(self, column: str) -> None:
        role = {"citizenships": "citizenship", "nationalities": "nationality"}[column]
        for seq, country in enumerate(split_list(self.values[column]), 1):
            code = _country(country)
            if code is None:
                self.rows.unknown(column, country, self.line)
            self.add("countries", {"role": role, "seq": seq, "country": country,
                                   "country_code": code})  # fmt: skip

    def _id_tuple(self, seq: int, item: str) -> None:
        try:
            parsed = csl_ids.parse_id(item)
        except csl_ids.MalformedId:
            self.writer.leftover(self.rows.file, self.line, "ids", item)
            return
        except csl_ids.UnknownIdType as unknown:
            if not self.rows.accept_new_values:
                raise UnknownValueError("ids type", unknown.value, self.rows.file,
                                        self.line) from None  # fmt: skip
            self.writer.leftover(self.rows.file, self.line, "ids", item)
            return
        self.add("ids", {"seq": seq, "raw": item, **vars(parsed)})
