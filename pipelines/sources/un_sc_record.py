"""One INDIVIDUAL or ENTITY record of the UN consolidated list -> staging rows.

The record's own fields go to ``entries`` and its membership (DATAID, list
un_sc, regime UN_LIST_TYPE, LISTED_ON) to ``memberships``; the repeating
parts are staged by :class:`UnParts`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources import lists
from pipelines.sources.listxml import clean, raw_xml, script_of, stripped
from pipelines.sources.un_sc_parts import UnParts
from pipelines.sources.un_sc_values import LIST_TYPES, list_types

LIST_CODE = "un_sc"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
SCALARS = frozenset({
    "DATAID", "VERSIONNUM", *NAME_PARTS, "UN_LIST_TYPE", "REFERENCE_NUMBER", "LISTED_ON",
    "GENDER", "COMMENTS1", "NAME_ORIGINAL_SCRIPT", "SORT_KEY", "SORT_KEY_LAST_MOD",
})  # fmt: skip
# Containers of <VALUE> children.
VALUE_LISTS = frozenset({"TITLE", "DESIGNATION", "NATIONALITY", "LIST_TYPE", "LAST_DAY_UPDATED"})
Part = Callable[[int, int, Any], bool]


class UnRecords:
    """Stages the records of one file; DATAIDs must be unique within it."""

    def __init__(
        self, writer: StagingWriter, file: str, accept_new_values: bool, published: date | None
    ) -> None:
        self.writer = writer
        self.file = file
        self.parts = UnParts(writer, file, accept_new_values, published)
        self.dataids: set[int] = set()
        self.staged = {"INDIVIDUAL": 0, "ENTITY": 0}
        prefix = ("INDIVIDUAL", "ENTITY")
        self.part_tags: dict[str, Part] = {
            **{f"{kind}_ALIAS": self.parts.alias for kind in prefix},
            **{f"{kind}_ADDRESS": self.parts.address for kind in prefix},
            "INDIVIDUAL_DATE_OF_BIRTH": self.parts.birth_date,
            "INDIVIDUAL_PLACE_OF_BIRTH": self.parts.birth_place,
            "INDIVIDUAL_DOCUMENT": self.parts.document,
        }

    def read(self, element: Any) -> None:
        line = element.sourceline
        groups = self._groups(element)
        text = {tag: clean(items[0].text) for tag, items in groups.items() if tag in SCALARS}
        dataid = _integer(text.get("DATAID"))
        reason = self._refusal(dataid, text)
        if reason is not None or dataid is None:
            self.writer.quarantine(self.file, line, reason or "", raw_xml(element))
            return
        self.dataids.add(dataid)
        self.staged[str(element.tag)] += 1
        program = text.get("UN_LIST_TYPE")
        if program is not None:
            self.parts.known(list_types(), "UN_LIST_TYPE", program, line)
        listed_on = self.parts.optional_date(text.get("LISTED_ON"), "LISTED_ON", line)
        self._entry(element, groups, text, dataid, listed_on)
        lists.add_membership(self.writer, str(dataid), LIST_CODE, program, listed_on, line)
        for tag, items in groups.items():
            if tag in self.part_tags:
                self._stage_parts(dataid, items, self.part_tags[tag])
        self._stage_parts(dataid, _values(groups, "NATIONALITY"), self.parts.nationality)

    def _refusal(self, dataid: int | None, text: dict[str, str | None]) -> str | None:
        if dataid is None:
            return "DATAID missing or not an integer"
        if dataid in self.dataids:
            return f"duplicate DATAID {dataid}"
        if text.get("FIRST_NAME") is None and text.get("NAME_ORIGINAL_SCRIPT") is None:
            return "record without a name"
        return None

    def _groups(self, element: Any) -> dict[str, list[Any]]:
        """Children by tag; unknown tags and repeated single fields are leftovers."""
        groups: dict[str, list[Any]] = defaultdict(list)
        for child in element:
            tag = str(child.tag)
            known = tag in SCALARS or tag in VALUE_LISTS or tag in self.part_tags
            if not known or (tag in SCALARS and tag in groups):
                self.parts.leftover(child.sourceline, f"{element.tag}/{tag}", raw_xml(child))
                continue
            groups[tag].append(child)
            if tag in VALUE_LISTS:
                for value in child:
                    if value.tag != "VALUE":
                        self.parts.leftover(value.sourceline, f"{tag}/{value.tag}", raw_xml(value))
        return groups

    def _entry(self, element: Any, groups: dict[str, list[Any]], text: dict[str, str | None],
               dataid: int, listed_on: date | None) -> None:  # fmt: skip
        line = element.sourceline
        list_type_values = _texts(groups, "LIST_TYPE")
        for value in list_type_values:
            self.parts.known(LIST_TYPES, "LIST_TYPE", value, line)
        comments = groups.get("COMMENTS1")
        original = text.get("NAME_ORIGINAL_SCRIPT")
        row = {
            "dataid": dataid, "record_type": str(element.tag),
            "version_num": _integer(text.get("VERSIONNUM")),
            "first_name": text.get("FIRST_NAME"), "second_name": text.get("SECOND_NAME"),
            "third_name": text.get("THIRD_NAME"), "fourth_name": text.get("FOURTH_NAME"),
            "name": " ".join(part for tag in NAME_PARTS if (part := text.get(tag))) or original,
            "name_original_script": original, "original_script": script_of(original),
            "un_list_type": text.get("UN_LIST_TYPE"),
            "reference_number": text.get("REFERENCE_NUMBER"), "listed_on": listed_on,
            "gender": text.get("GENDER"),
            # Free text: its line breaks are kept.
            "comments1": stripped(comments[0].text) if comments else None,
            "titles": _texts(groups, "TITLE"), "designations": _texts(groups, "DESIGNATION"),
            "list_types": list_type_values,
            "last_day_updated": self._updates(groups),
            "sort_key": text.get("SORT_KEY"), "sort_key_last_mod": text.get("SORT_KEY_LAST_MOD"),
            "record_line": line,
        }  # fmt: skip
        self.writer.add("entries", row)

    def _updates(self, groups: dict[str, list[Any]]) -> list[date]:
        days = []
        for value in _values(groups, "LAST_DAY_UPDATED"):
            day = self.parts.optional_date(value.text, "LAST_DAY_UPDATED", value.sourceline)
            if day is not None:
                days.append(day)
        return days

    def _stage_parts(self, dataid: int, items: list[Any], stage: Part) -> None:
        seq = 0
        for item in items:
            if stage(dataid, seq + 1, item):
                seq += 1


def _values(groups: dict[str, list[Any]], tag: str) -> list[Any]:
    """The <VALUE> children of a container (others were reported as leftovers)."""
    return [value for container in groups.get(tag, []) for value in container
            if value.tag == "VALUE"]  # fmt: skip


def _texts(groups: dict[str, list[Any]], tag: str) -> list[str]:
    return [text for value in _values(groups, tag) if (text := clean(value.text))]


def _integer(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None
