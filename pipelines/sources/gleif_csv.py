"""Stream GLEIF CSV golden copies, rebuilding each row into the XML record shape.

GLEIF flattens the XML record into dotted column names (GLEIF golden-copy CSV
layout; no real copy was available, see PROVENANCE.md):
- nested elements are joined with ``.``: ``Entity.LegalAddress.City``;
- the n-th occurrence of a repeating element is ``<Element>.<n>``:
  ``Entity.OtherEntityNames.OtherEntityName.2``, ``Entity.SuccessorEntity.1.SuccessorLEI``;
- attributes are a trailing lower-case token: ``.xmllang`` (``xml:lang``), ``.type``,
  ``.event_status``, ``.group_type`` …
RR and repex rename a few prefixes (``Relationship.Period.1.startDate``,
``Exception.Reason.1``); the layout lists those renames. Empty cells are absent
values. ``record_line`` is the 1-based data row (the header is row 0).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO

from pipelines.sources.base import SourceError
from pipelines.sources.gleif_read import Layout, Record
from pipelines.sources.gleif_tree import Node

# Trailing tokens that are XML attributes, not elements (LEI-CDF 3.1 attributes).
ATTRIBUTES = {
    "xmllang": "xml:lang",
    "type": "type",
    "event_status": "event_status",
    "group_type": "group_type",
    "group_id": "group_id",
    "group_sequence_no": "group_sequence_no",
    "field_xpath": "field_xpath",
}

Steps = tuple[tuple[str, int], ...]


def column_path(header: str, layout: Layout) -> tuple[Steps, str | None]:
    """``Entity.OtherEntityNames.OtherEntityName.2.type`` -> steps with indexes, attribute."""
    for old, new in layout.csv_renames:
        if header == old or header.startswith(old + "."):
            header = new + header[len(old) :]
            break
    tokens = [layout.csv_token_renames.get(token, token) for token in header.split(".")]
    attribute = ATTRIBUTES.get(tokens[-1]) if len(tokens) > 1 else None
    if attribute is not None:
        tokens.pop()
    steps: list[tuple[str, int]] = []
    for token in tokens:
        if token.isdigit() and steps:
            steps[-1] = (steps[-1][0], int(token))
        else:
            steps.append((token, 1))
    return tuple(steps), attribute


def _insert(root: Node, steps: Steps, attribute: str | None, value: str) -> None:
    node = root
    for name, index in steps:
        siblings = node.kids.setdefault(name, [])
        while len(siblings) < index:
            siblings.append(Node(line=root.line))
        node = siblings[index - 1]
    if attribute is None:
        node.text = value
    else:
        node.attrs[attribute] = value


def _prune(node: Node) -> None:
    """Drop the placeholder elements of empty numbered columns (``...Name.4`` when blank)."""
    for name in list(node.kids):
        for kid in node.kids[name]:
            _prune(kid)
        node.kids[name] = [kid for kid in node.kids[name] if not kid.is_empty()]
        if not node.kids[name]:
            del node.kids[name]


def row_node(columns: list[tuple[Steps, str | None]], row: list[str], line: int) -> Node:
    root = Node(line=line)
    for (steps, attribute), value in zip(columns, row, strict=True):
        if value != "":
            _insert(root, steps, attribute, value)
    _prune(root)
    return root


def records(stream: IO[bytes], file_name: str, layout: Layout) -> Iterator[Record]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise SourceError(f"{file_name}: empty CSV file")
        columns = [column_path(name, layout) for name in header]
        yield from _rows(reader, header, columns, file_name)
    except csv.Error as exc:
        raise SourceError(f"{file_name}:{reader.line_num}: not well-formed CSV ({exc})") from exc


def _rows(
    reader: Iterator[list[str]],
    header: list[str],
    columns: list[tuple[Steps, str | None]],
    file_name: str,
) -> Iterator[Record]:
    pending: tuple[int, list[str]] | None = None
    for line, row in enumerate(reader, 1):
        if pending is not None:
            yield _record(pending[0], pending[1], header, columns)
        pending = (line, row)
    if pending is not None:
        if len(pending[1]) != len(header):
            # A short last row is what a cut-off download looks like.
            raise SourceError(f"{file_name}:{pending[0]}: truncated CSV (last row is incomplete)")
        yield _record(pending[0], pending[1], header, columns)


def _record(
    line: int, row: list[str], header: list[str], columns: list[tuple[Steps, str | None]]
) -> Record:
    if len(row) != len(header):
        reason = f"row has {len(row)} fields, header has {len(header)}"
        return Record("malformed", Node(line=line), line, lambda: _csv_line(row), reason)
    raw = dict(zip(header, row, strict=True))
    node = row_node(columns, row, line)
    return Record(
        "record",
        node,
        line,
        lambda: json.dumps(
            {key: value for key, value in raw.items() if value != ""}, ensure_ascii=False
        ),
    )


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(row)
    return out.getvalue().rstrip("\r\n")
