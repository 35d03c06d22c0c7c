"""The repeating parts of a UN list record: aliases, dates and places of birth,
nationalities, addresses and documents, each to its staging table.

The UN pads records with empty placeholders (``<INDIVIDUAL_DOCUMENT/>``, an
alias with empty QUALITY and ALIAS_NAME): a part with no text at all is no
row. ``seq`` numbers the non-empty parts of one kind within a record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipelines.lib.countries import UnknownCountryError
from pipelines.lib.staging import StagingWriter
from pipelines.sources.lists import known_value
from pipelines.sources.listxml import (
    BadDateError,
    check_year,
    clean,
    iso_date,
    latest_plausible,
    raw_xml,
)
from pipelines.sources.un_sc_values import (
    ALIAS_QUALITIES,
    TYPES_OF_DATE,
    document_scheme,
    document_types,
    un_country_code,
)

Fields = dict[str, str | None]

ALIAS = frozenset({"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH",
                   "COUNTRY_OF_BIRTH"})  # fmt: skip
ADDRESS = frozenset({"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"})
BIRTH_DATE = frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"})
BIRTH_PLACE = frozenset({"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"})
DOCUMENT = frozenset({"TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY",
                      "COUNTRY_OF_ISSUE", "DATE_OF_ISSUE", "CITY_OF_ISSUE", "NOTE"})  # fmt: skip


class UnParts:
    """Stages the parts of one file's records; holds what every part needs."""

    def __init__(
        self, writer: StagingWriter, file: str, accept_new_values: bool, published: date | None
    ) -> None:
        self.writer = writer
        self.file = file
        self.accept = accept_new_values
        self.latest = latest_plausible(published)

    # -- shared helpers ------------------------------------------------------------

    def fields(self, element: Any, known: frozenset[str]) -> Fields:
        """Whitespace-normalised text of each known child; any other child, or a
        repeated one, is a leftover (nothing is dropped silently)."""
        found: Fields = {}
        for child in element:
            tag = str(child.tag)
            if tag not in known or tag in found:
                self.leftover(child.sourceline, f"{element.tag}/{tag}", raw_xml(child))
                continue
            found[tag] = clean(child.text)
        return found

    def leftover(self, line: int | None, field: str, value: str) -> None:
        self.writer.leftover(self.file, line, field, value)

    def known(self, values: frozenset[str] | set[str], field: str, value: str, line: int) -> bool:
        return known_value(self.writer, values, field, value, (self.file, line), self.accept)

    def country(self, name: str | None, field: str, line: int) -> str | None:
        if name is None:
            return None
        try:
            return un_country_code(name)
        except UnknownCountryError:
            self.known(frozenset(), field, name, line)  # raises unless new values are accepted
            return None

    def optional_date(self, text: str | None, field: str, line: int) -> date | None:
        """A date that is not essential to its row: a bad one is a leftover, kept raw."""
        try:
            return iso_date(text, self.latest)
        except BadDateError:
            self.leftover(line, field, text or "")
            return None

    # -- the parts -----------------------------------------------------------------

    def alias(self, dataid: int, seq: int, element: Any) -> bool:
        found, line = self.fields(element, ALIAS), element.sourceline
        if not any(found.values()):
            return False
        quality = found.get("QUALITY")
        alias_type, strength = "aka", "strong"
        if quality is None:
            # A named alias of unstated quality is screened like a strong one, and shown.
            self.leftover(line, f"{element.tag}/QUALITY", "")
        elif self.known(set(ALIAS_QUALITIES), "alias QUALITY", quality, line):
            alias_type, strength = ALIAS_QUALITIES[quality]
        birth_country = found.get("COUNTRY_OF_BIRTH")
        self.writer.add("aliases", {
            "dataid": dataid, "seq": seq, "quality": quality, "alias_type": alias_type,
            "strength": strength, "alias_name": found.get("ALIAS_NAME"), "note": found.get("NOTE"),
            **self._alias_birth(found.get("DATE_OF_BIRTH"), line),
            "city_of_birth": found.get("CITY_OF_BIRTH"), "country_of_birth": birth_country,
            "country_of_birth_code": self.country(birth_country, "country", line),
            "record_line": line,
        })  # fmt: skip
        return True

    def _alias_birth(self, text: str | None, line: int) -> dict[str, Any]:
        """An alias's DATE_OF_BIRTH: a full date or, as the UN also writes it, a year."""
        if text is not None and text.isdigit():
            try:
                return {"date_of_birth": None, "year_of_birth": check_year(int(text), self.latest)}
            except BadDateError:
                self.leftover(line, "ALIAS/DATE_OF_BIRTH", text)
                return {}
        return {"date_of_birth": self.optional_date(text, "ALIAS/DATE_OF_BIRTH", line)}

    def birth_date(self, dataid: int, seq: int, element: Any) -> bool:
        found, line = self.fields(element, BIRTH_DATE), element.sourceline
        if not any(value for key, value in found.items() if key != "TYPE_OF_DATE"):
            return False  # a bare TYPE_OF_DATE is a placeholder
        kind = found.get("TYPE_OF_DATE")
        if kind is not None:
            self.known(TYPES_OF_DATE, "TYPE_OF_DATE", kind, line)
        try:
            row = _birth_date_values(found, self.latest)
        except (BadDateError, ValueError) as exc:
            # The date is the row: an impossible one is quarantined, never guessed.
            self.writer.quarantine(self.file, line, f"date of birth: {exc}", raw_xml(element))
            return False
        row |= {"dataid": dataid, "seq": seq, "type_of_date": kind, "note": found.get("NOTE"),
                "record_line": line}  # fmt: skip
        self.writer.add("dates_of_birth", row)
        return True

    def birth_place(self, dataid: int, seq: int, element: Any) -> bool:
        found, line = self.fields(element, BIRTH_PLACE), element.sourceline
        if not any(found.values()):
            return False
        self.writer.add("places_of_birth", {
            "dataid": dataid, "seq": seq, "street": found.get("STREET"), "city": found.get("CITY"),
            "state_province": found.get("STATE_PROVINCE"), "country": found.get("COUNTRY"),
            "country_code": self.country(found.get("COUNTRY"), "country", line),
            "note": found.get("NOTE"), "record_line": line,
        })  # fmt: skip
        return True

    def nationality(self, dataid: int, seq: int, element: Any) -> bool:
        value, line = clean(element.text), element.sourceline
        if value is None:
            return False
        self.writer.add("nationalities", {
            "dataid": dataid, "seq": seq, "nationality": value,
            "country_code": self.country(value, "nationality", line), "record_line": line,
        })  # fmt: skip
        return True

    def address(self, dataid: int, seq: int, element: Any) -> bool:
        found, line = self.fields(element, ADDRESS), element.sourceline
        if not any(found.values()):
            return False
        self.writer.add("addresses", {
            "dataid": dataid, "seq": seq, "street": found.get("STREET"), "city": found.get("CITY"),
            "state_province": found.get("STATE_PROVINCE"), "zip_code": found.get("ZIP_CODE"),
            "country": found.get("COUNTRY"),
            "country_code": self.country(found.get("COUNTRY"), "country", line),
            "note": found.get("NOTE"), "record_line": line,
        })  # fmt: skip
        return True

    def document(self, dataid: int, seq: int, element: Any) -> bool:
        found, line = self.fields(element, DOCUMENT), element.sourceline
        if not any(found.values()):
            return False
        kind, refinement = found.get("TYPE_OF_DOCUMENT"), found.get("TYPE_OF_DOCUMENT2")
        base = None
        if kind is not None and self.known(set(document_types()), "TYPE_OF_DOCUMENT", kind, line):
            base = document_types()[kind]
        issuing, issue = found.get("ISSUING_COUNTRY"), found.get("COUNTRY_OF_ISSUE")
        self.writer.add("documents", {
            "dataid": dataid, "seq": seq, "type_of_document": kind,
            "type_of_document2": refinement, "scheme": document_scheme(base, refinement),
            "number": found.get("NUMBER"), "issuing_country": issuing,
            "issuing_country_code": self.country(issuing, "country", line),
            "country_of_issue": issue, "country_of_issue_code": self.country(issue, "country", line),
            "date_of_issue": self.optional_date(found.get("DATE_OF_ISSUE"), "DATE_OF_ISSUE", line),
            "city_of_issue": found.get("CITY_OF_ISSUE"), "note": found.get("NOTE"),
            "record_line": line,
        })  # fmt: skip
        return True


def _birth_date_values(found: Fields, latest: date) -> dict[str, Any]:
    """The shape and values of one date of birth; ValueError when impossible."""
    when = iso_date(found.get("DATE"), latest)
    year = _year(found.get("YEAR"), latest)
    low, high = _year(found.get("FROM_YEAR"), latest), _year(found.get("TO_YEAR"), latest)
    if (low is None) != (high is None) or (low is not None and high is not None and low > high):
        raise ValueError(f"bad year range {low}..{high}")
    shape = "date" if when else "year" if year else "range" if low else "note"
    return {"shape": shape, "date": when, "year": year, "from_year": low, "to_year": high}


def _year(text: str | None, latest: date) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or len(text) != 4:
        raise ValueError(f"not a year: {text!r}")
    return check_year(int(text), latest)
