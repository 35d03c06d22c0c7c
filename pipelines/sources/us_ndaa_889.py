"""NDAA FY2019 section 889 (Pub. L. 115-232) named companies, CSV transcription.

Congress names the five companies in the statute
(https://www.congress.gov/115/plaws/publ232/PLAW-115publ232.pdf); OpenSanctions
keeps them as a CSV. Mapping in ``uscn_flat``, reading in ``uscn_csv``.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.uscn_flat import NDAA_889, parse_file, tables

SPEC = SourceSpec(
    id="us_ndaa_889",
    title="NDAA FY2019 section 889 covered telecommunications companies (CSV transcription)",
    publisher="U.S. Congress (transcription: OpenSanctions)",
    official_url=(
        "https://raw.githubusercontent.com/opensanctions/opensanctions/main/"
        "datasets/us/special_leg/source_files/section_889.csv"
    ),
    formats=("csv",),
    # Only an act of Congress changes it.
    cadence_cron="0 6 * * 1",
    licence=(
        "List: US government work (public domain); transcription: OpenSanctions "
        "repository (its licence terms apply)"
    ),
    tables=tables(NDAA_889),
    main_table="entries",
    expected_rows=(3, 50),
    parser_version="1",
    max_bytes=10 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """``accept_new_values`` keeps an unknown schema, topic, program or country as a leftover."""
    parse_file(NDAA_889, snapshot.files["data"], writer, options.accept_new_values)


SOURCE = Source(spec=SPEC, parse=parse)
