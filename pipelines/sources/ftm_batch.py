"""opensanctions: one batch of FtM lines through DuckDB to the staging tables.

Python routes whole Arrow tables and sees only distinct values (country
codes, percentages, datasets) and the rare bad line, never one entity at a
time, so a million entities parse in seconds. The SQL is in ftm_sql.py and
ftm_lists_sql.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from pipelines.lib.staging import StagingWriter
from pipelines.sources import ftm_lists_sql as lists_sql
from pipelines.sources import ftm_sql as sql
from pipelines.sources.base import UnknownValueError
from pipelines.sources.ftm_values import DatasetLists, Stake, iso_country, parse_percentage
from pipelines.sources.lists import MEMBERSHIPS

_SETUP = """
create temp table seen_ids (id varchar);
create temp table stakes (value varchar, lo double, hi double,
    lo_inclusive boolean, hi_inclusive boolean);
create temp table memberships_all (key varchar, list_code varchar, program varchar,
    listed_on date, delisted_on date, delisting_reason varchar, record_line bigint);
create temp table dataset_lists (dataset varchar, program_id varchar, list_code varchar);
"""


@dataclass
class FtmBatchParser:
    writer: StagingWriter
    accept_new_values: bool
    lists: DatasetLists
    # Entities staged (in any table, or counted under an unmapped schema).
    entities: int = 0
    countries: dict[str, str | None] = field(default_factory=dict)
    stakes: dict[str, Stake | None] = field(default_factory=dict)
    # Unmapped schema -> [entities, first line, file].
    other_schemata: dict[str, list[Any]] = field(default_factory=dict)
    reported: set[tuple[str, str]] = field(default_factory=set)
    con: duckdb.DuckDBPyConnection = field(init=False)

    def __post_init__(self) -> None:
        # One thread: the stage runs beside other sources' parses.
        self.con = duckdb.connect(config={"threads": 1})
        self.con.execute(sql.MACROS)
        self.con.execute(_SETUP)
        self.con.executemany("insert into dataset_lists values (?, ?, ?)", self.lists.rows())

    def close(self) -> None:
        self.con.close()

    def _table(self, query: str, **values: Any) -> pa.Table:
        return self.con.execute(query, values).to_arrow_table()

    def _rows(self, query: str, **values: Any) -> list[dict[str, Any]]:
        return self._table(query, **values).to_pylist()

    def parse(self, file: str, lines: pa.Table) -> None:
        """Stage one batch of (line, text) rows of ``file``."""
        self.con.register("raw_lines", lines)
        try:
            self.con.execute(sql.PARSE)
            self.con.execute(f"create or replace temp table fallback as {sql.FALLBACK}")
            self._quarantine(file, "select line, reason from fallback where reason <> 'blank line'")
            self._drop_invalid(file)
            self.con.execute("insert into seen_ids select id from batch")
            self._unknown_keys(file)
            self._countries(file)
            self._dates(file)
            self._stakes(file)
            for name, query in sql.RECORD_SELECTS.items():
                self.writer.write_table(name, self._table(query))
            self._memberships(file)
            self._count_other_schemata(file)
        finally:
            self.con.unregister("raw_lines")

    def finish(self) -> None:
        """Write what spans batches: memberships, and one leftover per unmapped schema."""
        self.writer.write_table(MEMBERSHIPS, self._table(lists_sql.MEMBERSHIPS_FINAL))
        for schema, (count, line, file) in sorted(self.other_schemata.items()):
            self.writer.leftover(file, line, "schema", f"{schema}: {count} entities not staged")

    def _quarantine(self, file: str, reasons: str) -> int:
        """Quarantine the lines ``reasons`` (line, reason) names; how many."""
        query = f"select r.line, r.reason, l.text from ({reasons}) as r "
        query += "inner join raw_lines as l on l.line = r.line order by r.line"
        rows = self._rows(query)
        for row in rows:
            self.writer.quarantine(file, row["line"], row["reason"], row["text"])
        return len(rows)

    def _drop_invalid(self, file: str) -> None:
        self.con.execute(sql.BATCH)
        self.con.execute(sql.INVALID)
        if self._quarantine(file, "select line, reason from invalid"):
            self.con.execute("delete from batch where line in (select line from invalid)")
        row = self.con.execute("select count(*) from batch").fetchone()
        self.entities += int(row[0]) if row else 0

    def _unknown(self, file: str, line: int, field_name: str, value: str) -> None:
        """An unknown value: an error, or (accepted as new) a leftover."""
        if not self.accept_new_values:
            raise UnknownValueError(field_name, value, file, line)
        self.writer.leftover(file, line, field_name, value)

    def _first_time(self, kind: str, value: str) -> bool:
        if (kind, value) in self.reported:
            return False
        self.reported.add((kind, value))
        return True

    def _unknown_keys(self, file: str) -> None:
        """A top-level member FtM does not define: one leftover per member name."""
        for row in self._rows(sql.UNKNOWN_KEYS):
            if self._first_time("member", row["key"]):
                text = self._rows("select text from raw_lines where line = $line", line=row["line"])
                value = json.loads(text[0]["text"]).get(row["key"])
                self.writer.leftover(file, row["line"], row["key"], json.dumps(value))

    def _countries(self, file: str) -> None:
        for row in self._rows(sql.COUNTRY_CODES):
            code, line = row["code"], row["line"]
            if code in self.countries:
                continue
            known, country = iso_country(code)
            if not known:
                self._unknown(file, line, "country", code)
            self.countries[code] = country
            self.writer.add(
                "country_codes", {"code": code, "country": country, "record_line": line}
            )

    def _dates(self, file: str) -> None:
        query = f"select $file as file, line, field, value from ({sql.BAD_DATES}) order by all"
        self.writer.write_table("leftovers", self._table(query, file=file))

    def _stakes(self, file: str) -> None:
        self.con.execute(f"create or replace temp table batch_percentages as {sql.PERCENTAGES}")
        values = self._table("select distinct value from batch_percentages where value is not null")
        new = [str(v) for v in values.column("value").to_pylist() if v not in self.stakes]
        parsed: list[tuple[str, float, float, bool, bool]] = []
        for value in new:
            stake = self.stakes[value] = parse_percentage(value)
            if stake is not None:
                parsed.append((value, stake.lo, stake.hi, stake.lo_inclusive, stake.hi_inclusive))
        if parsed:
            self.con.executemany("insert into stakes values (?, ?, ?, ?, ?)", parsed)
        bad = [value for value, stake in self.stakes.items() if stake is None]
        if bad:
            query = "select $file as file, line, 'Ownership.percentage' as field, value "
            query += "from batch_percentages where list_contains($bad, value) order by line"
            self.writer.write_table("leftovers", self._table(query, file=file, bad=bad))
        self.con.execute(sql.OWNERSHIP_STAKES)

    def _memberships(self, file: str) -> None:
        self.con.execute(lists_sql.SANCTION_SOURCES)
        self._check_datasets(file, self._rows(lists_sql.SANCTION_DATASETS))
        self.con.execute(lists_sql.MEMBERSHIPS)

    def _check_datasets(self, file: str, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            dataset, program_id, line = row["dataset"], row["program_id"], row["line"]
            if dataset is None:
                self.writer.leftover(file, line, "Sanction.datasets", "(none): no list known")
                continue
            unknown = self.lists.unknown(dataset, program_id)
            if unknown is not None and self._first_time(*unknown):
                self._unknown(file, line, *unknown)

    def _count_other_schemata(self, file: str) -> None:
        for row in self._rows(sql.OTHER_SCHEMATA):
            counted = self.other_schemata.setdefault(row["schema"], [0, row["line"], file])
            counted[0] += row["entities"]
