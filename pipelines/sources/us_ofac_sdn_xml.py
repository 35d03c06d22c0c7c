"""US OFAC Specially Designated Nationals list, Enhanced XML (SDN_ENHANCED.XML).

The Sanctions List Service's richest SDN format: typed features, identity
documents, name translations and machine-readable relationships between
entities ("Owned or Controlled By"...). Parsed by the parser shared with the
consolidated non-SDN list (``ofac_xml_parse``); memberships are written for
the SDN list only (an SDN entity's other lists come from CONS_ENHANCED).
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.ofac_xml_parse import parse_enhanced
from pipelines.sources.ofac_xml_tables import TABLES

LIST_CODE = "us_ofac_sdn"

SPEC = SourceSpec(
    id="us_ofac_sdn_xml",
    title="OFAC Specially Designated Nationals and Blocked Persons List (Enhanced XML)",
    publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
    official_url=(
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
        "SDN_ENHANCED.XML"
    ),
    formats=("xml",),
    cadence_cron="0 */6 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entities",
    # About 18,000 entities in 2025 (the legacy sdn.csv had 14,965 rows in May 2024).
    expected_rows=(5_000, 40_000),
    parser_version="1",
    same_records_as="us_ofac_sdn",
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    parse_enhanced(snapshot.files["data"], writer, options, frozenset({LIST_CODE}))


SOURCE = Source(spec=SPEC, parse=parse)
