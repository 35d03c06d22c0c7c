"""Time publishing and verifying a denylist version of N rows.

    .venv/bin/python bench/publish.py                    # 10,000 100,000 500,000 rows
    .venv/bin/python bench/publish.py --rows 1000000

Synthetic rows with the published schema (two policies, names in Latin and Han
script, identifiers and countries), one name per entity plus an alias; every file
of a version is written (CSV, Parquet, JSON Lines, names, the FtM export,
schema.json), fsynced, signed, then checked by `verify`. Prints wall and CPU
seconds (wall time depends on the disk's fsync and on other load) and each file's size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipelines.lib.publish import publish  # noqa: E402
from pipelines.lib.publish_schema import DENYLIST, NAMES  # noqa: E402
from pipelines.lib.signing import find_signer, generate_key_pair, load_public_key  # noqa: E402
from pipelines.lib.verify import verify_version  # noqa: E402

_ARROW: dict[str, pa.DataType] = {"string": pa.string(), "number": pa.float64(),
                                  "date": pa.date32()}


def denylist(rows: int) -> pa.Table:
    entities = [f"lei-{i:020d}" for i in range(rows // 2)]
    columns: dict[str, list[Any]] = {
        "entity_id": entities * 2,
        "name": [f"北京测试科技有限公司 {i}" if i % 3 == 0 else f"TEST HOLDINGS {i} LIMITED"
                 for i in range(len(entities))] * 2,
        "kind": ["company"] * rows, "policy": ["cn_control"] * len(entities) + ["listed"] * len(
            entities),
        "status": ["definite"] * rows, "basis": ["control"] * rows,
        "risk_sources": ["lei-00000000000000000001"] * rows,
        "path": ["A (GB) -[consolidated by]-> B (HQ CN)"] * rows,
        "identifiers": [f"lei:{e[4:]}; gb-coh:{i:08d}" for i, e in enumerate(entities)] * 2,
        "countries": ["CN; GB"] * rows, "stake_lo": [None] * rows, "stake_hi": [None] * rows,
        "source_records": entities * 2, "as_of": [date(2026, 11, 20)] * rows,
    }
    schema = pa.schema([(c.name, _ARROW[c.type]) for c in DENYLIST])
    return pa.table(columns, schema=schema)


def names(table: pa.Table) -> pa.Table:
    entities = table["entity_id"].to_pylist()[: table.num_rows // 2]
    headline = table["name"].to_pylist()[: table.num_rows // 2]
    rows = [(e, n, "primary", "Latn") for e, n in zip(entities, headline, strict=True)]
    rows += [(e, f"ALIAS {i}", "aka", "Latn") for i, e in enumerate(entities)]
    rows.sort()
    return pa.table({c.name: [r[i] for r in rows] for i, c in enumerate(NAMES)})


def run(rows: int, root: Path) -> None:
    private, public = generate_key_pair(root / "keys")
    table = denylist(rows)
    started, cpu = time.perf_counter(), time.process_time()
    published = publish(root / "published", table, {}, policies=("cn_control", "listed"),
                        max_shrink=0.05, names=names(table), now=datetime.now(UTC),
                        signer=find_signer(private, env={}))
    written, cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    problems = verify_version(published.path, load_public_key(public))
    checked = time.perf_counter() - started
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB"
                      for p in sorted(published.path.iterdir()))
    print(f"{rows:>9,} rows: publish {written:6.2f} s wall, {cpu:6.2f} s CPU "
          f"({rows / cpu:,.0f} rows per CPU second), verify {checked:5.2f} s, "
          f"problems {len(problems)}")
    print(f"           {sizes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    args = parser.parse_args()
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as scratch:
            run(rows, Path(scratch))


if __name__ == "__main__":
    main()
