"""Controlled values of the UN consolidated list and their reference tables.

The sanctions regimes (UN_LIST_TYPE), the document types and the UN's own
country names ("Iran (Islamic Republic of)") live in ``data/reference/un_sc_*.csv``
so a new value is one CSV line, never a code change.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pipelines.lib.countries import country_code

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"

# LIST_TYPE/VALUE: the only value the UN has ever published.
LIST_TYPES = frozenset({"UN List"})
TYPES_OF_DATE = frozenset({"EXACT", "APPROXIMATELY", "BETWEEN"})
# Alias QUALITY -> (alias type, strength). Individuals are graded Good/Low
# (Low: the UN's "low quality alias", too weak to screen on alone); entity
# aliases state their kind instead.
ALIAS_QUALITIES = {
    "Good": ("aka", "strong"),
    "Low": ("aka", "weak"),
    "a.k.a.": ("aka", "strong"),
    "f.k.a.": ("fka", "strong"),
}


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def list_types() -> frozenset[str]:
    """UN_LIST_TYPE values (the sanctions regimes): the membership programs."""
    return frozenset(row["un_list_type"] for row in _rows("un_sc_list_types.csv"))


@cache
def reference_prefixes() -> dict[str, str]:
    """UN_LIST_TYPE -> the two letters its reference numbers start with (QDi.001)."""
    return {row["un_list_type"]: row["reference_prefix"] for row in _rows("un_sc_list_types.csv")}


@cache
def document_types() -> dict[str, str | None]:
    """TYPE_OF_DOCUMENT (whitespace-normalised) -> identifier scheme."""
    return {row["type_of_document"]: row["scheme"] or None
            for row in _rows("un_sc_document_types.csv")}  # fmt: skip


def document_scheme(base: str | None, refinement: str | None) -> str | None:
    """The scheme of a document: TYPE_OF_DOCUMENT's, except that a national
    identification number whose TYPE_OF_DOCUMENT2 names a passport ("national
    passport") is a passport."""
    if base == "national-id" and refinement and "passport" in refinement.casefold():
        return "passport"
    return base


@cache
def _un_country_names() -> dict[str, str | None]:
    return {row["name"].casefold(): row["code"] or None for row in _rows("un_sc_country_names.csv")}


def un_country_code(name: str) -> str | None:
    """A UN country name -> ISO alpha-2; raises UnknownCountryError when unknown.

    The UN's terminology names come first, then the project's general table
    and pycountry (pipelines.lib.countries).
    """
    text = " ".join(name.split())
    names = _un_country_names()
    if text.casefold() in names:
        return names[text.casefold()]
    return country_code(text)
