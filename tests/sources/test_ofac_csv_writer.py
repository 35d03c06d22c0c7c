"""Demo writer of the OFAC legacy CSV sets: the exact layout, and a round trip
through the parsers (entries in == staged rows out)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.ofac_csv import SETS, country_name, write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceSpec
from pipelines.sources.us_ofac_cons import SPEC as CONS
from pipelines.sources.us_ofac_cons import parse as parse_cons
from pipelines.sources.us_ofac_sdn import SPEC as SDN
from pipelines.sources.us_ofac_sdn import parse as parse_sdn

Tables = dict[str, list[dict[str, Any]]]
PUBLISHED = date(2025, 12, 19)
CMIC = ListEntry(
    key="40001",
    name="ZETA AEROSPACE TECHNOLOGY COMPANY LIMITED",
    kind="company",
    programs=("CMIC-EO13959",),
    aliases=(("ZETA AEROSPACE", "strong"), ("ZAT", "weak")),
    country="CN",
    address="1 Zeta Road, Haidian District",
    city="Beijing 100080",
    identifiers=(
        ("cn-uscc", "91110000MA01ABCD2X"),
        ("isin", "CNE1000000R4"),
        ("ticker", "0999 HK"),
        ("lei", "300300ZETA0000000042"),
    ),
    listed_on=date(2021, 6, 3),
    owner_key="40002",
)
PARENT = ListEntry("40002", "ZETA GROUP CORPORATION", "organization", ("CMIC-EO13959",))
SSI = ListEntry(
    key="40003",
    name="OAO SIGMA NEFT",
    kind="company",
    programs=("UKRAINE-EO13662", "RUSSIA-EO14024"),
    country="RU",
    identifiers=(("registration", "1027700000001"), ("tax-id", "7700000001")),
)
PERSON = ListEntry(
    key="40004",
    name="DELTA, Dana",
    kind="person",
    programs=("NS-PLC",),
    # 60 weak aliases: the remarks pass 1,000 characters and continue in the comments file.
    aliases=tuple((f"DELTA NICKNAME NUMBER {n:02d}", "weak") for n in range(60)),
    country="PS",
    birth_date=date(1960, 5, 1),
)
CONS_SET = (CMIC, PARENT, SSI, PERSON)


def parse_set(folder: Path, set_name: str, out: Path) -> Tables:
    spec: SourceSpec = CONS if set_name == "cons" else SDN
    parse: Callable[..., None] = parse_cons if set_name == "cons" else parse_sdn
    files = {logical: folder / name for logical, name in SETS[set_name].items()}
    with StagingWriter(out, spec.tables) as writer:
        parse(Snapshot(spec.id, "demo", folder, files), writer, ParseOptions())
    names = [*spec.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def cons(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tables]:
    folder = write(tmp_path_factory.mktemp("cons") / "in", CONS_SET, PUBLISHED, set_name="cons")
    return folder, parse_set(folder, "cons", folder.parent / "out")


def test_exact_legacy_layout(cons: tuple[Path, Tables]) -> None:
    folder, _ = cons
    assert sorted(p.name for p in folder.iterdir()) == sorted(SETS["cons"].values())
    prim = (folder / "cons_prim.csv").read_bytes()
    assert prim.endswith(b"\r\n\x1a") and b"\n" not in prim.replace(b"\r\n", b"")
    # Same shape as the real file's line 367 (30882, CHINA TELECOM CORPORATION LIMITED).
    assert prim.startswith(
        b'40001,"ZETA AEROSPACE TECHNOLOGY COMPANY LIMITED",-0- ,"CMIC-EO13959",'
        + b"-0- ," * 7
        + b'"Unified Social Credit Code (USCC) 91110000MA01ABCD2X (China); ISIN CNE1000000R4; '
        b"Equity Ticker 0999 HK; Legal Entity Number 300300ZETA0000000042 (China); "
        b"Listing Date (CMIC) 03 Jun 2021; a.k.a. 'ZAT'; Linked To: ZETA GROUP CORPORATION.\"\r\n"
    )
    add = (folder / "cons_add.csv").read_bytes()
    assert add.startswith(
        b'40001,1,"1 Zeta Road, Haidian District","Beijing 100080","China",-0- \r\n'
    )
    assert (folder / "cons_alt.csv").read_bytes() == b'40001,1,"aka","ZETA AEROSPACE",-0- \r\n\x1a'
    assert (folder / "cons_prim.csv").stat().st_mtime == 1766102400  # 2025-12-19 00:00 UTC


def test_round_trip_cons(cons: tuple[Path, Tables]) -> None:
    _, tables = cons
    assert tables["quarantine"] == [] and tables["leftovers"] == []
    entries = {str(e["ent_num"]): e for e in tables["entries"]}
    for entry in CONS_SET:
        row = entries[entry.key]
        assert (row["sdn_name"], row["programs"]) == (entry.name, list(entry.programs))
        assert row["sdn_type"] == ("individual" if entry.kind == "person" else None)
        aliases = {(a["alt_name"], a["strength"]) for a in tables["aliases"]
                   if str(a["ent_num"]) == entry.key}  # fmt: skip
        assert aliases == set(entry.aliases)
        listed = {(m["list_code"], m["program"], m["listed_on"]) for m in tables["memberships"]
                  if m["key"] == entry.key}  # fmt: skip
        assert {p for _, p, _ in listed} == set(entry.programs)
    assert entries["40004"]["remarks_continued"] is True
    cmic = [m for m in tables["memberships"] if m["key"] == "40001"]
    assert [(m["list_code"], m["listed_on"]) for m in cmic] == [("us_ofac_ns_cmic", CMIC.listed_on)]
    ssi = sorted(m["list_code"] for m in tables["memberships"] if m["key"] == "40003")
    assert ssi == ["us_ofac_ns_mbs", "us_ofac_ssi"]


def test_round_trip_identifiers_and_countries(cons: tuple[Path, Tables]) -> None:
    _, tables = cons
    facts = {(f["ent_num"], f["key"]): f for f in tables["remark_facts"]}
    uscc = facts[(40001, "Unified Social Credit Code (USCC)")]
    assert (uscc["value"], uscc["qualifier"], uscc["qualifier_country"]) == (
        "91110000MA01ABCD2X", "China", "CN")  # fmt: skip
    assert facts[(40001, "ISIN")]["value"] == "CNE1000000R4"
    assert facts[(40001, "Equity Ticker")]["value"] == "0999 HK"
    assert facts[(40001, "Linked To")]["value"] == "ZETA GROUP CORPORATION"
    assert facts[(40003, "Registration Number")]["qualifier_country"] == "RU"
    assert facts[(40004, "nationality")]["value_country"] == "PS"
    assert facts[(40004, "DOB")]["value"] == "01 May 1960"
    [address] = [a for a in tables["addresses"] if a["ent_num"] == 40001]
    assert (address["address"], address["city_state_postal"], address["country_code"]) == (
        CMIC.address, CMIC.city, "CN")  # fmt: skip


def test_round_trip_sdn_set(tmp_path: Path) -> None:
    vessel = ListEntry("50001", "SEA STAR", "vessel", ("IRAN",), identifiers=(("imo", "9187629"),))
    shop = ListEntry("50002", "ALPHA TRADING LTD", "company", ("SDGT", "IFSR"), country="GB",
                     identifiers=(("gb-coh", "01074897"), ("swift-bic", "ALPHGB2L")))  # fmt: skip
    folder = write(tmp_path / "in", (vessel, shop), PUBLISHED)
    assert sorted(p.name for p in folder.iterdir()) == sorted(SETS["sdn"].values())
    tables = parse_set(folder, "sdn", tmp_path / "out")
    assert tables["quarantine"] == [] and tables["leftovers"] == []
    types = {e["ent_num"]: e["sdn_type"] for e in tables["entries"]}
    assert types == {50001: "vessel", 50002: None}
    facts = {(f["key"], f["value"], f["qualifier"]) for f in tables["remark_facts"]}
    assert facts == {
        ("Vessel Registration Identification", "IMO 9187629", None),
        ("UK Company Number", "01074897", "United Kingdom"),
        ("SWIFT/BIC", "ALPHGB2L", None),
    }
    listed = sorted((m["key"], m["list_code"], m["program"]) for m in tables["memberships"])
    assert listed == [("50001", "us_ofac_sdn", "IRAN"), ("50002", "us_ofac_sdn", "IFSR"),
                      ("50002", "us_ofac_sdn", "SDGT")]  # fmt: skip


def test_country_names_map_back_and_bad_input_fails(tmp_path: Path) -> None:
    assert [country_name(c) for c in ("CN", "KP", "RU", "HK", "PS")] == [
        "China", "Korea, North", "Russia", "Hong Kong", "Palestine, State of"]  # fmt: skip
    with pytest.raises(ValueError, match="no remark key"):
        write(tmp_path / "x", (ListEntry("1", "X", "company", identifiers=(("duns", "1"),)),),
              PUBLISHED)  # fmt: skip
    assert not (tmp_path / "x").exists()  # nothing half-written
