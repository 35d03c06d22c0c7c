"""The sanctionable parts of an EU FSF sanctionEntity -> staging rows.

nameAlias, citizenship, birthdate, address and identification share one
shape: attributes, then remark*, additionalInformation* and one
regulationSummary (plus contactInfo* for an address). ``PARTS`` declares
each part's attributes; part-specific checks (a birth date that must exist,
an identification type that must be known) follow.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Any

from pipelines.sources.eu_fsf_values import EuValues, Spec, identification_types, local
from pipelines.sources.listxml import BadDateError, check_year, iso_date, raw_xml

COMMON: Spec = {"logicalId": "x", "regulationLanguage": "s"}
COUNTRY: Spec = {"region": "s", "countryIso2Code": "s", "countryDescription": "s"}
SUMMARY: Spec = {"regulationType": "s", "publicationDate": "d", "numberTitle": "s",
                 "publicationUrl": "s"}  # fmt: skip
KEY_VALUE: Spec = {"key": "s", "value": "s"}
# Part element -> (table, column of its own logicalId, attribute kinds).
PARTS: dict[str, tuple[str, str, Spec]] = {
    "nameAlias": ("name_aliases", "alias_logical_id", {
        "firstName": "s", "middleName": "s", "lastName": "s", "wholeName": "s", "function": "s",
        "gender": "s", "title": "s", "nameLanguage": "s", "strong": "b"}),
    "citizenship": ("citizenships", "citizenship_logical_id", {
        **COUNTRY, "acquisitionDate": "d", "disenfranchisementDate": "d"}),
    "birthdate": ("birthdates", "birthdate_logical_id", {
        **COUNTRY, "circa": "b", "calendarType": "s", "birthdate": "s", "dayOfMonth": "i",
        "monthOfYear": "i", "year": "i", "yearRangeFrom": "i", "yearRangeTo": "i", "city": "s",
        "zipCode": "s", "place": "s"}),
    "address": ("addresses", "address_logical_id", {
        **COUNTRY, "street": "s", "city": "s", "zipCode": "s", "poBox": "s", "place": "s",
        "asAtListingTime": "b"}),
    "identification": ("identifications", "identification_logical_id", {
        **COUNTRY, "diplomatic": "b", "knownExpired": "b", "knownFalse": "b",
        "reportedLost": "b", "revokedByIssuer": "b", "issueDate": "d", "issuedBy": "s",
        "latinNumber": "s", "nameOnDocument": "s", "number": "s", "validFrom": "f",
        "validTo": "f", "identificationTypeCode": "s", "identificationTypeDescription": "s"}),
}  # fmt: skip


class EuParts:
    """Stages the parts of the entities of one file."""

    def __init__(self, values: EuValues) -> None:
        self.values = values
        self.writer = values.writer

    def stage(self, logical_id: int, element: Any) -> None:
        name = local(element) or ""
        table, id_column, spec = PARTS[name]
        line = element.sourceline
        row = self.values.attributes(element, {**COMMON, **spec})
        row |= self.operable(element, name)
        row |= {"logical_id": logical_id, "record_line": line,
                id_column: self.values.convert(element.get("logicalId") or "", "i",
                                               f"{name}@logicalId", line)}  # fmt: skip
        if "country_iso2_code" in row:
            row["country_code"] = self.values.country(row["country_iso2_code"], line)
        if name == "birthdate" and not self._valid_birthdate(row, element):
            return
        if name == "identification":
            row["scheme"] = self._scheme(row.get("identification_type_code"), line)
        self.writer.add(table, row)

    def operable(
        self, element: Any, name: str, handled: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """remark*, additionalInformation*, and for parts one regulationSummary and an
        address's contactInfo*. Children in ``handled`` are the caller's; any other
        child is a leftover."""
        found: dict[str, Any] = {"remarks": [], "additional_information": []}
        if name == "address":
            found["contact_info"] = []
        summarised = name not in PARTS  # only parts carry a regulationSummary
        for child in element:
            tag = local(child)
            if tag in handled:
                continue
            if tag == "remark":
                found["remarks"].append((child.text or "").strip())
            elif tag == "additionalInformation":
                found["additional_information"].append(self.values.attributes(child, KEY_VALUE))
            elif tag == "contactInfo" and name == "address":
                found["contact_info"].append(self.values.attributes(child, KEY_VALUE))
            elif tag == "regulationSummary" and not summarised:
                summary = self.values.attributes(child, SUMMARY)
                found |= {f"summary_{column}": value for column, value in summary.items()}
                summarised = True
            else:
                self.values.unexpected(child, name)
        return found

    def _valid_birthdate(self, row: dict[str, Any], element: Any) -> bool:
        """A birth date's parts must name a real day; it is quarantined otherwise."""
        latest = self.values.latest
        try:
            full = row.get("birthdate")
            row["birthdate"] = None if full is None else _full_date(full, latest)
            _check_parts(row, latest)
        except (BadDateError, ValueError) as exc:
            self.writer.quarantine(self.values.file, element.sourceline, f"birthdate: {exc}",
                                   raw_xml(element))  # fmt: skip
            return False
        return True

    def _scheme(self, code: str | None, line: int) -> str | None:
        if code is None:
            return None
        known = identification_types()
        if self.values.known(set(known), "identificationTypeCode", code, line):
            return known[code]
        return None


def _full_date(text: str, latest: date) -> date:
    parsed = iso_date(text, latest)
    assert parsed is not None
    return parsed


def _check_parts(row: dict[str, Any], latest: date) -> None:
    year, month, day = row.get("year"), row.get("month_of_year"), row.get("day_of_month")
    for value in (year, row.get("year_range_from"), row.get("year_range_to")):
        if value is not None:
            check_year(value, latest)
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month}")
    if day is not None:
        # Without a year, 29 February is possible; without a month, any day to 31.
        days = monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= days:
            raise ValueError(f"day {day} of month {month}")
    low, high = row.get("year_range_from"), row.get("year_range_to")
    if low is not None and high is not None and low > high:
        raise ValueError(f"year range {low}..{high}")
