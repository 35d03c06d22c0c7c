"""Reading a plain-shaped GLEIF XML record straight from lxml, without the generic tree.

Building a ``Node`` tree per record and walking its leaves costs far more than
parsing the XML. Nearly every record has the plain shape the schema describes,
so each source reads such records directly from the lxml element, with tag
tables precomputed. Anything else (an unknown element or attribute, a comment,
text where none belongs, a repeated single-valued element, a value outside an
enumeration, a record to quarantine) raises ``Irregular``: the source then
handles that record through the generic tree, whose rows, leftovers and errors
are the reference. The fast path therefore never decides anything itself; it
only produces what the generic path would produce for records it fully knows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pipelines.sources.gleif_tree import GLEIF_EXT_NS, XML_NS

XML_LANG = f"{{{XML_NS}}}lang"
GEOCODING = f"{{{GLEIF_EXT_NS}}}Geocoding"
NO_ATTRS: frozenset[str] = frozenset()


T = TypeVar("T")


class Irregular(Exception):
    """The record is not in the plain shape: read it through the generic tree."""


def plain(element: Any, read: Callable[[Any], T]) -> T | None:
    """``read(element)`` for a plain record; None when the generic tree must decide
    (no element, or ``Irregular``)."""
    if element is None:
        return None
    try:
        return read(element)
    except Irregular:
        return None


def tags(ns: str, names: dict[str, str]) -> dict[str, str]:
    """``{"{ns}Local": column}`` for ``{"Local": column}``."""
    return {f"{{{ns}}}{name}": column for name, column in names.items()}


def leaf(element: Any, attrs: frozenset[str] = NO_ATTRS) -> Any:
    """Text of an element that must have no child nodes and only ``attrs`` attributes."""
    if len(element):
        raise Irregular
    keys = element.keys()
    if keys and not attrs.issuperset(keys):
        raise Irregular
    return element.text


def kids(element: Any, attrs: frozenset[str] = NO_ATTRS) -> Any:
    """An element holding child elements only (blank text), with only ``attrs`` attributes."""
    if not len(element):
        raise Irregular
    keys = element.keys()
    if keys and not attrs.issuperset(keys):
        raise Irregular
    text = element.text
    if text is not None and not text.isspace():
        raise Irregular
    return element


def put(row: dict[str, Any], column: str | None, value: Any) -> None:
    """Set a single-valued column once; an unknown tag or a repeat is irregular."""
    if column is None or column in row:
        raise Irregular
    row[column] = value


def fill(element: Any, table: dict[str, str], row: dict[str, Any]) -> None:
    """Leaf children of ``element`` into ``row``, by the ``{tag: column}`` table."""
    for kid in kids(element):
        put(row, table.get(kid.tag), leaf(kid))


def enum(value: Any, allowed: frozenset[str]) -> Any:
    if value is not None and value not in allowed:
        raise Irregular
    return value


def check_enums(row: dict[str, Any], enums: dict[str, frozenset[str]]) -> None:
    for column, allowed in enums.items():
        value = row.get(column)
        if value is not None and value not in allowed:
            raise Irregular


def geocoding_only(extension: Any) -> None:
    """An Extension holding nothing but gleif:Geocoding blocks (ignored) is plain."""
    if extension.keys():
        raise Irregular
    for kid in extension:
        if kid.tag != GEOCODING or kid.prefix != "gleif":
            raise Irregular


# Registration fields Level 1 and Level 2 records share (LEI-CDF 3.1, RR-CDF 2.1).
REGISTRATION_FIELDS = {
    "InitialRegistrationDate": "initial_registration_date",
    "LastUpdateDate": "last_update_date",
    "RegistrationStatus": "registration_status",
    "NextRenewalDate": "next_renewal_date",
    "ManagingLOU": "managing_lou",
    "ValidationSources": "validation_sources",
}
