"""Screening at list scale: index load, single-name latency, batch throughput and
accuracy, beside a brute-force rapidfuzz scan, in one run.

    .venv/bin/python -m bench.screening                    # 1,000,000 denylist rows
    .venv/bin/python -m bench.screening --rows 100000 --latency 500 --baseline 20
    .venv/bin/python -m bench.screening --workers 1        # the batch in this process only

A published version of ``--rows`` entities with their aliases is generated
(``bench.screening_data``) in a temporary directory (or ``--dir``, kept and
reused). Queries are labelled customer-style spellings of listed entities
(``bench.screening_queries``). The batch runs in this process, then on
``--workers`` spawned processes (default: one per core), whose start is timed
apart from their throughput. Targets (issue 7): p99 under 10 ms for one name,
over 5,000 names/s in batch, the right entity first for 98% of queries and in
the top 5 for 99%.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bench.screening_data import generate
from bench.screening_queries import Labelled, labelled_queries
from pipelines.lib.resolve.names import name_key
from pipelines.lib.screen.index import ScreenIndex, build_index
from pipelines.lib.screen.screen import Query, checked, screen
from pipelines.lib.screen.settings import load_screening
from pipelines.lib.screen.version import load_version
from pipelines.lib.screen.workers import WorkerPool, screen_batch


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load(version: Path) -> ScreenIndex:
    before, start = rss_mb(), time.perf_counter()
    index = build_index(load_version(version), load_screening())
    seconds = time.perf_counter() - start
    print(f"index: {index.version.entities.height:,} entities, {index.names.height:,} names, "
          f"{index.vocab.len():,} keys; built in {seconds:.1f} s; "
          f"{index.nbytes / 2**20:,.0f} MB of arrays and frames, "
          f"RSS +{rss_mb() - before:,.0f} MB")
    return index


def latency(index: ScreenIndex, queries: Sequence[Labelled]) -> None:
    times = []
    for labelled in queries:
        query = checked(index, labelled.query)
        start = time.perf_counter()
        screen(index, [query])
        times.append(time.perf_counter() - start)
    ms = np.array(times) * 1000
    print(f"single name: {len(ms):,} queries, p50 {np.percentile(ms, 50):.2f} ms, "
          f"p95 {np.percentile(ms, 95):.2f} ms, p99 {np.percentile(ms, 99):.2f} ms, "
          f"max {ms.max():.2f} ms (target p99 < 10 ms)")


def throughput(index: ScreenIndex, queries: Sequence[Labelled], chunk: int, workers: int
               ) -> None:
    """Batch names/s in this process, then on ``workers`` processes (their start
    timed apart: saving the index, spawning, importing, mapping)."""
    checked_queries = [checked(index, q.query) for q in queries]
    start = time.perf_counter()
    screen_batch(index, checked_queries, chunk)
    _rate("batch, one process", len(queries), time.perf_counter() - start, chunk)
    if workers < 2:
        return
    with WorkerPool(index, workers) as pool:
        print(f"workers: {workers} spawned processes ready in {pool.start_seconds:.1f} s "
              "(index saved, imported, mapped)")
        start = time.perf_counter()
        pool.screen(checked_queries, chunk)
        _rate(f"batch, {workers} workers", len(queries), time.perf_counter() - start, chunk)


def _rate(label: str, names: int, seconds: float, chunk: int) -> None:
    print(f"{label}: {names:,} names in {seconds:.2f} s = {names / seconds:,.0f} names/s "
          f"in chunks of {chunk:,} (target > 5,000)")


def baseline(index: ScreenIndex, queries: Sequence[Labelled]) -> None:
    """process.extractOne over every normalised name: no index, no features."""
    cores = index.names["n_core"].to_list()
    entity_ids = index.version.entities["entity_id"]
    entity_of = index.entity_rows
    right, start = 0, time.perf_counter()
    for labelled in queries:
        key = name_key(labelled.query.name)
        best = process.extractOne(key.core if key else "", cores, scorer=fuzz.ratio)
        right += best is not None and entity_ids[int(entity_of[best[2]])] == labelled.entity_id
    seconds = time.perf_counter() - start
    print(f"baseline (rapidfuzz extractOne, fuzz.ratio over {len(cores):,} names): "
          f"{seconds / len(queries) * 1000:,.0f} ms per name, {len(queries) / seconds:.1f} "
          f"names/s, top-1 {right / len(queries):.1%} on {len(queries)} queries")


def accuracy(index: ScreenIndex, queries: Sequence[Labelled]) -> None:
    asked = [checked(index, Query(q.query.name, q.query.country, limit=5)) for q in queries]
    hits = screen(index, asked)
    ranked = dict(zip(zip(hits["query"], hits["entity_id"], strict=True), hits["rank"],
                      strict=True))
    ranks = [ranked.get((i, q.entity_id)) for i, q in enumerate(queries)]
    top1 = sum(r == 1 for r in ranks) / len(ranks)
    top5 = sum(r is not None for r in ranks) / len(ranks)
    print(f"accuracy: {len(ranks):,} labelled queries, top-1 {top1:.2%} (target 98%), "
          f"top-5 {top5:.2%} (target 99%)")
    by_op: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for labelled, rank in zip(queries, ranks, strict=True):
        for op in labelled.ops:
            by_op[op] += 1
            missed[op] += rank != 1
    print("  by noise: " + ", ".join(f"{op} {1 - missed[op] / n:.1%} of {n}"
                                     for op, n in by_op.most_common()))
    wrong = [(q, r) for q, r in zip(queries, ranks, strict=True) if r != 1][:8]
    for labelled, rank in wrong:
        print(f"  miss: {labelled.query.name!r} ({labelled.entity_id}, {labelled.ops}): "
              f"rank {rank}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, help="keep the generated version here and reuse it")
    parser.add_argument("--latency", type=int, default=2000, help="single-name queries")
    parser.add_argument("--batch", type=int, default=20_000, help="names in the batch run")
    parser.add_argument("--chunk", type=int, default=5_000, help="names per batch call")
    parser.add_argument("--baseline", type=int, default=50, help="queries of the brute force")
    parser.add_argument("--accuracy", type=int, default=5_000, help="labelled queries")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes of the batch run after the one-process run (1: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="screening-") as tmp:
        published = args.dir or Path(tmp)
        start = time.perf_counter()
        if not (published / "latest").exists():
            generate(published, args.rows)
        print(f"list: {args.rows:,} denylist rows in {published} "
              f"({time.perf_counter() - start:.1f} s to generate or find)")
        index = load(published / "latest")
        queries = labelled_queries(published / "latest",
                                   max(args.latency, args.batch, args.accuracy), seed=11)
        latency(index, queries[:args.latency])
        throughput(index, queries[:args.batch], args.chunk, args.workers)
        baseline(index, queries[:args.baseline])
        accuracy(index, queries[:args.accuracy])


if __name__ == "__main__":
    main()
