"""Entity resolution at register scale: candidate pairs, wall time and peak memory.

    .venv/bin/python -m bench.resolution                   # scales 0.01 0.1 1.0
    .venv/bin/python -m bench.resolution --scales 0.01 0.1

Resolution reads the canonical tables, so each scale starts from a warehouse
built (once, cached under /tmp) with ``bench.registers``' machinery from every
source of that scale's demo: GLEIF, Companies House company data and PSCs
(with the labelled corporate-PSC mentions), BODS and every list. Each scale then runs resolution alone in a fresh process over a
copy of that warehouse (at scale 1.0, in place: the file is 7 GB), so the
child's peak RSS is resolution's own peak memory. Target (issue 5): at scale
1.0 under 10 minutes and 8 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.pipeline import CONFIG
from bench.registers import CACHE

TARGET_SECONDS, TARGET_MB = 600, 8 * 1024
COPY_UP_TO_BYTES = 2 * 1024**3
LABEL = "resolution_input"


def warehouse_of(scale: float) -> Path:
    """The every-source warehouse of ``scale``, up to the canonical tables."""
    run_dir = CACHE / f"scale-{scale:g}" / "runs" / LABEL
    if not (run_dir / "BUILT").exists():
        sources = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["sources"]
        subprocess.run([sys.executable, "-m", "bench.registers", "--one", LABEL,
                        "--scale", str(scale)], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "BENCH_SOURCES": ",".join(sources)})
        (run_dir / "BUILT").write_text("\n", encoding="utf-8")
    return run_dir / "warehouse.duckdb"


def _child(path: str) -> None:
    """Run resolution on one warehouse and print its statistics as JSON."""
    from pipelines.lib import warehouse
    from pipelines.lib.resolve.run import resolve
    from pipelines.lib.resolve.settings import load_resolution

    with warehouse.connect(Path(path).parent) as con:
        started = time.perf_counter()
        run = resolve(con, load_resolution())
        seconds = time.perf_counter() - started
        entities = con.execute(
            "select count(distinct entity_id) from canonical.entities").fetchone()
    print(json.dumps({
        "seconds": seconds, "entities": entities[0] if entities else 0,
        "records": run.records, "names": run.link_stats.names,
        "estimated_pairs": run.link_stats.estimated_pairs,
        "candidate_pairs": run.link_stats.candidate_pairs,
        "matches": run.link_stats.matches, "possible": run.link_stats.possible,
        "identifier_links": run.identifier_links, "merged": run.merged_entities,
        "phases": run.link_stats.seconds,
    }))


def measure(scale: float) -> dict[str, Any]:
    source = warehouse_of(scale)
    target = source
    if source.stat().st_size <= COPY_UP_TO_BYTES:
        target = source.parent.parent / "resolution_bench" / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
    stdout, peak_kb = _run_child(target)
    figures: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_mb"] = peak_kb / 1024
    figures["scale"] = scale
    if target != source:
        target.unlink()
    return figures


def _run_child(target: Path) -> tuple[str, int]:
    """The child's output and its own peak RSS in KiB (with its worker processes' largest).

    ``wait4`` gives this child's usage alone; RUSAGE_CHILDREN would also count
    the earlier warehouse builds."""
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.resolution", "--child", str(target)],
            stdout=subprocess.PIPE, stderr=errors, text=True)
        assert child.stdout is not None
        stdout = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"resolution failed on {target}:\n{errors.read()}")
    return stdout, usage.ru_maxrss


def report(rows: list[dict[str, Any]]) -> None:
    print(f"{'scale':>6} {'entities':>11} {'records':>11} {'est. pairs':>12} "
          f"{'candidates':>11} {'matches':>9} {'possible':>9} {'seconds':>8} {'peak MB':>8}")
    for r in rows:
        print(f"{r['scale']:>6g} {r['entities']:>11,} {r['records']:>11,} "
              f"{r['estimated_pairs']:>12,} {r['candidate_pairs']:>11,} {r['matches']:>9,} "
              f"{r['possible']:>9,} {r['seconds']:>8.1f} {r['peak_mb']:>8.0f}")
        print(f"       phases: {r['phases']}")
    last = rows[-1]
    if last["scale"] == 1.0:
        verdict = last["seconds"] < TARGET_SECONDS and last["peak_mb"] < TARGET_MB
        print(f"target at scale 1.0 (< {TARGET_SECONDS} s, < {TARGET_MB} MB): "
              f"{'met' if verdict else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.01, 0.1, 1.0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    report([measure(scale) for scale in args.scales])


if __name__ == "__main__":
    main()
