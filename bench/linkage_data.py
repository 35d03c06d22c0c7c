"""The labelled linkage task the resolution benches share: register, mentions, truth.

A task is three Parquet files:

- ``register.parquet`` and ``mentions.parquet``: ``id, name, country, regno``
  (country ISO-2 or null, regno null when the record has none);
- ``truth.parquet``: ``mention_id, register_id``, one row per mention that has a
  counterpart in the register; a mention absent from it has none.

``demo_task`` builds one from the demo generator's labels: the demo files of a
scale (generated once into ``WORK/scale-S/demo``), the pipeline's fetch, parse,
load, conformed and canonical stages (driven as bench/registers.py drives them,
without Dagster), then

- register = the GLEIF (``lei-``) and Companies House (``gb-coh-``) entities of
  ``canonical.entities``: id = entity_id, name, country = the first two letters
  of coalesce(jurisdiction, hq_country) (US-DE is US), regno = the smallest
  registration identifier of the entity in ``canonical.identifiers`` (not its
  LEI: a mention never carries one). A company with an LEI and a UK company
  number is in the register twice (scoring takes the two as one, see below);
- mentions and truth = ``truth.json["mentions"]``: rows mention_id, register_id
  (null for a near miss, which has no counterpart), name, country, regno (the
  registration number a corporate PSC filed itself, when it did), kind, source
  and variation (how the generator spelt the name); the last three go to
  ``labels.parquet`` for the per-variation breakdown.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from bench.pipeline import CONFIG
from pipelines.lib.resolve.evaluate import Scores, pairwise

WORK = Path("/tmp/ownergraph-bench-linkage")
TASK_COLUMNS = ("id", "name", "country", "regno")


@dataclass(frozen=True)
class Task:
    register: Path
    mentions: Path
    truth: Path
    # Optional: mention_id, source, variation, kind (the demo's), for breakdowns.
    labels: Path | None = None

    @classmethod
    def in_dir(cls, folder: Path) -> Task:
        return cls(folder / "register.parquet", folder / "mentions.parquet",
                   folder / "truth.parquet", folder / "labels.parquet")


def scale_dir(scale: float) -> Path:
    return WORK / f"scale-{scale:g}"


def demo_files(scale: float) -> Path:
    """The demo files of ``scale``, generated unless cached (a ``DONE`` marker)."""
    from pipelines.lib.demo import generate

    folder = scale_dir(scale)
    if not (folder / "DONE").exists():
        started = time.perf_counter()
        generate(folder / "demo", scale=scale)
        (folder / "DONE").write_text(f"{time.perf_counter() - started:.1f}\n", encoding="utf-8")
    return folder / "demo"


def build_canonical(data_dir: Path, config: Path = CONFIG) -> Path:
    """fetch -> parse -> load -> conformed + canonical models of ``config``'s sources.

    With the default (config/demo.yaml) the sources are the demo files in ``data_dir/demo``.
    """
    from pipelines.lib import stages
    from pipelines.lib.sqlmodels import discover
    from pipelines.sources.registry import SOURCES

    ctx = stages.RunContext.create(config, data_dir, None)
    for source in (s for s in SOURCES if ctx.configured(s)):
        stages.fetch(ctx, source)
        stages.parse(ctx, source)
    stages.load_staging(ctx)
    for model in discover():
        if model.schema in ("conformed", "canonical"):
            stages.build_model(ctx, model)
    return data_dir / "warehouse.duckdb"


REGISTER_SQL = """
with regnos as (
    select entity_id, min(value) as regno
    from canonical.identifiers
    where scheme <> 'lei' and (entity_id like 'lei-%' or entity_id like 'gb-coh-%')
    group by entity_id
)
select e.entity_id as id, e.name, left(coalesce(e.jurisdiction, e.hq_country), 2) as country, r.regno
from canonical.entities e
left join regnos r using (entity_id)
where e.entity_id like 'lei-%' or e.entity_id like 'gb-coh-%'
order by id
"""


def _mentions_from_rows(rows: list[dict[str, Any]]
                        ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """truth.json's mention rows -> mentions, truth, labels (source, variation, kind)."""
    frame = pl.DataFrame(rows, schema={
        "mention_id": pl.String, "register_id": pl.String, "name": pl.String,
        "country": pl.String, "regno": pl.String, "kind": pl.String, "source": pl.String,
        "variation": pl.String})
    mentions = frame.select(pl.col("mention_id").alias("id"), "name", "country", "regno")
    truth = frame.filter(pl.col("register_id").is_not_null()).select("mention_id", "register_id")
    labels = frame.select("mention_id", "source", "variation", "kind")
    return mentions, truth, labels


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(TASK_COLUMNS).unique("id", keep="first").sort("id")


