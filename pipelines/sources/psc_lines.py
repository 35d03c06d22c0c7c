"""gb_coh_psc: read snapshot files as Arrow batches of raw lines (line, text).

The official snapshot is JSON Lines (one object per line), plain or zipped,
whole or in parts. A file is read in chunks of a few MiB, cut at the last
newline and split into lines by Arrow compute: no Python object per line.
The real fixtures wrap lines in a JSON array (one of them pretty-printed);
that variant is read whole and each element becomes one line numbered by
where it starts, so messages still point into the file.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.lib.archives import is_zip, open_data_file, safe_members
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import SourceError

CHUNK_BYTES = 16 * 1024**2
_NUMBERS = re.compile(r"(\d+)")
_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class LineBatch:
    file: str  # the file name, or "<zip name>:<member>"
    lines: pa.Table  # line (int64, 1-based), text (large_string)


def part_order(files: Mapping[str, Path]) -> list[Path]:
    """The snapshot's files in part order: by logical name ("part-0002" from the
    fetcher), then file name ("…_2of30" before "…_10of30")."""
    ordered = sorted(files.items(), key=lambda item: (_natural(item[0]), _natural(item[1].name)))
    return [path for _, path in ordered]


def _natural(name: str) -> list[int | str]:
    return [int(piece) if piece.isdigit() else piece.lower() for piece in _NUMBERS.split(name)]


def read_file(path: Path, writer: StagingWriter, chunk: int = CHUNK_BYTES) -> Iterator[LineBatch]:
    """Every line of a plain file, or of each member of a zip in part order."""
    if not is_zip(path):
        with path.open("rb") as stream:
            yield from _read_stream(stream, path.name, writer, chunk)
        return
    for member in _members(path):
        with open_data_file(path, member) as stream:
            yield from _read_stream(stream, f"{path.name}:{member}", writer, chunk)


def _members(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in safe_members(archive)]
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{path.name}: truncated or corrupt zip archive ({exc})") from exc
    return sorted(names, key=_natural)


def _read_stream(
    stream: IO[bytes], name: str, writer: StagingWriter, chunk: int
) -> Iterator[LineBatch]:
    first = stream.read(chunk)
    if first.lstrip()[:1] == b"[":
        yield _array_batch(first + stream.read(), name)
        return
    rest, next_line, data = b"", 1, first
    while data:
        buffer = rest + data
        cut = buffer.rfind(b"\n") + 1
        rest = buffer[cut:]
        if cut:
            batch = _split(buffer[: cut - 1], next_line, name, writer)
            next_line += len(batch.lines)
            yield batch
        data = stream.read(chunk)
    if rest:
        yield _split(rest, next_line, name, writer)


def _split(data: bytes, first_line: int, name: str, writer: StagingWriter) -> LineBatch:
    """``data`` without its final newline, as one row per line."""
    raw: pa.Array[Any] = pc.split_pattern(pa.array([data], pa.large_binary()), "\n").flatten()
    # 1, 2, 3, ... without a Python int per line: a running sum of ones.
    ones = cast("pa.Int64Array", pc.fill_null(pa.nulls(len(raw), pa.int64()), pa.scalar(1)))
    numbers = cast("pa.Array[Any]", pc.cumulative_sum(ones, start=pa.scalar(first_line - 1)))
    try:
        text = raw.cast(pa.large_string())
    except pa.ArrowInvalid:
        return _split_bad_utf8(raw, numbers, name, writer)
    return LineBatch(name, pa.table({"line": numbers, "text": text}))


def _split_bad_utf8(
    raw: pa.Array[Any], numbers: pa.Array[Any], name: str, writer: StagingWriter
) -> LineBatch:
    # Slow path, only for a chunk holding bytes that are not UTF-8: quarantine
    # those lines (with the text decoded lossily) and keep the rest.
    lines: list[int] = []
    texts: list[str] = []
    for line, value in zip(numbers.to_pylist(), raw.to_pylist(), strict=True):
        assert isinstance(line, int) and isinstance(value, bytes)
        try:
            texts.append(value.decode("utf-8"))
            lines.append(line)
        except UnicodeDecodeError:
            writer.quarantine(name, line, "invalid UTF-8", value.decode("utf-8", "replace"))
    table = pa.table(
        {"line": pa.array(lines, pa.int64()), "text": pa.array(texts, pa.large_string())}
    )
    return LineBatch(name, table)


def _array_batch(data: bytes, name: str) -> LineBatch:
    """The fixture variant: ``[ {…}, {…} ]``, each element one snapshot line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: JSON array file is not UTF-8 ({exc})") from exc
    decoder = json.JSONDecoder()
    lines: list[int] = []
    texts: list[str] = []
    pos = _skip(text, 0) + 1  # after "["
    line, counted = 1, 0
    while (pos := _skip(text, pos)) < len(text) and text[pos] != "]":
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{name}:{line}: broken JSON array ({exc.msg})") from exc
        lines.append(line)
        texts.append(json.dumps(value, ensure_ascii=False))
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos += 1
        elif text[pos : pos + 1] not in ("]", ""):
            raise SourceError(f"{name}:{line}: broken JSON array (no comma after an element)")
    if pos >= len(text):
        raise SourceError(f"{name}: JSON array is not closed (truncated file?)")
    table = pa.table(
        {"line": pa.array(lines, pa.int64()), "text": pa.array(texts, pa.large_string())}
    )
    return LineBatch(name, table)


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos
