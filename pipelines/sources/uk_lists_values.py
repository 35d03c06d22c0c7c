"""Values the two UK sanctions list formats share (OFSI ConList.csv, FCDO UK Sanctions List XML).

Both print dates as DD/MM/YYYY with the unknown parts blanked: ``00`` in the
OFSI CSV (``00/00/1980``), ``dd``/``mm`` in the UK Sanctions List
(``dd/mm/1945``). A partial date is kept as what it says (year, or year and
month), never completed with a guessed day 1. Names come in six parts (Name 1-5
given names, Name 6 surname or whole entity name); countries and nationalities
are free English text, demonyms included ("Afghan", "DPRK"), read through
``data/reference/gb_uk_country_names.csv`` before pycountry.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pycountry

from pipelines.lib.countries import country_code

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "gb_uk_country_names.csv"
# A year outside this range is a typing error (3017, 0000), never a date to keep.
YEAR_RANGE = (1850, 2100)
_UK_DATE = re.compile(r"^(\d{2}|dd)/(\d{2}|mm)/(\d{4})$", re.IGNORECASE)
_UNKNOWN_PART = frozenset({"00", "dd", "mm"})
# Alias quality, as both lists print it (the XML adds " a.k.a"): Low -> weak.
ALIAS_QUALITIES = {
    "good quality": "strong",
    "good quality a.k.a": "strong",
    "low quality": "weak",
    "low quality a.k.a": "weak",
}
# "(1) Somali (2) Swedish", "1) Saudi Arabia 2) Qatar", "(1)-(2) Tunisia (3) Libya",
# "(1) to (6) Algeria (7) Morocco", "(a) ... (b) ...": the markers between items.
_ENUMERATION = re.compile(
    r"(?:^|(?<=\s)|(?<=[.,;]))\(?(?:\d{1,2}|[a-h])\)\s*(?:(?:-|to)\s*\(?(?:\d{1,2}|[a-h])\)\s*)?"
)
_BRACKETED = re.compile(r"\s*\([^)]*\)\s*")
# A document number: a token with a digit, at least 5 characters ("G557170", "0018061/104").
_DOCUMENT_NUMBER = re.compile(r"\b[A-Z0-9][A-Z0-9/-]*\d[A-Z0-9/-]*\b", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


@dataclass(frozen=True)
class PartialDate:
    """A date whose day, or day and month, the list does not know."""

    year: int
    month: int | None
    day: int | None

    @property
    def iso(self) -> str:
        """ISO 8601 at the precision stated: "1980", "1980-08", "1980-08-15"."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def exact(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def uk_date(text: str) -> PartialDate:
    """``"00/08/1980"`` -> 1980-08; ValueError for an impossible or implausible date.

    A known day with an unknown month ("15/00/1980") cannot be said as a
    partial date, so it is refused like 31/02 or year 3017.
    """
    found = _UK_DATE.match(text.strip())
    if found is None:
        raise ValueError(f"not a DD/MM/YYYY date: {text!r}")
    day_text, month_text, year_text = found.groups()
    year = int(year_text)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(f"implausible year in {text!r}")
    month = None if month_text.lower() in _UNKNOWN_PART else int(month_text)
    day = None if day_text.lower() in _UNKNOWN_PART else int(day_text)
    if day is not None and month is None:
        raise ValueError(f"a day without a month in {text!r}")
    # date() checks the month and the day of the month (31/02, 00/13).
    date(year, month or 1, day or 1)
    return PartialDate(year, month, day)


def exact_uk_date(text: str) -> date:
    """A date every part of which is known (listing, designation, update dates)."""
    value = uk_date(text).exact
    if value is None:
        raise ValueError(f"not a full date: {text!r}")
    return value


def collapse(text: str | None) -> str | None:
    """Inner runs of white space as one space, stripped; None when nothing is left."""
    if text is None:
        return None
    value = " ".join(text.split())
    return value or None


def normal(text: str | None) -> str:
    """The form enumeration values are compared in: case and spacing do not matter."""
    return (collapse(text) or "").casefold()


def full_name(given: list[str | None], last: str | None) -> str | None:
    """Name 1-5 then Name 6, as a person is called ("Kim Kyong IL"); None when all are empty."""
    parts = [part for part in (collapse(value) for value in [*given, last]) if part]
    return " ".join(parts) or None


def split_items(text: str | None) -> list[str]:
    """The items of an enumerated free-text value ("(1) Somali (2) Swedish")."""
    value = collapse(text)
    if value is None:
        return []
    items = (item.strip(" .,;") for item in _ENUMERATION.split(value))
    return [item for item in items if item]


def strip_remarks(text: str) -> str:
    """An item without its bracketed remarks: "Afghanistan (previous address)" -> "Afghanistan"."""
    return _BRACKETED.sub(" ", text).strip(" .,;")


def document_number(text: str) -> str | None:
    """The first number-like token of a document item ("Passport No: 592667 (Qatari ...)")."""
    for found in _DOCUMENT_NUMBER.finditer(text):
        token = found.group(0).strip("./-")
        if len(token) >= 5 and not _DATE_LIKE.match(token):
            return token
    return None


def country_of(text: str | None) -> str | None:
    """ISO alpha-2 of a country name or demonym; None for none; KeyError if unknown."""
    value = collapse(text)
    if value is None:
        return None
    known = _reference()
    if value.casefold() in known:
        return known[value.casefold()]
    cleaned = strip_remarks(value)
    if cleaned.casefold() in known:
        return known[cleaned.casefold()]
    return country_code(cleaned)


@cache
def _reference() -> dict[str, str | None]:
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return {row["name"].casefold(): row["code"] or None for row in csv.DictReader(handle)}


def language_of(name: str | None) -> str | None:
    """ISO 639-1 of an English language name ("Russian", "Romanian; Moldavian; Moldovan")."""
    value = collapse(name)
    if value is None:
        return None
    for part in value.split(";"):
        try:
            language = pycountry.languages.lookup(part.strip())
        except LookupError:
            continue
        code = getattr(language, "alpha_2", None)
        if code is not None:
            return str(code)
    raise KeyError(f"unknown language {name!r}")
