"""ownergraph's matcher against Splink on one labelled linkage task, side by side.

    .venv/bin/python -m bench.splink_compare                      # the demo's labels, scale 0.1
    .venv/bin/python -m bench.splink_compare --scale 0.01
    .venv/bin/python -m bench.splink_compare --register R.parquet --mentions M.parquet \\
        --truth T.parquet

The task: link each mention to at most one register record. Register and mentions
are Parquet with columns ``id, name, country, regno``; the truth has ``mention_id,
register_id`` (bench/linkage_data.py builds the demo's, and says how links are
scored: register records sharing (country, regno) count as one). Each tool runs in
its own process on the same files, so its peak RSS is its own; wall time counts
the tool's work from tables already in DuckDB (loading the Parquet is excluded).

ownergraph: ``pipelines.lib.resolve.task.link_task`` with the settings of
config/resolution.yaml, untuned on these labels; only its ``match`` rows count.

Splink 5 (DuckDB backend, ``link_only``), given a fair, tuned model:

- features (computed by the bench, timed as Splink's): ``name_norm`` = rigour's
  ``normalize_name`` (lower case, punctuation stripped), legal forms removed with
  ``rigour.names.remove_org_types`` (the library ownergraph uses), transliterated
  with ``rigour.text.ascii_text``, spaces collapsed; ``name_sorted`` = its tokens
  sorted (word order); ``prefix3``, ``prefix4``, ``suffix3``, ``initial`` = its
  first 3, first 4, last 3 characters and its first; ``sorted3`` = the first 3 of
  ``name_sorted``; ``rare_token`` = its rarest token across both tables (ties:
  longest, then first).
- blocking (an OR of rules, each tolerant of a typo elsewhere in the name):
  ``prefix3`` and country; ``prefix4``; ``suffix3`` and ``initial``;
  ``rare_token``; ``sorted3`` and country (word order); ``regno``. Sized with
  Splink's own advice in mind: at scale 0.1 (850,000 register records, 15,000
  mentions) they block about 18 million pairs; looser rules (``prefix3`` alone,
  ``suffix3`` and country) blocked 64 million and took Splink past 14 GB.
- comparisons: name = exact ``name_norm`` / exact ``name_sorted`` / Jaro-Winkler
  >= 0.95 / Levenshtein <= 2 / Jaro-Winkler >= 0.90 / Jaro-Winkler >= 0.80 /
  else; country = exact or not (null is its own level); regno = exact or not.
  The ``name_sorted`` level (same words, other order) never occurs among 10^7
  random pairs, so its u is fixed at 1e-7 rather than left to Splink's default
  (which gave word-order matches a weak weight: recall 0.29 at scale 0.1).
  No term-frequency adjustment: the demo's register repeats filler names, and
  Splink adjusts only the exact level, so a common exact name scored below a
  fuzzy neighbour (at scale 0.1, 76 exact-name mentions went to a neighbour).
- training: u by random sampling (1e7 pairs, seeded); m by EM on two blocking
  rules, ``rare_token`` (trains name, country and regno) and the first 4
  characters of ``name_norm`` (trains country and regno; written on
  ``name_norm`` so Splink leaves the name comparison out of it, as its guide
  advises), each on at most 500,000 sampled pairs; the prior = one
  counterpart per mention.
- DuckDB gets the same 4 GB memory limit as ownergraph's warehouse (it spills
  beyond it), for both tools.
- decision: each mention's best register record by match weight; the match
  probability threshold is the one giving the best F1 on the labels themselves
  (printed), an advantage ownergraph does not get.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from bench.linkage_data import (
    Task,
    best_threshold,
    breakdown_keys,
    demo_task,
    load_task,
    read_task,
    register_groups,
    score_by,
    score_links,
)
from bench.pipeline import REPO
from pipelines.lib.resolve.evaluate import Scores

TOOLS = ("ownergraph", "splink")
MAX_GROUPS = 40  # a breakdown longer than this is not shown
# ownergraph's warehouse default (pipelines/lib/warehouse.py), given to both tools.
MEMORY_LIMIT = "4GB"


# --- Splink -----------------------------------------------------------------------------------


def _normalise(name: str | None) -> str:
    from rigour.names import normalize_name, remove_org_types
    from rigour.text import ascii_text

    cleaned = remove_org_types(normalize_name(name) or "")
    return " ".join(ascii_text(cleaned).split())


def splink_features(frame: pl.DataFrame) -> pl.DataFrame:
    """The columns the Splink model compares (see the module docstring)."""
    normalised = pl.col("name").map_elements(_normalise, pl.String, skip_nulls=False)
    # An empty name is null, so it neither blocks with nor matches other empty names.
    norm = frame.with_columns(
        pl.when(normalised == "").then(None).otherwise(normalised).alias("name_norm"),
        pl.col("id").alias("unique_id"))
    tokens = pl.col("name_norm").str.split(" ")
    return norm.with_columns(
        tokens.list.sort().list.join(" ").alias("name_sorted"),
        pl.col("name_norm").str.slice(0, 3).alias("prefix3"),
        pl.col("name_norm").str.slice(0, 4).alias("prefix4"),
        pl.col("name_norm").str.slice(-3).alias("suffix3"),
        pl.col("name_norm").str.slice(0, 1).alias("initial"),
        tokens.list.sort().list.join(" ").str.slice(0, 3).alias("sorted3"),
        tokens.alias("tokens"))


def _rare_tokens(register: pl.DataFrame, mentions: pl.DataFrame) -> tuple[pl.DataFrame, ...]:
    both = pl.concat([register.select("unique_id", "tokens"), mentions.select("unique_id", "tokens")])
    exploded = both.explode("tokens").filter(pl.col("tokens").str.len_chars() > 0)
    counted = exploded.with_columns(pl.len().over("tokens").alias("n"),
                                    pl.col("tokens").str.len_chars().alias("length"))
    rarest = (counted.sort(["unique_id", "n", "length", "tokens"],
                           descending=[False, False, True, False])
              .group_by("unique_id", maintain_order=True).first()
              .select("unique_id", pl.col("tokens").alias("rare_token")))
    return tuple(f.join(rarest, on="unique_id", how="left").drop("tokens")
                 for f in (register, mentions))


def splink_settings(prior: float) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    name = cl.CustomComparison(
        output_column_name="name_norm",
        comparison_levels=[
            cll.NullLevel("name_norm"),
            cll.ExactMatchLevel("name_norm"),
            # Never seen in 10^7 random pairs, so Splink would fall back to a default
            # u (a weak weight): u below 1 in 10^7 is what the sample says.
            cll.ExactMatchLevel("name_sorted").configure(u_probability=1e-7,
                                                         fix_u_probability=True),
            cll.JaroWinklerLevel("name_norm", 0.95),
            cll.LevenshteinLevel("name_norm", 2),
            cll.JaroWinklerLevel("name_norm", 0.90),
            cll.JaroWinklerLevel("name_norm", 0.80),
            cll.ElseLevel(),
        ])
    return SettingsCreator(
        link_type="link_only",
        comparisons=[name, cl.ExactMatch("country"), cl.ExactMatch("regno")],
        blocking_rules_to_generate_predictions=[
            block_on("prefix3", "country"), block_on("prefix4"), block_on("suffix3", "initial"),
            block_on("rare_token"), block_on("sorted3", "country"), block_on("regno")],
        probability_two_random_records_match=prior,
        retain_intermediate_calculation_columns=False,
    )


BEST_SQL = """
select case when source_dataset_l = 'mentions' then unique_id_l else unique_id_r end
           as mention_id,
       case when source_dataset_l = 'mentions' then unique_id_r else unique_id_l end
           as register_id,
       match_probability as score, match_weight
