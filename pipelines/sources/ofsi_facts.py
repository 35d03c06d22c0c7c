"""Facts of one ConList.csv row that need reading, not just copying.

Identity documents and references hide in free text: the 2018 layout has
only "Passport Details" / "NI Number" ("Passport No: 592667 (Qatari passport
issued on 3 May 2007)."), and Other Information carries the UN reference
number ("UN Ref QDe.004"), the UK Sanctions List reference of the 2022
layout ("(UK Sanctions List Ref):SYR0306") and ships' IMO numbers. Each
number is kept with the item it was read from, so the reading can be checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from pipelines.sources.uk_lists_values import document_number, split_items

_UN_REF = re.compile(
    r"\bUN\s*Ref(?:erence)?\)?\s*(?:No\.?|Number)?[\s.:)]*([A-Z]{2}[IE]\.\d{3})\b", re.IGNORECASE
)
_UKSL_REF = re.compile(r"UK Sanctions List Ref\)?\s*:?\s*([A-Z]{3}\d{4})\b", re.IGNORECASE)
_IMO = re.compile(r"\bIMO(?:\s*(?:number|no\.?))?\s*:?\s*(\d{7})\b", re.IGNORECASE)


class Identifier(NamedTuple):
    scheme: str
    value: str
    details: str | None
    column: str


def documents(
    scheme: str, numbers: tuple[str, str | None], details: tuple[str, str | None]
) -> Iterator[Identifier]:
    """Document numbers from a number column when the layout has one, else read from
    the details text; each item of an enumeration ("(1) ... (2) ...") is one document."""
    number_column, number_text = numbers
    details_column, details_text = details
    if number_text is not None:
        for item in split_items(number_text):
            yield Identifier(scheme, item, details_text, number_column)
        return
    for item in split_items(details_text):
        number = document_number(item)
        if number is not None:
            yield Identifier(scheme, number, item, details_column)


def references(other_information: str | None) -> Iterator[Identifier]:
    """UN and UK Sanctions List references and IMO numbers stated in Other Information."""
    if other_information is None:
        return
    column = "Other Information"
    for found in _UN_REF.finditer(other_information):
        code = found.group(1)
        # The UN writes "QDe.004"; OFSI sometimes types "KPI.067".
        yield Identifier("un-sc", code[:2].upper() + code[2].lower() + code[3:], None, column)
    for found in _UKSL_REF.finditer(other_information):
        yield Identifier("gb-uksl", found.group(1).upper(), None, column)
    for found in _IMO.finditer(other_information):
        yield Identifier("imo", found.group(1), None, column)
