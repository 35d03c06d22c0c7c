"""The safe zip reader: path traversal, truncation, zip bombs, member choice."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from pipelines.lib.archives import _CappedReader, open_data_file, safe_members
from pipelines.sources.base import SourceError

MB = 1024 * 1024


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            # A ZipInfo keeps the name as given (ZipFile.write would sanitise it).
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def read_all(path: Path, member: str | None = None, max_unpacked: int = 64 * MB) -> bytes:
    with open_data_file(path, member=member, max_unpacked=max_unpacked) as stream:
        return stream.read()


def test_a_plain_file_passes_through(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"1,ACME\r\n\x1a")
    assert read_all(path) == b"1,ACME\r\n\x1a"


def test_a_one_member_zip_is_unpacked(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "golden.zip", {"folder/": b"", "folder/lei.xml": b"<lei/>"})
    assert read_all(path) == b"<lei/>"


@pytest.mark.parametrize("name", ["../evil", "data/../../evil", "/etc/passwd", "..\\evil"])
def test_unsafe_member_paths_are_refused(tmp_path: Path, name: str) -> None:
    path = make_zip(tmp_path / "evil.zip", {name: b"pwned"})
    with pytest.raises(SourceError, match="unsafe path in zip archive"):
        read_all(path)
    with zipfile.ZipFile(path) as archive, pytest.raises(SourceError):
        safe_members(archive)


def test_a_truncated_zip_is_an_error(tmp_path: Path) -> None:
    whole = make_zip(tmp_path / "whole.zip", {"data.csv": bytes(range(256)) * 4000}).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(SourceError, match="truncated or corrupt zip"):
        read_all(cut)


def test_corrupt_member_data_is_a_source_error(tmp_path: Path) -> None:
    data = b"".join(b"%d,name %d\n" % (i, i * 7919 % 1000) for i in range(20000))
    path = make_zip(tmp_path / "corrupt.zip", {"data.csv": data})
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2  # inside the deflate stream, far from the headers
    raw[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(raw))
    with pytest.raises(SourceError, match="corrupt zip member"):
        read_all(path)


def test_a_member_declaring_more_than_the_cap_is_refused(tmp_path: Path) -> None:
    # 20 MB of zeros compresses to ~20 KB: a small zip bomb.
    path = make_zip(tmp_path / "bomb.zip", {"zeros.csv": bytes(20 * MB)})
    assert path.stat().st_size < 100_000
    with pytest.raises(SourceError, match="declares 20971520 bytes"):
        read_all(path, max_unpacked=MB)
    assert len(read_all(path, max_unpacked=21 * MB)) == 20 * MB  # control: under the cap it reads


def test_a_member_under_declaring_its_size_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "liar.zip", {"zeros.csv": bytes(20 * MB)})
    raw = bytearray(path.read_bytes())
    # Uncompressed size: offset 22 of the local header, offset 24 of the central header.
    struct.pack_into("<I", raw, 22, 1000)
    struct.pack_into("<I", raw, raw.rfind(b"PK\x01\x02") + 24, 1000)
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].file_size == 1000  # the lie passed the declared check
    # zipfile stops at the declared size, then the CRC of the whole member does not match.
    with pytest.raises(SourceError, match="corrupt zip member"):
        read_all(path, max_unpacked=MB)


def test_the_streaming_cap_counts_unpacked_bytes() -> None:
    # Defence in depth behind the declared-size check (zipfile itself never reads past the
    # declared size, so no crafted archive reaches this through open_data_file).
    reader = _CappedReader(io.BytesIO(b"x" * 100), 99, "bomb.zip:zeros.csv")
    with pytest.raises(SourceError, match=r"bomb\.zip:zeros\.csv: unpacked size exceeds the cap"):
        io.BufferedReader(reader).read()
    assert io.BufferedReader(_CappedReader(io.BytesIO(b"x" * 100), 100, "ok")).read() == b"x" * 100


def test_two_members_without_member_name_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "two.zip", {"SDN.CSV": b"sdn", "ADD.CSV": b"add"})
    with pytest.raises(SourceError, match="expected one data file"):
        read_all(path)


def test_member_is_picked_case_insensitively(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "two.zip", {"SDN.CSV": b"sdn", "csv/ADD.CSV": b"add"})
    assert read_all(path, member="sdn.csv") == b"sdn"
    assert read_all(path, member="add.csv") == b"add"
    assert read_all(path, member="CSV/add.csv") == b"add"
    with pytest.raises(SourceError, match=r"no member named 'alt\.csv'"):
        read_all(path, member="alt.csv")


def test_an_ambiguous_member_name_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "two.zip", {"2023/sdn.csv": b"old", "2024/SDN.CSV": b"new"})
    with pytest.raises(SourceError, match=r"2 members named 'sdn\.csv'"):
        read_all(path, member="sdn.csv")
    assert read_all(path, member="2024/sdn.csv") == b"new"
