"""US OFAC Consolidated (non-SDN) Sanctions List, Enhanced XML (CONS_ENHANCED.ZIP).

NS-CMIC, SSI, NS-PLC, FSE, NS-MBS, CAPTA and NS-ISA entries in one file, each
entity naming its lists explicitly (sanctionsLists), mapped to list codes by
data/reference/ofac_xml_lists.csv; entities also on the SDN list carry it too,
and get an SDN membership here as well. Parser shared with SDN_ENHANCED
(``ofac_xml_parse``); the zip holds CONS_ENHANCED.XML and is read in place.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.ofac_xml_parse import parse_enhanced
from pipelines.sources.ofac_xml_tables import TABLES

SPEC = SourceSpec(
    id="us_ofac_cons_xml",
    title="OFAC Consolidated Sanctions List (non-SDN lists, Enhanced XML)",
    publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
    official_url=(
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
        "CONS_ENHANCED.ZIP"
    ),
    formats=("xml", "zip"),
    cadence_cron="0 */6 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entities",
    # 443 entities on 2025-01-10; the non-SDN lists have stayed well under 2,000.
    expected_rows=(100, 5_000),
    parser_version="1",
    same_records_as="us_ofac_cons",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    parse_enhanced(snapshot.files["data"], writer, options, None)


SOURCE = Source(spec=SPEC, parse=parse)
