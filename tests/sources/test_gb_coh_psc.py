"""gb_coh_psc: the 16 real fixture files (golden + hand checks) and generated snapshots."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from pipelines.lib.sqlmodels import load_macros
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.gb_coh_psc import SPEC, _last_line, parse, parse_files
from pipelines.sources.psc_lines import part_order
from pipelines.sources.psc_tables import (
    PSC_KINDS,
    SUPER_SECURE_DESCRIPTIONS,
    known_exemptions,
    known_natures,
    known_statements,
)
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]
TABLES = [*SPEC.tables, "quarantine", "leftovers"]
FIXTURES = "uk_companies_house/psc_snapshot_records_bods-uk-psc-pipeline"
ENUMS = "uk_companies_house/api-enumerations"


def read_tables(out: Path) -> Tables:
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLES}


def run(
    files: list[Path],
    out: Path,
    accept: bool = False,
    check_totals: bool = True,
    chunk_bytes: int = 1 << 20,
) -> Tables:
    with StagingWriter(out, SPEC.tables) as writer:
        parse_files(
            files,
            writer,
            ParseOptions(accept_new_values=accept),
            check_totals=check_totals,
            chunk_bytes=chunk_bytes,
        )
    return read_tables(out)


# --- generated snapshots --------------------------------------------------------


def psc(number: str, kind: str, key: str, **data: Any) -> dict[str, Any]:
    links = {"self": f"/company/{number}/persons-with-significant-control/{key}"}
    return {
        "company_number": number,
        "data": {
            "kind": kind,
            "etag": f"e-{key}",
            "links": links,
            "notified_on": "2016-04-06",
            **data,
        },
    }


def totals(pscs: int, statements: int, exemptions: int) -> dict[str, Any]:
    return {
        "data": {
            "kind": "totals#persons-of-significant-control-snapshot",
            "persons_of_significant_control_count": pscs,
            "statements_count": statements,
            "exemptions_count": exemptions,
            "generated_at": "2024-11-22T03:43:03Z",
        }
    }


SHARES = ["ownership-of-shares-25-to-50-percent"]
CORPORATE = {
    "name": "Parent Ltd",
    "natures_of_control": SHARES,
    "identification": {"place_registered": "Companies House", "registration_number": "123"},
}
EXEMPTION = {
    "kind": "exemptions",
    "etag": "x",
    "links": {"self": "/company/00000005/exemptions"},
    "exemptions": {
        "psc_exempt_as_trading_on_regulated_market": {
            "exemption_type": "psc-exempt-as-trading-on-regulated-market",
            "items": [{"exempt_from": "2016-06-30"}],
        }
    },
}


def every_kind() -> list[Any]:
    """One record of each kind, then the totals line."""
    records: list[Any] = []
    for i, kind in enumerate(PSC_KINDS):
        extra: dict[str, Any] = {}
        if "super" in kind:
            extra["description"] = "super-secure-beneficial-owner"
        if kind == "corporate-entity-person-with-significant-control":
            extra["identification"] = CORPORATE["identification"]
        natures = (
            []
            if "super" in kind
            else (
                ["ownership-of-shares-more-than-25-percent-registered-overseas-entity"]
                if kind.endswith("beneficial-owner")
                else SHARES
            )
        )
        records.append(
            psc(
                f"OE{i:06d}" if "beneficial" in kind else f"{i:08d}",
                kind,
                f"k{i}",
                name=f"Name {i}",
                natures_of_control=natures,
                **extra,
            )
        )
    records.append(
        psc(
            "00000009",
            "persons-with-significant-control-statement",
            "s1",
            statement="psc-exists-but-not-identified",
        )
    )
    records.append({"company_number": "00000005", "data": EXEMPTION})
    records.append(totals(len(PSC_KINDS), 1, 1))
    return records


def write_lines(path: Path, records: list[Any]) -> Path:
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_is_staged(tmp_path: Path) -> None:
    tables = run([write_lines(tmp_path / "s.txt", every_kind())], tmp_path / "out")
    assert sorted(r["kind"] for r in tables["pscs"]) == sorted(PSC_KINDS)
    classes = {r["kind"]: (r["psc_class"], r["is_beneficial_owner"]) for r in tables["pscs"]}
    assert classes["legal-person-beneficial-owner"] == ("legal-person", True)
    assert classes["super-secure-person-with-significant-control"] == ("super-secure", False)
    roe = [n for n in tables["natures"] if n["register"] == "roe"]
    assert {(n["stake_lo"], n["stake_hi"], n["lo_inclusive"], n["hi_inclusive"]) for n in roe} == {
        (25.0, 100.0, False, True)
    }
    assert [(s["statement"], s["parent_exists"]) for s in tables["statements"]] == [
        ("psc-exists-but-not-identified", True)
    ]
    assert [(e["exemption_type"], str(e["exempt_from"])) for e in tables["exemptions"]] == [
        ("psc-exempt-as-trading-on-regulated-market", "2016-06-30")
    ]
    assert tables["identifiers"][0]["scheme"] == "gb-coh"
    assert tables["identifiers"][0]["value"] == "00000123"
    assert tables["quarantine"] == [] and tables["leftovers"] == []
    assert tables["totals"][0]["psc_read"] == len(PSC_KINDS)


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (
            psc(
                "1",
                "individual-person-with-significant-control",
                "a",
                natures_of_control=["owns-everything"],
            ),
            "natures_of_control",
            "owns-everything",
        ),
        (psc("1", "robot-with-significant-control", "a"), "kind", "robot-with-significant-control"),
        (
            psc("1", "persons-with-significant-control-statement", "a", statement="nope"),
            "statement",
            "nope",
        ),
        (
            {
                "company_number": "1",
                "data": {**EXEMPTION, "exemptions": {"x": {"exemption_type": "exempt-by-magic"}}},
            },
            "exemption_type",
            "exempt-by-magic",
        ),
    ],
)
def test_unknown_values_name_value_file_and_line(
    tmp_path: Path, record: dict[str, Any], field: str, value: str
) -> None:
    path = write_lines(
        tmp_path / "snap.txt",
        [
            psc("2", "individual-person-with-significant-control", "b", natures_of_control=SHARES),
            record,
            totals(2, 0, 0),
        ],
    )
    with pytest.raises(UnknownValueError) as caught:
        run([path], tmp_path / "out")
    assert (caught.value.field_name, caught.value.value) == (field, value)
    assert (caught.value.file, caught.value.line) == ("snap.txt", 2)
    assert value in str(caught.value) and "snap.txt:2" in str(caught.value)


def test_accept_new_values_records_leftovers(tmp_path: Path) -> None:
    records = [
        psc(
            "1",
            "individual-person-with-significant-control",
            "a",
            natures_of_control=["owns-everything", *SHARES],
        ),
        psc("1", "robot-with-significant-control", "r"),
        totals(1, 0, 0),
    ]
    tables = run([write_lines(tmp_path / "s.txt", records)], tmp_path / "out", accept=True)
    assert [(r["field"], r["value"], r["line"]) for r in tables["leftovers"]] == [
        ("natures_of_control", "owns-everything", 1),
        ("kind", "robot-with-significant-control", 2),
    ]
    assert sorted((n["nature"], n["basis"] or "") for n in tables["natures"]) == [
        ("ownership-of-shares-25-to-50-percent", "shares"),
        ("owns-everything", ""),
    ]


def test_malformed_lines_are_quarantined_with_raw_text(tmp_path: Path) -> None:
    good = psc("1", "individual-person-with-significant-control", "a", natures_of_control=SHARES)
    bad = [
        '{"company_number": "1", "data": {',
        "[1, 2]",
        '{"company_number": "1"}',
        '{"data": {"kind": "individual-person-with-significant-control"}}',
        json.dumps(
            psc("1", "individual-person-with-significant-control", "w", address="10 Downing Street")
        ),
    ]
    # 5 bad lines may each have been a PSC: the totals (6 PSCs) still add up.
    path = write_lines(tmp_path / "s.txt", [good, *bad, "", totals(6, 0, 0)])
    tables = run([path], tmp_path / "out")
    found = sorted((q["line"], q["reason"], q["raw"]) for q in tables["quarantine"])
    assert [(line, reason) for line, reason, _ in found] == [
        (2, "invalid JSON"),
        (3, "not a JSON object"),
        (4, "no data object"),
        (5, "no company_number string"),
        (6, "wrong JSON type of data member(s) address"),
    ]
    assert found[0][2] == bad[0]
    assert len(tables["pscs"]) == 1


def test_unexpected_fields_and_bad_dates_are_leftovers(tmp_path: Path) -> None:
    record = psc(
        "1",
        "individual-person-with-significant-control",
        "a",
        natures_of_control=SHARES,
        shoe_size=44,
        address={"planet": "Mars"},
        ceased_on="2021-02-30",
    )
    tables = run([write_lines(tmp_path / "s.txt", [record, totals(1, 0, 0)])], tmp_path / "o")
    assert sorted((r["field"], r["value"]) for r in tables["leftovers"]) == [
        ("data.address.planet", '"Mars"'),
        ("data.ceased_on", "2021-02-30"),
        ("data.shoe_size", "44"),
    ]
    assert tables["pscs"][0]["ceased_on"] is None


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([psc("1", "individual-person-with-significant-control", "a")], "found none"),
        (
            [psc("1", "individual-person-with-significant-control", "a"), totals(2, 0, 0)],
            "1 more records",
        ),
        (
            [totals(1, 0, 0), psc("1", "individual-person-with-significant-control", "a")],
            "not the last line",
        ),
        (
            [psc("1", "individual-person-with-significant-control", "a"), totals(0, 0, 0)],
            "persons_of_significant_control_count is 0, read 1",
        ),
    ],
)
def test_totals_mismatch_is_a_truncated_snapshot(
    tmp_path: Path, records: list[Any], message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        run([write_lines(tmp_path / "s.txt", records)], tmp_path / "out")


def _parts(tmp_path: Path, count: int) -> dict[str, Path]:
    """The every-kind snapshot as zipped parts; the totals line only in the last."""
    lines = every_kind()
    size = -(-len(lines) // count)
    files = {}
    for index in range(count):
        name = f"psc-snapshot-2024-11-22_{index + 1}of{count}.zip"
        chunk = lines[index * size : (index + 1) * size]
        with zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                f"psc-snapshot-2024-11-22_{index + 1}of{count}.txt",
                "".join(json.dumps(r) + "\n" for r in chunk),
            )
        files[f"part-{index + 1:04d}"] = tmp_path / name
    return files


def test_zip_and_multi_part_snapshots(tmp_path: Path) -> None:
    files = _parts(tmp_path, 11)
    snapshot = Snapshot("gb_coh_psc", "t", tmp_path, dict(reversed(files.items())))
    assert [p.name for p in part_order(snapshot.files)][:2] == [
        "psc-snapshot-2024-11-22_1of11.zip",
        "psc-snapshot-2024-11-22_2of11.zip",
    ]
    with StagingWriter(tmp_path / "out", SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions())
    tables = read_tables(tmp_path / "out")
    assert len(tables["pscs"]) == len(PSC_KINDS)
    assert tables["totals"][0]["file"].startswith("psc-snapshot-2024-11-22_11of11.zip:")
    # A missing part is a truncated snapshot.
    del files["part-0003"]
    with (
        pytest.raises(SourceError, match="more records"),
        StagingWriter(tmp_path / "out2", SPEC.tables) as writer,
    ):
        parse(Snapshot("gb_coh_psc", "t", tmp_path, files), writer, ParseOptions())


def test_lines_span_chunk_boundaries(tmp_path: Path) -> None:
    records = every_kind()
    many = records[:-1] * 40 + [totals(len(PSC_KINDS) * 40, 40, 40)]
    tables = run([write_lines(tmp_path / "s.txt", many)], tmp_path / "out", chunk_bytes=997)
    assert len(tables["pscs"]) == len(PSC_KINDS) * 40
    assert max(r["line"] for r in tables["pscs"]) == len(many) - 3
    assert tables["quarantine"] == []


@pytest.mark.parametrize(
    ("identification", "expected"),
    [
        (
            {
                "place_registered": "Companies House Cardiff",
                "country_registered": "England & Wales",
                "registration_number": "686734",
            },
            ("gb-coh", "00686734", "GB-COH"),
        ),
        (
            {
                "place_registered": "Registrar Of Companies For Scotland",
                "registration_number": "sc 123456",
            },
            ("gb-coh", "SC123456", "GB-COH"),
        ),
        (
            {"country_registered": "Northern Ireland", "registration_number": "NI012345"},
            ("gb-coh", "NI012345", "GB-COH"),
        ),
        (
            {"legal_authority": "Companies Act 2006", "registration_number": "1234567"},
            ("gb-coh", "01234567", "GB-COH"),
        ),
        (
            {
                "place_registered": "Registrar Of Companies",
                "country_registered": "Hong Kong",
                "registration_number": "1234567",
            },
            ("psc-registration", "1234567", "Registrar Of Companies; Hong Kong"),
        ),
        (
            {
                "place_registered": "Companies House",
                "country_registered": "Jersey",
                "registration_number": "12345",
            },
            ("psc-registration", "12345", "Companies House; Jersey"),
        ),
        (
            {
                "country_registered": "People's Republic Of China",
                "registration_number": "91110000100000000A",
            },
            ("psc-registration", "91110000100000000A", "People's Republic Of China"),
        ),
        (
            {"country_registered": "England", "registration_number": "ABC-1"},
            ("psc-registration", "ABC-1", "England"),
        ),
    ],
)
def test_companies_house_numbers_are_recognised_conservatively(
    tmp_path: Path, identification: dict[str, str], expected: tuple[str, str, str]
) -> None:
    record = psc(
        "1",
        "corporate-entity-person-with-significant-control",
        "c",
        natures_of_control=SHARES,
        identification=identification,
    )
    tables = run([write_lines(tmp_path / "s.txt", [record, totals(1, 0, 0)])], tmp_path / "o")
    row = tables["identifiers"][0]
    assert (row["scheme"], row["value"], row["issuer"]) == expected


# --- the official enumerations ------------------------------------------------------


def test_reference_tables_cover_the_official_enumerations(real_data: Path) -> None:
    descriptions = yaml.safe_load((real_data / ENUMS / "psc_descriptions.yml").read_text())
    exemptions = yaml.safe_load((real_data / ENUMS / "exemption_descriptions.yml").read_text())
    assert set(descriptions["description"]) == known_natures()
    assert set(descriptions["statement_description"]) == known_statements()
    assert set(descriptions["super_secure_description"]) == set(SUPER_SECURE_DESCRIPTIONS)
    assert set(exemptions["exemption_type"]) == known_exemptions()


# --- the real fixture files -----------------------------------------------------------


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    files = sorted((real_data / FIXTURES).glob("psc-data-*.json"))
    assert len(files) == 16
    # Excerpts: each file ends with the totals line of the whole 2024-11-22 register.
    return run(
        part_order({p.name: p for p in files}), tmp_path_factory.mktemp("psc"), check_totals=False
    )


def test_golden_real_fixtures(real: Tables) -> None:
    def key(row: dict[str, Any]) -> tuple[str, int, str]:
        return (row.get("file") or "", row.get("line") or 0, str(row.get("nature", "")))

    heads = {name: sorted(rows, key=key)[:40] for name, rows in real.items()}
    assert_golden(
        "gb_coh_psc/real_fixtures",
        {"counts": {name: len(rows) for name, rows in real.items()}, "heads": heads},
    )


def test_the_parse_gives_every_psc_the_warehouse_entity_id(real: Tables) -> None:
    """The conformed views read the id the parse hashed: it must be the warehouse
    macro's hashed_id of company|psc_key, in pscs, natures and identifiers alike."""
    con = duckdb.connect()
    load_macros(con)

    def expected(row: dict[str, Any]) -> str:
        key = f"{row['company_number']}|{row['psc_key']}"
        found = con.execute("select hashed_id('psc', $key)", {"key": key}).fetchone()
        assert found is not None
        return str(found[0])

    for table, column in (("pscs", "entity_id"), ("natures", "owner_id"),
                          ("identifiers", "entity_id")):
        assert real[table]
        assert [row[column] for row in real[table]] == [expected(row) for row in real[table]]
    assert real["pscs"][0]["entity_id"].startswith("psc-")


