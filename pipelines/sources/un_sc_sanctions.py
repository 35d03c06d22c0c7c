"""UN Security Council Consolidated List, XML (``consolidated.xml``).

Root ``<CONSOLIDATED_LIST dateGenerated="...">`` holding ``INDIVIDUALS`` and
``ENTITIES``; each INDIVIDUAL or ENTITY record is read as it streams
(pipelines.sources.safe_xml: no DOCTYPE, no entity, flat memory) and mapped by
``un_sc_record`` / ``un_sc_parts``. The record key is DATAID (stable across
versions); REFERENCE_NUMBER (QDi.001) is the human key, scheme ``un-sc``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources import safe_xml
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec
from pipelines.sources.listxml import BadDateError, iso_date
from pipelines.sources.un_sc_record import UnRecords
from pipelines.sources.un_sc_tables import TABLES

ROOT = "CONSOLIDATED_LIST"
RECORDS = ("INDIVIDUAL", "ENTITY")

SPEC = SourceSpec(
    id="un_sc_sanctions",
    title="UN Security Council Consolidated List (XML)",
    publisher="United Nations Security Council (Security Council Affairs Division)",
    official_url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    formats=("xml",),
    # The UN publishes whenever a committee acts (several times a month).
    cadence_cron="15 */6 * * *",
    licence="United Nations public information (UN terms of use)",
    tables=TABLES,
    main_table="entries",
    expected_rows=(500, 5_000),
    parser_version="1",
    max_bytes=500 * 1024**2,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage every record of the file; the root's dateGenerated is the publication row.

    A wrong root, a truncated or empty file, or a file without any record
    stops the stage (SourceError): the list is never taken as empty.
    """
    path = snapshot.files["data"]
    name = path.name
    tag = safe_xml.root_tag(path, name)
    if tag != ROOT:
        raise SourceError(f"{name}: root element <{tag}>, expected <{ROOT}> (not a UN list)")
    records: UnRecords | None = None
    root_line, generated = 1, ""
    for element in safe_xml.elements(path, RECORDS, name):
        if records is None:
            root = element.getroottree().getroot()
            root_line, generated = root.sourceline, root.get("dateGenerated") or ""
            records = UnRecords(writer, name, options.accept_new_values,
                                _published(generated, name))  # fmt: skip
        records.read(element)
    if records is None:
        raise SourceError(f"{name}: no INDIVIDUAL or ENTITY record (empty list refused)")
    writer.add("publication", _publication(generated, name, records, root_line))


def _published(generated: str, file: str) -> date:
    try:
        published = iso_date(generated)
    except BadDateError as exc:
        raise SourceError(f"{file}: dateGenerated {generated!r} is not a date ({exc})") from exc
    if published is None:
        raise SourceError(f"{file}: the root has no dateGenerated (publication date)")
    return published


def _publication(generated: str, file: str, records: UnRecords, line: int) -> dict[str, Any]:
    return {
        "date_generated": generated,
        "published_on": _published(generated, file),
        "individuals": records.staged["INDIVIDUAL"],
        "entities": records.staged["ENTITY"],
        "record_line": line,
    }


SOURCE = Source(spec=SPEC, parse=parse)
