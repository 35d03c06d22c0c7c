"""UK Companies House Free Company Data Product (BasicCompanyData), monthly.

One CSV of every live company on the register (about 5.5 million rows, 55
columns, 2.5 GB), shipped zipped as one file or as parts that each repeat the
header. Input may be one CSV, one zip, or a snapshot of several part zips
(fetched from a folder or the download page with ``SPEC.part_pattern``); the
parts are read in name order, each streamed in Arrow batches (``coh_basic_read``)
and mapped column-wise (``coh_basic_map``).
"""

from __future__ import annotations

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.coh_basic_columns import TABLES
from pipelines.sources.coh_basic_map import BatchMapper
from pipelines.sources.coh_basic_read import read_batches

SPEC = SourceSpec(
    id="gb_coh_companies",
    title="Companies House Free Company Data Product (BasicCompanyData)",
    publisher="Companies House (UK)",
    official_url="https://download.companieshouse.gov.uk/en_output.html",
    formats=("csv",),
    # Published within the first days of each month; look daily in that window.
    cadence_cron="0 6 1-7 * *",
    licence="Open Government Licence v3.0",
    tables=TABLES,
    main_table="companies",
    # About 5.5 million live companies (5,689,367 rows in 2025-26 snapshots).
    expected_rows=(4_500_000, 7_500_000),
    priority=2,
    parser_version="1",
    # The parts of the newest month: BasicCompanyData-2025-01-01-part1_7.zip ...
    part_pattern=r"^BasicCompanyData-(?P<date>\d{4}-\d{2}-\d{2})-part(?P<part>\d+)_(?P<of>\d+)\.zip$",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage every file of the snapshot (one CSV or zip, or the month's parts)."""
    mapper = BatchMapper(writer, options.accept_new_values)
    for logical in sorted(snapshot.files):
        path = snapshot.files[logical]
        with open_data_file(path) as stream:
            for batch in read_batches(stream, path.name, writer):
                mapper.stage(batch)


SOURCE = Source(spec=SPEC, parse=parse)
