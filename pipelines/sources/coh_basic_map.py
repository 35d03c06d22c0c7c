"""Mapping one batch of BasicCompanyData rows to the staging tables, column-wise.

Everything here is pyarrow.compute over whole columns; Python touches single
rows only for the rare ones that are quarantined or reported. Rules:

- Empty fields are null (blank too, for the number, category, status and dates).
- Dates are dd/mm/yyyy, zero-padded as published. A non-empty date that is not
  exactly that, or not a real date (31/02/2019, 1/2/2019,
  "n/a") quarantines the row. A date that parses but falls outside
  [1500-01-01, 2100-12-31] (a typo such as 3017 for 2017) keeps the company,
  whose number, name and status are still good, with that date null, and is
  reported as a leftover (field, raw value): the register must not lose a
  company over one mistyped date, and the value is not silently kept either.
- An empty CompanyNumber quarantines the row: the record names no company.
- CompanyCategory and CompanyStatus must be known display values (case
  ignored); an unknown one stops the parse naming value, file and line, or
  with ``accept_new_values`` is kept (its API key null) and reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.lib.countries import UnknownCountryError, country_code
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import UnknownValueError
from pipelines.sources.coh_basic_columns import (
    CATEGORIES_CSV,
    CATEGORY,
    DATES,
    NUMBER,
    PREVIOUS_NAMES,
    SIC_COLUMNS,
    STATUS,
    STATUSES_CSV,
    TABLES,
    TEXT,
    known_values,
    previous_name_columns,
)
from pipelines.sources.coh_basic_read import Batch, csv_line

DATE_FORMAT = "%d/%m/%Y"
PLAUSIBLE = (dt.date(1500, 1, 1), dt.date(2100, 12, 31))
_DATE_COLUMNS = (*DATES, *(previous_name_columns(seq)[0] for seq in range(1, PREVIOUS_NAMES + 1)))
_NULL_TEXT = pa.scalar(None, pa.string())
# A column here is a pyarrow Array or ChunkedArray (compute kernels return
# either); pyarrow-stubs cannot express that mix through its overloads.
Column = Any
# The reader makes empty fields null; these columns also treat blank (spaces
# only) as null, as a blank key or date is no value. Free text keeps its spaces.
_BLANKABLE = (NUMBER, CATEGORY, STATUS, *_DATE_COLUMNS)
_SIC_CODE = r"^(?P<code>[0-9]{4,5}) - "


def _whole(values: Column) -> Column:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _row_indices(mask: Column) -> list[int]:
    """Positions of the true values of a mask (used for the rare rows handled one by one)."""
    return [int(i) for i in pc.indices_nonzero(mask).to_pylist() if i is not None]


def parse_dates(raw: Column) -> Column:
    """dd/mm/yyyy -> timestamp, null where the text is not exactly a real date.

    Arrow's strptime rolls impossible dates over (31/02/2019 -> 2019-03-03), and
    a roll-over always lands in another month: the parsed month must be the
    month written (characters 4-5 of the 10-character text).
    """
    parsed: Column = pc.strptime(raw, DATE_FORMAT, "s", error_is_null=True)
    length: Column = pc.utf8_length(raw)
    padded = pc.and_(parsed.is_valid(), pc.equal(length, pa.scalar(10, pa.int32())))
    written = pc.if_else(padded, pc.utf8_slice_codeunits(raw, 3, 5), _NULL_TEXT)
    exact = pc.equal(pc.month(parsed), pc.cast(written, pa.int64()))
    return pc.if_else(exact, parsed, pa.scalar(None, parsed.type))


def blank_to_null(column: Column) -> Column:
    blank = pc.equal(pc.utf8_trim_whitespace(column), pa.scalar("", pa.string()))
    return pc.if_else(blank, _NULL_TEXT, column)


class BatchMapper:
    """Stages batches of one parse; holds the options and the writer."""

    def __init__(self, writer: StagingWriter, accept_new_values: bool) -> None:
        self.writer = writer
        self.accept_new_values = accept_new_values

    def stage(self, batch: Batch) -> None:
        table = batch.table.set_column(
            batch.table.schema.get_field_index(NUMBER),
            NUMBER,
            pc.utf8_trim_whitespace(batch.table[NUMBER]),
        )
        for name in _BLANKABLE:
            index = table.schema.get_field_index(name)
            table = table.set_column(index, name, blank_to_null(table[name]))
        parsed = {name: parse_dates(table[name]) for name in _DATE_COLUMNS}
        keep = self._quarantine_bad_rows(batch, table, parsed)
        if keep is not None:
            table, batch = (
                table.filter(keep),
                Batch(batch.file, batch.table, batch.lines.filter(keep)),
            )
            parsed = {name: values.filter(keep) for name, values in parsed.items()}
        dates = {
            name: self._plausible(batch, name, table[name], values)
            for name, values in parsed.items()
        }
        category_key = self._known(batch, CATEGORY, table[CATEGORY], CATEGORIES_CSV)
        status_key = self._known(batch, STATUS, table[STATUS], STATUSES_CSV)
        countries = {
            field: self._country_codes(batch, field, table[field])
            for field in ("RegAddress.Country", "CountryOfOrigin")
        }
        self.writer.write_table(
            "companies", _companies(batch, table, dates, (category_key, status_key), countries)
        )
        self.writer.write_table("previous_names", _previous_names(table, dates))
        self.writer.write_table("sic_codes", _sic_codes(table))

    def _quarantine_bad_rows(
        self, batch: Batch, table: pa.Table, parsed: dict[str, Column]
    ) -> Column | None:
        """Quarantine rows without a number or with an unparseable date; the rows to keep."""
        reasons: list[tuple[Column, str]] = [(table[NUMBER].is_null(), "empty CompanyNumber")]
        for name, values in parsed.items():
            failed = pc.and_(table[name].is_valid(), values.is_null())
            reasons.append((failed, f"unparseable {name} (expected dd/mm/yyyy)"))
        bad = reasons[0][0]
        for mask, _ in reasons[1:]:
            bad = pc.or_(bad, mask)
        if not pc.any(bad).as_py():
            return None
        for index in _row_indices(bad):
            why = "; ".join(reason for mask, reason in reasons if mask[index].as_py())
            raw = csv_line([batch.table[name][index].as_py() for name in batch.table.column_names])
            self.writer.quarantine(batch.file, batch.lines[index].as_py(), why, raw)
        return pc.invert(bad)

    def _plausible(self, batch: Batch, name: str, raw: Column, values: Column) -> Column:
        dates = values.cast(pa.date32())
        low, high = (pa.scalar(day, pa.date32()) for day in PLAUSIBLE)
        outside = pc.or_(pc.less(dates, low), pc.greater(dates, high))
        if not pc.any(outside).as_py():
            return dates
        for index in _row_indices(outside):
            line = batch.lines[index].as_py()
            self.writer.leftover(batch.file, line, name, raw[index].as_py())
        return pc.if_else(outside, pa.scalar(None, pa.date32()), dates)

    def _known(self, batch: Batch, field: str, values: Column, reference: Path) -> Column:
        """The constants.yml key of each value; unknown values raise or are reported."""
        known = known_values(reference)
        index = pc.index_in(pc.utf8_lower(values), value_set=pa.array(list(known), pa.string()))
        for row in _row_indices(index.is_null()):
            value, line = values[row].as_py() or "", batch.lines[row].as_py()
            if not self.accept_new_values:
                raise UnknownValueError(field, value, batch.file, line)
            self.writer.leftover(batch.file, line, field, value)
        return pc.take(pa.array(list(known.values()), pa.string()), index)

    def _country_codes(self, batch: Batch, field: str, values: Column) -> Column:
        """ISO 3166 alpha-2 of free-text country names ("ENGLAND" -> GB), per distinct value.

        Free text, not an enumeration: a name no table knows (a typo, a town)
        gets a null code and is reported as a leftover instead of stopping the
        parse (countries.py and data/reference/country_names.csv list aliases).
        """
        encoded = pc.dictionary_encode(_whole(values))
        codes, unknown = [], []
        for name in encoded.dictionary.to_pylist():
            try:
                codes.append(country_code(name))
            except UnknownCountryError:
                codes.append(None)
                unknown.append(name)
        if unknown:
            mask = pc.is_in(encoded, value_set=pa.array(unknown, pa.string()))
            for row in _row_indices(mask):
                self.writer.leftover(
                    batch.file, batch.lines[row].as_py(), field, values[row].as_py()
                )
        return pc.take(pa.array(codes, pa.string()), encoded.indices)


def _companies(
    batch: Batch,
    table: pa.Table,
    dates: dict[str, Column],
    keys: tuple[Column, Column],
    countries: dict[str, Column],
) -> pa.Table:
    columns = {
        "number": table[NUMBER],
        "category": table[CATEGORY],
        "category_key": keys[0],
        "status": table[STATUS],
        "status_key": keys[1],
        **{staged: table[source] for source, staged in TEXT.items()},
        **{staged: dates[source] for source, staged in DATES.items()},
        "reg_country_code": countries["RegAddress.Country"],
        "country_of_origin_code": countries["CountryOfOrigin"],
        "file": pa.repeat(batch.file, table.num_rows),
        "line": batch.lines,
    }
    return pa.table(columns).select(TABLES["companies"].names).cast(TABLES["companies"])


def _long(table: pa.Table, keep: Column, seq: int, columns: dict[str, Column]) -> pa.Table:
    """The rows of ``keep`` as (number, seq, *columns)."""
    picked = pc.indices_nonzero(keep)
    rows = len(picked)
    return pa.table(
        {
            "number": table[NUMBER].take(picked),
            "seq": pa.repeat(pa.scalar(seq, pa.int64()), rows),
            **{name: values.take(picked) for name, values in columns.items()},
        }
    )


def _previous_names(table: pa.Table, dates: dict[str, Column]) -> pa.Table:
    """One row per filled PreviousName_n pair (n = 1 is the most recent former name)."""
    parts = []
    for seq in range(1, PREVIOUS_NAMES + 1):
        date_column, name_column = previous_name_columns(seq)
        filled = pc.or_(table[name_column].is_valid(), table[date_column].is_valid())
        columns = {"condate": dates[date_column], "name": table[name_column]}
        parts.append(_long(table, filled, seq, columns))
    return pa.concat_tables(parts).cast(TABLES["previous_names"])


def _sic_codes(table: pa.Table) -> pa.Table:
    """One row per filled SICCode.SicText_n; the code is the digits before " - "."""
    parts = []
    for seq, column in enumerate(SIC_COLUMNS, start=1):
        part = _long(table, table[column].is_valid(), seq, {"sic_text": table[column]})
        code = pc.struct_field(pc.extract_regex(part["sic_text"], _SIC_CODE), "code")
        parts.append(part.add_column(2, "sic_code", code))
    return pa.concat_tables(parts).cast(TABLES["sic_codes"])
