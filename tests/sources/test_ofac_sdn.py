"""us_ofac_sdn parser: the real 2021 snapshot (golden + hand checks) and generated files."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, UnknownValueError
from pipelines.sources.us_ofac_sdn import SPEC, parse
from tests.golden import assert_golden

FILES = {"sdn": "sdn.csv", "add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"}
Tables = dict[str, list[dict[str, Any]]]


def run(folder: Path, out: Path, accept_new_values: bool = False) -> Tables:
    files = {key: folder / name for key, name in FILES.items()}
    snapshot = Snapshot(source_id="us_ofac_sdn", snapshot_id="test", path=folder, files=files)
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def snapshot_2021(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    folder = real_data / "sanctions" / "ofac_sdn" / "snapshot_2021-07"
    return run(folder, tmp_path_factory.mktemp("ofac_sdn"))


SORT_KEYS = {
    "entries": ("ent_num",),
    "addresses": ("ent_num", "add_num"),
    "aliases": ("ent_num", "strength", "alt_num", "alt_name"),
    "remark_facts": ("ent_num", "seq"),
}


def _sort_key(row: dict[str, Any], keys: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple((row[k] is None, row[k] if row[k] is not None else 0) for k in keys)


def test_golden_2021(snapshot_2021: Tables) -> None:
    heads = {
        table: sorted(snapshot_2021[table], key=partial(_sort_key, keys=keys))[:50]
        for table, keys in SORT_KEYS.items()
    }
    fact_keys = Counter(str(row["key"]) for row in snapshot_2021["remark_facts"])
    leftovers = Counter(row["field"] for row in snapshot_2021["leftovers"])
    assert_golden(
        "ofac/sdn_2021",
        {
            "counts": {name: len(rows) for name, rows in snapshot_2021.items()},
            "heads": heads,
            "quarantine": snapshot_2021["quarantine"],
            "remark_fact_keys": dict(sorted(fact_keys.items())),
            "leftover_fields": dict(sorted(leftovers.items())),
        },
    )


def by_ent(rows: list[dict[str, Any]], ent_num: int) -> list[dict[str, Any]]:
    return [row for row in rows if row["ent_num"] == ent_num]


def test_2021_entries_and_consistency(snapshot_2021: Tables, real_data: Path) -> None:
    entries = snapshot_2021["entries"]
    assert len(entries) == 8976
    # The snapshot is a consistent set: nothing quarantined, no orphan.
    assert snapshot_2021["quarantine"] == []
    # sdn.csv ends with 0x1A after the last CRLF; it must not become a row.
    sdn = real_data / "sanctions" / "ofac_sdn" / "snapshot_2021-07" / "sdn.csv"
    assert sdn.read_bytes().endswith(b"\r\n\x1a")
    assert max(row["record_line"] for row in entries) == 8976
    assert all(row["ent_num"] is not None and row["sdn_name"] for row in entries)
    types = Counter(row["sdn_type"] for row in entries)
    assert types == {"individual": 4620, None: 3673, "vessel": 406, "aircraft": 277}


def test_2021_bnc_weak_alias(snapshot_2021: Tables) -> None:
    aliases = by_ent(snapshot_2021["aliases"], 306)
    weak = [
        (a["alt_name"], a["alt_type"], a["alt_num"]) for a in aliases if a["strength"] == "weak"
    ]
    assert weak == [("BNC", "aka", None)]
    strong = [a["alt_name"] for a in aliases if a["strength"] == "strong"]
    assert strong == ["NATIONAL BANK OF CUBA"]


def test_2021_programs_split(snapshot_2021: Tables) -> None:
    [bank] = by_ent(snapshot_2021["entries"], 4632)
    assert bank["programs"] == ["IRAN", "SDGT", "IRGC", "IFSR"]
    [nasrallah] = by_ent(snapshot_2021["entries"], 2686)
    assert nasrallah["programs"] == ["SDGT", "SYRIA"]
    assert nasrallah["title"] == "Secretary General of Hizballah"


def test_2021_remarks_continued_from_comments(snapshot_2021: Tables) -> None:
    [entry] = by_ent(snapshot_2021["entries"], 12300)
    # sdn.csv's Remarks stops after 1,000 characters at "PROMO RAI"; sdn_comments.csv
    # goes on with "Z S.A.S.; ...": concatenated with no separator.
    assert entry["remarks_continued"] is True
    assert "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL" in entry["remarks"]
    assert entry["remarks"].endswith("Linked To: R D I S.A.")
    linked = [f["value"] for f in by_ent(snapshot_2021["remark_facts"], 12300)]
    assert "PROMO RAIZ S.A.S." in linked and linked[-1] == "R D I S.A."
    weak = [a["alt_name"] for a in by_ent(snapshot_2021["aliases"], 28263)]
    assert "snowsjohn" in weak  # the a.k.a. straddles the cut: "'snowsjo" + "hn'"


def test_2021_memberships_one_per_program(snapshot_2021: Tables) -> None:
    rows = snapshot_2021["memberships"]
    assert {row["list_code"] for row in rows} == {"us_ofac_sdn"}
    assert all(row["listed_on"] is None and row["delisted_on"] is None for row in rows)
    bank = [(r["key"], r["program"], r["record_line"]) for r in rows if r["key"] == "4632"]
    [entry] = by_ent(snapshot_2021["entries"], 4632)
    assert bank == [("4632", p, entry["record_line"]) for p in ("IRAN", "SDGT", "IRGC", "IFSR")]
    programs = sum(len(row["programs"]) for row in snapshot_2021["entries"])
    assert len(rows) == programs == 10759


def test_2021_nationality_and_citizen_countries(snapshot_2021: Tables) -> None:
    facts = snapshot_2021["remark_facts"]
    found = Counter(
        (f["key"], f["value_country"]) for f in facts if f["key"] in ("nationality", "citizen")
    )
    assert found[("nationality", "PS")] > 0 and found[("citizen", "EG")] > 0
    # A value that is no country name stays raw, without a code, and is reported.
    unmapped = [f["value"] for f in facts if f["key"] == "nationality" and not f["value_country"]]
    reported = [r["value"] for r in snapshot_2021["leftovers"] if r["field"] == "nationality"]
    assert "possibly Palestinian;arrested 23 Apr 2002" in unmapped
    assert sorted(unmapped) == sorted(reported)
    passport = next(f for f in facts if f["key"] == "Passport" and f["qualifier"] == "Egypt")
    assert passport["qualifier_country"] == "EG" and passport["value_country"] is None


def test_2021_address_countries(snapshot_2021: Tables) -> None:
    addresses = {row["add_num"]: row for row in snapshot_2021["addresses"]}
    assert addresses[199]["country_code"] == "CH" and addresses[199]["ent_num"] == 306
    crimea = addresses[28851]
    assert (crimea["country"], crimea["country_code"], crimea["region"]) == (
        "Region: Crimea",
        "UA",
        "Crimea",
    )
    assert addresses[15765]["country_code"] == "XK"
    nulls = [row for row in snapshot_2021["addresses"] if row["country"] is None]
    assert nulls and all(row["country_code"] is None for row in nulls)


# --- generated files -------------------------------------------------------------------

SDN_OK = (
    b'1,"ALPHA, Ann","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n'
    b'2,"BETA LTD",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
)


def write_set(
    folder: Path, sdn: bytes, add: bytes = b"", alt: bytes = b"", comments: bytes = b""
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"sdn": sdn, "add": add, "alt": alt, "comments": comments}
    for key, name in FILES.items():
        (folder / name).write_bytes(contents[key] + b"\x1a")
    return folder


def test_null_marker_and_cp1252(tmp_path: Path) -> None:
    # A CP1252 byte (older OFAC files), doubled quotes, and "-0-" without its space.
    add = b'2,10,"Rue de l\'\xe9glise ""Sud""",-0-,"France",-0- \r\n'
    tables = run(write_set(tmp_path / "in", SDN_OK, add=add), tmp_path / "out")
    beta = by_ent(tables["entries"], 2)[0]
    assert beta["sdn_type"] is None and beta["remarks"] is None and beta["title"] is None
    [address] = tables["addresses"]
    assert address["address"] == 'Rue de l\'\u00e9glise "Sud"'
    assert address["city_state_postal"] is None and address["add_remarks"] is None
    assert address["country_code"] == "FR"


