"""Build GLEIF golden copies and delta files from the real excerpts, with edits.

A document is the real file's root with its header rewritten and its record
list replaced, so every record is a real GLEIF record (or a copy with one
value changed) in the published XML shape.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

GLEIF_EXT = "http://www.gleif.org/data/schema/golden-copy/extensions/1.0"


@dataclass(frozen=True)
class Kind:
    """Where one file type keeps its header and records (namespace, tags)."""

    ns: str
    header: str
    records: str
    record: str


LEI = Kind("http://www.gleif.org/data/schema/leidata/2016", "LEIHeader", "LEIRecords", "LEIRecord")
RR = Kind("http://www.gleif.org/data/schema/rr/2016", "Header", "RelationshipRecords",
          "RelationshipRecord")  # fmt: skip
REPEX = Kind("http://www.gleif.org/data/schema/repex/2016", "Header", "ReportingExceptions",
             "Exception")  # fmt: skip


def records(path: Path, kind: Kind) -> list[Any]:
    root = etree.parse(str(path)).getroot()
    return [copy.deepcopy(r) for r in root.iter(f"{{{kind.ns}}}{kind.record}")]


def write(
    real: Path,
    kind: Kind,
    out: Path,
    items: Iterable[Any],
    content_date: str,
    delta_start: str | None = None,
) -> Path:
    """``real``'s root with ``items`` as its records; a delta header when ``delta_start`` is set."""
    root = copy.deepcopy(etree.parse(str(real)).getroot())
    _header(root, kind, content_date, delta_start)
    container = root.find(f"{{{kind.ns}}}{kind.records}")
    assert container is not None
    for old in list(container):
        container.remove(old)
    container.extend(copy.deepcopy(item) for item in items)
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def _header(root: Any, kind: Kind, content_date: str, delta_start: str | None) -> None:
    header = root.find(f"{{{kind.ns}}}{kind.header}")
    header.find(f"{{{kind.ns}}}ContentDate").text = content_date
    content = header.find(f"{{{kind.ns}}}FileContent")
    content.text = "GLEIF_DELTA_PUBLISHED" if delta_start else "GLEIF_FULL_PUBLISHED"
    if delta_start:
        start = etree.Element(f"{{{kind.ns}}}DeltaStart")
        start.text = delta_start
        content.addnext(start)


def set_text(record: Any, kind: Kind, path: str, value: str) -> Any:
    """A copy of ``record`` with the element at ``path`` (``A/B``, in the kind's ns) set."""
    edited = copy.deepcopy(record)
    steps = "/".join(f"{{{kind.ns}}}{step}" for step in path.split("/"))
    element = edited.find(steps)
    assert element is not None, path
    element.text = value
    return edited


def deleted(record: Any, kind: Kind, at: str) -> Any:
    """A copy of ``record`` as a delta withdraws it: Extension/gleif:Deletion/gleif:DeletedAt."""
    edited = copy.deepcopy(record)
    extension = etree.SubElement(edited, f"{{{kind.ns}}}Extension")
    deletion = etree.SubElement(extension, f"{{{GLEIF_EXT}}}Deletion", nsmap={"gleif": GLEIF_EXT})
    etree.SubElement(deletion, f"{{{GLEIF_EXT}}}DeletedAt").text = at
    return edited
