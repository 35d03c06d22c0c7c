"""ISA-L inflation of deflated zip members: the same bytes zipfile gives, and the same
refusals (a cut stream, a wrong CRC, more data than declared)."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from pipelines.lib.archives import open_data_file
from pipelines.lib.zip_inflate import InflatedMember
from pipelines.sources.base import SourceError

MB = 1024 * 1024


def _zip(path: Path, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("data.jsonl", data)
    return path


def _texts() -> bytes:
    rng = random.Random(7)
    return b"".join(b'{"n": %d, "name": "%x"}\n' % (i, rng.getrandbits(64)) for i in range(60_000))


@pytest.mark.parametrize("data", [b"", b"x", _texts(), bytes(20 * MB)], ids=["empty", "one", "lines", "zeros"])
def test_a_member_reads_as_zipfile_reads_it(tmp_path: Path, data: bytes) -> None:
    path = _zip(tmp_path / "member.zip", data)
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
        expected = archive.read(info)
    assert expected == data
    with InflatedMember(path, info) as member:
        # Odd read sizes: output is handed out across inflate calls.
        chunks = iter(lambda: member.read(65_537), b"")
        assert b"".join(chunks) == data
    with open_data_file(path) as stream:
        assert stream.read() == data


def test_open_data_file_inflates_deflated_members_with_isal(tmp_path: Path) -> None:
    path = _zip(tmp_path / "member.zip", _texts())
    with open_data_file(path) as stream:
        assert isinstance(stream.raw._inner, InflatedMember)  # type: ignore[attr-defined]
    stored = _zip(tmp_path / "stored.zip", b"plain", zipfile.ZIP_STORED)
    with open_data_file(stored) as stream:
        assert not isinstance(stream.raw._inner, InflatedMember)  # type: ignore[attr-defined]
        assert stream.read() == b"plain"


def _crc_offsets(raw: bytes) -> tuple[int, int]:
    # CRC-32: offset 14 of the local header, offset 16 of the central header.
    return 14, raw.rfind(b"PK\x01\x02") + 16


def test_a_wrong_crc_is_a_corrupt_member(tmp_path: Path) -> None:
    path = _zip(tmp_path / "member.zip", _texts())
    raw = bytearray(path.read_bytes())
    for offset in _crc_offsets(bytes(raw)):
        struct.pack_into("<I", raw, offset, 12345)
    path.write_bytes(bytes(raw))
    with pytest.raises(SourceError, match=r"corrupt zip member.*Bad CRC-32"), \
            open_data_file(path) as stream:
        stream.read()


def test_a_deflate_stream_cut_short_is_a_corrupt_member(tmp_path: Path) -> None:
    path = _zip(tmp_path / "member.zip", _texts())
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    info.compress_size //= 2  # as if the stream stopped halfway
    with InflatedMember(path, info) as member, pytest.raises(EOFError, match="end marker"):
        member.read()


def test_more_data_than_declared_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "member.zip", _texts())
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    info.file_size -= 1
    with InflatedMember(path, info) as member, \
            pytest.raises(zipfile.BadZipFile, match="more data than its declared size"):
        io.BufferedReader(member).read()


def test_a_bad_local_header_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "member.zip", b"data")
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    info.header_offset += 1
    with pytest.raises(zipfile.BadZipFile, match="bad local header"):
        InflatedMember(path, info)
