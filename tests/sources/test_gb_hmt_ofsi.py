"""gb_hmt_ofsi: the real 2018 ConList.csv (golden + hand checks), generated files, bad input."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.ofsi_csv import HEADERS, write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.gb_hmt_ofsi import SPEC, parse
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]
PUBLISHED = date(2025, 6, 3)
ENTRIES = [
    ListEntry(
        key="90001", name="Ivan PETROV", kind="person", programs=("Russia",),
        aliases=(("Vanya", "weak"), ("Ivan PETROFF", "strong")), country="RU",
        address="1 Tverskaya Street", city="Moscow",
        identifiers=(("passport", "AB1234567"), ("gb-uksl", "RUS0001")),
        listed_on=date(2022, 3, 15), birth_date=date(1970, 1, 31),
    ),
    ListEntry(
        key="90002", name="ACME SHIPPING LLC", kind="company", programs=("Russia", "Cyber"),
        country="AE", identifiers=(("un-sc", "KPe.042"),), listed_on=date(2023, 1, 2),
    ),
    ListEntry(key="90003", name="SEA STAR", kind="vessel", programs=("Russia",),
              identifiers=(("imo", "9123456"),), listed_on=date(2024, 5, 6)),
]  # fmt: skip


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("gb_hmt_ofsi", "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    path = real_data / "sanctions" / "uk_ofsi" / "ConList.csv"
    return run(path, tmp_path_factory.mktemp("ofsi"))


def _of(tables: Tables, table: str, group_id: str) -> list[dict[str, Any]]:
    return [row for row in tables[table] if row["group_id"] == group_id]


def test_golden_2018(real: Tables) -> None:
    names_per_group = Counter(row["group_id"] for row in real["names"])
    most_names, _count = names_per_group.most_common(1)[0]
    partial = sorted(row["birth_date"] for row in _of(real, "birth_dates", "12629"))
    assert_golden("gb_hmt_ofsi/conlist_2018", {
        "counts": {name: len(rows) for name, rows in real.items()},
        "group_types": Counter(row["group_type"] for row in real["entries"]),
        "name_types": Counter(f"{r['name_type']}/{r['strength']}" for r in real["names"]),
        "birth_date_precision": Counter(len(row["birth_date"]) for row in real["birth_dates"]),
        "identifier_schemes": Counter(row["scheme"] for row in real["identifiers"]),
        "programs": Counter(row["program"] for row in real["memberships"]),
        "leftover_fields": Counter(row["field"] for row in real["leftovers"]),
        "publication": real["publication"],
        "most_names": {"group_id": most_names,
                       "names": sorted(r["name"] for r in _of(real, "names", most_names))},
        "partial_dates_12629": partial,
    })  # fmt: skip


def test_a_target_is_its_rows_gathered(real: Tables) -> None:
    # 16 rows: 8 names x 2 dates of birth; both dates have an unknown day and month.
    entry = _of(real, "entries", "13349")[0]
    assert (entry["row_count"], entry["group_type"], entry["record_line"]) == (16, "Individual", 3)
    assert sorted(r["birth_date"] for r in _of(real, "birth_dates", "13349")) == ["1980", "1981"]
    assert "Sheikh Farooq AL-QAHTANI" in {r["name"] for r in _of(real, "names", "13349")}
    assert {r["country_code"] for r in _of(real, "nationalities", "13349")} == {"SA", "QA"}
    found = {(r["scheme"], r["value"]) for r in _of(real, "identifiers", "13349")}
    assert found == {("passport", "592667"), ("un-sc", "QDe.004")}
    # A partial date of birth keeps its month (or only its year) and never gains a day.
    assert sorted(r["birth_date"] for r in _of(real, "birth_dates", "12629")) == [
        "1976", "1977-08", "1977-09"]  # fmt: skip


def test_one_membership_per_regime_with_its_own_listing_date(real: Tables) -> None:
    rows = sorted((r["program"], r["listed_on"]) for r in real["memberships"] if r["key"] == "6995")
    assert rows == [("Somalia", date(2010, 4, 28)),
                    ("The ISIL (Da'esh) and Al-Qaida organisations", date(2001, 11, 8))]


def test_windows_1252_is_decoded(real: Tables) -> None:
    assert "Abdallah AL-MU\u2019AYYAD" in {r["name"] for r in _of(real, "names", "13190")}


@pytest.mark.parametrize("layout", ["2022", "2018"])
def test_round_trip(tmp_path: Path, layout: str) -> None:
    tables = run(write(tmp_path, ENTRIES, PUBLISHED, layout=layout), tmp_path / "out")
    assert tables["quarantine"] == [] and tables["leftovers"] == []
    assert tables["publication"][0]["published_on"] == PUBLISHED
    ship = "Ship" if layout == "2022" else "Entity"
    assert [(r["group_id"], r["group_type"], r["name"]) for r in tables["entries"]] == [
        ("90001", "Individual", "Ivan PETROV"), ("90002", "Entity", "ACME SHIPPING LLC"),
        ("90003", ship, "SEA STAR")]  # fmt: skip
    weak = "weak" if layout == "2022" else "strong"  # 2018 has no Alias Quality column
    assert {(r["name"], r["name_type"], r["strength"]) for r in _of(tables, "names", "90001")} == {
        ("Ivan PETROV", "primary", "strong"), ("Vanya", "aka", weak),
        ("Ivan PETROFF", "aka", "strong")}  # fmt: skip
    assert sorted((r["key"], r["program"], r["listed_on"]) for r in tables["memberships"]) == [
        ("90001", "Russia", date(2022, 3, 15)), ("90002", "Cyber", date(2023, 1, 2)),
        ("90002", "Russia", date(2023, 1, 2)), ("90003", "Russia", date(2024, 5, 6))]
    uksl = [("90001", "gb-uksl", "RUS0001")] if layout == "2022" else []
    assert sorted((r["group_id"], r["scheme"], r["value"]) for r in tables["identifiers"]) == [
        *uksl, ("90001", "passport", "AB1234567"), ("90002", "un-sc", "KPe.042"),
        ("90003", "imo", "9123456")]  # fmt: skip
    assert [r["birth_date"] for r in tables["birth_dates"]] == ["1970-01-31"]
    assert [(r["address_1"], r["address_6"], r["country_code"]) for r in tables["addresses"]
            if r["group_id"] == "90001"] == [("1 Tverskaya Street", "Moscow", "RU")]
    assert [r["country_code"] for r in tables["nationalities"]] == ["RU"]


def _generated(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    path = write(tmp_path, ENTRIES, PUBLISHED)
    if edit is not None:
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text, edit[0]
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "message"), [
    (("Last Updated,03/06/2025", "Updated,03/06/2025"), r"ConList.csv:1: expected the 'Last Up"),
    (("Last Updated,03/06/2025", "Last Updated,31/02/2025"), "bad 'Last Updated' date"),
    (("Group Type,Alias Type", "Group Kind,Alias Type"), r"ConList.csv:2: not the ConList.csv h"),
])  # fmt: skip
def test_a_broken_preamble_or_header_stops_the_source(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        run(_generated(tmp_path, edit), tmp_path / "out")


def test_a_missing_preamble_line_stops_the_source(tmp_path: Path) -> None:
    path = _generated(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[1:]), encoding="utf-8")
    with pytest.raises(SourceError, match="expected the 'Last Updated,DD/MM/YYYY' line"):
        run(path, tmp_path / "out")


@pytest.mark.parametrize("text", ["", "Last Updated,03/06/2025\r\n" + ",".join(HEADERS["2022"])])
def test_an_empty_or_header_only_file_stops_the_source(tmp_path: Path, text: str) -> None:
    path = tmp_path / "ConList.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"ConList\.csv"):
        run(path, tmp_path / "out")


def test_malformed_rows_are_quarantined(tmp_path: Path) -> None:
    path = _generated(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    short = lines[3].replace(",90001\n", "\n")  # one column missing
    no_id = lines[4].replace(",90001\n", ",abc\n")
    path.write_text("".join([*lines[:3], short, no_id, *lines[5:]]), encoding="utf-8")
    tables = run(path, tmp_path / "out")
    assert [(r["line"], r["reason"]) for r in tables["quarantine"]] == [
        (4, "expected 36 columns, found 35"), (5, "Group ID missing or not an integer")]
    assert {r["name"] for r in _of(tables, "names", "90001")} == {"Ivan PETROV"}


def test_bad_dates_are_kept_as_text_and_reported(tmp_path: Path) -> None:
    path = _generated(tmp_path)
    text = path.read_text(encoding="utf-8").replace("31/01/1970", "31/02/1970")
    path.write_text(text.replace("02/01/2023,02/01/2023", "00/00/2023,02/01/2023"), "utf-8")
    tables = run(path, tmp_path / "out")
    assert tables["birth_dates"] == [] and tables["quarantine"] == []
    assert {r["dob"] for r in _of(tables, "rows", "90001")} == {"31/02/1970"}
    assert {(r["field"], r["value"]) for r in tables["leftovers"]} == {
        ("DOB", "31/02/1970"), ("Listed On", "00/00/2023")}
    assert {r["listed_on"] for r in tables["memberships"] if r["key"] == "90002"} == {None}


@pytest.mark.parametrize(("edit", "field", "value"), [
    ((",AKA,Low quality,", ",Nickname,Low quality,"), "Alias Type", "Nickname"),
    ((",AKA,Low quality,", ",AKA,Dubious,"), "Alias Quality", "Dubious"),
    ((",Ship,Primary name,", ",Submarine,Primary name,"), "Group Type", "Submarine"),
])  # fmt: skip
def test_unknown_values_stop_the_source_unless_accepted(
    tmp_path: Path, edit: tuple[str, str], field: str, value: str
) -> None:
    path = _generated(tmp_path, edit)
    with pytest.raises(UnknownValueError, match=f"unknown {field} '{value}' at ConList.csv:"):
        run(path, tmp_path / "out")
    tables = run(path, tmp_path / "accepted", accept_new_values=True)
    assert [r["field"] for r in tables["leftovers"]] == [field]
    assert len(tables["entries"]) == 3
