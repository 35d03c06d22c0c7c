"""Open a downloaded data file, transparently and safely unpacking zip archives.

Publishers ship golden copies as ``.zip`` with one member. Members are read
as streams (never extracted to disk by name), so a member called
``../../etc/passwd`` cannot write anywhere; the unpacked size is capped so a
zip bomb fails with a clear error instead of filling the disk or memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from pipelines.lib.zip_inflate import InflatedMember
from pipelines.sources.base import SourceError

DEFAULT_MAX_UNPACKED = 64 * 1024**3


class _CappedReader(io.RawIOBase):
    """Counts bytes read from a zip member and fails past the cap."""

    def __init__(self, inner: IO[bytes] | io.RawIOBase, cap: int, name: str) -> None:
        self._inner = inner
        self._left = cap
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # A bad CRC (e.g. a member whose header under-declares its size) or corrupt
            # compressed data would otherwise surface as a zipfile/zlib error mid-parse.
            raise SourceError(f"{self._name}: corrupt zip member ({exc})") from exc
        self._left -= len(data)
        if self._left < 0:
            raise SourceError(f"{self._name}: unpacked size exceeds the cap")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Data members of an archive; refuses absolute or parent-relative names."""
    members = []
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise SourceError(f"unsafe path in zip archive: {info.filename!r}")
        if not info.is_dir():
            members.append(info)
    return members


def data_size(path: Path) -> int:
    """Bytes of the data ``open_data_file`` yields (a zip's declared member size)."""
    if not is_zip(path):
        return path.stat().st_size
    try:
        with zipfile.ZipFile(path) as archive:
            return max((info.file_size for info in safe_members(archive)), default=0)
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{path.name}: truncated or corrupt zip archive ({exc})") from exc


@contextmanager
def open_data_file(
    path: Path, member: str | None = None, max_unpacked: int = DEFAULT_MAX_UNPACKED
) -> Iterator[IO[bytes]]:
    """Yield a binary stream of ``path``, or of its one (or named) zip member."""
    if not is_zip(path):
        with path.open("rb") as handle:
            yield handle
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{path.name}: truncated or corrupt zip archive ({exc})") from exc
    with archive:
        info = _pick_member(path, safe_members(archive), member)
        if info.file_size > max_unpacked:
            raise SourceError(
                f"{path.name}: member {info.filename} declares {info.file_size} bytes"
            )
        raw = _CappedReader(
            _open_member(archive, path, info), max_unpacked, f"{path.name}:{info.filename}"
        )
        with io.BufferedReader(raw, buffer_size=1024 * 1024) as stream:
            yield stream


def _open_member(
    archive: zipfile.ZipFile, path: Path, info: zipfile.ZipInfo
) -> IO[bytes] | io.RawIOBase:
    # A damaged local header, encryption or an unknown compression method.
    try:
        member = archive.open(info)
        if info.compress_type != zipfile.ZIP_DEFLATED:
            return member
        # zipfile checked the member; ISA-L inflates it (zip_inflate).
        member.close()
        return InflatedMember(path, info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise SourceError(f"{path.name}: cannot open member {info.filename} ({exc})") from exc


def _pick_member(path: Path, members: list[zipfile.ZipInfo], name: str | None) -> zipfile.ZipInfo:
    if name is not None:
        wanted = name.lower()
        found = [
            info
            for info in members
            if wanted in (info.filename.lower(), PurePosixPath(info.filename).name.lower())
        ]
        if len(found) != 1:
            what = "no member" if not found else f"{len(found)} members"
            raise SourceError(f"{path.name}: {what} named {name!r}")
        return found[0]
    if len(members) != 1:
        names = [m.filename for m in members]
        raise SourceError(f"{path.name}: expected one data file in the archive, found {names}")
    return members[0]
