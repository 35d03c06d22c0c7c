"""Open a GLEIF golden-copy file and stream its records, whatever the format.

The format is sniffed from the first bytes of the (unzipped) stream, not from
the file name: ``<`` is XML, ``{`` or ``[`` is JSON, anything else is CSV.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipelines.lib.archives import open_data_file
from pipelines.sources.gleif_tree import Node

_HEAD_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Layout:
    """Where one GLEIF file type keeps its records, in each format."""

    namespace: str
    record_tag: str
    header_tag: str
    # CSV column prefixes whose flattened names differ from the XML path
    # (``Relationship.Period.1.startDate`` is RelationshipPeriods/RelationshipPeriod[1]/StartDate).
    csv_renames: tuple[tuple[str, str], ...] = ()
    csv_token_renames: dict[str, str] = field(default_factory=dict)


@dataclass
class Record:
    """One record (``kind="record"``), the file header, or a row that cannot be read.

    ``tree`` is the record's Node, or a function building it: XML records carry
    their lxml ``element`` too, so a source can read a plain-shaped record
    straight from it and build the generic tree only when it must.
    """

    kind: str
    tree: Node | Callable[[], Node]
    line: int | None
    raw: Callable[[], str]
    reason: str | None = None
    element: Any = None
    unwrap_tag: str | None = None

    @property
    def node(self) -> Node:
        tree = self.tree
        if not isinstance(tree, Node):
            tree = tree()
            if self.unwrap_tag is not None:
                tree = unwrap(tree, self.unwrap_tag)
            self.tree = tree
        return tree

    @node.setter
    def node(self, value: Node) -> None:
        self.tree = value


def unwrap(node: Node, record_tag: str) -> Node:
    """JSON items may wrap the record in its element name (``{"RelationshipRecord": {...}}``)."""
    only = node.kids.get(record_tag)
    if len(node.kids) == 1 and only is not None and len(only) == 1 and node.text is None:
        return only[0]
    return node


class _HeadThenRest(io.RawIOBase):
    """Serves the sniffed head bytes again, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            data, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def sniff(head: bytes) -> str:
    first = head.removeprefix(_BOM).lstrip()[:1]
    if first == b"<":
        return "xml"
    if first in (b"{", b"["):
        return "json"
    return "csv"


@contextmanager
def opened(path: Path) -> Iterator[tuple[str, bytes, IO[bytes]]]:
    """``(format, head, stream)``: the stream starts again at the sniffed head."""
    with open_data_file(path) as stream:
        head = stream.read(_HEAD_BYTES)
        body = io.BufferedReader(_HeadThenRest(head, stream), buffer_size=1024 * 1024)
        yield sniff(head), head, body


def records(fmt: str, head: bytes, body: IO[bytes], path: Path, layout: Layout
            ) -> Iterator[Record]:
    # Imported here so each reader module stays independent of the others.
    from pipelines.sources import gleif_csv, gleif_json, gleif_xml

    if fmt == "xml":
        return gleif_xml.records(body, head, path.name, layout)
    if fmt == "json":
        return gleif_json.records(body, head, path.name)
    return gleif_csv.records(body, path.name, layout)


def read(path: Path, layout: Layout) -> Iterator[tuple[str, Iterator[Record]]]:
    """Yield once: ``(format, records)``; the file stays open while the caller iterates."""
    with opened(path) as (fmt, head, body):
        yield fmt, records(fmt, head, body, path, layout)