def test_real_fixtures_by_hand(real: Tables) -> None:
    clientlogic = [i for i in real["identifiers"] if i["company_number"] == "04120481"]
    assert [(i["scheme"], i["value"]) for i in clientlogic] == [("gb-coh", "03530981")]
    bunyan = [n for n in real["natures"] if n["company_number"] == "03136191"]
    assert [
        (n["basis"], n["stake_lo"], n["stake_hi"], n["lo_inclusive"], n["hi_inclusive"])
        for n in bunyan
    ] == [("shares", 25.0, 50.0, False, True)]
    statement = real["statements"][0]
    assert (statement["statement"], str(statement["ceased_on"]), statement["line"]) == (
        "no-individual-or-entity-with-signficant-control",
        "2021-12-13",
        3,
    )
    safe = next(p for p in real["pscs"] if p["company_number"] == "07102351")
    assert (safe["psc_class"], safe["legal_authority"]) == (
        "legal-person",
        "People'S Republic Of China",
    )
    countries = {c["text"]: c["code"] for c in real["countries"]}
    assert countries["England & Wales"] == "GB" and countries["China"] == "CN"
    assert len(real["totals"]) == 16 and real["quarantine"] == []


def test_real_fixture_totals_expose_an_excerpt(real_data: Path, tmp_path: Path) -> None:
    path = real_data / FIXTURES / "psc-data-2.json"
    with pytest.raises(SourceError, match="declares 13574319 more records"):
        run([path], tmp_path / "out")


