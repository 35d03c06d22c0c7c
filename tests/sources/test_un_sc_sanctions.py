"""un_sc_sanctions parser: the real 2026-02 list (golden + hand checks), generated
files (round trip) and hostile or broken input."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.un_xml import write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot, SourceError, UnknownValueError
from pipelines.sources.un_sc_sanctions import SPEC, parse
from tests.golden import assert_golden

Tables = dict[str, list[dict[str, Any]]]
REAL = ("sanctions", "un_sc", "consolidated.xml")


def run(path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    snapshot = Snapshot(SPEC.id, "test", path.parent, {"data": path})
    with StagingWriter(out, SPEC.tables) as writer:
        parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


@pytest.fixture(scope="module")
def real(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Tables:
    return run(real_data.joinpath(*REAL), tmp_path_factory.mktemp("un_sc"))


def of(rows: list[dict[str, Any]], dataid: int) -> list[dict[str, Any]]:
    return [row for row in rows if row["dataid"] == dataid]


def test_golden_real_list(real: Tables) -> None:
    low = 6907995  # GASTON IYAMUREMYE: one Low alias among Good ones
    ranged = 6908021  # born between 1973 and 1974
    entity = 6908402  # ADF: entity aliases are a.k.a. / f.k.a.
    assert_golden("un_sc/consolidated_2026-02", {
        "counts": {name: len(rows) for name, rows in real.items()},
        "publication": real["publication"],
        "programs": dict(Counter(row["program"] for row in real["memberships"])),
        "alias_qualities": dict(Counter(f"{r['quality']}:{r['strength']}" for r in real["aliases"])),
        "birth_date_shapes": dict(Counter(row["shape"] for row in real["dates_of_birth"])),
        "document_schemes": dict(Counter(str(row["scheme"]) for row in real["documents"])),
        "scripts": dict(Counter(str(row["original_script"]) for row in real["entries"])),
        "low_alias_person": {t: of(real[t], low) for t in ("entries", "aliases", "addresses")},
        "range_person": {t: of(real[t], ranged) for t in ("entries", "dates_of_birth")},
        "entity": {t: of(real[t], entity) for t in ("entries", "aliases", "addresses")},
    })  # fmt: skip


def test_real_list_figures(real: Tables) -> None:
    assert real["publication"][0]["published_on"] == date(2026, 2, 27)
    kinds = Counter(row["record_type"] for row in real["entries"])
    assert kinds == {"INDIVIDUAL": 730, "ENTITY": 273}  # PROVENANCE.md
    assert real["quarantine"] == [] and real["leftovers"] == []
    assert len({row["dataid"] for row in real["entries"]}) == 1003
    members = real["memberships"]
    assert len(members) == 1003 and all(m["program"] and m["listed_on"] for m in members)
    weak = [row for row in real["aliases"] if row["strength"] == "weak"]
    assert len(weak) == 615 and {row["quality"] for row in weak} == {"Low"}
    # Every country the file names is mapped (the UN's own terminology included).
    for table, column in (("nationalities", "nationality"), ("addresses", "country")):
        unmapped = {r[column] for r in real[table] if r[column] and not r["country_code"]}
        assert unmapped <= {"former Soviet Union"}, unmapped


def test_saddam_hussein_original_script_and_document(real: Tables) -> None:
    entry = of(real["entries"], 6908048)[0]
    assert (entry["name"], entry["original_script"]) == ("SADDAM HUSSEIN AL-TIKRITI", "Arab")
    assert entry["reference_number"] == "IQi.001"


ENTRIES = [
    ListEntry(key="7001", name="KIM EXAMPLE", kind="person", programs=("DPRK",),
              aliases=(("K. Example", "weak"), ("Kim Ex", "strong")), country="KP",
              address="1 Main Street", city="Pyongyang", identifiers=(("passport", "PS 123"),),
              listed_on=date(2017, 1, 2), birth_date=date(1960, 5, 6)),
    ListEntry(key="7002", name="EXAMPLE TRADING CO", kind="company", programs=("Iran",),
              aliases=(("EXTRA", "strong"),), country="HK", listed_on=date(2025, 9, 28)),
]  # fmt: skip


def test_generated_file_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path / "in", ENTRIES, date(2026, 3, 1))
    assert path.name == "consolidated.xml"
    staged = run(path, tmp_path / "out")
    entries = [(r["dataid"], r["name"], r["record_type"], r["un_list_type"], r["listed_on"])
               for r in staged["entries"]]  # fmt: skip
    assert entries == [
        (7001, "KIM EXAMPLE", "INDIVIDUAL", "DPRK", date(2017, 1, 2)),
        (7002, "EXAMPLE TRADING CO", "ENTITY", "Iran", date(2025, 9, 28)),
    ]
    aliases = [(r["dataid"], r["alias_name"], r["strength"]) for r in staged["aliases"]]
    assert aliases == [(7001, "K. Example", "weak"), (7001, "Kim Ex", "strong"),
                       (7002, "EXTRA", "strong")]  # fmt: skip
    assert [(r["number"], r["scheme"]) for r in staged["documents"]] == [("PS 123", "passport")]
    assert [r["date"] for r in staged["dates_of_birth"]] == [date(1960, 5, 6)]
    assert [r["country_code"] for r in staged["nationalities"]] == ["KP"]
    assert [(r["dataid"], r["city"], r["country_code"]) for r in staged["addresses"]] == [
        (7001, "Pyongyang", "KP"),
        (7002, None, "HK"),
    ]
    members = [(m["key"], m["program"]) for m in staged["memberships"]]
    assert members == [("7001", "DPRK"), ("7002", "Iran")]
    assert staged["publication"][0]["published_on"] == date(2026, 3, 1)
    assert staged["quarantine"] == [] and staged["leftovers"] == []


def one_record(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated='
            '"2026-01-02T00:00:00Z">\n<INDIVIDUALS>\n<INDIVIDUAL><DATAID>1</DATAID>'
            f'<FIRST_NAME>A</FIRST_NAME>{body}</INDIVIDUAL>\n</INDIVIDUALS>\n'
            '</CONSOLIDATED_LIST>\n')  # fmt: skip


def staged(tmp_path: Path, text: str, accept: bool = False) -> Tables:
    path = tmp_path / "consolidated.xml"
    path.write_text(text, encoding="utf-8")
    return run(path, tmp_path / "out", accept)


def test_unknown_alias_quality_is_an_error_or_a_leftover(tmp_path: Path) -> None:
    text = one_record("<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY>"
                      "<ALIAS_NAME>B</ALIAS_NAME></INDIVIDUAL_ALIAS>")  # fmt: skip
    with pytest.raises(UnknownValueError, match=r"alias QUALITY 'Medium' at consolidated\.xml:4"):
        staged(tmp_path, text)
    kept = staged(tmp_path, text, accept=True)
    assert [(r["alias_name"], r["strength"]) for r in kept["aliases"]] == [("B", "strong")]
    assert [(r["field"], r["value"]) for r in kept["leftovers"]] == [("alias QUALITY", "Medium")]


def test_unknown_regime_and_element_are_reported(tmp_path: Path) -> None:
    with pytest.raises(UnknownValueError, match="UN_LIST_TYPE 'Atlantis'"):
        staged(tmp_path, one_record("<UN_LIST_TYPE>Atlantis</UN_LIST_TYPE>"))
    kept = staged(tmp_path, one_record("<NEW_FIELD>x</NEW_FIELD>"))
    assert [r["field"] for r in kept["leftovers"]] == ["INDIVIDUAL/NEW_FIELD"]


def test_impossible_dates_are_never_guessed(tmp_path: Path) -> None:
    body = ("<LISTED_ON>2003-02-31</LISTED_ON><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT"
            "</TYPE_OF_DATE><DATE>3017-01-01</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
            "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970"
            "</FROM_YEAR><TO_YEAR>1960</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>")  # fmt: skip
    kept = staged(tmp_path, one_record(body))
    assert [r["reason"] for r in kept["quarantine"]] == [
        "date of birth: implausible year 3017",
        "date of birth: bad year range 1970..1960",
    ]
    assert kept["entries"][0]["listed_on"] is None
    assert [(r["field"], r["value"]) for r in kept["leftovers"]] == [("LISTED_ON", "2003-02-31")]


def test_duplicate_or_missing_dataid_is_quarantined(tmp_path: Path) -> None:
    text = one_record("").replace("</INDIVIDUALS>", "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>"
                                  "B</FIRST_NAME></INDIVIDUAL><INDIVIDUAL><FIRST_NAME>C"
                                  "</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>")  # fmt: skip
    kept = staged(tmp_path, text)
    assert [r["name"] for r in kept["entries"]] == ["A"]
    assert [r["reason"] for r in kept["quarantine"]] == [
        "duplicate DATAID 1",
        "DATAID missing or not an integer",
    ]


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>&lol4;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize("text", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(SourceError, match=r"consolidated\.xml: XML with a DOCTYPE"):
        staged(tmp_path, text)


def test_truncated_real_file_is_refused(real_data: Path, tmp_path: Path) -> None:
    data = real_data.joinpath(*REAL).read_bytes()
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"consolidated.xml:\d+: not well-formed or truncated"):
        run(path, tmp_path / "out")


@pytest.mark.parametrize(("text", "message"), [
    ("<sdnList><sdnEntry/></sdnList>", "root element <sdnList>, expected <CONSOLIDATED_LIST>"),
    ('<CONSOLIDATED_LIST dateGenerated="2026-01-02"><INDIVIDUALS/><ENTITIES/>'
     "</CONSOLIDATED_LIST>", "no INDIVIDUAL or ENTITY record"),
    ("", "consolidated.xml"),
    (one_record("").replace(' dateGenerated="2026-01-02T00:00:00Z"', ""), "no dateGenerated"),
])  # fmt: skip
def test_wrong_root_empty_list_or_no_date_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        staged(tmp_path, text)
