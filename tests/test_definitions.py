"""The Dagster code location loads, and its asset graph is the one the SQL implies."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs
from pipelines.defs.warehouse_steps import MODELS, table_asset_key
from pipelines.sources.registry import SOURCES

GROUPS = {"reference", "raw", "staging", "conformed", "canonical", "resolve", "graph", "policy", "publish"}


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


def test_warehouse_writers_are_serialised_by_the_executor() -> None:
    for assets_def in defs.assets or []:
        if isinstance(assets_def, dg.AssetSpec):
            assert assets_def.key.path[0] == "reference"  # external: nothing runs
            continue
        assert isinstance(assets_def, dg.AssetsDefinition)
        writes = assets_def.op.tags.get("ownergraph/writes")
        if {key.path[0] for key in assets_def.keys} <= {"raw", "staging"}:
            assert writes is None, assets_def.keys
        elif dg.AssetKey(["publish", "published_denylist"]) not in assets_def.keys:
            assert writes == "warehouse", assets_def.keys
    assert isinstance(defs.executor, dg.ExecutorDefinition)
    assert defs.executor.name == "multiprocess"


def test_blocking_checks_guard_the_graph_and_the_denylist() -> None:
    check_keys = {
        key for assets_def in defs.assets or [] if isinstance(assets_def, dg.AssetsDefinition)
        for key in assets_def.check_keys
    }
    assert dg.AssetCheckKey(dg.AssetKey(["graph", "edges"]), "endpoints_are_nodes") in check_keys
    assert dg.AssetCheckKey(dg.AssetKey(["publish", "denylist"]), "explained") in check_keys


def test_tables_read_sees_aliased_and_cte_tables() -> None:
    from pipelines.lib.sqlmodels import tables_read

    sql = (
        "with x as (select * from canonical.entities) "
        "select * from x join graph.edges as e on e.owner_id = x.entity_id "
        "left join graph.nodes n on n.node_id = e.subject_id where $as_of is not null"
    )
    assert tables_read(sql) == {"canonical.entities", "graph.edges", "graph.nodes"}
