"""UK HM Treasury OFSI Consolidated List of Financial Sanctions Targets (ConList.csv).

OFSI closed the Consolidated List on 28 January 2026: the FCDO "UK Sanctions
List" (source ``gb_uk_sanctions_list``) is now the single official list of UK
designations. This source still reads ConList.csv files, for history and for
snapshots taken before the closure; its Group IDs live on in the UK Sanctions
List as OFSIGroupID, so both sources resolve to the same targets.

Layouts: the 2018 one (29 columns, Windows-1252, the real copy in
../shared/data/real/sanctions/uk_ofsi) and the "2022format" one (36 columns:
non-Latin names, passport and national id numbers, alias quality, UK
Sanctions List date designated). Reading is in ``ofsi_read``, mapping in
``ofsi_map``, the staging tables in ``ofsi_tables``.
"""

from __future__ import annotations

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec
from pipelines.sources.ofsi_map import ConListMapper
from pipelines.sources.ofsi_read import ConList
from pipelines.sources.ofsi_tables import TABLES

SPEC = SourceSpec(
    id="gb_hmt_ofsi",
    title=(
        "OFSI Consolidated List of Financial Sanctions Targets (ConList.csv); "
        "closed 28 January 2026 in favour of the UK Sanctions List"
    ),
    publisher="HM Treasury, Office of Financial Sanctions Implementation (OFSI)",
    official_url="https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
    formats=("csv",),
    # Updated on designation days (often several a week) until its closure.
    cadence_cron="0 7 * * *",
    licence="Open Government Licence v3.0",
    tables=TABLES,
    main_table="entries",
    # Targets (Group IDs): 2,106 in April 2018, about 5,000 by 2025.
    expected_rows=(1_500, 20_000),
    parser_version="1",
    same_records_as="gb_uk_sanctions_list",
    max_bytes=512 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage one ConList.csv; ``accept_new_values`` turns an unknown Group Type,
    Alias Type or Alias Quality into a leftover instead of an error."""
    path = snapshot.files["data"]
    file = path.name
    mapper = ConListMapper(writer, file, options.accept_new_values)
    with open_data_file(path) as stream:
        conlist = ConList(stream, file, writer)
        writer.add("publication", {
            "published_on": conlist.published_on, "raw": conlist.published_raw,
            "record_line": conlist.published_line,
        })  # fmt: skip
        for row in conlist.rows():
            mapper.add(row)
    if not mapper.targets:
        raise SourceError(f"{file}: no target in the file (header only, or every row rejected)")
    mapper.finish()


SOURCE = Source(spec=SPEC, parse=parse)
