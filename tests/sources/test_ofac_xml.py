"""OFAC Enhanced XML parser on the real CONS_ENHANCED (XML and ZIP), with hand checks."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.staging import StagingWriter
from pipelines.sources import us_ofac_cons_xml
from pipelines.sources.base import ParseOptions, Snapshot, Source
from pipelines.sources.ofac_xml_codes import sanctions_lists
from pipelines.sources.ofac_xml_entity import Listing, memberships
from pipelines.sources.ofac_xml_tables import TABLES
from tests.golden import assert_golden

CONS = "sanctions/ofac_consolidated"
Tables = dict[str, list[dict[str, Any]]]


def run(source: Source, path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot(source.spec.id, "test", path.parent, {"data": path})
    with StagingWriter(out, source.spec.tables) as writer:
        source.parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*source.spec.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def cons(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    path = real_data / CONS / "CONS_ENHANCED.XML"
    return run(us_ofac_cons_xml.SOURCE, path, tmp_path_factory.mktemp("cons_xml"))


def _head(rows: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (row.get("entity_id") or 0, row["record_line"]))[:count]


def test_golden_cons_enhanced(cons: Tables) -> None:
    memberships = Counter(f"{row['list_code']} {row['program']}" for row in cons["memberships"])
    relations = Counter(row["relationship_type"] for row in cons["relationships"])
    heads = {table: _head(cons[table], 12) for table in TABLES if table != "publication"}
    assert_golden(
        "ofac_xml/cons_enhanced_2025-01-10",
        {
            "counts": {table: len(rows) for table, rows in cons.items()},
            "publication": cons["publication"],
            "memberships": dict(sorted(memberships.items())),
            "relationship_types": dict(sorted(relations.items())),
            "heads": heads,
        },
    )


def test_counts_match_provenance(cons: Tables) -> None:
    assert len(cons["entities"]) == 443
    assert Counter(row["entity_type"] for row in cons["entities"]) == {
        "Entity": 363, "Individual": 80,
    }  # fmt: skip
    lists = Counter(row["list_name"] for row in cons["sanctions_lists"])
    assert lists["Non-SDN CMIC List"] == 68
    assert lists["Sectoral Sanctions Identifications List"] == 286
    assert lists["SDN List"] == 77
    relations = Counter(row["relationship_type"] for row in cons["relationships"])
    assert relations == {"Owned or Controlled By": 278, "Owns, controls, or operates": 4,
                         "Acting for or on behalf of": 1}  # fmt: skip
    assert cons["quarantine"] == [] and cons["leftovers"] == []
    assert cons["publication"][0]["published_on"].isoformat() == "2025-01-10"
    assert cons["publication"][0]["entity_count"] == 443


def test_entity_id_is_the_legacy_ent_num(cons: Tables, real_data: Path) -> None:
    """entity/@id is the uid of the legacy cons_prim.csv (ent_num), not identityId:
    the primary names agree for all but one of the 442 ids both files hold."""
    with (real_data / CONS / "cons_prim.csv").open(encoding="utf-8", newline="") as handle:
        legacy = {int(row[0]): row[1] for row in csv.reader(handle) if row and row[0].isdigit()}
    primary = {row["entity_id"]: row["formatted_full_name"] for row in cons["names"]
               if row["is_primary"] and row["translation_is_primary"]}  # fmt: skip
    common = legacy.keys() & primary.keys()
    assert len(common) == 442
    differ = {ent: (legacy[ent], primary[ent]) for ent in common if legacy[ent] != primary[ent]}
    assert differ == {18284: ("RN KOMSOMOLSKIY REFINERY LLC", "RN-KOMSOMOLSKY REFINERY LLC")}
    identity_ids = {row["identity_id"] for row in cons["entities"]}
    assert len(identity_ids & legacy.keys()) < 10  # identityId is another number space


def test_cmic_membership_and_china_telecom(cons: Tables) -> None:
    cmic = [row for row in cons["memberships"] if row["list_code"] == "us_ofac_ns_cmic"]
    assert len(cmic) == 68 and {row["program"] for row in cmic} == {"CMIC-EO13959"}
    telecom = [row for row in cons["memberships"] if row["key"] == "30882"]
    assert [(row["list_code"], row["listed_on"].isoformat()) for row in telecom] == [
        ("us_ofac_ns_cmic", "2021-06-03")
    ]
    # datePublished of the CMIC list is the "Listing Date (CMIC)" feature, for all 68.
    listing_dates = {row["entity_id"]: row["date_from_begin"] for row in cons["features"]
                     if row["feature_type"] == "Listing Date (CMIC)"}  # fmt: skip
    assert {int(row["key"]): row["listed_on"] for row in cmic} == listing_dates
    uscc = [row["document_number"] for row in cons["identity_documents"]
            if row["entity_id"] == 30882 and row["document_type"].startswith("Unified")]  # fmt: skip
    assert uscc == ["9111000071093019X7"]
    (owner,) = [row for row in cons["relationships"] if row["entity_id"] == 30882]
    assert (owner["relationship_type"], owner["related_entity_id"]) == ("Owned or Controlled By",
                                                                        30939)  # fmt: skip


def test_programs_split_between_lists(cons: Tables) -> None:
    """An SDN + SSI entity: UKRAINE-EO13662 (the SSI program) on SSI, the rest on SDN."""
    dual = {row["entity_id"] for row in cons["sanctions_lists"] if row["list_name"] == "SDN List"}
    ssi = {row["entity_id"] for row in cons["sanctions_lists"]
           if row["list_name"] == "Sectoral Sanctions Identifications List"}  # fmt: skip
    for row in cons["memberships"]:
        if int(row["key"]) in dual & ssi:
            expected = "us_ofac_ssi" if row["program"] == "UKRAINE-EO13662" else "us_ofac_sdn"
            assert row["list_code"] == expected, row


def test_weak_aliases_translations_and_countries(cons: Tables) -> None:
    names = cons["names"]
    assert len({row["name_id"] for row in names if row["is_low_quality"]}) == 70  # names, not rows
    scripts = Counter(row["script"] for row in names)
    assert scripts == {"Latin": 1579, "Cyrillic": 39, "Chinese Simplified": 5,
                       "Chinese Traditional": 1}  # fmt: skip
    gaza = [row for row in cons["addresses"] if row["entity_id"] == 9647]
    assert [(row["region"], row["country_code"]) for row in gaza] == [("Gaza", None)]
    palestinian = [row for row in cons["features"] if row["value"] == "Palestinian"]
    assert [row["value_country_code"] for row in palestinian] == ["PS"]
    birth = next(row for row in cons["features"]
                 if row["entity_id"] == 9639 and row["feature_type"] == "Birthdate")  # fmt: skip
    assert (birth["value"], str(birth["date_from_begin"]), str(birth["date_to_end"])) == (
        "1962",
        "1962-01-01",
        "1962-12-31",
    )


def test_zip_and_xml_stage_identically(cons: Tables, real_data: Path, tmp_path: Path) -> None:
    zipped = run(us_ofac_cons_xml.SOURCE, real_data / CONS / "CONS_ENHANCED.ZIP", tmp_path)
    for table in TABLES:
        assert zipped[table] == cons[table], table


def test_program_attribution_rules() -> None:
    """Own programs go to their list, others to SDN, else to every list; a list
    left without a program still gets a membership (null program)."""
    lists = sanctions_lists()
    ssi, mbs, sdn = (Listing(lists[name], None) for name in (
        "Sectoral Sanctions Identifications List", "Non-SDN Menu-Based Sanctions List",
        "SDN List"))  # fmt: skip
    assert memberships([ssi, mbs], ["UKRAINE-EO13662", "SYRIA"]) == [
        ("us_ofac_ssi", "UKRAINE-EO13662", None), ("us_ofac_ssi", "SYRIA", None),
        ("us_ofac_ns_mbs", "SYRIA", None)]  # fmt: skip
    assert memberships([sdn, ssi], ["SDGT"]) == [
        ("us_ofac_sdn", "SDGT", None), ("us_ofac_ssi", None, None)]  # fmt: skip
    umbrella = Listing(lists["Consolidated List"], None)
    assert memberships([umbrella], ["NS-PLC"]) == []
