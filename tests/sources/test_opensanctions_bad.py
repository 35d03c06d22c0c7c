"""opensanctions parser: broken and unexpected input, on generated FtM lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.sources.base import SourceError, UnknownValueError
from tests.sources.test_opensanctions import entity, run, write_lines

PERSON = entity("ofac-1", "Person", name=["Ivan Petrov"], nationality=["ru"])
SANCTION = entity("ofac-san-1", "Sanction", entity=["ofac-1"], program=["SDGT"])


def test_malformed_lines_are_quarantined_with_line_and_text(tmp_path: Path) -> None:
    bad_type = entity("ofac-2", "Person")
    bad_type["properties"] = {"name": "not a list"}
    no_target = entity("ofac-3", "Person", name=["X"])
    no_target["target"] = "maybe"
    path = write_lines(
        tmp_path / "e.json",
        PERSON, '{"id": "ofac-9", "schema": "Person", "prop', "", json.dumps(bad_type),
        "[1, 2]", json.dumps(no_target), {"schema": "Person"}, PERSON, SANCTION,
        entity("ofac-san-2", "Sanction"),
    )  # fmt: skip
    tables = run(path, tmp_path / "out")
    assert [(q["line"], q["reason"]) for q in tables["quarantine"]] == [
        (2, "invalid JSON"),
        (4, "a property value is not a list"),
        (5, "not a JSON object"),
        (6, "target is not a boolean"),
        (7, "no id string"),
        (8, "duplicate id"),
        (10, "Sanction without entity"),
    ]  # line 3 is blank: skipped
    assert tables["quarantine"][0]["raw"] == '{"id": "ofac-9", "schema": "Person", "prop'
    assert [row["record_line"] for row in tables["entities"]] == [1]
    # A JSON number where a string belongs is read as its text, on both paths
    # (all members present, or one missing): the value is kept as published.
    number = entity("ofac-4", "Person", name=["X"], idNumber=[1234])  # type: ignore[list-item]
    lenient = {"id": "ofac-5", "schema": "Person", "properties": {"idNumber": [5678]}}
    numbers = run(write_lines(tmp_path / "n.json", number, lenient), tmp_path / "out-n")
    assert [row["id_number"] for row in numbers["entities"]] == [["1234"], ["5678"]]
    assert [row["key"] for row in tables["memberships"]] == ["ofac-1"]


def test_an_entity_without_optional_members_is_read_leniently(tmp_path: Path) -> None:
    bare = {"id": "ofac-7", "schema": "Company", "properties": {"name": ["Acme"]}}
    tables = run(write_lines(tmp_path / "e.json", PERSON, bare), tmp_path / "out")
    assert [(r["id"], r["name"], r["datasets"], r["target"]) for r in tables["entities"]] == [
        ("ofac-1", ["Ivan Petrov"], ["us_ofac_sdn"], True),
        ("ofac-7", ["Acme"], None, None),
    ]
    assert tables["quarantine"] == []


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="empty file"):
        run(path, tmp_path / "out")


def test_a_json_array_or_a_file_of_garbage_is_refused(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([PERSON]), encoding="utf-8")
    with pytest.raises(SourceError, match="not FtM JSON Lines"):
        run(array, tmp_path / "out1")
    garbage = write_lines(tmp_path / "garbage.json", '{"a": 1}', "{nope")
    with pytest.raises(SourceError, match="no readable FtM entity"):
        run(garbage, tmp_path / "out2")


def test_an_unknown_sanctions_dataset_stops_the_parse(tmp_path: Path) -> None:
    sanction = entity("xx-san-1", "Sanction", dataset="xx_new_sanctions", entity=["ofac-1"])
    path = write_lines(tmp_path / "e.json", PERSON, sanction)
    with pytest.raises(UnknownValueError, match="xx_new_sanctions") as raised:
        run(path, tmp_path / "out")
    assert (raised.value.field_name, raised.value.line) == ("OpenSanctions dataset", 2)
    # Accepted as new: a leftover, and no membership.
    tables = run(path, tmp_path / "out2", accept_new_values=True)
    assert tables["memberships"] == []
    assert [(r["line"], r["field"], r["value"]) for r in tables["leftovers"]] == [
        (2, "OpenSanctions dataset", "xx_new_sanctions")
    ]
    assert len(tables["sanctions"]) == 1


def test_an_unknown_program_of_an_umbrella_dataset_stops_the_parse(tmp_path: Path) -> None:
    sanction = entity("csl-1", "Sanction", dataset="us_trade_csl", entity=["ofac-1"],
                      programId=["US-NEW-LIST"])  # fmt: skip
    with pytest.raises(UnknownValueError, match="us_trade_csl: US-NEW-LIST"):
        run(write_lines(tmp_path / "e.json", PERSON, sanction), tmp_path / "out")


def test_a_known_dataset_that_is_none_of_our_lists_gives_no_membership(tmp_path: Path) -> None:
    sanction = entity("ch-1", "Sanction", dataset="ch_seco_sanctions", entity=["ofac-1"])
    tables = run(write_lines(tmp_path / "e.json", PERSON, sanction), tmp_path / "out")
    assert (len(tables["sanctions"]), tables["memberships"], tables["leftovers"]) == (1, [], [])


def test_unknown_country_codes(tmp_path: Path) -> None:
    person = entity("ofac-1", "Person", nationality=["ru", "suhh", "ua-cri", "qq"])
    path = write_lines(tmp_path / "e.json", person)
    with pytest.raises(UnknownValueError, match="'qq'"):
        run(path, tmp_path / "out")
    tables = run(path, tmp_path / "out2", accept_new_values=True)
    assert [(c["code"], c["country"]) for c in tables["country_codes"]] == [
        ("ru", "RU"),
        ("suhh", None),
        ("ua-cri", "UA"),
        ("qq", None),
    ]
    assert [(r["field"], r["value"]) for r in tables["leftovers"]] == [("country", "qq")]


def test_what_is_not_mapped_is_reported(tmp_path: Path) -> None:
    extra = {**PERSON, "id": "ofac-2", "origin": "crawler"}
    family = entity("fam-1", "Family", person=["ofac-1"], relative=["ofac-2"])
    owns = entity(
        "own-1",
        "Ownership",
        owner=["ofac-1"],
        asset=["ofac-2"],
        percentage=["majority"],
        startDate=["3017-01-01"],
        endDate=["2020-02-30"],
    )
    undated = entity("san-1", "Sanction", entity=["ofac-1"], listingDate=["circa 2020"])
    path = write_lines(
        tmp_path / "e.json", PERSON, extra, family, family | {"id": "fam-2"}, owns, undated
    )
    tables = run(path, tmp_path / "out")
    assert sorted((r["line"], r["field"], r["value"]) for r in tables["leftovers"]) == [
        (2, "origin", '"crawler"'),
        (3, "schema", "Family: 2 entities not staged"),
        (5, "Ownership.endDate", "2020-02-30"),
        (5, "Ownership.percentage", "majority"),
        (5, "Ownership.startDate", "3017-01-01"),
        (6, "Sanction.listingDate", "circa 2020"),
    ]
    assert [(m["key"], m["listed_on"]) for m in tables["memberships"]] == [("ofac-1", None)]
    assert [(o["stake_lo"], o["start_date"]) for o in tables["ownerships"]] == [
        (None, ["3017-01-01"])
    ]  # the raw date stays
