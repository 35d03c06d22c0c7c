"""OFAC legacy CSV: mapping one set of the four files to the staging tables.

The staging schemas (``TABLES``), the controlled values (SDN_Type, alt_type)
and :class:`LegacyCsvSet`, which joins the primary, address, alias and
comments files of one set (SDN or consolidated). Reading the CSV layout is in
``ofac_csv``; which list each program tag stands for, in ``ofac_lists``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines.lib.archives import open_data_file
from pipelines.lib.countries import country_code
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError, UnknownValueError
from pipelines.sources.lists import MEMBERSHIPS, MEMBERSHIPS_SCHEMA
from pipelines.sources.ofac_csv import COLUMNS, NULL, Record, integer, read_records, split_programs
from pipelines.sources.ofac_lists import EntryMemberships, ListRules
from pipelines.sources.ofac_remarks import stage_remarks

# SDN_Type values; the spec has no "entity" value: an entity's type is null.
SDN_TYPES = frozenset({"individual", "vessel", "aircraft"})
ALT_TYPES = frozenset({"aka", "fka", "nka"})
_SDN_TEXT = ("title", "call_sign", "vess_type", "tonnage", "grt", "vess_flag", "vess_owner")
_REGION = "Region: "


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([*columns, ("record_line", pa.int64())])


_S, _I, _B = pa.string(), pa.int64(), pa.bool_()
# Staging tables of one OFAC legacy CSV set (columns may be added, never renamed).
# fmt: off
TABLES: dict[str, pa.Schema] = {
    "entries": _schema(
        ("ent_num", _I), ("sdn_name", _S), ("sdn_type", _S), ("programs", pa.list_(_S)),
        *((name, _S) for name in _SDN_TEXT), ("remarks", _S),
        ("remarks_continued", _B),  # added: part of remarks came from the comments file
    ),
    "addresses": _schema(
        ("ent_num", _I), ("add_num", _I), ("address", _S), ("city_state_postal", _S),
        ("country", _S), ("country_code", _S), ("region", _S), ("add_remarks", _S),
    ),
    "aliases": _schema(
        ("ent_num", _I), ("alt_num", _I), ("alt_type", _S), ("alt_name", _S),
        ("alt_remarks", _S), ("strength", _S),
        # added: the logical file record_line counts in: "alt", or the primary
        # file ("sdn", "prim") for the weak aliases of the remarks
        ("record_file", _S),
    ),
    "remark_facts": _schema(
        ("ent_num", _I), ("seq", _I), ("key", _S), ("value", _S), ("qualifier", _S),
        ("is_alt", _B), ("raw", _S),
        # added: ISO codes of a nationality / citizen / Nationality of Registration
        # value, and of a "(Country)" qualifier; null when not a country name
        ("value_country", _S), ("qualifier_country", _S),
    ),
    MEMBERSHIPS: MEMBERSHIPS_SCHEMA,
}
# fmt: on


@dataclass
class _Continuation:
    """sdn_comments.csv rows of one ent_num: the rest of a truncated Remarks."""

    text: str
    line: int
    raw: str


class LegacyCsvSet:
    """Maps one consistent set of the four files to the staging tables.

    ``files`` maps the logical names of ``COLUMNS`` (the primary file's per
    ``rules``) to paths. Order matters:
    the comments are read first (they are small) so each primary row gets its
    whole Remarks; then addresses and aliases are checked against the
    ent_nums of the primary file (an ent_num missing there is an orphan).
    """

    def __init__(
        self,
        files: Mapping[str, Path],
        writer: StagingWriter,
        accept_new_values: bool,
        rules: ListRules,
    ) -> None:
        self.files = files
        self.writer = writer
        self.accept_new_values = accept_new_values
        self.rules = rules
        self.ent_nums: set[int] = set()

    def parse(self) -> None:
        continuations = self._comments()
        for ent_num, record in self._records(self.rules.primary):
            self._entry(ent_num, record, continuations.pop(ent_num, []))
        if not self.ent_nums:
            # A list is never empty: a 0-byte or foreign file must not read as "all delisted".
            file = self._name(self.rules.primary)
            raise SourceError(f"{file}: no OFAC legacy CSV record (empty or another format)")
        for parts in continuations.values():
            for part in parts:
                self._orphan("comments", part.line, part.raw)
        for ent_num, record in self._records("add"):
            if self._known("add", ent_num, record):
                self._address(ent_num, record)
        for ent_num, record in self._records("alt"):
            if self._known("alt", ent_num, record):
                self._alias(ent_num, record)

    def _name(self, logical: str) -> str:
        return self.files[logical].name

    def _records(self, logical: str) -> Iterator[tuple[int, Record]]:
        """Records of one file whose ent_num (first column) is an integer."""
        with open_data_file(self.files[logical]) as stream:
            file = self._name(logical)
            for record in read_records(stream, file, COLUMNS[logical], self.writer):
                ent_num = integer(record.fields[0])
                if ent_num is None:
                    self.writer.quarantine(file, record.line, "non-integer ent_num", record.raw)
                    continue
                yield ent_num, record

    def _comments(self) -> dict[int, list[_Continuation]]:
        found: dict[int, list[_Continuation]] = {}
        for ent_num, record in self._records("comments"):
            text = record.fields[1] or ""
            found.setdefault(ent_num, []).append(_Continuation(text, record.line, record.raw))
        return found

    def _orphan(self, logical: str, line: int, raw: str) -> None:
        self.writer.quarantine(self._name(logical), line, "orphan ent_num", raw)

    def _known(self, logical: str, ent_num: int, record: Record) -> bool:
        if ent_num in self.ent_nums:
            return True
        self._orphan(logical, record.line, record.raw)
        return False

    def _entry(self, ent_num: int, record: Record, parts: list[_Continuation]) -> None:
        primary = self.rules.primary
        file, line, fields = self._name(primary), record.line, record.fields
        if ent_num in self.ent_nums:
            self.writer.quarantine(file, line, "duplicate ent_num", record.raw)
            return
        sdn_type = fields[2]
        if sdn_type is not None and sdn_type not in SDN_TYPES:
            raise UnknownValueError("SDN_Type", sdn_type, file, line)
        self.ent_nums.add(ent_num)
        # dat_spec: Remarks longer than 1,000 characters are cut and continue in the
        # comments file; the continuation starts mid-word, so no separator.
        remarks = fields[11]
        if parts:
            remarks = (remarks or "") + "".join(part.text for part in parts)
        programs = split_programs(fields[3])
        row: dict[str, Any] = dict(zip(_SDN_TEXT, fields[4:11], strict=True))
        row |= {
            "ent_num": ent_num,
            "sdn_name": fields[1],
            "sdn_type": sdn_type,
            "programs": programs,
            "remarks": remarks,
            "remarks_continued": bool(parts),
            "record_line": line,
        }
        self.writer.add("entries", row)
        facts = stage_remarks(self.writer, ent_num, remarks, (primary, file, line))
        memberships = EntryMemberships(self.writer, self.rules, self.accept_new_values, file, line)
        memberships.write(ent_num, programs, facts)

    def _address(self, ent_num: int, record: Record) -> None:
        file, fields = self._name("add"), record.fields
        add_num = integer(fields[1])
        if add_num is None:
            self.writer.quarantine(file, record.line, "non-integer add_num", record.raw)
            return
        country = fields[4]
        try:
            code = country_code(country)
        except KeyError:
            if not self.accept_new_values:
                raise UnknownValueError("country", country or "", file, record.line) from None
            self.writer.leftover(file, record.line, "country", country or "")
            code = None
        region = None
        if country is not None and country.startswith(_REGION):
            region = country[len(_REGION) :].strip()  # "Region: Crimea": a region, not a country
        self.writer.add(
            "addresses",
            {
                "ent_num": ent_num,
                "add_num": add_num,
                "address": fields[2],
                "city_state_postal": fields[3],
                "country": country,
                "country_code": code,
                "region": region,
                "add_remarks": fields[5],
                "record_line": record.line,
            },
        )

    def _alias(self, ent_num: int, record: Record) -> None:
        file, fields = self._name("alt"), record.fields
        alt_num = integer(fields[1])
        if alt_num is None:
            self.writer.quarantine(file, record.line, "non-integer alt_num", record.raw)
            return
        alt_type = fields[2]
        if alt_type not in ALT_TYPES:
            raise UnknownValueError("alt_type", alt_type or NULL, file, record.line)
        self.writer.add(
            "aliases",
            {
                "ent_num": ent_num,
                "alt_num": alt_num,
                "alt_type": alt_type,
                "alt_name": fields[3],
                "alt_remarks": fields[4],
                "strength": "strong",
                "record_file": "alt",
                "record_line": record.line,
            },
        )
