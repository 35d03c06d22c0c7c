"""US OFAC Specially Designated Nationals list, legacy CSV set.

Four files (sdn, add, alt, sdn_comments) in OFAC's legacy layout; the reading
and mapping are shared with the consolidated non-SDN list (``ofac_csv``,
``ofac_legacy``).
"""

from __future__ import annotations

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceSpec
from pipelines.sources.ofac_legacy import TABLES, LegacyCsvSet
from pipelines.sources.ofac_lists import sdn_rules

SPEC = SourceSpec(
    id="us_ofac_sdn",
    title="OFAC Specially Designated Nationals and Blocked Persons List (legacy CSV)",
    publisher="U.S. Department of the Treasury, Office of Foreign Assets Control",
    official_url="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
    formats=("csv",),
    cadence_cron="0 */6 * * *",
    licence="Public domain (US government work)",
    tables=TABLES,
    main_table="entries",
    expected_rows=(5_000, 40_000),
    parser_version="2",  # 2: memberships, remark fact countries
    # Official names; the fetcher resolves them case-insensitively.
    files={"sdn": "SDN.CSV", "add": "ADD.CSV", "alt": "ALT.CSV", "comments": "SDN_COMMENTS.CSV"},
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage the SDN set: every entry is on the ``us_ofac_sdn`` list, once per program.
    ``accept_new_values`` records unknown program tags as leftovers instead of
    failing (a config switch for the day OFAC adds one)."""
    LegacyCsvSet(snapshot.files, writer, options.accept_new_values, sdn_rules()).parse()


SOURCE = Source(spec=SPEC, parse=parse)
