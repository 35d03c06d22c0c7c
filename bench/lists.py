"""Time a refresh of every sanctions list at realistic size: fetch -> staging -> canonical.

    .venv/bin/python -m bench.lists              # generates the files once, then times
    .venv/bin/python -m bench.lists --ftm-entries 325000

Each list is read from the largest copy at hand: the real file in
../shared/data/real/sanctions where it is full size (UN, DPL, OFAC's non-SDN
lists, OFSI, 1260H and the small US China lists), otherwise a file the demo
writers generate at the list's real size (SDN 18,000 entries in both OFAC
formats, CSL 15,000 rows, EU 6,000 and UK 5,500 designations) and an
OpenSanctions FtM export of about one million entities. Generated files are
cached under /tmp. Then every list the production config names is fetched and
parsed, on one process and then on two (as the Dagster run's executor does),
staging is loaded and the conformed and canonical models are built, as one
scheduled refresh does; a last run times the alternative formats (OFAC's CSV
sets, OFSI's CSV). Target (issue 4): all lists together in under 60 seconds.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml

from bench.opensanctions import entries as ftm_entries
from pipelines.lib.demo.lists import ListEntry, csl, eu_xml, ftm, ofac_csv, ofac_xml, uksl_xml

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "data" / "real" / "sanctions"
CACHE = Path("/tmp/ownergraph-bench-lists")
PUBLISHED = date(2026, 11, 19)
TARGET_SECONDS = 60
REAL_FILES = {
    "us_ofac_cons_xml": REAL / "ofac_consolidated" / "CONS_ENHANCED.ZIP",
    "us_bis_dpl": REAL / "us_bis" / "dpl.txt",
    "un_sc_sanctions": REAL / "un_sc" / "consolidated.xml",
    "us_dod_1260h": REAL / "us_dod_1260h" / "sanctions.csv",
    "us_fcc_covered": REAL / "us_other_china_lists" / "fcc_covered_list_table.csv",
    "us_ndaa_889": REAL / "us_other_china_lists" / "ndaa_section_889.csv",
    "us_bis_mieu": REAL / "us_other_china_lists" / "bis_mieu.csv",
    "us_ofac_cons": REAL / "ofac_consolidated",
    "gb_hmt_ofsi": REAL / "uk_ofsi" / "ConList.csv",
}
PRODUCTION = ("us_ofac_sdn_xml", "us_ofac_cons_xml", "us_trade_csl", "us_bis_dpl",
              "un_sc_sanctions", "eu_fsf", "gb_uk_sanctions_list", "us_dod_1260h",
              "us_fcc_covered", "us_ndaa_889", "us_bis_mieu", "opensanctions")
ALTERNATIVES = ("us_ofac_sdn", "us_ofac_cons", "gb_hmt_ofsi")


def list_entries(count: int, seed: int, numeric_from: int = 100_000) -> list[ListEntry]:
    """``count`` entries with integer keys (the formats keyed by integers need them)."""
    found = []
    for n, entry in enumerate(ftm_entries(count, seed)):
        programs = entry.programs[:1]
        found.append(ListEntry(**{**entry.__dict__, "key": str(numeric_from + n),
                                  "programs": programs, "owner_key": None}))
    return found


def _generated(name: str, make: Callable[[Path], Path]) -> Path:
    folder = CACHE / name
    done = folder / "DONE"
    if done.exists():
        return Path(done.read_text(encoding="utf-8").strip())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = make(folder)
    done.write_text(str(path), encoding="utf-8")
    return path


def files(ftm_count: int) -> dict[str, Path]:
    """Every list's file or folder, generating the missing ones."""
    generated = {
        "us_ofac_sdn_xml": lambda d: ofac_xml.write(
            d / "SDN_ENHANCED.XML", list_entries(18_000, 1), PUBLISHED),
        "us_ofac_sdn": lambda d: ofac_csv.write(d, list_entries(18_000, 1), PUBLISHED),
        "us_trade_csl": lambda d: csl.write(d, {
            "us_bis_el": list_entries(4_000, 2, 200_000),
            "us_bis_meu": list_entries(200, 3, 300_000),
            "us_ofac_sdn": list_entries(10_800, 4, 400_000)}, PUBLISHED),
        "eu_fsf": lambda d: eu_xml.write(d / "eu.xml", list_entries(6_000, 5), PUBLISHED),
        "gb_uk_sanctions_list": lambda d: uksl_xml.write(
            d / "UK-Sanctions-List.xml", _uk(list_entries(5_500, 6)), PUBLISHED),
        "opensanctions": lambda d: ftm.write(d / "entities.ftm.json",
                                             ftm_entries(ftm_count, 7), PUBLISHED),
    }  # fmt: skip
    found = dict(REAL_FILES)
    for source, make in generated.items():
        found[source] = _generated(f"{source}-{ftm_count if source == 'opensanctions' else 1}",
                                   make)
    return found


