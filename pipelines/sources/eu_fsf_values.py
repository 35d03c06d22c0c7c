"""Reading the attributes of the EU FSF XML 1.1 strictly.

Every element of the format keeps its data in attributes, written as empty
strings when unknown (``middleName=""``); an empty attribute is null. Each
element kind declares its attributes and their kinds here; an attribute or a
child element the declaration lacks is a leftover, never dropped silently.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from pipelines.lib.staging import StagingWriter
from pipelines.sources.lists import known_value
from pipelines.sources.listxml import BadDateError, clean, iso_date, latest_plausible, raw_xml

NS = "http://eu.europa.ec/fpi/fsd/export"
_PREFIX = f"{{{NS}}}"
REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
# subjectType (code, classificationCode): the format's two kinds of subject.
SUBJECT_TYPES = frozenset({("person", "P"), ("enterprise", "E")})
BOOLEANS = {"true": True, "false": False}
UNKNOWN_COUNTRY = "00"  # countryIso2Code with countryDescription "UNKNOWN"
# User-assigned codes in common use that ISO 3166 (and pycountry) lack.
USER_ASSIGNED = frozenset({"XK"})  # Kosovo
# Attribute kinds: s text, i integer, b boolean, d date (not after publication),
# f date that may lie in the future (a document's validity), x read elsewhere.
Spec = dict[str, str]


@cache
def identification_types() -> dict[str, str | None]:
    """identificationTypeCode -> identifier scheme (null: kept in staging only).

    The file carries each code's description beside it but no code list, so
    the known codes live in data/reference/eu_fsf_identification_types.csv.
    """
    path = REFERENCE / "eu_fsf_identification_types.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["scheme"] or None for row in csv.DictReader(handle)}


@cache
def snake(name: str) -> str:
    """``identificationTypeCode`` -> ``identification_type_code``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def local(element: Any) -> str | None:
    """The element's name in the FSF namespace; None for anything else."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(_PREFIX):
        return tag[len(_PREFIX) :]
    return None


class EuValues:
    """Attribute conversion for one file, reporting what cannot be read."""

    def __init__(
        self, writer: StagingWriter, file: str, accept_new_values: bool, published: date | None
    ) -> None:
        self.writer = writer
        self.file = file
        self.accept = accept_new_values
        self.latest = latest_plausible(published)

    def leftover(self, line: int | None, field: str, value: str) -> None:
        self.writer.leftover(self.file, line, field, value)

    def known(self, values: frozenset[str] | set[str], field: str, value: str, line: int) -> bool:
        return known_value(self.writer, values, field, value, (self.file, line), self.accept)

    def attributes(self, element: Any, spec: Spec) -> dict[str, Any]:
        """The declared attributes converted, by snake_case column name."""
        row: dict[str, Any] = {}
        for attribute, text in element.attrib.items():
            kind = spec.get(attribute)
            if kind is None:
                name = local(element) or str(element.tag)
                self.leftover(element.sourceline, f"{name}@{attribute}", str(text))
            elif kind == "s":  # the common case first: most attributes are text
                row[snake(attribute)] = clean(text)
            elif kind != "x":
                field = f"{local(element)}@{attribute}"
                row[snake(attribute)] = self.convert(text, kind, field, element.sourceline)
        return row

    def convert(self, text: str, kind: str, field: str, line: int) -> Any:
        value = clean(text)
        if value is None or kind == "s":
            return value
        if kind == "b":
            flag = BOOLEANS.get(value)
            if flag is None:
                self.known(frozenset(), field, value, line)  # raises unless accepted
            return flag
        if kind == "i":
            if value.isdigit():
                return int(value)
            self.leftover(line, field, value)
            return None
        try:
            return iso_date(value, None if kind == "f" else self.latest)
        except BadDateError:
            self.leftover(line, field, value)  # not essential to its row: kept raw here
            return None

    def country(self, iso2: str | None, line: int) -> str | None:
        """countryIso2Code -> ISO alpha-2; null for "00" (UNKNOWN) and withdrawn codes."""
        if iso2 is None or iso2 == UNKNOWN_COUNTRY:
            return None
        code = iso2.upper()
        if code in USER_ASSIGNED or pycountry.countries.get(alpha_2=code) is not None:
            return code
        if pycountry.historic_countries.get(alpha_2=code) is not None:
            # A withdrawn code (CS, Serbia and Montenegro) names no country today.
            self.leftover(line, "countryIso2Code", iso2)
            return None
        self.known(frozenset(), "countryIso2Code", iso2, line)  # raises unless accepted
        return None

    def unexpected(self, child: Any, parent: str) -> None:
        self.leftover(child.sourceline, f"{parent}/{local(child) or child.tag}", raw_xml(child))
