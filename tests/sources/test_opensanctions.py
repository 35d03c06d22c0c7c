"""opensanctions parser: the two real FtM files (golden + hand checks) and generated ones."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists import ftm as demo
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.opensanctions import SPEC, parse
from tests.golden import assert_golden

ZALA = "opensanctions_ftm/yente-zala-fixture/entities.ftm.json"
EU_EXCERPT = "sanctions/opensanctions/eu_fsf_excerpt_yente/entities.ftm.json"
CST, ZAKHAROV, KALASHNIKOV = (
    "NK-abdzbEBkqyT29GyREbiURZ", "NK-aU5ybkbRFJucf8YMwsJvDw", "NK-nR5AXM9AVPq4pQaSPSaVam"
)  # fmt: skip
Tables = dict[str, list[dict[str, Any]]]


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot("opensanctions", "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


def entity(
    id_: str, schema: str, dataset: str = "us_ofac_sdn", **props: list[str]
) -> dict[str, Any]:
    return {"id": id_, "caption": id_, "schema": schema, "properties": props, "referents": [],
            "datasets": [dataset], "first_seen": "2024-01-01T00:00:00",
            "last_seen": "2024-06-01T00:00:00", "last_change": "2024-01-01T00:00:00",
            "target": schema != "Sanction"}  # fmt: skip


def write_lines(path: Path, *items: dict[str, Any] | str) -> Path:
    """One line per item: an entity as JSON, a string as it is."""
    lines = [item if isinstance(item, str) else json.dumps(item) for item in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def compact(row: dict[str, Any]) -> dict[str, Any]:
    """A staged row without empty values, other_properties as sorted keys."""
    out = {k: v for k, v in row.items() if v not in (None, []) and k != "other_properties"}
    out["other"] = sorted(k for k, _ in row.get("other_properties") or [])
    return out


@pytest.fixture(scope="module")
def zala(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return run(real_data / ZALA, tmp_path_factory.mktemp("zala"))


SANCTION_FACTS = ("id", "entity", "datasets", "program", "program_id", "listing_date",
                  "start_date", "end_date", "status", "record_line")  # fmt: skip
PARTY_TEXT = ("name", "alias", "weak_alias", "previous_name", "address", "referents")


def test_golden_zala_cluster(zala: Tables) -> None:
    assert_golden("opensanctions/zala", {
        "counts": {name: len(rows) for name, rows in zala.items()},
        # Names, addresses and referents as counts: the golden stays small.
        "parties": [{k: len(v) if k in PARTY_TEXT else v for k, v in compact(row).items()}
                    for row in zala["entities"]],
        "sanctions": [{k: row[k] for k in SANCTION_FACTS if row[k] is not None}
                      for row in zala["sanctions"]],
        **{name: [compact(row) for row in zala[name]] for name in ("ownerships", "directorships")},
        "memberships": zala["memberships"], "country_codes": zala["country_codes"],
        "leftovers": zala["leftovers"], "quarantine": zala["quarantine"],
    })  # fmt: skip


def test_zala_ownership_chain_keeps_every_percentage_and_period(zala: Tables) -> None:
    owners_of_cst = sorted(
        ((row["owner"][0], row["stake_lo"], row["stake_hi"], row["start_date"], row["end_date"],
          row["role"]) for row in zala["ownerships"] if row["asset"] == [CST]),
        key=lambda row: (row[0], row[1] is None, row[1] or 0),
    )  # fmt: skip
    assert owners_of_cst == [
        ("NK-DQ98GPMgdVH8DSZd8g9Xtc", 1.0, 1.0, ["2022-01-17"], ["2023-03-02"], None),
        ("NK-DSxJ9ZzHxBBMyEMnnTBhai", 2.0, 2.0, ["2019-05-24"], ["2023-12-21"], None),
        (ZAKHAROV, 48.0, 48.0, ["2015-11-25"], ["2023-12-21"], None),
        (ZAKHAROV, 50.0, 50.0, ["2015-11-25"], ["2023-03-02"], None),
        (ZAKHAROV, 51.0, 51.0, ["2015-11-25"], None, None),
        (KALASHNIKOV, 49.0, 49.0, ["2016-03-29"], None, None),
        # The sanctions lists' "subsidiary of": no percentage, so no bounds.
        (KALASHNIKOV, None, None, None, None, ["subsidiary of"]),
    ]


def test_zala_sanctions_become_memberships_of_our_lists_only(zala: Tables) -> None:
    found = {(row["key"], row["list_code"]): row for row in zala["memberships"]}
    assert set(found) == {
        (CST, "eu_fsf"), (CST, "gb_hmt"), (CST, "us_bis_el"), (CST, "us_ofac_sdn"),
        (ZAKHAROV, "eu_fsf"), (ZAKHAROV, "gb_hmt"), (ZAKHAROV, "us_ofac_sdn"),
    }  # fmt: skip
    # Two OFAC Sanctions of one entity and program are one membership.
    assert [r["program"] for r in zala["memberships"]].count("RUSSIA-EO14024") == 2
    # listingDate first, else startDate (the CSL Entity List Sanction has only startDate).
    assert found[(CST, "eu_fsf")]["listed_on"] == date(2025, 3, 15)
    assert found[(CST, "us_bis_el")]["listed_on"] == date(2023, 11, 2)
    # Sanctions of other datasets (ua_nsdc_sanctions, ch_seco_sanctions, ...) stay staged.
    assert len(zala["sanctions"]) == 41


def test_eu_fsf_excerpt(real_data: Path, tmp_path: Path) -> None:
    tables = run(real_data / EU_EXCERPT, tmp_path)
    # The last line has no newline: still an entity, with its line number.
    assert tables["addresses"][0]["record_line"] == 4
    assert [row["record_line"] for row in tables["entities"]] == [1, 2, 3, 5, 6, 7]
    assert_golden("opensanctions/eu_fsf_excerpt", {
        "entities": [compact(row) for row in tables["entities"]],
        "addresses": [compact(row) for row in tables["addresses"]],
        "country_codes": tables["country_codes"],
        "others": {name: len(tables[name]) for name in ("sanctions", "memberships", "quarantine",
                                                        "leftovers")},
    })  # fmt: skip


ENTRIES = [
    ListEntry("1001", "Hongda Electronics Co", "company", ("NPWMD", "IFSR"),
              (("HONGDA ELEC", "weak"), ("Shenzhen Hongda", "strong")), "CN", "1 Keji Road",
              "Shenzhen", (("cn-uscc", "91440300MA5ABCDE1X"), ("isin", "CNE000001R84")),
              date(2021, 3, 4)),
    ListEntry("1002", "Ivan Petrov", "person", ("RUSSIA-EO14024",), country="RU",
              identifiers=(("passport", "712345678"),), birth_date=date(1970, 5, 6)),
    ListEntry("1003", "Hongda Trading Ltd", "company", ("NPWMD",), owner_key="1001"),
    ListEntry("1004", "Sea Star", "vessel"),
]  # fmt: skip


def test_round_trip_through_the_demo_writer(tmp_path: Path) -> None:
    path = demo.write(tmp_path / "in", ENTRIES, date(2026, 11, 20))
    tables = run(path, tmp_path / "out")
    parties = {row["id"]: row for row in tables["entities"]}
    assert list(parties) == ["ofac-1001", "ofac-1002", "ofac-1003", "ofac-1004"]
    hongda = parties["ofac-1001"]
    assert (hongda["schema"], hongda["name"], hongda["alias"], hongda["weak_alias"]) == (
        "Company",
        ["Hongda Electronics Co"],
        ["Shenzhen Hongda"],
        ["HONGDA ELEC"],
    )
    assert (hongda["country"], hongda["jurisdiction"], hongda["registration_number"]) == (
        ["cn"],
        ["cn"],
        ["91440300MA5ABCDE1X"],
    )
    assert parties["ofac-1002"]["nationality"] == ["ru"]
    assert parties["ofac-1002"]["passport_number"] == ["712345678"]
    assert parties["ofac-1002"]["birth_date"] == ["1970-05-06"]
    assert parties["ofac-1004"]["schema"] == "Vessel"
    assert [(a["full"], a["city"], a["country"]) for a in tables["addresses"]] == [
        (["1 Keji Road, Shenzhen"], ["Shenzhen"], ["cn"])
    ]
    assert hongda["address_entity"] == [tables["addresses"][0]["id"]]
    assert [(s["isin"], s["issuer"]) for s in tables["securities"]] == [
        (["CNE000001R84"], ["ofac-1001"])
    ]
    assert [(o["owner"], o["asset"], o["stake_lo"]) for o in tables["ownerships"]] == [
        (["ofac-1001"], ["ofac-1003"], None)
    ]
    assert sorted((m["key"], m["list_code"], m["program"], m["listed_on"])
                  for m in tables["memberships"]) == [
        ("ofac-1001", "us_ofac_sdn", "IFSR", date(2021, 3, 4)),
        ("ofac-1001", "us_ofac_sdn", "NPWMD", date(2021, 3, 4)),
        ("ofac-1002", "us_ofac_sdn", "RUSSIA-EO14024", None),
        ("ofac-1003", "us_ofac_sdn", "NPWMD", None),
        ("ofac-1004", "us_ofac_sdn", None, None),
    ]  # fmt: skip
    assert tables["quarantine"] == [] and tables["leftovers"] == []


def test_umbrella_dataset_names_the_list_by_program_id(tmp_path: Path) -> None:
    entries = [ListEntry("csl-1", "Acme", "company", ("US-BIS-EL",)),
               ListEntry("csl-2", "Beta", "company", ("US-BIS-MEU", "US-DOS-ISN"))]  # fmt: skip
    path = demo.write(tmp_path / "in", entries, date(2026, 11, 20), dataset="us_trade_csl")
    tables = run(path, tmp_path / "out")
    assert sorted((m["key"], m["list_code"]) for m in tables["memberships"]) == [
        ("trade-csl-csl-1", "us_bis_el"), ("trade-csl-csl-2", "us_bis_meu"),
        ("trade-csl-csl-2", "us_state_isn")]  # fmt: skip


def test_zipped_export(tmp_path: Path) -> None:
    plain = demo.write(tmp_path / "in", ENTRIES[:2], date(2026, 11, 20))
    zipped = tmp_path / "entities.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(plain, "entities.ftm.json")
    assert len(run(zipped, tmp_path / "out")["entities"]) == 2
