"""gb_coh_psc: one batch of raw snapshot lines through DuckDB to the staging tables.

Each batch (Arrow: line, text) is parsed once into a struct by
``sql/parse/gb_coh_psc/lines.sql``; the other files there select the staging
rows from it. Python routes whole Arrow tables, never a record at a time,
except the rare lines (unreadable, unknown kind, exemptions, totals).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.lib.sqlmodels import SQL_DIR, bind, load_macros
from pipelines.lib.staging import StagingWriter
from pipelines.sources import psc_checks
from pipelines.sources.base import UnknownValueError
from pipelines.sources.psc_tables import (
    EXEMPTIONS_KIND,
    IGNORED_FIELDS,
    MAPPED_FIELDS,
    NATURES_CSV,
    PSC_KINDS,
    STATEMENT_KIND,
    STATEMENTS_CSV,
    TOTALS_KIND,
)

PARSE_SQL = SQL_DIR / "parse" / "gb_coh_psc"
_CHECKED_CLASSES = pa.array(["psc", "statement"])


@cache
def _sql(name: str) -> str:
    return (PARSE_SQL / f"{name}.sql").read_text(encoding="utf-8")


@dataclass
class Counts:
    """Lines read, by class. `unclassified` lines (quarantined, or of an accepted
    unknown kind) could be of any class."""

    psc: int = 0
    statements: int = 0
    exemptions: int = 0
    unclassified: int = 0


@dataclass(frozen=True)
class SpecialLine:
    file: str
    line: int
    kind: str
    text: str


@dataclass
class BatchParser:
    writer: StagingWriter
    accept_new_values: bool
    countries: set[str] = field(default_factory=set)
    # Key shapes checked so far -> (unexpected keys, members of a wrong type).
    shapes: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)
    con: duckdb.DuckDBPyConnection = field(init=False)

    def __post_init__(self) -> None:
        # One thread: the stage runs beside other sources' parses, and the
        # JSON functions are per row anyway.
        self.con = duckdb.connect(config={"threads": 1})
        load_macros(self.con)
        self.con.execute(_sql("_macros"))
        for table, path in (("psc_natures", NATURES_CSV), ("psc_statements", STATEMENTS_CSV)):
            self.con.execute(
                f"create table {table} as select * from read_csv($path, header = true, "
                "auto_type_candidates = ['BOOLEAN', 'DOUBLE', 'VARCHAR'])",
                {"path": str(path)},
            )
        classes = [(kind, "psc") for kind in PSC_KINDS] + [
            (STATEMENT_KIND, "statement"),
            (EXEMPTIONS_KIND, "exemptions"),
            (TOTALS_KIND, "totals"),
        ]
        self.con.execute("create table psc_kind_classes (kind varchar, class varchar)")
        self.con.executemany("insert into psc_kind_classes values (?, ?)", classes)

    def close(self) -> None:
        self.con.close()

    def _query(self, name: str, file: str, **extra: Any) -> pa.Table:
        sql = _sql(name)
        values: dict[str, Any] = {
            "file": file,
            "totals_kind": TOTALS_KIND,
            "known_fields": [*MAPPED_FIELDS, *IGNORED_FIELDS],
            **extra,
        }
        return self.con.execute(sql, bind(sql, values)).to_arrow_table()

    def parse(self, file: str, lines: pa.Table) -> Iterator[SpecialLine]:
        """Stage one batch; yields its exemption and totals lines for Python."""
        self.con.register("raw_lines", lines)
        try:
            records = self._query("lines", file)
            self.con.register("psc_records", records)
            records = self._shapes(file, records)
            self._pscs(file, records)
            self._statements(file)
            rare = list(self._rare(file, records))
        finally:
            for name in ("raw_lines", "psc_records"):
                self.con.unregister(name)
        yield from rare

    def _shapes(self, file: str, records: pa.Table) -> pa.Table:
        """Report unexpected keys; quarantine lines with a member of the wrong type.

        Lines of one shape (keys and member types) share the verdict, so each
        shape is checked once per parse, on its first line."""
        checked = records.filter(pc.is_in(records["class"], value_set=_CHECKED_CLASSES))
        firsts = checked.group_by("shape").aggregate([("line", "min")])
        known = pa.array(list(self.shapes), pa.uint64())
        new = firsts.filter(pc.invert(pc.is_in(firsts["shape"], value_set=known)))
        if len(new):
            found = self._query(
                "shapes", file, shapes=new["shape"].to_pylist(), lines=new["line_min"].to_pylist()
            )
            for row in found.to_pylist():
                self.shapes[row["shape"]] = {
                    "unexpected": row["unexpected"],
                    "wrong_types": row["wrong_types"],
                }
        shapes = [int(shape) for shape in firsts["shape"].to_pylist() if shape is not None]
        present = {shape: self.shapes[shape] for shape in shapes}
        odd = [k for k, s in present.items() if s["unexpected"] and not s["wrong_types"]]
        if odd:
            self.writer.write_table("leftovers", self._query("leftovers", file, shapes=odd))
        wrong = {k: ", ".join(s["wrong_types"]) for k, s in present.items() if s["wrong_types"]}
        return self._drop_wrong_types(file, records, wrong) if wrong else records

    def _drop_wrong_types(self, file: str, records: pa.Table, wrong: dict[int, str]) -> pa.Table:
        is_wrong = pc.is_in(records["shape"], value_set=pa.array(list(wrong), pa.uint64()))
        bad = records.filter(is_wrong).select(["line", "shape"]).to_pylist()
        for row in bad:
            reason = f"wrong JSON type of data member(s) {wrong[row['shape']]}"
            self._quarantine_line(file, row["line"], reason)
        kept = records.filter(pc.invert(is_wrong))
        self.con.register("psc_records", kept)
        return kept

    def _quarantine_line(self, file: str, line: int, reason: str) -> None:
        text = self.con.execute(
            "select text from raw_lines where line = $line", {"line": line}
        ).fetchone()
        self.writer.quarantine(file, line, reason, text[0] if text else "")
        self.counts.unclassified += 1

    def _pscs(self, file: str, records: pa.Table) -> None:
        pscs = records.filter(pc.equal(records["class"], pa.scalar("psc")))
        accept = self.accept_new_values
        psc_checks.unknown_descriptions(self.writer, pscs, accept)
        psc_checks.bad_dates(self.writer, pscs)
        self.con.register("psc_rows", pscs)
        try:
            natures = self._query("natures", file)
            psc_checks.unknown_natures(self.writer, natures, accept)
            self.writer.write_table("pscs", pscs)
            self.writer.write_table("natures", natures)
            self.writer.write_table("identifiers", self._query("identifiers", file))
        finally:
            self.con.unregister("psc_rows")
        self.countries |= psc_checks.countries(pscs)
        self.counts.psc += len(pscs)

    def _statements(self, file: str) -> None:
        statements = self._query("statements", file)
        psc_checks.unknown_statements(self.writer, statements, self.accept_new_values)
        psc_checks.bad_dates(self.writer, statements)
        self.writer.write_table("statements", statements)
        self.counts.statements += len(statements)

    def _rare(self, file: str, records: pa.Table) -> Iterator[SpecialLine]:
        rare = records.filter(
            pc.or_kleene(
                pc.is_valid(records["reason"]),
                pc.invert(pc.is_in(records["class"], value_set=_CHECKED_CLASSES)),
            )
        ).select(["line", "kind", "class", "reason"])
        if not len(rare):
            return
        found = self._query("rare", file, lines=rare["line"].to_pylist())
        texts = dict(zip(found["line"].to_pylist(), found["text"].to_pylist(), strict=True))
        for row in sorted(rare.to_pylist(), key=lambda r: int(r["line"])):
            row["text"] = texts[row["line"]]
            line = row["line"]
            if row["reason"] is not None:
                self.writer.quarantine(file, line, row["reason"], row["text"])
                self.counts.unclassified += 1
            elif row["class"] == "unknown":
                if not self.accept_new_values:
                    raise UnknownValueError("kind", row["kind"], file, line)
                self.writer.leftover(file, line, "kind", row["kind"])
                self.counts.unclassified += 1
            else:
                self.counts.exemptions += row["class"] == "exemptions"
                yield SpecialLine(file, line, row["kind"], row["text"])
