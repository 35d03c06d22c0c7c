"""Bad input for the four US China-related list transcriptions (shared reader
``uscn_csv``): each source refuses what is not its file and quarantines bad rows."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.china_lists import write_bis_mieu, write_fcc_covered, write_ndaa_889
from pipelines.lib.demo.lists.dod_1260h import write as write_1260h
from pipelines.sources.base import SourceError
from pipelines.sources.uscn_csv import match_key, parse_date
from tests.sources.uscn_support import run, write_csv

WRITERS = {
    "us_dod_1260h": write_1260h,
    "us_fcc_covered": write_fcc_covered,
    "us_ndaa_889": write_ndaa_889,
    "us_bis_mieu": write_bis_mieu,
}
SOURCES = tuple(WRITERS)
ENTRY = ListEntry("K", "Kappa Electronics Co., Ltd.", "company", country="CN")


def good_file(source: str, folder: Path) -> Path:
    """A valid one-entry file of the source, written by its demo writer."""
    folder.mkdir(exist_ok=True)
    return WRITERS[source](folder, [ENTRY], date(2025, 1, 7))


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("source", SOURCES)
def test_wrong_header(source: str, tmp_path: Path) -> None:
    header, *rows = lines(good_file(source, tmp_path / "in"))
    path = write_csv(tmp_path / "other.csv", header.replace(",", ";", 1), *rows)
    with pytest.raises(SourceError, match=r"other\.csv: unexpected header"):
        run(source, path, tmp_path / "out")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("content", "message"), [
    ("", r"empty\.csv: empty file"),
    ("\n\n", r"empty\.csv: empty file"),
])  # fmt: skip
def test_empty_file(source: str, content: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        run(source, path, tmp_path / "out")


@pytest.mark.parametrize("source", SOURCES)
def test_header_only(source: str, tmp_path: Path) -> None:
    header = lines(good_file(source, tmp_path / "in"))[0]
    path = write_csv(tmp_path / "head.csv", header, "")
    with pytest.raises(SourceError, match=r"head\.csv: no records after the header"):
        run(source, path, tmp_path / "out")


@pytest.mark.parametrize("source", SOURCES)
def test_truncated_inside_a_quoted_value(source: str, tmp_path: Path) -> None:
    header, *rows = lines(good_file(source, tmp_path / "in"))
    path = tmp_path / "cut.csv"
    path.write_text("\n".join([header, *rows, '"Cut off in the mid']), encoding="utf-8")
    with pytest.raises(SourceError, match=r"cut\.csv: truncated at line"):
        run(source, path, tmp_path / "out")


@pytest.mark.parametrize("source", SOURCES)
def test_not_utf8(source: str, tmp_path: Path) -> None:
    header, *rows = lines(good_file(source, tmp_path / "in"))
    path = tmp_path / "latin.csv"
    path.write_bytes("\n".join([header, *rows, "Caf\xe9"]).encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin\.csv: not UTF-8"):
        run(source, path, tmp_path / "out")


@pytest.mark.parametrize("source", SOURCES)
def test_malformed_rows_quarantined(source: str, tmp_path: Path) -> None:
    header, *rows = lines(good_file(source, tmp_path / "in"))
    path = write_csv(
        tmp_path / "bad.csv", header, "one,two,three", '"broken"quote,x', "", *rows,
        newline="\r\n",
    )  # fmt: skip
    tables = run(source, path, tmp_path / "out")
    assert [
        (r["file"], r["line"], r["reason"].split()[0], r["raw"]) for r in tables["quarantine"]
    ] == [
        ("bad.csv", 2, "expected", "one,two,three"),
        ("bad.csv", 3, "unreadable", '"broken"quote,x'),
    ]
    # The good row after them (line 5: the blank line 4 holds no record) is staged.
    assert [row["record_line"] for row in tables["memberships"]] == [5]


@pytest.mark.parametrize("source", SOURCES)
def test_zipped_file(source: str, tmp_path: Path) -> None:
    path = good_file(source, tmp_path / "in")
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(path, path.name)
    assert len(run(source, archive, tmp_path / "out")["memberships"]) == 1


def test_dates_and_match_key() -> None:
    assert parse_date("2026-06-08") == date(2026, 6, 8)
    assert parse_date("March 12, 2021", "%B %d, %Y") == date(2021, 3, 12)
    for text in ("3017-01-01", "1999-12-31", "2025-02-31", "08/06/2026"):
        with pytest.raises(ValueError):
            parse_date(text)
    assert match_key("AVIC Xi\u2019an  Aircraft, Ltd.") == match_key("avic xi'an aircraft ltd")
    assert match_key("Aviation Industry Corporation of China, Ltd.") == match_key(
        "Aviation Industry Corporation of China Ltd"
    )
