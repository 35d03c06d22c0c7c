"""US DoD section 1260H list of "Chinese military companies", CSV transcription.

DoD publishes the list only as a PDF per edition (e.g.
https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF)
with a press release; OpenSanctions maintains a CSV transcription of every
edition (one row per company and edition), which is what is fetched. The
mapping is in ``uscn_1260h``; the reading in ``uscn_csv``.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.uscn_1260h import TABLES, parse_file

SPEC = SourceSpec(
    id="us_dod_1260h",
    title="DoD section 1260H Chinese military companies (CSV transcription of the PDF editions)",
    publisher="U.S. Department of Defense (transcription: OpenSanctions)",
    # DoD's own publication is one PDF per edition (see the module docstring),
    # with no machine-readable file; this is the maintained transcription.
    official_url=(
        "https://raw.githubusercontent.com/opensanctions/opensanctions/main/"
        "datasets/us/dod_chinese_milcorps/sanctions.csv"
    ),
    formats=("csv",),
    # Yearly editions plus Federal Register changes in between; the transcription
    # is edited by hand when they appear, so a daily look is plenty.
    cadence_cron="0 6 * * *",
    licence=(
        "List: US government work (public domain); transcription: OpenSanctions "
        "repository (its licence terms apply)"
    ),
    tables=TABLES,
    main_table="entries",
    # 227 companies over the 2021-2026 editions (188 in the 2026 edition).
    expected_rows=(100, 2_000),
    parser_version="1",
    max_bytes=20 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage the transcription. It has no enumeration column, so
    ``accept_new_values`` changes nothing here."""
    parse_file(snapshot.files["data"], writer)


SOURCE = Source(spec=SPEC, parse=parse)