# --- conformed and canonical SQL on a real DuckDB ----------------------------------------


def test_psc_edges_reach_canonical_relationships(tmp_path: Path) -> None:
    from pipelines.lib import warehouse
    from pipelines.lib.sqlmodels import discover, run_model
    from pipelines.lib.warehouse import load_staging
    from pipelines.sources.registry import SOURCES

    staged = tmp_path / "staged"
    records = [json.dumps(r) for r in every_kind()]
    with StagingWriter(staged, SPEC.tables) as writer:
        parse_files([write_lines(tmp_path / "s.txt", records)], writer, ParseOptions())
    with warehouse.connect(tmp_path / "w") as con:
        for source in SOURCES:
            mine = source.spec.id == "gb_coh_psc"
            load_staging(
                con,
                source.spec.id,
                source.spec.tables,
                staged if mine else None,
                "snap-1" if mine else None,
            )
        for model in discover():
            if model.schema in ("conformed", "canonical"):
                run_model(con, model, {name: None for name in model.params})
        edge = con.execute(
            "select r.basis, r.stake_lo, r.stake_hi, r.lo_inclusive, r.hi_inclusive, r.capacity, "
            "r.status, r.start_date::varchar, o.kind, s.status, r.snapshot_id "
            "from canonical.relationships as r "
            "join canonical.entities as o on o.entity_id = r.owner_id "
            "join canonical.entities as s on s.entity_id = r.subject_id "
            "where r.source = 'gb_coh_psc' and r.subject_id = 'gb-coh-00000001'"
        ).fetchall()
        assert edge == [
            (
                "shares",
                25.0,
                50.0,
                False,
                True,
                "direct",
                "active",
                "2016-04-06",
                "company",
                "referenced_only",
                "snap-1",
            )
        ]
        kinds = dict(
            con.execute(
                "select category, kind from canonical.entities where source = 'gb_coh_psc' "
                "and status = 'reported'"
            ).fetchall()
        )
        assert kinds["legal-person-person-with-significant-control"] == "state_body"
        assert kinds["super-secure-beneficial-owner"] == "unknown"
        ids = con.execute(
            "select scheme, value from canonical.identifiers where source = "
            "'gb_coh_psc' and scheme = 'gb-coh' and entity_id like 'psc-%'"
        ).fetchall()
        assert ids == [("gb-coh", "00000123")]
        gaps = con.execute(
            "select entity_id, reason, parent_exists from "
            "canonical.reporting_exceptions where source = 'gb_coh_psc' "
            "order by reason"
        ).fetchall()
        assert gaps == [
            ("gb-coh-00000005", "psc-exempt-as-trading-on-regulated-market", None),
            ("gb-coh-00000009", "psc-exists-but-not-identified", True),
        ]
        con.close()


def test_the_last_line_with_content_is_found_from_the_end() -> None:
    lines = pa.table({"line": list(range(1, 201)), "text": ["{}"] * 50 + [" ", "\t", ""] * 50})
    assert _last_line(lines, step=7) == 50
    assert _last_line(pa.table({"line": [1, 2], "text": [" ", ""]}), step=1) == 0
