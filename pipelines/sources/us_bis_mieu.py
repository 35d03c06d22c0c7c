"""BIS Military-Intelligence End User list (15 CFR 744.22(f)(2)), CSV transcription.

BIS names the end users only in the regulation text and Federal Register rules
(e.g. https://www.federalregister.gov/documents/2021/01/15/2021-00977);
OpenSanctions keeps them as a CSV. Mapping in ``uscn_flat``, reading in ``uscn_csv``.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.uscn_flat import BIS_MIEU, parse_file, tables

SPEC = SourceSpec(
    id="us_bis_mieu",
    title="BIS Military-Intelligence End User list (CSV transcription)",
    publisher="U.S. Department of Commerce, Bureau of Industry and Security "
    "(transcription: OpenSanctions)",
    official_url=(
        "https://raw.githubusercontent.com/opensanctions/opensanctions/main/"
        "datasets/us/bis_mieu/mieu.csv"
    ),
    formats=("csv",),
    # Changed by Federal Register rules, a few times since 2021.
    cadence_cron="0 6 * * 1",
    licence=(
        "List: US government work (public domain); transcription: OpenSanctions "
        "repository (its licence terms apply)"
    ),
    tables=tables(BIS_MIEU),
    main_table="entries",
    expected_rows=(5, 200),
    parser_version="1",
    max_bytes=10 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """``accept_new_values`` keeps an unknown type, topic, program or country as a leftover."""
    parse_file(BIS_MIEU, snapshot.files["data"], writer, options.accept_new_values)


SOURCE = Source(spec=SPEC, parse=parse)
