"""Analysts' judgements: ``data/reference/resolution_judgements.csv``.

One row per pair of entity ids an analyst looked at: ``positive`` (the same
entity: merge them, even across an identifier conflict), ``negative`` (never
in one cluster, not even through other records) or ``unsure`` (recorded only).
The file is read strictly, like a source: an unknown decision, an empty
author, a date that is not ``YYYY-MM-DD``, a pair of one id with itself or a
pair written twice (in either order) is an error naming the value, the file
and the line. Duplicates are refused even when they agree, because a second
row for a pair usually means one of the two was meant for another pair.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pipelines.lib.resolve.clusters import Link

JUDGEMENTS_FILE = (
    Path(__file__).resolve().parents[3] / "data" / "reference" / "resolution_judgements.csv"
)
COLUMNS = ("left_id", "right_id", "decision", "author", "date", "comment")

Decision = Literal["positive", "negative", "unsure"]
_DECISIONS: dict[str, Decision] = {"positive": "positive", "negative": "negative",
                                   "unsure": "unsure"}
# date.fromisoformat also takes "20261101" and week dates since 3.11; the file wants one form.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class JudgementError(ValueError):
    """A judgements file that cannot be applied as written."""


@dataclass(frozen=True)
class Judgement:
    left_id: str  # always the smaller id of the pair, so a pair has one spelling
    right_id: str
    decision: Decision
    author: str
    day: date
    comment: str
    line: int  # the file line the row starts on, for error messages and explanations


def load_judgements(path: Path = JUDGEMENTS_FILE) -> list[Judgement]:
    """The judgements in ``path``, sorted by pair; a missing file has none."""
    if not path.exists():
        return []
    seen: dict[tuple[str, str], Judgement] = {}
    for line, values in _records(path):
        judgement = _judgement(values, line, path)
        pair = (judgement.left_id, judgement.right_id)
        if pair in seen:
            first = seen[pair]
            raise JudgementError(
                f"{path}:{line}: pair {pair[0]} / {pair[1]} already judged {first.decision!r}"
                f" on line {first.line}; judged {judgement.decision!r} again"
            )
        seen[pair] = judgement
    return [seen[pair] for pair in sorted(seen)]


def judgement_links(judgements: Iterable[Judgement]) -> list[Link]:
    """The positive judgements as links for ``clusters.cluster``."""
    return [
        Link(j.left_id, j.right_id, "judgement", 1.0, _detail(j))
        for j in judgements
        if j.decision == "positive"
    ]


def negative_pairs(judgements: Iterable[Judgement]) -> list[tuple[str, str]]:
    """The pairs analysts said must never share a cluster."""
    return [(j.left_id, j.right_id) for j in judgements if j.decision == "negative"]


def _detail(judgement: Judgement) -> str:
    text = f"judgement by {judgement.author} on {judgement.day.isoformat()}"
    return f"{text}: {judgement.comment}" if judgement.comment else text


def _records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(starting line, column -> stripped value) for each non-blank row."""
    # utf-8-sig: spreadsheets save UTF-8 with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = _header(next(reader, None), path)
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num  # a quoted comment may span lines
            if not any(value.strip() for value in row):  # blank, or ",,,,," from a spreadsheet
                continue
            if len(row) != len(header):
                raise JudgementError(
                    f"{path}:{start}: {len(row)} fields, the header has {len(header)}"
                )
            yield start, {name: value.strip() for name, value in zip(header, row, strict=True)}


def _header(row: list[str] | None, path: Path) -> list[str]:
    """The column names, in file order, once they are exactly ``COLUMNS``."""
    if row is None:
        raise JudgementError(f"{path}:1: no header, expected {','.join(COLUMNS)}")
    names = [name.strip() for name in row]
    missing = [name for name in COLUMNS if name not in names]
    extra = [name for name in names if name not in COLUMNS]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if missing or extra or repeated:
        raise JudgementError(
            f"{path}:1: header must be {','.join(COLUMNS)}; missing {missing}, extra {extra},"
            f" repeated {repeated}"
        )
    return names


def _judgement(values: dict[str, str], line: int, path: Path) -> Judgement:
    where = f"{path}:{line}"
    left, right = values["left_id"], values["right_id"]
    if not left or not right:
        raise JudgementError(f"{where}: empty entity id ({left!r}, {right!r})")
    if left == right:
        raise JudgementError(f"{where}: {left!r} judged against itself")
    decision = _DECISIONS.get(values["decision"])
    if decision is None:
        raise JudgementError(
            f"{where}: unknown decision {values['decision']!r},"
            f" expected one of {sorted(_DECISIONS)}"
        )
    if not values["author"]:
        raise JudgementError(f"{where}: empty author")
    return Judgement(min(left, right), max(left, right), decision, values["author"],
                     _day(values["date"], where), values["comment"], line)


def _day(text: str, where: str) -> date:
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:  # 2026-02-30
        pass
    raise JudgementError(f"{where}: date {text!r} is not a YYYY-MM-DD day")
