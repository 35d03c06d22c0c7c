"""The Dagster code location loads, and its asset graph is the one the SQL implies."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs
from pipelines.defs.warehouse import MODELS, table_asset_key
from pipelines.sources.registry import SOURCES

GROUPS = {"raw", "staging", "canonical", "resolve", "graph", "policy", "publish"}


def _graph() -> dg.AssetGraph:
    return defs.resolve_asset_graph()


def test_every_stage_group_is_present_and_described() -> None:
    graph = _graph()
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups == GROUPS
    for key in graph.get_all_asset_keys():
        assert graph.get(key).description, f"{key} has no description"


def test_each_source_has_a_raw_and_a_staging_asset_feeding_the_single_loader() -> None:
    graph = _graph()
    loader = graph.get(dg.AssetKey(["warehouse", "staging_tables"]))
    for source in SOURCES:
        raw = dg.AssetKey(["raw", source.spec.id])
        staging = dg.AssetKey(["staging", source.spec.id])
        assert graph.get(staging).parent_keys == {raw}
        assert staging in loader.parent_keys


def test_sql_model_dependencies_match_the_asset_graph() -> None:
    graph = _graph()
    for model in MODELS:
        node = graph.get(dg.AssetKey([model.schema, model.name]))
        assert node.parent_keys == {table_asset_key(t) for t in model.deps}, model.table


def test_the_path_runs_from_every_source_to_the_published_denylist() -> None:
    graph = _graph()
    published = dg.AssetKey(["publish", "published_denylist"])
    upstream = graph.get(published).parent_keys
    seen: set[dg.AssetKey] = set()
    while upstream:
        key = upstream.pop()
        seen.add(key)
        upstream |= graph.get(key).parent_keys - seen
    assert {dg.AssetKey(["raw", s.spec.id]) for s in SOURCES} <= seen
    assert dg.AssetKey(["policy", "determinations"]) in seen


def test_warehouse_writers_share_one_pool() -> None:
    graph = _graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        pools = node.pools or set()
        expected = set() if key.path[0] in {"raw", "staging"} else {"warehouse"}
        assert pools == expected, key


def test_blocking_checks_guard_the_graph_and_the_denylist() -> None:
    check_keys = {key for check in defs.asset_checks or [] for key in check.check_keys}
    assert dg.AssetCheckKey(dg.AssetKey(["graph", "edges"]), "endpoints_are_nodes") in check_keys
    assert dg.AssetCheckKey(dg.AssetKey(["publish", "denylist"]), "explained") in check_keys
