"""Stream GLEIF JSON golden copies (BadgerFish) one record at a time with ijson.

Layouts accepted, told apart from the first bytes:
- ``{"records": [...]}`` (L1), ``{"relations": [...]}`` (RR), ``{"exceptions": [...]}``
  (repex): whatever the single wrapper key is, its array items are the records;
- a top-level array ``[...]``;
- JSON Lines / concatenated records ``{"LEI": ...}\\n{"LEI": ...}``.
JSON carries no line numbers, so ``record_line`` is the 1-based record ordinal
and errors name the ordinal of the last good record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

import ijson

from pipelines.sources.base import SourceError
from pipelines.sources.gleif_read import Record
from pipelines.sources.gleif_tree import from_json

_WRAPPER = re.compile(rb'^\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:\s*(.)', re.DOTALL)


def layout_of(head: bytes) -> tuple[str, bool]:
    """ijson ``(prefix, multiple_values)`` for the file whose first bytes are ``head``."""
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.lstrip().startswith(b"["):
        return "item", False
    match = _WRAPPER.match(text)
    if match and match.group(2) == b"[":
        return f"{match.group(1).decode('utf-8')}.item", False
    # The first key's value is not an array: the file is a stream of records.
    return "", True


def records(stream: IO[bytes], head: bytes, file_name: str) -> Iterator[Record]:
    prefix, multiple = layout_of(head)
    ordinal = 0
    try:
        for value in ijson.items(stream, prefix, multiple_values=multiple, use_float=True):
            ordinal += 1
            yield Record("record", from_json(value, ordinal), ordinal, _raw(value))
    except ijson.JSONError as exc:
        raise SourceError(
            f"{file_name}: not well-formed JSON after record {ordinal} ({exc})"
        ) from exc


def _raw(value: Any) -> Any:
    return lambda: json.dumps(value, ensure_ascii=False, default=str)
