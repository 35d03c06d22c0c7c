"""Inflate a deflated zip member with ISA-L (``isal``), about 2.5 times faster than zlib.

A register snapshot is gigabytes of deflated JSON or XML, inflated by the one
process that feeds the parse workers. ``zipfile`` has no way to choose the
inflater, so this reads the member's raw deflate stream itself. ``ZipFile.open``
has already checked the member (local header name, no encryption, method); the
data follows the local header's name and extra field. Like ``zipfile``, the
reader never yields more than the central directory's declared size and checks
the size and CRC-32 at the end. A stream cut short raises ``EOFError``; a corrupt
or over-long one, or a wrong CRC, ``zipfile.BadZipFile`` (``archives`` reports
both as a corrupt member).
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO, cast

from isal import isal_zlib

_LOCAL_HEADER = struct.Struct("<4s22xHH")
_READ_BYTES = 1024 * 1024
# isal's stubs declare ``error`` as an instance; it is the exception class.
_INFLATE_ERROR = cast("type[Exception]", isal_zlib.error)


def _skip_local_header(file: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Position ``file`` at the member's deflate stream, after its local header."""
    file.seek(info.header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(f"{info.filename}: local header cut short")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: bad local header signature")
    file.seek(name_length + extra_length, io.SEEK_CUR)


class InflatedMember(io.RawIOBase):
    """The inflated bytes of one deflated member of the zip at ``path``."""

    def __init__(self, path: Path, info: zipfile.ZipInfo) -> None:
        self._info = info
        self._file = path.open("rb")
        try:
            _skip_local_header(self._file, info)
        except zipfile.BadZipFile:
            self._file.close()
            raise
        self._compressed_left = info.compress_size
        self._inflater = isal_zlib.decompressobj(-15)
        self._input = b""
        self._size = 0
        self._crc = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        # One byte more than the declared size remains: reading it means a lie.
        want = min(len(buffer), self._info.file_size - self._size + 1)
        # ISA-L may hold inflated output back from input it has taken whole:
        # ask for output first, and read more input only when none comes.
        while not (data := self._inflate(want)) and not self._inflater.eof:
            if not self._input:
                self._input = self._next_input()
        self._size += len(data)
        if self._size > self._info.file_size:
            raise zipfile.BadZipFile(f"{self._info.filename}: more data than its declared size")
        self._crc = isal_zlib.crc32(data, self._crc)
        if not data:
            self._check_end()
        buffer[: len(data)] = data
        return len(data)

    def _inflate(self, want: int) -> bytes:
        try:
            data: bytes = self._inflater.decompress(self._input, want)
        except _INFLATE_ERROR as exc:
            raise zipfile.BadZipFile(f"{self._info.filename}: {exc}") from exc
        self._input = self._inflater.unconsumed_tail
        return data

    def _next_input(self) -> bytes:
        if self._compressed_left <= 0:
            raise EOFError(f"{self._info.filename}: deflate stream ends before its end marker")
        block = self._file.read(min(_READ_BYTES, self._compressed_left))
        if not block:
            raise EOFError(f"{self._info.filename}: zip file ends inside the member")
        self._compressed_left -= len(block)
        return block

    def _check_end(self) -> None:
        info = self._info
        if self._size != info.file_size:
            raise zipfile.BadZipFile(
                f"{info.filename}: {self._size} bytes inflated, {info.file_size} declared"
            )
        if self._crc != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")

    def close(self) -> None:
        self._file.close()
        super().close()
