"""Mapping UK Sanctions List designations to the staging tables (see uksl_tables).

Companies named as a designation's parent, subsidiary or ship owner are free
text. Such a name is tied to another designation only when exactly one
other target of the file carries it as a strong name (designations sharing
an OFSIGroupID are one target; the first UniqueID stands for it); otherwise
it stays a fact in ``related_parties`` with ``linked_unique_id`` null, since a
bare company name is not an identity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.uk_lists_values import (
    ALIAS_QUALITIES,
    collapse,
    country_of,
    exact_uk_date,
    full_name,
    language_of,
    normal,
    uk_date,
)
from pipelines.sources.uksl_designation import Designation, Group
from pipelines.sources.uksl_tables import ADDRESS_LINES, NAME_PARTS

LIST_CODE = "gb_hmt"
ENTITY_TYPES = frozenset({"Individual", "Entity", "Ship"})
# NameType, compared without regard to case ("Primary name", "ALias" both occur).
NAME_TYPES = {"primary name": "primary", "primary name variation": "aka", "alias": "aka"}
RELATIONS = ("parent_company", "subsidiary", "current_owner_operator", "previous_owner_operator")
FACTS = (
    "title", "gender", "position", "phone", "email", "website", "type_of_entity",
    "type_of_ship", "tonnage_of_ship", "length_of_ship", "year_built",
    "hull_identification_number",
)


@dataclass
class DesignationMapper:
    writer: StagingWriter
    file: str
    accept_new_values: bool
    unique_ids: set[str] = field(default_factory=set)
    # Strong names -> the targets carrying them; a target is its OFSIGroupID or UniqueID.
    _names: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    _mentions: list[tuple[str, str, str, int]] = field(default_factory=list)

    def _valid(self, found: Designation) -> tuple[str, str] | None:
        """UniqueID and IndividualEntityShip, or None once the designation is quarantined."""
        unique_id = collapse(found.fields["UniqueID"])
        kind = collapse(found.fields["IndividualEntityShip"])
        if unique_id is None:
            problem = "no UniqueID"
        elif unique_id in self.unique_ids:
            problem = f"duplicate UniqueID {unique_id}"
        elif kind is None:
            problem = "no IndividualEntityShip"
        elif not any(full_name(*_parts(group)) for group in found.group("Names/Name")):
            problem = "no name"
        else:
            return unique_id, kind
        self.writer.quarantine(self.file, found.line, problem, found.raw)
        return None

    def add(self, found: Designation) -> None:
        valid = self._valid(found)
        if valid is None:
            return
        unique_id, kind = valid
        fields, line = found.fields, found.line
        self.unique_ids.add(unique_id)
        self._known(ENTITY_TYPES, "IndividualEntityShip", kind, line)
        for path, value, at in found.unknown:
            self.writer.leftover(self.file, at, path, value)
        target = collapse(fields["OFSIGroupID"]) or unique_id
        name = self._names_of(unique_id, target, found)
        regime = collapse(fields["RegimeName"])
        self.writer.add("designations", {
            "unique_id": unique_id, "ofsi_group_id": collapse(fields["OFSIGroupID"]),
            "un_reference_number": collapse(fields["UNReferenceNumber"]),
            "individual_entity_ship": kind, "name": name, "regime_name": regime,
            "designation_source": collapse(fields["DesignationSource"]),
            "sanctions_imposed": _split(fields["SanctionsImposed"]),
            "date_designated": self._date(fields["DateDesignated"], "DateDesignated", line),
            "last_updated": self._date(fields["LastUpdated"], "LastUpdated", line),
            "other_information": fields["OtherInformation"],
            "uk_statement_of_reasons": fields["UKStatementofReasons"], "record_line": line,
        })  # fmt: skip
        listed_on = self._date(fields["DateDesignated"], None, line)
        lists.add_membership(self.writer, unique_id, LIST_CODE, regime, listed_on, line)
        self._person(unique_id, found)
        self._identifiers(unique_id, found)
        self._addresses(unique_id, found)
        for relation in RELATIONS:
            for value, at in found.all(relation):
                self._mentions.append((unique_id, relation, value, at))

    def finish(self) -> None:
        """Tie the companies named in designations to the designations carrying those names."""
        for unique_id, relation, name, line in self._mentions:
            targets = {t for t in self._names.get(normal(name), set()) if t[1] != unique_id}
            groups = {group for group, _uid in targets}
            linked = min(uid for _group, uid in targets) if len(groups) == 1 else None
            self.writer.add("related_parties", {
                "unique_id": unique_id, "relation": relation, "name": name,
                "linked_unique_id": linked, "candidates": len(groups), "record_line": line,
            })  # fmt: skip

    def _known(self, known: frozenset[str], field_name: str, value: str, line: int) -> bool:
        return lists.known_value(self.writer, known, field_name, value, (self.file, line),
                                 self.accept_new_values)

    def _date(self, text: str | None, element: str | None, line: int) -> date | None:
        if text is None:
            return None
        try:
            return exact_uk_date(text)
        except ValueError:
            if element is not None:  # reported once, where the designation is staged
                self.writer.leftover(self.file, line, element, text)
            return None

    def _country(self, text: str | None, element: str, line: int) -> str | None:
        try:
            return country_of(text)
        except KeyError:
            self.writer.leftover(self.file, line, element, text or "")
            return None

    def _names_of(self, unique_id: str, target: str, found: Designation) -> str | None:
        primary = first = None
        for group in found.group("Names/Name"):
            name = full_name(*_parts(group))
            if name is None:
                continue
            raw_type = collapse(group.values["NameType"]) or ""
            name_type = NAME_TYPES.get(normal(raw_type))
            if name_type is None:
                self._known(frozenset(NAME_TYPES), "NameType", raw_type, group.line)
                name_type = "aka"  # accepted as new: still a name of the target
            strength = self._strength(group)
            if strength == "strong":
                self._names[normal(name)].add((target, unique_id))
            first = first or name
            if name_type == "primary":
                primary = primary or name
            parts = {part.lower().replace("name", "name_"): collapse(group.values[part])
                     for part in NAME_PARTS}  # fmt: skip
            self._name(unique_id, group.line, name=name, **parts, name_type_raw=raw_type,
                       name_type=name_type, alias_strength=group.values["AliasStrength"],
                       strength=strength)  # fmt: skip
        for group in found.group("NonLatinNames/NonLatinName"):
            self._non_latin(unique_id, group)
        return primary or first

    def _strength(self, group: Group) -> str:
        quality = collapse(group.values["AliasStrength"])
        if quality is None:
            return "strong"
        if normal(quality) not in ALIAS_QUALITIES:
            self._known(frozenset(ALIAS_QUALITIES), "AliasStrength", quality, group.line)
            return "strong"
        return ALIAS_QUALITIES[normal(quality)]

    def _name(self, unique_id: str, line: int, **values: str | None) -> None:
        self.writer.add("names", {"unique_id": unique_id, **values, "record_line": line})

    def _non_latin(self, unique_id: str, group: Group) -> None:
        name = collapse(group.values["NameNonLatinScript"])
        if name is None:
            return
        language = collapse(group.values["NonLatinScriptLanguage"])
        try:
            lang = language_of(language)
        except KeyError:
            self.writer.leftover(self.file, group.line, "NonLatinScriptLanguage", language or "")
            lang = None
        self._name(unique_id, group.line, name=name, name_type="alternative_language",
                   strength="strong", script_type=collapse(group.values["NonLatinScriptType"]),
                   script_language=language, lang=lang)  # fmt: skip

    def _person(self, unique_id: str, found: Designation) -> None:
        for dob, line in found.all("dob"):
            try:
                birth = uk_date(dob).iso
            except ValueError:
                self.writer.leftover(self.file, line, "DOB", dob)
                continue
            self._row("birth_dates", unique_id, line, dob=dob, birth_date=birth)
        for group in found.group("IndividualDetails/Individual/BirthDetails/Location"):
            country = collapse(group.values["CountryOfBirth"])
            self._row("birth_places", unique_id, group.line,
                      town=collapse(group.values["TownOfBirth"]), country=country,
                      country_code=self._country(country, "CountryOfBirth", group.line))
        for role, element in (("nationality", "Nationality"), ("current_flag",
                              "CurrentBelievedFlagOfShip"), ("previous_flag", "PreviousFlag")):
            for value, line in found.all(role):
                self._row("countries", unique_id, line, role=role, country=value,
                          country_code=self._country(value, element, line))
        for name in FACTS:
            for value, line in found.all(name):
                self._row("facts", unique_id, line, field=name, value=value)

    def _identifiers(self, unique_id: str, found: Designation) -> None:
        documents = (
            ("passport", "IndividualDetails/Individual/PassportDetails/Passport", "Passport"),
            ("national-id", "IndividualDetails/Individual/NationalIdentifierDetails/"
             "NationalIdentifier", "NationalIdentifier"),
        )  # fmt: skip
        for scheme, path, tag in documents:
            for group in found.group(path):
                number = collapse(group.values[f"{tag}Number"])
                if number is not None:
                    self._row("identifiers", unique_id, group.line, scheme=scheme, value=number,
                              details=group.values[f"{tag}AdditionalInformation"],
                              element=f"{tag}Number")  # fmt: skip
        for value, line in found.all("registration"):
            self._row("identifiers", unique_id, line, scheme="registration", value=value,
                      element="BusinessRegistrationNumber")
        for value, line in found.all("imo"):
            # "IMO9562233" or "9562233": the IMO number is the seven digits.
            number = value.upper().removeprefix("IMO").strip(" :")
            self._row("identifiers", unique_id, line, scheme="imo", value=number,
                      details=value if number != value else None, element="IMONumber")

    def _addresses(self, unique_id: str, found: Designation) -> None:
        for group in found.group("Addresses/Address"):
            values = {name: collapse(group.values[name])
                      for name in (*ADDRESS_LINES, "AddressPostalCode", "AddressCountry")}
            parts = [value for value in values.values() if value]
            if not parts:
                continue
            country = values["AddressCountry"]
            lines = {line.lower().replace("addressline", "address_line_"): values[line]
                     for line in ADDRESS_LINES}  # fmt: skip
            self._row("addresses", unique_id, group.line, **lines,
                      postal_code=values["AddressPostalCode"], country=country,
                      country_code=self._country(country, "AddressCountry", group.line),
                      full_address=", ".join(parts))  # fmt: skip

    def _row(self, table: str, unique_id: str, line: int, **values: str | None) -> None:
        self.writer.add(table, {"unique_id": unique_id, **values, "record_line": line})


def _parts(group: Group) -> tuple[list[str | None], str | None]:
    return [group.values[part] for part in NAME_PARTS[:5]], group.values["Name6"]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]
