"""Denylist tables with the published schema, for the publishing tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines.lib.publish import publish
from pipelines.lib.publish_schema import DENYLIST, NAMES
from pipelines.lib.signing import Signer

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
_ARROW: dict[str, pa.DataType] = {"string": pa.string(), "number": pa.float64(), "date": pa.date32()}


def row(entity_id: str, name: str = "ACME", **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "entity_id": entity_id, "name": name, "kind": "company", "policy": "listed",
        "status": "definite", "basis": "listed", "risk_sources": entity_id,
        "path": f"{name} (listed: us_ofac_sdn [SDGT])", "identifiers": "", "countries": "",
        "stake_lo": None, "stake_hi": None, "source_records": entity_id,
        "as_of": date(2026, 11, 20),
    }
    return {**base, **values}


def denylist(rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema([(c.name, _ARROW[c.type]) for c in DENYLIST])
    return pa.Table.from_pylist(rows, schema=schema)


def table(n: int, name: str = "ACME") -> pa.Table:
    return denylist([row(f"e{i:03d}", name) for i in range(n)])


def names(rows: list[tuple[str, str, str, str | None]]) -> pa.Table:
    schema = pa.schema([(c.name, pa.string()) for c in NAMES])
    return pa.Table.from_pylist([dict(zip([c.name for c in NAMES], r, strict=True))
                                 for r in rows], schema=schema)


def publish_at(root: Path, rows: pa.Table, minutes: int = 0, *, signer: Signer | None = None,
               **kwargs: Any) -> Path:
    published = publish(root, rows, {"as_of": "2026-11-20"}, policies=("listed",),
                        max_shrink=0.05, now=T0 + timedelta(minutes=minutes), signer=signer,
                        **kwargs)
    return published.path
