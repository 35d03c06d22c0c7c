"""FCDO UK Sanctions List, XML edition (UK-Sanctions-List.xml).

Since 28 January 2026 the single official list of UK sanctions designations:
it replaced the OFSI Consolidated List (source ``gb_hmt_ofsi``). One
``<Designation>`` per UniqueID (e.g. RUS0251) under the root
``<Designations>``, after a ``<DateGenerated>``. A target designated under
two regimes has two designations; its OFSIGroupID (the Group ID of the old
OFSI list) is staged as an identifier so both lists resolve to one target.

No copy of the file is in ../shared: the element layout is documented, with
its sources, in ``uksl_designation``; tests use files written by
``pipelines.lib.demo.lists.uksl_xml``.
"""

from __future__ import annotations

from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources import safe_xml
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec
from pipelines.sources.uk_lists_values import exact_uk_date
from pipelines.sources.uksl_designation import read
from pipelines.sources.uksl_map import DesignationMapper
from pipelines.sources.uksl_tables import TABLES

ROOT = "Designations"

SPEC = SourceSpec(
    id="gb_uk_sanctions_list",
    title="UK Sanctions List (FCDO), XML: the single official list of UK designations since "
    "28 January 2026",
    publisher="Foreign, Commonwealth & Development Office (FCDO)",
    # Linked from https://www.gov.uk/government/publications/the-uk-sanctions-list
    official_url="https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
    formats=("xml",),
    # Updated whenever a designation is made, varied or revoked (often daily).
    cadence_cron="0 */6 * * *",
    licence="Open Government Licence v3.0",
    tables=TABLES,
    main_table="designations",
    # About 6,300 designations in 2026 (4,000 individuals, 1,650 entities, 670 ships).
    expected_rows=(3_000, 25_000),
    parser_version="1",
    max_bytes=1024**3,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage one UK-Sanctions-List.xml; ``accept_new_values`` turns an unknown
    IndividualEntityShip, NameType or AliasStrength into a leftover."""
    path = snapshot.files["data"]
    file = path.name
    root = safe_xml.root_tag(path, file)
    if root != ROOT:
        raise SourceError(f"{file}: root element is <{root}>, expected <{ROOT}>")
    mapper = DesignationMapper(writer, file, options.accept_new_values)
    generated = 0
    for element in safe_xml.elements(path, ("DateGenerated", "Designation"), file):
        if element.tag == "DateGenerated":
            _publication(writer, element, file)
            generated += 1
        else:
            mapper.add(read(element))
    if generated != 1:
        raise SourceError(f"{file}: expected one <DateGenerated>, found {generated}")
    if not mapper.unique_ids:
        raise SourceError(f"{file}: no designation in the file")
    mapper.finish()


def _publication(writer: StagingWriter, element: Any, file: str) -> None:
    raw = (element.text or "").strip()
    try:
        published_on = exact_uk_date(raw)
    except ValueError as exc:
        raise SourceError(f"{file}:{element.sourceline}: bad <DateGenerated> ({exc})") from None
    writer.add("publication", {"published_on": published_on, "raw": raw,
                               "record_line": element.sourceline})


SOURCE = Source(spec=SPEC, parse=parse)
