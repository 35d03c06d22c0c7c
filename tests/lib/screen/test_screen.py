"""Screening on a small published version: the ByteDance trio, features, filters."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from pipelines.lib.config import ConfigError
from pipelines.lib.screen.index import ScreenIndex, build_index
from pipelines.lib.screen.screen import Query, QueryError, checked, screen
from pipelines.lib.screen.settings import DEFAULT_SCREENING_FILE, load_screening
from pipelines.lib.screen.version import VersionError, load_version
from tests.lib.screen.fixture import VERSION, denylist_table, write_version


def hits(index: ScreenIndex, *queries: Query) -> pl.DataFrame:
    return screen(index, [checked(index, q) for q in queries])


def top(index: ScreenIndex, query: Query) -> dict[str, object]:
    found = hits(index, query)
    assert not found.is_empty(), f"no hit for {query}"
    return found.row(0, named=True)


@pytest.mark.parametrize(("name", "entity_id"), [
    ("字节跳动", "lei-bytedance-ltd"),
    ("Beijing ByteDance Technology Co Ltd", "lei-bytedance-beijing"),
    ("BYTEDANCE LTD.", "lei-bytedance-ltd"),
    ("北京字节跳动科技有限公司", "lei-bytedance-beijing"),
    ("BEIJING ZIJIE TIAODONG KEJI", "lei-bytedance-beijing"),
])
def test_bytedance_names_in_every_script_find_their_entity_first(
        index: ScreenIndex, name: str, entity_id: str) -> None:
    assert top(index, Query(name))["entity_id"] == entity_id


def test_a_hit_says_what_it_matched_and_why(index: ScreenIndex) -> None:
    hit = top(index, Query("字节跳动"))
    assert hit["matched_name"] == "字节跳动有限公司"
    assert hit["score"] == 1.0
    assert hit["name_detail"] == "name 1.0 (sorted: '字节跳动' ~ '字节跳动有限公司')"
    second = hits(index, Query("字节跳动")).row(1, named=True)
    assert second["entity_id"] == "lei-bytedance-beijing"
    assert str(second["name_detail"]).startswith("name 0.9")
    assert "contained" in str(second["name_detail"])


def test_a_typo_and_another_word_order_still_find_the_entity(index: ScreenIndex) -> None:
    assert top(index, Query("Tencnet Holdings Ltd"))["entity_id"] == "lei-tencent"
    assert top(index, Query("Sergeyevich Ivan Petrov"))["entity_id"] == "ofac-12345"
    assert top(index, Query("Ivan Petrov"))["matched_name"] in (
        "PETROV, Ivan Sergeyevich", "Петров Иван Сергеевич")


def test_a_country_conflict_lowers_the_score_and_agreement_raises_it(
        index: ScreenIndex) -> None:
    plain = top(index, Query("Tencent Holdings Limited"))
    agree = top(index, Query("Tencent Holdings Limited", country="cn"))
    conflict = top(index, Query("Tencent Holdings Limited", country="GB"))
    scoring = load_screening().scoring
    assert plain["score"] == 1.0
    assert conflict["score"] == pytest.approx(1.0 + scoring.country_conflict)
    assert conflict["country_detail"] == "country conflict (GB vs CN,KY)"
    assert agree["country_detail"] == "country agrees (CN)"
    assert agree["score"] == 1.0  # clipped


def test_an_identifier_match_wins_over_a_better_name(index: ScreenIndex) -> None:
    found = hits(index, Query("Ocean Star 8 Shipping Limited", identifier="IMO:9123456"))
    assert found["entity_id"].to_list()[:2] == ["ofac-23456", "ofac-34567"]
    assert found.row(0, named=True)["identifier_detail"] == "identifier matches (imo:9123456)"
    only_id = top(index, Query("Completely Different", identifier="imo: 9123456"))
    assert only_id["entity_id"] == "ofac-23456"


def test_an_identifier_of_the_same_scheme_conflicts(index: ScreenIndex) -> None:
    hit = top(index, Query("Tencent Holdings Limited", identifier="lei:0000000000000000XX00"))
    assert hit["identifier_score"] == load_screening().scoring.identifier_conflict
    assert str(hit["identifier_detail"]).startswith("identifier conflict")


def test_numbers_in_names_tell_entities_apart(index: ScreenIndex) -> None:
    found = hits(index, Query("Ocean Star 8 Shipping"))
    assert found["entity_id"].to_list() == ["ofac-34567", "ofac-23456"]
    assert found.row(1, named=True)["numbers_detail"] == "numbers differ (8 vs 7)"


def test_policy_filters_the_entities(index: ScreenIndex) -> None:
    listed_only = hits(index, Query("ByteDance", policy="listed"))
    assert listed_only["entity_id"].to_list() == ["lei-bytedance-ltd"]
    assert set(hits(index, Query("ByteDance"))["entity_id"]) >= {
        "lei-bytedance-ltd", "lei-bytedance-beijing"}
    with pytest.raises(QueryError, match="policy: 'sanctions' is not one of"):
        checked(index, Query("ByteDance", policy="sanctions"))


def test_limit_and_score_floor(index: ScreenIndex) -> None:
    assert hits(index, Query("ByteDance", limit=1)).height == 1
    assert hits(index, Query("Zzyzx Unrelated Widgets")).is_empty()


def test_a_batch_gives_the_same_hits_as_one_by_one(index: ScreenIndex) -> None:
    queries = [Query("字节跳动"), Query("Tencnet"), Query("Ocean Star 7", country="IR")]
    together = hits(index, *queries)
    for i, query in enumerate(queries):
        alone = hits(index, query).drop("query")
        assert together.filter(pl.col("query") == i).drop("query").equals(alone)


@pytest.mark.parametrize(("query", "message"), [
    (Query(""), "name: must be 1 to 300"),
    (Query("x" * 301), "name: must be 1 to 300"),
    (Query("bad\x00name"), "control characters"),
    (Query("ByteDance", country="China"), "not an ISO 3166-1 alpha-2"),
    (Query("ByteDance", identifier="12345"), "not SCHEME:VALUE"),
    (Query("ByteDance", limit=0), "limit: must be 1 to 50"),
])
def test_bad_queries_are_refused(index: ScreenIndex, query: Query, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        checked(index, query)


def test_without_names_parquet_the_denylist_names_are_screened(tmp_path: Path) -> None:
    index = build_index(load_version(write_version(tmp_path, with_names=False)),
                        load_screening())
    assert index.names.height == 9  # one per entity: the denylist's name column
    assert top(index, Query("BYTEDANCE LTD"))["entity_id"] == "lei-bytedance-ltd"
    assert hits(index, Query("字节跳动")).is_empty()  # the Han names came from names.parquet


def test_a_version_directory_or_its_published_parent_loads(published: Path) -> None:
    assert load_version(published).id == VERSION
    assert load_version(published / VERSION).id == VERSION
    with pytest.raises(VersionError, match="neither a published version"):
        load_version(published / "missing")


def test_a_denylist_without_its_columns_is_refused(tmp_path: Path) -> None:
    version = tmp_path / "v1"
    version.mkdir()
    pq.write_table(denylist_table().drop_columns(["countries"]), version / "denylist.parquet")
    with pytest.raises(VersionError, match=r"missing columns \['countries'\]"):
        load_version(version)


def test_names_of_entities_not_listed_are_refused(tmp_path: Path) -> None:
    version = write_version(tmp_path) / VERSION
    names = pl.read_parquet(version / "names.parquet")
    extra = pl.DataFrame({"entity_id": ["nobody"], "name": ["Ghost Ltd"],
                          "name_type": ["alias"], "script": ["latin"]})
    pl.concat([names, extra]).write_parquet(version / "names.parquet")
    with pytest.raises(VersionError, match="1 names of entities not on the denylist"):
        load_version(version)


def test_settings_are_read_strictly(tmp_path: Path) -> None:
    text = DEFAULT_SCREENING_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "screening.yaml"
    broken.write_text(text.replace("min_score:", "min_scor:"), encoding="utf-8")
    with pytest.raises(ConfigError, match="`scoring` needs exactly"):
        load_screening(broken)
