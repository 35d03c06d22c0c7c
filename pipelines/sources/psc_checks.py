"""gb_coh_psc: checks on a batch's staged Arrow tables, vectorised.

Unknown enumeration values (a new nature of control, statement or
super-secure description) stop the parse with the value, file and line,
unless new values are accepted, when they become leftovers. Dates that do
not read as dates are leftovers too. All of this runs on whole columns.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import UnknownValueError
from pipelines.sources.psc_tables import SUPER_SECURE_DESCRIPTIONS

# Columns of a pscs batch holding free-text countries.
COUNTRY_COLUMNS = (
    "address_country",
    "principal_office_country",
    "country_registered",
    "country_of_residence",
)


def unknown_values(
    writer: StagingWriter, rows: pa.Table, field: str, column: str, accept: bool
) -> None:
    """Every row of ``rows`` carries an unknown ``column`` value."""
    for row in rows.select(["file", "line", column]).to_pylist():
        value = "null" if row[column] is None else str(row[column])
        if not accept:
            raise UnknownValueError(field, value, row["file"], row["line"])
        writer.leftover(row["file"], row["line"], field, value)


def unknown_natures(writer: StagingWriter, natures: pa.Table, accept: bool) -> None:
    unknown = natures.filter(pc.is_null(natures["basis"]))
    unknown_values(writer, unknown, "natures_of_control", "nature", accept)


def unknown_statements(writer: StagingWriter, statements: pa.Table, accept: bool) -> None:
    unknown = statements.filter(pc.invert(statements["is_known"]))
    unknown_values(writer, unknown, "statement", "statement", accept)


def unknown_descriptions(writer: StagingWriter, pscs: pa.Table, accept: bool) -> None:
    described = pc.is_valid(pscs["description"])
    known = pc.is_in(pscs["description"], value_set=pa.array(SUPER_SECURE_DESCRIPTIONS))
    unknown = pscs.filter(pc.and_(described, pc.invert(known)))
    unknown_values(writer, unknown, "description", "description", accept)


def bad_dates(writer: StagingWriter, rows: pa.Table) -> None:
    """Dates given but unreadable: null in staging, reported here."""
    for typed, raw in (("notified_on", "notified_raw"), ("ceased_on", "ceased_raw")):
        bad = rows.filter(pc.and_(pc.is_valid(rows[raw]), pc.is_null(rows[typed])))
        for row in bad.select(["file", "line", raw]).to_pylist():
            writer.leftover(row["file"], row["line"], f"data.{typed}", row[raw])


def countries(pscs: pa.Table) -> set[str]:
    found: set[str] = set()
    for column in COUNTRY_COLUMNS:
        found.update(v for v in pc.unique(pscs[column]).to_pylist() if v is not None)
    return found
