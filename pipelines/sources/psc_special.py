"""gb_coh_psc: the exemption lines and the totals line, and the totals check.

Both are rare (77 exemption lines and one totals line in the 2024-11-22
snapshot), so they are read in Python from the raw text the batch SQL hands
over. The totals line is the snapshot's own record count: a snapshot whose
counts do not add up is truncated or mixed, and must not replace the last
good one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError, UnknownValueError
from pipelines.sources.psc_batch import Counts, SpecialLine
from pipelines.sources.psc_tables import TOTALS_KIND, known_exemptions

_EXEMPTION_DATA = {"kind", "etag", "links", "exemptions"}
_EXEMPTION = {"exemption_type", "items"}
_ITEM = {"exempt_from", "exempt_to"}
_TOTALS = {
    "kind",
    "persons_of_significant_control_count",
    "statements_count",
    "exemptions_count",
    "generated_at",
}


@dataclass(frozen=True)
class Totals:
    file: str
    line: int
    data: dict[str, Any]


class SpecialLines:
    """Collects the totals line and stages the exemption lines."""

    def __init__(self, writer: StagingWriter, accept_new_values: bool) -> None:
        self.writer = writer
        self.accept_new_values = accept_new_values
        self.totals: list[Totals] = []

    def add(self, special: SpecialLine) -> None:
        record = json.loads(special.text)
        if special.kind == TOTALS_KIND:
            self._leftovers(special, "data", record["data"], _TOTALS)
            self.totals.append(Totals(special.file, special.line, record["data"]))
        else:
            self._exemptions(special, record)

    def _leftovers(self, special: SpecialLine, path: str, obj: Any, known: set[str]) -> None:
        if not isinstance(obj, dict):
            self.writer.leftover(special.file, special.line, path, json.dumps(obj))
            return
        for key in obj.keys() - known:
            self.writer.leftover(special.file, special.line, f"{path}.{key}", json.dumps(obj[key]))

    def _exemptions(self, special: SpecialLine, record: dict[str, Any]) -> None:
        data = record["data"]
        self._leftovers(special, "data", data, _EXEMPTION_DATA)
        links = data.get("links") or {}
        self._leftovers(special, "data.links", links, {"self"})
        exemptions = data.get("exemptions") or {}
        for key, exemption in sorted(exemptions.items()):
            self._leftovers(special, f"data.exemptions.{key}", exemption, _EXEMPTION)
            kind = exemption.get("exemption_type") if isinstance(exemption, dict) else None
            if not self._known_type(special, kind):
                continue
            for item in exemption.get("items") or [{}]:
                self._leftovers(special, f"data.exemptions.{key}.items", item, _ITEM)
                row = {
                    "company_number": record["company_number"],
                    "exemption_key": key,
                    "exemption_type": kind,
                    "exempt_from": self._date(special, "exempt_from", item.get("exempt_from")),
                    "exempt_to": self._date(special, "exempt_to", item.get("exempt_to")),
                    "etag": data.get("etag"),
                    "links_self": links.get("self") if isinstance(links, dict) else None,
                    "file": special.file,
                    "line": special.line,
                }
                self.writer.add("exemptions", row)

    def _date(self, special: SpecialLine, name: str, value: Any) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            pass
        self.writer.leftover(
            special.file, special.line, f"data.exemptions.items.{name}", str(value)
        )
        return None

    def _known_type(self, special: SpecialLine, kind: Any) -> bool:
        if isinstance(kind, str) and kind in known_exemptions():
            return True
        if not self.accept_new_values:
            raise UnknownValueError("exemption_type", str(kind), special.file, special.line)
        self.writer.leftover(special.file, special.line, "exemption_type", str(kind))
        return False

    def check(self, counts: Counts, last: tuple[str, int], strict: bool = True) -> None:
        """Stage the totals line(s); with ``strict``, require exactly one, last,
        whose counts match what was read."""
        for totals in self.totals:
            self.writer.add("totals", _totals_row(totals, counts))
        if not strict:
            return
        if len(self.totals) != 1:
            found = [f"{t.file}:{t.line}" for t in self.totals] or "none"
            raise SourceError(f"expected one totals line at the end of the snapshot, found {found}")
        totals = self.totals[0]
        if (totals.file, totals.line) != last:
            raise SourceError(
                f"{totals.file}:{totals.line}: the totals line is not the last line of the "
                f"snapshot ({last[0]}:{last[1]} is); parts out of order or mixed snapshots?"
            )
        _check_counts(totals, counts)


def _totals_row(totals: Totals, counts: Counts) -> dict[str, Any]:
    data = totals.data
    return {
        "generated_at": data.get("generated_at"),
        "persons_of_significant_control_count": _int(data, "persons_of_significant_control_count"),
        "statements_count": _int(data, "statements_count"),
        "exemptions_count": _int(data, "exemptions_count"),
        "psc_read": counts.psc,
        "statements_read": counts.statements,
        "exemptions_read": counts.exemptions,
        "unclassified_read": counts.unclassified,
        "file": totals.file,
        "line": totals.line,
    }


def _check_counts(totals: Totals, counts: Counts) -> None:
    # A quarantined line (or one of an accepted new kind) may have been of any
    # class, so the classes may fall short, but by no more than those lines.
    declared = {
        "persons_of_significant_control_count": counts.psc,
        "statements_count": counts.statements,
        "exemptions_count": counts.exemptions,
    }
    short = 0
    for key, read in declared.items():
        expected = _int(totals.data, key)
        if expected is None or read > expected:
            raise SourceError(f"{totals.file}:{totals.line}: {key} is {expected}, read {read}")
        short += expected - read
    if short > counts.unclassified:
        raise SourceError(
            f"{totals.file}:{totals.line}: the totals line declares {short} more records than "
            f"were read, and only {counts.unclassified} lines were unreadable or of an unknown "
            "kind: truncated snapshot or missing part?"
        )


def _int(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
