"""OFAC Enhanced XML on generated files: a round trip of SDN_ENHANCED (no real copy
exists) with an "Owned or Controlled By" link, and refused or strict inputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.ofac_xml import write
from pipelines.sources import us_ofac_cons_xml, us_ofac_sdn_xml
from pipelines.sources.base import SourceError, UnknownValueError
from tests.sources.test_ofac_xml import Tables, run

PUBLISHED = date(2025, 3, 14)
ENTRIES = (
    ListEntry(key="51001", name="HUAXIN HOLDINGS GROUP CO., LTD.", kind="company",
              programs=("SDGT",), aliases=(("HUAXIN GROUP", "strong"), ("HXG", "weak")),
              country="CN", address="8 Jianguo Road", city="Beijing",
              identifiers=(("cn-uscc", "91110000710930191X"), ("isin", "CNE000001AB2"),
                           ("ticker", "600001 CN"), ("lei", "5493001KJTIIGC8Y1R12")),
              listed_on=date(2023, 5, 1)),
    ListEntry(key="51002", name="HUAXIN TRADING LIMITED", kind="company",
              programs=("SDGT", "IRAN-EO13846"), country="HK",
              identifiers=(("hk-cr", "1234567"),), owner_key="51001"),
    ListEntry(key="51003", name="LI, Wei", kind="person", programs=("SDGT",),
              country="CN", birth_date=date(1970, 3, 4), identifiers=(("passport", "E1234567"),)),
    ListEntry(key="51004", name="OCEAN STAR", kind="vessel", programs=("IRAN-EO13846",),
              identifiers=(("imo", "9187629"),), owner_key="51002"),
)  # fmt: skip


def generated(folder: Path, entries: tuple[ListEntry, ...] = ENTRIES,
              list_code: str = "us_ofac_sdn") -> Path:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    return write(folder, entries, PUBLISHED, list_code=list_code)


@pytest.fixture(scope="module")
def sdn(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    folder = tmp_path_factory.mktemp("sdn_xml")
    path = generated(folder / "in")
    assert path.name == "SDN_ENHANCED.XML"
    return run(us_ofac_sdn_xml.SOURCE, path, folder / "out")


def test_round_trip_entities_names_and_memberships(sdn: Tables) -> None:
    assert sdn["quarantine"] == [] and sdn["leftovers"] == []
    assert [(row["entity_id"], row["entity_type"]) for row in sdn["entities"]] == [
        (51001, "Entity"),
        (51002, "Entity"),
        (51003, "Individual"),
        (51004, "Vessel"),
    ]
    names = {(row["entity_id"], row["formatted_full_name"], row["is_low_quality"])
             for row in sdn["names"]}  # fmt: skip
    expected_names = {(int(e.key), e.name, False) for e in ENTRIES} | {
        (51001, "HUAXIN GROUP", False),
        (51001, "HXG", True),
    }
    assert names == expected_names
    memberships = {(row["key"], row["list_code"], row["program"], row["listed_on"])
                   for row in sdn["memberships"]}  # fmt: skip
    assert memberships == {
        (e.key, "us_ofac_sdn", program, e.listed_on or PUBLISHED)
        for e in ENTRIES
        for program in e.programs
    }
    assert sdn["publication"][0]["published_on"] == PUBLISHED


def test_round_trip_owned_or_controlled_by(sdn: Tables) -> None:
    links = {(row["entity_id"], row["relationship_type"], row["related_entity_id"])
             for row in sdn["relationships"]}  # fmt: skip
    assert links == {(51002, "Owned or Controlled By", 51001),
                     (51004, "Owned or Controlled By", 51002)}  # fmt: skip


def test_round_trip_identifiers_countries_and_dates(sdn: Tables) -> None:
    documents = {(row["entity_id"], row["document_type"], row["document_number"],
                  row["issuing_country_code"]) for row in sdn["identity_documents"]}  # fmt: skip
    assert documents == {
        (51001, "Unified Social Credit Code (USCC)", "91110000710930191X", "CN"),
        (51001, "Legal Entity Number", "5493001KJTIIGC8Y1R12", "CN"),
        (51002, "C.R. No.", "1234567", "HK"),
        (51003, "Passport", "E1234567", "CN"),
        (51004, "Vessel Registration Identification", "IMO 9187629", None),
    }
    features = {(row["entity_id"], row["feature_type"], row["value"]) for row in sdn["features"]}
    assert {(51001, "ISIN", "CNE000001AB2"), (51001, "Equity Ticker", "600001 CN")} <= features
    birth = [row for row in sdn["features"] if row["feature_type"] == "Birthdate"]
    assert [(row["entity_id"], row["date_from_begin"]) for row in birth] == [
        (51003, date(1970, 3, 4))
    ]
    addresses = {(row["entity_id"], row["country_code"], row["city"]) for row in sdn["addresses"]}
    assert addresses == {(51001, "CN", "Beijing"), (51002, "HK", None), (51003, "CN", None)}


def test_consolidated_sub_list_named_explicitly(tmp_path: Path) -> None:
    entry = ListEntry(key="52001", name="CMIC TEST CO", kind="company", programs=("CMIC-EO13959",))
    path = generated(tmp_path / "in", (entry,), list_code="us_ofac_ns_cmic")
    staged = run(us_ofac_cons_xml.SOURCE, path, tmp_path / "out")
    assert [(row["list_name"], row["list_code"]) for row in staged["sanctions_lists"]] == [
        ("Non-SDN CMIC List", "us_ofac_ns_cmic"),
        ("Consolidated List", None),
    ]
    assert [(row["list_code"], row["program"]) for row in staged["memberships"]] == [
        ("us_ofac_ns_cmic", "CMIC-EO13959")
    ]


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    path = generated(tmp_path / "in")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_list_name_names_value_file_and_line(tmp_path: Path) -> None:
    marker = 'datePublished="2023-05-01">'
    path = _edited(tmp_path, f"{marker}SDN List<", f"{marker}Non-SDN Lunar List<")
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    with pytest.raises(UnknownValueError) as caught:
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out")
    assert (caught.value.value, caught.value.file, caught.value.line) == (
        "Non-SDN Lunar List",
        "SDN_ENHANCED.XML",
        line,
    )
    staged = run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "again", accept_new_values=True)
    assert [row["value"] for row in staged["leftovers"]] == ["Non-SDN Lunar List"]
    assert "51001" not in {row["key"] for row in staged["memberships"]}


def test_unknown_feature_type_and_impossible_date(tmp_path: Path) -> None:
    path = _edited(tmp_path, '806">ISIN</type>', '806">Lunar Registry Code</type>')
    with pytest.raises(UnknownValueError, match="Lunar Registry Code"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out")
    path = _edited(tmp_path, 'datePublished="2023-05-01"', 'datePublished="3017-02-31"')
    staged = run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "dates")
    assert [(row["field"], row["value"]) for row in staged["leftovers"]] == [
        ("datePublished", "3017-02-31")
    ]
    assert {row["listed_on"] for row in staged["memberships"] if row["key"] == "51001"} == {None}


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE sanctionsData [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>
<sanctionsData xmlns="{ns}"><publicationInfo><dataAsOf>&d;</dataAsOf></publicationInfo>
</sanctionsData>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE sanctionsData [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<sanctionsData xmlns="{ns}"><publicationInfo><dataAsOf>&x;</dataAsOf></publicationInfo>
</sanctionsData>"""
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL], ids=["laughs", "external"])
def test_entities_and_doctype_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_text(content.replace("{ns}", NS), encoding="utf-8")
    with pytest.raises(SourceError, match=r"SDN_ENHANCED\.XML"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out")


def test_truncated_empty_and_foreign_files_refused(tmp_path: Path) -> None:
    path = generated(tmp_path / "in")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(SourceError, match=r"SDN_ENHANCED\.XML.*truncated"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out1")
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"SDN_ENHANCED\.XML"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out2")
    path.write_text('<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd"/>')
    with pytest.raises(SourceError, match="expected sanctionsData"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out3")
    path.write_text(f'<?xml version="1.0"?><sanctionsData xmlns="{NS}"><entities/></sanctionsData>')
    with pytest.raises(SourceError, match="publicationInfo"):
        run(us_ofac_sdn_xml.SOURCE, path, tmp_path / "out4")
