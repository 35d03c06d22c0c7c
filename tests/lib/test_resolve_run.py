"""Resolution end to end on small canonical tables in a real DuckDB: strong
identifiers, fuzzy matches, possible links, judgements, conflicts, explanations."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.resolve.run import resolve
from pipelines.lib.resolve.settings import load_resolution
from pipelines.lib.resolve.task import link_task
from pipelines.lib.sqlmodels import load_macros

# entity_id, kind, name, countries, identifiers (scheme, value, strong)
Record = tuple[str, str, str, tuple[str, ...], tuple[tuple[str, str, bool], ...]]
WORLD: list[Record] = [
    ("lei-tencent", "company", "Tencent Holdings Limited", ("KY", "CN"),
     (("lei", "TENCENT00000000000001", True),)),
    ("lei-tencentmusic", "company", "Tencent Music Entertainment Group", ("KY",),
     (("lei", "TENCENT00000000000002", True),)),
    ("psc-1", "company", "TENCENT HOLDINGS LTD", ("KY",), ()),
    ("psc-2", "company", "Tencent Holdngs Ltd.", ("KY",), ()),
    ("gb-coh-01234567", "company", "Northwind Systems Ltd", ("GB",),
     (("gb-coh", "01234567", True),)),
    ("psc-3", "company", "NORTHWIND SYSTEMS LIMITED", ("GB",), (("gb-coh", "1234567", True),)),
    ("ofac-1", "company", "Northwind Analytics Ltd", ("GB",), (("ofac", "1", True),)),
    ("psc-4", "company", "Brindley Investments Ltd", ("NL",), (("registration", "111", False),)),
    ("psc-5", "company", "Brindley Investments Limited", ("NL",),
     (("registration", "999", False),)),
]


def _load(con: duckdb.DuckDBPyConnection, world: list[Record]) -> None:
    load_macros(con)
    con.execute("create schema canonical")
    con.execute("create table canonical.entities (entity_id varchar, kind varchar, "
                "name varchar, source varchar)")
    con.execute("create table canonical.names (entity_id varchar, name varchar, "
                "strength varchar)")
    con.execute("create table canonical.identifiers (entity_id varchar, scheme varchar, "
                "value varchar, is_strong boolean)")
    con.execute("create table canonical.countries (entity_id varchar, country varchar)")
    for entity_id, kind, name, countries, identifiers in world:
        con.execute("insert into canonical.entities values (?, ?, ?, 'test')",
                    [entity_id, kind, name])
        con.execute("insert into canonical.names values (?, ?, 'strong')", [entity_id, name])
        for country in countries:
            con.execute("insert into canonical.countries values (?, ?)", [entity_id, country])
        for scheme, value, strong in identifiers:
            con.execute("insert into canonical.identifiers values (?, ?, ?, ?)",
                        [entity_id, scheme, value, strong])


def _run(tmp_path: Path, judgements: str = "", world: list[Record] = WORLD
         ) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "judgements.csv"
    path.write_text("left_id,right_id,decision,author,date,comment\n" + judgements,
                    encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    _load(con, world)
    resolve(con, dataclasses.replace(load_resolution(), judgements_file=path))
    return con


def _canonical(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("select entity_id, canonical_id from resolve.entity_map").fetchall()
    return dict(rows)


def test_mentions_resolve_to_their_register_record(tmp_path: Path) -> None:
    con = _run(tmp_path)
    canonical = _canonical(con)
    assert len(canonical) == len(WORLD)  # every entity exactly once
    assert canonical["psc-1"] == canonical["psc-2"] == "lei-tencent"
    assert canonical["lei-tencentmusic"] == "lei-tencentmusic"
    # A zero-padded Companies House number is one strong identifier.
    assert canonical["psc-3"] == "gb-coh-01234567"
    method, detail = con.execute("select method, detail from resolve.entity_map "
                                 "where entity_id = 'psc-3'").fetchone() or ("", "")
    assert (method, detail) == ("identifier", "gb-coh:01234567")
    # Same name, same country, different registration numbers: not merged.
    assert canonical["psc-4"] != canonical["psc-5"]
    # A different activity word is not the same company.
    assert canonical["ofac-1"] == "ofac-1"


def test_every_merge_says_why(tmp_path: Path) -> None:
    con = _run(tmp_path)
    method, detail = con.execute("select method, detail from resolve.entity_map "
                                 "where entity_id = 'psc-1'").fetchone() or ("", "")
    assert method == "match"
    assert "name 1.0" in detail and "country agrees (KY)" in detail
    stats = dict(con.execute("select metric, value from resolve.run_stats").fetchall())
    assert stats["candidate_pairs"] >= 1 and stats["estimated_pairs"] >= stats["candidate_pairs"]


def test_a_negative_judgement_vetoes_and_a_positive_one_merges(tmp_path: Path) -> None:
    con = _run(tmp_path, "lei-tencent,psc-2,negative,ana,2026-11-01,different company\n"
                         "ofac-1,gb-coh-01234567,positive,ana,2026-11-02,same group\n")
    canonical = _canonical(con)
    assert canonical["psc-2"] != "lei-tencent"
    assert canonical["psc-1"] == "lei-tencent"
    assert canonical["ofac-1"] == "gb-coh-01234567"
    method, detail = con.execute("select method, detail from resolve.entity_map "
                                 "where entity_id = 'ofac-1'").fetchone() or ("", "")
    assert method == "judgement" and "ana" in detail


def test_conflicting_strong_identifiers_never_merge(tmp_path: Path) -> None:
    con = _run(tmp_path, "lei-tencent,lei-tencentmusic,unsure,ana,2026-11-01,check\n")
    canonical = _canonical(con)
    assert canonical["lei-tencent"] != canonical["lei-tencentmusic"]


def test_an_unknown_judgement_decision_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="maybe"):
        _run(tmp_path, "lei-tencent,psc-1,maybe,ana,2026-11-01,\n")


def test_the_linkage_task_adapter_answers_per_mention() -> None:
    con = duckdb.connect()
    con.execute("create table reg as select * from (values "
                "('1', 'Tencent Holdings Limited', 'KY', null), "
                "('2', 'Northwind Systems Ltd', 'GB', '01234567')) t(id, name, country, regno)")
    con.execute("create table men as select * from (values "
                "('a', 'TENCENT HOLDINGS LTD', 'KY', null), "
                "('b', 'Northwind Sytems Limited', 'GB', '1234567'), "
                "('c', 'Bluestone Foods GmbH', 'DE', null)) t(id, name, country, regno)")
    answers = link_task(con, "reg", "men")
    matched = {(r["mention_id"], r["register_id"]) for r in answers.iter_rows(named=True)
               if r["outcome"] == "match"}
    assert matched == {("a", "1"), ("b", "2")}


def test_a_name_many_records_carry_is_keyed_for_each(tmp_path: Path) -> None:
    # Names are normalised once per distinct (name, person) and joined back.
    twin: Record = ("psc-7", "company", "TENCENT HOLDINGS LTD", ("KY",), ())
    con = _run(tmp_path, world=[*WORLD, twin])
    keyed = con.execute("select entity_id, core from resolve.name_keys "
                        "where name = 'TENCENT HOLDINGS LTD' order by entity_id").fetchall()
    assert [entity for entity, _ in keyed] == ["psc-1", "psc-7"]
    assert keyed[0][1] == keyed[1][1]
    canonical = _canonical(con)
    assert canonical["psc-7"] == canonical["psc-1"] == "lei-tencent"
