"""US Consolidated Screening List (trade.gov), the 29-column CSV.

One file holds the export and sanctions lists of Commerce (BIS Entity List,
MEU, Unverified, Denied Persons), State (ITAR debarred, nonproliferation) and
Treasury (SDN and the non-SDN lists). Each row is one entry of one list; the
``source`` column names the list. Reading is in ``csl_read``, the mapping in
``csl_map`` and ``csl_ids``, the tables in ``csl_tables``.

Entry key: the CSL ``_id`` (for Treasury rows the OFAC ent_num; for BIS and
State rows an opaque hash that the CSL may recompute between versions). A row
without one gets a hash of its list code, name and addresses: no row numbers,
so the key survives rows being added or removed around it.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.csl_map import CslRows
from pipelines.sources.csl_read import read_rows
from pipelines.sources.csl_tables import HEADERS, TABLES

SPEC = SourceSpec(
    id="us_trade_csl",
    title="US Consolidated Screening List (CSV)",
    publisher="U.S. Department of Commerce, International Trade Administration",
    official_url="https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    formats=("csv",),
    # ITA rebuilds the file daily from the agencies' lists.
    cadence_cron="0 6 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entries",
    # About 14,000 rows in 2022 (10,000 of them SDN), growing since.
    expected_rows=(8_000, 60_000),
    parser_version="1",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage every row; unknown lists, types, OFAC programs, id types and citizenship
    countries fail the stage unless ``accept_new_values`` (then leftovers)."""
    path = snapshot.files["data"]
    rows = CslRows(writer, path.name, options.accept_new_values)
    for row in read_rows(path, path.name, HEADERS, writer):
        rows.add(row)


SOURCE = Source(spec=SPEC, parse=parse)
