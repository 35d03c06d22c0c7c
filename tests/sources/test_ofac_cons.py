"""us_ofac_cons parser: the real consolidated (non-SDN) set, and broken inputs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.lists import list_codes
from pipelines.sources.ofac_lists import cons_rules
from pipelines.sources.us_ofac_cons import SPEC, parse
from tests.golden import assert_golden

FILES = {
    "prim": "cons_prim.csv",
    "add": "cons_add.csv",
    "alt": "cons_alt.csv",
    "comments": "cons_comments.csv",
}
Tables = dict[str, list[dict[str, Any]]]


def run(folder: Path, out: Path, accept_new_values: bool = False) -> Tables:
    files = {key: folder / name for key, name in FILES.items()}
    snapshot = Snapshot(source_id="us_ofac_cons", snapshot_id="test", path=folder, files=files)
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    folder = real_data / "sanctions" / "ofac_consolidated"
    return run(folder, tmp_path_factory.mktemp("ofac_cons"))


def by_ent(rows: list[dict[str, Any]], ent_num: int) -> list[dict[str, Any]]:
    return [row for row in rows if row["ent_num"] == ent_num]


def memberships(tables: Tables, key: str) -> list[tuple[str, str | None, Any]]:
    rows = [r for r in tables["memberships"] if r["key"] == key]
    return sorted((r["list_code"], r["program"], r["listed_on"]) for r in rows)


def test_golden_real_set(real: Tables) -> None:
    entries_per_list = Counter(
        code for code in {(r["key"], r["list_code"]) for r in real["memberships"]}
    )
    programs = Counter(p for row in real["entries"] for p in row["programs"])
    assert_golden(
        "ofac/cons_2025",
        {
            "counts": {name: len(rows) for name, rows in real.items()},
            "entries_per_list": dict(sorted(Counter(c for _, c in entries_per_list).items())),
            "programs": dict(sorted(programs.items())),
            "quarantine": real["quarantine"],
            "leftover_fields": dict(sorted(Counter(r["field"] for r in real["leftovers"]).items())),
            "china_telecom": {
                "entry": by_ent(real["entries"], 30882),
                "facts": by_ent(real["remark_facts"], 30882),
                "memberships": [r for r in real["memberships"] if r["key"] == "30882"],
            },
        },
    )


def test_real_counts_per_sub_list(real: Tables) -> None:
    assert len(real["entries"]) == 442 and real["quarantine"] == []
    assert (len(real["addresses"]), len(real["remark_facts"])) == (574, 3281)
    # 1,073 strong aliases from cons_alt.csv, 72 weak ones from the remarks.
    assert Counter(a["strength"] for a in real["aliases"]) == {"strong": 1073, "weak": 72}
    per_list = Counter(
        code for _, code in {(r["key"], r["list_code"]) for r in real["memberships"]}
    )
    # PROVENANCE.md: CMIC-EO13959 68, UKRAINE-EO13662 286, NS-PLC 78, RUSSIA-EO14024 93
    # (+ CAATSA - RUSSIA, BURMA-EO14014, ILLICIT-DRUGS-EO14059), 561-Related 1.
    assert per_list == {
        "us_ofac_ssi": 286,
        "us_ofac_ns_mbs": 96,
        "us_ofac_ns_plc": 78,
        "us_ofac_ns_cmic": 68,
        "us_ofac_sdn": 5,  # dual-listed entries' SDN programs (SDGT, VENEZUELA-EO13850, ...)
        "us_ofac_capta": 1,
    }


def test_real_cmic_entry_has_uscc_isin_tickers_and_listing_date(real: Tables) -> None:
    facts = {(f["key"], f["value"], f["qualifier"]) for f in by_ent(real["remark_facts"], 30882)}
    assert ("Unified Social Credit Code (USCC)", "9111000071093019X7", "China") in facts
    assert {("ISIN", "US1694261033", None), ("ISIN", "CND10003ND87", None)} <= facts
    assert ("Equity Ticker", "0728 HK", None) in facts
    uscc = next(f for f in by_ent(real["remark_facts"], 30882) if f["key"].startswith("Unified"))
    assert uscc["qualifier_country"] == "CN"
    [cmic] = memberships(real, "30882")
    assert cmic[:2] == ("us_ofac_ns_cmic", "CMIC-EO13959") and str(cmic[2]) == "2021-06-03"
    [address] = by_ent(real["addresses"], 30882)
    assert (address["city_state_postal"], address["country_code"]) == ("Beijing 100033", "CN")


def test_real_ssi_entries(real: Tables) -> None:
    [novatek] = by_ent(real["entries"], 17064)
    assert novatek["sdn_name"] == "OAO NOVATEK" and novatek["sdn_type"] is None
    assert memberships(real, "17064") == [("us_ofac_ssi", "UKRAINE-EO13662", None)]
    # Gazprom: SSI and the EO 14024 directive list (NS-MBS in OFAC's Enhanced XML).
    assert memberships(real, "17250") == [
        ("us_ofac_ns_mbs", "RUSSIA-EO14024", None),
        ("us_ofac_ssi", "UKRAINE-EO13662", None),
    ]
    # Rosselkhozbank's remarks continue in cons_comments.csv, ending with a weak alias.
    [bank] = by_ent(real["entries"], 17014)
    assert bank["remarks_continued"] is True
    weak = [a["alt_name"] for a in by_ent(real["aliases"], 17014) if a["strength"] == "weak"]
    assert weak == ["RUSAG"]


def test_reference_programs_name_known_lists() -> None:
    rules = cons_rules()
    assert set(rules.list_codes.values()) <= list_codes()
    expected = {"us_ofac_ns_cmic", "us_ofac_ssi", "us_ofac_ns_plc", "us_ofac_fse"}
    expected |= {"us_ofac_ns_mbs", "us_ofac_capta", "us_ofac_ns_isa"}
    assert expected <= set(rules.list_codes.values())


# --- broken inputs -----------------------------------------------------------------------

PRIM = (
    b'1,"ALPHA LTD",-0- ,"CMIC-EO13959",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    b'"ISIN US0000000001; Listing Date (CMIC) 31 Feb 2021."\r\n'
    b'2,"BETA, Bob","individual","NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n'
)


def write_set(folder: Path, prim: bytes = PRIM, **others: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for key, name in FILES.items():
        content = prim if key == "prim" else others.get(key, b"")
        (folder / name).write_bytes(content + b"\x1a")
    return folder


def test_orphans_are_quarantined(tmp_path: Path) -> None:
    add = b'9,11,"Street","City","China",-0- \r\n'
    alt = b'1,5,"aka","ALPHA",-0- \r\n8,6,"aka","GHOST",-0- \r\n'
    comments = b'7,"orphan text."\r\n'
    tables = run(write_set(tmp_path / "in", add=add, alt=alt, comments=comments), tmp_path / "o")
    reasons = sorted((q["file"], q["line"], q["reason"]) for q in tables["quarantine"])
    assert reasons == [
        ("cons_add.csv", 1, "orphan ent_num"),
        ("cons_alt.csv", 2, "orphan ent_num"),
        ("cons_comments.csv", 1, "orphan ent_num"),
    ]
    assert [a["alt_name"] for a in tables["aliases"]] == ["ALPHA"]


def test_truncated_row_is_quarantined(tmp_path: Path) -> None:
    # A download cut mid-record: the last row has 5 of 12 columns and no CRLF.
    cut = PRIM + b'3,"GAMMA",-0- ,"NS-PLC",-0- '
    tables = run(write_set(tmp_path / "in", prim=cut), tmp_path / "o")
    assert [row["ent_num"] for row in tables["entries"]] == [1, 2]
    [quarantined] = tables["quarantine"]
    assert (quarantined["file"], quarantined["line"]) == ("cons_prim.csv", 3)
    assert quarantined["reason"] == "expected 12 columns, found 5"


def test_unknown_program_raises_naming_file_and_line(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "in", prim=PRIM.replace(b'"NS-PLC"', b'"NS-PLC] [NS-XYZ"'))
    with pytest.raises(UnknownValueError) as raised:
        run(folder, tmp_path / "o")
    assert (raised.value.field_name, raised.value.value) == ("program", "NS-XYZ")
    assert (raised.value.file, raised.value.line) == ("cons_prim.csv", 2)


def test_accepted_unknown_program_is_reported_without_membership(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "in", prim=PRIM.replace(b'"NS-PLC"', b'"NS-PLC] [NS-XYZ"'))
    tables = run(folder, tmp_path / "o", accept_new_values=True)
    assert memberships(tables, "2") == [("us_ofac_ns_plc", "NS-PLC", None)]
    assert {"file": "cons_prim.csv", "line": 2, "field": "program", "value": "NS-XYZ"} in tables[
        "leftovers"
    ]


def test_impossible_listing_date_is_not_guessed(tmp_path: Path) -> None:
    tables = run(write_set(tmp_path / "in"), tmp_path / "o")
    # 31 Feb: the membership has no date and the raw fact is reported.
    assert memberships(tables, "1") == [("us_ofac_ns_cmic", "CMIC-EO13959", None)]
    [leftover] = [r for r in tables["leftovers"] if r["field"] == "Listing Date (CMIC)"]
    assert leftover["value"] == "Listing Date (CMIC) 31 Feb 2021."


def test_entry_without_program_is_on_no_sub_list(tmp_path: Path) -> None:
    prim = PRIM.replace(b'"NS-PLC"', b"-0- ")
    tables = run(write_set(tmp_path / "in", prim=prim), tmp_path / "o")
    assert [e["ent_num"] for e in tables["entries"]] == [1, 2]
    assert memberships(tables, "2") == []
    assert {"file": "cons_prim.csv", "line": 2, "field": "program", "value": "-0-"} in tables[
        "leftovers"
    ]


HEADER = b"ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,"
HEADER += b"Vess_flag,Vess_owner,Remarks\r\n"


@pytest.mark.parametrize("prim", [b"", b"\x1a", HEADER], ids=["empty", "eof-byte", "header"])
def test_empty_or_foreign_primary_file_fails(tmp_path: Path, prim: bytes) -> None:
    with pytest.raises(SourceError, match=r"cons_prim\.csv: no OFAC legacy CSV record"):
        run(write_set(tmp_path / "in", prim=prim), tmp_path / "o")


def test_spec() -> None:
    assert SPEC.id == "us_ofac_cons" and SPEC.main_table == "entries"
    assert SPEC.files == {
        "prim": "CONS_PRIM.CSV",
        "add": "CONS_ADD.CSV",
        "alt": "CONS_ALT.CSV",
        "comments": "CONS_COMMENTS.CSV",
    }
    assert "memberships" in SPEC.tables