def test_wrong_column_count_is_quarantined(tmp_path: Path) -> None:
    bad = b'3,"GAMMA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'  # 11 columns
    sdn = SDN_OK[: SDN_OK.index(b"\r\n") + 2] + bad + SDN_OK[SDN_OK.index(b"\r\n") + 2 :]
    tables = run(write_set(tmp_path / "in", sdn), tmp_path / "out")
    assert [row["ent_num"] for row in tables["entries"]] == [1, 2]
    assert [row["record_line"] for row in tables["entries"]] == [1, 3]
    [quarantined] = tables["quarantine"]
    assert quarantined["file"] == "sdn.csv" and quarantined["line"] == 2
    assert quarantined["reason"] == "expected 12 columns, found 11"
    assert quarantined["raw"] == bad.decode().rstrip("\r\n")


def test_non_integer_key_and_orphans_are_quarantined(tmp_path: Path) -> None:
    add = b'2,x1,"Street","City","Cuba",-0- \r\n9,11,"Street","City","Cuba",-0- \r\n'
    alt = b'1,5,"aka","ALPHA, A.",-0- \r\n'
    comments = b'7,"orphan text."\r\n'
    tables = run(write_set(tmp_path / "in", SDN_OK, add, alt, comments), tmp_path / "out")
    reasons = sorted((q["file"], q["line"], q["reason"]) for q in tables["quarantine"])
    assert reasons == [
        ("add.csv", 1, "non-integer add_num"),
        ("add.csv", 2, "orphan ent_num"),
        ("sdn_comments.csv", 1, "orphan ent_num"),
    ]
    assert [(a["alt_num"], a["strength"]) for a in tables["aliases"]] == [(5, "strong")]


