"""EU consolidated list of persons, groups and entities subject to financial
sanctions (Financial Sanctions Files, FSF), XML 1.1.

Root ``<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate=...>``
holding one ``sanctionEntity`` per listed person (subjectType P) or entity
(E). Records stream through pipelines.sources.safe_xml (no DOCTYPE, no
entity, flat memory) and are mapped by ``eu_fsf_entity`` / ``eu_fsf_parts``.

Download URL: the FSF platform serves the file only with a ``token`` query
parameter, a per-user setting of the FSF site (the token a registered user
sees in the links of the "Financial Sanctions Files" page; the one quoted in
public documentation is ``dG9rZW4tMjAxNw``). ``official_url`` shows the
address with a placeholder; the configured source url must carry the token.
"""

from __future__ import annotations

from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources import safe_xml
from pipelines.sources.base import ParseOptions, Snapshot, Source, SourceError, SourceSpec
from pipelines.sources.eu_fsf_entity import EuEntities
from pipelines.sources.eu_fsf_tables import TABLES
from pipelines.sources.eu_fsf_values import NS, EuValues
from pipelines.sources.listxml import BadDateError, iso_date

ROOT = f"{{{NS}}}export"
ENTITY = f"{{{NS}}}sanctionEntity"
ROOT_ATTRIBUTES = frozenset({"generationDate", "globalFileId"})

SPEC = SourceSpec(
    id="eu_fsf",
    title="EU consolidated financial sanctions list (FSF XML 1.1)",
    publisher="European Commission, DG FISMA (Financial Sanctions Files)",
    official_url=(
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=<token>"
    ),
    formats=("xml",),
    # The Commission republishes whenever the Council amends a regime (often daily).
    cadence_cron="30 */6 * * *",
    licence="European Commission reuse policy (Decision 2011/833/EU), with attribution",
    tables=TABLES,
    main_table="entries",
    expected_rows=(2_000, 20_000),
    parser_version="1",
    max_bytes=2 * 1024**3,
)


def parse(snapshot: Snapshot, writer: StagingWriter, options: ParseOptions) -> None:
    """Stage every sanctionEntity; the root's generationDate is the publication row.

    A wrong root (or namespace), a truncated or empty file, or a file without
    any sanctionEntity stops the stage (SourceError).
    """
    path = snapshot.files["data"]
    name = path.name
    tag = safe_xml.root_tag(path, name)
    if tag != ROOT:
        raise SourceError(f"{name}: root element {tag}, expected {ROOT} (not an FSF 1.1 file)")
    entities: EuEntities | None = None
    publication: dict[str, Any] = {}
    for element in safe_xml.elements(path, ENTITY, name):
        if entities is None:
            root = element.getroottree().getroot()
            publication = _publication(root, name)
            values = EuValues(writer, name, options.accept_new_values,
                              publication["published_on"])  # fmt: skip
            for attribute, value in root.attrib.items():
                if attribute not in ROOT_ATTRIBUTES:
                    values.leftover(root.sourceline, f"export@{attribute}", str(value))
            entities = EuEntities(values)
        entities.read(element)
    if entities is None:
        raise SourceError(f"{name}: no sanctionEntity record (empty list refused)")
    writer.add("publication", publication | {"entities": entities.staged})


def _publication(root: Any, file: str) -> dict[str, Any]:
    generated = root.get("generationDate") or ""
    try:
        published = iso_date(generated)
    except BadDateError as exc:
        raise SourceError(f"{file}: generationDate {generated!r} is not a date ({exc})") from exc
    if published is None:
        raise SourceError(f"{file}: the root has no generationDate (publication date)")
    return {
        "generation_date": generated,
        "published_on": published,  # the Commission's local (Brussels) date
        "global_file_id": root.get("globalFileId"),
        "record_line": root.sourceline,
    }


SOURCE = Source(spec=SPEC, parse=parse)
