"""Wall time of the whole demo run under Dagster's multiprocess executor vs in process.

    python bench/parallel.py [--scale 0.1] [--repeat 1]

Writes the demo at ``--scale`` into a temporary folder, then runs the
``ownergraph_all`` job from scratch (a fresh data directory each time, so every
source is fetched and parsed) twice: with the code location's executor (each
step in its own process, sources in parallel, one warehouse writer) through
``dagster.execute_job`` on a temporary instance, and with ``execute_in_process``
(every step one after another in this process). Prints both wall times and the gain.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import dagster as dg

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "config" / "demo.yaml"


def ownergraph_all() -> dg.JobDefinition:
    """The job, importable by the executor's step processes."""
    from pipelines.definitions import defs

    return defs.resolve_job_def("ownergraph_all")


def _run_config(data_dir: Path) -> dict[str, object]:
    return {"resources": {"ownergraph": {"config": {
        "config_path": str(CONFIG), "data_dir": str(data_dir)}}}}


def _fresh(demo: Path, root: Path, name: str) -> Path:
    data_dir = root / name
    shutil.copytree(demo, data_dir / "demo")
    return data_dir


def _multiprocess(data_dir: Path, home: Path) -> float:
    home.mkdir()
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        start = time.perf_counter()
        result = dg.execute_job(dg.reconstructable(ownergraph_all), instance,
                                run_config=_run_config(data_dir))
        seconds = time.perf_counter() - start
    if not result.success:
        raise SystemExit(f"multiprocess run failed: {result.dagster_run.run_id}")
    return seconds


def _in_process(data_dir: Path) -> float:
    with dg.instance_for_test() as instance:
        start = time.perf_counter()
        result = ownergraph_all().execute_in_process(
            instance=instance, run_config=_run_config(data_dir), raise_on_error=False)
        seconds = time.perf_counter() - start
    if not result.success:
        raise SystemExit("in-process run failed")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    # Imported here: every step process re-imports this module as __mp_main__.
    from pipelines.lib.demo import generate

    root = Path(tempfile.mkdtemp(prefix="ownergraph-parallel-"))
    try:
        started = time.perf_counter()
        generate(root / "demo", scale=args.scale)
        print(f"demo at scale {args.scale}: {time.perf_counter() - started:.1f} s to write, "
              f"{os.cpu_count()} CPUs")
        for n in range(args.repeat):
            multi = _multiprocess(_fresh(root / "demo", root, f"multi{n}"), root / f"home{n}")
            single = _in_process(_fresh(root / "demo", root, f"single{n}"))
            print(f"run {n + 1}: multiprocess {multi:.1f} s, in process {single:.1f} s, "
                  f"gain {single / multi:.2f}x ({single - multi:.1f} s saved)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
