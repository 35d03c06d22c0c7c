"""One sanctionEntity of the EU FSF XML 1.1 -> staging rows and memberships.

The entity's key is its logicalId (stable); euReferenceNumber (EU.27.28) is
the human reference and unitedNationId the UN reference number of entries
the EU takes over from the UN list.

Memberships: one per programme of the entity's regulations (an entity is
listed under a programme, and its regulations repeat the programme for each
amendment). listed_on is the entity's designationDate; many entries lack it,
and then it is the earliest publicationDate among that programme's
regulations: the file only cites the acts that introduced or last amended
the entry, so that date is the earliest day the file proves the listing, a
late bound of the real designation, never a guess before it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipelines.sources import lists
from pipelines.sources.eu_fsf_parts import PARTS, EuParts
from pipelines.sources.eu_fsf_values import SUBJECT_TYPES, EuValues, Spec, local
from pipelines.sources.listxml import clean, raw_xml

LIST_CODE = "eu_fsf"
ENTITY: Spec = {"logicalId": "x", "euReferenceNumber": "s", "unitedNationId": "s",
                "designationDate": "d", "designationDetails": "s", "delistingDate": "d"}  # fmt: skip
REGULATION: Spec = {"logicalId": "x", "regulationType": "s", "organisationType": "s",
                    "publicationDate": "d", "entryIntoForceDate": "d", "numberTitle": "s",
                    "programme": "s"}  # fmt: skip
SUBJECT: Spec = {"code": "s", "classificationCode": "s"}
KNOWN_SUBJECTS = frozenset(f"{code}/{classification}" for code, classification in SUBJECT_TYPES)
HANDLED = frozenset({"regulation", "subjectType", *PARTS})


class EuEntities:
    """Stages the sanctionEntity records of one file; logicalIds must be unique."""

    def __init__(self, values: EuValues) -> None:
        self.values = values
        self.writer = values.writer
        self.parts = EuParts(values)
        self.logical_ids: set[int] = set()

    @property
    def staged(self) -> int:
        return len(self.logical_ids)

    def read(self, element: Any) -> None:
        line = element.sourceline
        text = element.get("logicalId") or ""
        logical_id = int(text) if text.isdigit() else None
        subjects = [child for child in element if local(child) == "subjectType"]
        reason = self._refusal(logical_id, subjects)
        if reason is not None or logical_id is None:
            self.writer.quarantine(self.values.file, line, reason or "", raw_xml(element))
            return
        self.logical_ids.add(logical_id)
        subject = self.values.attributes(subjects[0], SUBJECT)
        for child in subjects[0]:
            self.values.unexpected(child, "subjectType")
        code, classification = subject.get("code"), subject.get("classification_code")
        self.values.known(KNOWN_SUBJECTS, "subjectType", f"{code}/{classification}", line)
        row = self.values.attributes(element, ENTITY)
        row |= self.parts.operable(element, "sanctionEntity", HANDLED)
        row |= {"logical_id": logical_id, "subject_type_code": code,
                "classification_code": classification, "record_line": line}  # fmt: skip
        self.writer.add("entries", row)
        regulations = [self._regulation(logical_id, child) for child in element
                       if local(child) == "regulation"]  # fmt: skip
        for child in element:
            if local(child) in PARTS:
                self.parts.stage(logical_id, child)
        self._memberships(logical_id, row, regulations)

    def _refusal(self, logical_id: int | None, subjects: list[Any]) -> str | None:
        if logical_id is None:
            return "logicalId missing or not an integer"
        if logical_id in self.logical_ids:
            return f"duplicate logicalId {logical_id}"
        if len(subjects) != 1:
            return f"{len(subjects)} subjectType elements (expected one)"
        return None

    def _regulation(self, logical_id: int, element: Any) -> dict[str, Any]:
        line = element.sourceline
        row = self.values.attributes(element, REGULATION)
        row |= self.parts.operable(element, "regulation", frozenset({"publicationUrl",
                                                                      "corrigendum"}))  # fmt: skip
        for child in element:
            tag = local(child)
            if tag in ("publicationUrl", "corrigendum"):
                column = "publication_url" if tag == "publicationUrl" else "corrigendum"
                if column in row:
                    self.values.unexpected(child, "regulation")
                row[column] = clean(child.text)
        row |= {"logical_id": logical_id, "record_line": line,
                "regulation_logical_id": self.values.convert(element.get("logicalId") or "", "i",
                                                             "regulation@logicalId", line)}  # fmt: skip
        self.writer.add("regulations", row)
        return row

    def _memberships(
        self, logical_id: int, entry: dict[str, Any], regulations: list[dict[str, Any]]
    ) -> None:
        """One membership per programme (none stated: one with a null program)."""
        earliest: dict[str | None, date | None] = {}
        for regulation in regulations:
            programme, published = regulation.get("programme"), regulation.get("publication_date")
            known = earliest.get(programme)
            if programme not in earliest or (published and (known is None or published < known)):
                earliest[programme] = published
        for programme, first in (earliest or {None: None}).items():
            lists.add_membership(
                self.writer, str(logical_id), LIST_CODE, programme,
                entry.get("designation_date") or first, entry["record_line"],
                delisted_on=entry.get("delisting_date"),
                delisting_reason="delistingDate stated by the list"
                if entry.get("delisting_date") else None,
            )  # fmt: skip