from {table}
qualify row_number() over (partition by mention_id
                           order by match_weight desc, register_id) = 1
order by mention_id
"""


class _Clock:
    """Seconds per step into ``steps``, each lap since the last."""

    def __init__(self, steps: dict[str, float]) -> None:
        self.steps, self.last = steps, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = round(now - self.last, 2)
        self.last = now


def run_splink(con: duckdb.DuckDBPyConnection, register: pl.DataFrame,
               mentions: pl.DataFrame, steps: dict[str, float]) -> pl.DataFrame:
    """Each mention's best register record by Splink, with its match probability."""
    from splink import DuckDBAPI, Linker, block_on

    clock = _Clock(steps)
    reg, men = _rare_tokens(splink_features(register), splink_features(mentions))
    clock.lap("features")
    con.register("splink_register", reg.to_arrow())
    con.register("splink_mentions", men.to_arrow())
    db_api = DuckDBAPI(con)
    tables = [db_api.register("splink_register", dataset_display_name="register"),
              db_api.register("splink_mentions", dataset_display_name="mentions")]
    linker = Linker(tables, splink_settings(1 / max(register.height, 1)), log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=20240601)
    clock.lap("u")
    # Written on name_norm itself, the second rule tells Splink not to train the name
    # comparison on pairs chosen for sharing a name prefix.
    for rule in ("rare_token", "substr(name_norm, 1, 4)"):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(rule), max_pairs=5e5)
    clock.lap("em")
    predictions = linker.inference.predict(threshold_match_weight=-10)
    clock.lap("predict")
    # The table name is Splink's own, not a value: no parameter can name a table.
    return con.execute(BEST_SQL.format(table=predictions.physical_name)).pl()


