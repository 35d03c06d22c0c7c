"""One in-memory shape for a GLEIF record, whatever the file format.

GLEIF publishes the same record as XML, as JSON (a BadgerFish mapping of that
XML: text under ``"$"``, attributes as ``"@type"`` / ``"@xml:lang"``) and as
flattened CSV. Each reader turns one record into a small ``Node`` tree keyed
by the XML local names, so a single mapper per source serves all three formats
and the formats cannot drift apart. A tree lives only while its record is
processed: nothing here ever holds the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# Golden-copy extension namespace: its elements keep the ``gleif:`` prefix, as
# the JSON golden copy spells them (``"gleif:conformity"``).
GLEIF_EXT_NS = "http://www.gleif.org/data/schema/golden-copy/extensions/1.0"
_ATTR_PREFIXES = {XML_NS: "xml", XSI_NS: "xsi"}


@dataclass
class Node:
    """An element: its text, attributes (``xml:lang``, ``type``) and child elements."""

    line: int | None = None
    text: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    kids: dict[str, list[Node]] = field(default_factory=dict)

    def all(self, path: str) -> list[Node]:
        """Every node at a ``/``-separated path of child names."""
        nodes = [self]
        for name in path.split("/"):
            nodes = [kid for node in nodes for kid in node.kids.get(name, [])]
        return nodes

    def one(self, path: str) -> Node | None:
        nodes = self.all(path)
        return nodes[0] if nodes else None

    def get(self, path: str) -> str | None:
        """Text at ``a/b/c`` or attribute at ``a/b/@type``; None when absent."""
        head, _, attr = path.partition("@")
        node = self.one(head.rstrip("/")) if head else self
        if node is None:
            return None
        return node.attrs.get(attr) if attr else node.text

    def texts(self, path: str) -> list[str]:
        return [node.text for node in self.all(path) if node.text is not None]

    def is_empty(self) -> bool:
        return self.text is None and not self.attrs and not self.kids


def leaves(node: Node, prefix: str = "") -> Iterator[tuple[str, str, int | None]]:
    """``(path, value, line)`` for every text, attribute and empty element."""
    for name, value in node.attrs.items():
        yield f"{prefix}@{name}", value, node.line
    if node.text is not None:
        yield prefix.rstrip("/"), node.text, node.line
    elif not node.kids and not node.attrs:
        yield prefix.rstrip("/"), "", node.line
    for name, kids in node.kids.items():
        for kid in kids:
            yield from leaves(kid, f"{prefix}{name}/")


# --- XML ---------------------------------------------------------------------------------------


def _name(qname: str, prefix: str | None, main_ns: frozenset[str]) -> str:
    parsed = etree.QName(qname)
    if parsed.namespace is None or parsed.namespace in main_ns:
        return parsed.localname
    if prefix:
        return f"{prefix}:{parsed.localname}"
    return f"{{{parsed.namespace}}}{parsed.localname}"


def _attr_name(qname: str) -> str:
    parsed = etree.QName(qname)
    if parsed.namespace is None:
        return parsed.localname
    known = _ATTR_PREFIXES.get(parsed.namespace)
    return f"{known}:{parsed.localname}" if known else qname


def from_xml(element: Any, main_ns: frozenset[str], line_offset: int = 0) -> Node:
    """Tree of one lxml element; elements of ``main_ns`` are named by local name.

    ``line_offset`` turns the lines of a document cut from a larger file (a
    ``gleif_parallel`` chunk) into the file's lines."""
    children = [kid for kid in element if isinstance(kid.tag, str)]  # skip comments, PIs
    text = element.text
    if children and text is not None:
        # Indentation between child elements is not data; anything else is kept
        # (and then reported as a leftover, since no mapped path carries it).
        text = text.strip() or None
    node = Node(line=element.sourceline + line_offset, text=text)
    node.attrs = {_attr_name(key): value for key, value in element.attrib.items()}
    for kid in children:
        name = _name(kid.tag, kid.prefix, main_ns)
        node.kids.setdefault(name, []).append(from_xml(kid, main_ns, line_offset))
    return node


# --- JSON (BadgerFish) -------------------------------------------------------------------------


def from_json(value: Any, line: int) -> Node:
    """Tree of one BadgerFish value: ``{"$": text, "@attr": v, "Child": {...} | [...]}``."""
    node = Node(line=line)
    if value is None:
        return node
    if not isinstance(value, Mapping):
        node.text = str(value)
        return node
    for key, item in value.items():
        if key == "$":
            node.text = None if item is None else str(item)
        elif key.startswith("@"):
            node.attrs[key[1:]] = str(item)
        else:
            items = item if isinstance(item, list) else [item]
            node.kids[key] = [from_json(kid, line) for kid in items]
    return node