@pytest.mark.parametrize(
    ("files", "field", "value", "file", "line"),
    [
        ({"sdn": SDN_OK.replace(b'"individual"', b'"person"')}, "SDN_Type", "person", "sdn.csv", 1),
        (
            {"sdn": SDN_OK.replace(b'"CUBA"', b'"CUBA] [MARS-EO99999"')},
            "program",
            "MARS-EO99999",
            "sdn.csv",
            2,
        ),
        (
            {"alt": b'1,5,"aka",-0- ,-0- \r\n2,6,"xka","B",-0- \r\n'},
            "alt_type",
            "xka",
            "alt.csv",
            2,
        ),
        ({"add": b'1,5,-0- ,-0- ,"Freedonia",-0- \r\n'}, "country", "Freedonia", "add.csv", 1),
    ],
)
def test_unknown_values_raise(
    tmp_path: Path, files: dict[str, bytes], field: str, value: str, file: str, line: int
) -> None:
    folder = write_set(tmp_path / "in", **{"sdn": SDN_OK, **files})
    with pytest.raises(UnknownValueError) as raised:
        run(folder, tmp_path / "out")
    assert (raised.value.field_name, raised.value.value) == (field, value)
    assert (raised.value.file, raised.value.line) == (file, line)
    assert f"{file}:{line}" in str(raised.value)


def test_accept_new_programs_keeps_and_reports(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "in", SDN_OK.replace(b'"CUBA"', b'"CUBA] [MARS-EO99999"'))
    tables = run(folder, tmp_path / "out", accept_new_values=True)
    assert by_ent(tables["entries"], 2)[0]["programs"] == ["CUBA", "MARS-EO99999"]
    programs = [row for row in tables["leftovers"] if row["field"] == "program"]
    assert programs == [{"file": "sdn.csv", "line": 2, "field": "program", "value": "MARS-EO99999"}]
    # Whatever its program, an entry of the SDN file is on the SDN list.
    listed = sorted(r["program"] for r in tables["memberships"] if r["key"] == "2")
    assert listed == ["CUBA", "MARS-EO99999"]


def test_accept_new_values_keeps_an_unknown_country_without_a_code(tmp_path: Path) -> None:
    add = b'2,5,-0- ,-0- ,"Region: Kherson",-0- \r\n'
    folder = write_set(tmp_path / "in", SDN_OK, add=add)
    tables = run(folder, tmp_path / "out", accept_new_values=True)
    [address] = tables["addresses"]
    assert (address["country"], address["country_code"]) == ("Region: Kherson", None)
    assert [r["value"] for r in tables["leftovers"] if r["field"] == "country"] == [
        "Region: Kherson"
    ]


def test_unclassified_remark_is_kept_and_reported(tmp_path: Path) -> None:
    sdn = SDN_OK.replace(b'"DOB 1960."', b'"DOB 1960; ICTY indictee."')
    tables = run(write_set(tmp_path / "in", sdn), tmp_path / "out")
    facts = [(f["seq"], f["key"], f["value"]) for f in tables["remark_facts"]]
    assert facts == [(1, "DOB", "1960"), (2, None, "ICTY indictee")]
    assert tables["leftovers"] == [
        {"file": "sdn.csv", "line": 1, "field": "remarks", "value": "ICTY indictee."}
    ]


def test_sdn_entry_without_program_is_still_an_sdn(tmp_path: Path) -> None:
    tables = run(write_set(tmp_path / "in", SDN_OK.replace(b'"CUBA"', b"-0- ")), tmp_path / "out")
    rows = sorted((r["key"], r["list_code"], r["program"]) for r in tables["memberships"])
    assert rows == [("1", "us_ofac_sdn", "SDGT"), ("2", "us_ofac_sdn", None)]


def test_spec() -> None:
    assert SPEC.id == "us_ofac_sdn" and SPEC.main_table == "entries"
    assert SPEC.files["comments"] == "SDN_COMMENTS.CSV" and SPEC.expected_rows == (5_000, 40_000)
    assert set(SPEC.tables) == {"entries", "addresses", "aliases", "remark_facts", "memberships"}
