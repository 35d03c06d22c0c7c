"""opensanctions: the controlled values of an FtM export, checked in Python.

The batch parser (ftm_batch.py) hands each distinct value over once, so
these checks cost nothing per entity:

- country codes: FtM writes ISO 3166-1 alpha-2 in lower case, ISO 3166-2
  style regions ("ua-cri", "ge-ab") and a few codes of its own that name no
  current country ("suhh" Soviet Union, "csxx", "yucs", "eu", "zz");
- Ownership percentages: free text ("50", "50%", "25-50", ">50"), read into
  an interval with inclusive flags and never into a midpoint;
- the dataset of a Sanction -> the list code of ``list_codes.csv``, through
  ``data/reference/opensanctions_datasets.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from pipelines.sources.lists import list_codes

DATASETS_CSV = (
    Path(__file__).resolve().parents[2] / "data" / "reference" / "opensanctions_datasets.csv"
)

_ISO = frozenset(str(c.alpha_2).lower() for c in pycountry.countries) | {"xk"}
# FtM / rigour territory codes that are no current ISO 3166-1 country: former
# states, the EU, "zz" (global) and ISO's exceptionally reserved codes.
NO_ISO_COUNTRY = frozenset({
    "suhh", "csxx", "yucs", "ddde", "zr", "an", "bumm", "eu", "zz",
    "ac", "cp", "dg", "ea", "ic", "ta",
})  # fmt: skip
_REGION = re.compile(r"([a-z]{2})(?:-[a-z0-9]{1,8})+")


def iso_country(code: str) -> tuple[bool, str | None]:
    """(known, ISO alpha-2): "ru" -> RU, "ua-cri" -> UA (the region's country),
    "suhh" -> known without a country; anything else is unknown."""
    if code in _ISO:
        return True, code.upper()
    if code in NO_ISO_COUNTRY:
        return True, None
    region = _REGION.fullmatch(code)
    if region and region.group(1) in _ISO:
        return True, region.group(1).upper()
    return False, None


@dataclass(frozen=True)
class Stake:
    """A share as an interval [lo, hi] in percent, each end open or closed."""

    lo: float
    hi: float
    lo_inclusive: bool = True
    hi_inclusive: bool = True


_NUMBER = r"(\d{1,3}(?:[.,]\d+)?)"
_EXACT = re.compile(rf"{_NUMBER}\s*%?")
# A hyphen, an en dash, an em dash or "to" between the ends.
_RANGE = re.compile(rf"{_NUMBER}\s*%?\s*(?:-|\u2013|\u2014|to)\s*{_NUMBER}\s*%?")
_BOUND = re.compile(
    rf"(>=|≥|=>|>|<=|≤|=<|<|more than|over|at least|less than|under|up to)\s*{_NUMBER}\s*%?"
)
# bound word -> (is a lower bound, inclusive)
_BOUNDS = {
    ">": (True, False), "more than": (True, False), "over": (True, False),
    ">=": (True, True), "=>": (True, True), "≥": (True, True), "at least": (True, True),
    "<": (False, False), "less than": (False, False), "under": (False, False),
    "<=": (False, True), "=<": (False, True), "≤": (False, True), "up to": (False, True),
}  # fmt: skip


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_percentage(text: str) -> Stake | None:
    """``"50"`` -> [50, 50]; ``"25-50"`` -> [25, 50]; ``">50"`` -> (50, 100];
    ``"<=25"`` -> [0, 25]. None when the text is not a share of 0 to 100."""
    value = " ".join(text.lower().split())
    stake: Stake | None = None
    if match := _EXACT.fullmatch(value):
        number = _number(match.group(1))
        stake = Stake(number, number)
    elif match := _RANGE.fullmatch(value):
        stake = Stake(_number(match.group(1)), _number(match.group(2)))
    elif match := _BOUND.fullmatch(value):
        lower, inclusive = _BOUNDS[match.group(1)]
        number = _number(match.group(2))
        stake = Stake(number, 100.0, inclusive) if lower else Stake(0.0, number, True, inclusive)
    if stake is None or not 0 <= stake.lo <= stake.hi <= 100:
        return None
    if stake.lo == stake.hi and not (stake.lo_inclusive and stake.hi_inclusive):
        return None  # "> 100", "< 0": an empty interval
    return stake


@dataclass(frozen=True)
class DatasetLists:
    """OpenSanctions dataset (and, for umbrella datasets, programId) -> list code.

    A dataset with program rows (us_ofac_cons, us_trade_csl, us_special_leg)
    names its list per Sanction programId; the others name one list for all
    their Sanctions. An empty list code: a known dataset that is none of our
    lists (its Sanctions stay in staging, without a membership)."""

    whole: dict[str, str | None]
    by_program: dict[str, dict[str, str | None]]

    def rows(self) -> list[tuple[str, str, str | None]]:
        """(dataset, program_id or "", list_code) for the SQL join."""
        rows = [(dataset, "", code) for dataset, code in self.whole.items()]
        for dataset, programs in self.by_program.items():
            rows += [(dataset, program, code) for program, code in programs.items()]
        return rows

    def unknown(self, dataset: str, program_id: str | None) -> tuple[str, str] | None:
        """(field, value) naming what the reference table lacks, or None."""
        if dataset in self.whole:
            return None
        if dataset not in self.by_program:
            return "OpenSanctions dataset", dataset
        if program_id is None or program_id not in self.by_program[dataset]:
            return "OpenSanctions programId", f"{dataset}: {program_id or '(none)'}"
        return None


@cache
def dataset_lists(path: Path = DATASETS_CSV) -> DatasetLists:
    whole: dict[str, str | None] = {}
    by_program: dict[str, dict[str, str | None]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dataset, program, code = row["dataset"], row["program_id"], row["list_code"] or None
            if code is not None and code not in list_codes():
                raise ValueError(f"{path.name}: list code {code!r} is not in list_codes.csv")
            if program:
                by_program.setdefault(dataset, {})[program] = code
            else:
                whole[dataset] = code
    if both := whole.keys() & by_program.keys():
        raise ValueError(f"{path.name}: datasets both whole and per program: {sorted(both)}")
    return DatasetLists(whole, by_program)