def demo_task(scale: float, regenerate: bool = False) -> Task:
    """The demo's labelled task at ``scale``, written to (and reused from) the work dir."""
    folder = scale_dir(scale)
    task = Task.in_dir(folder / "task")
    if regenerate:
        shutil.rmtree(folder, ignore_errors=True)
    if task.truth.exists():
        return task
    demo = demo_files(scale)
    warehouse = folder / "warehouse.duckdb"
    if not warehouse.exists():
        build_canonical(folder)
    labels = json.loads((demo / "truth.json").read_text(encoding="utf-8"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        register = con.execute(REGISTER_SQL).pl()
    mentions, truth, about = _mentions_from_rows(labels["mentions"])
    write_task(task, _finish(register), _finish(mentions), truth.unique().sort("mention_id"))
    if task.labels:
        about.unique("mention_id", keep="first").sort("mention_id").write_parquet(task.labels)
    return task


def write_task(task: Task, register: pl.DataFrame, mentions: pl.DataFrame,
               truth: pl.DataFrame) -> None:
    task.register.parent.mkdir(parents=True, exist_ok=True)
    register.write_parquet(task.register)
    mentions.write_parquet(task.mentions)
    truth.write_parquet(task.truth)


def read_task(task: Task) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The three frames, the task columns cast to strings (a regno may be read as a number)."""
    register = pl.read_parquet(task.register).select(pl.col(*TASK_COLUMNS).cast(pl.String))
    mentions = pl.read_parquet(task.mentions).select(pl.col(*TASK_COLUMNS).cast(pl.String))
    truth = pl.read_parquet(task.truth).select(pl.col("mention_id", "register_id").cast(pl.String))
    return register, mentions, truth


def load_task(con: duckdb.DuckDBPyConnection, task: Task) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Tables ``register`` and ``mentions`` in ``con``; the two frames."""
    register, mentions, _ = read_task(task)
    for table, frame in (("register", register), ("mentions", mentions)):
        con.register(f"{table}_in", frame.to_arrow())
        con.execute(f"create or replace table {table} as select * from {table}_in")
        con.unregister(f"{table}_in")
    return register, mentions


# --- scoring a linkage ----------------------------------------------------------------------
#
# A mention is linked to at most one register record. The register may hold one
# entity twice: a company's GLEIF and Companies House records carry the same
# company number, and a person may be listed twice under one passport. Register
# records sharing (country, regno), and records labelled as the counterpart of one
# mention, are one register entity: a link is right when it names any of them.


def register_groups(register: pl.DataFrame, truth: pl.DataFrame) -> dict[str, str]:
    """Register id -> the smallest id of its register entity; an id not in the map is its own."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    def join(ids: list[str]) -> None:
        roots = sorted({root(i) for i in ids})
        for other in roots[1:]:
            parent[other] = roots[0]

    twins = register.filter(pl.col("regno").is_not_null()).group_by("country", "regno")
    for frame in (twins.agg(pl.col("id")), truth.group_by("mention_id").agg(pl.col("register_id"))):
        for ids in frame.get_column(frame.columns[-1]).to_list():
            join(ids)
    return {node: root(node) for node in sorted(parent)}


def _grouped_pairs(links: pl.DataFrame, groups: dict[str, str]) -> list[tuple[str, str]]:
    rows = links.select("mention_id", "register_id").iter_rows()
    return sorted((m, groups.get(r, r)) for m, r in rows)


def score_links(predicted: pl.DataFrame, truth: pl.DataFrame, groups: dict[str, str]) -> Scores:
    """Predicted (mention_id, register_id) links against the labelled ones."""
    return pairwise(_grouped_pairs(predicted, groups), _grouped_pairs(truth, groups))


def source_of(mention_id: str) -> str:
    """``us-dod-1260h-57fc…`` -> ``us-dod-1260h``: the id without its record key."""
    return mention_id.rsplit("-", 1)[0]


def breakdown_keys(task: Task, mentions: pl.DataFrame) -> pl.DataFrame:
    """mention_id -> the group it is reported in: the demo's name variation, else its source."""
    if task.labels and task.labels.exists():
        return pl.read_parquet(task.labels).select("mention_id", pl.col("variation").alias("group"))
    return mentions.select(pl.col("id").alias("mention_id"),
                           pl.col("id").map_elements(source_of, pl.String).alias("group"))


def score_by(predicted: pl.DataFrame, truth: pl.DataFrame, keys: pl.DataFrame,
             groups: dict[str, str]) -> dict[str, tuple[int, Scores]]:
    """Group -> (mentions in it, scores on them), for ``keys`` = mention_id, group."""
    out = {}
    for (group,), part in sorted(keys.group_by("group"), key=lambda g: str(g[0][0])):
        ids = part.select("mention_id")
        out[str(group)] = (part.height, score_links(predicted.join(ids, on="mention_id"),
                                                    truth.join(ids, on="mention_id"), groups))
    return out


def best_threshold(candidates: pl.DataFrame, truth: pl.DataFrame, groups: dict[str, str]
                   ) -> tuple[float, Scores]:
    """The score threshold on each mention's best candidate giving the best F1.

    ``candidates``: mention_id, register_id, score, at most one row per mention.
    Ties in F1 go to the higher threshold (fewer links, higher precision); when no
    candidate is right the threshold is infinite (no links).
    """
    right = set(_grouped_pairs(truth, groups))
    ranked = candidates.sort(["score", "mention_id"], descending=[True, False])
    pairs = zip(ranked["mention_id"].to_list(),
                [groups.get(r, r) for r in ranked["register_id"].to_list()], strict=True)
    ranked = ranked.with_columns(pl.Series("correct", [p in right for p in pairs],
                                           dtype=pl.Boolean))
    sweep = (ranked.with_columns(pl.col("correct").cast(pl.Int64).cum_sum().alias("tp"),
                                 pl.int_range(1, pl.len() + 1).alias("predicted"))
             .group_by("score").agg(pl.col("tp").max(), pl.col("predicted").max())
             .with_columns((2 * pl.col("tp") / (pl.col("predicted") + len(right))).alias("f1"))
             .sort(["f1", "score"], descending=True))
    if sweep.is_empty() or sweep["f1"][0] == 0:
        # No threshold finds a right link: the best is to link nothing.
        return float("inf"), score_links(candidates.head(0), truth, groups)
    threshold = float(sweep["score"][0])
    return threshold, score_links(candidates.filter(pl.col("score") >= threshold), truth, groups)
