"""The parser both OFAC Enhanced XML sources share (SDN_ENHANCED, CONS_ENHANCED).

The file is streamed section by section through ``safe_xml.elements`` (no
DOCTYPE, no entity expansion, each entity released once read): the header
sections come first and fill the context the entities are read with. A file
that is empty, has another root element, lacks a section or ends early is a
SourceError naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, SourceError
from pipelines.sources.ofac_xml_context import Context
from pipelines.sources.ofac_xml_entity import stage_entity
from pipelines.sources.ofac_xml_header import (
    read_feature_types,
    read_publication,
    read_reference_values,
)
from pipelines.sources.ofac_xml_tables import NS, ROOT, tag
from pipelines.sources.safe_xml import elements, root_tag

_SECTIONS = ("publicationInfo", "referenceValues", "featureTypes", "entity", "entities")
_HEADER = ("publicationInfo", "referenceValues", "featureTypes")


def parse_enhanced(
    path: Path,
    writer: StagingWriter,
    options: ParseOptions,
    list_codes: frozenset[str] | None,
) -> None:
    """Stage one Enhanced XML file (or a zip holding it). ``list_codes``: the lists
    whose memberships this source writes (None: every list the file names)."""
    file = path.name
    root = root_tag(path)
    if root != ROOT:
        raise SourceError(f"{file}: root element {root}, expected sanctionsData of {NS}")
    ctx = Context(writer, file, options.accept_new_values)
    seen: set[int] = set()
    read: dict[str, Any] = {}
    for element in elements(path, tuple(tag(name) for name in _SECTIONS)):
        section = etree.QName(element).localname
        if section == "entity":
            _require_header(file, read, element.sourceline)
            stage_entity(ctx, element, seen, list_codes)
        elif section == "publicationInfo":
            read[section] = read_publication(ctx, element)
        elif section == "referenceValues":
            read_reference_values(ctx, element)
        elif section == "featureTypes":
            read_feature_types(ctx, element)
        read.setdefault(section, True)
    _require_header(file, read, None)
    if "entities" not in read:
        raise SourceError(f"{file}: no entities section")
    writer.add("publication", read["publicationInfo"] | {"entity_count": len(seen)})


def _require_header(file: str, read: dict[str, Any], line: int | None) -> None:
    missing = [name for name in _HEADER if name not in read]
    if missing:
        where = file if line is None else f"{file}:{line}"
        raise SourceError(f"{where}: {', '.join(missing)} missing before the entities")
