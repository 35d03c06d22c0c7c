"""The demo generator: formats as the official files, determinism, scale, and its truth."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from pipelines.lib.demo import DEFAULT_SCALE, DemoSummary, generate
from pipelines.lib.demo.codes import is_valid_lei, is_valid_uscc
from pipelines.lib.demo.places import GB_LEI_NUMBERS
from pipelines.lib.demo.resolution_scenarios import CASES as RESOLUTION_CASES
from pipelines.lib.demo.truth import reference_from_files
from pipelines.lib.demo.truth_resolved import canonical_ids
from pipelines.lib.demo.uk_scenarios import uk_scenarios
from pipelines.lib.ids import lei_entity_id
from pipelines.sources.registry import BY_ID

REPO = Path(__file__).resolve().parents[2]

GLEIF = {
    "lei2-golden-copy.xml": ("leidata/2016", "LEIData", "LEIHeader", "LEIRecord"),
    "rr-golden-copy.xml": ("rr/2016", "RelationshipData", "Header", "RelationshipRecord"),
    "repex-golden-copy.xml": ("repex/2016", "ReportingExceptionData", "Header", "Exception"),
}
OFAC_COLUMNS = {"sdn.csv": 12, "add.csv": 6, "alt.csv": 5, "sdn_comments.csv": 2}
LEI_NS = "{http://www.gleif.org/data/schema/leidata/2016}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out)


@pytest.fixture(scope="module")
def truth(demo: tuple[Path, DemoSummary]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((demo[0] / "truth.json").read_text("utf-8"))
    return document


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _ofac_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text[:-1], newline="")))


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    generate(tmp_path / "c", seed=7)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert len(a) == 22  # 11 register and SDN files, 11 other lists
    assert a == b
    # The BODS file holds only hand-made scenarios: no random part to vary.
    assert all(a[name] != c[name] for name in a if not name.startswith("bods/"))
    assert a["bods/statements.jsonl"] == c["bods/statements.jsonl"]


@pytest.mark.parametrize("name", sorted(GLEIF))
def test_gleif_files_have_the_official_layout(demo: tuple[Path, DemoSummary], name: str) -> None:
    path = demo[0] / "gleif" / name
    ns, root_tag, header_tag, record_tag = GLEIF[name]
    uri = f"{{http://www.gleif.org/data/schema/{ns}}}"
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{uri}{root_tag}"
    header = root.find(f"{uri}{header_tag}")
    assert header is not None
    assert header.findtext(f"{uri}FileContent") == "GLEIF_FULL_PUBLISHED"
    assert header.findtext(f"{uri}ContentDate") == "2026-11-20T08:00:00Z"
    records = list(root.iter(f"{uri}{record_tag}"))
    assert len(records) > 0
    assert int(header.findtext(f"{uri}RecordCount") or -1) == len(records)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?><')


def test_every_lei_is_valid_and_unique_but_the_two_deliberately_broken(
    demo: tuple[Path, DemoSummary],
) -> None:
    gleif = demo[0] / "gleif"
    l1 = etree.parse(str(gleif / "lei2-golden-copy.xml"))
    leis = [e.text or "" for e in l1.iter(f"{LEI_NS}LEI", f"{LEI_NS}ManagingLOU")]
    rr = etree.parse(str(gleif / "rr-golden-copy.xml"))
    leis += [e.text or "" for e in rr.iter("{http://www.gleif.org/data/schema/rr/2016}NodeID")]
    assert leis
    # The _malformed scenario: one Level 1 record and one relationship end node.
    assert len([x for x in leis if not is_valid_lei(x)]) == 2
    records = [e.text for e in l1.iter(f"{LEI_NS}LEI")]
    assert len(records) == len(set(records))


def test_chinese_records_carry_script_pinyin_and_uscc(demo: tuple[Path, DemoSummary]) -> None:
    l1 = etree.parse(str(demo[0] / "gleif" / "lei2-golden-copy.xml"))
    chinese = [r for r in l1.iter(f"{LEI_NS}LEIRecord")
               if r.findtext(f".//{LEI_NS}RegistrationAuthorityID") == "RA000092"]
    assert len(chinese) > 20
    for record in chinese:
        name = record.find(f".//{LEI_NS}LegalName")
        assert name is not None
        assert name.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
        assert "有限公司" in (name.text or "") or "商行" in (name.text or "")
        translit = record.find(f".//{LEI_NS}TransliteratedOtherEntityName")
        assert translit is not None
        assert translit.get("type") == "AUTO_ASCII_TRANSLITERATED_LEGAL_NAME"
        assert (translit.text or "").isascii()
        assert is_valid_uscc(record.findtext(f".//{LEI_NS}RegistrationAuthorityEntityID") or "")


def test_cayman_holdco_is_headquartered_in_china(demo: tuple[Path, DemoSummary]) -> None:
    l1 = etree.parse(str(demo[0] / "gleif" / "lei2-golden-copy.xml"))
    pairs = {(r.findtext(f".//{LEI_NS}LegalAddress/{LEI_NS}Country"),
              r.findtext(f".//{LEI_NS}HeadquartersAddress/{LEI_NS}Country"))
             for r in l1.iter(f"{LEI_NS}LEIRecord")}
    assert {("KY", "CN"), ("VG", "CN"), ("KY", "SG")} <= pairs


@pytest.mark.parametrize("name", sorted(OFAC_COLUMNS))
def test_ofac_files_have_the_legacy_layout(demo: tuple[Path, DemoSummary], name: str) -> None:
    raw = (demo[0] / "ofac" / name).read_bytes()
    assert raw.endswith(b"\r\n\x1a")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    rows = _ofac_rows(demo[0] / "ofac" / name)
    assert rows
    assert {len(r) for r in rows} == {OFAC_COLUMNS[name]}
    assert rows[0][0].isdigit()  # no header row
    if name != "sdn_comments.csv":
        assert b",-0- ," in raw or b",-0- \r\n" in raw


def test_sdn_quirks(demo: tuple[Path, DemoSummary]) -> None:
    rows = _ofac_rows(demo[0] / "ofac" / "sdn.csv")
    assert {r[2] for r in rows} >= {"-0- ", "individual", "vessel", "aircraft"}
    assert any("] [" in r[3] for r in rows)
    assert max(len(r[11]) for r in rows) == 1000
    comments = _ofac_rows(demo[0] / "ofac" / "sdn_comments.csv")
    by_num = {r[0]: r[11] for r in rows}
    full = by_num[comments[0][0]] + comments[0][1]
    assert full.endswith("Linked To: LAZARUS GROUP.")
    alt_types = {r[2] for r in _ofac_rows(demo[0] / "ofac" / "alt.csv")}
    assert alt_types <= {"aka", "fka", "nka"}
    assert "fka" in alt_types


def test_truth_matches_a_recomputation_from_the_files(demo: tuple[Path, DemoSummary],
                                                       truth: dict[str, Any]) -> None:
    # The other lists' rows are checked end to end instead (tests/test_e2e.py): the
    # pipeline parses the files their writers made from the same entries.
    # Both sides are over the canonical ids of the labelled clusters. The regimes
    # (truth_regimes.py) are checked end to end too.
    other_lists = {e for row in truth["listings"] for e in row["entity_ids"]}
    rows = [row for row in truth["denylist"] if row["entity_id"] not in other_lists
            and row["policy"] in ("listed", "cn_control")]
    assert rows == [row for row in reference_from_files(demo[0], truth["same_entity"])
                    if row["entity_id"] not in other_lists]
    assert truth["generator"] == {"seed": 20240601, "scale": DEFAULT_SCALE, "as_of": "2026-11-20"}


def test_truth_covers_every_built_in_policy(truth: dict[str, Any]) -> None:
    by_policy: dict[str, set[str]] = {}
    for row in truth["denylist"]:
        by_policy.setdefault(row["policy"], set()).add(f"{row['status']} {row['basis']}")
    assert set(by_policy) == {"listed", "cn_control", "ofac_50", "bis_affiliates", "eu_50",
                              "uk_50"}
    # Each regime derives something: consolidation is possible under OFAC and BIS,
    # definite under the EU and the UK.
    assert "possible control" in by_policy["ofac_50"] & by_policy["bis_affiliates"]
    assert "definite control" in by_policy["eu_50"] & by_policy["uk_50"]


def test_every_scenario_case_has_the_expected_answer(truth: dict[str, Any]) -> None:
    cn = {r["entity_id"]: r["basis"] for r in truth["denylist"] if r["policy"] == "cn_control"}
    cases = {c["case"]: c for c in truth["cases"]}
    assert len(cases) >= 40
    wrong = {name: (c["cn_control"], cn.get(c["entity_id"])) for name, c in cases.items()
             if cn.get(c["entity_id"]) != c["cn_control"]}
    assert wrong == {}
    status = {r["entity_id"]: r["status"] for r in truth["denylist"]}
    assert status[cases["uk_psc_cn_significant_influence"]["entity_id"]] == "possible"
    assert status[cases["uk_psc_two_cn_25_to_50"]["entity_id"]] == "definite"
    for name in ("uk_psc_cn_minority_uk_majority", "uk_psc_cn_ceased", "uk_psc_cn_votes_only",
                 "uk_psc_statement_gap", "uk_psc_cn_natural_person", "bods_closed_relationship"):
        assert cases[name]["entity_id"] not in cn, name
    assert cases["jv_consolidated_by_us_partner"]["entity_id"] not in cn
    assert cn[cases["jv_consolidated_by_cn_partner"]["entity_id"]] == "control"
    assert cases["inactive_link_to_cn_parent"]["entity_id"] not in cn
    assert cases["expired_link_to_cn_parent"]["entity_id"] not in cn
    assert cn[cases["cycle_with_caught_ie"]["entity_id"]] == "control"
    assert cn[cases["cn_cayman_holdco_hq_cn"]["entity_id"]] == "headquarters"


def test_listed_and_same_entity(truth: dict[str, Any], demo: tuple[Path, DemoSummary]) -> None:
    listed = {r["entity_id"] for r in truth["denylist"] if r["policy"] == "listed"}
    canonical = canonical_ids(truth["same_entity"])
    sdn = _ofac_rows(demo[0] / "ofac" / "sdn.csv")
    # Every SDN entry is listed once, under its cluster's id.
    sdn_ids = {canonical.get(f"ofac-{r[0]}", f"ofac-{r[0]}") for r in sdn}
    assert len(sdn_ids) == demo[1].sdn_entries and sdn_ids <= listed
    assert {r["status"] for r in truth["denylist"] if r["policy"] == "listed"} == {"definite"}
    pairs = truth["same_entity"]
    sdn_pairs = [p for p in pairs if p[0].startswith("lei-") and p[1].startswith("ofac-")]
    assert len(sdn_pairs) == 5
    assert all(a.startswith(("lei-", "ofac-")) for a, _ in pairs)
    with_lei = [r for r in sdn if "Legal Entity Number" in r[11]]
    assert len(with_lei) == 2
    for row in with_lei:
        lei = row[11].split("Legal Entity Number ")[1][:20]
        assert [lei_entity_id(lei), f"ofac-{row[0]}"] in pairs
        # Resolution publishes the entry under its LEI's id, not its own.
        assert lei_entity_id(lei) in listed and f"ofac-{row[0]}" not in listed


def test_stakes_are_intervals(truth: dict[str, Any]) -> None:
    stakes = truth["stakes"]
    assert any(s["band"] == "25-50" and not s["lo_inclusive"] for s in stakes)
    assert all(s["lo"] <= s["hi"] and s["owner"].startswith("lei-") for s in stakes)
    jv = [s for s in stakes if s["lo"] == s["hi"] == 50]
    assert len(jv) == 4


def test_scale_doubles_the_register(tmp_path: Path, demo: tuple[Path, DemoSummary]) -> None:
    bigger = generate(tmp_path, scale=2 * DEFAULT_SCALE)
    assert 1.8 < bigger.entities / demo[1].entities < 2.2
    assert bigger.relationships > 1.5 * demo[1].relationships
    assert demo[1].entities == pytest.approx(3_000_000 * DEFAULT_SCALE, rel=0.05)
    scenario = len(uk_scenarios(20240601).pscs) + len(RESOLUTION_CASES)
    assert bigger.uk.psc.pscs - scenario == pytest.approx(2 * (demo[1].uk.psc.pscs - scenario),
                                                         rel=0.01)
    assert 1.9 < bigger.uk.companies / demo[1].uk.companies < 2.1


# --- the UK registers and BODS -------------------------------------------------------------


def _member(path: Path, suffix: str) -> bytes:
    """The one member of an official zip: the same name, with the inner suffix."""
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [path.stem + suffix]
        return archive.read(path.stem + suffix)


def _psc_lines(root: Path) -> list[dict[str, Any]]:
    raw = _member(root / "uk" / "persons-with-significant-control-snapshot-2026-11-20.zip", ".txt")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_psc_snapshot_is_json_lines_with_a_correct_totals_line(
    demo: tuple[Path, DemoSummary],
) -> None:
    lines = _psc_lines(demo[0])
    *records, totals = lines
    kinds = [r["data"]["kind"] for r in records]
    statements = kinds.count("persons-with-significant-control-statement")
    exemptions = kinds.count("exemptions")
    assert totals == {"data": {
        "kind": "totals#persons-of-significant-control-snapshot",
        "persons_of_significant_control_count": len(records) - statements - exemptions,
        "statements_count": statements, "exemptions_count": exemptions,
        "generated_at": "2026-11-20T03:43:02Z"}}
    assert {k for k in kinds if "beneficial-owner" in k} and statements > 100
    for record in records:
        data = record["data"]
        assert list(record) == ["company_number", "data"] and list(data) == sorted(data)
        assert None not in data.values()
        link = data["links"]["self"]
        assert link.startswith(f"/company/{record['company_number']}/"), link
        if "natures_of_control" in data:
            assert len(link.rsplit("/", 1)[1]) == 27 and len(data["etag"]) == 40


def test_psc_owners_use_the_free_text_variants_of_china_and_hong_kong(
    demo: tuple[Path, DemoSummary],
) -> None:
    countries = {r["data"].get("address", {}).get("country") for r in _psc_lines(demo[0])[:-1]}
    registered = {r["data"].get("identification", {}).get("country_registered")
                  for r in _psc_lines(demo[0])[:-1]}
    assert {"China", "People's Republic Of China", "Hong Kong Sar"} <= countries
    assert {"People's Republic Of China", "Prc", "Hong Kong Sar"} <= registered


def test_company_data_has_the_official_header_and_layout(demo: tuple[Path, DemoSummary]) -> None:
    raw = _member(demo[0] / "uk" / "BasicCompanyDataAsOneFile-2026-11-01.zip", ".csv").decode("utf-8")
    header, *rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert raw.startswith("CompanyName, CompanyNumber,RegAddress.CareOf,")
    assert len(header) == 55 and header[-1] == " ConfStmtLastMadeUpDate"
    assert {len(r) for r in rows} == {55}
    assert len(rows) == demo[1].uk.companies
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", r[14]) for r in rows)
    assert {"Private Limited Company", "Limited Liability Partnership"} <= {r[10] for r in rows}
    assert {"Active", "Liquidation"} <= {r[11] for r in rows}
    assert any(r[34] for r in rows), "some companies have a previous name"
    assert '"KESTREL PRECISION ENGINEERING LTD","16000001",' in raw


def test_uk_company_numbers_are_disjoint_from_gleif_registrations(
    demo: tuple[Path, DemoSummary],
) -> None:
    l1 = etree.parse(str(demo[0] / "gleif" / "lei2-golden-copy.xml"))
    gleif = {r.findtext(f".//{LEI_NS}RegistrationAuthorityEntityID")
             for r in l1.iter(f"{LEI_NS}LEIRecord")
             if r.findtext(f".//{LEI_NS}RegistrationAuthorityID") == "RA000585"}
    assert len(gleif) > 10
    raw = _member(demo[0] / "uk" / "BasicCompanyDataAsOneFile-2026-11-01.zip", ".csv").decode("utf-8")
    uk = {r[1] for r in list(csv.reader(io.StringIO(raw, newline="")))[1:]}
    uk |= {r["company_number"] for r in _psc_lines(demo[0])[:-1]}
    assert gleif.isdisjoint(uk)
    assert all(n[:2].isalpha() or int(n) > GB_LEI_NUMBERS[1] for n in uk)


def test_bods_statements_are_version_0_4_records(demo: tuple[Path, DemoSummary]) -> None:
    lines = (demo[0] / "bods" / "statements.jsonl").read_text("utf-8").splitlines()
    statements = [json.loads(line) for line in lines]
    assert {s["recordType"] for s in statements} == {"entity", "person", "relationship"}
    assert {s["publicationDetails"]["bodsVersion"] for s in statements} == {"0.4"}
    ids = {s["recordId"] for s in statements}
    for s in statements:
        if s["recordType"] == "relationship":
            assert {s["recordDetails"]["subject"], s["recordDetails"]["interestedParty"]} <= ids


def test_every_list_format_is_written_and_its_entries_are_in_the_truth(
    demo: tuple[Path, DemoSummary], truth: dict[str, Any]
) -> None:
    config = yaml.safe_load((REPO / "config" / "demo.yaml").read_text(encoding="utf-8"))
    listings = truth["listings"]
    assert {row["source"] for row in listings} | {"us_ofac_sdn"} == {
        source for source in config["sources"] if BY_ID[source].spec.tables.get("memberships")
    }
    listed = {row["entity_id"] for row in truth["denylist"] if row["policy"] == "listed"}
    canonical = canonical_ids(truth["same_entity"])
    assert all({canonical.get(e, e) for e in row["entity_ids"]} <= listed for row in listings)
    # Scenario parties with an LEI are on other lists too, each entry tied to the LEI:
    # Hongda, Xinyuan and Tianyuan on the Entity List, Volga on the MEU list.
    on_csl = {lei for lei, other in truth["same_entity"]
              if lei.startswith("lei-") and other.startswith("csl-")}
    assert len(on_csl) == 4
    assert demo[1].list_entries == len(listings)
