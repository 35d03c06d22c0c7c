"""The determination engine at register scale: every built-in policy together.

    .venv/bin/python -m bench.policy                  # scales 0.01 0.1 1.0
    .venv/bin/python -m bench.policy --scales 0.01 0.1

Each scale runs in a fresh process on a synthetic resolved graph in the
warehouse's own table shapes (bench/sql/policy_graph.sql: at scale 1.0 about
10.8 million links among 10.7 million nodes, 40,000 list memberships), with
DuckDB under the warehouse's memory cap. The graph is generated once per scale
and cached under /tmp (``--fresh`` regenerates it). The child's peak RSS is
the engine's own peak memory (with the graph generation when it ran). Target (issue 6): at scale 1.0
every built-in policy together in under 2 minutes and 6 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

GRAPH_SQL = Path(__file__).resolve().parent / "sql" / "policy_graph.sql"
CACHE = Path("/tmp/ownergraph-bench/policy-graph")
POLICIES = ("listed", "cn_control", "ofac_50", "bis_affiliates", "eu_50", "uk_50")
TARGET_SECONDS, TARGET_MB = 120, 6 * 1024


def _child(scale: float, folder: Path) -> None:
    from pipelines.lib import warehouse
    from pipelines.lib.policy import determine_all
    from pipelines.lib.policy_config import load_policies
    from pipelines.lib.sqlmodels import SQL_DIR, bind

    values = {"companies": int(8_500_000 * scale), "persons": int(2_200_000 * scale),
              "listings": max(int(40_000 * scale), 100)}
    with warehouse.connect(folder) as con:
        started = time.perf_counter()
        if not (folder / "BUILT").exists():
            sql = GRAPH_SQL.read_text(encoding="utf-8")
            for statement in (s for s in sql.split(";\n") if s.strip()):
                con.execute(statement, bind(statement, values))
            con.execute("checkpoint")
            (folder / "BUILT").write_text("\n", encoding="utf-8")
        built = time.perf_counter() - started
        edges = _count(con, "graph.edges")
        policies = load_policies(SQL_DIR.parent / "config" / "policies.yaml", POLICIES)
        started = time.perf_counter()
        runs = determine_all(con, policies, date(2026, 11, 20))
        seconds = time.perf_counter() - started
    print(json.dumps({
        "scale": scale, "edges": edges, "nodes": values["companies"] + values["persons"],
        "graph_seconds": round(built, 1), "seconds": round(seconds, 1),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "policies": {r.policy: {"iterations": r.iterations, "determinations": r.determinations,
                                "definite": r.definite, "cautions": r.cautions,
                                "seconds": r.seconds} for r in runs},
    }))


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def _measure(scale: float, fresh: bool) -> dict[str, object]:
    folder = CACHE / f"scale-{scale:g}"
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    out = subprocess.run([sys.executable, "-m", "bench.policy", "--child", str(scale),
                          "--folder", str(folder)], check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _report(results: list[dict[str, object]]) -> None:
    print(f"{'scale':>6} {'nodes':>11} {'edges':>11} {'engine s':>9} {'peak MB':>8} "
          f"{'rows/s':>9}  per policy: iterations / determinations / seconds")
    for r in results:
        per = r["policies"]
        assert isinstance(per, dict)
        rows = sum(p["determinations"] for p in per.values())
        seconds = float(str(r["seconds"]))
        line = "; ".join(f"{k} {v['iterations']}/{v['determinations']:,}/{v['seconds']:.1f}"
                         for k, v in per.items())
        print(f"{r['scale']:>6} {r['nodes']:>11,} {r['edges']:>11,} {seconds:>9.1f} "
              f"{r['peak_mb']:>8,} {rows / max(seconds, 1e-9):>9,.0f}  {line}")
    print(f"targets at scale 1.0: under {TARGET_SECONDS} s and {TARGET_MB:,} MB peak")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[0.01, 0.1, 1.0])
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached graphs")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child, args.folder)
        return
    results = []
    for scale in args.scales:
        results.append(_measure(scale, args.fresh))
        print(json.dumps(results[-1]), flush=True)
    _report(results)


if __name__ == "__main__":
    main()
