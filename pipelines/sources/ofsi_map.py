"""Mapping ConList.csv rows to the staging tables (see ofsi_tables).

Rows of one target (Group ID) are scattered through the file (it is sorted
by name), so each fact table is written as rows arrive, once per distinct
fact; only the per-target summary (``entries``) and the per-regime listing
(``memberships``) wait for the end of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.ofsi_facts import Identifier, documents, references
from pipelines.sources.ofsi_read import Row
from pipelines.sources.ofsi_tables import ADDRESS_LINES, GIVEN_NAMES
from pipelines.sources.uk_lists_values import (
    ALIAS_QUALITIES,
    collapse,
    country_of,
    exact_uk_date,
    full_name,
    language_of,
    normal,
    split_items,
    uk_date,
)

LIST_CODE = "gb_hmt"
GROUP_TYPES = frozenset({"Individual", "Entity", "Ship"})
# Alias Type -> name_type. 2018: Prime Alias / AKA / FKA; the 2022 layout adds
# Primary name and Primary name variation (a spelling variant of the primary
# name: another name of the same target, so an a.k.a.).
ALIAS_TYPES = {
    "prime alias": "primary",
    "primary name": "primary",
    "primary name variation": "aka",
    "aka": "aka",
    "fka": "fka",
}
_GROUP_ID = re.compile(r"^\d+$")


@dataclass
class _Target:
    group_type: str
    line: int
    name: str | None = None  # the first primary name
    fallback: str | None = None  # the first name of any type
    last_updated: date | None = None
    rows: int = 0


@dataclass
class ConListMapper:
    writer: StagingWriter
    file: str
    accept_new_values: bool
    targets: dict[str, _Target] = field(default_factory=dict)
    listings: dict[tuple[str, str | None], tuple[date | None, int]] = field(default_factory=dict)
    _seen: set[tuple[Any, ...]] = field(default_factory=set)
    _group: str = ""  # the Group ID of the row being mapped

    def add(self, row: Row) -> None:
        valid = self._valid(row)
        if valid is None:
            return
        group_id, name, group_type = valid
        self._group = group_id
        values = row.values
        self._known(GROUP_TYPES, "Group Type", group_type, row.line)
        self.writer.add("rows", {**values, "record_line": row.line})
        target = self._target(group_id, group_type, row)
        self._name(group_id, name, target, row)
        self._person(group_id, row)
        self._identifiers(group_id, row)
        self._address(group_id, row)
        for column in ("position", "other_information"):
            self._fact(group_id, column, collapse(values.get(column)), row.line)
        designated = self._date(values.get("date_designated"), "UK Sanctions List Date Designated",
                                row.line)
        self._fact(group_id, "date_designated", designated.isoformat() if designated else None,
                   row.line)
        self._listing(group_id, row)

    def _valid(self, row: Row) -> tuple[str, str, str] | None:
        """Group ID, name and Group Type of a row, or None once it is quarantined."""
        values = row.values
        group_id = collapse(values.get("group_id"))
        name = full_name([values.get(part) for part in GIVEN_NAMES], values.get("name_6"))
        group_type = collapse(values.get("group_type"))
        if group_id is None or not _GROUP_ID.match(group_id):
            problem = "Group ID missing or not an integer"
        elif name is None:
            problem = "no name (Name 1-6 all empty)"
        elif group_type is None:
            problem = "no Group Type"
        else:
            return group_id, name, group_type
        self.writer.quarantine(self.file, row.line, problem, row.raw)
        return None

    def finish(self) -> None:
        for group_id, target in self.targets.items():
            self.writer.add("entries", {
                "group_id": group_id, "group_type": target.group_type,
                "name": target.name or target.fallback, "last_updated": target.last_updated,
                "row_count": target.rows, "record_line": target.line,
            })  # fmt: skip
        for (group_id, regime), (listed_on, line) in self.listings.items():
            lists.add_membership(self.writer, group_id, LIST_CODE, regime, listed_on, line)

    def _known(self, known: frozenset[str], field_name: str, value: str, line: int) -> bool:
        """``lists.known_value``, reporting an accepted new value once per target."""
        key = ("unknown", self._group, field_name, value)
        if value in known or key in self._seen:
            return value in known
        self._seen.add(key)
        return lists.known_value(self.writer, known, field_name, value, (self.file, line),
                                 self.accept_new_values)

    def _once(self, table: str, row: dict[str, Any], line: int) -> None:
        """Write a fact the first time a target states it (rows repeat facts)."""
        key = (table, *row.values())
        if key not in self._seen:
            self._seen.add(key)
            self.writer.add(table, {**row, "record_line": line})

    def _leftover(self, column: str, value: str, line: int) -> None:
        """Report a value once per target, not once per row repeating it."""
        key = ("leftover", self._group, column, value)
        if key not in self._seen:
            self._seen.add(key)
            self.writer.leftover(self.file, line, column, value)

    def _date(self, text: str | None, column: str, line: int) -> date | None:
        """A full date, or None: a bad or partial one is kept in ``rows`` and reported."""
        if text is None:
            return None
        try:
            return exact_uk_date(text)
        except ValueError:
            self._leftover(column, text, line)
            return None

    def _country(self, text: str, column: str, line: int) -> str | None:
        try:
            return country_of(text)
        except KeyError:
            self._leftover(column, text, line)
            return None

    def _target(self, group_id: str, group_type: str, row: Row) -> _Target:
        target = self.targets.get(group_id)
        if target is None:
            target = self.targets[group_id] = _Target(group_type, row.line)
        elif group_type != target.group_type:
            self._leftover("Group Type", group_type, row.line)
        target.rows += 1
        updated = self._date(row.values.get("last_updated"), "Last Updated", row.line)
        if updated is not None and (target.last_updated is None or updated > target.last_updated):
            target.last_updated = updated
        return target

    def _name(self, group_id: str, name: str, target: _Target, row: Row) -> None:
        values, line = row.values, row.line
        alias_type = collapse(values.get("alias_type")) or ""
        name_type = ALIAS_TYPES.get(normal(alias_type))
        if name_type is None:
            self._known(frozenset(ALIAS_TYPES), "Alias Type", alias_type, line)
            name_type = "aka"  # accepted as new: still a name of the target
        quality = collapse(values.get("alias_quality"))
        strength = "strong"
        if quality is not None:
            strength = ALIAS_QUALITIES.get(normal(quality), "strong")
            if normal(quality) not in ALIAS_QUALITIES:
                self._known(frozenset(ALIAS_QUALITIES), "Alias Quality", quality, line)
        if name_type == "primary" and target.name is None:
            target.name = name
        target.fallback = target.fallback or name
        parts = {column: collapse(values.get(column)) for column in ("name_6", *GIVEN_NAMES)}
        self._once("names", {
            "group_id": group_id, "name": name, **parts, "title": collapse(values.get("title")),
            "alias_type": alias_type, "name_type": name_type, "alias_quality": quality,
            "strength": strength, "script_type": None, "script_language": None, "lang": None,
        }, line)  # fmt: skip
        self._non_latin_name(group_id, row)

    def _non_latin_name(self, group_id: str, row: Row) -> None:
        name = collapse(row.values.get("name_non_latin_script"))
        if name is None:
            return
        language = collapse(row.values.get("non_latin_script_language"))
        try:
            lang = language_of(language)
        except KeyError:
            self._leftover("Non-Latin Script Language", language or "", row.line)
            lang = None
        self._once("names", {
            "group_id": group_id, "name": name, "alias_type": None,
            "name_type": "alternative_language", "strength": "strong",
            "script_type": collapse(row.values.get("non_latin_script_type")),
            "script_language": language, "lang": lang,
        }, row.line)  # fmt: skip

    def _person(self, group_id: str, row: Row) -> None:
        values, line = row.values, row.line
        dob = collapse(values.get("dob"))
        if dob is not None:
            try:
                birth = uk_date(dob).iso
                self._once("birth_dates", {"group_id": group_id, "dob": dob, "birth_date": birth},
                           line)
            except ValueError:
                self._leftover("DOB", dob, line)
        town = collapse(values.get("town_of_birth"))
        country = collapse(values.get("country_of_birth"))
        if town is not None or country is not None:
            # An enumerated country ("(1) Iraq (2) Syria") pairs with towns by number: text only.
            items = split_items(country)
            code = self._country(items[0], "Country of Birth", line) if len(items) == 1 else None
            self._once("birth_places", {"group_id": group_id, "town": town, "country": country,
                                        "country_code": code}, line)  # fmt: skip
        for item in split_items(values.get("nationality")):
            code = self._country(item, "Nationality", line)
            self._once("nationalities", {"group_id": group_id, "nationality": item,
                                         "country_code": code}, line)  # fmt: skip

    def _identifiers(self, group_id: str, row: Row) -> None:
        values = row.values
        # The 2018 layout's "NI Number" is free text, like the 2022 "details" column.
        national_ids = values.get("national_identification_details") or values.get("ni_number")
        found: list[Identifier] = [
            *documents("passport", ("Passport Number", values.get("passport_number")),
                       ("Passport Details", values.get("passport_details"))),
            *documents("national-id",
                       ("National Identification Number",
                        values.get("national_identification_number")),
                       ("National Identification Details", national_ids)),
            *references(values.get("other_information")),
        ]  # fmt: skip
        reference = collapse(values.get("uk_sanctions_list_ref"))
        if reference is not None:
            found.append(Identifier("gb-uksl", reference.upper(), None, "UK Sanctions List Ref"))
        for item in found:
            self._once("identifiers", {"group_id": group_id, **item._asdict()}, row.line)

    def _address(self, group_id: str, row: Row) -> None:
        values = row.values
        lines = {column: collapse(values.get(column)) for column in ADDRESS_LINES}
        postcode, country = collapse(values.get("post_zip_code")), collapse(values.get("country"))
        parts = [*lines.values(), postcode, country]
        if not any(parts):
            return
        code = self._country(country, "Country", row.line) if country is not None else None
        self._once("addresses", {
            "group_id": group_id, **lines, "post_zip_code": postcode, "country": country,
            "country_code": code, "full_address": ", ".join(part for part in parts if part),
        }, row.line)  # fmt: skip

    def _fact(self, group_id: str, name: str, value: str | None, line: int) -> None:
        if value is not None:
            self._once("facts", {"group_id": group_id, "field": name, "value": value}, line)

    def _listing(self, group_id: str, row: Row) -> None:
        regime = collapse(row.values.get("regime"))
        listed_on = self._date(row.values.get("listed_on"), "Listed On", row.line)
        key = (group_id, regime)
        earlier = self.listings.get(key)
        if earlier is None:
            self.listings[key] = (listed_on, row.line)
        elif listed_on is not None and (earlier[0] is None or listed_on < earlier[0]):
            # Rows of one listing disagree: the earliest date is when it began.
            self.listings[key] = (listed_on, earlier[1])
