"""A list refreshed over three snapshots, through the real CLI: a removed entry is kept as
a dated delisting and leaves the denylist; a list that suddenly shrinks is refused and the
last good tables and published version stay."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import yaml
from click.testing import CliRunner, Result

from pipelines.cli import main
from pipelines.lib.demo.lists import ListEntry, un_xml

REPO = Path(__file__).resolve().parent.parent


def _entries(count: int) -> list[ListEntry]:
    return [ListEntry(str(6908000 + n), f"LISTED PERSON {n}", "person", ("DPRK",),
                      listed_on=date(2020, 1, n + 1)) for n in range(count)]  # fmt: skip


def _run(tmp_path: Path, count: int, *options: str) -> Result:
    un_xml.write(tmp_path / "un.xml", _entries(count), date(2026, 11, 1))
    config = {
        "sources": {"un_sc_sanctions": {"url": str(tmp_path / "un.xml"), "expected_rows": [1, 100]}},
        "policies": ["listed"],
        "policy_file": str(REPO / "config" / "policies.yaml"),
        "publish": {"max_shrink": 0.5},  # the run's as_of is today: the delisting's day
    }
    path = tmp_path / "lists.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    args = ["run", "--config", str(path), "--data-dir", str(tmp_path / "data"), *options]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _query(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_removed_entries_are_delisted_and_a_shrunk_list_is_refused(tmp_path: Path) -> None:
    assert _run(tmp_path, 6).exit_code == 0
    latest = tmp_path / "data" / "published" / "latest"
    assert len(_query(tmp_path, "select * from publish.denylist")) == 6

    second = _run(tmp_path, 5)
    assert second.exit_code == 0, second.output
    delisted = _query(tmp_path, "select entity_id, delisted_on is not null, delisting_reason, "
                                "regimes from canonical.list_memberships "
                                "where delisted_on is not null")  # fmt: skip
    assert len(delisted) == 1
    entity_id, dated, reason, regimes = delisted[0]
    assert (entity_id, dated, regimes) == ("un-sc-6908005", True, ["listed"])
    assert str(reason).startswith("absent from snapshot ")
    denylist = {row[0] for row in _query(tmp_path, "select entity_id from publish.denylist")}
    assert len(denylist) == 5 and "un-sc-6908005" not in denylist
    # The new version says what left the denylist, and why.
    delta = list(csv.DictReader((latest / "delta.csv").open(encoding="utf-8")))
    assert [(r["change"], r["policy"], r["entity_id"]) for r in delta] == [
        ("removed", "listed", "un-sc-6908005")]
    assert delta[0]["reason"].startswith("un_sc [DPRK] delisted on ")
    assert "(absent from snapshot " in delta[0]["reason"]

    # Before the day its absence was seen, the entry was still listed: the row stays,
    # explained (the delisted entity keeps a node, named by its key).
    before = (date.today() - timedelta(days=1)).isoformat()
    assert _run(tmp_path, 5, "--as-of", before).exit_code == 0
    assert ("un-sc-6908005",) in _query(tmp_path, "select entity_id from publish.denylist")
    published = latest.resolve()
    current = (tmp_path / "data" / "staging" / "un_sc_sanctions" / "CURRENT").read_text()

    third = _run(tmp_path, 2)
    assert third.exit_code == 1
    assert "check staging/un_sc_sanctions not_shrunk failed" in third.output
    assert "2 rows in entries, 40% of the last good snapshot's 5" in third.output
    assert (tmp_path / "data" / "staging" / "un_sc_sanctions" / "CURRENT").read_text() == current
    assert latest.resolve() == published


def test_a_parse_from_before_an_upgrade_is_parsed_again(tmp_path: Path) -> None:
    """A staging snapshot missing a table today's parser writes (memberships came with
    the lists) is parsed again instead of reused, and replaces the stale directory."""
    assert _run(tmp_path, 3).exit_code == 0
    staging = tmp_path / "data" / "staging" / "un_sc_sanctions"
    snapshot = staging / (staging / "CURRENT").read_text(encoding="utf-8").strip()
    counts = json.loads((snapshot / "_counts.json").read_text(encoding="utf-8"))
    del counts["memberships"]
    (snapshot / "_counts.json").write_text(json.dumps(counts), encoding="utf-8")
    (snapshot / "memberships.parquet").unlink()

    again = _run(tmp_path, 3)
    assert again.exit_code == 0, again.output
    assert "already parsed" not in again.output.split("staging/un_sc_sanctions")[1].splitlines()[0]
    assert (snapshot / "memberships.parquet").exists()
    assert len(_query(tmp_path, "select * from publish.denylist")) == 3


def test_a_parse_missing_a_column_todays_parser_writes_is_parsed_again(tmp_path: Path) -> None:
    """As above for a column (the PSC entity ids came after the first PSC parses)."""
    assert _run(tmp_path, 3).exit_code == 0
    staging = tmp_path / "data" / "staging" / "un_sc_sanctions"
    snapshot = staging / (staging / "CURRENT").read_text(encoding="utf-8").strip()
    entries = snapshot / "entries.parquet"
    columns = pq.read_schema(entries).names
    pq.write_table(pq.read_table(entries).drop_columns([columns[-1]]), entries)

    again = _run(tmp_path, 3)
    assert again.exit_code == 0, again.output
    assert "already parsed" not in again.output.split("staging/un_sc_sanctions")[1].splitlines()[0]
    assert pq.read_schema(entries).names == columns
