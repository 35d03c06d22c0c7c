"""Reading one BODS statement strictly: typed fields, checked codes, reported leftovers.

A ``Statement`` collects the rows of one statement and writes them only when
the whole statement has been read, so a statement that turns out malformed
half-way is quarantined whole and leaves no partial rows behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import UnknownValueError
from pipelines.sources.bods_codelists import BY_VERSION, to_v04

Known = tuple[str, ...] | frozenset[str]


@cache
def _key_set(known: tuple[str, ...]) -> frozenset[str]:
    return frozenset(known)


class Malformed(Exception):
    """The statement cannot be read as BODS: quarantined with this reason."""


@dataclass(frozen=True)
class Ctx:
    file: str
    writer: StagingWriter
    accept_new_values: bool


@dataclass
class Statement:
    ctx: Ctx
    pos: int
    version: str = "0.4"
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    leftovers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def legacy(self) -> bool:
        return self.version != "0.4"

    def obj(self, value: Any, path: str, known: Known) -> dict[str, Any]:
        """``value`` as an object; keys outside ``known`` are reported as leftovers."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise Malformed(f"{path} is not an object")
        keys = known if isinstance(known, frozenset) else _key_set(known)
        if keys.issuperset(value):  # the common case, without building a set
            return value
        for key in sorted(value.keys() - keys):
            self.leftover(f"{path}.{key}" if path else key, value[key])
        return value

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise Malformed(f"{path} is not an array")
        return value

    def text(self, value: Any, path: str) -> str | None:
        # Dates and ids are strings in every BODS version; numbers are tolerated
        # for ids (some publishers write company numbers as numbers).
        if value is None or type(value) is str:
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise Malformed(f"{path} is not a string")

    def number(self, value: Any, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Malformed(f"{path} is not a number")
        if not 0 <= value <= 100:
            raise Malformed(f"{path} {value} is not a percentage")
        return float(value)

    def flag(self, value: Any, path: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        raise Malformed(f"{path} is not a boolean")

    def code(self, codelist: str, value: Any, path: str) -> str | None:
        """A codelist value in its 0.4 spelling; unknown -> error, or leftover if accepted."""
        text = self.text(value, path)
        if text is None:
            return None
        if text not in BY_VERSION[self.version][codelist]:
            if not self.ctx.accept_new_values:
                raise UnknownValueError(path, text, self.ctx.file, self.pos)
            self.leftover(path, text)
            return text
        return to_v04(text) if self.legacy else text

    def leftover(self, path: str, value: Any) -> None:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.leftovers.append((path, shown))

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.append((table, row))

    def write(self) -> None:
        writer = self.ctx.writer
        for table, row in self.rows:
            writer.add(table, row)
        for path, value in self.leftovers:
            writer.leftover(self.ctx.file, self.pos, path, value)
