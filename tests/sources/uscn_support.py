"""Shared helpers of the US China-related list tests (us_dod_1260h, us_fcc_covered,
us_ndaa_889, us_bis_mieu): run a parser on one file and read every staged table."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow.parquet as pq

from pipelines.lib.staging import StagingWriter
from pipelines.sources import us_bis_mieu, us_dod_1260h, us_fcc_covered, us_ndaa_889
from pipelines.sources.base import ParseOptions, Snapshot

Tables = dict[str, list[dict[str, Any]]]
REAL = {
    "us_dod_1260h": "sanctions/us_dod_1260h/sanctions.csv",
    "us_fcc_covered": "sanctions/us_other_china_lists/fcc_covered_list_table.csv",
    "us_ndaa_889": "sanctions/us_other_china_lists/ndaa_section_889.csv",
    "us_bis_mieu": "sanctions/us_other_china_lists/bis_mieu.csv",
}
MODULES: dict[str, ModuleType] = {
    module.SPEC.id: module for module in (us_dod_1260h, us_fcc_covered, us_ndaa_889, us_bis_mieu)
}


def run(source_id: str, path: Path, out: Path, accept_new_values: bool = False) -> Tables:
    """Parse ``path`` with the source's parser into ``out``; every table as rows."""
    module = MODULES[source_id]
    snapshot = Snapshot(source_id, "test", path.parent, {"data": path})
    with StagingWriter(out, module.SPEC.tables) as writer:
        module.parse(snapshot, writer, ParseOptions(accept_new_values=accept_new_values))
    names = [*module.SPEC.tables, "quarantine", "leftovers"]
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in names}


def write_csv(path: Path, *lines: str, newline: str = "\n") -> Path:
    path.write_text("".join(line + newline for line in lines), encoding="utf-8")
    return path