def _uk(found: list[ListEntry]) -> list[ListEntry]:
    return [ListEntry(**{**e.__dict__, "programs": ("Russia",)}) for e in found]


def _fetch_parse(config: Path, data_dir: Path, sid: str) -> tuple[str, int, float]:
    from pipelines.lib import stages
    from pipelines.sources.registry import BY_ID

    ctx = stages.RunContext.create(config, data_dir, None)
    began = time.perf_counter()
    stages.fetch(ctx, BY_ID[sid])
    outcome = stages.parse(ctx, BY_ID[sid])
    return sid, outcome.counts[BY_ID[sid].spec.main_table], time.perf_counter() - began


def run(sources: tuple[str, ...], paths: dict[str, Path], label: str, workers: int
        ) -> dict[str, Any]:
    """Fetch and parse on ``workers`` processes (the Dagster run's two), then build the SQL."""
    from pipelines.lib import stages, warehouse
    from pipelines.lib.sqlmodels import discover

    data_dir = CACHE / "runs" / label
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    config = {"sources": {s: {"url": str(paths[s]) + ("/" if paths[s].is_dir() else ""),
                              "expected_rows": [1, 10_000_000]} for s in sources},
              "policies": ["listed"], "policy_file": str(REPO / "config" / "policies.yaml")}
    config_path = data_dir / "bench.yaml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        done = pool.map(partial(_fetch_parse, config_path, data_dir), sources)
        per_source = {sid: {"rows": rows, "seconds": s} for sid, rows, s in done}
    parsed = time.perf_counter() - started
    ctx = stages.RunContext.create(config_path, data_dir, None)
    # One connection for the build, as the Dagster warehouse step holds one.
    with warehouse.connect(data_dir) as con:
        stages.load_staging(ctx, con)
        for model in discover():
            if model.schema in ("conformed", "canonical"):
                stages.build_model(ctx, model, con)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"label": f"{label} ({workers} parse process{'es' if workers > 1 else ''})",
            "sources": per_source, "parse": parsed, "sql": total - parsed, "total": total,
            "peak_mb": max(peak, child)}


def report(result: dict[str, Any]) -> None:
    print(f"\n{result['label']}")
    print(f"{'source':<24}{'rows':>11}{'seconds':>10}{'rows/s':>11}")
    for sid, r in result["sources"].items():
        rate = r["rows"] / r["seconds"] if r["seconds"] else 0
        print(f"{sid:<24}{r['rows']:>11,}{r['seconds']:>10.2f}{rate:>11,.0f}")
    print(f"fetch+parse {result['parse']:.1f} s wall, load + conformed + canonical SQL "
          f"{result['sql']:.1f} s, total {result['total']:.1f} s "
          f"(target {TARGET_SECONDS} s), peak RSS {result['peak_mb']:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ftm-entries", type=int, default=325_000,
                        help="list entries in the FtM file (about 3.1 FtM entities each)")
    args = parser.parse_args()
    began = time.perf_counter()
    paths = files(args.ftm_entries)
    print(f"files ready in {time.perf_counter() - began:.0f} s (cached under {CACHE})")
    for workers in (1, 2):
        report(run(PRODUCTION, paths, "production lists", workers))
    report(run(ALTERNATIVES, paths, "alternative formats", 1))


if __name__ == "__main__":
    main()