# --- ownergraph -------------------------------------------------------------------------------


def run_ownergraph(con: duckdb.DuckDBPyConnection, register: pl.DataFrame,
                   mentions: pl.DataFrame, steps: dict[str, float]) -> pl.DataFrame:
    """ownergraph's links; only ``match`` rows are predictions."""
    from pipelines.lib.resolve.task import link_task

    links = link_task(con, "register", "mentions")
    return links.filter(pl.col("outcome") == "match").select("mention_id", "register_id", "score")


# --- one tool in its own process --------------------------------------------------------------


RUNNERS = {"ownergraph": run_ownergraph, "splink": run_splink}


def run_tool(tool: str, task: Task, out: Path) -> dict[str, Any]:
    """Run ``tool`` on ``task`` in this process; its links go to ``out``."""
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT})
    register, mentions = load_task(con, task)
    steps: dict[str, float] = {}
    started = time.perf_counter()
    links = RUNNERS[tool](con, register, mentions, steps)
    seconds = time.perf_counter() - started
    links.write_parquet(out)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"tool": tool, "seconds": round(seconds, 2), "peak_mb": round((own + workers) / 1024),
            "links": str(out), "steps": steps}


def _child(tool: str, task: Task, work: Path) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.splink_compare", "--only", tool,
            "--register", str(task.register), "--mentions", str(task.mentions),
            "--truth", str(task.truth), "--links", str(work / f"{tool}_links.parquet")]
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        return {"tool": tool, "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- report -----------------------------------------------------------------------------------


def _scores(result: dict[str, Any], task: Task) -> dict[str, Any]:
    register, mentions, truth = read_task(task)
    groups = register_groups(register, truth)
    links = pl.read_parquet(result["links"])
    if result["tool"] == "splink":
        threshold, overall = best_threshold(links, truth, groups)
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in result["steps"].items())
        result["note"] = f"threshold match_probability >= {threshold:.4f} (best F1); {steps}"
        links = links.filter(pl.col("score") >= threshold)
    else:
        overall = score_links(links, truth, groups)
        result["note"] = "config/resolution.yaml as it is, no threshold chosen on these labels"
    result["scores"] = overall
    result["by_group"] = score_by(links, truth, breakdown_keys(task, mentions), groups)
    return result


def _line(label: str, scores: Scores, extra: str) -> str:
    return (f"{label:<34}{scores.precision:>10.4f}{scores.recall:>10.4f}{scores.f1:>10.4f}"
            f"{scores.true_positives:>8,}{scores.false_positives:>8,}"
            f"{scores.false_negatives:>8,}{extra}")


def report(task: Task, results: list[dict[str, Any]]) -> None:
    register, mentions, truth = read_task(task)
    print(f"task: {register.height:,} register records, {mentions.height:,} mentions, "
          f"{truth.height:,} labelled links ({task.register.parent})")
    print(f"{'tool':<34}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>8}{'fp':>8}{'fn':>8}"
          f"{'wall':>10}{'peak':>10}")
    for r in results:
        if "error" in r:
            print(f"{r['tool']:<34}failed: {r['error']}")
            continue
        print(_line(r["tool"], r["scores"], f"{r['seconds']:>9.1f}s{r['peak_mb']:>7,} MB"))
    for r in (r for r in results if "error" not in r):
        print(f"{r['tool']}: {r['note']}")
        if len(r["by_group"]) > MAX_GROUPS:
            continue  # ids without a source prefix: no useful breakdown
        print("  by mention group:")
        for group, (count, scores) in r["by_group"].items():
            print(_line(f"    {group} ({count:,})", scores, ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--register", type=Path)
    parser.add_argument("--mentions", type=Path)
    parser.add_argument("--truth", type=Path)
    parser.add_argument("--scale", type=float, default=0.1,
                        help="demo scale when no files are given (default 0.1)")
    parser.add_argument("--regenerate", action="store_true",
                        help="rebuild the demo files, warehouse and task of --scale")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--only", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--links", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    given = (args.register, args.mentions, args.truth)
    if any(given) and not all(given):
        parser.error("--register, --mentions and --truth go together")
    task = Task(*given) if all(given) else demo_task(args.scale, args.regenerate)
    if args.only:
        print(json.dumps(run_tool(args.only, task, args.links)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = [_child(tool, task, Path(tmp)) for tool in args.tools]
        report(task, [_scores(r, task) for r in results if "error" not in r]
               + [r for r in results if "error" in r])


if __name__ == "__main__":
    main()
