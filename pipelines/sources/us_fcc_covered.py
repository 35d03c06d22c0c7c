"""FCC Covered List (Secure and Trusted Communications Networks Act), CSV transcription.

The FCC publishes the list only as a web page (https://www.fcc.gov/supplychain/coveredlist);
OpenSanctions keeps its table as CSV. Companies are named in each entry's prose
(``uscn_fcc``); the reading is in ``uscn_csv``.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.uscn_fcc import TABLES, parse_file

SPEC = SourceSpec(
    id="us_fcc_covered",
    title="FCC Covered List (CSV transcription of the web page)",
    publisher="U.S. Federal Communications Commission (transcription: OpenSanctions)",
    official_url=(
        "https://raw.githubusercontent.com/opensanctions/opensanctions/main/"
        "datasets/us/fcc_covered_list/table.csv"
    ),
    formats=("csv",),
    # A few additions a year, by public notice.
    cadence_cron="0 6 * * 1",
    licence=(
        "List: US government work (public domain); transcription: OpenSanctions "
        "repository (its licence terms apply)"
    ),
    tables=TABLES,
    main_table="entries",
    expected_rows=(10, 200),
    parser_version="1",
    max_bytes=10 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """``accept_new_values`` keeps an entry of unknown wording as a leftover."""
    parse_file(snapshot.files["data"], writer, options.accept_new_values)


SOURCE = Source(spec=SPEC, parse=parse)
