"""Reference code lists as external assets, so the asset graph shows what the SQL joins.

Each ``data/reference/<name>.csv`` (list codes, program codes, country names,
...) is versioned with the code and read by the SQL as ``reference.<name>``
(pipelines/lib/warehouse.py); nothing materializes it.
"""

from __future__ import annotations

import dagster as dg

from pipelines.lib.warehouse import REFERENCE_DIR

assets = [
    dg.AssetSpec(
        ["reference", path.stem],
        group_name="reference",
        description=f"Code list data/reference/{path.name}, versioned with the code; "
        f"the SQL reads it as reference.{path.stem}.",
        kinds={"csv"},
        metadata={"path": f"data/reference/{path.name}"},
    )
    for path in sorted(REFERENCE_DIR.glob("*.csv"))
]
