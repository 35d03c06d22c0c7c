"""OpenSanctions FollowTheMoney export (``entities.ftm.json``) of any dataset or collection.

JSON Lines, one FtM entity per line, every property a list of strings. The
file is read in chunks of lines (psc_lines.read_file, shared with gb_coh_psc)
and each chunk is parsed in DuckDB (ftm_batch.py): parties, addresses,
Sanctions, Ownerships, Directorships and Securities go to their staging
tables (ftm_tables.py); each Sanction is a list membership when its dataset
is one of our lists (data/reference/opensanctions_datasets.csv).
"""

from __future__ import annotations

from pathlib import Path

from pipelines.lib.archives import open_data_file
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec
from pipelines.sources.ftm_batch import FtmBatchParser
from pipelines.sources.ftm_tables import TABLES
from pipelines.sources.ftm_values import dataset_lists
from pipelines.sources.psc_lines import read_file

SPEC = SourceSpec(
    id="opensanctions",
    title="OpenSanctions FollowTheMoney export (entities.ftm.json)",
    publisher="OpenSanctions",
    # Any dataset or collection works: .../latest/<dataset>/entities.ftm.json.
    official_url="https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
    formats=("json",),
    cadence_cron="30 */6 * * *",
    licence="CC BY-NC 4.0 (commercial use needs a licence from OpenSanctions)",
    tables=TABLES,
    main_table="entities",
    # The default collection (about a million parties); a single dataset (us_ofac_sdn:
    # ~18,000 parties) needs expected_rows set in the config.
    expected_rows=(200_000, 5_000_000),
    priority=1,
    parser_version="1",
)


def _refuse_non_lines(path: Path) -> None:
    """An empty file, or a JSON array (another export), is not this format."""
    with open_data_file(path) as stream:
        head = stream.read(4096).lstrip()
    if not head:
        raise SourceError(f"{path.name}: empty file (no FtM entity)")
    if head[:1] != b"{":
        raise SourceError(f"{path.name}: not FtM JSON Lines (first character {head[:1]!r})")


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage the export. ``accept_new_values`` records unknown country codes,
    datasets and programIds as leftovers instead of stopping the stage."""
    path = snapshot.files["data"]
    _refuse_non_lines(path)
    parser = FtmBatchParser(writer, options.accept_new_values, dataset_lists())
    try:
        for batch in read_file(path, writer):
            parser.parse(batch.file, batch.lines)
        parser.finish()
    finally:
        parser.close()
    if parser.entities == 0:
        raise SourceError(f"{path.name}: no readable FtM entity (every line quarantined)")


SOURCE = Source(spec=SPEC, parse=parse)
