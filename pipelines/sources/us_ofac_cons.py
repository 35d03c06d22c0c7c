"""US OFAC Consolidated (non-SDN) Sanctions List, legacy CSV set.

Four files (cons_prim, cons_add, cons_alt, cons_comments) in the same legacy
layout as the SDN set (``ofac_csv``, ``ofac_legacy``; OFAC cons_dat_spec.txt).
The file holds several lists at once, told apart only by program tags:
``data/reference/ofac_cons_programs.csv`` names the sub-list of each tag
(NS-CMIC, SSI, NS-PLC, FSE, NS-MBS, CAPTA, NS-ISA), see ``ofac_lists``.
OFAC uids (ent_num) are one id space across the SDN and non-SDN lists, so a
dual-listed entry has the same key in both sources.
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.ofac_legacy import TABLES, LegacyCsvSet
from pipelines.sources.ofac_lists import cons_rules

SPEC = SourceSpec(
    id="us_ofac_cons",
    title="OFAC Consolidated Sanctions List (non-SDN lists, legacy CSV)",
    publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
    official_url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
    formats=("csv",),
    cadence_cron="0 */6 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entries",
    # 442 entries in Dec 2025; the non-SDN lists have stayed in the hundreds.
    expected_rows=(200, 5_000),
    parser_version="1",
    # Official names; the fetcher resolves them case-insensitively.
    files={
        "prim": "CONS_PRIM.CSV",
        "add": "CONS_ADD.CSV",
        "alt": "CONS_ALT.CSV",
        "comments": "CONS_COMMENTS.CSV",
    },
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage the consolidated set, one membership per (entry, sub-list, program).
    ``accept_new_values`` records an unknown program tag as a leftover (and no
    membership, since its sub-list is unknown) instead of failing."""
    LegacyCsvSet(snapshot.files, writer, options.accept_new_values, cons_rules()).parse()


SOURCE = Source(spec=SPEC, parse=parse)
