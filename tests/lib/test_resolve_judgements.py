"""The analysts' judgements file: read strictly, and it changes the clusters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.resolve.clusters import Link, cluster
from pipelines.lib.resolve.judgements import (
    COLUMNS,
    JUDGEMENTS_FILE,
    Judgement,
    JudgementError,
    judgement_links,
    load_judgements,
    negative_pairs,
)

HEADER = ",".join(COLUMNS) + "\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "judgements.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_rows_load_with_the_pair_in_id_order_sorted_by_pair(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "psc-9,lei-1,positive,ana,2026-11-01,same registered address\n"
        "\n"
        'ofac-7,lei-1,negative,bo,2026-11-02,"two companies,\none name"\n'
        "lei-2,psc-3,unsure,ana,2026-11-03,\n"
    ))
    assert load_judgements(path) == [
        Judgement("lei-1", "ofac-7", "negative", "bo", date(2026, 11, 2),
                  "two companies,\none name", 4),
        Judgement("lei-1", "psc-9", "positive", "ana", date(2026, 11, 1),
                  "same registered address", 2),
        Judgement("lei-2", "psc-3", "unsure", "ana", date(2026, 11, 3), "", 6),
    ]


def test_a_missing_file_has_no_judgements_and_the_committed_file_loads(tmp_path: Path) -> None:
    assert load_judgements(tmp_path / "absent.csv") == []
    committed = load_judgements(JUDGEMENTS_FILE)
    assert all(j.left_id < j.right_id for j in committed)


def test_a_spreadsheet_export_with_a_byte_order_mark_and_empty_rows_loads(tmp_path: Path) -> None:
    path = tmp_path / "judgements.csv"
    path.write_bytes(("\ufeff" + HEADER + "a,b,negative,ana,2026-11-01,\r\n,,,,,\r\n")
                     .encode("utf-8"))
    assert [(j.left_id, j.right_id, j.line) for j in load_judgements(path)] == [("a", "b", 2)]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("left_id,right_id,decision,author,date\n", r"missing \['comment'\]"),
        ("left_id,right_id,decision,author,date,comment,score\n", r"extra \['score'\]"),
        ("left_id,right_id,verdict,author,date,comment\n",
         r"missing \['decision'\], extra \['verdict'\]"),
        ("left_id,right_id,decision,author,date,comment,comment\n", r"repeated \['comment'\]"),
        ("", "no header"),
    ],
)
def test_a_header_other_than_the_six_columns_is_an_error(
    tmp_path: Path, header: str, message: str
) -> None:
    path = write(tmp_path, "", header=header)
    with pytest.raises(JudgementError, match=message) as raised:
        load_judgements(path)
    assert f"{path}:1:" in str(raised.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,b,maybe,ana,2026-11-01,", "unknown decision 'maybe'"),
        ("a,b,Positive,ana,2026-11-01,", "unknown decision 'Positive'"),
        ("a,b,positive,,2026-11-01,", "empty author"),
        ("a,b,positive,ana,01/11/2026,", "date '01/11/2026' is not a YYYY-MM-DD day"),
        ("a,b,positive,ana,20261101,", "date '20261101'"),
        ("a,b,positive,ana,2026-02-30,", "date '2026-02-30'"),
        ("a,a,positive,ana,2026-11-01,", "'a' judged against itself"),
        (",b,positive,ana,2026-11-01,", "empty entity id"),
        ("a,b,positive,ana,2026-11-01", "5 fields, the header has 6"),
        ("a,b,positive,ana,2026-11-01,x,y", "7 fields, the header has 6"),
    ],
)
def test_a_bad_row_is_an_error_naming_the_value_the_file_and_the_line(
    tmp_path: Path, row: str, message: str
) -> None:
    path = write(tmp_path, f"c,d,negative,ana,2026-11-01,\n\n{row}\n")
    with pytest.raises(JudgementError, match=message) as raised:
        load_judgements(path)
    assert str(raised.value).startswith(f"{path}:4:")


@pytest.mark.parametrize("second", ["negative", "positive"])
def test_a_pair_judged_twice_in_either_order_is_an_error(tmp_path: Path, second: str) -> None:
    rows = f'a,b,positive,ana,2026-11-01,"long\ncomment"\nb,a,{second},bo,2026-11-02,\n'
    path = write(tmp_path, rows)
    with pytest.raises(JudgementError) as raised:
        load_judgements(path)
    assert str(raised.value) == (
        f"{path}:4: pair a / b already judged 'positive' on line 2; judged {second!r} again"
    )


def test_positive_judgements_become_links_and_negatives_vetoes(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "lei-1,psc-9,positive,ana,2026-11-01,same address\n"
        "psc-9,psc-8,negative,bo,2026-11-02,\n"
        "psc-7,psc-8,unsure,bo,2026-11-02,\n"
    ))
    judgements = load_judgements(path)
    assert judgement_links(judgements) == [
        Link("lei-1", "psc-9", "judgement", 1.0, "judgement by ana on 2026-11-01: same address")
    ]
    assert negative_pairs(judgements) == [("psc-8", "psc-9")]


def test_the_file_changes_the_clusters_on_the_next_run(tmp_path: Path) -> None:
    exclusive = {"lei-1": [("lei", "1")], "lei-2": [("lei", "2")]}
    matches = [Link("psc-8", "psc-9", "match", 0.95, "name 0.95"),
               Link("psc-7", "psc-8", "match", 0.9, "name 0.90")]

    def run(body: str) -> dict[str, str]:
        judgements = load_judgements(write(tmp_path, body))
        links = [*matches, *judgement_links(judgements)]
        return cluster(links, exclusive, negative_pairs(judgements), {}, 0.0).canonical

    before = run("")
    assert before["psc-7"] == before["psc-9"] == "psc-7"
    after = run("psc-7,psc-9,negative,bo,2026-11-02,\nlei-1,lei-2,positive,ana,2026-11-01,\n")
    assert after["psc-7"] == "psc-7"
    assert after["psc-9"] == "psc-8"
    assert after["lei-2"] == "lei-1"  # two LEIs of one entity, merged by the analyst
