"""opensanctions controlled values: percentages, FtM country codes, dataset -> list code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.sources.ftm_values import (
    DATASETS_CSV,
    Stake,
    dataset_lists,
    iso_country,
    parse_percentage,
)
from pipelines.sources.lists import list_codes


@pytest.mark.parametrize(
    ("text", "stake"),
    [
        ("50", Stake(50, 50)),
        (" 50 % ", Stake(50, 50)),
        ("50.5%", Stake(50.5, 50.5)),
        ("12,5", Stake(12.5, 12.5)),
        ("0", Stake(0, 0)),
        ("100", Stake(100, 100)),
        ("25-50", Stake(25, 50)),
        ("25 % \u2013 50 %", Stake(25, 50)),
        ("25 to 50", Stake(25, 50)),
        (">50", Stake(50, 100, lo_inclusive=False)),
        (">= 50%", Stake(50, 100)),
        ("more than 25", Stake(25, 100, lo_inclusive=False)),
        ("<25", Stake(0, 25, hi_inclusive=False)),
        ("≤ 10", Stake(0, 10)),
        ("up to 10%", Stake(0, 10)),
    ],
)
def test_percentages_become_intervals(text: str, stake: Stake) -> None:
    assert parse_percentage(text) == stake


@pytest.mark.parametrize(
    "text", ["", "majority", "150", "-5", "60-40", ">100", "<0", "50 50", "1000", "half"]
)
def test_what_is_no_share_is_refused(text: str) -> None:
    assert parse_percentage(text) is None


@pytest.mark.parametrize(
    ("code", "known", "country"),
    [
        ("ru", True, "RU"), ("cn", True, "CN"), ("xk", True, "XK"),
        ("ua-cri", True, "UA"), ("ge-ab", True, "GE"), ("cy-trnc", True, "CY"),
        ("suhh", True, None), ("eu", True, None), ("zz", True, None),
        ("qq", False, None), ("RU", False, None), ("russia", False, None), ("qq-ab", False, None),
    ],
)  # fmt: skip
def test_ftm_country_codes(code: str, known: bool, country: str | None) -> None:
    assert iso_country(code) == (known, country)


def test_the_dataset_table_names_only_known_list_codes() -> None:
    lists = dataset_lists()
    codes = {code for _, _, code in lists.rows() if code is not None}
    assert codes <= list_codes()
    # The lists the brief names, and the per-program umbrellas.
    assert lists.whole["us_ofac_sdn"] == "us_ofac_sdn"
    assert lists.whole["eu_fsf"] == "eu_fsf"
    assert lists.whole["gb_hmt_sanctions"] == "gb_hmt"
    assert lists.whole["un_sc_sanctions"] == "un_sc"
    assert lists.whole["us_bis_denied"] == "us_bis_dpl"
    assert lists.by_program["us_ofac_cons"]["US-NS-CMIC"] == "us_ofac_ns_cmic"
    assert lists.by_program["us_trade_csl"]["US-BIS-EL"] == "us_bis_el"
    assert lists.unknown("us_ofac_sdn", None) is None
    assert lists.unknown("xx_new", None) == ("OpenSanctions dataset", "xx_new")
    assert lists.unknown("us_trade_csl", None) == (
        "OpenSanctions programId",
        "us_trade_csl: (none)",
    )


def test_every_sanctions_dataset_of_the_real_cluster_is_known(real_data: Path) -> None:
    path = real_data / "opensanctions_ftm/yente-zala-fixture/entities.ftm.json"
    lists = dataset_lists()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["schema"] != "Sanction":
            continue
        for dataset in record["datasets"]:
            for program_id in record["properties"].get("programId", [None]):
                assert lists.unknown(dataset, program_id) is None, (dataset, program_id)


def test_a_bad_reference_table_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "datasets.csv"
    bad.write_text("dataset,program_id,list_code,note\nxx,,no_such_list,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_list"):
        dataset_lists(bad)
    both = tmp_path / "both.csv"
    both.write_text("dataset,program_id,list_code,note\nxx,,,\nxx,P,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="both whole and per program"):
        dataset_lists(both)
    assert DATASETS_CSV.name == "opensanctions_datasets.csv"
