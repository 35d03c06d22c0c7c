"""Time the whole pipeline, stage by stage, on generated data at several scales.

    .venv/bin/python bench/pipeline.py                 # scales 0.0005 0.005 0.05
    .venv/bin/python bench/pipeline.py --scales 0.01

Each scale runs in its own process (so peak memory is per scale) on a fresh
data directory under a temporary folder: generate the demo files, then fetch,
parse, load, build every SQL model, determine and publish, as `ownergraph run`
does but without Dagster's per-step overhead (reported separately by timing
the real CLI). Scale 1.0 is register size (about 3 million LEIs).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "config" / "demo.yaml"


def _timed(timings: dict[str, float], name: str, step: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = step()
    timings[name] = round(time.perf_counter() - started, 3)
    return result


def run_one(scale: float) -> dict[str, Any]:
    from pipelines.defs.warehouse_steps import STEPS
    from pipelines.lib import publish_stage, stages, warehouse
    from pipelines.lib.demo import generate
    from pipelines.sources.registry import SOURCES

    timings: dict[str, float] = {}
    rows: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _timed(timings, "generate", lambda: generate(data_dir / "demo", scale=scale))
        ctx = stages.RunContext.create(CONFIG, data_dir, None)
        # The sources the demo config sets up (not the ELF list: no demo file).
        for source in [s for s in SOURCES if s.spec.id in ctx.config.sources]:
            sid = source.spec.id
            _timed(timings, f"fetch {sid}", partial(stages.fetch, ctx, source))
            outcome = _timed(timings, f"parse {sid}", partial(stages.parse, ctx, source))
            rows[sid] = outcome.counts[source.spec.main_table]
        # The warehouse build's own steps, in its order, on one connection as it opens.
        with warehouse.connect(ctx.data_dir) as con:
            for step in STEPS:
                _timed(timings, step.key.to_user_string(), partial(step.run, ctx, con))
        _timed(timings, "publish", lambda: publish_stage.publish_denylist(ctx))
        cli = _timed(timings, "ownergraph run (CLI, again)", lambda: _cli(data_dir))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"scale": scale, "timings": timings, "rows": rows, "peak_mb": round(peak_mb),
            "cli_ok": cli == 0}


def _cli(data_dir: Path) -> int:
    args = [str(REPO / ".venv" / "bin" / "ownergraph"), "run", "--config", str(CONFIG),
            "--data-dir", str(data_dir), "--accept-shrink"]
    return subprocess.run(args, capture_output=True, check=False).returncode


def _report(results: list[dict[str, Any]]) -> None:
    scales = [r["scale"] for r in results]
    print(f"{'stage':<44}" + "".join(f"{'scale ' + str(s):>16}" for s in scales))
    for name in results[0]["timings"]:
        cells = "".join(f"{r['timings'][name]:>15.2f}s" for r in results)
        print(f"{name:<44}{cells}")
    print(f"{'pipeline total (excluding generate, CLI)':<44}" + "".join(
        f"{_total(r):>15.2f}s" for r in results))
    for sid in results[0]["rows"]:
        cells = "".join(
            f"{r['rows'][sid] / max(r['timings'][f'parse {sid}'], 1e-9):>13,.0f}r/s" for r in results
        )
        print(f"{'parse rate ' + sid:<44}{cells}")
    print(f"{'peak RSS (MB)':<44}" + "".join(f"{r['peak_mb']:>16}" for r in results))
    print(f"{'GLEIF L1 records':<44}" + "".join(
        f"{r['rows']['global_gleif_lei']:>16,}" for r in results))


def _total(result: dict[str, Any]) -> float:
    skip = {"generate", "ownergraph run (CLI, again)"}
    return float(sum(v for k, v in result["timings"].items() if k not in skip))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.0005, 0.005, 0.05])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    results = []
    for scale in args.scales:
        out = subprocess.run([sys.executable, __file__, "--one", str(scale)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    _report(results)


if __name__ == "__main__":
    main()
