"""us_fcc_covered, us_ndaa_889 and us_bis_mieu parsers: the real transcriptions
(golden + hand checks) and files written by the demo writers (round trips)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.china_lists import (
    FCC_HEADER,
    write_bis_mieu,
    write_fcc_covered,
    write_ndaa_889,
)
from pipelines.sources.base import UnknownValueError
from pipelines.sources.uscn_csv import hashed_key, match_key
from tests.golden import assert_golden
from tests.sources.uscn_support import REAL, Tables, run, write_csv

SMALL = ("us_fcc_covered", "us_ndaa_889", "us_bis_mieu")


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tables]:
    folder = tmp_path_factory.mktemp("uscn")
    return {source: run(source, real_data / REAL[source], folder / source) for source in SMALL}


@pytest.mark.parametrize("source", SMALL)
def test_golden(real: dict[str, Tables], source: str) -> None:
    """The files are tiny: every staged table in full."""
    assert_golden(f"{source}/{Path(REAL[source]).stem}", real[source])


def test_fcc_companies_from_the_prose(real: dict[str, Tables]) -> None:
    fcc = real["us_fcc_covered"]
    assert [row["entry_kind"] for row in fcc["entries"]].count("class") == 4
    assert [row["name"] for row in fcc["parties"]] == [
        "Huawei Technologies Company", "ZTE Corporation", "Hytera Communications Corporation",
        "Hangzhou Hikvision Digital Technology Company", "Dahua Technology Company",
        "AO Kaspersky Lab", "China Mobile International USA Inc.",
        "China Telecom (Americas) Corp.", "Pacific Networks Corp", "ComNet (USA) LLC",
        "China Unicom (Americas) Operations Limited", "Kaspersky Lab, Inc.",
        "Digitalsystem Technology Inc.",
    ]  # fmt: skip
    comnet = next(row for row in fcc["parties"] if row["name"] == "ComNet (USA) LLC")
    assert (comnet["role"], comnet["relation"]) == ("subsidiary", "wholly-owned subsidiary")
    assert comnet["owner_key"] == hashed_key(match_key("Pacific Networks Corp"))
    # "... or any of its predecessors, successors, parents, subsidiaries, or affiliates."
    flagged = [row["name"] for row in fcc["parties"] if row["includes_affiliates"]]
    assert flagged == ["AO Kaspersky Lab"]
    assert len(fcc["memberships"]) == 13 and fcc["quarantine"] == fcc["leftovers"] == []


def test_fcc_updated_dates(real: dict[str, Tables]) -> None:
    uas = real["us_fcc_covered"]["entries"][11]
    assert uas["inclusion_text"].startswith("December 22, 2025Updated:January 7, 2026")
    assert uas["included_on"] == date(2025, 12, 22)
    assert uas["updated_on"] == [date(2026, 1, 7), date(2026, 3, 18), date(2026, 6, 15),
                                 date(2026, 7, 21)]  # fmt: skip


def test_ndaa_and_mieu(real: dict[str, Tables]) -> None:
    ndaa, mieu = real["us_ndaa_889"], real["us_bis_mieu"]
    assert len(ndaa["entries"]) == len(ndaa["memberships"]) == 5
    assert all(row["includes_affiliates"] for row in ndaa["entries"])
    assert {row["listed_on"] for row in ndaa["memberships"]} == {None}
    assert len(mieu["entries"]) == len(mieu["memberships"]) == 13
    gru = next(row for row in mieu["entries"] if row["name"] == "Main Intelligence Directorate")
    assert (gru["aliases"], gru["country"], gru["listed_on"]) == (["GRU"], "RU", date(2021, 3, 16))
    assert {"name": "GRU", "name_type": "aka", "strength": "weak", "key": gru["key"],
            "record_line": gru["record_line"]} in mieu["names"]  # fmt: skip
    # The same company on two lists has the same key (different entity prefixes).
    fcc_keys = {row["key"] for row in real["us_fcc_covered"]["parties"]}
    assert {row["key"] for row in ndaa["entries"]} <= fcc_keys


ENTRIES = (
    ListEntry("A", "Alpha Telecom Co.", "company", aliases=(("ATC", "weak"),),
              country="CN", listed_on=date(2022, 3, 25)),
    ListEntry("B", "Beta Networks Corp", "company"),
    ListEntry("C", "Beta Networks (USA) LLC", "company", owner_key="B"),
)  # fmt: skip


def test_fcc_round_trip(tmp_path: Path) -> None:
    published = date(2026, 7, 7)
    tables = run("us_fcc_covered", write_fcc_covered(tmp_path, ENTRIES, published), tmp_path / "o")
    parties = {row["name"]: row for row in tables["parties"]}
    assert set(parties) == {entry.name for entry in ENTRIES}
    assert parties["Alpha Telecom Co."]["included_on"] == date(2022, 3, 25)
    sub = parties["Beta Networks (USA) LLC"]
    assert (sub["owner_key"], sub["included_on"]) == (
        parties["Beta Networks Corp"]["key"],
        published,
    )
    assert tables["quarantine"] == tables["leftovers"] == []


def test_ndaa_round_trip(tmp_path: Path) -> None:
    published = date(2019, 8, 13)
    tables = run("us_ndaa_889", write_ndaa_889(tmp_path, ENTRIES, published), tmp_path / "o")
    rows = {row["name"]: row for row in tables["entries"]}
    assert set(rows) == {entry.name for entry in ENTRIES}
    alpha = rows["Alpha Telecom Co."]
    assert (alpha["aliases"], alpha["country"], alpha["listed_on"], alpha["report_date"]) == (
        ["ATC"], "CN", date(2022, 3, 25), published,
    )  # fmt: skip
    assert tables["quarantine"] == tables["leftovers"] == []


def test_mieu_round_trip(tmp_path: Path) -> None:
    published = date(2022, 3, 2)
    tables = run("us_bis_mieu", write_bis_mieu(tmp_path, ENTRIES, published), tmp_path / "o")
    listed = {row["key"]: row["listed_on"] for row in tables["memberships"]}
    alpha = hashed_key("CN", match_key("Alpha Telecom Co."))
    assert listed[alpha] == date(2022, 3, 25)
    assert sorted(listed.values()) == [published, published, date(2022, 3, 25)]
    assert tables["quarantine"] == tables["leftovers"] == []


def test_fcc_unknown_wording(tmp_path: Path) -> None:
    header = ",".join(FCC_HEADER)
    path = write_csv(tmp_path / "table.csv", header, '"Equipment of Gamma Corp.","May 1, 2026"')
    with pytest.raises(UnknownValueError, match="covered entry wording"):
        run("us_fcc_covered", path, tmp_path / "o1")
    tables = run("us_fcc_covered", path, tmp_path / "o2", accept_new_values=True)
    assert tables["entries"][0]["entry_kind"] == "unknown" and tables["parties"] == []
    assert tables["leftovers"][0]["field"] == "covered entry wording"


def test_fcc_bad_date_is_a_leftover(tmp_path: Path) -> None:
    header = ",".join(FCC_HEADER)
    text = '"Routers produced in a foreign country.","February 30, 2026Updated:May 1, 2026"'
    tables = run("us_fcc_covered", write_csv(tmp_path / "t.csv", header, text), tmp_path / "o")
    (entry,) = tables["entries"]
    assert (entry["included_on"], entry["updated_on"]) == (None, [date(2026, 5, 1)])
    assert [(r["field"], r["value"]) for r in tables["leftovers"]] == [
        ("date_of_inclusion_on_covered_list", "February 30, 2026")
    ]


def test_mieu_unknown_values(tmp_path: Path) -> None:
    header = "Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL"
    path = write_csv(
        tmp_path / "mieu.csv", header,
        "Organization,Unit 1,,XX,export.control,US-BIS-MIEU,2021-03-16,,",
        "Company,Unit 2,,CN,export.control,US-BIS-OTHER,2021-03-16,2021-01-01,",
        "Organization,Unit 1,,XX,export.control,US-BIS-MIEU,2021-03-16,,",
    )  # fmt: skip
    with pytest.raises(UnknownValueError, match=r"unknown Country 'XX' at mieu\.csv:2"):
        run("us_bis_mieu", path, tmp_path / "o1")
    tables = run("us_bis_mieu", path, tmp_path / "o2", accept_new_values=True)
    assert [(r["line"], r["field"], r["value"]) for r in tables["leftovers"]] == [
        (2, "Country", "XX"), (3, "Type", "Company"), (3, "Program", "US-BIS-OTHER"),
        (3, "End date", "2021-01-01"), (4, "Country", "XX"),
    ]  # fmt: skip
    assert [(r["line"], r["reason"]) for r in tables["quarantine"]] == [
        (4, "duplicate entry (same name)")
    ]
    assert [r["delisted_on"] for r in tables["memberships"]] == [None, None]
