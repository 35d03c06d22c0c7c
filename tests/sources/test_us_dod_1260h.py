"""us_dod_1260h parser: the real transcription (golden + hand checks) and generated files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.dod_1260h import HEADER, write
from pipelines.sources.base import SourceError
from pipelines.sources.uscn_csv import hashed_key, match_key
from tests.golden import assert_golden
from tests.sources.uscn_support import REAL, Tables, run, write_csv

HEADER_LINE = ",".join(HEADER)


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return run("us_dod_1260h", real_data / REAL["us_dod_1260h"], tmp_path_factory.mktemp("dod"))


def entry_named(tables: Tables, name: str) -> dict[str, Any]:
    found = [row for row in tables["entries"] if row["name"] == name]
    assert len(found) == 1, name
    return found[0]


def names_of(tables: Tables, key: object) -> set[tuple[str, str, str]]:
    return {(r["name"], r["name_type"], r["strength"]) for r in tables["names"] if r["key"] == key}


def test_golden(real: Tables) -> None:
    """Every company (editions, delisting) and every parent link, one line each."""
    by_key = {row["key"]: row["name"] for row in real["entries"]}
    entries = sorted(
        f"{row['name']} | {' '.join(map(str, row['editions']))} | "
        f"{row['delisted_on'] or '-'} {row['delisting_basis'] or ''}".rstrip()
        for row in real["entries"]
    )
    parents = sorted(
        f"{by_key[row['key']]} <- {row['parent_name']} "
        f"= {by_key.get(row['parent_key'], '(not listed)')} [{row['matched_on']}]"
        for row in real["parents"]
    )
    assert_golden(
        "us_dod_1260h/sanctions",
        {"counts": {name: len(rows) for name, rows in real.items()},
         "entries": entries, "parents": parents},
    )  # fmt: skip


def test_rows_editions_and_dedup(real: Tables) -> None:
    # 397 rows, one per company and edition; every row kept, none quarantined.
    assert len(real["listings"]) == 397
    assert real["quarantine"] == [] and real["leftovers"] == []
    assert Counter(str(row["start_date"]) for row in real["listings"]) == {
        "2026-06-08": 188, "2025-01-07": 133, "2021-06-03": 47, "2024-01-31": 16,
        "2022-10-05": 13,
    }  # fmt: skip
    # 234 distinct Clean Names are 227 companies: 7 spelled two ways.
    assert len({row["clean_name"] for row in real["listings"]}) == 234
    assert len(real["entries"]) == len(real["memberships"]) == 227
    huawei = entry_named(real, "Huawei Technologies Co., Ltd.")
    assert [str(day) for day in huawei["editions"]] == ["2021-06-03", "2025-01-07", "2026-06-08"]
    assert huawei["delisted_on"] is None and huawei["in_newest_edition"]
    listings = [row for row in real["listings"] if row["key"] == huawei["key"]]
    assert len(listings) == 3


def test_spellings_across_editions_are_one_company(real: Tables) -> None:
    # "Xi\u2019an" in 2021 and 2026, "Xi'an" in 2025: one company, still listed.
    xian = [
        row for row in real["listings"] if "Aircraft Industry Group Company" in row["clean_name"]
    ]
    assert {row["clean_name"] for row in xian} == {
        "AVIC Xi\u2019an Aircraft Industry Group Company Ltd.",
        "AVIC Xi'an Aircraft Industry Group Company Ltd.",
    }
    assert len({row["key"] for row in xian}) == 1
    entry = next(row for row in real["entries"] if row["key"] == xian[0]["key"])
    assert entry["delisted_on"] is None
    assert ("AVIC Xi'an Aircraft Industry Group Company Ltd.", "aka", "strong") in names_of(
        real, entry["key"]
    )


def test_delistings(real: Tables) -> None:
    basis = Counter((row["delisting_basis"], str(row["delisted_on"])) for row in real["entries"])
    assert basis == {
        (None, "None"): 188,
        ("absent_from_newest_edition", "2026-06-08"): 20,
        ("end_date", "2026-02-17"): 10,
        ("end_date", "2025-01-07"): 6,
        ("end_date", "2024-01-31"): 3,
    }
    # Megvii: added 2024-01-31, removed by the 2025-01-07 edition (stated End date).
    megvii = entry_named(real, "Beijing Megvii Technology Co., Ltd.")
    membership = next(row for row in real["memberships"] if row["key"] == megvii["key"])
    assert (membership["listed_on"], membership["delisted_on"]) == (
        date(2024, 1, 31), date(2025, 1, 7),
    )  # fmt: skip
    # AMEC: added 2024-01-31, no End date, no 2026 row: absent from the newest edition.
    amec = entry_named(real, "Advanced Micro-Fabrication Equipment Inc. China")
    assert (amec["delisted_on"], amec["delisting_basis"]) == (
        date(2026, 6, 8), "absent_from_newest_edition",
    )  # fmt: skip


def test_parents_resolved_in_the_file(real: Tables) -> None:
    assert len(real["parents"]) == 136
    assert Counter(row["matched_on"] for row in real["parents"]) == {
        "clean_name": 132, "printed_name": 4,
    }  # fmt: skip
    assert all(row["resolved_in_file"] for row in real["parents"])
    keys = {row["key"] for row in real["entries"]}
    assert {row["parent_key"] for row in real["parents"]} <= keys
    # "Aviation Industry Corporation of China, Ltd." / "... Ltd" / "... Ltd.": one parent.
    avic = entry_named(real, "Aviation Industry Corporation of China Ltd.")
    spellings = {row["parent_name"] for row in real["parents"] if row["parent_key"] == avic["key"]}
    assert len(spellings) == 3
    # "... Corporation Limited (CASIC)" is CASIC's name as printed in the PDF.
    casic = entry_named(real, "China Aerospace Science and Industry Corporation Limited")
    printed = [row for row in real["parents"] if row["matched_on"] == "printed_name"]
    assert {row["parent_key"] for row in printed} == {casic["key"]}


def test_aliases_and_previous_names(real: Tables) -> None:
    knownsec = entry_named(real, "Beijing Zhidao Chuangyu Information Technology Co., Ltd.")
    assert names_of(real, knownsec["key"]) >= {
        ("Knownsec", "aka", "strong"), ("Beijing Kownsec", "aka", "strong"),
    }  # fmt: skip
    avic = entry_named(real, "Aviation Industry Corporation of China Ltd.")
    assert ("AVIC", "aka", "weak") in names_of(real, avic["key"])
    # "Co., Ltd." inside an alias is no separator.
    assert any(r["name"] == "China Avionics Systems Co., Ltd." for r in real["names"])
    chengdu = entry_named(real, "AVIC Chengdu Aircraft Co., Ltd.")
    assert names_of(real, chengdu["key"]) >= {
        ("Zhonghang Electronic Measuring Instruments Company Limited", "previous", "strong"),
        ("ZEMIC", "previous", "weak"),
    }


def test_round_trip(tmp_path: Path) -> None:
    published = date(2026, 6, 8)
    entries = [
        ListEntry("P", "Demo Aviation Group Co., Ltd.", "company",
                  aliases=(("DAG", "weak"),), listed_on=date(2021, 6, 3)),
        ListEntry("C", "Demo Avionics Co., Ltd.", "company", owner_key="P",
                  aliases=(("Demo Avionics", "strong"), ("DAV", "weak"))),
    ]  # fmt: skip
    tables = run("us_dod_1260h", write(tmp_path, entries, published), tmp_path / "out")
    parent, child = (entry_named(tables, entry.name) for entry in entries)
    assert [str(day) for day in parent["editions"]] == ["2021-06-03", "2026-06-08"]
    assert (parent["key"], parent["delisted_on"]) == (hashed_key(match_key(entries[0].name)), None)
    assert {(r["key"], r["listed_on"]) for r in tables["memberships"]} == {
        (parent["key"], date(2021, 6, 3)), (child["key"], published),
    }  # fmt: skip
    assert names_of(tables, child["key"]) == {
        ("Demo Avionics Co., Ltd.", "primary", "strong"),
        ("Demo Avionics", "aka", "strong"), ("DAV", "aka", "weak"),
    }  # fmt: skip
    assert [(r["key"], r["parent_key"], r["resolved_in_file"]) for r in tables["parents"]] == [
        (child["key"], parent["key"], True)
    ]
    assert tables["quarantine"] == [] and tables["leftovers"] == []


def test_referenced_only_parent_and_delisting(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "sanctions.csv", HEADER_LINE,
        "Child A*,Child A,,,Unlisted Holding Co.,,2025-01-07,,",
        "Child A*,Child A,,,\"Unlisted Holding Co\",,2026-06-08,,",
        "Gone B*,Gone B,,,,,2025-01-07,,",
        "Ended C*,Ended C,,,,,2025-01-07,2026-02-17,",
    )  # fmt: skip
    tables = run("us_dod_1260h", path, tmp_path / "out")
    (link,) = tables["parents"]
    assert (link["resolved_in_file"], link["matched_on"]) == (False, None)
    assert link["parent_key"] == hashed_key("unlisted holding co")
    assert link["parent_name"] == "Unlisted Holding Co."
    states = {
        row["name"]: (row["delisted_on"], row["delisting_basis"]) for row in tables["entries"]
    }
    assert states == {
        "Child A": (None, None),
        "Gone B": (date(2026, 6, 8), "absent_from_newest_edition"),
        "Ended C": (date(2026, 2, 17), "end_date"),
    }


def test_bad_dates_and_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "sanctions.csv", HEADER_LINE,
        "Good*,Good,,,,,2025-01-07,3017-01-01,",
        "Bad start*,Bad start,,,,,2025-02-31,,",
        "Too few,columns",
        "No clean name*,,,,,,2025-01-07,,",
        "Self*,Self,,,Self,,2025-01-07,,",
    )  # fmt: skip
    tables = run("us_dod_1260h", path, tmp_path / "out")
    assert {row["name"] for row in tables["entries"]} == {"Good", "Self"}
    reasons = {row["line"]: row["reason"] for row in tables["quarantine"]}
    assert reasons == {
        3: "Start date: invalid date '2025-02-31'",
        4: "expected 9 columns, found 2",
        5: "empty Clean Name",
    }
    # The impossible End date and the self-parent are kept as leftovers, not guessed.
    assert [(r["line"], r["field"], r["value"]) for r in tables["leftovers"]] == [
        (2, "End date", "3017-01-01"), (6, "Parent Name", "Self"),
    ]  # fmt: skip
    assert tables["parents"] == []


def test_no_readable_row_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sanctions.csv", HEADER_LINE, "Bad*,Bad,,,,,2025-13-01,,")
    with pytest.raises(SourceError, match=r"sanctions\.csv: no readable record"):
        run("us_dod_1260h", path, tmp_path / "out")
