"""Reporting-exception rows straight from a plain-shaped repex XML record (see gleif_fast).

Produces exactly the ``exceptions`` row ``global_gleif_repex`` writes through the
generic tree (``record_line`` is added when writing), or raises ``Irregular``:
also for records to quarantine (a missing or invalid LEI), values outside the
enumerations, empty elements and withdrawn records (an Extension), so the
generic path decides those.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources import gleif_enums as enums
from pipelines.sources.gleif_fast import Irregular, enum, kids, leaf
from pipelines.sources.gleif_run import is_valid_lei

REPEX_NS = "http://www.gleif.org/data/schema/repex/2016"
_LEI = f"{{{REPEX_NS}}}LEI"
_CATEGORY = f"{{{REPEX_NS}}}ExceptionCategory"
_REASON = f"{{{REPEX_NS}}}ExceptionReason"
_REFERENCE = f"{{{REPEX_NS}}}ExceptionReference"


def read(record: Any) -> dict[str, Any]:
    """The ``exceptions`` row of a plain record, without ``record_line``; else ``Irregular``."""
    if record.keys():
        raise Irregular
    single: dict[str, str] = {}
    reasons: list[str] = []
    references: list[str] = []
    for element in kids(record):
        tag = element.tag
        text = leaf(element)
        if text is None:
            raise Irregular
        if tag == _REASON:
            reasons.append(enum(text, enums.EXCEPTION_REASON))
        elif tag == _REFERENCE:
            references.append(text)
        elif tag in (_LEI, _CATEGORY) and tag not in single:
            single[tag] = text
        else:
            raise Irregular
    return _row(single, reasons, references)


def _row(single: dict[str, str], reasons: list[str], references: list[str]) -> dict[str, Any]:
    lei, category = single.get(_LEI), single.get(_CATEGORY)
    if lei is None or not is_valid_lei(lei):
        raise Irregular
    return {
        "lei": lei,
        "exception_category": enum(category, enums.EXCEPTION_CATEGORY),
        "exception_reason": reasons[0] if reasons else None,
        "exception_reasons": reasons,
        "exception_references": references,
        "deleted": False,
        "deleted_at": None,
    }
