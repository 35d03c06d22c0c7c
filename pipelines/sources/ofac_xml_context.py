"""What every part of the Enhanced XML parser shares: the writer, the file, the
file's own reference values, and strict readers of text, flags, numbers and dates.

A value that cannot be read is never guessed: a date that does not exist or
lies outside the plausible range, a flag that is neither true nor false, an
id that is not a number becomes null in its column and a leftover carrying
the raw text (the record itself is quarantined only when that value is
essential, e.g. the entity id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from lxml import etree

from pipelines.lib.countries import country_code
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import UnknownValueError
from pipelines.sources.lists import known_value
from pipelines.sources.ofac_xml_tables import path, tag

# Dates outside this range are typing errors (year 3017), not facts. The upper
# bound is far out because documents expire and directives take effect later.
EARLIEST = date(1800, 1, 1)
LATEST = date(2200, 12, 31)
_RAW_LIMIT = 2000


@dataclass(frozen=True)
class ReferenceValue:
    type: str
    value: str
    iso_code: str | None


@dataclass
class Context:
    writer: StagingWriter
    file: str
    accept_new_values: bool
    # refId -> value, and featureTypeId -> detail type (DATE, COUNTRY, ...): the
    # file's own lookup tables, read from its header before any entity.
    references: dict[int, ReferenceValue] = field(default_factory=dict)
    detail_types: dict[int, str] = field(default_factory=dict)

    def text(self, element: Any, child: str) -> str | None:
        # iterchildren: a direct child, twice as fast as find() (millions of calls).
        found = next(element.iterchildren(path(child)), None)
        if found is None or found.text is None:
            return None
        return str(found.text).strip() or None

    def known(self, values: frozenset[str], field_name: str, value: str, line: int | None) -> bool:
        return known_value(
            self.writer, values, field_name, value, (self.file, line), self.accept_new_values
        )

    def leftover(self, line: int | None, field_name: str, value: str) -> None:
        self.writer.leftover(self.file, line, field_name, value)

    def quarantine(self, element: Any, reason: str) -> None:
        raw = etree.tostring(element, encoding="unicode")[:_RAW_LIMIT]
        self.writer.quarantine(self.file, element.sourceline, reason, raw)

    def flag(self, element: Any, child: str) -> bool | None:
        raw = self.text(element, child)
        if raw is None:
            return None
        if raw in ("true", "false"):
            return raw == "true"
        self.leftover(element.sourceline, child, raw)
        return None

    def integer(self, raw: str | None, line: int | None, field_name: str) -> int | None:
        if raw is None or not raw.strip():
            return None
        try:
            return int(raw)
        except ValueError:
            self.leftover(line, field_name, raw)
            return None

    def day(self, raw: str | None, line: int | None, field_name: str) -> date | None:
        """An ISO date (a ``T00:00:00`` time part is allowed), or null and a leftover."""
        if raw is None or not raw.strip():
            return None
        try:
            value = date.fromisoformat(raw.strip()[:10])
        except ValueError:
            value = None
        if value is None or not EARLIEST <= value <= LATEST:
            self.leftover(line, field_name, raw)
            return None
        return value

    def country(self, element: Any | None, line: int | None) -> tuple[str | None, str | None]:
        """(name, ISO alpha-2) of a country element (``<country refId="...">Name</country>``)."""
        if element is None or element.text is None:
            return None, None
        name = str(element.text).strip()
        return name, self.country_code(name, element.get("refId"), line)

    def country_code(self, name: str | None, ref_id: str | int | None, line: int | None
                     ) -> str | None:  # fmt: skip
        """The isoCode the file's referenceValues give ``ref_id``, else the name's
        code through data/reference/country_names.csv (for the few without one)."""
        if not name:
            return None
        ref = self.references.get(self.integer(str(ref_id or ""), line, "country refId") or -1)
        if ref is not None and ref.iso_code:
            return ref.iso_code
        try:
            return country_code(name)
        except KeyError:
            if not self.accept_new_values:
                raise UnknownValueError("country", name, self.file, line) from None
            self.leftover(line, "country", name)
            return None

    def unexpected(self, element: Any, expected: frozenset[str]) -> None:
        """A leftover for each child element the schema did not have when this was written."""
        known = _clark(expected)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in known:
                local = etree.QName(child).localname
                value = " ".join("".join(child.itertext()).split())
                self.leftover(child.sourceline, f"{etree.QName(element).localname}/{local}", value)


@cache
def _clark(local_names: frozenset[str]) -> frozenset[str]:
    return frozenset(tag(name) for name in local_names)
