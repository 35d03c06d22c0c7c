"""Which OFAC list an entry of a legacy CSV set is on: its ``memberships`` rows.

The legacy CSV has no list column: the SDN set is one list, and the
consolidated (non-SDN) set names its sub-lists only through program tags.
``data/reference/ofac_cons_programs.csv`` maps every tag the consolidated
file uses to the list code of its sub-list (NS-CMIC, SSI, NS-PLC, FSE,
NS-MBS, CAPTA, NS-ISA; SDN programs of dual-listed entries to the SDN list).
The CSV carries no listing dates, except the NS-CMIC remark
``Listing Date (CMIC) 03 Jun 2021``, which becomes that membership's date.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import UnknownValueError
from pipelines.sources.lists import add_membership
from pipelines.sources.ofac_csv import NULL
from pipelines.sources.ofac_remarks import Fact

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
SDN_LIST = "us_ofac_sdn"
_REMARK_DATE = "%d %b %Y"  # "03 Jun 2021", the only date form OFAC's remarks use
_FIRST_YEAR = 1950  # no OFAC list is older; an earlier listing date is a typo


@dataclass(frozen=True)
class ListRules:
    """How one set's entries map to lists."""

    primary: str  # logical name of the primary file: "sdn" or "prim"
    list_codes: Mapping[str, str]  # program tag -> list code
    # List of an entry whose program is unknown (when accepted) or missing;
    # None when the set cannot tell (a consolidated entry names no sub-list).
    default_list: str | None
    # List code -> the remark key that states the listing date on that list.
    date_keys: Mapping[str, str] = field(default_factory=dict)


@cache
def _csv_column(name: str, key: str, value: str) -> dict[str, str]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return {row[key]: row[value] for row in csv.DictReader(handle)}


def sdn_rules() -> ListRules:
    programs = _csv_column("ofac_programs.csv", "code", "name")
    return ListRules("sdn", {code: SDN_LIST for code in programs}, SDN_LIST)


def cons_rules() -> ListRules:
    programs = _csv_column("ofac_cons_programs.csv", "program", "list_code")
    return ListRules("prim", programs, None, {"us_ofac_ns_cmic": "Listing Date (CMIC)"})


@dataclass(frozen=True)
class EntryMemberships:
    """Writes the memberships of one primary-file record."""

    writer: StagingWriter
    rules: ListRules
    accept_new_values: bool
    file: str
    line: int

    def write(self, ent_num: int, programs: Sequence[str], facts: Sequence[Fact]) -> None:
        key = str(ent_num)
        if not programs:
            self._no_program(key)
        for program in programs:
            list_code = self._list_code(program)
            if list_code is not None:
                listed_on = self._listed_on(list_code, facts)
                add_membership(self.writer, key, list_code, program, listed_on, self.line)

    def _list_code(self, program: str) -> str | None:
        known = self.rules.list_codes.get(program)
        if known is not None:
            return known
        if not self.accept_new_values:
            raise UnknownValueError("program", program, self.file, self.line)
        self.writer.leftover(self.file, self.line, "program", program)
        return self.rules.default_list

    def _no_program(self, key: str) -> None:
        if self.rules.default_list is not None:
            add_membership(self.writer, key, self.rules.default_list, None, None, self.line)
        else:
            # A consolidated entry without a program is on no sub-list we can name.
            self.writer.leftover(self.file, self.line, "program", NULL)

    def _listed_on(self, list_code: str, facts: Sequence[Fact]) -> date | None:
        date_key = self.rules.date_keys.get(list_code)
        if date_key is None:
            return None
        for fact in facts:
            if fact.key == date_key and fact.value and not fact.is_alt:
                return self._date(fact)
        return None

    def _date(self, fact: Fact) -> date | None:
        try:
            found = datetime.strptime(str(fact.value), _REMARK_DATE).date()
        except ValueError:
            found = None
        if found is not None and _FIRST_YEAR <= found.year <= date.today().year + 1:
            return found
        # Impossible or implausible: never guessed; the fact keeps its raw text.
        self.writer.leftover(self.file, self.line, str(fact.key), fact.raw)
        return None
